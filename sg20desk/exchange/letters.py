"""Reading the letters TSB sends for a meeting: collective letters and TAP circulars.

A TSB Collective letter invites to a study-group meeting: its heading names the letter
("TSB Collective letter 3/20") and the meeting ("Meeting of Study Group 20; Geneva, 12-21
May 2026"); numbered paragraphs give the side events, the opening time and the key
deadlines; Annex A, the practical information, states deadlines as rules ("at least one
month before the start of the meeting"); Annex B is the draft agenda, a table of No / Item /
Documents. A TSB Circular opening a Traditional Approval Procedure consultation names
its drafts in Annex 1 (designation, former name, report number, title, summary, IPR notes)
and gives the reply deadline and the threshold in its paragraphs.

The readers work on plain text as a word processor copies it out of such letters: table
cells on their own lines, or on one line separated by tabs; Windows line endings; bullets
written ``-`` or ``•``. They look for what a letter of the kind says, not for the lines of
one letter, so sections may come in another order or be missing. What they find becomes a
meeting document in the exchange format (:mod:`sg20desk.exchange.meeting_json`), with
identifiers derived from what each thing is, so reading the same letter twice gives the
same identifiers. Lines they cannot read are reported with their number in ``warnings``,
never dropped in silence; text that is not such a letter at all raises
:class:`LetterError`.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from sg20desk.db.schema import DeadlineOrigin, EventKind
from sg20desk.exchange.meeting_json import FORMAT, FORMAT_VERSION, MAX_DEPTH, MAX_ITEMS
from sg20desk.rules.approval import Procedure
from sg20desk.rules.documents import (
    CIRCULAR_REF,
    DocumentSyntaxError,
    circular_named,
    designation_in,
    parse_documents,
)
from sg20desk.rules.phrases import (
    DATE_TEXT,
    DAYS_TEXT,
    DayPhrase,
    DaysPhrase,
    InstantPhrase,
    PhraseError,
    SpanPhrase,
    find_instants,
    find_rule,
    find_when,
    read_phrase,
)
from sg20desk.rules.procedures import Stage
from sg20desk.rules.timezones import (
    GENEVA,
    UTC_NAME,
    WALL_CLOCK,
    format_days,
    format_instant,
    wall_clock,
)

MAX_BYTES = 2 * 1024 * 1024  # a letter is some 50 kB of text; 2 MiB is no letter
MAX_LINES = 40_000
MAX_DRAFTS = 500

# Identifiers of what a letter describes are UUIDs made from this namespace and a key
# naming the thing ("SG20-2026-05/event/3rd un virtual worlds day"), so that the same
# letter read twice, or by two users, gives the same identifiers.
NAMESPACE = uuid.UUID("6f1d3c2e-5b7a-4e0f-9a41-2c8d7e6b5a13")


class LetterError(ValueError):
    """Text that is not a letter sg20desk can read; the message names the file and line."""


class Kind(StrEnum):
    COLLECTIVE_LETTER = "collective letter"
    CIRCULAR = "circular"


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something read with doubt, or not read at all, at ``line`` of ``source``."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}: line {self.line}: {self.message}"


@dataclass
class Reading:
    """What one letter says, as a meeting document in the exchange format."""

    source: str
    kind: Kind
    reference: str  # "TSB Collective letter 3/20", "TSB Circular 106"
    dated: date | None
    document: dict[str, Any]
    warnings: list[ReadWarning] = field(default_factory=list)
    # what the letter says of other documents: {"TSB Circular 106": (date, line)}
    mentions: dict[str, tuple[date, int]] = field(default_factory=dict)
    reply_deadline: tuple[datetime, str, int] | None = None  # (UTC, zone, line)
    # the reply deadlines a letter states for circulars: {"TSB Circular 106": ...}
    replies: dict[str, _Stated] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based, as an editor shows it
    text: str  # whitespace trimmed, tabs kept between cells
    raw: str = ""  # as written, tabs and all (a line holding only a tab is an empty cell)

    @property
    def cells(self) -> list[str]:
        return [c.strip() for c in self.text.split("\t") if c.strip()]

    @property
    def plain(self) -> str:
        return " ".join(self.cells)


# --- text --------------------------------------------------------------------------------

_ARTEFACT = re.compile(r"\[(?:bookmark|image): [^\]]*\]")  # left by word processors
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2011": "-"})


def split_lines(text: str, source: str) -> list[Line]:
    """The letter's lines, numbered; raises :class:`LetterError` for text no letter has."""
    if len(text) > MAX_BYTES:
        raise LetterError(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MiB; not a letter")
    if "\x00" in text:
        raise LetterError(f"{source}: holds binary data; not a text letter")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    written = text.split("\n")
    if len(written) > MAX_LINES:
        raise LetterError(f"{source}: more than {MAX_LINES} lines; not a letter")
    lines = []
    for number, line in enumerate(written, start=1):
        raw = re.sub(r"[ \x0b\x0c]+", " ", _ARTEFACT.sub("", line)).rstrip(" ")
        lines.append(Line(number, raw.strip(" \t"), raw))
    return lines


def _paragraphs(lines: Sequence[Line]) -> Iterator[tuple[Line, str]]:
    """Each non-empty line as a paragraph with its first line (letters put one per line)."""
    for line in lines:
        if line.plain:
            yield line, line.plain


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;])\s+(?=[A-Z(])", text) if s.strip()]


def _find(lines: Sequence[Line], pattern: re.Pattern[str], start: int = 0) -> int | None:
    for index in range(start, len(lines)):
        if pattern.search(lines[index].plain):
            return index
    return None


def _key(*parts: str) -> str:
    return "/".join(" ".join(p.casefold().split()) for p in parts)


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, _key(*parts)))


# --- what kind of letter -----------------------------------------------------------------

_COLLECTIVE_REF = re.compile(r"\bCollective\s+letter\s+(\d{1,3})\s*/\s*(\d{1,3})\b", re.I)

# a former name is short: bounded, so a line of unclosed "(ex " costs linear time
_ONE_DRAFT = r"ITU-T\s+[A-Z]\.\s?\d+(?:\.\d+)*(?:\s+\(ex\s+[^)]{1,60}\))?"
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


_SALUTATION = re.compile(r"^Dear\b", re.I)
_REF_LABEL = re.compile(r"^Ref\s*[.:]", re.I)
_DATED = re.compile(r"^(?:[A-Z][\w .'-]*,\s*)?(\d{1,2}\s+[A-Za-z]+\s+\d{4})$")


def read_letter(text: str, source: str) -> Reading:
    """Read a collective letter or a TAP circular; raises :class:`LetterError`."""
    lines = split_lines(text, source)
    kind, reference, ref_line = _kind(lines, source)
    dated = _date_of(lines, ref_line)
    if kind is Kind.COLLECTIVE_LETTER:
        return _collective(lines, source, reference, dated)
    return _circular(lines, source, reference, dated)


