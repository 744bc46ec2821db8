"""Mapped classes over the tables of :mod:`sg20desk.db.schema`.

The program itself no longer loads this module: it reads through Core, and every change,
imports included, is a set of rows that ``actions.history`` writes (with its own version
check) and undo replays. Only tests still set up stores through these classes; whether to
keep them is an open question (see the README's Benchmarks section for what loading them
costs).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any, ClassVar

from sqlalchemy import Table
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, relationship

from sg20desk.db import schema


class Base(DeclarativeBase):
    metadata = schema.metadata


class Tracked:
    """A user-visible row: stable identifier and optimistic version."""

    __table__: ClassVar[Table]
    id: Mapped[uuid.UUID]
    version: Mapped[int]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


class Setting(Base):
    """Store-wide key/value facts (the built-in meeting was loaded, the user's zone...)."""

    __table__ = schema.setting
    key: Mapped[str]
    value: Mapped[str]


class Meeting(Tracked, Base):
    __table__ = schema.meeting
    code: Mapped[str]
    group: Mapped[str]
    title: Mapped[str]
    place: Mapped[str]
    timezone: Mapped[str]
    first_day: Mapped[date]
    last_day: Mapped[date]
    opening_time: Mapped[time | None]
    registration_time: Mapped[time | None]
    numbering_frozen: Mapped[bool]
    source_document: Mapped[str]
    source_date: Mapped[date | None]
    notes: Mapped[str]

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


class Event(Tracked, Base):
    __table__ = schema.event
    meeting_id: Mapped[uuid.UUID]
    kind: Mapped[str]
    title: Mapped[str]
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    first_day: Mapped[date | None]
    last_day: Mapped[date | None]
    timezone: Mapped[str]
    place: Mapped[str]
    virtual: Mapped[bool]
    registration_required: Mapped[bool]
    notes: Mapped[str]

    meeting: Mapped[Meeting] = relationship(back_populates="events")
    attendance: Mapped[Attendance | None] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )


class DocumentRef(Tracked, Base):
    __table__ = schema.document_ref
    meeting_id: Mapped[uuid.UUID | None]
    kind: Mapped[str]
    number: Mapped[str]
    revision: Mapped[int | None]
    group: Mapped[str]
    title: Mapped[str]

    meeting: Mapped[Meeting | None] = relationship(back_populates="documents")


class AgendaItemDocument(Base):
    __table__ = schema.agenda_item_document
    agenda_item_id: Mapped[uuid.UUID]
    document_id: Mapped[uuid.UUID]
    position: Mapped[int]

    document: Mapped[DocumentRef] = relationship()


class AgendaItem(Tracked, Base):
    __table__ = schema.agenda_item
    meeting_id: Mapped[uuid.UUID]
    parent_id: Mapped[uuid.UUID | None]
    position: Mapped[int]
    title: Mapped[str]
    numbered: Mapped[bool]
    frozen_number: Mapped[str | None]
    status: Mapped[str]
    minutes: Mapped[int | None]
    notes: Mapped[str]
    draft_id: Mapped[uuid.UUID | None]
    event_id: Mapped[uuid.UUID | None]

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    parent: Mapped[AgendaItem | None] = relationship(remote_side=[schema.agenda_item.c.id])
    documents: Mapped[list[AgendaItemDocument]] = relationship(
        order_by=schema.agenda_item_document.c.position,
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    draft: Mapped[DraftRecommendation | None] = relationship(back_populates="agenda_items")


class AgendaRevision(Tracked, Base):
    __table__ = schema.agenda_revision
    meeting_id: Mapped[uuid.UUID]
    label: Mapped[str]
    issued_on: Mapped[date]
    issued_at: Mapped[datetime]
    snapshot: Mapped[str]
    notes: Mapped[str]

    meeting: Mapped[Meeting] = relationship(back_populates="revisions")


class DraftRecommendation(Tracked, Base):
    __table__ = schema.draft_recommendation
    meeting_id: Mapped[uuid.UUID | None]
    position: Mapped[int]
    designation: Mapped[str]
    former_name: Mapped[str]
    is_new: Mapped[bool]
    title: Mapped[str]
    summary: Mapped[str]
    question: Mapped[str]
    procedure: Mapped[str]
    stage: Mapped[str]
    report_number: Mapped[str]
    ipr_statements: Mapped[str]
    circular: Mapped[str]
    circular_date: Mapped[date | None]
    consultation_deadline: Mapped[datetime | None]
    consultation_deadline_tz: Mapped[str]
    consultation_threshold_percent: Mapped[int]

    meeting: Mapped[Meeting | None] = relationship(back_populates="drafts")
    agenda_items: Mapped[list[AgendaItem]] = relationship(back_populates="draft")
    replies: Mapped[list[ConsultationReply]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", passive_deletes=True
    )


class ConsultationReply(Tracked, Base):
    __table__ = schema.consultation_reply
    draft_id: Mapped[uuid.UUID]
    member_state: Mapped[str]
    assigns_authority: Mapped[bool]
    comments_attached: Mapped[bool]
    note: Mapped[str]
    received_at: Mapped[datetime | None]
    own_administration: Mapped[bool]

    draft: Mapped[DraftRecommendation] = relationship(back_populates="replies")


class Deadline(Tracked, Base):
    __table__ = schema.deadline
    meeting_id: Mapped[uuid.UUID | None]
    event_id: Mapped[uuid.UUID | None]
    title: Mapped[str]
    due_at: Mapped[datetime | None]
    due_date: Mapped[date | None]
    timezone: Mapped[str]
    rule_amount: Mapped[int | None]
    rule_unit: Mapped[str | None]
    rule_anchor: Mapped[str | None]
    source_text: Mapped[str]
    status: Mapped[str]
    notes: Mapped[str]
    origin: Mapped[str]

    meeting: Mapped[Meeting | None] = relationship(back_populates="deadlines")


class Attendance(Tracked, Base):
    __table__ = schema.attendance
    event_id: Mapped[uuid.UUID]
    mode: Mapped[str]

    event: Mapped[Event] = relationship(back_populates="attendance")
