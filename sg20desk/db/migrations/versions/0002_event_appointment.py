"""Events may be the user's own appointments (kind 'appointment').

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 12:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = (
    "'plenary', 'working_party', 'training', 'newcomers', 'jca', 'workshop', 'e_meeting', "
    "'side_event', 'registration', 'other'"
)
_AFTER = _BEFORE + ", 'appointment'"


def _kinds(allowed: str) -> None:
    with op.batch_alter_table("event", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_event_kind_valid"), type_="check")
        batch.create_check_constraint("kind_valid", f"kind IN ({allowed})")


def upgrade() -> None:
    _kinds(_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM event WHERE kind = 'appointment'")
    _kinds(_BEFORE)
