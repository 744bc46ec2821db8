"""The data of DESIGN.md as SQLAlchemy 2 typed models.

Every row a user can see has a UUID (``id``) so that exchange files and re-imports merge
instead of duplicating, and a ``version`` that SQLAlchemy checks on update, so an edit made
from a stale copy is refused instead of silently overwriting a newer one. Instants are
stored in UTC next to the IANA zone they were stated in; dates without a time stay dates.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from sg20desk.db.types import UTCDateTime
from sg20desk.rules.documents import DocumentKind
from sg20desk.rules.timezones import GENEVA

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Tracked:
    """A user-visible row: stable identifier and optimistic version."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class EventKind(StrEnum):
    PLENARY = "plenary"
    WORKING_PARTY = "working_party"
    TRAINING = "training"
    NEWCOMERS = "newcomers"
    JCA = "jca"
    WORKSHOP = "workshop"
    E_MEETING = "e_meeting"
    SIDE_EVENT = "side_event"
    REGISTRATION = "registration"
    OTHER = "other"


class AgendaStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DEFERRED = "deferred"


class Procedure(StrEnum):
    TAP = "TAP"
    AAP = "AAP"


class DeadlineStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class AttendanceMode(StrEnum):
    IN_PERSON = "in_person"
    REMOTE = "remote"
    NOT_ATTENDING = "not_attending"


def _enum_check(column: str, values: type[StrEnum]) -> CheckConstraint:
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_valid")


