"""Read-side views of the store as plain rows, for the window and the command line.

Nothing here returns ORM objects: screens get frozen rows they can keep without a connection.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, Select, func, select

# the agenda is read here too, with everything else screens and the command line show
from sg20desk.actions.agenda_rows import AgendaRow as AgendaRow
from sg20desk.actions.agenda_rows import agenda as agenda
from sg20desk.actions.history import ActionError
from sg20desk.db import schema
from sg20desk.rules.agenda_diff import CURRENT as CURRENT
from sg20desk.rules.agenda_diff import AgendaChange, compare
from sg20desk.rules.deadlines import (
    Anchor,
    Rule,
    Urgency,
    date_due_instant,
    due_for_meeting,
    due_for_session,
    meeting_opening,
    urgency,
)
from sg20desk.rules.timezones import (
    format_days,
    format_due,
    format_time_left,
    in_zone,
    local_to_utc,
)


class NotFoundError(ActionError, LookupError):
    """A meeting code or identifier that the store does not hold."""


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: uuid.UUID
    code: str
    group: str
    title: str
    place: str
    timezone: str
    first_day: date
    last_day: date
    opening_time: time | None
    registration_time: time | None
    source_document: str
    numbering_frozen: bool = False

    @property
    def opening(self) -> datetime:
        return meeting_opening(self.first_day, self.opening_time, self.timezone)

    @property
    def label(self) -> str:
        """``SG20 · 12-21 May 2026 · SG20-2026-05``: how a meeting is offered in a list."""
        return f"{self.group} · {format_days(self.first_day, self.last_day)} · {self.code}"


MEETING = schema.meeting
EVENT = schema.event
AGENDA_ITEM = schema.agenda_item
ITEM_DOCUMENT = schema.agenda_item_document
DOCUMENT = schema.document_ref
DRAFT = schema.draft_recommendation
DRAFT_STAGE = schema.draft_stage
REPLY = schema.consultation_reply
DEADLINE = schema.deadline
ATTENDANCE = schema.attendance

_MEETING_COLUMNS = [MEETING.c[name] for name in MeetingRow.__dataclass_fields__]


def _meeting_rows(connection: Connection, query: Select[Any]) -> list[MeetingRow]:
    return [MeetingRow(**row._mapping) for row in connection.execute(query)]


def meetings(connection: Connection) -> list[MeetingRow]:
    return _meeting_rows(
        connection, select(*_MEETING_COLUMNS).order_by(MEETING.c.first_day, MEETING.c.code)
    )


def meeting(connection: Connection, code_or_id: str | uuid.UUID | None, today: date) -> MeetingRow:
    """A meeting by code or id; without one, the meeting in progress or the next one.

    With only past meetings, the most recent. Raises :class:`NotFoundError`.
    """
    base = select(*_MEETING_COLUMNS).limit(1)
    if isinstance(code_or_id, uuid.UUID):
        found = _meeting_rows(connection, base.where(MEETING.c.id == code_or_id))
        if not found:
            raise NotFoundError(f"no meeting with id {code_or_id}")
        return found[0]
    if code_or_id:
        found = _meeting_rows(connection, base.where(MEETING.c.code == code_or_id))
        if not found:
            codes = ", ".join(r.code for r in meetings(connection)) or "none"
            raise NotFoundError(f"no meeting {code_or_id!r} (meetings in this store: {codes})")
        return found[0]
    found = _meeting_rows(
        connection, base.where(MEETING.c.last_day >= today).order_by(MEETING.c.first_day)
    ) or _meeting_rows(connection, base.order_by(MEETING.c.last_day.desc()))
    if not found:
        raise NotFoundError("this store holds no meeting")
    return found[0]


@dataclass(frozen=True, slots=True)
class DraftRow:
    id: uuid.UUID
    meeting_id: uuid.UUID | None
    designation: str
    former_name: str
    is_new: bool
    title: str
    summary: str
    question: str
    procedure: str
    stage: str
    report_number: str
    ipr_statements: str
    circular: str
    circular_date: date | None
    consultation_deadline: datetime | None
    consultation_deadline_tz: str
    threshold_percent: int
    agenda_item_id: uuid.UUID | None
    agenda_number: str | None
    #: the day the draft reached each stage so far (the latest, when reached twice)
    reached: dict[str, date] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        former = f" (ex {self.former_name})" if self.former_name else ""
        return f"{self.designation}{former}"


@dataclass(frozen=True, slots=True)
class ReplyRow:
    """A Member State's reply on one draft; ``own`` is the user's own Administration's."""

    id: uuid.UUID
    draft_id: uuid.UUID
    member_state: str
    assigns: bool
    comments_attached: bool
    note: str
    received_at: datetime | None
    own: bool


