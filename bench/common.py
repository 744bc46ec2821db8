"""What the benchmarks share: a stopwatch, and a meeting to fill."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Connection, insert

from sg20desk.db import schema


def program_env(**extra: str) -> dict[str, str]:
    """The environment to time the program in a new process as users run it, plus ``extra``.

    Python may keep the program's compiled bytecode, as it does after installing (pip
    compiles the libraries' when it installs them). A ``PYTHONDONTWRITEBYTECODE`` left in the
    environment would charge the program alone for compiling itself on every start: some
    40 ms for the print command, more for the window.
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


def timed_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def add_meeting(connection: Connection, code: str, first_day: date, days: int = 10) -> uuid.UUID:
    """An empty meeting of ``days`` days from ``first_day``, in Geneva."""
    meeting_id = uuid.uuid4()
    connection.execute(
        insert(schema.meeting).values(
            id=meeting_id,
            version=1,
            code=code,
            group="SG99",
            title="Benchmark meeting",
            first_day=first_day,
            last_day=first_day + timedelta(days=days),
        )
    )
    return meeting_id