def _kind(lines: Sequence[Line], source: str) -> tuple[Kind, str, int]:
    """Which letter this is, by the reference in its heading (before "Dear ...")."""
    end = _find(lines, _SALUTATION)
    heading = lines[: end if end is not None else min(len(lines), 80)]
    ref = _find(heading, _REF_LABEL)
    # the reference follows "Ref:"; without that label, the heading's first reference
    ordered = list(heading[ref:]) + list(heading[:ref]) if ref is not None else list(heading)
    for line in ordered:
        collective = _COLLECTIVE_REF.search(line.plain)
        if collective:
            number = f"{collective[1]}/{collective[2]}"
            return Kind.COLLECTIVE_LETTER, f"TSB Collective letter {number}", line.number
        circular = CIRCULAR_REF.search(line.plain)
        if circular:
            return Kind.CIRCULAR, f"TSB Circular {circular[1]}", line.number
    raise LetterError(
        f"{source}: not a TSB Collective letter or Circular: its heading names neither "
        "(such as 'Ref: TSB Collective letter 3/20' or 'Ref: TSB Circular 106')"
    )


def _date_of(lines: Sequence[Line], ref_line: int) -> date | None:
    """The letter's date: the heading's "Geneva, 13 February 2026"."""
    for line in lines[: max(ref_line + 10, 40)]:
        match = _DATED.match(line.plain)
        if match:
            try:
                value = read_phrase(match[1])
            except PhraseError:
                continue
            if isinstance(value, DayPhrase):
                return value.day
    return None


# --- the collective letter ---------------------------------------------------------------

_SUBJECT_LABEL = re.compile(r"^Subject\s*:", re.I)
_GROUP = re.compile(r"\bStudy\s+Group\s+(\d{1,3})\b", re.I)
_NUMBERED = re.compile(r"^(\d{1,2})(?:\.|\t| )\s*(\S.*)$")
_BULLET = re.compile(r"^[-–•·*]\s*(\S.*)$")
_KEY_DEADLINES = re.compile(r"^Key\s+deadlines\s*:?$", re.I)
_ANNEX = re.compile(r"^ANNEX\s+([A-Z0-9]{1,2})\b\s*(.*)$", re.I)
_CLOSING = re.compile(r"^(?:I wish you|Yours (?:faithfully|sincerely)|\(signed\))", re.I)
_ADVICE = re.compile(r"\b(?:recommended|suggested|encouraged|advised)\b", re.I)
_IN_PLACE = re.compile(
    r"\bin\s+([A-Z][\w'-]*(?:\s[A-Z][\w'-]*)*,\s*[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)*)"
)
_VIRTUAL = re.compile(
    r"\bvirtual(?:ly)?\b(?!\s+worlds?\b)|\bvia\s+MyMeetings\b|\be-meeting\b|\bremotely\b"
    r"|\bonline\b(?!\s+(?:registration|form))",
    re.I,
)


def _group_of(reference: str, lines: Sequence[Line]) -> str:
    match = re.search(r"/(\d+)$", reference)
    if match:
        return f"SG{int(match[1])}"
    for line in lines:
        found = _GROUP.search(line.plain)
        if found:
            return f"SG{int(found[1])}"
    return ""


def _after_label(lines: Sequence[Line], label: re.Pattern[str]) -> tuple[Line, str] | None:
    """The text of a heading field: on the label's line after it, or the next lines."""
    index = _find(lines, label)
    if index is None:
        return None
    line = lines[index]
    rest = label.sub("", line.plain, count=1).strip()
    if rest:
        return line, rest
    for following in lines[index + 1 : index + 4]:
        if following.plain:
            return following, following.plain
    return None


def _city_zone(place: str) -> str | None:
    """The IANA zone of a meeting place, from its city ("Geneva" is Europe/Zurich)."""
    parts = [p.strip().casefold() for p in place.split(",")]
    if any(part in ("geneva", "genève", "geneve") for part in parts):
        return GENEVA  # most meetings: without listing the zone database (10 ms)
    for part in parts:
        city = part.replace(" ", "_")
        for name in _zones():
            if name.rsplit("/", 1)[-1].casefold() == city:
                return name
    return None


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


@dataclass
class _Meeting:
    group: str = ""
    title: str = ""
    place: str = ""
    zone: str = GENEVA
    first: date | None = None
    last: date | None = None
    opening: time | None = None
    registration: time | None = None
    registration_place: str = ""

    @property
    def code(self) -> str:
        assert self.first is not None
        return f"{self.group}-{self.first:%Y-%m}"


def _title_and_place(text: str, group: str) -> tuple[str, str]:
    """The meeting's title (with the group's mandate) and its place, from paragraph 1."""
    number = group.removeprefix("SG")
    title = f"Meeting of ITU-T Study Group {number}"
    match = re.search(rf"Study\s+Group\s+{number}\s*\(", text)
    if match:
        depth, start = 0, match.end() - 1
        for index in range(start, len(text)):
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            if depth == 0:
                mandate = text[start + 1 : index].strip()
                title = f"{title} ({mandate.removeprefix(f'SG{number}:').strip()})"
                break
    place = ""
    found = _IN_PLACE.search(text[match.end() if match else 0 :])
    if found:
        place = found[1].strip().rstrip(",")
        if re.search(r"\bheadquarters\b", text, re.I) and "ITU" in text:
            place = f"ITU headquarters, {place}"
    return title, place


def _meeting_of(
    lines: Sequence[Line], source: str, group: str, warnings: list[ReadWarning]
) -> _Meeting:
    """The meeting as the subject and the first paragraph state it."""
    found = _Meeting(group=group)
    subject = _after_label(lines, _SUBJECT_LABEL)
    subject_days: DaysPhrase | None = None
    if subject is not None:
        line, text = subject
        match = re.search(rf"[;(]\s*([^;()\d]+?),\s*({DAYS_TEXT}|{DATE_TEXT})", text)
        if match:
            found.place = match[1].strip()
            subject_days = _days(match[2], line, source, warnings)
    start = _find(lines, _SALUTATION) or 0
    first_para = next(
        ((line, text) for line, text in _paragraphs(lines[start + 1 :]) if _GROUP.search(text)),
        None,
    )
    para_days: DaysPhrase | None = None
    if first_para is not None:
        line, text = first_para
        found.title, place = _title_and_place(text, group)
        found.place = place or found.place
        match = re.search(rf"from\s+{DAYS_TEXT}", text, re.I)
        if match:
            para_days = _days(match[0], line, source, warnings)
    days = subject_days or para_days
    if subject_days and para_days and subject_days != para_days:
        assert first_para is not None
        warnings.append(
            ReadWarning(
                source,
                first_para[0].number,
                f"the subject gives the meeting as {subject_days.first} to {subject_days.last} "
                f"but this paragraph {para_days.first} to {para_days.last}; keeping the subject's",
            )
        )
    if days is None:
        raise LetterError(
            f"{source}: the meeting's dates are given neither in the subject nor "
            "in a paragraph naming the study group ('from 12 to 21 May 2026')"
        )
    found.first, found.last = days.first, days.last
    found.title = found.title or f"Meeting of ITU-T Study Group {group.removeprefix('SG')}"
    city_zone = _city_zone(found.place) if found.place else GENEVA
    if city_zone is None:
        warnings.append(
            ReadWarning(
                source,
                subject[0].number if subject else 1,
                f"sg20desk does not know the time zone of {found.place!r}: times are read as "
                "Geneva time; set the meeting's zone after importing",
            )
        )
    found.zone = city_zone or GENEVA
    return found


