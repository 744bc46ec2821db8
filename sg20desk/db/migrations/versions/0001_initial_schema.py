"""Initial schema: meetings, events, agenda, revisions, documents, drafts, replies, deadlines, attendance.

Revision ID: 0001
Revises:
Create Date: 2026-11-21 09:06:00.583269
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("group", sa.String(length=30), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("opening_time", sa.Time(), nullable=True),
        sa.Column("registration_time", sa.Time(), nullable=True),
        sa.Column("numbering_frozen", sa.Boolean(), nullable=False),
        sa.Column("source_document", sa.Text(), nullable=False),
        sa.Column("source_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("first_day <= last_day", name=op.f("ck_meeting_dates_ordered")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("code", name=op.f("uq_meeting_code")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "agenda_revision",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("label", sa.String(length=30), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_revision_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_revision")),
        sa.UniqueConstraint("meeting_id", "label", name="label_per_meeting"),
    )
    with op.batch_alter_table("agenda_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agenda_revision_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "document_ref",
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("group", sa.String(length=30), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('C', 'TD', 'R', 'LS', 'COL', 'Circular', 'Report')",
            name=op.f("ck_document_ref_kind_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_document_ref_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_ref")),
    )
    with op.batch_alter_table("document_ref", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_ref_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "draft_recommendation",
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("designation", sa.String(length=60), nullable=False),
        sa.Column("former_name", sa.String(length=60), nullable=False),
        sa.Column("is_new", sa.Boolean(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("question", sa.String(length=30), nullable=False),
        sa.Column("procedure", sa.String(length=3), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("report_number", sa.String(length=30), nullable=False),
        sa.Column("ipr_statements", sa.Text(), nullable=False),
        sa.Column("circular", sa.String(length=60), nullable=False),
        sa.Column("circular_date", sa.Date(), nullable=True),
        sa.Column("consultation_deadline", sa.DateTime(), nullable=True),
        sa.Column("consultation_deadline_tz", sa.String(length=64), nullable=False),
        sa.Column("consultation_threshold_percent", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "procedure IN ('TAP', 'AAP')", name=op.f("ck_draft_recommendation_procedure_valid")
        ),
        sa.CheckConstraint(
            "consultation_threshold_percent BETWEEN 0 AND 100",
            name=op.f("ck_draft_recommendation_threshold_percent"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_draft_recommendation_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_recommendation")),
        sa.UniqueConstraint("meeting_id", "designation", name="designation_per_meeting"),
    )
    with op.batch_alter_table("draft_recommendation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_draft_recommendation_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "event",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("virtual", sa.Boolean(), nullable=False),
        sa.Column("registration_required", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('plenary', 'working_party', 'training', 'newcomers', 'jca', 'workshop', 'e_meeting', 'side_event', 'registration', 'other')",
            name=op.f("ck_event_kind_valid"),
        ),
        sa.CheckConstraint(
            "(starts_at IS NOT NULL) OR (first_day IS NOT NULL)",
            name=op.f("ck_event_has_time_or_day"),
        ),
        sa.CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR starts_at <= ends_at",
            name=op.f("ck_event_times_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_event_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("numbered", sa.Boolean(), nullable=False),
        sa.Column("frozen_number", sa.String(length=30), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("draft_id", sa.Uuid(), nullable=True),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'in_progress', 'done', 'deferred')",
            name=op.f("ck_agenda_item_status_valid"),
        ),
        sa.CheckConstraint(
            "minutes IS NULL OR minutes >= 0", name=op.f("ck_agenda_item_minutes_nonnegative")
        ),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["draft_recommendation.id"],
            name=op.f("fk_agenda_item_draft_id_draft_recommendation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["agenda_item.id"],
            name=op.f("fk_agenda_item_parent_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_agenda_item_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_draft_id"), ["draft_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            "ix_agenda_item_tree", ["meeting_id", "parent_id", "position"], unique=False
        )

    op.create_table(
        "attendance",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "mode IN ('in_person', 'remote', 'not_attending')",
            name=op.f("ck_attendance_mode_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_attendance_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("event_id", name=op.f("uq_attendance_event_id")),
    )
    op.create_table(
        "consultation_reply",
        sa.Column("draft_id", sa.Uuid(), nullable=False),
        sa.Column("member_state", sa.String(length=120), nullable=False),
        sa.Column("assigns_authority", sa.Boolean(), nullable=False),
        sa.Column("comments_attached", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.Column("own_administration", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["draft_recommendation.id"],
            name=op.f("fk_consultation_reply_draft_id_draft_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_reply")),
        sa.UniqueConstraint("draft_id", "member_state", name="one_reply_per_state"),
    )
    with op.batch_alter_table("consultation_reply", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_reply_draft_id"), ["draft_id"], unique=False
        )

    op.create_table(
        "deadline",
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("rule_amount", sa.Integer(), nullable=True),
        sa.Column("rule_unit", sa.String(length=20), nullable=True),
        sa.Column("rule_anchor", sa.String(length=20), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'done', 'not_applicable')", name=op.f("ck_deadline_status_valid")
        ),
        sa.CheckConstraint(
            "due_at IS NOT NULL OR due_date IS NOT NULL OR rule_unit IS NOT NULL",
            name=op.f("ck_deadline_has_due_or_rule"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_deadline_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_deadline_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline")),
    )
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.create_index("ix_deadline_due", ["due_at", "due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "agenda_item_document",
        sa.Column("agenda_item_id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_agenda_item_document_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document_ref.id"],
            name=op.f("fk_agenda_item_document_document_id_document_ref"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "agenda_item_id", "document_id", name=op.f("pk_agenda_item_document")
        ),
    )
    with op.batch_alter_table("agenda_item_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agenda_item_document_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agenda_item_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_document_document_id"))

    op.drop_table("agenda_item_document")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_deadline_event_id"))
        batch_op.drop_index("ix_deadline_due")

    op.drop_table("deadline")
    with op.batch_alter_table("consultation_reply", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_reply_draft_id"))

    op.drop_table("consultation_reply")
    op.drop_table("attendance")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index("ix_agenda_item_tree")
        batch_op.drop_index(batch_op.f("ix_agenda_item_event_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_item_parent_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_item_draft_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_meeting_id"))

    op.drop_table("event")
    with op.batch_alter_table("draft_recommendation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_recommendation_meeting_id"))

    op.drop_table("draft_recommendation")
    with op.batch_alter_table("document_ref", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_ref_meeting_id"))

    op.drop_table("document_ref")
    with op.batch_alter_table("agenda_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_revision_meeting_id"))

    op.drop_table("agenda_revision")
    op.drop_table("setting")
    op.drop_table("meeting")
