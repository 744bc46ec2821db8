"""A TSB Circular opening a Traditional Approval Procedure consultation: its drafts and reply
deadline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from sg20desk.db.schema import DeadlineOrigin
from sg20desk.exchange.letters.deadlines import stated_instants
from sg20desk.exchange.letters.document import due_clock
from sg20desk.exchange.letters.heading import (
    ANNEX,
    SUBJECT_LABEL,
    after_label,
    body_of,
    group_of,
    meeting_of,
)
from sg20desk.exchange.letters.model import (
    MAX_DRAFTS,
    DeadlineFact,
    DraftFact,
    Facts,
    Kind,
    LetterError,
    Line,
    Meeting,
    ReadWarning,
    Stated,
    uid,
)
from sg20desk.exchange.letters.reading import Reading
from sg20desk.exchange.letters.text import paragraphs
from sg20desk.rules.approval import Procedure
from sg20desk.rules.documents import DESIGNATION_TEXT, designation_of
from sg20desk.rules.phrases import DATE_TEXT, DayPhrase, InstantPhrase, PhraseError, read_phrase
from sg20desk.rules.procedures import Stage
from sg20desk.rules.timezones import UTC_NAME, end_of_day, format_days

# --- the TAP circular --------------------------------------------------------------------

# "1 Draft new Recommendation ITU-T Y.4241 (ex Y.dt-SComCam) (SG20-R12)"; older circulars
# leave out "ITU-T" and give a common text both its numbers ("G.8261/Y.1361")
_DRAFT_HEADING = re.compile(
    rf"^(?:\d{{1,3}}\.?\s+)?Draft\s+(new|revised)\s+Recommendation\s+((?:ITU-T\s+)?"
    rf"{DESIGNATION_TEXT})"
    r"((?:\s*\([^()]{1,80}\))*)\s*$",  # "(ex Y.dt-SComCam)", "(SG20-R12)", "(SG15-TD412/WP3)"
    re.I,
)
_REPORT = re.compile(r"^(?:[A-Z]{1,4}\d{1,3}-R\s?\d+|COM\s?\d{1,3}-R\s?\d+)", re.I)


def _brackets(tail: str) -> tuple[str, str]:
    """A draft heading's former name ("ex ...") and report number ("SG20-R12") among the
    brackets after its designation; others (a TD's number) are not kept."""
    former = report = ""
    for inside in re.findall(r"\(([^()]{1,80})\)", tail):
        if inside.casefold().startswith("ex "):
            former = former or re.sub(r"\s+", "", inside[3:])
        elif _REPORT.match(inside):
            report = report or re.sub(r"\s+", "", inside)
    return former, report


_IPR = re.compile(r"^TSB\s+NOTE\s*[-–—:]\s*(.*)$", re.I)


_ABOUT_REPLIES = re.compile(
    r"Annex\s*2|reply|replies|return the form|assigns?\s+authority|inform\s+me\s+by"
    r"|authori[sz]es?\s+(?:Study\s+Group|the\s+study\s+group)|let\s+me\s+know\s+by",
    re.I,
)
# "by 24000 hours UTC on 11 January 2001": a day whose time is not one
_BY_DAY = re.compile(
    rf"\bby\s+(?P<time>\S+\s+hours\s+(?:\(?(?:UTC|GMT|Geneva\s+time)\)?\s+)?on\s+)?"
    rf"(?P<day>{DATE_TEXT})",
    re.I,
)
# the procedure by name, or by the section of WTSA Resolution 1 that sets it out
_TAP = re.compile(
    r"Traditional\s+Approval\s+Procedure|\bTAP\b|Resolution\s+1,?\s+(?:Section|clause)\s+9\b"
    r"|(?:Section|clause)\s+9\s+of\s+(?:the\s+)?(?:WTSA\s+)?Resolution\s+1\b",
    re.I,
)


def read_circular(
    lines: Sequence[Line], source: str, reference: str, dated: date | None
) -> Reading:
    warnings: list[ReadWarning] = []
    group = group_of("", lines)
    if not group:
        raise LetterError(f"{source}: the circular names no study group ('Study Group 20')")
    body = body_of(lines)
    text = " ".join(line.plain for line in lines[body[0] : body[1]])
    if _is_result(text):
        return _read_result(lines, source, reference, dated, group, body)
    if _DELETION.search(text) and not _TAP.search(text):
        return _read_deletion(lines, source, reference, dated, group, body)
    _refuse_other_circulars(text, source, reference)
    meeting = meeting_of(lines, source, group, warnings)
    facts = Facts(meeting, reference, dated)
    reading = Reading(source, Kind.CIRCULAR, reference, dated, facts, warnings)
    if not _TAP.search(text):
        warnings.append(
            ReadWarning(
                source,
                lines[body[0]].number if body[0] < len(lines) else 1,
                "the circular does not say it applies the Traditional Approval "
                "Procedure; its drafts are read as TAP drafts",
            )
        )
    stated = _replies_by(lines[body[0] : body[1]], source, warnings)
    deadline = (stated[0].value, stated[0].line) if stated else None
    if deadline is None:
        warnings.append(
            ReadWarning(
                source,
                lines[body[0]].number if body[0] < len(lines) else 1,
                "no reply deadline found ('by 2359 hours UTC on ...'); the "
                "consultation closes as the procedure gives it",
            )
        )
    else:
        reading.reply_deadline = (deadline[0].at, deadline[0].zone, deadline[1])
    threshold = None
    match = re.search(
        r"(?:at\s+least\s+)?(\d{1,3})\s*(?:%|per\s*cent)\s+(?:or\s+more\s+)?of\s+the\s+replies",
        text,
        re.I,
    )
    if match and 0 < int(match[1]) <= 100:
        threshold = int(match[1])
    draft = _Drafts(meeting, reference, dated, deadline, threshold)
    drafts = _annex1(lines, source, draft, warnings)
    if drafts is None:
        drafts = _drafts_named(lines, body, source, draft, warnings)
    _check_annex2(lines, source, drafts, warnings)
    form = any(re.match(r"^ANNEX\s+2\b", line.plain, re.I) for line in lines)
    facts.drafts = drafts
    if stated:
        facts.deadlines = [_reply_deadline(meeting, reference, stated[0], len(drafts), form=form)]
    facts.settle()
    return reading


def _replies_by(lines: Sequence[Line], source: str, warnings: list[ReadWarning]) -> list[Stated]:
    """The instants the paragraphs about replies state, first the stated ones, else a day
    whose time is not one (see :func:`_reply_day`)."""
    # each paragraph searched once, not once for each instant it states
    about_replies = cache(lambda paragraph: bool(_ABOUT_REPLIES.search(paragraph)))
    stated = [
        found
        for found in stated_instants(lines, source, UTC_NAME, warnings)
        if about_replies(found.paragraph)
    ]
    return stated or _reply_day(lines, source, warnings)


def _read_deletion(
    lines: Sequence[Line],
    source: str,
    reference: str,
    dated: date | None,
    group: str,
    body: tuple[int, int],
) -> Reading:
    """A consultation on deleting Recommendations: its reply deadline, titled with the
    Recommendations it names, as a deadline of the meeting it names."""
    warnings: list[ReadWarning] = []
    meeting = meeting_of(lines, source, group, warnings)
    facts = Facts(meeting, reference, dated)
    reading = Reading(source, Kind.CIRCULAR, reference, dated, facts, warnings)
    named = [d for line in lines[body[0] : body[1]] for d in _designations(line.plain)]
    named = list(dict.fromkeys(named))
    stated = _replies_by(lines[body[0] : body[1]], source, warnings)
    where = lines[body[0]].number if body[0] < len(lines) else 1
    if not stated:
        raise LetterError(
            f"{source}: line {where}: {reference} proposes deleting Recommendations but gives "
            "no reply deadline ('by 2359 hours UTC on ...')"
        )
    if not named:
        warnings.append(
            ReadWarning(source, where, "the Recommendations to delete are not named by designation")
        )
    shown = ", ".join(named[:4]) + (f" and {len(named) - 4} more" if len(named) > 4 else "")
    value = stated[0].value
    title = f"Reply to {reference} on deleting {shown or 'Recommendations'}"
    deadline = _circular_deadline(meeting, reference, stated[0], "deletion", title)
    reading.reply_deadline = (value.at, value.zone, stated[0].line)
    facts.deadlines = [deadline]
    facts.settle()
    return reading


def _reply_deadline(
    meeting: Meeting, reference: str, stated: Stated, drafts: int, *, form: bool = True
) -> DeadlineFact:
    """The circular's reply deadline as a deadline of the meeting, for the lists and
    reminders (a collective letter that lists it among its key deadlines speaks for it
    instead: see :func:`combine`)."""
    count = f"{drafts} draft Recommendation{'' if drafts == 1 else 's'}"
    title = f"Return the Annex 2 reply form of {reference} ({count})"
    if not form:  # a circular without a reply form to return
        title = f"Reply to the consultation of {reference} ({count})"
    if not drafts:  # a circular read without its annexes
        title = f"Reply to the consultation of {reference}"
    return _circular_deadline(meeting, reference, stated, "reply", title)


def _circular_deadline(
    meeting: Meeting, reference: str, stated: Stated, key: str, title: str
) -> DeadlineFact:
    """A deadline a circular states, at the instant it states, named by what it is for."""
    return DeadlineFact(
        uid(meeting.code, "deadline", key, reference),
        title,
        stated.value.zone,
        f"{stated.words} ({reference}, line {stated.line})",
        DeadlineOrigin.CIRCULAR,
        stated.line,
        due_at=due_clock(stated.value),
    )


@dataclass(frozen=True, slots=True)
class _Drafts:
    """What every draft of the circular shares: its meeting, circular and consultation."""

    meeting: Meeting
    reference: str
    dated: date | None
    deadline: tuple[InstantPhrase, int] | None
    threshold: int | None

    def draft(
        self, designation: str, line: Line, *, is_new: bool, former: str = "", report: str = ""
    ) -> DraftFact:
        closes = self.deadline[0] if self.deadline is not None else None
        return DraftFact(
            uid(self.meeting.code, "draft", designation),
            designation,
            self.reference,
            line.number,
            former,
            is_new,
            report_number=report,
            procedure=Procedure.TAP,
            stage=Stage.CONSULTATION_OPEN,
            circular_date=self.dated,
            consultation_deadline=due_clock(closes) if closes is not None else None,
            consultation_zone=closes.zone if closes is not None else "",
            threshold_percent=self.threshold,
        )


_CONSULTATION = re.compile(
    r"\bconsultation\b|assigns?\s+authority|considered\s+for\s+approval|view\s+to\s+approving",
    re.I,
)
_RESULT = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been)\s+approved\b|\bapproved\s+the\s+following\b"
    r"|\bApproval\s+of\s+(?:ITU-T\s+)?"
    r"Recommendations?\b(?!\s+in\s+accordance)",
    re.I,
)
_DELETION = re.compile(r"\b(?:deletion|delete|suppression)\s+of\b", re.I)


