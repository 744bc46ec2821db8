"""Drafts keep the day they reached each stage (table draft_stage).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "draft_stage",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Uuid(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("reached_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["draft_recommendation.id"],
            name=op.f("fk_draft_stage_draft_id_draft_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_stage")),
    )
    with op.batch_alter_table("draft_stage") as batch:
        batch.create_index(batch.f("ix_draft_stage_draft_id"), ["draft_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("draft_stage") as batch:
        batch.drop_index(batch.f("ix_draft_stage_draft_id"))
    op.drop_table("draft_stage")
