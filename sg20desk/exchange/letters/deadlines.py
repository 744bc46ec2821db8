"""A collective letter's deadlines: its key deadlines, the rules of Annex A, and the instants its
paragraphs state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from sg20desk.db.schema import DeadlineOrigin
from sg20desk.exchange.letters.document import due_clock
from sg20desk.exchange.letters.heading import ADVICE, ANNEX, BULLET, CLOSING, KEY_DEADLINES, annex_a
from sg20desk.exchange.letters.model import (
    DeadlineFact,
    Line,
    Meeting,
    ReadWarning,
    Stated,
    uid,
)
from sg20desk.exchange.letters.reading import Reading
from sg20desk.exchange.letters.text import find, paragraphs, sentence_case, sentences
from sg20desk.rules.deadlines import Anchor, Rule, due_for_meeting
from sg20desk.rules.documents import CIRCULAR_REF, DESIGNATION_TEXT
from sg20desk.rules.phrases import (
    DATE_TEXT,
    MONTH_NAMES,
    ON_WEEKDAY,
    DayPhrase,
    InstantPhrase,
    PhraseError,
    find_instants,
    find_rule,
    read_phrase,
)

# a former name is short: bounded, so a line of unclosed "(ex " costs linear time
_ONE_DRAFT = rf"ITU-T\s+{DESIGNATION_TEXT}(?:\s+\(ex\s+[^)]{{1,60}}\))?"
#: "draft Recommendations ITU-T Y.4241 (ex Y.dt-SComCam), ... and ITU-T Y.4912" in a task
_DRAFT_LIST = re.compile(
    r"\b(?P<lead>(?:(?:determined|consented)\s+)?draft\s+Recommendations)\s+"
    rf"(?P<list>{_ONE_DRAFT}(?:(?:,\s+|,?\s+and\s+){_ONE_DRAFT})+)",
    re.I,
)
#: from this many drafts on, a task names their number instead of listing them
_MANY_DRAFTS = 3


def _task_title(task: str) -> str:
    """A key deadline's task as a title short enough for a list: a long list of drafts
    becomes their number ("on 10 determined draft Recommendations"); the drafts themselves
    are in the circular's Annex 1."""

    def count(match: re.Match[str]) -> str:
        drafts = len(re.findall(_ONE_DRAFT, match["list"]))
        if drafts < _MANY_DRAFTS:
            return match[0]
        lead = match["lead"]
        return f"{drafts} {lead[0].lower()}{lead[1:]}"

    return _DRAFT_LIST.sub(count, task)


@dataclass
class _Task:
    title: str
    due: DayPhrase | InstantPhrase
    stated: str
    line: Line


_HEADER = {"date", "dates", "deadline", "deadlines", "task", "tasks", "action", "what", "due"}
_NOTES = {"notes", "note", "remarks", "comments", "details", "how", "where"}
# a row written as text: "13 March 2027 - Submit ...", "Monday, 13 March 2027: Submit ..."
# (its date may give a time: "Thursday, 29 April 2021, 2359 hours UTC: ...")
_AT_TIME = r"(?:,?\s+(?:at\s+)?\d{4}\s*hours(?:\s*\(?(?:UTC|GMT|Geneva\s+time|CES?T)\)?)?)?"
_DATED_ROW = re.compile(
    rf"^[-–•]?\s*({ON_WEEKDAY}{DATE_TEXT}{_AT_TIME})\s*(?:[-–—:|/]\s*|\s+(?=[-–•]\s))(\S.*)$",
    re.I,
)
# the next row run onto this one: a date after a task's words, then its own task
_NEXT_ROW = re.compile(
    rf"(?<=[\w).;])\s+(?:[-–•]\s*)?(?={ON_WEEKDAY}{DATE_TEXT}{_AT_TIME}\s*(?:[-–—:|/]\s|\t))",
    re.I,
)
# a key-deadline list written on one line with its heading: "Key deadlines: 20 January ..."
_INLINE_LIST = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:(?:Key|Important|Main)\s+)?deadlines\s*:\s*(\S.*)$", re.I
)
# a time the task gives in brackets: "Submit contributions (2359 hours UTC)"
_TASK_TIME = re.compile(r"\s*\((\d{4})\s*hours\s*(UTC|GMT|Geneva\s+time)\)", re.I)


