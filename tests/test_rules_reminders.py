"""Reminder offsets as users type them, and which reminders fall in a stretch of time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sg20desk.rules.reminders import (
    Due,
    OffsetError,
    format_offsets,
    parse_offsets,
    reminders_between,
)

DAY, HOUR = timedelta(days=1), timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "offsets", "shown"),
    [
        ("7d, 1d", (7 * DAY, DAY), "7d, 1d"),
        ("1d, 7d, 1d", (7 * DAY, DAY), "7d, 1d"),  # largest first, each once
        ("1d 12h; 2h", (DAY + 12 * HOUR, 2 * HOUR), "1d 12h, 2h"),
        (" 2W , 30m ", (14 * DAY, timedelta(minutes=30)), "14d, 30m"),
        ("", (), ""),
    ],
)
def test_offsets_read_and_shown_back(text: str, offsets: tuple[timedelta, ...], shown: str) -> None:
    assert parse_offsets(text) == offsets
    assert format_offsets(offsets) == shown


@pytest.mark.parametrize(
    ("text", "part"),
    [("7 days", "'7 days'"), ("1d, soon", "'soon'"), ("0h", "'0h'"), ("200d", "'200d'")],
)
def test_unreadable_offsets_name_the_part(text: str, part: str) -> None:
    with pytest.raises(OffsetError, match=f"Reminders: {part}"):
        parse_offsets(text)


def test_a_stretch_reminds_each_deadline_once_by_its_latest_reminder() -> None:
    due = datetime(2026, 4, 30, 23, 59, tzinfo=UTC)
    items = [Due("annex", "Annex 2 form", due), Due("later", "Later", due + 30 * DAY)]
    offsets = (7 * DAY, DAY)
    # a week away covers both reminders of the Annex 2 form: the day-before one is kept
    found = reminders_between(items, offsets, due - 8 * DAY, due)
    assert [(r.key, r.offset) for r in found] == [("annex", DAY)]
    # the edges: a reminder exactly at ``since`` has already been given, one at ``until`` falls
    at_week = due - 7 * DAY
    assert reminders_between(items, offsets, at_week, at_week + HOUR) == []
    edge = reminders_between(items, offsets, at_week - HOUR, at_week)
    assert [(r.key, r.at) for r in edge] == [("annex", at_week)]
