"""Schema changes go through Alembic only; the migration scripts ship in the package.

``SCHEMA_HEAD`` names the newest migration so that opening a store that is already
current needs no Alembic at all (importing it and reading the scripts costs a noticeable
part of start-up). A test keeps it equal to the head Alembic finds in the scripts.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

#: The newest migration in versions/ (checked against Alembic by the tests).
SCHEMA_HEAD = "0003"


def _config() -> Config:
    from alembic.config import Config

    location = files("sg20desk.db") / "migrations"
    # The migrations are real files in every way sg20desk is installed (they are copied as
    # data into the PyInstaller build), so as_file hands back their own folder.
    with as_file(location) as path:
        cfg = Config()
        cfg.set_main_option("script_location", str(path))
        return cfg


@cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head() -> str:
    """The head revision as Alembic reads it from the scripts."""
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
    from alembic import command

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
