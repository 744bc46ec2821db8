"""Verified backups of a store, written atomically."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sg20desk.paths import backup_dir


class BackupError(Exception):
    pass


def _table_counts(con: sqlite3.Connection) -> dict[str, int]:
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def backup_store(path: Path, *, label: str = "backup", folder: Path | None = None) -> Path:
    """Copy the store with SQLite's online backup, check the copy, then move it in place.

    The copy is checked with ``integrity_check`` and by comparing the row count of every
    table with the original; only a copy that passes gets its final name.
    """
    target_dir = folder or backup_dir(path)
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = target_dir / f"{path.stem}-{stamp}-{label}.sqlite3"
    partial = final.with_name(final.name + ".partial")
    with (
        closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(partial)) as dst,
    ):
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        if [r[0] for r in dst.execute("PRAGMA integrity_check")] != ["ok"]:
            raise BackupError(f"the backup {partial} failed its integrity check")
        if _table_counts(src) != _table_counts(dst):
            raise BackupError(f"the backup {partial} does not hold the same rows as {path}")
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, final)
    return final