# tasks of one cell parted by " / " or "; " ("Submit fellowship requests / Submit requests
# for visa support letters"), each starting with a capital
_TASK_PARTS = re.compile(r"\s+/\s+(?=[A-Z])|;\s+(?=\w+\s+\w)|\s+/\s*(?=[-–•]\s)")
# tasks of one table cell, each a bullet: "- Submit fellowship requests - Pre-register"
_CELL_BULLET = re.compile(r"\s+[-–•]\s+(?=[A-Z])")


def _rows(line: Line) -> list[Line]:
    """A key-deadline line as rows of cells: a date written before its task on one line
    becomes a date cell and a task, and two rows run together are parted at the date that
    starts the second."""
    text = line.text
    if len(text) > 2000 or not re.search(DATE_TEXT, text, re.I):
        return [line]
    pieces = []
    start = 0
    for match in _NEXT_ROW.finditer(text):
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    out = []
    for piece in pieces:
        piece = re.sub(r"^\s*([-–•])\t", r"\1 ", piece)  # "-<tab>05 January 2026: ..."
        row = _DATED_ROW.match(piece.strip()) if "\t" not in piece else None
        cells = f"{row[1]}\t- {row[2].lstrip('-–•').strip()}" if row else piece.strip()
        date_cell, _tab, tasks = cells.partition("\t")
        if tasks.startswith(("-", "–", "•")):  # a cell of several bullets: a task each
            for task in _CELL_BULLET.split(tasks.lstrip("-–• ")):
                row_text = f"{date_cell}\t- {task}"
                out.append(Line(line.number, row_text.strip(), row_text))
                date_cell = ""
            continue
        out.append(Line(line.number, cells, cells))
    return out


def _key_deadlines(
    lines: Sequence[Line], source: str, meeting: Meeting, warnings: list[ReadWarning]
) -> list[_Task]:
    """The "Key deadlines" lists (a letter may give more than one): a date, then its
    tasks (bullets, the cells after it, or lines of their own under it); a task given
    twice is kept once."""
    out: list[_Task] = []
    start = 0
    while (index := find(lines, KEY_DEADLINES, start)) is not None:
        for task in _key_list(lines, index, None, source, meeting, warnings):
            if not any(t.title == task.title and t.stated == task.stated for t in out):
                out.append(task)
        start = index + 1
    if out or start:
        return out
    index = find(lines, _INLINE_LIST)
    if index is None:
        return []
    inline = _INLINE_LIST.match(lines[index].plain)
    assert inline is not None
    first = Line(lines[index].number, inline[1], inline[1])
    return _key_list(lines, index, first, source, meeting, warnings)


