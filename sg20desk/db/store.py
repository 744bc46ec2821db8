"""Opening a store: identify it, check it, back it up, migrate it, and hand out sessions.

The order matters. A file is inspected through a read-only connection first, so a file
that is not ours, is damaged, or comes from a newer sg20desk is refused *before* anything
could write to it (even setting WAL mode writes the header). Only a file that passes is
opened read-write with the pragmas every connection gets.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event

from sg20desk.db import migrate
from sg20desk.db.backup import backup_store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: Written into the SQLite header (``PRAGMA application_id``): ASCII "SG20".
APPLICATION_ID = 0x53473230
BUSY_TIMEOUT_MS = 8000
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """A store that cannot be used; the message is meant for the user as it is."""


class NotAStoreError(StoreError):
    pass


class DamagedStoreError(StoreError):
    pass


class NewerStoreError(StoreError):
    pass


class FileState(Enum):
    NEW = "new"  # missing or zero bytes: create
    EMPTY_SQLITE = "empty"  # an SQLite file with no tables at all: adopt
    CURRENT = "current"  # ours, at the newest schema
    OLDER = "older"  # ours, needs migrating


@dataclass(frozen=True)
class Inspection:
    state: FileState
    revision: str | None = None


def inspect_file(path: Path) -> Inspection:
    """Say what ``path`` holds without changing a byte of it."""
    if not path.exists() or path.stat().st_size == 0:
        return Inspection(FileState.NEW)
    if path.is_dir():
        raise NotAStoreError(f"{path} is a folder, not a sg20desk store")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise NotAStoreError(f"{path} is not a sg20desk store (it is not an SQLite database)")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as con:
            con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            check = [row[0] for row in con.execute("PRAGMA quick_check")]
            if check != ["ok"]:
                raise DamagedStoreError(
                    f"{path} is damaged ({'; '.join(check[:3])}); it was not opened or changed. "
                    "Restore it from a backup or open another store with --db."
                )
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DamagedStoreError(
            f"{path} is damaged or unreadable ({exc}); it was not opened or changed"
        ) from exc
    if not tables and app_id in (0, APPLICATION_ID):
        return Inspection(FileState.EMPTY_SQLITE)
    if app_id != APPLICATION_ID or revision is None:
        raise NotAStoreError(
            f"{path} is an SQLite database of another program, not a sg20desk store; "
            "it was not changed"
        )
    if revision == migrate.SCHEMA_HEAD:
        return Inspection(FileState.CURRENT, revision)
    if revision not in migrate.known_revisions():
        raise NewerStoreError(
            f"{path} was written by a newer sg20desk (schema {revision}); this version "
            f"{_own_version()} knows schemas up to {migrate.head()}. Upgrade sg20desk to open "
            "it; the file was not changed."
        )
    return Inspection(FileState.OLDER, revision)


def _own_version() -> str:
    from sg20desk import __version__

    return __version__


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook below issue BEGIN itself (pysqlite otherwise begins
    # lazily and commits around DDL on its own).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_begin(connection: Any) -> None:
    mode = "BEGIN IMMEDIATE" if connection.get_execution_options().get("immediate") else "BEGIN"
    connection.exec_driver_sql(mode)


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@dataclass
class Store:
    """An open store.

    ``read()`` hands out a Core connection, which is all the screens and the command line
    need to show things; ``session()`` and ``write()`` hand out ORM sessions (the ORM is
    imported on first use, so a program that only reads starts without it).
    """

    path: Path
    engine: Engine
    backup: Path | None = None
    created: bool = False

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection in one read transaction, so everything read is consistent."""
        with self.engine.connect() as connection:
            try:
                yield connection
            finally:
                connection.rollback()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A Core connection in one write transaction (BEGIN IMMEDIATE), committed at the
        end, or rolled back whole if the block raises."""
        with self.engine.execution_options(immediate=True).begin() as connection:
            yield connection

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM session for reading; whatever it changed is rolled back at the end."""
        from sqlalchemy.orm import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction (BEGIN IMMEDIATE): committed whole at the end, or not at all."""
        from sqlalchemy.orm import Session

        immediate = self.engine.execution_options(immediate=True)
        with Session(immediate, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path) -> Store:
    """Open (creating or upgrading as needed) the store at ``path``.

    Raises :class:`StoreError` subclasses with a message fit for the user; in every
    refusal the file is left exactly as it was.
    """
    inspection = inspect_file(path)
    created = inspection.state in (FileState.NEW, FileState.EMPTY_SQLITE)
    if inspection.state is FileState.NEW:
        path.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    if inspection.state is FileState.OLDER:
        backup = backup_store(path, label=f"before-upgrade-from-{inspection.revision}")
    engine = make_engine(path)
    try:
        if inspection.state is not FileState.CURRENT:
            migrate.upgrade_to_head(engine, application_id=APPLICATION_ID)
    except Exception:
        engine.dispose()
        raise
    return Store(path=path, engine=engine, backup=backup, created=created)


def schema_revision(store: Store) -> str | None:
    """The migration the store's schema is at."""
    with store.engine.connect() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        conn.rollback()
    return None if revision is None else str(revision)


def quick_check(store: Store) -> list[str]:
    """Problems found by SQLite's checks (empty when the store is sound)."""
    problems: list[str] = []
    with store.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems.extend(rows)
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
            problems.append(f"row {row[1]} of table {row[0]} points to a missing {row[2]}")
        conn.rollback()
    revision = schema_revision(store)
    if revision != migrate.SCHEMA_HEAD:
        problems.append(f"schema revision {revision} is not the current {migrate.SCHEMA_HEAD}")
    return problems
