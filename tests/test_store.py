"""The store: created by migrations, identified, refused untouched when foreign or damaged."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from sg20desk.db import migrate, schema
from sg20desk.db import models as m
from sg20desk.db.store import (
    APPLICATION_ID,
    DamagedStoreError,
    NewerStoreError,
    NotAStoreError,
    open_store,
    quick_check,
)
from tests.conftest import make_meeting


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_new_store_is_built_by_migrations_and_matches_models(store_path: Path) -> None:
    store = open_store(store_path)
    try:
        assert store.created
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                migrate.head()
            )
            assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
            diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
            assert diff == [], f"models and migrations disagree: {diff}"
        assert quick_check(store) == []
    finally:
        store.close()


def test_schema_head_constant_is_alembics_head() -> None:
    assert migrate.head() == migrate.SCHEMA_HEAD
    assert migrate.SCHEMA_HEAD in migrate.known_revisions()


def test_opening_a_current_store_does_not_need_alembic(store_path: Path) -> None:
    open_store(store_path).close()
    probe = (
        "import sys; from pathlib import Path; from sg20desk.db.store import open_store; "
        f"open_store(Path({str(store_path)!r})).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_every_connection_gets_the_pragmas(store_path: Path) -> None:
    store = open_store(store_path)
    try:
        # several connections at once, so the pool has to open new ones
        conns = [store.engine.connect() for _ in range(3)]
        for conn in conns:
            values = [
                conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            ]
            assert values[0] == "wal"
            assert values[1] == 2  # FULL
            assert values[2] == 1
            assert values[3] >= 3000
        for conn in conns:
            conn.close()
    finally:
        store.close()


def test_a_write_is_all_or_nothing(store_path: Path) -> None:
    store = open_store(store_path)
    try:
        with pytest.raises(RuntimeError), store.write() as session:
            session.add(m.Setting(key="half", value="done"))
            session.flush()
            raise RuntimeError("the user's action failed half way")
        with store.session() as session:
            assert session.get(m.Setting, "half") is None
    finally:
        store.close()


def test_instants_must_carry_a_zone(store_path: Path) -> None:
    store = open_store(store_path)
    try:
        with pytest.raises(Exception, match="naive datetime"), store.write() as session:
            meeting = make_meeting(code="X", title="t")
            session.add(meeting)
            session.add(m.Event(meeting=meeting, title="e", starts_at=datetime(2026, 1, 1, 9)))
    finally:
        store.close()


def test_a_stale_edit_is_refused(store_path: Path) -> None:
    store = open_store(store_path)
    try:
        meeting_id = uuid.uuid4()
        with store.write() as session:
            session.add(make_meeting(id=meeting_id, code="X", title="old"))
        with store.session() as session:
            stale = session.get(m.Meeting, meeting_id)
            assert stale is not None
            session.expunge(stale)
        with store.write() as session:
            fresh = session.get(m.Meeting, meeting_id)
            assert fresh is not None
            fresh.title = "edited elsewhere"
        stale.title = "edited from an old copy"
        with pytest.raises(StaleDataError), store.write() as session:
            session.add(stale)
        with store.session() as session:
            assert session.get(m.Meeting, meeting_id).title == "edited elsewhere"  # type: ignore[union-attr]
    finally:
        store.close()


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("my meeting notes\n")
    before = fingerprint(path)
    with pytest.raises(NotAStoreError, match="not an SQLite database"):
        open_store(path)
    assert fingerprint(path) == before


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.execute("INSERT INTO contacts VALUES ('Ada')")
    con.commit()
    con.close()
    before = fingerprint(path)
    with pytest.raises(NotAStoreError, match="another program"):
        open_store(path)
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_damaged_store_is_refused_untouched(store_path: Path) -> None:
    open_store(store_path).close()
    data = bytearray(store_path.read_bytes())
    # wreck the pages after the header (schema and tables), keep the SQLite signature
    for offset in range(4096, len(data), 7):
        data[offset] = 0xA5
    store_path.write_bytes(bytes(data))
    before = fingerprint(store_path)
    with pytest.raises(DamagedStoreError, match="damaged"):
        open_store(store_path)
    assert fingerprint(store_path) == before


def test_a_store_from_a_newer_version_is_refused_untouched(store_path: Path) -> None:
    open_store(store_path).close()
    con = sqlite3.connect(store_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    before = fingerprint(store_path)
    with pytest.raises(NewerStoreError, match="newer sg20desk"):
        open_store(store_path)
    assert fingerprint(store_path) == before


SECOND_MIGRATION = '''
"""add a column, to exercise upgrades"""
import sqlalchemy as sa
from alembic import op

revision = "0002_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(sa.Column("colour", sa.String(20), nullable=False, server_default="blue"))


def downgrade() -> None:
    with op.batch_alter_table("meeting") as batch:
        batch.drop_column("colour")
'''


def test_an_older_store_is_backed_up_then_upgraded_keeping_its_data(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(store_path)
    with store.write() as session:
        meeting = make_meeting(code="SG2-2027-01", title="kept")
        session.add(meeting)
        session.add(
            m.Event(
                meeting=meeting,
                title="opening",
                kind="plenary",
                starts_at=datetime(2027, 1, 10, 8, tzinfo=UTC),
            )
        )
    store.close()
    head = migrate.head()

    scripts = tmp_path / "migrations"
    shutil.copytree(Path(migrate.__file__).parent / "migrations", scripts)
    (scripts / "versions" / "0002_test.py").write_text(SECOND_MIGRATION.format(head=head))
    original_config = migrate._config

    def config_with_second() -> object:
        cfg = original_config()
        cfg.set_main_option("script_location", str(scripts))
        return cfg

    monkeypatch.setattr(migrate, "_config", config_with_second)
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "0002_test")
    migrate._scripts.cache_clear()
    try:
        upgraded = open_store(store_path)
        assert upgraded.backup is not None and upgraded.backup.exists()
        backup = sqlite3.connect(upgraded.backup)
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert backup.execute("SELECT title FROM meeting").fetchall() == [("kept",)]
        backup.close()
        with upgraded.engine.connect() as conn:
            assert (
                conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                == "0002_test"
            )
            assert conn.execute(text("SELECT title, colour FROM meeting")).all() == [
                ("kept", "blue")
            ]
            assert conn.execute(text("SELECT count(*) FROM event")).scalar() == 1
        upgraded.close()
    finally:
        migrate._scripts.cache_clear()


def test_deleting_a_meeting_removes_what_hangs_off_it(store_path: Path) -> None:
    store = open_store(store_path)
    try:
        with store.write() as session:
            meeting = make_meeting(code="X", title="t")
            session.add(meeting)
            session.add(m.AgendaItem(meeting=meeting, title="Opening"))
        with store.write() as session:
            session.delete(session.scalars(select(m.Meeting)).one())
        with store.session() as session:
            assert session.scalars(select(m.AgendaItem)).all() == []
    finally:
        store.close()