def _key_list(
    lines: Sequence[Line],
    index: int,
    first: Line | None,
    source: str,
    meeting: Meeting,
    warnings: list[ReadWarning],
) -> list[_Task]:
    """One key-deadline list, under its heading at ``index`` (``first``: the list's start
    on the heading's own line)."""
    following: list[Line] = [first] if first is not None else []
    tasks: list[_Task] = []
    current: tuple[DayPhrase | InstantPhrase, str] | None = None
    undated = False
    written_rows = [*following, *lines[index + 1 :]]
    notes_column: int | None = None
    for line in (row for written in written_rows for row in _rows(written)):
        text = line.plain
        if not text:
            continue
        if CLOSING.match(text) or ANNEX.match(text) or _NEXT_PARAGRAPH.match(text):
            break
        header = [cell.casefold().strip(":") for cell in line.cells]
        if all(cell in _HEADER | _NOTES for cell in header) and any(c in _HEADER for c in header):
            # a table's header row; a column of notes is not a task of its own
            notes_column = next((i for i, c in enumerate(header) if c in _NOTES), None)
            continue
        if notes_column is not None and len(line.cells) > notes_column and "\t" in line.raw:
            kept = [c for i, c in enumerate(line.cells) if i != notes_column]
            line = Line(line.number, "\t".join(kept), "\t".join(kept))
            text = line.plain
        bullet = BULLET.match(text)
        task = bullet[1] if bullet else None
        after = _TASK_THEN_DATE.match(task) if task else None
        if after is not None:  # "- Registration (online): 22 February 2021"
            try:
                value = read_phrase(after[2], meeting.zone)
            except PhraseError:
                value = None
            if isinstance(value, DayPhrase | InstantPhrase):
                undated = False
                tasks.append(_with_time(after[1].strip(), (value, after[2]), line, meeting))
                continue
        if task is None:
            cells = line.cells
            if text.endswith(".") and len(text.split()) > 5 and not _LOOKS_DATED.match(text):
                break  # a sentence: the letter goes on after the list
            if len(cells) == 1 and _TASK_LINE.match(cells[0]) and not _MONTH.search(cells[0]):
                task = cells[0]  # a task on a line of its own, under the date above
            else:
                # "13 March 2026", or a row "13 March 2026 <tab> [-] Submit ..."
                try:
                    value = read_phrase(cells[0], meeting.zone)
                except PhraseError as exc:
                    warnings.append(
                        ReadWarning(
                            source,
                            line.number,
                            f"not read as a due date: {exc}; add the deadline in the preview",
                        )
                    )
                    current = None  # its tasks must not fall under the date before
                    undated = True
                    continue
                if not isinstance(value, DayPhrase | InstantPhrase):
                    warnings.append(ReadWarning(source, line.number, f"not a due date: {cells[0]}"))
                    current, undated = None, True
                    continue
                undated = False
                current = (value, cells[0])
                if len(cells) == 1:
                    continue
                # each cell after the date a task of its own when each starts one ("6 May
                # 2022 | Pre-registration | Submit requests ..."), else one task
                named = [
                    sentence_case(BULLET.sub(r"\1", piece).strip())
                    for c in cells[1:]
                    if c not in ("-", "–", "•")
                    for piece in _TASK_PARTS.split(c)
                ]
                if not named:
                    continue
                if len(named) > 1 and all(c[:1].isupper() for c in named):
                    for extra in named[:-1]:
                        tasks.append(_Task(extra.rstrip(";,."), current[0], current[1], line))
                    task = named[-1]
                else:
                    task = " ".join(named)
        if current is None:
            why = "its date above was not read" if undated else "it comes before any date"
            warnings.append(ReadWarning(source, line.number, f"task not read, {why}: {text[:80]}"))
            continue
        tasks.append(_with_time(task.strip().rstrip(";,.").strip(), current, line, meeting))
    return tasks


def _with_time(
    task: str, current: tuple[DayPhrase | InstantPhrase, str], line: Line, meeting: Meeting
) -> _Task:
    """A task under its date, at the time it gives in brackets when it gives one ("Submit
    contributions (2359 hours UTC)" is due at 23:59 UTC that day, not at the end of the
    day where the meeting is)."""
    due, stated = current
    said = _TASK_TIME.search(task)
    if said is None or not isinstance(due, DayPhrase):
        return _Task(task, due, stated, line)
    words = f"{said[1]} hours {said[2]} on {stated}"
    try:
        value = read_phrase(words, meeting.zone)
    except PhraseError:
        return _Task(task, due, stated, line)
    if not isinstance(value, InstantPhrase):
        return _Task(task, due, stated, line)
    return _Task(_TASK_TIME.sub("", task).strip(), value, words, line)


