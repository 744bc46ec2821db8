"""What a letter dates that the reader did not use: each such date is a warning with its
line, so that nothing dated is lost without a word.

A date is used when a fact read from the letter falls on it (the meeting's first and last
days, an event,
a deadline, the letter's own date, a circular it names with its date). Any other date in
the body or in Annex A (a past meeting named in passing, a deadline in a sentence the
reader did not understand) is reported for the user to add in the preview if it matters.
Dates before the letter's own date are left out: what had happened when the letter was
written is neither a deadline nor an event to attend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sg20desk.exchange.letters.model import Line, ReadWarning
from sg20desk.rules.phrases import (
    DATE_TEXT,
    DAYS_TEXT,
    DayPhrase,
    DaysPhrase,
    PhraseError,
    read_phrase,
)

_DATED = re.compile(rf"(?:{DAYS_TEXT}|{DATE_TEXT})", re.I)
_MAX_WARNINGS = 50  # past this, one line says how many more


def used_days(document: dict[str, Any], also: Iterable[date] = ()) -> set[date]:
    """Every day a fact of the meeting document falls on."""
    days: set[date] = set(also)
    meeting = document["meeting"]
    first, last = date.fromisoformat(meeting["first_day"]), date.fromisoformat(meeting["last_day"])
    days.update((first, last))  # a day inside the meeting may be a session not read: told
    if meeting.get("source_date"):
        days.add(date.fromisoformat(meeting["source_date"]))
    for event in document["events"]:
        start = event.get("first_day") or event.get("start", "")[:10]
        end = event.get("last_day") or event.get("end", "")[:10] or start
        if start:
            a, b = date.fromisoformat(start), date.fromisoformat(end)
            days.update(a + timedelta(days=n) for n in range(min((b - a).days, 60) + 1))
    for entry in document["deadlines"]:
        stated = entry.get("due_date") or entry.get("due_at", "")[:10]
        if stated:
            days.add(date.fromisoformat(stated))
    for draft in document["drafts"]:
        if draft.get("circular_date"):
            days.add(date.fromisoformat(draft["circular_date"]))
        at = (draft.get("consultation_deadline") or {}).get("at", "")
        if at:
            days.add(date.fromisoformat(at[:10]))
    return days


def unused_dates(
    lines: Sequence[Line], used: set[date], source: str, written: date | None
) -> list[ReadWarning]:
    """A warning for each date in ``lines`` from ``written`` on that no fact falls on."""
    out: list[ReadWarning] = []
    more = 0
    for line in lines:
        text = line.plain
        if not text or not re.search(r"\d{4}", text):
            continue
        for match in _DATED.finditer(text):
            try:
                value = read_phrase(match[0])
            except PhraseError:
                continue
            if isinstance(value, DayPhrase):
                days = {value.day}
            elif isinstance(value, DaysPhrase):
                days = {value.first, value.last}
            else:
                continue
            if days & used or (written is not None and max(days) < written):
                continue
            if len(out) >= _MAX_WARNINGS:
                more += 1
                continue
            start = max(0, match.start() - 50)
            around = text[start : match.end() + 30].strip()
            out.append(
                ReadWarning(
                    source,
                    line.number,
                    f"a date not read as a deadline or an event: {match[0]!r} "
                    f'("{"..." if start else ""}{around}..."); if it is one, add it '
                    "in the preview",
                )
            )
    if more:
        out.append(ReadWarning(source, lines[-1].number, f"{more} more dates not read"))
    return out