def _is_result(text: str) -> bool:
    return bool(_RESULT.search(text)) and not _CONSULTATION.search(text)


def _refuse_other_circulars(text: str, source: str, reference: str) -> None:
    """A circular that is neither a TAP consultation nor an approval's result is refused
    with what it appears to be, rather than read as one."""
    if _CONSULTATION.search(text) or _TAP.search(text):
        return
    raise LetterError(
        f"{source}: {reference} appears to be neither a consultation nor an approval result; "
        "sg20desk reads circulars that open "
        "a Traditional Approval Procedure consultation: record what it says in the Drafts "
        "section"
    )


# "ITU-T Y.4470", "Recommendation Y.4471", and the designations listed after one
_NAMED = re.compile(rf"\b(?:ITU-T\s+|Recommendations?\s+)({DESIGNATION_TEXT})\b")
# (matched where the designation before it ends)
_LISTED = re.compile(
    r"(?:\s*\([^)]{0,80}\))?(?:,\s*|,?\s+and\s+|;\s*)(?:ITU-T\s+)?"
    rf"({DESIGNATION_TEXT})\b"
)
_NOT_APPROVED = re.compile(r"\bnot\s+(?:been\s+)?approved\b|\bnot\s+approve\b|\bwithdrawn\b", re.I)
_APPROVED = re.compile(r"\bapproved\b", re.I)


