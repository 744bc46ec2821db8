"""Opening the store a user works in, with the built-in meeting on first use."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, insert, select

from sg20desk.db import schema
from sg20desk.db.store import Store, open_store

#: Set once the built-in meeting was offered to this store (see exchange.builtin).
BUILTIN_LOADED_KEY = "builtin_meeting_loaded"


def open_workspace(path: Path) -> Store:
    """Open or create the store; an empty one gets the built-in meeting once."""
    store = open_store(path)
    try:
        setting = schema.setting
        with store.read() as connection:
            seeded = connection.scalar(
                select(setting.c.key).where(setting.c.key == BUILTIN_LOADED_KEY)
            )
        if seeded is None:
            with store.transaction() as connection:
                load_builtin_once(connection)
    except Exception:
        store.close()
        raise
    return store


def load_builtin_once(connection: Connection) -> str | None:
    """Store the built-in meeting in an empty store, once in the store's life; its code,
    or None when it was not stored.

    A setting records that it was offered, so a store whose user has deleted that meeting
    does not get it back on the next start, and one that already held meetings never
    gets it.
    """
    from sg20desk.actions import merging  # only on first use
    from sg20desk.actions.history import apply_rows
    from sg20desk.exchange.builtin import builtin_document

    setting = schema.setting
    if connection.scalar(select(setting.c.key).where(setting.c.key == BUILTIN_LOADED_KEY)):
        return None
    if connection.scalar(select(schema.meeting.c.id).limit(1)) is not None:
        value, code = "skipped: store already held meetings", None
    else:
        plan = merging.plan(connection, builtin_document(), merging.MEETING_FILE)
        apply_rows(connection, plan.rows, forward=True, versions={})
        value = code = plan.code
    connection.execute(insert(setting).values(key=BUILTIN_LOADED_KEY, value=value))
    return code
