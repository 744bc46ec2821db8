"""Reminders before deadlines: when each falls, and which fell due in a stretch of time.

Offsets are written as the user would say them: ``7d, 1d`` (a week and a day before),
``2h`` or ``1d 12h``. A reminder falls at the deadline's due time minus the offset; only
open deadlines remind.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

DEFAULT_OFFSETS = (timedelta(days=7), timedelta(days=1))
_PART = re.compile(r"(\d{1,3}) ?(w|d|h|m)")
_UNIT = {
    "w": timedelta(weeks=1),
    "d": timedelta(days=1),
    "h": timedelta(hours=1),
    "m": timedelta(minutes=1),
}
#: no reminder further ahead than this (a typo such as 700d would never be meant)
LONGEST = timedelta(days=120)


class OffsetError(ValueError):
    """Reminder offsets that cannot be read; the message names the part."""


def parse_offsets(text: str) -> tuple[timedelta, ...]:
    """``"7d, 1d"`` → (7 days, 1 day), largest first, each once; empty text → none."""
    found: set[timedelta] = set()
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        compact = part.lower().replace(" ", "")
        pieces = _PART.findall(compact)
        if not pieces or "".join(n + u for n, u in pieces) != compact:
            raise OffsetError(f"Reminders: {part!r} is not an offset such as 7d, 1d 12h or 2h")
        offset = sum((int(n) * _UNIT[u] for n, u in pieces), timedelta())
        if not timedelta(0) < offset <= LONGEST:
            raise OffsetError(f"Reminders: {part!r} must be between 1 minute and 120 days")
        found.add(offset)
    return tuple(sorted(found, reverse=True))


def format_offset(offset: timedelta) -> str:
    """7 days → ``7d``; 36 hours → ``1d 12h``."""
    minutes = int(offset.total_seconds()) // 60
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [
        f"{days}d" if days else "",
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
    ]
    return " ".join(p for p in parts if p) or "0m"


def format_offsets(offsets: Sequence[timedelta]) -> str:
    return ", ".join(format_offset(o) for o in offsets)


@dataclass(frozen=True, slots=True)
class Due(Generic[K]):
    """Something that falls due: a key, its title and its due instant."""

    key: K
    title: str
    due: datetime


@dataclass(frozen=True, slots=True)
class Reminder(Generic[K]):
    key: K
    title: str
    due: datetime
    at: datetime  # when the reminder falls
    offset: timedelta


def reminders_between(
    items: Iterable[Due[K]], offsets: Sequence[timedelta], since: datetime, until: datetime
) -> list[Reminder[K]]:
    """The reminders falling in (``since``, ``until``], in the order they fell.

    A deadline with several reminders in the stretch is reminded once, by the latest
    (the one closest to its due time), so a week away from the program gives one line per
    deadline, not one per offset.
    """
    latest: dict[K, Reminder[K]] = {}
    for item in items:
        for offset in offsets:
            at = item.due - offset
            if since < at <= until:
                known = latest.get(item.key)
                if known is None or at > known.at:
                    latest[item.key] = Reminder(item.key, item.title, item.due, at, offset)
    return sorted(latest.values(), key=lambda r: (r.at, r.title))
