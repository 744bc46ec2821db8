"""The timetable of a meeting's sessions: when each agenda item starts, and what overruns.

A chair gives items minutes and assigns items to sessions (a plenary, a working-party
session). An item without a session of its own is dealt with in its parent's. Within a
session items follow in agenda order, each starting when the one before it ends.

Minutes given to an item cover its sub-items: 7 with 60 minutes holds 7.1 and 7.2, which
start inside that hour, one after the other, and the session goes on after the hour. An
item without minutes (a heading) takes no time of its own. The plan warns when the items
run past the session's end, when sub-items need more than their parent was given, and when
a session has no start time to count from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)  # an agenda item
S = TypeVar("S", bound=Hashable)  # a session


@dataclass(frozen=True, slots=True)
class Session(Generic[S]):
    key: S
    title: str
    starts: datetime | None
    ends: datetime | None


@dataclass(frozen=True, slots=True)
class Item(Generic[K, S]):
    """An agenda item as the timetable sees it; items come in reading order."""

    key: K
    parent: K | None
    minutes: int | None
    session: S | None  # its own assignment; None: as its parent


@dataclass(frozen=True, slots=True)
class Slot(Generic[K]):
    key: K
    start: datetime | None  # None when the session has no start time
    minutes: int | None
    within: K | None  # the item whose minutes cover this one
    overruns: bool  # ends (or starts) after the session's end

    @property
    def end(self) -> datetime | None:
        if self.start is None or self.minutes is None:
            return None
        return self.start + timedelta(minutes=self.minutes)


@dataclass(frozen=True, slots=True)
class SessionPlan(Generic[K, S]):
    session: Session[S]
    slots: list[Slot[K]]
    minutes: int  # planned at the session's level (covered sub-items are inside these)
    warnings: list[str] = field(default_factory=list)

    @property
    def planned_end(self) -> datetime | None:
        starts = self.session.starts
        return None if starts is None else starts + timedelta(minutes=self.minutes)

    @property
    def overrun(self) -> int:
        """Minutes planned past the session's end (0 when it fits or cannot be told)."""
        end, planned = self.session.ends, self.planned_end
        if end is None or planned is None or planned <= end:
            return 0
        return int((planned - end).total_seconds() // 60)

    @property
    def free(self) -> int | None:
        """Minutes left before the session's end, when it has one and a start."""
        end, planned = self.session.ends, self.planned_end
        if end is None or planned is None or planned > end:
            return None
        return int((end - planned).total_seconds() // 60)


def plan(
    sessions: Sequence[Session[S]],
    items: Sequence[Item[K, S]],
    names: Mapping[K, str] | None = None,
    clock: Callable[[datetime], str] = lambda moment: moment.strftime("%H:%M UTC"),
) -> list[SessionPlan[K, S]]:
    """Every session's items with their start times, sessions in the order given.

    ``names`` names items in warnings (by their numbers, say); ``clock`` writes the times
    a warning gives (in the meeting's zone, say).
    """
    names = names or {}
    by_key = {s.key: s for s in sessions}
    session_of: dict[K, S | None] = {}
    cover_of: dict[K, K | None] = {}  # the nearest ancestor in the same session with minutes
    start_of: dict[K, datetime | None] = {}
    inside: dict[K, int] = {}  # minutes of an item's own time given to its sub-items so far
    used: dict[S, int] = {s.key: 0 for s in sessions}
    slots: dict[S, list[Slot[K]]] = {s.key: [] for s in sessions}
    for item in items:
        parent = item.parent
        inherited = session_of.get(parent) if parent is not None else None
        held = item.session if item.session in by_key else inherited
        session_of[item.key] = held
        if held is None:
            continue
        cover: K | None = None
        if parent is not None and inherited == held:
            cover = parent if parent in inside else cover_of.get(parent)
        cover_of[item.key] = cover
        if cover is not None:
            cover_start = start_of[cover]
            start = None if cover_start is None else cover_start + _minutes(inside[cover])
        else:
            base = by_key[held].starts
            start = None if base is None else base + _minutes(used[held])
        start_of[item.key] = start
        minutes = item.minutes
        if minutes is not None:
            inside[item.key] = 0
            if cover is not None:
                inside[cover] += minutes
            else:
                used[held] += minutes
        end = by_key[held].ends
        overruns = False
        if end is not None and start is not None:
            overruns = start >= end or start + _minutes(minutes or 0) > end
        slots[held].append(Slot(item.key, start, minutes, cover, overruns))
    out: list[SessionPlan[K, S]] = []
    for session in sessions:
        chosen = slots[session.key]
        notes = [
            f"the sub-items of {names.get(slot.key, slot.key)} need {inside[slot.key]} min "
            f"of its {slot.minutes}"
            for slot in chosen
            if slot.minutes is not None and inside.get(slot.key, 0) > slot.minutes
        ]
        result = SessionPlan(session, chosen, used[session.key], notes)
        if chosen and session.starts is None:
            notes.insert(0, "no start time: give the session one to see when items start")
        elif result.overrun:
            planned, end = result.planned_end, session.ends
            assert planned is not None and end is not None
            notes.insert(
                0,
                f"planned to end at {clock(planned)}, {result.overrun} min after the session "
                f"ends at {clock(end)}",
            )
        out.append(result)
    return out


def _minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


_DURATION = re.compile(
    r"^(?:(?P<hours>\d{1,2})\s*(?:h|:)\s*(?P<rest>\d{1,2})?|(?P<minutes>\d{1,4}))\s*(?:min)?$",
    re.IGNORECASE,
)


def parse_minutes(text: str) -> int | None:
    """Minutes as people type them: ``20``, ``20 min``, ``1:30``, ``1h30``, ``2h``.

    Empty text means no time allocated (None). Anything else is a ValueError saying what
    is expected.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    found = _DURATION.match(cleaned)
    if found is None or (found["rest"] is not None and int(found["rest"]) > 59):
        raise ValueError(
            f"{cleaned!r} is not a time allocation: type minutes (20) or hours and minutes "
            "(1:30 or 1h30)"
        )
    if found["minutes"] is not None:
        return int(found["minutes"])
    return int(found["hours"]) * 60 + int(found["rest"] or 0)