def _read_result(
    lines: Sequence[Line],
    source: str,
    reference: str,
    dated: date | None,
    group: str,
    body: tuple[int, int],
) -> Reading:
    """A circular announcing which drafts a meeting approved: each draft it names moves to
    approved or not approved; nothing else is read from it."""
    warnings: list[ReadWarning] = []
    meeting = meeting_of(lines, source, group, warnings)
    facts = Facts(meeting, reference, dated)
    reading = Reading(source, Kind.RESULT, reference, dated, facts, warnings)
    shared = _Drafts(meeting, reference, dated, None, None)
    drafts: dict[str, DraftFact] = {}
    current: Stage | None = None
    for line in lines[body[0] :]:
        text = line.plain
        if not text or len(text) > 5000:
            continue
        stated = (
            Stage.NOT_APPROVED
            if _NOT_APPROVED.search(text)
            else Stage.APPROVED
            if _APPROVED.search(text)
            else None
        )
        current = stated or current
        for designation in _designations(text):
            if stated is None and current is None:
                warnings.append(
                    ReadWarning(
                        source, line.number, f"{designation} is named without its result; not read"
                    )
                )
                continue
            if designation in drafts and drafts[designation].stage != (stated or current):
                warnings.append(
                    ReadWarning(
                        source,
                        line.number,
                        f"{designation} is given two results; the first is kept",
                    )
                )
                continue
            if len(drafts) >= MAX_DRAFTS:
                raise LetterError(f"{source}: line {line.number}: more than {MAX_DRAFTS} drafts")
            draft = shared.draft(designation, line, is_new=True)
            assert current is not None  # a line without a result was passed over above
            draft.stage = current
            drafts.setdefault(designation, draft)
    if not drafts:
        raise LetterError(
            f"{source}: {reference} announces an approval's result but names no "
            "Recommendation ('ITU-T Y.4470 ... was approved')"
        )
    facts.drafts = list(drafts.values())
    facts.settle()
    return reading


