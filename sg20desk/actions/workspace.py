"""Opening the store a user works in, with the built-in meeting on first use."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from sg20desk.db import models as m
from sg20desk.db.store import Store, open_store
from sg20desk.exchange.builtin import LOADED_KEY, load_builtin_once


def open_workspace(path: Path) -> Store:
    """Open or create the store; an empty one gets the built-in meeting once."""
    store = open_store(path)
    try:
        with store.read() as session:
            seeded = session.scalar(select(m.Setting.key).where(m.Setting.key == LOADED_KEY))
        if seeded is None:
            with store.write() as session:
                load_builtin_once(session)
    except Exception:
        store.close()
        raise
    return store