_LOOKS_DATED = re.compile(rf"^{ON_WEEKDAY}\d{{1,2}}\s+(?:{MONTH_NAMES})\b", re.I)
# a task then its date: "Submission of Member contributions: 25 February 2021"
_TASK_THEN_DATE = re.compile(
    rf"^(\S.{{0,200}}?)\s*(?::|\s[-–]|,)\s*({ON_WEEKDAY}{DATE_TEXT}{_AT_TIME})\.?$", re.I
)
# a task on a line of its own starts with a capital ("Submit requests for visa ..."); a
# line in lower case or naming a month is meant as a date ("sometime in September")
_TASK_LINE = re.compile(r"^[A-Z][a-z]")
_MONTH = re.compile(rf"\b(?:{MONTH_NAMES})\b", re.I)
# the next numbered paragraph of the body ("6 Practical information ..."), not a date
_NEXT_PARAGRAPH = re.compile(rf"^\d{{1,2}}\.?\s+(?!(?:{MONTH_NAMES})\b)[A-Z][a-z]")


# Topics of practical information: the words that name them in a key deadline's task
# and in an Annex A paragraph, so that a rule found there joins the deadline it explains.
_TOPICS = {
    "captioning": (r"caption", r"caption|accessibility"),
    # "contributions that will not be translated" are not those for translation
    "translation": (r"translat", r"(?<!not be )(?<!not )translat"),
    "fellowship": (r"fellowship", r"fellowship"),
    "pre-registration": (r"pre-?registration", r"pre-?registration"),
    "visa": (r"\bvisa", r"\bvisa"),
    "interpretation": (r"interpretation", r"interpretation"),
    "remote participation": (r"remote participation", r"remote participa|remotely"),
    # (the registration form is where other things are asked for: not this topic)
    "registration": (r"\bregist(?:er|ration)", r"\bregist(?:er|ered|ering|ration)\b(?!\s+form)"),
    "hotel": (r"\bhotel", r"\bhotels?\b|\bbookings?\b|\breservations?\b"),
    "delegation": (
        r"\bdelegation\b",
        r"\blist\s+of\s+(?:your\s+|the\s+)?delegat|\bdelegation\s+list|names\s+of\s+(?:your\s+)?delegates",
    ),
    "contributions": (r"contribution", r"contribution"),  # after translation: it says both
}
_RULE_TITLES = {
    "captioning": "Request real-time captioning",
    "translation": "Submit contributions for which translation is requested",
    "fellowship": "Submit fellowship requests",
    "pre-registration": "Pre-register for the meeting",
    "visa": "Request a visa support letter",
    "interpretation": "Request interpretation",
    "remote participation": "Request interactive remote participation for a session",
    "registration": "Register for the meeting",
    "hotel": "Book a hotel at the rates offered",
    "delegation": "Send the list of your delegation",
    "contributions": "Submit contributions",
}


def _topic(text: str, which: int) -> str | None:
    for name, patterns in _TOPICS.items():
        if re.search(patterns[which], text, re.I):
            return name
    return None


@dataclass
class _Rule:
    topic: str | None
    words: str
    value: Rule
    sentence: str
    line: Line


def _practical_rules(
    lines: Sequence[Line], source: str, warnings: list[ReadWarning]
) -> list[_Rule]:
    """The deadlines Annex A states as rules ("at least one month before the meeting")."""
    out = []
    for line, text in paragraphs(annex_a(lines)):
        for sentence in sentences(text):
            if ADVICE.search(sentence):
                continue
            try:
                found = find_rule(sentence)
            except PhraseError as exc:
                warnings.append(ReadWarning(source, line.number, str(exc)))
                continue
            if found is not None:
                words, rule = found
                topic = _topic(sentence, 1) or _topic(text, 1)
                out.append(_Rule(topic, words, rule, sentence, line))
    return out


@dataclass
class _Printed:
    """A date Annex A gives in a sentence for a topic ("... not later than 16 August 2016")."""

    topic: str
    words: str
    day: DayPhrase
    line: Line


_BY_DATE = re.compile(
    r"\b(?:not\s+later\s+than|no\s+later\s+than|by|before|until|deadline\s+(?:\w+\s+){0,4}is)"
    rf"\s+{ON_WEEKDAY}({DATE_TEXT})",
    re.I,
)


