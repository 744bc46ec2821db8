"""A meeting's events and deadlines as calendar entries, and the export to a file.

Calendar programs refuse some shapes the standard allows (calcurse refuses an event that
ends when it starts), so an event announced with no end lasts
:data:`sg20desk.rules.conflicts.UNTIMED_LENGTH` and a deadline is a one-minute entry at its
due time; a deadline given as a date is a whole-day entry on that date. Each open
deadline has an alarm per reminder offset, counted back from its due instant; a deadline
done or not applicable is exported as cancelled, so a calendar that imported it earlier
drops it rather than keeping a stale one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection

from sg20desk.actions import preferences, queries
from sg20desk.actions.attendance import MODE_WORDS, attending
from sg20desk.db.schema import AttendanceMode
from sg20desk.exchange.ics import Entry, calendar_bytes
from sg20desk.paths import write_atomically
from sg20desk.rules.conflicts import UNTIMED_LENGTH

DEADLINE_LENGTH = timedelta(minutes=1)


def event_entry(row: queries.EventRow, meeting: queries.MeetingRow) -> Entry:
    notes = [row.notes] if row.notes else []
    if row.registration_required:
        notes.append("Registration required.")
    if row.attendance:
        notes.append(f"Your plan: {MODE_WORDS[AttendanceMode(row.attendance)]}.")
    notes.append(f"{meeting.group} meeting {meeting.code}.")
    place = row.place + (" (virtual)" if row.virtual and "virtual" not in row.place else "")
    start: datetime | date
    end: datetime | date
    if row.starts_at is not None:
        ends = row.ends_at if row.ends_at is not None and row.ends_at > row.starts_at else None
        start, end = row.starts_at, ends or row.starts_at + UNTIMED_LENGTH
    else:
        assert row.first_day is not None
        start, end = row.first_day, (row.last_day or row.first_day) + timedelta(days=1)
    return Entry(
        kind="event",
        key=row.id,
        summary=row.title,
        start=start,
        end=end,
        zone=row.timezone,
        location=place,
        description="\n".join(notes),
        busy=row.attendance != AttendanceMode.NOT_ATTENDING.value,
    )


def deadline_entry(
    row: queries.DeadlineRow, meeting: queries.MeetingRow, offsets: Sequence[timedelta]
) -> Entry:
    assert row.due is not None
    lines = [f"Deadline of {meeting.group} meeting {meeting.code}."]
    if row.source_text:
        lines.append(f"As stated: {row.source_text}")
    if row.notes:
        lines.append(row.notes)
    start: datetime | date
    end: datetime | date
    if row.due_date is not None:
        start, end = row.due_date, row.due_date + timedelta(days=1)
    else:
        start, end = row.due, row.due + DEADLINE_LENGTH
    return Entry(
        kind="deadline",
        key=row.id,
        summary=f"Due: {row.title}",
        start=start,
        end=end,
        zone=row.timezone,
        description="\n".join(lines),
        busy=False,
        cancelled=not row.is_open,
        alarms=tuple(offsets) if row.is_open else (),
        alarm_at=row.due,
        alarm_text=f"Due: {row.title}",
    )


def meeting_entries(
    connection: Connection, meeting_id: uuid.UUID, *, mine: bool
) -> tuple[queries.MeetingRow, list[Entry]]:
    """The meeting's events (with ``mine``, only those the user attends) and deadlines."""
    meeting = queries.meeting(connection, meeting_id, date.today())
    offsets = preferences.reminder_offsets(connection)
    entries = [
        event_entry(row, meeting)
        for row in queries.events(connection, meeting_id)
        if attending(row) or not mine
    ]
    entries += [
        deadline_entry(row, meeting, offsets)
        for row in queries.deadlines(connection, meeting_id)
        if row.due is not None
    ]
    return meeting, entries


def export_calendar(
    connection: Connection, meeting_id: uuid.UUID, target: Path, *, mine: bool, stamp: datetime
) -> int:
    """Write the meeting's calendar to ``target`` atomically; returns how many entries."""
    meeting, entries = meeting_entries(connection, meeting_id, mine=mine)
    data = calendar_bytes(f"{meeting.group} {meeting.code}", entries, stamp)
    write_atomically(target, data)
    return len(entries)