def _days(text: str, line: Line, source: str, warnings: list[ReadWarning]) -> DaysPhrase | None:
    try:
        value = read_phrase(text)
    except PhraseError as exc:
        warnings.append(ReadWarning(source, line.number, str(exc)))
        return None
    if isinstance(value, DayPhrase):
        return DaysPhrase(value.day, value.day)
    return value if isinstance(value, DaysPhrase) else None


def _body(lines: Sequence[Line]) -> tuple[int, int]:
    """The letter's body: from "Dear ..." to its closing, or to the first annex."""
    start = _find(lines, _SALUTATION)
    start = 0 if start is None else start + 1
    end = len(lines)
    for index in range(start, len(lines)):
        if _ANNEX.match(lines[index].plain) or re.match(
            r"^Yours (?:faithfully|sincerely)", lines[index].plain, re.I
        ):
            end = index
            break
    return start, end


def _numbered_paragraphs(lines: Sequence[Line], start: int, end: int) -> list[tuple[int, int]]:
    """(number, index) of each numbered paragraph of the body."""
    out = []
    for index in range(start, end):
        match = _NUMBERED.match(lines[index].text)
        if match and not _KEY_DEADLINES.match(lines[index].plain):
            out.append((int(match[1]), index))
    return out


def _event_kind(text: str) -> EventKind:
    lowered = text.casefold()
    if "newcomer" in lowered:
        return EventKind.NEWCOMERS
    if "joint coordination activity" in lowered or re.search(r"\bJCA\b", text):
        return EventKind.JCA
    if "workshop" in lowered or "forum" in lowered:
        return EventKind.WORKSHOP
    if (
        "training" in lowered
        or "bridging the standardization gap" in lowered
        or "clinic" in lowered
    ):
        return EventKind.TRAINING
    if "working party" in lowered:
        return EventKind.WORKING_PARTY
    if "e-meeting" in lowered:
        return EventKind.E_MEETING
    return EventKind.SIDE_EVENT


_EVENT_VERB = re.compile(
    r",?\s+(?:will\s+(?:be\s+held|take\s+place|be\s+organized|be\s+organised|run|meet)"
    r"|(?:is|are)\s+(?:planned|scheduled))\b",
    re.I,
)


def _event(
    text: str,
    line: Line,
    source: str,
    meeting: _Meeting,
    zone_name: str,
    warnings: list[ReadWarning],
) -> dict[str, Any] | None:
    """One side event of a bullet ("The 2nd Citiverse Assembly will take place on ...")."""
    verb = _EVENT_VERB.search(text)
    title = text[: verb.start()] if verb else text.split(",")[0]
    title = re.sub(r"^(?:A|An|The)\s+", "", title.strip()).strip(" ,.")
    title = title.replace("’", "'")
    when = None
    for _words, value in find_when(text, zone_name):
        if isinstance(value, PhraseError):
            warnings.append(ReadWarning(source, line.number, f"{title}: {value}"))
            continue
        when = value
        break
    if not isinstance(when, DayPhrase | DaysPhrase | SpanPhrase):
        warnings.append(
            ReadWarning(source, line.number, f"not read: no date found for the event {title!r}")
        )
        return None
    after = text[verb.end() :] if verb else text
    virtual = bool(_VIRTUAL.search(after))
    via = re.search(r"\bvia\s+([A-Z][\w-]*(?:\s[A-Z][\w-]*)*)", text)
    if virtual:
        place = f"{via[1]} (virtual)" if via else "online"
    else:
        in_place = _IN_PLACE.search(after)
        place = in_place[1].strip().rstrip(".") if in_place else meeting.place
    registration = _registration_note(text)
    event: dict[str, Any] = {
        "id": _uid(meeting.code, "event", title),
        "kind": _event_kind(title).value,
        "title": title,
        "timezone": zone_name,
        "place": place,
        "virtual": virtual,
        "registration_required": registration is not None,
        "notes": _sentence_case(registration.strip().removeprefix("Please note that "))
        if registration
        else "",
    }
    if isinstance(when, SpanPhrase):
        event["start"], event["end"] = (
            wall_clock(when.start, zone_name),
            wall_clock(when.end, zone_name),
        )
    elif isinstance(when, DaysPhrase):
        event["first_day"], event["last_day"] = when.first.isoformat(), when.last.isoformat()
    else:
        event["first_day"] = event["last_day"] = when.day.isoformat()
    return event


_REGISTRATION = re.compile(r"\bregistration\b", re.I)
_MANDATORY = re.compile(r"\b(?:is|are)\s+(?:mandatory|required|compulsory)\b", re.I)


def _registration_note(text: str) -> str | None:
    """The sentence of an event's bullet saying registration is required, if one does.

    Cut at full stops first, then searched: one pattern over the whole bullet would take
    time growing with the square of a sentence's length."""
    parts = text.split(".")
    for index, part in enumerate(parts):
        word = _REGISTRATION.search(part)
        if word and _MANDATORY.search(part, word.end()):
            return part + ("." if index < len(parts) - 1 else "")
    return None


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _events(
    lines: Sequence[Line],
    source: str,
    meeting: _Meeting,
    paragraphs: list[tuple[int, int]],
    end: int,
    warnings: list[ReadWarning],
) -> list[dict[str, Any]]:
    """The bullets of the paragraph that invites to related sessions and events."""
    out: list[dict[str, Any]] = []
    for position, (_number, index) in enumerate(paragraphs):
        intro = lines[index].plain
        if not re.search(r"\b(?:sessions?|events?)\b", intro, re.I) or not re.search(
            r"\b(?:related|following|also|side)\b", intro, re.I
        ):
            continue
        zone_name = GENEVA if re.search(r"all times (?:are )?Geneva", intro, re.I) else meeting.zone
        stop = paragraphs[position + 1][1] if position + 1 < len(paragraphs) else end
        for line in lines[index + 1 : stop]:
            bullet = _BULLET.match(line.plain)
            if bullet is None:
                if line.plain:
                    warnings.append(
                        ReadWarning(source, line.number, f"not read: {line.plain[:80]}")
                    )
                continue
            event = _event(bullet[1], line, source, meeting, zone_name, warnings)
            if event is not None:
                out.append(event)
    return out