class Setting(Base):
    """Store-wide key/value facts (the built-in meeting was loaded, the user's zone...)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Meeting(Tracked, Base):
    __tablename__ = "meeting"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    group: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default=GENEVA)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    opening_time: Mapped[time | None] = mapped_column(Time)
    registration_time: Mapped[time | None] = mapped_column(Time)
    numbering_frozen: Mapped[bool] = mapped_column(Boolean, default=False)
    source_document: Mapped[str] = mapped_column(Text, default="")
    source_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    events: Mapped[list[Event]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )
    drafts: Mapped[list[DraftRecommendation]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )
    deadlines: Mapped[list[Deadline]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )
    revisions: Mapped[list[AgendaRevision]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )
    documents: Mapped[list[DocumentRef]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (CheckConstraint("first_day <= last_day", name="dates_ordered"),)


class Event(Tracked, Base):
    """A session or side event. Timed events have instants; day-long ones have dates."""

    __tablename__ = "event"

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default=EventKind.OTHER.value)
    title: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_day: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64), default=GENEVA)
    place: Mapped[str] = mapped_column(Text, default="")
    virtual: Mapped[bool] = mapped_column(Boolean, default=False)
    registration_required: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="events")
    attendance: Mapped[Attendance | None] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        _enum_check("kind", EventKind),
        CheckConstraint(
            "(starts_at IS NOT NULL) OR (first_day IS NOT NULL)", name="has_time_or_day"
        ),
        CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR starts_at <= ends_at", name="times_ordered"
        ),
    )


class DocumentRef(Tracked, Base):
    """A contribution, temporary document, report, liaison statement, letter or circular."""

    __tablename__ = "document_ref"

    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(30))
    revision: Mapped[int | None] = mapped_column(Integer)
    group: Mapped[str] = mapped_column(String(30), default="")
    title: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting | None] = relationship(back_populates="documents")

    __table_args__ = (_enum_check("kind", DocumentKind),)


class AgendaItemDocument(Base):
    """The documents listed against an agenda item, in order."""

    __tablename__ = "agenda_item_document"

    agenda_item_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("document_ref.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    document: Mapped[DocumentRef] = relationship()


class AgendaItem(Tracked, Base):
    """A node of the agenda tree. Its number is computed from the tree unless frozen."""

    __tablename__ = "agenda_item"

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    numbered: Mapped[bool] = mapped_column(Boolean, default=True)
    frozen_number: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default=AgendaStatus.PENDING.value)
    minutes: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    draft_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("draft_recommendation.id", ondelete="SET NULL"), index=True
    )
    # the meeting session (an event) the item is timetabled in
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True
    )

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    parent: Mapped[AgendaItem | None] = relationship(remote_side="AgendaItem.id")
    documents: Mapped[list[AgendaItemDocument]] = relationship(
        order_by=AgendaItemDocument.position, cascade="all, delete-orphan", passive_deletes=True
    )
    draft: Mapped[DraftRecommendation | None] = relationship(back_populates="agenda_items")

    __table_args__ = (
        _enum_check("status", AgendaStatus),
        CheckConstraint("minutes IS NULL OR minutes >= 0", name="minutes_nonnegative"),
        Index("ix_agenda_item_tree", "meeting_id", "parent_id", "position"),
    )


class AgendaRevision(Tracked, Base):
    """An issued snapshot of the agenda (Draft, Rev.1, Rev.2 ...) as JSON."""

    __tablename__ = "agenda_revision"

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(30))
    issued_on: Mapped[date] = mapped_column(Date)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    snapshot: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="revisions")

    __table_args__ = (UniqueConstraint("meeting_id", "label", name="label_per_meeting"),)


class DraftRecommendation(Tracked, Base):
    __tablename__ = "draft_recommendation"

    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    designation: Mapped[str] = mapped_column(String(60))
    former_name: Mapped[str] = mapped_column(String(60), default="")
    is_new: Mapped[bool] = mapped_column(Boolean, default=True)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(String(30), default="")
    procedure: Mapped[str] = mapped_column(String(3), default=Procedure.TAP.value)
    stage: Mapped[str] = mapped_column(String(40), default="")
    report_number: Mapped[str] = mapped_column(String(30), default="")
    ipr_statements: Mapped[str] = mapped_column(Text, default="")
    circular: Mapped[str] = mapped_column(String(60), default="")
    circular_date: Mapped[date | None] = mapped_column(Date)
    consultation_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consultation_deadline_tz: Mapped[str] = mapped_column(String(64), default="UTC")
    consultation_threshold_percent: Mapped[int] = mapped_column(Integer, default=70)

    meeting: Mapped[Meeting | None] = relationship(back_populates="drafts")
    agenda_items: Mapped[list[AgendaItem]] = relationship(back_populates="draft")
    replies: Mapped[list[ConsultationReply]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        _enum_check("procedure", Procedure),
        UniqueConstraint("meeting_id", "designation", name="designation_per_meeting"),
        CheckConstraint(
            "consultation_threshold_percent BETWEEN 0 AND 100", name="threshold_percent"
        ),
    )


class ConsultationReply(Tracked, Base):
    """A Member State's reply to a TAP consultation on one draft."""

    __tablename__ = "consultation_reply"

    draft_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("draft_recommendation.id", ondelete="CASCADE"), index=True
    )
    member_state: Mapped[str] = mapped_column(String(120))
    assigns_authority: Mapped[bool] = mapped_column(Boolean)
    comments_attached: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    own_administration: Mapped[bool] = mapped_column(Boolean, default=False)

    draft: Mapped[DraftRecommendation] = relationship(back_populates="replies")

    __table_args__ = (UniqueConstraint("draft_id", "member_state", name="one_reply_per_state"),)


class Deadline(Tracked, Base):
    """Something due: a printed date or instant, a rule relative to the meeting, or both.

    When a letter prints a date, that date is kept; the rule (if any) records how the
    practical information states it, so a moved meeting can show what the rule now gives.
    """

    __tablename__ = "deadline"

    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_date: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64), default=GENEVA)
    rule_amount: Mapped[int | None] = mapped_column(Integer)
    rule_unit: Mapped[str | None] = mapped_column(String(20))
    rule_anchor: Mapped[str | None] = mapped_column(String(20))
    source_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=DeadlineStatus.OPEN.value)
    notes: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(20), default="user")

    meeting: Mapped[Meeting | None] = relationship(back_populates="deadlines")

    __table_args__ = (
        _enum_check("status", DeadlineStatus),
        CheckConstraint(
            "due_at IS NOT NULL OR due_date IS NOT NULL OR rule_unit IS NOT NULL",
            name="has_due_or_rule",
        ),
        Index("ix_deadline_due", "due_at", "due_date"),
    )


class Attendance(Tracked, Base):
    """The user's plan for one event."""

    __tablename__ = "attendance"

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), unique=True
    )
    mode: Mapped[str] = mapped_column(String(20), default=AttendanceMode.IN_PERSON.value)

    event: Mapped[Event] = relationship(back_populates="attendance")

    __table_args__ = (_enum_check("mode", AttendanceMode),)
