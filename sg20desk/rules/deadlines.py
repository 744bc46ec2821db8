"""Deadlines relative to a meeting, and the instant a deadline falls due.

Collective letters state deadlines two ways: a printed date ("10 April 2026") and a rule in
the practical information ("at least one month before the start of the meeting"). The
printed date wins when a letter gives one; the rule is what keeps a deadline in step when a
meeting moves or when a letter states only the rule.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from sg20desk.rules.timezones import end_of_day, local_to_utc


class Unit(StrEnum):
    MONTHS = "months"
    WEEKS = "weeks"
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    HOURS = "hours"


class Anchor(StrEnum):
    MEETING_START = "meeting_start"
    SESSION_START = "session_start"
    MEETING_END = "meeting_end"


@dataclass(frozen=True, slots=True)
class Rule:
    """``amount`` ``unit`` before the ``anchor`` (``before=False`` means after)."""

    amount: int
    unit: Unit
    anchor: Anchor = Anchor.MEETING_START
    before: bool = True

    @classmethod
    def stored(cls, amount: int | None, unit: str | None, anchor: str | None) -> Rule | None:
        """The rule a deadline stores in its three columns; None when it has none."""
        if amount is None or unit is None:
            return None
        return cls(amount, Unit(unit), Anchor(anchor or Anchor.MEETING_START))

    def exchanged(self) -> dict[str, int | str]:
        """The rule as a meeting file writes it: {"amount", "unit", "anchor"} (what
        :meth:`stored` reads back from a deadline's columns)."""
        return {"amount": self.amount, "unit": self.unit.value, "anchor": self.anchor.value}

    def describe(self) -> str:
        names = {
            Unit.MONTHS: ("month", "months"),
            Unit.WEEKS: ("week", "weeks"),
            Unit.CALENDAR_DAYS: ("calendar day", "calendar days"),
            Unit.WORKING_DAYS: ("working day", "working days"),
            Unit.HOURS: ("hour", "hours"),
        }
        singular, plural = names[self.unit]
        word = singular if self.amount == 1 else plural
        anchor = {
            Anchor.MEETING_START: "the meeting",
            Anchor.MEETING_END: "the end of the meeting",
            Anchor.SESSION_START: "the session",
        }[self.anchor]
        side = "before" if self.before else "after"
        return f"{self.amount} {word} {side} {anchor}"


def shift_date(
    day: date, amount: int, unit: Unit, *, before: bool = True, closed: Collection[date] = ()
) -> date:
    """Move a date by a calendar amount; working days skip Saturdays, Sundays and ``closed``."""
    sign = -1 if before else 1
    if unit is Unit.MONTHS:
        return day + relativedelta(months=sign * amount)
    if unit is Unit.WEEKS:
        return day + timedelta(weeks=sign * amount)
    if unit is Unit.CALENDAR_DAYS:
        return day + timedelta(days=sign * amount)
    if unit is Unit.WORKING_DAYS:
        current = day
        remaining = amount
        while remaining > 0:
            current += timedelta(days=sign)
            if current.weekday() < 5 and current not in closed:
                remaining -= 1
        return current
    raise ValueError(f"{unit.value} cannot shift a date; use an instant")


def due_for_meeting(rule: Rule, first_day: date, last_day: date | None = None) -> date:
    """The date a meeting-relative rule falls on (end of that day is the due instant).

    Rules counted from the end of the meeting count from ``last_day`` (the first day when
    the meeting's last day is not given).
    """
    if rule.anchor is Anchor.SESSION_START:
        raise ValueError("this rule is relative to a session, not to the meeting")
    anchor = (last_day or first_day) if rule.anchor is Anchor.MEETING_END else first_day
    return shift_date(anchor, rule.amount, rule.unit, before=rule.before)


def due_for_session(rule: Rule, session_start: datetime) -> datetime:
    """The instant a session-relative rule falls due."""
    sign = -1 if rule.before else 1
    if rule.unit is Unit.HOURS:
        return session_start + timedelta(hours=sign * rule.amount)
    day = shift_date(session_start.date(), rule.amount, rule.unit, before=rule.before)
    return datetime.combine(day, session_start.timetz())


def date_due_instant(day: date, zone_name: str) -> datetime:
    """A deadline stated as a bare date falls due at the end of that day in the zone."""
    return end_of_day(day, zone_name)


def meeting_opening(first_day: date, opening: time | None, zone_name: str) -> datetime:
    return local_to_utc(first_day, opening or time(9, 30), zone_name)


#: How close a deadline must be to count as "due soon".
DUE_SOON = timedelta(days=7)


class Urgency(StrEnum):
    OVERDUE = "overdue"
    SOON = "soon"
    OPEN = "open"
    CLOSED = "closed"  # done or not applicable: no longer urgent whatever its date


def urgency(due: datetime | None, is_open: bool, now: datetime) -> Urgency:
    """How pressing a deadline is at ``now``; one without a due instant is merely open."""
    if not is_open:
        return Urgency.CLOSED
    if due is None:
        return Urgency.OPEN
    left = due - now
    if left < timedelta(0):
        return Urgency.OVERDUE
    return Urgency.SOON if left <= DUE_SOON else Urgency.OPEN