def _meeting_event(
    meeting: _Meeting,
    key: str,
    kind: EventKind,
    title: str,
    place: str,
    notes: str = "",
    **when: str,
) -> dict[str, Any]:
    """An event the meeting itself holds (opening, registration, closing), at its place."""
    return {
        "id": _uid(meeting.code, "event", key),
        "kind": kind.value,
        "title": f"{meeting.group} {title}",
        "timezone": meeting.zone,
        "place": place,
        "virtual": False,
        "registration_required": False,
        "notes": notes,
        **when,
    }


def _opening(
    lines: Sequence[Line], meeting: _Meeting, start: int, end: int
) -> list[dict[str, Any]]:
    """The opening time, registration and plenaries, from "will open at 1530 hours ..."."""
    out: list[dict[str, Any]] = []
    assert meeting.first is not None and meeting.last is not None
    first, last = meeting.first, meeting.last
    for _line, text in _paragraphs(lines[start:end]):
        opening = re.search(r"will open at (\d{4})\s*hours", text, re.I)
        if opening and meeting.opening is None:
            meeting.opening = time(int(opening[1][:2]), int(opening[1][2:]))
            at = datetime.combine(first, meeting.opening).strftime(WALL_CLOCK)
            out.append(
                _meeting_event(
                    meeting,
                    "opening plenary",
                    EventKind.PLENARY,
                    "opening plenary",
                    meeting.place,
                    start=at,
                )
            )
        registration = re.search(
            r"registration will (?:begin|start|open) at (\d{4})\s*hours(?:\s+at\s+(?:the\s+)?"
            r"([^.]+?))?(?:\.|$)",
            text,
            re.I,
        )
        if registration and meeting.registration is None:
            hour = registration[1]
            meeting.registration = time(int(hour[:2]), int(hour[2:]))
            at = datetime.combine(first, meeting.registration).strftime(WALL_CLOCK)
            place = (registration[2] or meeting.place).strip()
            out.append(
                _meeting_event(
                    meeting,
                    "registration",
                    EventKind.REGISTRATION,
                    "participant registration opens",
                    place,
                    start=at,
                )
            )
        closing = re.search(r"\bclosing\s+plenary\b", text, re.I)
        if closing and not any(e["title"].endswith("closing plenary") for e in out):
            out.append(
                _meeting_event(
                    meeting,
                    "closing plenary",
                    EventKind.PLENARY,
                    "closing plenary",
                    meeting.place,
                    "On the last day of the meeting; the letter gives no time.",
                    first_day=last.isoformat(),
                    last_day=last.isoformat(),
                )
            )
    return out


@dataclass
class _Task:
    title: str
    due: DayPhrase | InstantPhrase
    stated: str
    line: Line


def _key_deadlines(
    lines: Sequence[Line], source: str, meeting: _Meeting, warnings: list[ReadWarning]
) -> list[_Task]:
    """The "Key deadlines" list: a date, then its tasks as bullets."""
    index = _find(lines, _KEY_DEADLINES)
    if index is None:
        return []
    tasks: list[_Task] = []
    current: tuple[DayPhrase | InstantPhrase, str] | None = None
    undated = False
    for line in lines[index + 1 :]:
        text = line.plain
        if not text:
            continue
        if _CLOSING.match(text) or _ANNEX.match(text):
            break
        bullet = _BULLET.match(text)
        if bullet is None:
            # "13 March 2026", or a cell row "13 March 2026 <tab> - Submit ..."
            cells = line.cells
            if text.endswith(".") and len(text.split()) > 5:
                break  # a sentence: the letter goes on after the list
            try:
                value = read_phrase(cells[0], meeting.zone)
            except PhraseError as exc:
                warnings.append(ReadWarning(source, line.number, f"not read as a due date: {exc}"))
                current = None  # its tasks must not fall under the date before
                undated = True
                continue
            if not isinstance(value, DayPhrase | InstantPhrase):
                warnings.append(ReadWarning(source, line.number, f"not a due date: {cells[0]}"))
                current, undated = None, True
                continue
            undated = False
            current = (value, cells[0])
            rest = " ".join(cells[1:])
            bullet = _BULLET.match(rest) if rest else None
            if bullet is None:
                continue
        if current is None:
            why = "its date above was not read" if undated else "it comes before any date"
            warnings.append(ReadWarning(source, line.number, f"task not read, {why}: {text[:80]}"))
            continue
        tasks.append(_Task(bullet[1].strip(), current[0], current[1], line))
    return tasks