def _only_topic(text: str) -> str | None:
    """The topic of a paragraph that speaks of one only."""
    found = {name for name, patterns in _TOPICS.items() if re.search(patterns[1], text, re.I)}
    return found.pop() if len(found) == 1 else None


def _join_rule(
    entry: DeadlineFact,
    rules: Sequence[_Rule],
    used: set[int],
    topic: str | None,
    day: date,
    meeting: Meeting,
    where: str,
) -> None:
    """The first rule not yet used of a deadline's topic that gives its printed day joined
    to it, named in its source after ``where`` ("Annex A: ")."""
    for index, rule in enumerate(rules):
        if topic is None or rule.topic != topic or index in used:
            continue
        if _agrees(rule, day, meeting):
            used.add(index)
            entry.rule = rule.value
            entry.source_text += f'; {where}"{rule.words}" (line {rule.line.number})'
            return


def _agrees(rule: _Rule, day: date, meeting: Meeting) -> bool:
    """Whether a rule gives (within two days) the day a letter prints for its deadline: a
    rule that gives another day explains some other deadline, and is not joined to it."""
    assert meeting.first is not None
    if rule.value.anchor is Anchor.SESSION_START:
        return True
    due = due_for_meeting(rule.value, meeting.first, meeting.last)
    return abs((due - day).days) <= 2


# a paragraph of its own: numbered ("6 Subject to ...") or headed ("FELLOWSHIPS: ...")
_OPENS_PARAGRAPH = re.compile(r"^(?:\d{1,2}\.?\s|[A-Z][A-Z /-]{3,40}:)")


def _printed_dates(
    lines: Sequence[Line], source: str, zone_name: str, warnings: list[ReadWarning]
) -> list[_Printed]:
    """The dates the body and Annex A print for a topic in a sentence ("Contributions
    should reach TSB not later than 31 October 2016"), outside any key-deadline list (the
    caller leaves its lines out)."""
    out = []
    context: str | None = None  # the topic of the numbered paragraph a line goes on with
    for line, text in paragraphs(lines):
        if _OPENS_PARAGRAPH.match(text):
            context = _only_topic(text)
        for sentence in sentences(text):
            if len(sentence) > 2000:
                continue
            for match in _BY_DATE.finditer(sentence):
                topic = _topic(sentence, 1) or _only_topic(text) or context
                if topic is None:
                    continue
                try:
                    value = read_phrase(match[1], zone_name)
                except PhraseError as exc:
                    warnings.append(ReadWarning(source, line.number, str(exc)))
                    continue
                if isinstance(value, DayPhrase):
                    out.append(_Printed(topic, match[0], value, line))
    return out


