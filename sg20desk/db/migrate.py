"""Schema changes go through Alembic only; the migration scripts ship in the package."""

from __future__ import annotations

from functools import cache
from importlib.resources import as_file, files

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def _config() -> Config:
    location = files("sg20desk.db") / "migrations"
    # The migrations are real files in every way sg20desk is installed (they are copied as
    # data into the PyInstaller build), so as_file hands back their own folder.
    with as_file(location) as path:
        cfg = Config()
        cfg.set_main_option("script_location", str(path))
        return cfg


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head() -> str:
    heads = _scripts().get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads; they must have one")
    return heads[0]


def known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def upgrade_to_head(engine: Engine, *, application_id: int) -> None:
    """Run every missing migration in one transaction, foreign keys checked at the end.

    SQLite cannot switch foreign keys inside a transaction, and batch migrations rebuild
    tables (a DROP with foreign keys on would cascade), so they are off while migrating and
    ``foreign_key_check`` must come back empty before the commit.
    """
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                cfg = _config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                conn.exec_driver_sql(f"PRAGMA application_id = {application_id}")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken references: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