# Topics of practical information: the words that name them in a key deadline's task
# and in an Annex A paragraph, so that a rule found there joins the deadline it explains.
_TOPICS = {
    "captioning": (r"caption", r"caption|accessibility"),
    "translation": (r"translat", r"translat"),
    "fellowship": (r"fellowship", r"fellowship"),
    "pre-registration": (r"pre-?registration", r"pre-?registration"),
    "visa": (r"\bvisa", r"\bvisa"),
    "interpretation": (r"interpretation", r"interpretation"),
    "remote participation": (r"remote participation", r"remote participa|remotely"),
}
_RULE_TITLES = {
    "captioning": "Request real-time captioning",
    "translation": "Submit contributions for which translation is requested",
    "fellowship": "Submit fellowship requests",
    "pre-registration": "Pre-register for the meeting",
    "visa": "Request a visa support letter",
    "interpretation": "Request interpretation",
    "remote participation": "Request interactive remote participation for a session",
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
    value: Any  # rules.deadlines.Rule
    sentence: str
    line: Line


def _annex_a(lines: Sequence[Line]) -> Sequence[Line]:
    """The lines of Annex A (practical meeting information), none when there is none."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^ANNEX\s+A\b", line.plain)), None)
    if start is None:
        return []
    end = next(
        (i for i in range(start + 1, len(lines)) if _ANNEX.match(lines[i].plain)), len(lines)
    )
    return lines[start + 1 : end]


# "· 2 March 2026, 1200 to 1400 hours (Geneva time): BSG session ... - BSG sessions cover ...":
# the hours, then the first dash after them (two searches: one pattern for the whole line
# would take time growing with the square of its length)
_HOURS = re.compile(r"\d{4}\s*hours")
_DASH = re.compile(r"\s[-\u2013\u2014]\s+(?=\S)")


def _describe_events(
    lines: Sequence[Line], meeting: _Meeting, events: list[dict[str, Any]]
) -> None:
    """Annex A's description of a session the letter invites to, as that event's notes: a
    line giving the session's day and hours, then a dash and what it is about."""
    by_start = {(e["start"], e["timezone"]): e for e in events if "start" in e}
    for line in _annex_a(lines):
        hours = _HOURS.search(line.plain)
        dash = _DASH.search(line.plain, hours.end()) if hours else None
        if dash is None:
            continue
        head, what = line.plain[: dash.start()], line.plain[dash.end() :].strip()
        zone_name = GENEVA if re.search(r"\bGeneva time\b", head, re.I) else meeting.zone
        for _words, when in find_when(head, zone_name):
            if isinstance(when, SpanPhrase):
                event = by_start.get((wall_clock(when.start, zone_name), zone_name))
                if event is not None:
                    notes = [event["notes"], what]
                    event["notes"] = "\n\n".join(n for n in notes if n)
                break


def _practical_rules(
    lines: Sequence[Line], source: str, warnings: list[ReadWarning]
) -> list[_Rule]:
    """The deadlines Annex A states as rules ("at least one month before the meeting")."""
    out = []
    for line, text in _paragraphs(_annex_a(lines)):
        for sentence in _sentences(text):
            if _ADVICE.search(sentence):
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


def _deadlines(
    lines: Sequence[Line],
    source: str,
    meeting: _Meeting,
    reading: Reading,
    body: tuple[int, int],
) -> list[dict[str, Any]]:
    warnings = reading.warnings
    tasks = _key_deadlines(lines, source, meeting, warnings)
    rules = _practical_rules(lines, source, warnings)
    instants = _instants(lines[body[0] : body[1]], source, meeting.zone, warnings)
    out: list[dict[str, Any]] = []
    used: set[int] = set()
    # each paragraph searched once for each circular, not once for each instant it states
    names = cache(lambda reference, paragraph: reference in paragraph)
    for task in tasks:
        entry: dict[str, Any] = {
            # named by the letter's whole task, as before titles were shortened: stores
            # that hold an earlier reading match it and keep its status
            "id": _uid(meeting.code, "deadline", task.title),
            "title": _task_title(task.title),
            "timezone": meeting.zone,
            "source_text": f"{task.stated} (key deadlines, line {task.line.number})",
            "origin": DeadlineOrigin.LETTER.value,
        }
        due = task.due
        if isinstance(due, DayPhrase):
            entry["due_date"] = due.day.isoformat()
            circular = CIRCULAR_REF.search(task.title)
            for stated in instants:
                same_circular = circular is not None and names(circular[0], stated.paragraph)
                only_one = circular is None and len(instants) == 1
                if stated.value.day == due.day and (same_circular or only_one):
                    entry.pop("due_date")
                    entry["timezone"] = stated.value.zone
                    entry["due_at"] = wall_clock(stated.value.at, stated.value.zone)
                    entry["source_text"] += f"; {stated.words} (line {stated.line})"
                    if circular is not None:
                        reading.replies[f"TSB Circular {circular[1]}"] = stated
                    break
        else:
            entry["timezone"] = due.zone
            entry["due_at"] = wall_clock(due.at, due.zone)
        topic = _topic(task.title, 0)
        for index, rule in enumerate(rules):
            if topic is not None and rule.topic == topic and index not in used:
                used.add(index)
                entry["rule"] = _rule_json(rule.value)
                entry["source_text"] += f'; Annex A: "{rule.words}" (line {rule.line.number})'
                break
        out.append(entry)
    for index, rule in enumerate(rules):
        if index in used:
            continue
        if rule.topic is not None and any(_topic(t.title, 0) == rule.topic for t in tasks):
            continue  # said again for a topic whose deadline already has its rule
        title = _RULE_TITLES.get(rule.topic or "", rule.sentence[:120])
        out.append(
            {
                "id": _uid(meeting.code, "deadline", title),
                "title": title,
                "timezone": meeting.zone,
                "source_text": f'Annex A: "{rule.words}" (line {rule.line.number})',
                "origin": DeadlineOrigin.LETTER.value,
                "rule": _rule_json(rule.value),
            }
        )
    return out


def _rule_json(rule: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "amount": rule.amount,
        "unit": rule.unit.value,
        "anchor": rule.anchor.value,
    }
    return value


@dataclass(frozen=True, slots=True)
class _Stated:
    """An instant stated in a paragraph ("2359 hours UTC on 30 April 2026")."""

    words: str
    value: InstantPhrase
    paragraph: str
    line: int


def _instants(
    lines: Sequence[Line], source: str, zone_name: str, warnings: list[ReadWarning]
) -> list[_Stated]:
    """Every instant stated in ``lines``, with its paragraph."""
    out = []
    for line, text in _paragraphs(lines):
        for words, value in find_instants(text, zone_name):
            if isinstance(value, PhraseError):
                warnings.append(ReadWarning(source, line.number, str(value)))
            elif isinstance(value, InstantPhrase):
                out.append(_Stated(words, value, text, line.number))
    return out


def _mentions(lines: Sequence[Line], body: tuple[int, int]) -> dict[str, tuple[date, int]]:
    """Circulars the letter names with a date: "TSB Circular 106 (12 February 2026)"."""
    out: dict[str, tuple[date, int]] = {}
    pattern = re.compile(rf"\bTSB\s+Circular\s+(\d{{1,4}})\s*\(\s*({DATE_TEXT})\s*\)", re.I)
    for line, text in _paragraphs(lines[body[0] : body[1]]):
        for match in pattern.finditer(text):
            try:
                value = read_phrase(match[2])
            except PhraseError:
                continue
            if isinstance(value, DayPhrase):
                out.setdefault(f"TSB Circular {match[1]}", (value.day, line.number))
    return out


# --- Annex B: the draft agenda -----------------------------------------------------------

_ITEM_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,7})\.?$")
_AGENDA_HEADER = {"no", "no.", "item", "items", "documents", "document", "docs", "number"}


@dataclass
class _Row:
    number: str | None
    title: str
    documents: str
    line: Line


