"""Session timetables: start times in agenda order, time covered by parents, overruns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sg20desk.rules.timetable import Item, Session, parse_minutes, plan

OPENING = Session("opening", "Opening plenary", datetime(2026, 5, 12, 12, 30, tzinfo=UTC), None)
AFTERNOON = Session(
    "pm",
    "Plenary",
    datetime(2026, 5, 12, 12, 30, tzinfo=UTC),
    datetime(2026, 5, 12, 15, 30, tzinfo=UTC),
)


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 5, 12, hour, minute, tzinfo=UTC)


def starts(result: object) -> dict[str, datetime | None]:
    return {slot.key: slot.start for slot in result.slots}  # type: ignore[attr-defined]


def test_items_follow_each_other_and_an_overrun_is_named() -> None:
    items = [
        Item("1", None, 10, "pm"),
        Item("2", None, 15, "pm"),
        Item("3", None, None, "pm"),  # a heading: no time of its own
        Item("3.1", "3", 20, None),  # in its parent's session
        Item("3.2", "3", 30, None),
        Item("4", None, 60, "pm"),
        Item("5", None, 60, "pm"),
        Item("6", None, 30, None),  # in no session
    ]
    (result,) = plan([AFTERNOON], items, names={}, clock=lambda t: t.strftime("%H:%M"))
    assert starts(result) == {
        "1": at(12, 30),
        "2": at(12, 40),
        "3": at(12, 55),
        "3.1": at(12, 55),
        "3.2": at(13, 15),
        "4": at(13, 45),
        "5": at(14, 45),
    }
    assert result.minutes == 195 and result.overrun == 15 and result.free is None
    assert [s.key for s in result.slots if s.overruns] == ["5"]
    assert result.warnings == ["planned to end at 15:45, 15 min after the session ends at 15:30"]


def test_minutes_of_an_item_cover_its_sub_items() -> None:
    items = [
        Item("7", None, 60, "pm"),
        Item("7.1", "7", 20, None),
        Item("7.1.1", "7.1", 5, None),
        Item("7.2", "7", 30, None),
        Item("8", None, 10, "pm"),
    ]
    (result,) = plan([AFTERNOON], items)
    assert starts(result) == {
        "7": at(12, 30),
        "7.1": at(12, 30),
        "7.1.1": at(12, 30),
        "7.2": at(12, 50),
        "8": at(13, 30),
    }
    assert {s.key: s.within for s in result.slots} == {
        "7": None,
        "7.1": "7",
        "7.1.1": "7.1",
        "7.2": "7",
        "8": None,
    }
    assert result.minutes == 70 and result.free == 110 and result.warnings == []


def test_sub_items_needing_more_than_their_parent_are_warned_of() -> None:
    items = [Item("7", None, 30, "pm"), Item("7.1", "7", 20, None), Item("7.2", "7", 20, None)]
    (result,) = plan([AFTERNOON], items, names={"7": "item 7"})
    assert result.warnings == ["the sub-items of item 7 need 40 min of its 30"]


def test_a_sub_item_in_another_session_takes_its_branch_along() -> None:
    items = [
        Item("9", None, 30, "opening"),
        Item("9.1", "9", 10, None),
        Item("9.2", "9", 15, "pm"),
        Item("9.2.1", "9.2", 5, None),
    ]
    opening, afternoon = plan([OPENING, AFTERNOON], items)
    assert list(starts(opening)) == ["9", "9.1"]
    assert starts(afternoon) == {"9.2": at(12, 30), "9.2.1": at(12, 30)}
    assert afternoon.slots[0].within is None  # not covered by 9: another session


def test_a_session_without_a_start_time_says_so() -> None:
    undated = Session("closing", "Closing plenary", None, None)
    (result,) = plan([undated], [Item("20", None, 30, "closing")])
    assert starts(result) == {"20": None}
    assert result.warnings == ["no start time: give the session one to see when items start"]
    assert result.planned_end is None and result.overrun == 0


def test_items_of_an_unknown_session_are_left_out() -> None:
    (result,) = plan([AFTERNOON], [Item("1", None, 10, "gone"), Item("2", None, 10, "pm")])
    assert list(starts(result)) == ["2"]


@given(st.lists(st.tuples(st.integers(0, 5), st.one_of(st.none(), st.integers(0, 90)))))
def test_uncovered_items_run_back_to_back(rows: list[tuple[int, int | None]]) -> None:
    items: list[Item[int, str]] = []
    for key, (parent_pick, minutes) in enumerate(rows):
        parent = key - 1 - parent_pick if key - 1 - parent_pick >= 0 else None
        items.append(Item(key, parent, minutes, "pm" if parent is None else None))
    (result,) = plan([AFTERNOON], items)
    top = [slot for slot in result.slots if slot.within is None]
    clock = AFTERNOON.starts
    assert clock is not None
    for slot in top:
        assert slot.start == clock
        clock += timedelta(minutes=slot.minutes or 0)
    assert result.planned_end == clock
    assert AFTERNOON.ends is not None
    assert result.overrun == max(0, int((clock - AFTERNOON.ends).total_seconds() // 60))
    for slot in result.slots:  # every covered item starts inside what covers it
        if slot.within is not None:
            cover = next(s for s in result.slots if s.key == slot.within)
            assert cover.start is not None and slot.start is not None
            assert cover.start <= slot.start


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("20", 20),
        (" 20 min ", 20),
        ("1:30", 90),
        ("1h30", 90),
        ("1 h 05", 65),
        ("2h", 120),
        ("0", 0),
        ("", None),
        ("   ", None),
    ],
)
def test_minutes_are_read_as_typed(typed: str, minutes: int | None) -> None:
    assert parse_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["twenty", "-5", "1:75", "1.5", "20 minutes later"])
def test_unreadable_minutes_are_refused_with_what_to_type(typed: str) -> None:
    with pytest.raises(ValueError, match="not a time allocation"):
        parse_minutes(typed)
