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

from sg20desk.exchange.letters.model import Facts, Line, ReadWarning
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


def used_days(facts: Facts, also: Iterable[date] = ()) -> set[date]:
    """Every day a fact of the meeting falls on."""
    days: set[date] = set(also)
    meeting = facts.meeting
    assert meeting.first is not None and meeting.last is not None
    days.update((meeting.first, meeting.last))  # a day inside may be a session not read: told
    if facts.dated is not None:
        days.add(facts.dated)
    for event in facts.events:
        first, last = event.day, event.final_day
        days.update(first + timedelta(days=n) for n in range(min((last - first).days, 60) + 1))
    days.update(day for entry in facts.deadlines if (day := entry.stated_day) is not None)
    for draft in facts.drafts:
        if draft.circular_date is not None:
            days.add(draft.circular_date)
        if draft.consultation_deadline is not None:
            days.add(draft.consultation_deadline.date())
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