def _designations(text: str) -> list[str]:
    """The designations a line names, each once, in order ("ITU-T Y.4470, Y.4471 and
    Y.4472")."""
    return [designation for designation, _at in _designations_at(text)]


def _designations_at(text: str) -> list[tuple[str, int]]:
    """The designations a line names, each once, in order, with where each starts."""
    out: dict[str, int] = {}
    for match in _NAMED.finditer(text):
        found = [(match[1], match.start(1))]
        at = match.end()
        while (more := _LISTED.match(text, at)) is not None:
            found.append((more[1], more.start(1)))
            at = more.end()
        for name, start in found:
            out.setdefault(designation_of(name), start)
    return list(out.items())


def _reply_day(lines: Sequence[Line], source: str, warnings: list[ReadWarning]) -> list[Stated]:
    """The reply deadline of a paragraph that gives its day with a time that is not one
    ("by 24000 hours UTC on 11 January 2001"): the end of that day in UTC, said in a
    warning so that the user checks it."""
    for line, text in paragraphs(lines):
        if not _ABOUT_REPLIES.search(text):
            continue
        match = _BY_DAY.search(text)
        if match is None:
            continue
        try:
            value = read_phrase(match["day"], UTC_NAME)
        except PhraseError:
            continue
        if not isinstance(value, DayPhrase):
            continue
        at = end_of_day(value.day, UTC_NAME)
        if match["time"]:
            said = f"{match['time'].split()[0]!r} is not a time"
        else:
            said = "no time is given"
        warnings.append(
            ReadWarning(
                source,
                line.number,
                f"the reply deadline {match[0]!r}: {said}; read as the end of "
                f"{format_days(value.day, value.day)} UTC: check it in the preview",
            )
        )
        return [Stated(match[0], InstantPhrase(at, UTC_NAME, value.day), text, line.number)]
    return []


_NEW_OR_REVISED = re.compile(r"\b(new|revised)\b", re.I)


def _drafts_named(
    lines: Sequence[Line],
    body: tuple[int, int],
    source: str,
    shared: _Drafts,
    warnings: list[ReadWarning],
) -> list[DraftFact]:
    """A circular without its Annex 1: the drafts its subject and paragraphs name."""
    # the subject whole (it may be wrapped over lines), then each paragraph of the body
    subject = after_label(lines, SUBJECT_LABEL)
    texts = [subject] if subject is not None else []
    texts += [(line, line.plain) for line in lines[body[0] : body[1]]]
    drafts: list[DraftFact] = []
    first_line = None
    for line, text in texts:
        for designation, at in _designations_at(text):
            if any(d.designation == designation for d in drafts):
                continue
            if len(drafts) >= MAX_DRAFTS:
                raise LetterError(f"{source}: line {line.number}: more than {MAX_DRAFTS} drafts")
            after = text[at : at + 80]
            former = re.match(r"\S+\s*\(ex\s+([^)\s]{1,60})\)", after)
            # the nearest "new" or "revised" before it in its sentence
            said = _NEW_OR_REVISED.findall(re.split(r"[.;]\s", text[max(0, at - 300) : at])[-1])
            revised = (said and said[-1].casefold() == "revised") or re.match(
                r"\S+\s*\(revised\)", after, re.I
            )
            drafts.append(
                shared.draft(
                    designation, line, is_new=not revised, former=former[1] if former else ""
                )
            )
            first_line = first_line or line.number
    where = lines[body[0]].number if body[0] < len(lines) else 1
    if drafts:
        named = ", ".join(d.designation for d in drafts)
        warnings.append(
            ReadWarning(
                source,
                first_line or where,
                f"no Annex 1: the drafts are those the text names ({named}), without titles "
                "or summaries, and whether each is new or revised is read from the words "
                "before it; check them in the preview",
            )
        )
    else:
        warnings.append(
            ReadWarning(
                source,
                where,
                "no Annex 1, and the text names no draft Recommendation: the consultation's "
                "drafts are not known; add them after importing, or import the circular "
                "with its annexes",
            )
        )
    return drafts