def drafts(connection: Connection, meeting_id: uuid.UUID) -> list[DraftRow]:
    numbers = {row.id: row.number for row in agenda(connection, meeting_id)}
    linked: dict[uuid.UUID, uuid.UUID] = {
        row.draft_id: row.id
        for row in connection.execute(
            select(AGENDA_ITEM.c.draft_id, AGENDA_ITEM.c.id)
            .where(AGENDA_ITEM.c.meeting_id == meeting_id, AGENDA_ITEM.c.draft_id.is_not(None))
            .order_by(AGENDA_ITEM.c.position.desc())  # the first item wins a double link
        )
    }
    reached: dict[uuid.UUID, dict[str, date]] = {}
    for row in connection.execute(
        select(DRAFT_STAGE.c.draft_id, DRAFT_STAGE.c.stage, DRAFT_STAGE.c.reached_on)
        .join(DRAFT, DRAFT.c.id == DRAFT_STAGE.c.draft_id)
        .where(DRAFT.c.meeting_id == meeting_id)
        .order_by(DRAFT_STAGE.c.reached_on)
    ):
        reached.setdefault(row.draft_id, {})[row.stage] = row.reached_on
    query = (
        select(DRAFT)
        .where(DRAFT.c.meeting_id == meeting_id)
        .order_by(DRAFT.c.position, DRAFT.c.designation)
    )
    return [
        DraftRow(
            id=d.id,
            meeting_id=d.meeting_id,
            designation=d.designation,
            former_name=d.former_name,
            is_new=d.is_new,
            title=d.title,
            summary=d.summary,
            question=d.question,
            procedure=d.procedure,
            stage=d.stage,
            report_number=d.report_number,
            ipr_statements=d.ipr_statements,
            circular=d.circular,
            circular_date=d.circular_date,
            consultation_deadline=d.consultation_deadline,
            consultation_deadline_tz=d.consultation_deadline_tz,
            threshold_percent=d.consultation_threshold_percent,
            agenda_item_id=linked.get(d.id),
            agenda_number=numbers.get(linked[d.id]) if d.id in linked else None,
            reached=reached.get(d.id, {}),
        )
        for d in connection.execute(query)
    ]


