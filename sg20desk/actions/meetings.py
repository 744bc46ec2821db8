"""Meetings made, changed and deleted by hand: each one undoable step.

A rapporteur meeting or an e-meeting that no letter announced is created here. Moving a
meeting's dates moves what hangs off them: its sessions and side events keep their wall
clock and move by the same number of days, and a deadline that follows a rule ("one month
before the meeting") falls due where the rule now puts it. A date printed in a letter
next to its rule moves with the rule, by the days the rule moved; a printed date with no
rule stays as printed. :func:`change_meeting` reports which deadlines moved.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, select

from sg20desk.actions import queries
from sg20desk.actions.deadlines import Moved, moved
from sg20desk.actions.history import (
    ActionError,
    Builder,
    History,
    Row,
    RowChange,
    Step,
    meeting_row,
    rows_of,
)
from sg20desk.db import schema
from sg20desk.rules.deadlines import Anchor, Rule, due_for_meeting
from sg20desk.rules.timezones import UnknownZoneError, format_days, in_zone, to_utc, zone

MEETING = schema.meeting
EVENT = schema.event
DEADLINE = schema.deadline
DRAFT = schema.draft_recommendation

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}")


@dataclass(frozen=True, slots=True)
class MeetingFields:
    """What the user types for a meeting; ``code`` names it in commands (SG20-2026-05)."""

    code: str
    group: str
    title: str
    place: str
    timezone: str
    first_day: date
    last_day: date
    opening_time: time | None = None

    @classmethod
    def of(cls, row: queries.MeetingRow) -> MeetingFields:
        """The fields of a stored meeting, to edit them."""
        return cls(
            row.code,
            row.group,
            row.title,
            row.place,
            row.timezone,
            row.first_day,
            row.last_day,
            row.opening_time,
        )

    def checked(self) -> dict[str, Any]:
        """The stored values, or :class:`ActionError` naming the field that is wrong."""
        code = self.code.strip()
        if not _CODE.fullmatch(code):
            raise ActionError(
                "Code: letters, digits, '.', '_' or '-', up to 60, such as SG20-RG-2026-03"
            )
        group = " ".join(self.group.split())
        if not group:
            raise ActionError("Group: name the study group or body, such as SG20")
        title = " ".join(self.title.split())
        if not title:
            raise ActionError("Title: say what the meeting is")
        try:
            zone(self.timezone.strip())
        except UnknownZoneError as exc:
            raise ActionError(f"Time zone: {exc}") from None
        if self.last_day < self.first_day:
            raise ActionError(
                f"Last day: {format_days(self.last_day, self.last_day)} is before the first day "
                f"({format_days(self.first_day, self.first_day)})"
            )
        return {
            "code": code,
            "group": group,
            "title": title,
            "place": " ".join(self.place.split()),
            "timezone": self.timezone.strip(),
            "first_day": self.first_day,
            "last_day": self.last_day,
            "opening_time": self.opening_time,
        }


def _code_taken(connection: Connection, code: str, other_than: uuid.UUID | None) -> bool:
    query = select(func.count()).where(func.lower(MEETING.c.code) == code.lower())
    if other_than is not None:
        query = query.where(MEETING.c.id != other_than)
    return bool(connection.scalar(query))


def create_meeting(fields: MeetingFields, meeting_id: uuid.UUID | None = None) -> Builder:
    values = fields.checked()
    new_id = meeting_id or uuid.uuid4()

    def build(connection: Connection) -> Step:
        if _code_taken(connection, values["code"], None):
            raise ActionError(f"Code: a meeting {values['code']} already exists")
        row = {
            "id": new_id,
            "version": 1,
            "registration_time": None,
            "numbering_frozen": False,
            "source_document": "",
            "source_date": None,
            "notes": "",
            **values,
        }
        return Step(f"Create meeting {values['code']}", [RowChange(MEETING, None, row)], new_id)

    return build


def _moved_instant(instant: datetime | None, days: int, old: str, new: str) -> datetime | None:
    """The same wall clock, ``days`` later, read in the new zone."""
    if instant is None:
        return None
    local = in_zone(instant, old).replace(tzinfo=None) + timedelta(days=days)
    return to_utc(local, new)


def _event_changes(connection: Connection, meeting: Row, values: dict[str, Any]) -> list[RowChange]:
    days = (values["first_day"] - meeting["first_day"]).days
    old_zone, new_zone = meeting["timezone"], values["timezone"]
    changes = []
    for event in rows_of(connection, EVENT, EVENT.c.meeting_id == meeting["id"]):
        zone_name = new_zone if event["timezone"] == old_zone else event["timezone"]
        after = {
            **event,
            "starts_at": _moved_instant(event["starts_at"], days, event["timezone"], zone_name),
            "ends_at": _moved_instant(event["ends_at"], days, event["timezone"], zone_name),
            "first_day": event["first_day"] and event["first_day"] + timedelta(days=days),
            "last_day": event["last_day"] and event["last_day"] + timedelta(days=days),
            "timezone": zone_name,
        }
        if after != event:
            changes.append(RowChange(EVENT, event, after))
    return changes


def _deadline_changes(
    connection: Connection, meeting: Row, values: dict[str, Any]
) -> list[RowChange]:
    """Printed dates that follow a rule move as the rule moves; whole days change zone."""
    changes = []
    old_zone, new_zone = meeting["timezone"], values["timezone"]
    for deadline in rows_of(connection, DEADLINE, DEADLINE.c.meeting_id == meeting["id"]):
        after = dict(deadline)
        rule = Rule.stored(deadline["rule_amount"], deadline["rule_unit"], deadline["rule_anchor"])
        if deadline["due_date"] is not None and rule and rule.anchor is not Anchor.SESSION_START:
            was = due_for_meeting(rule, meeting["first_day"], meeting["last_day"])
            now = due_for_meeting(rule, values["first_day"], values["last_day"])
            after["due_date"] = deadline["due_date"] + (now - was)
        if deadline["due_at"] is None and deadline["timezone"] == old_zone:
            after["timezone"] = new_zone  # a whole day ends where the meeting is
        if after != deadline:
            changes.append(RowChange(DEADLINE, deadline, after))
    return changes


def edit_meeting(meeting_id: uuid.UUID, fields: MeetingFields) -> Builder:
    """Change a meeting; new dates or zone carry its events and relative deadlines along."""
    values = fields.checked()

    def build(connection: Connection) -> Step | None:
        meeting = meeting_row(connection, meeting_id)
        if _code_taken(connection, values["code"], meeting_id):
            raise ActionError(f"Code: another meeting is already called {values['code']}")
        after = {**meeting, **values}
        if after == meeting:
            return None
        changes = [RowChange(MEETING, meeting, after)]
        moves = (
            values["first_day"] != meeting["first_day"] or values["timezone"] != meeting["timezone"]
        )
        if moves or values["last_day"] != meeting["last_day"]:
            changes += _event_changes(connection, meeting, values) if moves else []
            changes += _deadline_changes(connection, meeting, values)
        return Step(f"Change meeting {values['code']}", changes, meeting_id)

    return build


@dataclass(frozen=True, slots=True)
class MeetingChange:
    step: Step | None
    moved: list[Moved]


def change_meeting(history: History, meeting_id: uuid.UUID, fields: MeetingFields) -> MeetingChange:
    """Edit the meeting through ``history`` and say which of its deadlines now fall due
    at another time (relative ones recomputed, printed ones moved with their rule)."""
    with history.store.read() as connection:
        before = queries.deadlines(connection, meeting_id)
    step = history.do(edit_meeting(meeting_id, fields))
    if step is None:
        return MeetingChange(None, [])
    with history.store.read() as connection:
        after = queries.deadlines(connection, meeting_id)
    return MeetingChange(step, moved(before, after))


def _agenda_rows_children_first(connection: Connection, meeting_id: uuid.UUID) -> list[Row]:
    table = schema.agenda_item
    rows = rows_of(connection, table, table.c.meeting_id == meeting_id)
    parents = {r["id"]: r["parent_id"] for r in rows}

    def depth(key: uuid.UUID) -> int:
        level = 0
        while parents.get(key) is not None and level <= len(rows):
            key, level = parents[key], level + 1
        return level

    return sorted(rows, key=lambda r: -depth(r["id"]))


def delete_meeting(meeting_id: uuid.UUID) -> Builder:
    """Delete a meeting and everything of it, as one step that undo restores whole.

    Rows go children first, so that undo, which replays a step backwards, puts every
    parent back before what refers to it.
    """

    def build(connection: Connection) -> Step:
        meeting = meeting_row(connection, meeting_id)
        items = _agenda_rows_children_first(connection, meeting_id)
        drafts = rows_of(connection, DRAFT, DRAFT.c.meeting_id == meeting_id)
        events = rows_of(connection, EVENT, EVENT.c.meeting_id == meeting_id)
        link, reply, stage, attendance = (
            schema.agenda_item_document,
            schema.consultation_reply,
            schema.draft_stage,
            schema.attendance,
        )
        doomed: list[tuple[Table, list[Row]]] = [
            (attendance, rows_of(connection, attendance, attendance.c.event_id.in_(_ids(events)))),
            (DEADLINE, rows_of(connection, DEADLINE, DEADLINE.c.meeting_id == meeting_id)),
            (reply, rows_of(connection, reply, reply.c.draft_id.in_(_ids(drafts)))),
            (stage, rows_of(connection, stage, stage.c.draft_id.in_(_ids(drafts)))),
            (link, rows_of(connection, link, link.c.agenda_item_id.in_(_ids(items)))),
            (schema.agenda_item, items),
        ]
        for table in (schema.agenda_revision, schema.document_ref):
            doomed.append((table, rows_of(connection, table, table.c.meeting_id == meeting_id)))
        doomed += [(DRAFT, drafts), (EVENT, events), (MEETING, [meeting])]
        rows = [RowChange(table, row, None) for table, found in doomed for row in found]
        return Step(f"Delete meeting {meeting['code']}", rows, None)

    return build


def _ids(rows: Sequence[Row]) -> list[uuid.UUID]:
    return [row["id"] for row in rows]


def describe_contents(connection: Connection, meeting_id: uuid.UUID) -> str:
    """``12 events, 60 agenda items, 10 drafts, 8 deadlines``: what a delete would remove."""
    parts = []
    for label, table in (
        ("events", EVENT),
        ("agenda items", schema.agenda_item),
        ("drafts", schema.draft_recommendation),
        ("deadlines", DEADLINE),
    ):
        count = connection.scalar(
            select(func.count()).select_from(table).where(table.c.meeting_id == meeting_id)
        )
        parts.append(f"{count} {label}")
    return ", ".join(parts)
