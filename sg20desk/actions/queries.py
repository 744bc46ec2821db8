"""Read-side views of the store as plain rows, for the window and the command line.

Nothing here returns ORM objects: screens get frozen rows they can keep without a session.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sg20desk.db import models as m
from sg20desk.rules.deadlines import (
    Anchor,
    Rule,
    Unit,
    date_due_instant,
    due_for_meeting,
    meeting_opening,
)
from sg20desk.rules.numbering import Node, compute_numbers, walk
from sg20desk.rules.timezones import in_zone, local_to_utc


class NotFoundError(LookupError):
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

    @property
    def opening(self) -> datetime:
        return meeting_opening(self.first_day, self.opening_time, self.timezone)

    @property
    def label(self) -> str:
        """``SG20 · 12-21 May 2026 · SG20-2026-05``: how a meeting is offered in a list."""
        return f"{self.group} · {span(self.first_day, self.last_day)} · {self.code}"


def span(first: date, last: date) -> str:
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {first:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} - {last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} - {last.day} {last:%B %Y}"


def _meeting_row(meeting: m.Meeting) -> MeetingRow:
    return MeetingRow(
        id=meeting.id,
        code=meeting.code,
        group=meeting.group,
        title=meeting.title,
        place=meeting.place,
        timezone=meeting.timezone,
        first_day=meeting.first_day,
        last_day=meeting.last_day,
        opening_time=meeting.opening_time,
        registration_time=meeting.registration_time,
        source_document=meeting.source_document,
    )


def meetings(session: Session) -> list[MeetingRow]:
    rows = session.scalars(select(m.Meeting).order_by(m.Meeting.first_day, m.Meeting.code))
    return [_meeting_row(r) for r in rows]


def meeting(session: Session, code_or_id: str | uuid.UUID | None, today: date) -> MeetingRow:
    """A meeting by code or id; without one, the meeting in progress or the next one.

    With only past meetings, the most recent. Raises :class:`NotFoundError`.
    """
    if isinstance(code_or_id, uuid.UUID):
        found = session.get(m.Meeting, code_or_id)
        if found is None:
            raise NotFoundError(f"no meeting with id {code_or_id}")
        return _meeting_row(found)
    if code_or_id:
        found = session.scalar(select(m.Meeting).where(m.Meeting.code == code_or_id))
        if found is None:
            codes = ", ".join(r.code for r in meetings(session)) or "none"
            raise NotFoundError(f"no meeting {code_or_id!r} (meetings in this store: {codes})")
        return _meeting_row(found)
    upcoming = session.scalar(
        select(m.Meeting).where(m.Meeting.last_day >= today).order_by(m.Meeting.first_day)
    )
    latest = upcoming or session.scalar(select(m.Meeting).order_by(m.Meeting.last_day.desc()))
    if latest is None:
        raise NotFoundError("this store holds no meeting")
    return _meeting_row(latest)


@dataclass(frozen=True, slots=True)
class AgendaRow:
    id: uuid.UUID
    parent_id: uuid.UUID | None
    depth: int
    position: int
    number: str | None  # shown: the frozen number if frozen, else the computed one
    computed_number: str | None
    numbered: bool
    title: str
    documents: tuple[str, ...]
    draft_designation: str | None
    minutes: int | None
    status: str
    notes: str


def format_document(doc: m.DocumentRef) -> str:
    """``C 005``, ``TD414 Rev.1``, ``SG20-R12``: how documents are cited in an agenda."""
    joiner = "" if doc.kind == m.DocumentKind.TD.value else " "
    text = doc.number if doc.kind == m.DocumentKind.R.value else f"{doc.kind}{joiner}{doc.number}"
    return f"{text} Rev.{doc.revision}" if doc.revision else text


def agenda(session: Session, meeting_id: uuid.UUID) -> list[AgendaRow]:
    """The agenda of a meeting, depth first, numbered from the tree."""
    items = {
        item.id: item
        for item in session.scalars(
            select(m.AgendaItem).where(m.AgendaItem.meeting_id == meeting_id)
        )
    }
    documents: dict[uuid.UUID, list[str]] = {}
    doc_rows = session.execute(
        select(m.AgendaItemDocument.agenda_item_id, m.DocumentRef)
        .join(m.DocumentRef, m.DocumentRef.id == m.AgendaItemDocument.document_id)
        .join(m.AgendaItem, m.AgendaItem.id == m.AgendaItemDocument.agenda_item_id)
        .where(m.AgendaItem.meeting_id == meeting_id)
        .order_by(m.AgendaItemDocument.position)
    )
    for item_id, doc in doc_rows:
        documents.setdefault(item_id, []).append(format_document(doc))
    drafts = dict(
        session.execute(
            select(m.DraftRecommendation.id, m.DraftRecommendation.designation).where(
                m.DraftRecommendation.meeting_id == meeting_id
            )
        ).all()
    )
    frozen = bool(
        session.scalar(select(m.Meeting.numbering_frozen).where(m.Meeting.id == meeting_id))
    )
    nodes = [Node(i.id, i.parent_id, i.position, i.numbered) for i in items.values()]
    numbers = compute_numbers(nodes)
    rows: list[AgendaRow] = []
    for node, depth in walk(nodes):
        item = items[node.key]
        computed = numbers[item.id]
        shown = (item.frozen_number or computed) if frozen and item.numbered else computed
        rows.append(
            AgendaRow(
                id=item.id,
                parent_id=item.parent_id,
                depth=depth,
                position=item.position,
                number=shown,
                computed_number=computed,
                numbered=item.numbered,
                title=item.title,
                documents=tuple(documents.get(item.id, ())),
                draft_designation=drafts.get(item.draft_id) if item.draft_id else None,
                minutes=item.minutes,
                status=item.status,
                notes=item.notes,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class DraftRow:
    id: uuid.UUID
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
    consultation_deadline: datetime | None
    consultation_deadline_tz: str
    threshold_percent: int
    agenda_number: str | None

    @property
    def heading(self) -> str:
        former = f" (ex {self.former_name})" if self.former_name else ""
        return f"{self.designation}{former}"


STAGE_LABELS = {
    "determined": "Determined",
    "announced": "Announced",
    "consultation_open": "Consultation open",
    "consultation_closed": "Consultation closed",
    "approved": "Approved",
    "not_approved": "Not approved",
    "more_time_requested": "More time requested",
    "published": "Published",
    "consented": "Consented",
    "last_call": "Last Call",
    "comment_resolution": "Comment resolution",
    "additional_review": "Additional Review",
    "referred_to_meeting": "Referred to a study-group meeting",
    "moved_to_tap": "Moved to TAP",
}


def stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, stage.replace("_", " ").capitalize())


def drafts(session: Session, meeting_id: uuid.UUID) -> list[DraftRow]:
    numbers = {row.id: row.number for row in agenda(session, meeting_id)}
    linked = dict(
        session.execute(
            select(m.AgendaItem.draft_id, m.AgendaItem.id).where(
                m.AgendaItem.meeting_id == meeting_id, m.AgendaItem.draft_id.is_not(None)
            )
        ).all()
    )
    rows = session.scalars(
        select(m.DraftRecommendation)
        .where(m.DraftRecommendation.meeting_id == meeting_id)
        .order_by(m.DraftRecommendation.position, m.DraftRecommendation.designation)
    )
    return [
        DraftRow(
            id=d.id,
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
            consultation_deadline=d.consultation_deadline,
            consultation_deadline_tz=d.consultation_deadline_tz,
            threshold_percent=d.consultation_threshold_percent,
            agenda_number=numbers.get(linked[d.id]) if d.id in linked else None,
        )
        for d in rows
    ]


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

    @property
    def is_open(self) -> bool:
        return self.status == m.DeadlineStatus.OPEN.value


def _rule(d: m.Deadline) -> Rule | None:
    if d.rule_unit is None or d.rule_amount is None:
        return None
    return Rule(d.rule_amount, Unit(d.rule_unit), Anchor(d.rule_anchor or Anchor.MEETING_START))


def deadlines(session: Session, meeting_id: uuid.UUID | None = None) -> list[DeadlineRow]:
    """Deadlines sorted by due instant (those without one last), optionally of one meeting."""
    query = select(m.Deadline, m.Meeting).outerjoin(
        m.Meeting, m.Meeting.id == m.Deadline.meeting_id
    )
    if meeting_id is not None:
        query = query.where(m.Deadline.meeting_id == meeting_id)
    rows: list[DeadlineRow] = []
    for d, mt in session.execute(query):
        rule = _rule(d)
        rule_date = None
        if rule is not None and mt is not None and rule.anchor is Anchor.MEETING_START:
            rule_date = due_for_meeting(rule, mt.first_day, mt.timezone)
        day = d.due_date or (rule_date if d.due_at is None else None)
        due = d.due_at or (date_due_instant(day, d.timezone) if day else None)
        rows.append(
            DeadlineRow(
                id=d.id,
                meeting_code=mt.code if mt else None,
                title=d.title,
                due=due,
                due_date=day if d.due_at is None else None,
                timezone=d.timezone,
                rule=rule,
                rule_date=rule_date,
                status=d.status,
                source_text=d.source_text,
                notes=d.notes,
                origin=d.origin,
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


def events(session: Session, meeting_id: uuid.UUID) -> list[EventRow]:
    result = session.execute(
        select(m.Event, m.Attendance.mode)
        .outerjoin(m.Attendance, m.Attendance.event_id == m.Event.id)
        .where(m.Event.meeting_id == meeting_id)
    )
    rows = [
        EventRow(
            id=e.id,
            kind=e.kind,
            title=e.title,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            first_day=e.first_day,
            last_day=e.last_day,
            timezone=e.timezone,
            place=e.place,
            virtual=e.virtual,
            registration_required=e.registration_required,
            notes=e.notes,
            attendance=mode,
        )
        for e, mode in result
    ]
    rows.sort(key=EventRow.sort_key)
    return rows


ENTITIES: tuple[tuple[str, type[m.Base]], ...] = (
    ("meetings", m.Meeting),
    ("events", m.Event),
    ("agenda items", m.AgendaItem),
    ("agenda revisions", m.AgendaRevision),
    ("document references", m.DocumentRef),
    ("draft Recommendations", m.DraftRecommendation),
    ("consultation replies", m.ConsultationReply),
    ("deadlines", m.Deadline),
    ("attendance choices", m.Attendance),
)


def counts(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in ENTITIES
    }