def replies(connection: Connection, meeting_id: uuid.UUID) -> dict[uuid.UUID, list[ReplyRow]]:
    """The replies on each draft of the meeting, by Member State."""
    out: dict[uuid.UUID, list[ReplyRow]] = {}
    query = (
        select(REPLY)
        .join(DRAFT, DRAFT.c.id == REPLY.c.draft_id)
        .where(DRAFT.c.meeting_id == meeting_id)
        .order_by(REPLY.c.member_state)
    )
    for r in connection.execute(query):
        out.setdefault(r.draft_id, []).append(
            ReplyRow(
                id=r.id,
                draft_id=r.draft_id,
                member_state=r.member_state,
                assigns=r.assigns_authority,
                comments_attached=r.comments_attached,
                note=r.note,
                received_at=r.received_at,
                own=r.own_administration,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """A deadline with the instant it falls due, when that can be told.

    ``due`` is the printed instant, or the end of the printed (or rule-given) day in the
    deadline's zone; it is ``None`` for a rule that depends on a session not yet chosen.
    """

    id: uuid.UUID
    meeting_code: str | None
    title: str
    due: datetime | None
    due_date: date | None  # set when the deadline is a whole day
    timezone: str
    rule: Rule | None
    rule_date: date | None  # what the rule gives for the meeting's current dates
    status: str
    source_text: str
    notes: str
    origin: str
    event_id: uuid.UUID | None = None  # the session a session-relative rule counts from
    event_title: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == schema.DeadlineStatus.OPEN.value

    @property
    def status_label(self) -> str:
        return STATUS_WORDS[schema.DeadlineStatus(self.status)]

    def urgency(self, now: datetime) -> Urgency:
        return urgency(self.due, self.is_open, now)

    def due_text(self, zone_name: str, home: str) -> str:
        """When it falls due, in ``zone_name``: ``Thu 30 April 2026, end of day (23:59 CEST)``
        (a whole day is said as such in the meeting's zone ``home`` only), or its rule when
        no date can be told yet."""
        if self.due is None:
            assert self.rule is not None
            return f"{self.rule.describe()} (for each session it applies to)"
        whole_day = self.due_date is not None and zone_name == home
        return format_due(self.due, zone_name, whole_day=whole_day)

    def time_left(self, now: datetime) -> str:
        """``3 d 11 h left`` or ``overdue by 2 d`` while open; empty once closed or undated."""
        if not self.is_open or self.due is None:
            return ""
        return format_time_left(self.due - now)


STATUS_WORDS = {
    schema.DeadlineStatus.OPEN: "open",
    schema.DeadlineStatus.DONE: "done",
    schema.DeadlineStatus.NOT_APPLICABLE: "not applicable",
}


_DEADLINE_COLUMNS = [
    DEADLINE.c[name]
    for name in (
        "id",
        "title",
        "due_at",
        "due_date",
        "timezone",
        "rule_amount",
        "rule_unit",
        "rule_anchor",
        "status",
        "source_text",
        "notes",
        "origin",
        "event_id",
    )
]


def deadlines(connection: Connection, meeting_id: uuid.UUID | None = None) -> list[DeadlineRow]:
    """Deadlines sorted by due instant (those without one last), optionally of one meeting.

    Rules are recomputed from the meeting's dates here, on every read, so a moved meeting
    moves them at once. Deadlines share few distinct rules, so each rule's arithmetic is
    done once per read.
    """
    query = select(
        *_DEADLINE_COLUMNS,
        MEETING.c.code.label("meeting_code"),
        MEETING.c.first_day.label("first_day"),
        MEETING.c.last_day.label("last_day"),
        EVENT.c.starts_at.label("session_start"),
        EVENT.c.title.label("event_title"),
    )
    query = query.outerjoin(MEETING, MEETING.c.id == DEADLINE.c.meeting_id).outerjoin(
        EVENT, EVENT.c.id == DEADLINE.c.event_id
    )
    if meeting_id is not None:
        query = query.where(DEADLINE.c.meeting_id == meeting_id)
    rules: dict[tuple[Any, ...], tuple[Rule | None, date | None]] = {}
    ends: dict[tuple[date, str], datetime] = {}
    rows: list[DeadlineRow] = []
    for d in connection.execute(query):
        key = (d.rule_amount, d.rule_unit, d.rule_anchor, d.first_day, d.last_day)
        known = rules.get(key)
        if known is None:
            rule = Rule.stored(d.rule_amount, d.rule_unit, d.rule_anchor)
            given = None
            meeting_rule = rule is not None and rule.anchor is not Anchor.SESSION_START
            if rule is not None and meeting_rule and d.first_day is not None:
                given = due_for_meeting(rule, d.first_day, d.last_day)
            known = rules[key] = (rule, given)
        rule, rule_date = known
        # a printed instant wins; otherwise the printed day, else the day the rule gives,
        # falls due at the end of that day in the deadline's zone
        due = d.due_at
        day = None if due is not None else (d.due_date or rule_date)
        if day is not None:
            end = ends.get((day, d.timezone))
            if end is None:
                end = ends[(day, d.timezone)] = date_due_instant(day, d.timezone)
            due = end
        if due is None and rule is not None and d.session_start is not None:
            due = due_for_session(rule, d.session_start)
        rows.append(
            DeadlineRow(
                d.id,
                d.meeting_code,
                d.title,
                due,
                day,
                d.timezone,
                rule,
                rule_date,
                d.status,
                d.source_text,
                d.notes,
                d.origin,
                d.event_id,
                d.event_title,
            )
        )
    far = datetime.max.replace(tzinfo=UTC)
    rows.sort(key=lambda r: (r.due or far, r.title))
    return rows


@dataclass(frozen=True, slots=True)
class EventRow:
    id: uuid.UUID
    kind: str
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    first_day: date | None
    last_day: date | None
    timezone: str
    place: str
    virtual: bool
    registration_required: bool
    notes: str
    attendance: str | None

    def day(self, zone_name: str) -> date:
        """The day the event starts on, in the given zone (the first day if untimed)."""
        if self.starts_at is not None:
            return in_zone(self.starts_at, zone_name).date()
        assert self.first_day is not None
        return self.first_day

    def sort_key(self) -> tuple[datetime, str]:
        if self.starts_at is not None:
            return (self.starts_at, self.title)
        assert self.first_day is not None
        return (local_to_utc(self.first_day, time(0, 0), self.timezone), self.title)


def events(connection: Connection, meeting_id: uuid.UUID) -> list[EventRow]:
    query = (
        select(EVENT, ATTENDANCE.c.mode.label("attendance"))
        .outerjoin(ATTENDANCE, ATTENDANCE.c.event_id == EVENT.c.id)
        .where(EVENT.c.meeting_id == meeting_id)
    )
    fields = EventRow.__dataclass_fields__
    rows = [
        EventRow(**{k: v for k, v in row._mapping.items() if k in fields})
        for row in connection.execute(query)
    ]
    rows.sort(key=EventRow.sort_key)
    return rows


def counts(connection: Connection) -> dict[str, int]:
    return {
        name: connection.scalar(select(func.count()).select_from(table)) or 0
        for name, table in schema.COUNTED
    }


@dataclass(frozen=True, slots=True)
class RevisionRow:
    id: uuid.UUID
    label: str
    issued_on: date
    issued_at: datetime


REVISION = schema.agenda_revision


def revisions(connection: Connection, meeting_id: uuid.UUID) -> list[RevisionRow]:
    """The meeting's issued revisions, oldest first."""
    query = (
        select(REVISION.c.id, REVISION.c.label, REVISION.c.issued_on, REVISION.c.issued_at)
        .where(REVISION.c.meeting_id == meeting_id)
        .order_by(REVISION.c.issued_at, REVISION.c.label)
    )
    return [RevisionRow(**row._mapping) for row in connection.execute(query)]


def agenda_version(
    connection: Connection, meeting_id: uuid.UUID, label: str
) -> list[dict[str, Any]]:
    """An issued revision's entries by its label, or the agenda now for ``current``."""
    if label.strip().lower() == CURRENT:
        return [row.snapshot() for row in agenda(connection, meeting_id)]
    text = connection.scalar(
        select(REVISION.c.snapshot).where(
            REVISION.c.meeting_id == meeting_id, func.lower(REVISION.c.label) == label.lower()
        )
    )
    if text is None:
        known = ", ".join(r.label for r in revisions(connection, meeting_id)) or "none yet"
        raise NotFoundError(f"no revision {label!r} of this meeting (issued: {known})")
    entries: list[dict[str, Any]] = json.loads(text)
    return entries


def compare_versions(
    connection: Connection, meeting_id: uuid.UUID, before: str, after: str = CURRENT
) -> list[AgendaChange]:
    """What changed from revision ``before`` to ``after`` (a label or ``current``)."""
    return compare(
        agenda_version(connection, meeting_id, before),
        agenda_version(connection, meeting_id, after),
    )