def _agenda_rows(lines: Sequence[Line], source: str, warnings: list[ReadWarning]) -> list[_Row]:
    """The rows of the agenda table. A row is either one line of tab-separated cells, or
    its cells one per line (an empty cell a line holding only a tab), rows apart by an
    empty line or starting at an item number."""
    start = None
    for index, line in enumerate(lines):
        annex = _ANNEX.match(line.plain)
        if annex and annex[1].upper() == "B":
            start = index
    if start is None:
        start = _find(lines, re.compile(r"^(?:Draft\s+)?agenda$", re.I))
    if start is None:
        return []
    rows: list[_Row] = []
    cells: list[tuple[str, Line]] = []

    def flush() -> None:
        nonlocal cells
        texts = [text for text, _line in cells]
        if any(texts) and not _is_header(texts):
            rows.append(_row(texts, cells[0][1]))
        cells = []

    for line in lines[start + 1 :]:
        if re.match(r"^(?:NOTE\b|_{3,})", line.plain) or _ANNEX.match(line.plain):
            break
        parts = [p.strip() for p in line.raw.split("\t")]
        filled = [p for p in parts if p]
        if not line.raw.strip(" "):  # an empty line: the row is complete
            flush()
            continue
        if len(filled) >= 2:  # a whole row on one line
            flush()
            leading_empty = parts[0] == "" and not _ITEM_NUMBER.match(filled[0])
            if not _is_header(filled):
                rows.append(_row(([""] if leading_empty else []) + filled, line))
            continue
        text = filled[0] if filled else ""
        if not rows and not cells and re.match(r"^(?:Draft\s+)?agenda$", text, re.I):
            continue  # the annex's own title
        starts_row = bool(_ITEM_NUMBER.match(text)) or (
            text[:1] in "-–•" and len(cells) >= 2 and any(c for c, _ in cells[1:])
        )
        if starts_row:
            flush()
        cells.append((text, line))
    flush()
    return rows


def _is_header(cells: Sequence[str]) -> bool:
    return all(c.casefold() in _AGENDA_HEADER for c in cells if c)


def _row(cells: list[str], line: Line) -> _Row:
    """A row from its cells: number, item, documents (the number cell may be empty)."""
    if cells and _ITEM_NUMBER.match(cells[0]):
        number = _ITEM_NUMBER.match(cells[0])
        assert number is not None
        return _Row(number[1], cells[1] if len(cells) > 1 else "", " ".join(cells[2:]), line)
    if cells and cells[0] == "":
        return _Row(
            None, cells[1] if len(cells) > 1 else "", " ".join(c for c in cells[2:] if c), line
        )
    return _Row(None, cells[0], " ".join(c for c in cells[1:] if c), line)


def _agenda(
    rows: Sequence[_Row],
    source: str,
    meeting: _Meeting,
    drafts: set[str],
    warnings: list[ReadWarning],
) -> list[dict[str, Any]]:
    """The agenda tree: numbers give the nesting; an unnumbered line belongs to the item
    above it."""
    top: list[dict[str, Any]] = []
    by_number: dict[str, dict[str, Any]] = {}
    last_numbered: dict[str, Any] | None = None
    previous: str | None = None
    count = 0
    for row in rows:
        count += 1
        if count > MAX_ITEMS:
            raise LetterError(
                f"{source}: line {row.line.number}: more than {MAX_ITEMS} agenda items"
            )
        title = row.title.strip()
        if title[:1] in "-–•" and title[1:2] == " ":  # "- Approval of ..."
            title = title[1:].strip()
        if not title:
            warnings.append(ReadWarning(source, row.line.number, "an agenda row with no item"))
            continue
        documents: list[str] = []
        if row.documents:
            try:
                documents = [str(ref) for ref in parse_documents(row.documents)]
            except DocumentSyntaxError as exc:
                warnings.append(
                    ReadWarning(
                        source,
                        row.line.number,
                        f"documents not read: {exc}; they are kept in the item's notes",
                    )
                )
        if row.number is None:
            if last_numbered is None:
                warnings.append(
                    ReadWarning(
                        source,
                        row.line.number,
                        f"not read: an unnumbered line before the first item: {title[:80]}",
                    )
                )
                continue
            parent = last_numbered
            key = _key(parent["_key"], title)
            item = _item(meeting, key, title, documents, numbered=False, number=None)
            if row.documents and not documents:
                item["notes"] = f"Documents: {row.documents}"
            parent["children"].append(item)
            continue
        number = row.number
        depth = number.count(".")
        if depth > MAX_DEPTH:
            raise LetterError(
                f"{source}: line {row.line.number}: item {number} is nested "
                f"deeper than {MAX_DEPTH} levels"
            )
        expected = _next_numbers(previous)
        if previous is not None and number not in expected:
            warnings.append(
                ReadWarning(
                    source,
                    row.line.number,
                    f"item {number} follows {previous} (expected "
                    f"{', '.join(sorted(expected))}); items are numbered by their order, so "
                    "from here the numbers differ from the letter's",
                )
            )
        if number in by_number:
            warnings.append(
                ReadWarning(
                    source,
                    row.line.number,
                    f"item {number} appears twice; the second is added after the first",
                )
            )
        parent_number = number.rsplit(".", 1)[0] if depth else None
        siblings = top
        parent_key = ""
        if parent_number is not None:
            above = _nearest(by_number, parent_number)
            if above is None:
                warnings.append(
                    ReadWarning(
                        source,
                        row.line.number,
                        f"item {number} has no item "
                        f"{parent_number} above it; it is placed at the top level",
                    )
                )
            else:
                siblings = above["children"]
                parent_key = above["_key"]
        key = _key(parent_key, title)
        item = _item(meeting, key, title, documents, numbered=True, number=number)
        if row.documents and not documents:
            item["notes"] = f"Documents: {row.documents}"
        designation = designation_in(title)
        if designation is not None and designation in drafts:
            item["draft"] = designation
        siblings.append(item)
        by_number.setdefault(number, item)
        last_numbered = item
        previous = number
    _renumber(top)
    return top


def _item(
    meeting: _Meeting,
    key: str,
    title: str,
    documents: list[str],
    *,
    numbered: bool,
    number: str | None,
) -> dict[str, Any]:
    return {
        "id": _uid(meeting.code, "agenda", key),
        "title": title,
        "numbered": numbered,
        "number": number,
        "documents": documents,
        "children": [],
        "_key": key,
    }


def _next_numbers(previous: str | None) -> set[str]:
    """The numbers that may follow ``previous``: its first child, its next sibling, or the
    next sibling of any of its parents."""
    if previous is None:
        return {"1"}
    parts = [int(p) for p in previous.split(".")]
    out = {".".join(map(str, [*parts, 1]))}
    for size in range(len(parts), 0, -1):
        step = parts[:size]
        step[-1] += 1
        out.add(".".join(map(str, step)))
    return out


def _nearest(by_number: dict[str, dict[str, Any]], number: str) -> dict[str, Any] | None:
    while number:
        if number in by_number:
            return by_number[number]
        if "." not in number:
            return None
        number = number.rsplit(".", 1)[0]
    return None


def _renumber(items: list[dict[str, Any]], prefix: str = "") -> None:
    """Numbers as the tree gives them (a gap or a repeat in the letter is not kept), and
    the keys used to make identifiers removed."""
    count = 0
    for item in items:
        item.pop("_key", None)
        if item["numbered"]:
            count += 1
            item["number"] = f"{prefix}{count}"
            _renumber(item["children"], f"{item['number']}.")
        else:
            item["number"] = None
            _renumber(item["children"], prefix)


