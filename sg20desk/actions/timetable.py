"""A meeting's sessions and the timetable of its agenda, and the actions that shape them.

Sessions are the meeting's events that agenda items can be taken in (every kind but the
opening of registration). :func:`timetable` plans them with
:func:`sg20desk.rules.timetable.plan`; the window shows it and the chair's book prints it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import Connection, select

from sg20desk.actions import queries
from sg20desk.actions.agenda import edit_items
from sg20desk.actions.agenda_rows import AgendaRow
from sg20desk.actions.history import (
    ActionError,
    Builder,
    RowChange,
    Step,
    changed,
    meeting_row,
    rows_of,
)
from sg20desk.db import schema
from sg20desk.rules.timetable import Item, Session, SessionPlan, plan
from sg20desk.rules.timezones import format_short_date, format_span, in_zone, local_to_utc

EVENT = schema.event
MEETING = schema.meeting
#: kinds of event a session can be, as offered when adding one
SESSION_KINDS = (
    schema.EventKind.PLENARY,
    schema.EventKind.WORKING_PARTY,
    schema.EventKind.E_MEETING,
    schema.EventKind.OTHER,
)

Plan = SessionPlan[uuid.UUID, uuid.UUID]


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A session as offered in lists: its title and when it is, in the meeting's zone."""

    id: uuid.UUID
    title: str
    starts: datetime | None
    ends: datetime | None
    day: date
    zone: str

    @property
    def label(self) -> str:
        """``Tue 12 May 14:30-17:30 · SG20 opening plenary``."""
        return f"{self.when} · {self.title}"

    @property
    def when(self) -> str:
        if self.starts is None:
            return format_short_date(self.day)
        return format_span(self.starts, self.ends, self.zone)


def sessions(connection: Connection, meeting_id: uuid.UUID) -> list[SessionRow]:
    """The meeting's events that items can be taken in, in time order."""
    zone = str(meeting_row(connection, meeting_id)["timezone"])
    return [
        SessionRow(e.id, e.title, e.starts_at, e.ends_at, e.day(zone), zone)
        for e in queries.events(connection, meeting_id)
        if e.kind != schema.EventKind.REGISTRATION
    ]


def plan_agenda(rows: Sequence[AgendaRow], session_rows: Sequence[SessionRow]) -> list[Plan]:
    """The timetable of agenda ``rows`` (depth first) over ``session_rows``."""
    zone = session_rows[0].zone if session_rows else "UTC"
    return plan(
        [Session(s.id, s.title, s.starts, s.ends) for s in session_rows],
        [Item(r.id, r.parent_id, r.minutes, r.event_id) for r in rows],
        names={r.id: r.label if r.numbered else f'"{r.title}"' for r in rows},
        clock=lambda moment: f"{in_zone(moment, zone):%H:%M}",
    )


def timetable(connection: Connection, meeting_id: uuid.UUID) -> list[Plan]:
    """Every session of the meeting with its items' start times and warnings."""
    return plan_agenda(queries.agenda(connection, meeting_id), sessions(connection, meeting_id))


def assign_session(
    meeting_id: uuid.UUID, ids: Sequence[uuid.UUID], event_id: uuid.UUID | None
) -> Builder:
    """Take the items in a session, or clear their own session (None): an item without
    one is taken in its parent's."""

    def title(connection: Connection) -> str:
        if event_id is None:
            return ""
        found = connection.scalar(
            select(EVENT.c.title).where(EVENT.c.id == event_id, EVENT.c.meeting_id == meeting_id)
        )
        if found is None:
            raise ActionError("that session is no longer part of this meeting")
        return str(found)

    def name(labels: str, connection: Connection) -> str:
        if event_id is None:
            return f"Clear the session of {labels}"
        return f"Assign {labels} to {title(connection)}"

    return edit_items(meeting_id, ids, name, event_id=event_id)


def add_session(
    meeting_id: uuid.UUID,
    title: str,
    day: date,
    starts: time,
    ends: time | None,
    kind: schema.EventKind = schema.EventKind.PLENARY,
    new_id: uuid.UUID | None = None,
) -> Builder:
    """Add a session on ``day`` from ``starts`` to ``ends``, in the meeting's zone."""
    title = " ".join(title.split())
    event_id = new_id or uuid.uuid4()

    def build(connection: Connection) -> Step | None:
        meeting = meeting_row(connection, meeting_id)
        begin, end = _instants(meeting, title, day, starts, ends)
        row = {
            "id": event_id,
            "version": 1,
            "meeting_id": meeting_id,
            "kind": kind.value,
            "title": title,
            "starts_at": begin,
            "ends_at": end,
            "first_day": None,
            "last_day": None,
            "timezone": meeting["timezone"],
            "place": meeting["place"],
            "virtual": kind is schema.EventKind.E_MEETING,
            "registration_required": False,
            "notes": "",
        }
        return Step(f"Add session {title}", [RowChange(EVENT, None, row)], meeting_id, [])

    return build


def set_session_times(
    meeting_id: uuid.UUID,
    event_id: uuid.UUID,
    title: str,
    day: date,
    starts: time,
    ends: time | None,
) -> Builder:
    """Rename a session or change when it is (in the meeting's zone)."""
    title = " ".join(title.split())

    def build(connection: Connection) -> Step | None:
        meeting = meeting_row(connection, meeting_id)
        found = rows_of(connection, EVENT, EVENT.c.id == event_id, EVENT.c.meeting_id == meeting_id)
        if not found:
            raise ActionError("that session is no longer part of this meeting")
        begin, end = _instants(meeting, title, day, starts, ends)
        change = changed(
            EVENT,
            found[0],
            title=title,
            starts_at=begin,
            ends_at=end,
            first_day=None,
            last_day=None,
        )
        if change is None:
            return None
        return Step(f"Change session {title}", [change], meeting_id, [])

    return build


def _instants(
    meeting: dict[str, object], title: str, day: date, starts: time, ends: time | None
) -> tuple[datetime, datetime | None]:
    if not title:
        raise ActionError("a session needs a title, such as Plenary (morning)")
    zone = str(meeting["timezone"])
    begin = local_to_utc(day, starts, zone)
    end = local_to_utc(day, ends, zone) if ends is not None else None
    if end is not None and end <= begin:
        raise ActionError(
            f"the session must end after it starts ({starts:%H:%M}), not at {ends:%H:%M}"
        )
    return begin, end