def _annex1(
    lines: Sequence[Line], source: str, shared: _Drafts, warnings: list[ReadWarning]
) -> list[DraftFact] | None:
    """The drafts Annex 1 describes; None when the circular has no Annex 1."""
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"^ANNEX\s+1\b", line.plain, re.I)), None
    )
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if ANNEX.match(lines[i].plain)), len(lines))
    drafts: list[DraftFact] = []
    current: DraftFact | None = None
    state = ""
    summary: list[str] = []
    notes: list[str] = []

    def close() -> None:
        if current is not None:
            current.summary = "\n\n".join(summary)
            current.ipr_statements = "\n\n".join(notes)

    for line in lines[start + 1 : end]:
        text = line.plain
        if not text:
            continue
        heading = _DRAFT_HEADING.match(text)
        if heading:
            close()
            if len(drafts) >= MAX_DRAFTS:
                raise LetterError(f"{source}: line {line.number}: more than {MAX_DRAFTS} drafts")
            summary, notes, state = [], [], "title"
            designation = designation_of(heading[2])
            if any(d.designation == designation for d in drafts):
                current, state = None, "duplicate"  # its lines are skipped, the warning says why
                warnings.append(
                    ReadWarning(
                        source,
                        line.number,
                        f"{designation} is described twice; the first description is kept",
                    )
                )
                continue
            current = shared.draft(
                designation,
                line,
                is_new=heading[1].casefold() == "new",
                former=_brackets(heading[3])[0],
                report=_brackets(heading[3])[1],
            )
            drafts.append(current)
            continue
        if current is None:  # the annex's title names the drafts; anything else is reported
            if state != "duplicate" and not re.search(r"\bdraft\b", text, re.I):
                warnings.append(ReadWarning(source, line.number, f"not read: {text[:80]}"))
            continue
        if state == "title" and re.fullmatch(r"\([^()]{1,80}\)", text):
            extra_former, extra_report = _brackets(text)  # the heading's brackets, a line lower
            current.former_name = current.former_name or extra_former
            current.report_number = current.report_number or extra_report
            continue
        if state == "title":
            current.title = text
            state = "after title"
        elif re.fullmatch(r"Summary:?", text, re.I):
            state = "summary"
        elif (inline := re.match(r"^Summary\s*:\s*(\S.*)$", text, re.I)) is not None:
            state = "summary"  # "Summary: This revision ..." on one line
            summary.append(inline[1])
        elif (ipr := _IPR.match(text)) is not None:
            notes.append(ipr[1].strip())
        elif state == "summary":
            summary.append(text)
        else:
            warnings.append(ReadWarning(source, line.number, f"not read: {text[:80]}"))
    close()
    if not drafts:
        warnings.append(
            ReadWarning(
                source,
                lines[start].number,
                "Annex 1 lists no draft in a heading sg20desk reads (such as 'Draft new "
                "Recommendation ITU-T X.1234'); the drafts the text names are read instead",
            )
        )
        return None
    for draft in drafts:
        if not draft.title:
            warnings.append(
                ReadWarning(source, lines[start].number, f"{draft.designation}: no title")
            )
    return drafts


def _check_annex2(
    lines: Sequence[Line], source: str, drafts: list[DraftFact], warnings: list[ReadWarning]
) -> None:
    """The reply form must list the drafts of Annex 1: say which differ."""
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"^ANNEX\s+2\b", line.plain, re.I)), None
    )
    if start is None:
        return
    pattern = re.compile(
        rf"^(?:\d{{1,3}}\.?\s+)?Draft\s+(?:new|revised)\s+Recommendation\s+"
        rf"((?:ITU-T\s+)?{DESIGNATION_TEXT})",
        re.I,
    )
    listed: dict[str, int] = {}
    for line in lines[start + 1 :]:
        match = pattern.match(line.plain)
        if match:
            listed.setdefault(designation_of(match[1]), line.number)
    known = {d.designation for d in drafts}
    for designation, number in listed.items():
        if designation not in known:
            warnings.append(
                ReadWarning(
                    source,
                    number,
                    f"the reply form lists {designation}, which Annex 1 does not describe",
                )
            )
    for designation in sorted(known - set(listed)):
        warnings.append(
            ReadWarning(source, lines[start].number, f"the reply form does not list {designation}")
        )
