"""Shared fixtures: every user path goes to a temporary folder, never a real home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sg20desk import paths
from sg20desk.actions.workspace import open_workspace
from sg20desk.db import models as m
from sg20desk.db import schema
from sg20desk.db.store import Store

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("SG20DESK_SEEDS", REPO.parent / "shared" / "seeds"))


@pytest.fixture(autouse=True)
def _user_paths(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.delenv(paths.STORE_ENV, raising=False)
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    paths.redirect(home)
    yield home
    paths.redirect(None)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    """A store holding the built-in meeting, as a first start leaves it."""
    opened = open_workspace(store_path)
    yield opened
    opened.close()


def seed_text(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"the seed documents are not beside the repository ({path})")
    return path.read_text("utf-8")


LETTER = "000_ad061066c0b4e810.txt"
CIRCULAR = "001_80c81561a0947239.txt"


def make_meeting(**overrides: Any) -> m.Meeting:
    """A small meeting of another study group, for tests that need one more."""
    values: dict[str, Any] = {
        "code": "SG2-2026-07",
        "group": "SG2",
        "title": "Meeting of ITU-T Study Group 2",
        "place": "Geneva, Switzerland",
        "first_day": date(2026, 7, 1),
        "last_day": date(2026, 7, 10),
    }
    values.update(overrides)
    return m.Meeting(**values)


#: the clock of window tests: a few days before the consultation deadline
NOW = datetime(2026, 4, 27, 12, 0, tzinfo=UTC)


@pytest.fixture
def window(qtbot: Any, store: Store) -> Any:
    """The main window on the built-in store, shown (off-screen)."""
    from sg20desk.ui.main_window import MainWindow

    win = MainWindow(store, now=lambda: NOW)
    qtbot.addWidget(win)
    win.load()
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    """A store of its own without the built-in meeting, for imports to fill."""
    store = open_workspace(tmp_path / "store.sqlite3")
    with store.write() as session:
        session.execute(schema.meeting.delete())
    yield store
    store.close()
