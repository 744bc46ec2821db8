from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from sg20desk.rules.deadlines import (
    Anchor,
    Rule,
    Unit,
    Urgency,
    due_for_meeting,
    due_for_session,
    shift_date,
    urgency,
)
from sg20desk.rules.timezones import (
    GENEVA,
    UnknownZoneError,
    end_of_day,
    format_due,
    format_instant,
    format_span,
    format_time_left,
    format_weekday_clock,
    local_to_utc,
    zone,
)


def test_2359_utc_on_30_april_is_0159_on_1_may_in_geneva() -> None:
    due = datetime(2026, 4, 30, 23, 59, tzinfo=UTC)
    assert format_instant(due, GENEVA) == "Fri 1 May 2026 01:59 CEST"
    assert format_instant(due, "UTC") == "Thu 30 April 2026 23:59 UTC"


def test_geneva_is_utc_plus_one_in_winter_and_two_in_summer() -> None:
    winter = local_to_utc(date(2026, 3, 2), time(12, 0), GENEVA)
    assert winter == datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
    # summer time starts on the last Sunday of March (29 March 2026)
    before = local_to_utc(date(2026, 3, 28), time(12, 0), GENEVA)
    after = local_to_utc(date(2026, 3, 30), time(12, 0), GENEVA)
    assert (before.hour, after.hour) == (11, 10)
    # and ends on the last Sunday of October (25 October 2026)
    assert local_to_utc(date(2026, 10, 26), time(12, 0), GENEVA).hour == 11


def test_geneva_alias_and_unknown_zone() -> None:
    assert zone("Europe/Geneva").key == GENEVA
    with pytest.raises(UnknownZoneError, match="Mars/Base"):
        zone("Mars/Base")


def test_whole_day_deadline_ends_at_2359_local() -> None:
    due = end_of_day(date(2026, 3, 13), GENEVA)
    assert due == datetime(2026, 3, 13, 22, 59, tzinfo=UTC)
    assert format_due(due, GENEVA, whole_day=True) == "Fri 13 March 2026, end of day (23:59 CET)"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(days=3, hours=4), "3 d 4 h left"),
        (timedelta(days=10, hours=4), "10 d left"),
        (timedelta(hours=5, minutes=20), "5 h 20 min left"),
        (timedelta(minutes=7), "7 min left"),
        (-timedelta(days=2), "overdue by 2 d"),
    ],
)
def test_time_left(delta: timedelta, text: str) -> None:
    assert format_time_left(delta) == text


def test_relative_rules() -> None:
    first = date(2026, 5, 12)
    assert due_for_meeting(Rule(2, Unit.MONTHS), first) == date(2026, 3, 12)
    assert due_for_meeting(Rule(1, Unit.MONTHS), first) == date(2026, 4, 12)
    assert due_for_meeting(Rule(6, Unit.WEEKS), first) == date(2026, 3, 31)
    assert due_for_meeting(Rule(12, Unit.CALENDAR_DAYS), first) == date(2026, 4, 30)
    # seven working days before Tuesday 12 May 2026 skips two weekends: Friday 1 May
    assert due_for_meeting(Rule(7, Unit.WORKING_DAYS), first) == date(2026, 5, 1)
    # month ends clamp: one month before 31 March is 28 February
    assert shift_date(date(2026, 3, 31), 1, Unit.MONTHS) == date(2026, 2, 28)
    session = datetime(2026, 5, 13, 6, 30, tzinfo=UTC)
    rule = Rule(24, Unit.HOURS, Anchor.SESSION_START)
    assert due_for_session(rule, session) == datetime(2026, 5, 12, 6, 30, tzinfo=UTC)
    assert rule.describe() == "24 hours before the session"
    with pytest.raises(ValueError, match="session"):
        due_for_meeting(rule, first)


def test_urgency_of_a_deadline() -> None:
    due = datetime(2026, 4, 30, 23, 59, tzinfo=UTC)
    assert urgency(due, True, due - timedelta(days=8)) is Urgency.OPEN
    assert urgency(due, True, due - timedelta(days=7)) is Urgency.SOON
    assert urgency(due, True, due - timedelta(minutes=1)) is Urgency.SOON
    assert urgency(due, True, due + timedelta(minutes=1)) is Urgency.OVERDUE
    assert urgency(due, False, due + timedelta(days=30)) is Urgency.CLOSED
    assert urgency(None, True, due) is Urgency.OPEN


def test_spans_and_week_clocks_name_the_zone_in_force() -> None:
    start = datetime(2026, 5, 12, 13, 30, tzinfo=UTC)
    end = datetime(2026, 5, 12, 16, 30, tzinfo=UTC)
    assert format_span(start, end, "Europe/Zurich") == "Tue 12 May 15:30-18:30 CEST"
    assert format_span(start, None, "Asia/Tokyo") == "Tue 12 May 22:30 JST"
    winter = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
    assert format_span(winter, None, "Europe/Zurich") == "Mon 2 Mar 12:00 CET"
    assert format_weekday_clock(start, "Europe/Zurich") == "Tue 15:30"
