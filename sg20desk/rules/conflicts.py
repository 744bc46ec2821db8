"""Which chosen events overlap: a delegate cannot be in two sessions at once.

Events are half-open spans [start, end): one ending at 10:30 and the next starting at 10:30
do not clash. An event announced with a start and no end counts as lasting
:data:`UNTIMED_LENGTH`. Whole-day events (a side event "on 12 May") are not spans of a
delegate's time and never clash: people drop in and out of them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

#: how long an event with no end is taken to last (also when exported to a calendar)
UNTIMED_LENGTH = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Span(Generic[K]):
    key: K
    start: datetime
    end: datetime | None

    @property
    def until(self) -> datetime:
        return (
            self.end
            if self.end is not None and self.end > self.start
            else self.start + UNTIMED_LENGTH
        )


def clashes(spans: Iterable[Span[K]]) -> dict[K, list[K]]:
    """Each span that overlaps another, mapped to the keys it overlaps, in start order."""
    ordered = sorted(spans, key=lambda s: (s.start, s.until))
    found: dict[K, list[K]] = {}
    running: list[Span[K]] = []  # spans still going at the current start
    for span in ordered:
        running = [other for other in running if other.until > span.start]
        for other in running:
            found.setdefault(span.key, []).append(other.key)
            found.setdefault(other.key, []).append(span.key)
        running.append(span)
    return found