def _collective(lines: Sequence[Line], source: str, reference: str, dated: date | None) -> Reading:
    warnings: list[ReadWarning] = []
    group = _group_of(reference, lines)
    meeting = _meeting_of(lines, source, group, warnings)
    reading = Reading(source, Kind.COLLECTIVE_LETTER, reference, dated, {}, warnings)
    body = _body(lines)
    paragraphs = _numbered_paragraphs(lines, *body)
    events = _events(lines, source, meeting, paragraphs, body[1], warnings)
    _describe_events(lines, meeting, events)
    events = _opening(lines, meeting, *body) + events
    deadlines = _deadlines(lines, source, meeting, reading, body)
    reading.mentions = _mentions(lines, body)
    rows = _agenda_rows(lines, source, warnings)
    if not rows:
        warnings.append(
            ReadWarning(source, len(lines), "no agenda found (Annex B, No / Item / Documents)")
        )
    agenda = _agenda(rows, source, meeting, set(), warnings)
    events.sort(key=lambda e: e.get("start") or e.get("first_day") or "")
    reading.document = _document(meeting, reference, dated, events, agenda, [], deadlines)
    return reading


def _document(
    meeting: _Meeting,
    reference: str,
    dated: date | None,
    events: list[dict[str, Any]],
    agenda: list[dict[str, Any]],
    drafts: list[dict[str, Any]],
    deadlines: list[dict[str, Any]],
) -> dict[str, Any]:
    assert meeting.first is not None and meeting.last is not None
    head: dict[str, Any] = {
        "id": _uid(meeting.code, "meeting"),
        "code": meeting.code,
        "group": meeting.group,
        "title": meeting.title,
        "place": meeting.place,
        "timezone": meeting.zone,
        "first_day": meeting.first.isoformat(),
        "last_day": meeting.last.isoformat(),
        "opening_time": meeting.opening.strftime("%H:%M") if meeting.opening else None,
        "registration_time": (
            meeting.registration.strftime("%H:%M") if meeting.registration else None
        ),
        "source_document": reference,
        "source_date": dated.isoformat() if dated else None,
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "meeting": {k: v for k, v in head.items() if v is not None},
        "events": _distinct(events),
        "agenda": _distinct_tree(agenda),
        "drafts": drafts,
        "deadlines": _distinct(deadlines),
    }


