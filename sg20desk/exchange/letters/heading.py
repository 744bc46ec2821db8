"""A letter's heading and frame: which letter it is, its date, the meeting it names, where its body
and annexes are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from zoneinfo import available_timezones

from sg20desk.exchange.letters.model import Kind, LetterError, Line, Meeting, ReadWarning
from sg20desk.exchange.letters.text import find, paragraphs
from sg20desk.rules.documents import (
    CIRCULAR_REF,
)
from sg20desk.rules.phrases import (
    DATE_TEXT,
    DAYS_TEXT,
    DayPhrase,
    DaysPhrase,
    PhraseError,
    read_phrase,
)
from sg20desk.rules.timezones import (
    GENEVA,
)

# --- what kind of letter -----------------------------------------------------------------

COLLECTIVE_REF = re.compile(r"\bCollective\s+letter\s+(\d{1,3})\s*/\s*(\d{1,3})\b", re.I)


SALUTATION = re.compile(r"^Dear\b", re.I)
_REF_LABEL = re.compile(r"^Ref\s*[.:]", re.I)
_DATED = re.compile(r"^(?:[A-Z][\w .'-]*,\s*)?(\d{1,2}\s+[A-Za-z]+\s+\d{4})$")


def kind_of(lines: Sequence[Line], source: str) -> tuple[Kind, str, int]:
    """Which letter this is, by the reference in its heading (before "Dear ...")."""
    end = find(lines, SALUTATION)
    heading = lines[: end if end is not None else min(len(lines), 80)]
    ref = find(heading, _REF_LABEL)
    # the reference follows "Ref:"; without that label, the heading's first reference
    ordered = list(heading[ref:]) + list(heading[:ref]) if ref is not None else list(heading)
    for line in ordered:
        collective = COLLECTIVE_REF.search(line.plain)
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


def date_of(lines: Sequence[Line], ref_line: int) -> date | None:
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


SUBJECT_LABEL = re.compile(r"^Subject\s*:", re.I)
GROUP = re.compile(r"\bStudy\s+Group\s+(\d{1,3})\b", re.I)
NUMBERED = re.compile(r"^(\d{1,2})(?:\.|\t| )\s*(\S.*)$")
BULLET = re.compile(r"^[-–•·*]\s*(\S.*)$")
KEY_DEADLINES = re.compile(r"^Key\s+deadlines\s*:?$", re.I)
ANNEX = re.compile(r"^ANNEX\s+([A-Z0-9]{1,2})\b\s*(.*)$", re.I)
CLOSING = re.compile(r"^(?:I wish you|Yours (?:faithfully|sincerely)|\(signed\))", re.I)
ADVICE = re.compile(r"\b(?:recommended|suggested|encouraged|advised)\b", re.I)
IN_PLACE = re.compile(
    r"\bin\s+([A-Z][\w'-]*(?:\s[A-Z][\w'-]*)*,\s*[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)*)"
)
VIRTUAL = re.compile(
    r"\bvirtual(?:ly)?\b(?!\s+worlds?\b)|\bvia\s+MyMeetings\b|\be-meeting\b|\bremotely\b"
    r"|\bonline\b(?!\s+(?:registration|form))",
    re.I,
)


def group_of(reference: str, lines: Sequence[Line]) -> str:
    match = re.search(r"/(\d+)$", reference)
    if match:
        return f"SG{int(match[1])}"
    for line in lines:
        found = GROUP.search(line.plain)
        if found:
            return f"SG{int(found[1])}"
    return ""


def after_label(lines: Sequence[Line], label: re.Pattern[str]) -> tuple[Line, str] | None:
    """The text of a heading field: on the label's line after it, or the next lines."""
    index = find(lines, label)
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


def zone_of_place(place: str) -> str | None:
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
    found = IN_PLACE.search(text[match.end() if match else 0 :])
    if found:
        place = found[1].strip().rstrip(",")
        if re.search(r"\bheadquarters\b", text, re.I) and "ITU" in text:
            place = f"ITU headquarters, {place}"
    return title, place


def meeting_of(
    lines: Sequence[Line], source: str, group: str, warnings: list[ReadWarning]
) -> Meeting:
    """The meeting as the subject and the first paragraph state it."""
    found = Meeting(group=group)
    subject = after_label(lines, SUBJECT_LABEL)
    subject_days: DaysPhrase | None = None
    if subject is not None:
        line, text = subject
        match = re.search(rf"[;(]\s*([^;()\d]+?),\s*({DAYS_TEXT}|{DATE_TEXT})", text)
        if match:
            found.place = match[1].strip()
            subject_days = days_of(match[2], line, source, warnings)
    start = find(lines, SALUTATION) or 0
    first_para = next(
        ((line, text) for line, text in paragraphs(lines[start + 1 :]) if GROUP.search(text)),
        None,
    )
    para_days: DaysPhrase | None = None
    if first_para is not None:
        line, text = first_para
        found.title, place = _title_and_place(text, group)
        found.place = place or found.place
        match = re.search(rf"from\s+{DAYS_TEXT}", text, re.I)
        if match:
            para_days = days_of(match[0], line, source, warnings)
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
    city_zone = zone_of_place(found.place) if found.place else GENEVA
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


def days_of(text: str, line: Line, source: str, warnings: list[ReadWarning]) -> DaysPhrase | None:
    try:
        value = read_phrase(text)
    except PhraseError as exc:
        warnings.append(ReadWarning(source, line.number, str(exc)))
        return None
    if isinstance(value, DayPhrase):
        return DaysPhrase(value.day, value.day)
    return value if isinstance(value, DaysPhrase) else None


def body_of(lines: Sequence[Line]) -> tuple[int, int]:
    """The letter's body: from "Dear ..." to its closing, or to the first annex."""
    start = find(lines, SALUTATION)
    start = 0 if start is None else start + 1
    end = len(lines)
    for index in range(start, len(lines)):
        if ANNEX.match(lines[index].plain) or re.match(
            r"^Yours (?:faithfully|sincerely)", lines[index].plain, re.I
        ):
            end = index
            break
    return start, end


def numbered_paragraphs(lines: Sequence[Line], start: int, end: int) -> list[tuple[int, int]]:
    """(number, index) of each numbered paragraph of the body."""
    out = []
    for index in range(start, end):
        match = NUMBERED.match(lines[index].text)
        if match and not KEY_DEADLINES.match(lines[index].plain):
            out.append((int(match[1]), index))
    return out


def annex_a(lines: Sequence[Line]) -> Sequence[Line]:
    """The lines of Annex A (practical meeting information), none when there is none."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^ANNEX\s+A\b", line.plain)), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if ANNEX.match(lines[i].plain)), len(lines))
    return lines[start + 1 : end]
