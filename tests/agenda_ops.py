"""Random agenda operations for property tests, with or without a window."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import select

from sg20desk.actions import agenda as ops
from sg20desk.db import schema
from sg20desk.db.store import Store


def agenda_ids(store: Store, meeting_id: uuid.UUID) -> list[uuid.UUID]:
    """The meeting's items in a fixed order, for operations to pick from by number."""
    item = schema.agenda_item
    with store.read() as c:
        return list(
            c.scalars(
                select(item.c.id)
                .where(item.c.meeting_id == meeting_id)
                .order_by(item.c.position, item.c.title)
            )
        )


operation = st.tuples(
    st.sampled_from(
        [
            "up",
            "down",
            "indent",
            "outdent",
            "move",
            "insert",
            "line",
            "title",
            "docs",
            "delete",
            "freeze",
            "renumber",
        ]
    ),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=3),
    st.integers(0, 12),
)


def build(op: str, mid: uuid.UUID, picks: list[int], row: int, ids: list[uuid.UUID]) -> Any:
    chosen = [ids[p % len(ids)] for p in picks]
    first = chosen[0]
    match op:
        case "up":
            return ops.move_up(mid, chosen)
        case "down":
            return ops.move_down(mid, chosen)
        case "indent":
            return ops.indent(mid, chosen)
        case "outdent":
            return ops.outdent(mid, chosen)
        case "move":
            target = ids[row % len(ids)] if row % 3 else None
            return ops.move(mid, chosen[1:] or chosen, target, row)
        case "insert":
            return ops.insert_item(mid, first, list(ops.Where)[row % 3], f"New {row}")
        case "line":
            return ops.insert_item(mid, first, ops.Where.CHILD, f"- line {row}", numbered=False)
        case "title":
            return ops.edit_item(mid, first, title=f"Title {row}", minutes=row)
        case "docs":
            return ops.set_documents(mid, first, f"TD{row + 1} Rev.{row % 3}, C {row % 4 + 1}")
        case "delete":
            return ops.delete_items(mid, chosen)
        case "freeze":
            return ops.set_frozen(mid, bool(row % 2))
        case _:
            return ops.renumber(mid)