def deadlines_of(
    lines: Sequence[Line],
    source: str,
    meeting: Meeting,
    reading: Reading,
    body: tuple[int, int],
) -> list[DeadlineFact]:
    warnings = reading.warnings
    tasks = _key_deadlines(lines, source, meeting, warnings)
    rules = _practical_rules(lines, source, warnings)
    instants = stated_instants(lines[body[0] : body[1]], source, meeting.zone, warnings)
    out: list[DeadlineFact] = []
    used: set[int] = set()
    # each paragraph searched once for each circular, not once for each instant it states
    names = cache(lambda reference, paragraph: reference in paragraph)
    for task in tasks:
        entry = DeadlineFact(
            # named by the letter's whole task, as before titles were shortened: stores
            # that hold an earlier reading match it and keep its status
            uid(meeting.code, "deadline", task.title),
            _task_title(task.title),
            meeting.zone,
            f"{task.stated} (key deadlines, line {task.line.number})",
            DeadlineOrigin.LETTER,
            task.line.number,
        )
        due = task.due
        if isinstance(due, DayPhrase):
            entry.due_date = due.day
            circular = CIRCULAR_REF.search(task.title)
            for stated in instants:
                same_circular = circular is not None and names(circular[0], stated.paragraph)
                only_one = circular is None and len(instants) == 1
                if stated.value.day == due.day and (same_circular or only_one):
                    entry.due_date = None
                    entry.zone = stated.value.zone
                    entry.due_at = due_clock(stated.value)
                    entry.source_text += f"; {stated.words} (line {stated.line})"
                    if circular is not None:
                        reading.replies[f"TSB Circular {circular[1]}"] = stated
                    break
        else:
            entry.zone = due.zone
            entry.due_at = due_clock(due)
        _join_rule(entry, rules, used, _topic(task.title, 0), due.day, meeting, "Annex A: ")
        out.append(entry)
    task_topics: dict[str | None, _Task] = {_topic(t.title, 0): t for t in tasks}
    listed = {task.line.number for task in tasks}
    prose = [
        line for line in [*lines[body[0] : body[1]], *annex_a(lines)] if line.number not in listed
    ]
    assert meeting.first is not None
    practical = {line.number for line in annex_a(lines)}
    for printed in _printed_dates(prose, source, meeting.zone, warnings):
        if printed.day.day >= meeting.first:
            continue  # a date in the meeting's days is not a deadline to meet before it
        known = task_topics.get(printed.topic)
        if known is not None:
            if isinstance(known.due, DayPhrase) and known.due.day != printed.day.day:
                warnings.append(
                    ReadWarning(
                        source,
                        printed.line.number,
                        f"Annex A gives {printed.words!r} for {printed.topic}, the key deadlines "
                        f"(line {known.line.number}) {known.stated}; keeping the key deadline: "
                        "correct it in the preview if Annex A is right",
                    )
                )
            continue
        if any(e.due_date == printed.day.day for e in out):
            continue  # the same day said twice in Annex A
        title = _RULE_TITLES[printed.topic]
        where = "Annex A" if printed.line.number in practical else "the letter"
        entry = DeadlineFact(
            uid(meeting.code, "deadline", title),
            title,
            meeting.zone,
            f'{where}: "{printed.words}" (line {printed.line.number})',
            DeadlineOrigin.LETTER,
            printed.line.number,
            due_date=printed.day.day,
        )
        _join_rule(entry, rules, used, printed.topic, printed.day.day, meeting, "")
        task_topics[printed.topic] = _Task(title, printed.day, printed.words, printed.line)
        out.append(entry)
    for index, rule in enumerate(rules):
        if index in used:
            continue
        if rule.topic is not None and rule.topic in task_topics:
            continue  # said again for a topic whose deadline already has its rule
        title = _RULE_TITLES.get(rule.topic or "", rule.sentence[:120])
        out.append(
            DeadlineFact(
                uid(meeting.code, "deadline", title),
                title,
                meeting.zone,
                f'Annex A: "{rule.words}" (line {rule.line.number})',
                DeadlineOrigin.LETTER,
                rule.line.number,
                rule=rule.value,
            )
        )
    return out


def stated_instants(
    lines: Sequence[Line], source: str, zone_name: str, warnings: list[ReadWarning]
) -> list[Stated]:
    """Every instant stated in ``lines``, with its paragraph."""
    out = []
    for line, text in paragraphs(lines):
        for words, value in find_instants(text, zone_name):
            if isinstance(value, PhraseError):
                warnings.append(ReadWarning(source, line.number, str(value)))
            elif isinstance(value, InstantPhrase):
                out.append(Stated(words, value, text, line.number))
    return out


def mentions_of(lines: Sequence[Line], body: tuple[int, int]) -> dict[str, tuple[date, int]]:
    """Circulars the letter names with a date: "TSB Circular 106 (12 February 2026)"."""
    out: dict[str, tuple[date, int]] = {}
    pattern = re.compile(rf"{CIRCULAR_REF.pattern}\s*\(\s*({DATE_TEXT})\s*\)", re.I)
    for line, text in paragraphs(lines[body[0] : body[1]]):
        for match in pattern.finditer(text):
            try:
                value = read_phrase(match[2])
            except PhraseError:
                continue
            if isinstance(value, DayPhrase):
                out.setdefault(f"TSB Circular {match[1]}", (value.day, line.number))
    return out