def _distinct_tree(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def walk(level: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for item in level:
            yield item
            yield from walk(item["children"])

    _distinct(list(walk(items)))
    return items


def _distinct(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries, a second one of the same identifier (the same title, or the same title
    under a parent of the same title) told apart by the order it comes in."""
    seen: dict[str, int] = {}
    for entry in entries:
        seen[entry["id"]] = seen.get(entry["id"], 0) + 1
        if seen[entry["id"]] > 1:
            entry["id"] = str(uuid.uuid5(NAMESPACE, f"{entry['id']}#{seen[entry['id']]}"))
    return entries


# --- the TAP circular --------------------------------------------------------------------

_DRAFT_HEADING = re.compile(
    r"^(?:\d{1,3}\s+)?Draft\s+(new|revised)\s+Recommendation\s+(ITU-T\s+[A-Z]\.\s?\d+(?:\.\d+)*)"
    r"(?:\s+\(ex\s+([^)]+)\))?(?:\s+\(([A-Z]{1,4}\d{1,3}-R\s?\d+[^)]*)\))?\s*$",
    re.I,
)
_IPR = re.compile(r"^TSB\s+NOTE\s*[-–—:]\s*(.*)$", re.I)


_ABOUT_REPLIES = re.compile(r"Annex\s*2|reply|replies|return the form", re.I)


def _circular(lines: Sequence[Line], source: str, reference: str, dated: date | None) -> Reading:
    warnings: list[ReadWarning] = []
    reading = Reading(source, Kind.CIRCULAR, reference, dated, {}, warnings)
    group = _group_of("", lines)
    if not group:
        raise LetterError(f"{source}: the circular names no study group ('Study Group 20')")
    meeting = _meeting_of(lines, source, group, warnings)
    body = _body(lines)
    text = " ".join(line.plain for line in lines[body[0] : body[1]])
    if not re.search(r"Traditional\s+Approval\s+Procedure|\bTAP\b", text, re.I):
        warnings.append(
            ReadWarning(
                source,
                lines[body[0]].number if body[0] < len(lines) else 1,
                "the circular does not say it applies the Traditional Approval "
                "Procedure; its drafts are read as TAP drafts",
            )
        )
    # each paragraph searched once, not once for each instant it states
    about_replies = cache(lambda paragraph: bool(_ABOUT_REPLIES.search(paragraph)))
    stated = [
        found
        for found in _instants(lines[body[0] : body[1]], source, UTC_NAME, warnings)
        if about_replies(found.paragraph)
    ]
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
    match = re.search(r"(\d{1,3})\s*%\s+or\s+more\s+of\s+the\s+replies", text, re.I)
    if match and 0 < int(match[1]) <= 100:
        threshold = int(match[1])
    drafts = _annex1(lines, source, meeting, reference, dated, deadline, threshold, warnings)
    _check_annex2(lines, source, drafts, warnings)
    deadlines = [_reply_deadline(meeting, reference, stated[0], len(drafts))] if stated else []
    reading.document = _document(meeting, reference, dated, [], [], drafts, deadlines)
    return reading


def _reply_deadline(
    meeting: _Meeting, reference: str, stated: _Stated, drafts: int
) -> dict[str, Any]:
    """The circular's reply deadline as a deadline of the meeting, for the lists and
    reminders (a collective letter that lists it among its key deadlines speaks for it
    instead: see :func:`combine`)."""
    value = stated.value
    count = f"{drafts} draft Recommendation{'' if drafts == 1 else 's'}"
    return {
        "id": _uid(meeting.code, "deadline", "reply", reference),
        "title": f"Return the Annex 2 reply form of {reference} ({count})",
        "timezone": value.zone,
        "due_at": wall_clock(value.at, value.zone),
        "source_text": f"{stated.words} ({reference}, line {stated.line})",
        "origin": DeadlineOrigin.CIRCULAR.value,
    }


def _annex1(
    lines: Sequence[Line],
    source: str,
    meeting: _Meeting,
    reference: str,
    dated: date | None,
    deadline: tuple[InstantPhrase, int] | None,
    threshold: int | None,
    warnings: list[ReadWarning],
) -> list[dict[str, Any]]:
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"^ANNEX\s+1\b", line.plain, re.I)), None
    )
    if start is None:
        raise LetterError(f"{source}: no Annex 1 (the drafts' titles and summaries)")
    end = next(
        (i for i in range(start + 1, len(lines)) if _ANNEX.match(lines[i].plain)), len(lines)
    )
    drafts: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    state = ""
    summary: list[str] = []
    notes: list[str] = []

    def close() -> None:
        if current is not None:
            current["summary"] = "\n\n".join(summary)
            current["ipr_statements"] = "\n\n".join(notes)

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
            designation = re.sub(r"\s+", " ", heading[2]).replace(". ", ".")
            if any(d["designation"] == designation for d in drafts):
                current, state = None, "duplicate"  # its lines are skipped, the warning says why
                warnings.append(
                    ReadWarning(
                        source,
                        line.number,
                        f"{designation} is described twice; the first description is kept",
                    )
                )
                continue
            current = {
                "id": _uid(meeting.code, "draft", designation),
                "designation": designation,
                "former_name": re.sub(r"\s+", "", heading[3] or ""),
                "is_new": heading[1].casefold() == "new",
                "title": "",
                "summary": "",
                "report_number": re.sub(r"\s+", "", heading[4] or ""),
                "ipr_statements": "",
                "question": "",
                "procedure": Procedure.TAP.value,
                "stage": Stage.CONSULTATION_OPEN.value,
                "circular": reference,
            }
            if dated is not None:
                current["circular_date"] = dated.isoformat()
            if deadline is not None:
                current["consultation_deadline"] = {
                    "at": wall_clock(deadline[0].at, deadline[0].zone),
                    "timezone": deadline[0].zone,
                }
            if threshold is not None:
                current["consultation_threshold_percent"] = threshold
            drafts.append(current)
            continue
        if current is None:  # the annex's title names the drafts; anything else is reported
            if state != "duplicate" and not re.search(r"\bdraft\b", text, re.I):
                warnings.append(ReadWarning(source, line.number, f"not read: {text[:80]}"))
            continue
        if state == "title":
            current["title"] = text
            state = "after title"
        elif re.fullmatch(r"Summary:?", text, re.I):
            state = "summary"
        elif (ipr := _IPR.match(text)) is not None:
            notes.append(ipr[1].strip())
        elif state == "summary":
            summary.append(text)
        else:
            warnings.append(ReadWarning(source, line.number, f"not read: {text[:80]}"))
    close()
    if not drafts:
        raise LetterError(
            f"{source}: line {lines[start].number}: Annex 1 lists no draft "
            "('Draft new Recommendation ITU-T Y.4241 ...')"
        )
    for draft in drafts:
        if not draft["title"]:
            warnings.append(
                ReadWarning(source, lines[start].number, f"{draft['designation']}: no title")
            )
    return drafts


def _check_annex2(
    lines: Sequence[Line], source: str, drafts: list[dict[str, Any]], warnings: list[ReadWarning]
) -> None:
    """The reply form must list the drafts of Annex 1: say which differ."""
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"^ANNEX\s+2\b", line.plain, re.I)), None
    )
    if start is None:
        return
    pattern = re.compile(
        r"^Draft\s+(?:new|revised)\s+Recommendation\s+(ITU-T\s+[A-Z]\.\s?\d+"
        r"(?:\.\d+)*)",
        re.I,
    )
    listed: dict[str, int] = {}
    for line in lines[start + 1 :]:
        match = pattern.match(line.plain)
        if match:
            listed.setdefault(re.sub(r"\s+", " ", match[1]), line.number)
    known = {d["designation"] for d in drafts}
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


# --- several letters, one meeting ----------------------------------------------------------


def combine(readings: Iterable[Reading]) -> tuple[dict[str, Any], list[ReadWarning]]:
    """One meeting document from letters about one meeting (a collective letter and its
    circulars); warnings where they disagree, keeping what each document says of itself."""
    readings = list(readings)
    if not readings:
        raise LetterError("no letter given")
    codes = {r.document["meeting"]["code"] for r in readings}
    if len(codes) > 1:
        named = ", ".join(f"{r.source} ({r.document['meeting']['code']})" for r in readings)
        raise LetterError(
            f"these letters are about different meetings: {named}; import them "
            "one meeting at a time"
        )
    warnings = [w for r in readings for w in r.warnings]
    letters = [r for r in readings if r.kind is Kind.COLLECTIVE_LETTER]
    base = letters[0] if letters else readings[0]
    document = copy.deepcopy(base.document)  # the readings are left as they were
    for letter in letters[1:]:
        warnings.append(
            ReadWarning(
                letter.source,
                1,
                f"a second collective letter for "
                f"{document['meeting']['code']}: only {base.source} is used for "
                "the meeting and its agenda",
            )
        )
    for circular in (r for r in readings if r.kind is Kind.CIRCULAR):
        known = {d["designation"] for d in document["drafts"]}
        document["drafts"].extend(
            copy.deepcopy(d) for d in circular.document["drafts"] if d["designation"] not in known
        )
        # its reply deadline, unless a letter's key deadlines (or the circular, when it
        # is the base) already give it
        if not any(circular_named(d["title"]) == circular.reference for d in document["deadlines"]):
            document["deadlines"].extend(copy.deepcopy(circular.document["deadlines"]))
        for letter in letters:
            said = letter.mentions.get(circular.reference)
            if said and circular.dated and said[0] != circular.dated:
                warnings.append(
                    ReadWarning(
                        letter.source,
                        said[1],
                        f"{letter.reference} dates {circular.reference} "
                        f"{format_days(said[0], said[0])}, but the circular itself says "
                        f"{format_days(circular.dated, circular.dated)}; keeping "
                        f"{format_days(circular.dated, circular.dated)}",
                    )
                )
            _check_reply_deadline(document, letter, circular, warnings)
    designations = {d["designation"] for d in document["drafts"]}
    _link_drafts(document["agenda"], designations)
    return document, warnings


def _check_reply_deadline(
    document: dict[str, Any], letter: Reading, circular: Reading, warnings: list[ReadWarning]
) -> None:
    """Where the letter states the circular's reply deadline otherwise, keep the circular's."""
    said = letter.replies.get(circular.reference)
    if said is None or circular.reply_deadline is None:
        return
    at, zone_name, line = circular.reply_deadline
    if said.value.at == at:
        return
    warnings.append(
        ReadWarning(
            letter.source,
            said.line,
            f"{letter.reference} gives the reply deadline of {circular.reference} as "
            f"{format_instant(said.value.at, said.value.zone)}, the circular (line {line}) as "
            f"{format_instant(at, zone_name)}; keeping the circular's",
        )
    )
    for entry in document["deadlines"]:
        if entry.get("due_at") == wall_clock(said.value.at, said.value.zone) and (
            circular.reference in entry["title"]
        ):
            entry["due_at"], entry["timezone"] = wall_clock(at, zone_name), zone_name


def _link_drafts(items: list[dict[str, Any]], designations: set[str]) -> None:
    for item in items:
        designation = designation_in(item["title"])
        if item["numbered"] and designation in designations:
            item["draft"] = designation
        _link_drafts(item["children"], designations)
