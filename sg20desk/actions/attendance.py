"""The user's plan for a meeting's events, and appointments of their own.

Choosing to attend a session remotely creates the deadline to request remote
participation ("at least 24 hours in advance", as collective letters put it); choosing
otherwise removes that deadline again while it is still open. Events the letters say need
no request (virtual ones, and the plenaries, which are always open to remote participants)
get none.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, time

from sqlalchemy import Connection

from sg20desk.actions import queries
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
from sg20desk.db import schema
from sg20desk.rules.conflicts import Span, clashes
from sg20desk.rules.deadlines import Anchor, Unit
from sg20desk.rules.timezones import local_to_utc

EVENT = schema.event
DEADLINE = schema.deadline
ATTEND = schema.attendance
Mode = schema.AttendanceMode
FROM_ATTENDANCE = schema.DeadlineOrigin.ATTENDANCE.value

MODE_WORDS = {
    Mode.IN_PERSON: "in person",
    Mode.REMOTE: "remote",
    Mode.NOT_ATTENDING: "not attending",
}

#: kinds of event open to remote participants without a request
REMOTE_WITHOUT_REQUEST = {schema.EventKind.PLENARY.value, schema.EventKind.APPOINTMENT.value}
#: the request's rule and how letters state it
REMOTE_REQUEST = (24, Unit.HOURS, Anchor.SESSION_START)
REMOTE_REQUEST_SOURCE = "at least 24 hours in advance (remote participation)"


def needs_remote_request(event: Row) -> bool:
    return (
        event["starts_at"] is not None
        and not event["virtual"]
        and event["kind"] not in REMOTE_WITHOUT_REQUEST
    )


def remote_request_title(event_title: str) -> str:
    return f"Request remote participation: {event_title}"


def _remote_request(event: Row) -> Row:
    amount, unit, anchor = REMOTE_REQUEST
    return {
        "id": uuid.uuid4(),
        "version": 1,
        "meeting_id": event["meeting_id"],
        "event_id": event["id"],
        "title": remote_request_title(event["title"]),
        "due_at": None,
        "due_date": None,
        "timezone": event["timezone"],
        "rule_amount": amount,
        "rule_unit": unit.value,
        "rule_anchor": anchor.value,
        "source_text": REMOTE_REQUEST_SOURCE,
        "status": schema.DeadlineStatus.OPEN.value,
        "notes": "",
        "origin": FROM_ATTENDANCE,
    }


def set_attendance(event_ids: Sequence[uuid.UUID], mode: schema.AttendanceMode) -> Builder:
    """Plan to attend events in person, remotely, or not at all."""

    def build(connection: Connection) -> Step | None:
        events = rows_of(connection, EVENT, EVENT.c.id.in_(list(event_ids)))
        if len(events) != len(set(event_ids)):
            raise ActionError("an event was deleted elsewhere since; nothing was changed")
        plans = {
            r["event_id"]: r
            for r in rows_of(connection, ATTEND, ATTEND.c.event_id.in_(list(event_ids)))
        }
        requests = rows_of(
            connection,
            DEADLINE,
            DEADLINE.c.event_id.in_(list(event_ids)),
            DEADLINE.c.origin == FROM_ATTENDANCE,
        )
        by_event = {r["event_id"]: r for r in requests}
        changes: list[RowChange] = []
        for event in events:
            plan = plans.get(event["id"])
            if plan is None:
                row = {
                    "id": uuid.uuid4(),
                    "version": 1,
                    "event_id": event["id"],
                    "mode": mode.value,
                }
                changes.append(RowChange(ATTEND, None, row))
            elif (change := changed(ATTEND, plan, mode=mode.value)) is not None:
                changes.append(change)
            request = by_event.get(event["id"])
            if mode is Mode.REMOTE and request is None and needs_remote_request(event):
                changes.append(RowChange(DEADLINE, None, _remote_request(event)))
            elif (
                mode is not Mode.REMOTE
                and request is not None
                and request["status"] == schema.DeadlineStatus.OPEN.value
            ):
                changes.append(RowChange(DEADLINE, request, None))
        if not changes:
            return None
        what = events[0]["title"] if len(events) == 1 else f"{len(events)} events"
        return Step(
            f"Attend {what} {MODE_WORDS[mode]}", changes, events[0]["meeting_id"], list(event_ids)
        )

    return build


def add_appointment(
    meeting_id: uuid.UUID, title: str, day: date, starts: time, ends: time, place: str = ""
) -> Builder:
    """An appointment of the user's own during the meeting (in the meeting's zone)."""
    title = " ".join(title.split())

    def build(connection: Connection) -> Step:
        if not title:
            raise ActionError("Title: say what the appointment is")
        zone = meeting_row(connection, meeting_id)["timezone"]
        begin, end = local_to_utc(day, starts, zone), local_to_utc(day, ends, zone)
        if end <= begin:
            raise ActionError(f"Ends: the appointment must end after it starts ({starts:%H:%M})")
        event = {
            "id": uuid.uuid4(),
            "version": 1,
            "meeting_id": meeting_id,
            "kind": schema.EventKind.APPOINTMENT.value,
            "title": title,
            "starts_at": begin,
            "ends_at": end,
            "first_day": None,
            "last_day": None,
            "timezone": zone,
            "place": " ".join(place.split()),
            "virtual": False,
            "registration_required": False,
            "notes": "",
        }
        plan = {
            "id": uuid.uuid4(),
            "version": 1,
            "event_id": event["id"],
            "mode": Mode.IN_PERSON.value,
        }
        changes = [RowChange(EVENT, None, event), RowChange(ATTEND, None, plan)]
        return Step(f"Add appointment {title}", changes, meeting_id, [event["id"]])

    return build


def delete_appointments(event_ids: Sequence[uuid.UUID]) -> Builder:
    """Delete appointments of the user's own (the meeting's events stay)."""

    def build(connection: Connection) -> Step | None:
        events = rows_of(connection, EVENT, EVENT.c.id.in_(list(event_ids)))
        if any(e["kind"] != schema.EventKind.APPOINTMENT.value for e in events):
            raise ActionError(
                "only your own appointments can be deleted; the meeting's events stay"
            )
        if not events:
            return None
        ids = [e["id"] for e in events]
        plans = rows_of(connection, ATTEND, ATTEND.c.event_id.in_(ids))
        changes = [RowChange(ATTEND, p, None) for p in plans]
        changes += [RowChange(EVENT, e, None) for e in events]
        what = events[0]["title"] if len(events) == 1 else f"{len(events)} appointments"
        return Step(f"Delete appointment {what}", changes, events[0]["meeting_id"], [])

    return build


def attending(row: queries.EventRow) -> bool:
    return row.attendance in (Mode.IN_PERSON.value, Mode.REMOTE.value)


def conflicts(rows: Sequence[queries.EventRow]) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The events the user attends that overlap another they attend."""
    return clashes(
        Span(row.id, row.starts_at, row.ends_at)
        for row in rows
        if attending(row) and row.starts_at is not None
    )


def registration_deadline(rows: Sequence[queries.DeadlineRow]) -> queries.DeadlineRow | None:
    """The meeting's (pre-)registration deadline, which events needing registration
    point to: the first deadline about registering, other than a remote request."""
    for row in rows:
        words = row.title.casefold()
        if "registration" in words and "remote" not in words and row.due is not None:
            return row
    return None
