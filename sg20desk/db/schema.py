"""The tables of DESIGN.md, as SQLAlchemy Core.

Every row a user can see has a UUID (``id``) so that exchange files and re-imports merge
instead of duplicating, and a ``version`` that the ORM checks on update, so an edit made
from a stale copy is refused instead of silently overwriting a newer one. Instants are
stored in UTC next to the IANA zone they were stated in; dates without a time stay dates.

The tables are declared here, without the ORM, because reading needs only Core: the
window and the command line start without paying for the mapped classes of
:mod:`sg20desk.db.models`, which writing code imports when it needs them.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.sql.schema import SchemaItem

from sg20desk.db.types import UTCDateTime
from sg20desk.rules.approval import Procedure
from sg20desk.rules.documents import DocumentKind
from sg20desk.rules.timezones import GENEVA

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


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
    APPOINTMENT = "appointment"  # the user's own, not the meeting's


class AgendaStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DEFERRED = "deferred"


class DeadlineStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class DeadlineOrigin(StrEnum):
    """Where a deadline came from, which decides what an import may change of it."""

    USER = "user"  # typed by the user: never matched by title, never removed
    LETTER = "letter"  # a collective letter's key deadlines and practical information
    CIRCULAR = "circular"  # a circular's own reply deadline
    CALENDAR = "calendar"  # another calendar's to-do or "Due:" entry
    ATTENDANCE = "attendance"  # made by a choice of attendance (a remote request)


class AttendanceMode(StrEnum):
    IN_PERSON = "in_person"
    REMOTE = "remote"
    NOT_ATTENDING = "not_attending"


def _enum_check(column: str, values: type[StrEnum]) -> CheckConstraint:
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_valid")


def _required(name: str, type_: Any, **kw: Any) -> Column[Any]:
    return Column(name, type_, nullable=False, **kw)


def _optional(name: str, type_: Any, **kw: Any) -> Column[Any]:
    return Column(name, type_, nullable=True, **kw)


def _owner(name: str, table: str, *, required: bool = True, **kw: Any) -> Column[Any]:
    """A reference to ``table`` that goes when the row it points to goes."""
    return Column(
        name,
        Uuid,
        ForeignKey(f"{table}.id", ondelete=kw.pop("ondelete", "CASCADE")),
        nullable=not required,
        index=kw.pop("index", True),
        **kw,
    )


def _tracked(name: str, *items: SchemaItem) -> Table:
    """A table of user-visible rows: stable identifier and optimistic version first."""
    return Table(
        name,
        metadata,
        Column("id", Uuid, primary_key=True, default=uuid.uuid4),
        _required("version", Integer, default=1),
        *items,
    )


setting = Table(
    "setting",
    metadata,
    Column("key", String(100), primary_key=True),
    _required("value", Text),
)

meeting = _tracked(
    "meeting",
    _required("code", String(60), unique=True),
    _required("group", String(30)),
    _required("title", Text),
    _required("place", Text, default=""),
    _required("timezone", String(64), default=GENEVA),
    _required("first_day", Date),
    _required("last_day", Date),
    _optional("opening_time", Time),
    _optional("registration_time", Time),
    _required("numbering_frozen", Boolean, default=False),
    _required("source_document", Text, default=""),
    _optional("source_date", Date),
    _required("notes", Text, default=""),
    CheckConstraint("first_day <= last_day", name="dates_ordered"),
)

# A session or side event. Timed events have instants; day-long ones have dates.
event = _tracked(
    "event",
    _owner("meeting_id", "meeting"),
    _required("kind", String(20), default=EventKind.OTHER.value),
    _required("title", Text),
    _optional("starts_at", UTCDateTime),
    _optional("ends_at", UTCDateTime),
    _optional("first_day", Date),
    _optional("last_day", Date),
    _required("timezone", String(64), default=GENEVA),
    _required("place", Text, default=""),
    _required("virtual", Boolean, default=False),
    _required("registration_required", Boolean, default=False),
    _required("notes", Text, default=""),
    _enum_check("kind", EventKind),
    CheckConstraint("(starts_at IS NOT NULL) OR (first_day IS NOT NULL)", name="has_time_or_day"),
    CheckConstraint(
        "ends_at IS NULL OR starts_at IS NULL OR starts_at <= ends_at", name="times_ordered"
    ),
)

# A contribution, temporary document, report, liaison statement, letter or circular.
document_ref = _tracked(
    "document_ref",
    _owner("meeting_id", "meeting", required=False),
    _required("kind", String(10)),
    _required("number", String(30)),
    _optional("revision", Integer),
    _required("group", String(30), default=""),
    _required("title", Text, default=""),
    _enum_check("kind", DocumentKind),
)

# The documents listed against an agenda item, in order.
agenda_item_document = Table(
    "agenda_item_document",
    metadata,
    _owner("agenda_item_id", "agenda_item", primary_key=True, index=False),
    _owner("document_id", "document_ref", primary_key=True),
    _required("position", Integer, default=0),
)

# A node of the agenda tree. Its number is computed from the tree unless frozen.
agenda_item = _tracked(
    "agenda_item",
    _owner("meeting_id", "meeting"),
    _owner("parent_id", "agenda_item", required=False),
    _required("position", Integer, default=0),
    _required("title", Text),
    _required("numbered", Boolean, default=True),
    _optional("frozen_number", String(30)),
    _required("status", String(20), default=AgendaStatus.PENDING.value),
    _optional("minutes", Integer),
    _required("notes", Text, default=""),
    _owner("draft_id", "draft_recommendation", required=False, ondelete="SET NULL"),
    # the meeting session (an event) the item is timetabled in
    _owner("event_id", "event", required=False, ondelete="SET NULL"),
    _enum_check("status", AgendaStatus),
    CheckConstraint("minutes IS NULL OR minutes >= 0", name="minutes_nonnegative"),
    Index("ix_agenda_item_tree", "meeting_id", "parent_id", "position"),
)

# An issued snapshot of the agenda (Draft, Rev.1, Rev.2 ...) as JSON.
agenda_revision = _tracked(
    "agenda_revision",
    _owner("meeting_id", "meeting"),
    _required("label", String(30)),
    _required("issued_on", Date),
    _required("issued_at", UTCDateTime),
    _required("snapshot", Text),
    _required("notes", Text, default=""),
    UniqueConstraint("meeting_id", "label", name="label_per_meeting"),
)

draft_recommendation = _tracked(
    "draft_recommendation",
    _owner("meeting_id", "meeting", required=False),
    _required("position", Integer, default=0),
    _required("designation", String(60)),
    _required("former_name", String(60), default=""),
    _required("is_new", Boolean, default=True),
    _required("title", Text),
    _required("summary", Text, default=""),
    _required("question", String(30), default=""),
    _required("procedure", String(3), default=Procedure.TAP.value),
    _required("stage", String(40), default=""),
    _required("report_number", String(30), default=""),
    _required("ipr_statements", Text, default=""),
    _required("circular", String(60), default=""),
    _optional("circular_date", Date),
    _optional("consultation_deadline", UTCDateTime),
    _required("consultation_deadline_tz", String(64), default="UTC"),
    # from the circular; new drafts take the procedure's (resources/rules/procedures.json)
    _required("consultation_threshold_percent", Integer),
    _enum_check("procedure", Procedure),
    UniqueConstraint("meeting_id", "designation", name="designation_per_meeting"),
    CheckConstraint("consultation_threshold_percent BETWEEN 0 AND 100", name="threshold_percent"),
)

# The day a draft reached a stage of its procedure: the known dates its timeline starts from.
draft_stage = _tracked(
    "draft_stage",
    _owner("draft_id", "draft_recommendation"),
    _required("stage", String(40)),
    _required("reached_on", Date),
    _required("note", Text, default=""),
)

# A Member State's reply to a TAP consultation on one draft. The reply of the user's own
# Administration (``own_administration``) has no ``received_at`` until it is sent.
consultation_reply = _tracked(
    "consultation_reply",
    _owner("draft_id", "draft_recommendation"),
    _required("member_state", String(120)),
    _required("assigns_authority", Boolean),
    _required("comments_attached", Boolean, default=False),
    _required("note", Text, default=""),
    _optional("received_at", UTCDateTime),
    _required("own_administration", Boolean, default=False),
    UniqueConstraint("draft_id", "member_state", name="one_reply_per_state"),
)

# Something due: a printed date or instant, a rule relative to the meeting, or both. When a
# letter prints a date, that date is kept; the rule (if any) records how the practical
# information states it, so a moved meeting can show what the rule now gives.
deadline = _tracked(
    "deadline",
    _owner("meeting_id", "meeting", required=False),
    _owner("event_id", "event", required=False),
    _required("title", Text),
    _optional("due_at", UTCDateTime),
    _optional("due_date", Date),
    _required("timezone", String(64), default=GENEVA),
    _optional("rule_amount", Integer),
    _optional("rule_unit", String(20)),
    _optional("rule_anchor", String(20)),
    _required("source_text", Text, default=""),
    _required("status", String(20), default=DeadlineStatus.OPEN.value),
    _required("notes", Text, default=""),
    _required("origin", String(20), default=DeadlineOrigin.USER.value),
    _enum_check("status", DeadlineStatus),
    CheckConstraint(
        "due_at IS NOT NULL OR due_date IS NOT NULL OR rule_unit IS NOT NULL",
        name="has_due_or_rule",
    ),
    Index("ix_deadline_due", "due_at", "due_date"),
)

# The user's plan for one event.
attendance = _tracked(
    "attendance",
    _owner("event_id", "event", unique=True, index=False),
    _required("mode", String(20), default=AttendanceMode.IN_PERSON.value),
    _enum_check("mode", AttendanceMode),
)

#: What ``sg20desk info`` counts, in the order it prints them.
COUNTED: tuple[tuple[str, Table], ...] = (
    ("meetings", meeting),
    ("events", event),
    ("agenda items", agenda_item),
    ("agenda revisions", agenda_revision),
    ("document references", document_ref),
    ("draft Recommendations", draft_recommendation),
    ("draft stage dates", draft_stage),
    ("consultation replies", consultation_reply),
    ("deadlines", deadline),
    ("attendance choices", attendance),
)
