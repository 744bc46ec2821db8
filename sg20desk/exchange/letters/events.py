"""The sessions and side events a collective letter announces, and the meeting's own opening and
registration.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from sg20desk.db.schema import EventKind
from sg20desk.exchange.letters.heading import BULLET, IN_PLACE, VIRTUAL, annex_a
from sg20desk.exchange.letters.model import Line, Meeting, ReadWarning, uid
from sg20desk.exchange.letters.text import paragraphs
from sg20desk.rules.phrases import (
    DayPhrase,
    DaysPhrase,
    PhraseError,
    SpanPhrase,
    find_when,
)
from sg20desk.rules.timezones import (
    GENEVA,
    WALL_CLOCK,
    wall_clock,
)


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
    meeting: Meeting,
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
    virtual = bool(VIRTUAL.search(after))
    via = re.search(r"\bvia\s+([A-Z][\w-]*(?:\s[A-Z][\w-]*)*)", text)
    if virtual:
        place = f"{via[1]} (virtual)" if via else "online"
    else:
        in_place = IN_PLACE.search(after)
        place = in_place[1].strip().rstrip(".") if in_place else meeting.place
    registration = _registration_note(text)
    event: dict[str, Any] = {
        "id": uid(meeting.code, "event", title),
        "kind": _event_kind(title).value,
        "title": title,
        "timezone": zone_name,
        "place": place,
        "virtual": virtual,
        "registration_required": registration is not None,
        "notes": sentence_case(registration.strip().removeprefix("Please note that "))
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


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def side_events(
    lines: Sequence[Line],
    source: str,
    meeting: Meeting,
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
            bullet = BULLET.match(line.plain)
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
    meeting: Meeting,
    key: str,
    kind: EventKind,
    title: str,
    place: str,
    notes: str = "",
    **when: str,
) -> dict[str, Any]:
    """An event the meeting itself holds (opening, registration, closing), at its place."""
    return {
        "id": uid(meeting.code, "event", key),
        "kind": kind.value,
        "title": f"{meeting.group} {title}",
        "timezone": meeting.zone,
        "place": place,
        "virtual": False,
        "registration_required": False,
        "notes": notes,
        **when,
    }


def opening_events(
    lines: Sequence[Line], meeting: Meeting, start: int, end: int
) -> list[dict[str, Any]]:
    """The opening time, registration and plenaries, from "will open at 1530 hours ..."."""
    out: list[dict[str, Any]] = []
    assert meeting.first is not None and meeting.last is not None
    first, last = meeting.first, meeting.last
    for _line, text in paragraphs(lines[start:end]):
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


# "· 2 March 2026, 1200 to 1400 hours (Geneva time): BSG session ... - BSG sessions cover ...":
# the hours, then the first dash after them (two searches: one pattern for the whole line
# would take time growing with the square of its length)
_HOURS = re.compile(r"\d{4}\s*hours")
_DASH = re.compile(r"\s[-\u2013\u2014]\s+(?=\S)")


def describe_events(lines: Sequence[Line], meeting: Meeting, events: list[dict[str, Any]]) -> None:
    """Annex A's description of a session the letter invites to, as that event's notes: a
    line giving the session's day and hours, then a dash and what it is about."""
    by_start = {(e["start"], e["timezone"]): e for e in events if "start" in e}
    for line in annex_a(lines):
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
