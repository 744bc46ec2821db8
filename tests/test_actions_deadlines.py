"""Deadlines, meetings and attendance without a window: each action undoable, with what a
user would see afterwards (due times in Geneva, which deadlines moved, conflicts)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sg20desk.actions import attendance as att
from sg20desk.actions import deadlines as dl
from sg20desk.actions import meetings as mt
from sg20desk.actions import queries
from sg20desk.actions.history import ActionError, History
from sg20desk.db import schema
from sg20desk.db.store import Store
from sg20desk.rules.conflicts import Span, clashes
from sg20desk.rules.timezones import GENEVA, format_instant

MAY = date(2026, 5, 1)
CODE = "SG20-2026-05"


@pytest.fixture
def history(store: Store) -> History:
    return History(store)


def meeting(store: Store, code: str = CODE) -> queries.MeetingRow:
    with store.read() as c:
        return queries.meeting(c, code, MAY)


def deadlines(store: Store, mid: uuid.UUID) -> dict[str, queries.DeadlineRow]:
    with store.read() as c:
        return {row.title: row for row in queries.deadlines(c, mid)}


def geneva(row: queries.DeadlineRow) -> str:
    assert row.due is not None
    return format_instant(row.due, GENEVA)


def fields(m: queries.MeetingRow, **changes: Any) -> mt.MeetingFields:
    return dataclasses.replace(mt.MeetingFields.of(m), **changes)


# --- deadlines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "shown"),
    [
        ("2359 hours UTC on 30 April 2026", "Fri 1 May 2026 01:59 CEST"),
        ("2400 hours UTC on 11 May 2026", "Tue 12 May 2026 02:00 CEST"),
        ("8 May 2026", "Fri 8 May 2026 23:59 CEST"),
        ("six weeks before the meeting", "Tue 31 March 2026 23:59 CEST"),
        ("seven working days before the beginning of the meeting", "Fri 1 May 2026 23:59 CEST"),
        ("1200 hours on the first day", "Tue 12 May 2026 12:00 CEST"),
    ],
)
def test_a_deadline_typed_as_letters_write_it(
    store: Store, history: History, due: str, shown: str
) -> None:
    mid = meeting(store).id
    history.do(dl.add_deadline(mid, "  Send  my comments ", due, "to the rapporteur"))
    row = deadlines(store, mid)["Send my comments"]
    assert geneva(row) == shown
    assert row.source_text == due and row.notes == "to the rapporteur" and row.origin == "user"
    history.undo()
    assert "Send my comments" not in deadlines(store, mid)


@pytest.mark.parametrize(
    ("title", "due", "message"),
    [
        ("Comments", "04/05/2026", "Due: 04/05/2026 could be 4 May or 5 April 2026"),
        ("Comments", "soon", "Due: not a date"),
        ("Comments", "from 11 to 12 May 2026", "Due: that is a span"),
        ("Comments", "at least 24 hours in advance", "needs a session"),
        ("Comments", "at 0830 hours", "a time needs a date"),
        ("   ", "8 May 2026", "Deadline: say what is due"),
    ],
)
def test_a_deadline_that_cannot_be_read_is_refused_and_nothing_stored(
    store: Store, history: History, title: str, due: str, message: str
) -> None:
    mid = meeting(store).id
    before = deadlines(store, mid)
    with pytest.raises(ActionError, match=message):
        history.do(dl.add_deadline(mid, title, due))
    assert deadlines(store, mid) == before and history.undo_name is None


def test_marking_done_editing_and_deleting_are_undoable(store: Store, history: History) -> None:
    mid = meeting(store).id
    rows = deadlines(store, mid)
    fellowship = rows[
        "Submit fellowship requests (via the forms on the study group homepage; "
        "see details in Annex A)"
    ]
    history.do(dl.set_status([fellowship.id], schema.DeadlineStatus.DONE))
    assert history.undo_name == f"Mark done {fellowship.title}"
    assert not deadlines(store, mid)[fellowship.title].is_open
    history.undo()
    assert deadlines(store, mid)[fellowship.title].is_open

    history.do(dl.edit_deadline(fellowship.id, due="7 April 2026", notes="extended"))
    edited = deadlines(store, mid)[fellowship.title]
    assert edited.due_date == date(2026, 4, 7) and edited.notes == "extended"
    history.undo()
    assert deadlines(store, mid)[fellowship.title] == fellowship

    history.do(dl.delete_deadlines([fellowship.id]))
    assert fellowship.title not in deadlines(store, mid)
    history.undo()
    assert deadlines(store, mid)[fellowship.title] == fellowship


# --- meetings -------------------------------------------------------------------------


def test_moving_the_meeting_moves_its_relative_deadlines_and_says_which(
    store: Store, history: History
) -> None:
    m = meeting(store)
    history.do(dl.add_deadline(m.id, "Fellowship (rule only)", "six weeks before the meeting"))
    before = deadlines(store, m.id)
    week = timedelta(days=7)
    change = mt.change_meeting(
        history, m.id, fields(m, first_day=m.first_day + week, last_day=m.last_day + week)
    )
    after = deadlines(store, m.id)
    moved = {x.title: x for x in change.moved}
    # a pure rule follows the meeting
    assert after["Fellowship (rule only)"].due == before["Fellowship (rule only)"].due + week  # type: ignore[operator]
    # a printed date with its rule moves with the rule: one month before 19 May
    captioning = "Pre-registration (via the online registration form on the study group homepage)"
    assert after[captioning].due_date == date(2026, 4, 17)
    assert captioning in moved and moved[captioning].whole_day
    # a printed date without a rule, and an instant stated in UTC, stay as printed
    contributions = "Submit ITU-T Member Contributions (via Direct Document Posting)"
    assert after[contributions].due == before[contributions].due
    assert contributions not in moved
    assert set(moved) == {t for t in after if after[t].due != before[t].due}, (
        "exactly the deadlines due at another time are reported"
    )
    # the sessions moved with it, at the same wall clock
    with store.read() as c:
        opening = next(e for e in queries.events(c, m.id) if e.title == "SG20 opening plenary")
    assert opening.starts_at == datetime(2026, 5, 19, 13, 30, tzinfo=UTC)

    history.undo()
    assert deadlines(store, m.id) == before and meeting(store) == m


def test_a_new_zone_keeps_session_wall_clocks(store: Store, history: History) -> None:
    m = meeting(store)
    mt.change_meeting(history, m.id, fields(m, timezone="Asia/Tokyo"))
    with store.read() as c:
        opening = next(e for e in queries.events(c, m.id) if e.title == "SG20 opening plenary")
    assert format_instant(opening.starts_at, "Asia/Tokyo") == "Tue 12 May 2026 15:30 JST"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "bad code!"}, "Code:"),
        ({"title": " "}, "Title:"),
        ({"timezone": "Mars/Olympus"}, "Time zone: unknown time zone"),
        ({"last_day": date(2026, 5, 1)}, "Last day: 1 May 2026 is before the first day"),
    ],
)
def test_a_meeting_with_a_wrong_field_is_refused(
    store: Store, history: History, changes: dict[str, object], message: str
) -> None:
    m = meeting(store)
    with pytest.raises(ActionError, match=message):
        history.do(mt.edit_meeting(m.id, fields(m, **changes)))
    assert meeting(store) == m


def test_create_a_meeting_by_hand_and_delete_it_with_undo(store: Store, history: History) -> None:
    created = mt.MeetingFields(
        "Q12-RG-2026-06",
        "SG20",
        "Q12/20 rapporteur group e-meeting",
        "virtual",
        "America/New_York",
        date(2026, 6, 3),
        date(2026, 6, 3),
        time(8, 0),
    )
    history.do(mt.create_meeting(created))
    rg = meeting(store, "Q12-RG-2026-06")
    assert rg.opening == datetime(2026, 6, 3, 12, 0, tzinfo=UTC)
    with pytest.raises(ActionError, match="already exists"):
        history.do(mt.create_meeting(created))

    sg20 = meeting(store)
    with store.read() as c:
        counts = queries.counts(c)
        assert mt.describe_contents(c, sg20.id) == (
            "9 events, 60 agenda items, 10 drafts, 8 deadlines"
        )
    history.do(mt.delete_meeting(sg20.id))
    with store.read() as c:
        assert [r.code for r in queries.meetings(c)] == ["Q12-RG-2026-06"]
        assert queries.counts(c)["agenda items"] == 0
    history.undo()
    with store.read() as c:
        assert queries.counts(c) == counts
    assert meeting(store) == sg20


# --- attendance -----------------------------------------------------------------------


def event_named(store: Store, mid: uuid.UUID, title: str) -> queries.EventRow:
    with store.read() as c:
        return next(e for e in queries.events(c, mid) if e.title.startswith(title))


def test_remote_attendance_creates_its_request_deadline(store: Store, history: History) -> None:
    mid = meeting(store).id
    jca = event_named(store, mid, "Joint Coordination Activity on Metaverse")
    history.do(att.set_attendance([jca.id], schema.AttendanceMode.REMOTE))
    request = deadlines(store, mid)[att.remote_request_title(jca.title)]
    # 24 hours before 08:30 on 13 May, Geneva time
    assert geneva(request) == "Tue 12 May 2026 08:30 CEST"
    assert event_named(store, mid, jca.title).attendance == "remote"

    # in person instead: the request goes; remote again: it comes back once
    history.do(att.set_attendance([jca.id], schema.AttendanceMode.IN_PERSON))
    assert att.remote_request_title(jca.title) not in deadlines(store, mid)
    history.undo()
    assert att.remote_request_title(jca.title) in deadlines(store, mid)
    history.do(att.set_attendance([jca.id], schema.AttendanceMode.REMOTE))
    titles = [t for t in deadlines(store, mid) if t == att.remote_request_title(jca.title)]
    assert len(titles) == 1

    # the plenaries are open to remote participants without a request
    opening = event_named(store, mid, "SG20 opening plenary")
    history.do(att.set_attendance([opening.id], schema.AttendanceMode.REMOTE))
    assert att.remote_request_title(opening.title) not in deadlines(store, mid)


def test_moving_the_meeting_moves_a_remote_request(store: Store, history: History) -> None:
    m = meeting(store)
    jca = event_named(store, m.id, "Joint Coordination Activity on Metaverse")
    history.do(att.set_attendance([jca.id], schema.AttendanceMode.REMOTE))
    day = timedelta(days=1)
    change = mt.change_meeting(
        history, m.id, fields(m, first_day=m.first_day + day, last_day=m.last_day + day)
    )
    title = att.remote_request_title(jca.title)
    assert geneva(deadlines(store, m.id)[title]) == "Wed 13 May 2026 08:30 CEST"
    assert title in {x.title for x in change.moved}


def test_overlapping_chosen_events_are_conflicts(store: Store, history: History) -> None:
    mid = meeting(store).id
    jca = event_named(store, mid, "Joint Coordination Activity on Metaverse")  # 08:30-10:30
    history.do(
        att.add_appointment(
            mid, "Breakfast with the rapporteur", date(2026, 5, 13), time(8), time(9)
        )
    )
    history.do(att.add_appointment(mid, "Coffee", date(2026, 5, 13), time(10, 30), time(11)))
    with store.read() as c:
        rows = queries.events(c, mid)
    breakfast = next(e for e in rows if e.title.startswith("Breakfast"))
    coffee = next(e for e in rows if e.title == "Coffee")
    assert att.conflicts(rows) == {}, "the JCA is not chosen yet"
    history.do(att.set_attendance([jca.id], schema.AttendanceMode.IN_PERSON))
    with store.read() as c:
        rows = queries.events(c, mid)
    # back to back with the coffee is no conflict
    assert att.conflicts(rows) == {jca.id: [breakfast.id], breakfast.id: [jca.id]}
    history.do(att.set_attendance([breakfast.id], schema.AttendanceMode.NOT_ATTENDING))
    with store.read() as c:
        assert att.conflicts(queries.events(c, mid)) == {}
    with pytest.raises(ActionError, match="only your own appointments"):
        history.do(att.delete_appointments([jca.id]))
    history.do(att.delete_appointments([coffee.id]))
    with store.read() as c:
        assert "Coffee" not in {e.title for e in queries.events(c, mid)}


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 12) | st.none()),
        max_size=12,
    )
)
def test_clashes_are_exactly_the_overlapping_pairs(raw: list[tuple[int, int | None]]) -> None:
    base = datetime(2026, 5, 12, tzinfo=UTC)
    quarter = timedelta(minutes=15)
    spans = [
        Span(
            n, base + start * quarter, None if length is None else base + (start + length) * quarter
        )
        for n, (start, length) in enumerate(raw)
    ]
    expected: dict[int, set[int]] = {}
    for a in spans:
        for b in spans:
            if a.key != b.key and a.start < b.until and b.start < a.until:
                expected.setdefault(a.key, set()).add(b.key)
    assert {k: set(v) for k, v in clashes(spans).items()} == expected
