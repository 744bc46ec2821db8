"""Deadlines the user adds, edits, closes and deletes: each an undoable step.

A deadline's due time is typed the way letters write it ("2359 hours UTC on 30 April
2026", "six weeks before the meeting", "at least 24 hours in advance") and read with
:func:`sg20desk.rules.phrases.read_phrase`; the text typed is kept as its source. A date
is due at the end of that day in the meeting's zone; a rule follows the meeting when its
dates change (see :mod:`sg20desk.actions.meetings`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from sg20desk.actions import preferences, queries
from sg20desk.actions.history import (
    ActionError,
    Builder,
    Row,
    RowChange,
    Step,
    changed,
    meeting_row,
    rows_of,
)
from sg20desk.actions.queries import DeadlineRow
from sg20desk.db import schema
from sg20desk.rules.deadlines import Anchor, Rule
from sg20desk.rules.phrases import (
    ClockPhrase,
    DayPhrase,
    DaysPhrase,
    InstantPhrase,
    MeetingDay,
    PhraseError,
    SpanPhrase,
    read_phrase,
)
from sg20desk.rules.reminders import Due, Reminder, reminders_between
from sg20desk.rules.timezones import local_to_utc

DEADLINE = schema.deadline
MEETING = schema.meeting
EVENT = schema.event
Status = schema.DeadlineStatus

STATUS_WORDS = queries.STATUS_WORDS


def due_fields(text: str, meeting: Row, event_id: uuid.UUID | None = None) -> dict[str, Any]:
    """The stored form of a due phrase typed for a deadline of ``meeting``.

    Raises :class:`ActionError` naming the field when the phrase cannot be a deadline.
    """
    zone = str(meeting["timezone"])
    try:
        value = read_phrase(text, zone)
    except PhraseError as exc:
        raise ActionError(f"Due: {exc}") from None
    fields: dict[str, Any] = {
        "due_at": None,
        "due_date": None,
        "rule_amount": None,
        "rule_unit": None,
        "rule_anchor": None,
        "timezone": zone,
        "event_id": event_id,
    }
    if isinstance(value, DayPhrase):
        fields["due_date"] = value.day
    elif isinstance(value, InstantPhrase):
        fields.update(due_at=value.at, timezone=value.zone)
    elif isinstance(value, ClockPhrase) and value.day is not None:
        day = meeting["first_day"] if value.day is MeetingDay.FIRST else meeting["last_day"]
        where = value.zone or zone
        fields.update(due_at=local_to_utc(day, value.clock, where), timezone=where)
    elif isinstance(value, Rule):
        if value.anchor is Anchor.SESSION_START and event_id is None:
            raise ActionError(
                f"Due: {value.describe()} needs a session; choose remote attendance for the "
                "session in the Schedule, or give a date"
            )
        fields.update(
            rule_amount=value.amount, rule_unit=value.unit.value, rule_anchor=value.anchor.value
        )
    elif isinstance(value, DaysPhrase | SpanPhrase):
        raise ActionError("Due: that is a span of time; a deadline needs one day or moment")
    else:  # a time of day alone
        raise ActionError("Due: a time needs a date, such as 1200 hours on 3 March 2026")
    return fields


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ActionError("Deadline: say what is due, such as Submit contributions")
    return title


def add_deadline(meeting_id: uuid.UUID, title: str, due: str, notes: str = "") -> Builder:
    """A deadline of the user's own, due as the phrase ``due`` says."""
    title = _title(title)

    def build(connection: Connection) -> Step:
        fields = due_fields(due, meeting_row(connection, meeting_id))
        row = {
            "id": uuid.uuid4(),
            "version": 1,
            "meeting_id": meeting_id,
            "title": title,
            "source_text": " ".join(due.split()),
            "status": Status.OPEN.value,
            "notes": notes.strip(),
            "origin": schema.DeadlineOrigin.USER.value,
            **fields,
        }
        return Step(f"Add deadline {title}", [RowChange(DEADLINE, None, row)], meeting_id, [])

    return build


def _deadlines(connection: Connection, ids: Sequence[uuid.UUID]) -> list[Row]:
    found = rows_of(connection, DEADLINE, DEADLINE.c.id.in_(list(ids)))
    if len(found) != len(set(ids)):
        raise ActionError("a deadline was deleted elsewhere since; nothing was changed")
    order = {deadline_id: n for n, deadline_id in enumerate(ids)}
    found.sort(key=lambda r: order[r["id"]])
    return found


