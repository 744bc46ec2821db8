"""Every path the program writes to by default comes from here.

Tests redirect the whole lot to a temporary folder with :func:`redirect` (or the
``SG20DESK_DATA_DIR`` variable), so no test ever touches a real user's data.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from sg20desk import APP_NAME

STORE_ENV = "SG20DESK_DB"
DATA_DIR_ENV = "SG20DESK_DATA_DIR"
STORE_FILENAME = "sg20desk.sqlite3"

_redirected: Path | None = None


def redirect(folder: Path | None) -> None:
    """Send every default path below ``folder`` (``None`` restores the platform's)."""
    global _redirected
    _redirected = folder


def data_dir() -> Path:
    """The per-user data folder (for example ~/.local/share/sg20desk on Linux)."""
    if _redirected is not None:
        return _redirected
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    return user_data_path(APP_NAME, appauthor=False)


def default_store_path() -> Path:
    return data_dir() / STORE_FILENAME


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where the store is: ``--db`` first, then ``SG20DESK_DB``, then the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    return default_store_path()


def backup_dir(store: Path) -> Path:
    """Backups sit beside the store they copy, so they move with it."""
    return store.parent / f"{store.stem}-backups"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader, or a crash, sees the old file or the
    whole new one: a synced temporary file beside it, then moved over it."""
    import tempfile

    path = Path(path)
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
