"""Sessions and the agenda timetable without a window: assign, allocate, add, plan."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from sg20desk.actions import agenda as ops
from sg20desk.actions import queries
from sg20desk.actions import timetable as tt
from sg20desk.actions.history import ActionError, History
from sg20desk.db.store import Store

MAY = date(2026, 5, 1)
GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture
def history(store: Store) -> History:
    return History(store)


def meeting_id(store: Store) -> uuid.UUID:
    with store.read() as c:
        return queries.meeting(c, "SG20-2026-05", MAY).id


def numbered(store: Store, mid: uuid.UUID) -> dict[str, queries.AgendaRow]:
    with store.read() as c:
        return {r.label: r for r in queries.agenda(c, mid) if r.numbered}


def session(store: Store, mid: uuid.UUID, title: str) -> tt.SessionRow:
    with store.read() as c:
        return next(s for s in tt.sessions(c, mid) if s.title == title)


def plans(store: Store, mid: uuid.UUID) -> dict[str, tt.Plan]:
    with store.read() as c:
        return {p.session.title: p for p in tt.timetable(c, mid)}


def local(moment: datetime | None) -> str:
    assert moment is not None
    return moment.astimezone(GENEVA).strftime("%d %H:%M")


def test_sessions_are_the_meetings_events_but_registration(store: Store) -> None:
    mid = meeting_id(store)
    with store.read() as c:
        found = tt.sessions(c, mid)
    titles = [s.title for s in found]
    assert "SG20 opening plenary" in titles and "SG20 closing plenary" in titles
    assert not any("registration" in t for t in titles)
    opening = session(store, mid, "SG20 opening plenary")
    assert opening.label == "Tue 12 May 15:30 CEST · SG20 opening plenary"


def test_items_assigned_and_timed_get_start_times_in_their_session(
    store: Store, history: History
) -> None:
    mid = meeting_id(store)
    items = numbered(store, mid)
    opening = session(store, mid, "SG20 opening plenary")
    step = history.do(tt.assign_session(mid, [items["1"].id, items["7"].id], opening.id))
    assert step is not None and step.name == "Assign 2 items to SG20 opening plenary"
    history.do(ops.edit_item(mid, items["1"].id, minutes=15))
    history.do(ops.edit_item(mid, items["7.1"].id, minutes=20))
    history.do(ops.edit_item(mid, items["7.2"].id, minutes=30))
    plan = plans(store, mid)["SG20 opening plenary"]
    starts = {s.key: local(s.start) for s in plan.slots}
    assert starts[items["1"].id] == "12 15:30"  # the letter: opens at 1530 hours
    assert starts[items["7"].id] == "12 15:45"  # a heading: no time of its own
    assert starts[items["7.1"].id] == "12 15:45"  # 7's sub-items come with it
    assert starts[items["7.2"].id] == "12 16:05"
    assert starts[items["7.3"].id] == "12 16:35"
    assert items["2"].id not in starts  # not assigned
    assert plan.minutes == 65 and plan.overrun == 0 and plan.warnings == []
    history.undo()  # 7.2 back to no minutes
    plan = plans(store, mid)["SG20 opening plenary"]
    assert local(next(s.start for s in plan.slots if s.key == items["7.3"].id)) == "12 16:05"


def test_a_session_given_an_end_warns_of_an_overrun(store: Store, history: History) -> None:
    mid = meeting_id(store)
    items = numbered(store, mid)
    opening = session(store, mid, "SG20 opening plenary")
    history.do(tt.assign_session(mid, [items["7"].id], opening.id))
    history.do(ops.edit_item(mid, items["7"].id, minutes=200))
    step = history.do(
        tt.set_session_times(
            mid, opening.id, "SG20 opening plenary", date(2026, 5, 12), time(15, 30), time(18, 30)
        )
    )
    assert step is not None and step.name == "Change session SG20 opening plenary"
    plan = plans(store, mid)["SG20 opening plenary"]
    assert plan.overrun == 20
    assert plan.warnings == ["planned to end at 18:50, 20 min after the session ends at 18:30"]
    assert [s.key for s in plan.slots if s.overruns] == [items["7"].id]


def test_adding_a_session_is_undoable_and_bad_times_change_nothing(
    store: Store, history: History
) -> None:
    mid = meeting_id(store)
    day = date(2026, 5, 13)
    step = history.do(
        tt.add_session(mid, "  Plenary   (afternoon) ", day, time(14, 30), time(17, 30))
    )
    assert step is not None and step.name == "Add session Plenary (afternoon)"
    added = session(store, mid, "Plenary (afternoon)")
    assert added.label == "Wed 13 May 14:30-17:30 CEST · Plenary (afternoon)"
    history.undo()
    with store.read() as c:
        assert "Plenary (afternoon)" not in [s.title for s in tt.sessions(c, mid)]
    with pytest.raises(ActionError, match="must end after it starts"):
        history.do(tt.add_session(mid, "Late", day, time(17, 0), time(9, 0)))
    with pytest.raises(ActionError, match="needs a title"):
        history.do(tt.add_session(mid, "  ", day, time(9, 0), None))
    with pytest.raises(ActionError, match="no longer part of this meeting"):
        history.do(tt.assign_session(mid, [numbered(store, mid)["1"].id], uuid.uuid4()))
    with store.read() as c:
        assert [s.title for s in tt.sessions(c, mid)].count("Late") == 0
    assert history.undo_name is None


def test_clearing_a_session_hands_the_item_back_to_its_parent(
    store: Store, history: History
) -> None:
    mid = meeting_id(store)
    items = numbered(store, mid)
    opening = session(store, mid, "SG20 opening plenary")
    closing = session(store, mid, "SG20 closing plenary")
    history.do(tt.assign_session(mid, [items["7"].id], opening.id))
    history.do(tt.assign_session(mid, [items["7.2"].id], closing.id))
    found = plans(store, mid)
    assert items["7.2"].id in [s.key for s in found["SG20 closing plenary"].slots]
    assert found["SG20 closing plenary"].warnings[0].startswith("no start time")
    step = history.do(tt.assign_session(mid, [items["7.2"].id], None))
    assert step is not None and step.name == "Clear the session of 7.2"
    found = plans(store, mid)
    assert items["7.2"].id in [s.key for s in found["SG20 opening plenary"].slots]
