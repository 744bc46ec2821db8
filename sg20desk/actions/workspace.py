"""Opening the store a user works in, with the built-in meeting on first use."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

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
            from sg20desk.exchange.builtin import load_builtin_once  # only on first use

            with store.write() as session:
                load_builtin_once(session, BUILTIN_LOADED_KEY)
    except Exception:
        store.close()
        raise
    return store