def _name(verb: str, rows: Sequence[Row]) -> str:
    if len(rows) == 1:
        return f"{verb} {rows[0]['title']}"
    return f"{verb} {len(rows)} deadlines"


def edit_deadline(
    deadline_id: uuid.UUID,
    *,
    title: str | None = None,
    due: str | None = None,
    notes: str | None = None,
) -> Builder:
    """Change a deadline's title, due phrase or notes (what is None stays)."""

    def build(connection: Connection) -> Step | None:
        (row,) = _deadlines(connection, [deadline_id])
        values: dict[str, Any] = {}
        if title is not None:
            values["title"] = _title(title)
        if notes is not None:
            values["notes"] = notes.strip()
        if due is not None and " ".join(due.split()) != row["source_text"]:
            if row["meeting_id"] is None:
                raise ActionError("Due: this deadline belongs to no meeting")
            meeting = meeting_row(connection, row["meeting_id"])
            values.update(due_fields(due, meeting, row["event_id"]))
            values["source_text"] = " ".join(due.split())
        change = changed(DEADLINE, row, **values)
        if change is None:
            return None
        return Step(_name("Edit", [row]), [change], row["meeting_id"], [deadline_id])

    return build


def set_status(ids: Sequence[uuid.UUID], status: schema.DeadlineStatus) -> Builder:
    """Mark deadlines done, not applicable, or open again."""

    def build(connection: Connection) -> Step | None:
        rows = _deadlines(connection, ids)
        changes = [c for r in rows if (c := changed(DEADLINE, r, status=status.value))]
        if not changes:
            return None
        verb = {Status.OPEN: "Reopen", Status.DONE: "Mark done"}.get(status, "Mark not applicable")
        touched = [c.before for c in changes if c.before is not None]
        return Step(_name(verb, touched), changes, rows[0]["meeting_id"], list(ids))

    return build


def delete_deadlines(ids: Sequence[uuid.UUID]) -> Builder:
    def build(connection: Connection) -> Step | None:
        rows = _deadlines(connection, ids)
        if not rows:
            return None
        changes = [RowChange(DEADLINE, row, None) for row in rows]
        return Step(_name("Delete", rows), changes, rows[0]["meeting_id"], [])

    return build


@dataclass(frozen=True, slots=True)
class Moved:
    """A deadline whose due time a change of the meeting moved."""

    id: uuid.UUID
    title: str
    before: datetime | None
    after: datetime | None
    whole_day: bool


def moved(before: Sequence[DeadlineRow], after: Sequence[DeadlineRow]) -> list[Moved]:
    """The deadlines due at another time in ``after`` than in ``before``, soonest first."""
    earlier = {row.id: row for row in before}
    found = [
        Moved(row.id, row.title, earlier[row.id].due, row.due, row.due_date is not None)
        for row in after
        if row.id in earlier and earlier[row.id].due != row.due
    ]
    return found


class DeadlineSearch:
    """Filters a meeting's deadlines by status and by words, as the Deadlines list does.

    The text of each deadline is lowered once; a filter then only tests words against it.
    """

    def __init__(self, rows: Sequence[DeadlineRow]) -> None:
        self.rows = list(rows)
        self._text = [
            " ".join(
                (row.title, row.source_text, row.notes, row.event_title or "", row.status)
            ).casefold()
            for row in self.rows
        ]

    def select(self, status: str | None = None, text: str = "") -> list[DeadlineRow]:
        """Rows of ``status`` (None: any) whose text holds every word of ``text``."""
        words = text.casefold().split()
        return [
            row
            for row, haystack in zip(self.rows, self._text, strict=True)
            if (status is None or row.status == status) and all(word in haystack for word in words)
        ]


def reminders(
    connection: Connection, since: datetime, until: datetime
) -> list[Reminder[uuid.UUID]]:
    """The reminders of every meeting's open deadlines falling in (``since``, ``until``]."""
    offsets = preferences.reminder_offsets(connection)
    items = [
        Due(row.id, f"{row.title} ({row.meeting_code})" if row.meeting_code else row.title, row.due)
        for row in queries.deadlines(connection)
        if row.is_open and row.due is not None
    ]
    return reminders_between(items, offsets, since, until)
