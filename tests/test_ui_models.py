"""Every item model passes Qt's model tester and shows what the store holds."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt

from sg20desk.actions import drafts, queries
from sg20desk.actions.agenda_rows import agenda_entries, agenda_patch, numbering_frozen
from sg20desk.actions.history import ActionError, History, Step
from sg20desk.db.store import Store
from sg20desk.ui.models.agenda_model import AgendaModel
from sg20desk.ui.models.base import ID_ROLE
from sg20desk.ui.models.deadlines_model import OVERDUE_COLOUR, SOON_COLOUR, DeadlinesModel
from sg20desk.ui.models.drafts_model import DraftsModel, RepliesModel
from sg20desk.ui.models.meetings_model import MeetingsModel
from sg20desk.ui.models.schedule_model import ScheduleModel
from tests.agenda_ops import agenda_ids, build, operation

BEFORE_MEETING = datetime(2026, 4, 27, 12, 0, tzinfo=UTC)


def rows(store: Store):  # type: ignore[no-untyped-def]
    with store.read() as session:
        meeting = queries.meeting(session, None, BEFORE_MEETING.date())
        return (
            meeting,
            queries.agenda(session, meeting.id),
            queries.drafts(session, meeting.id),
            queries.deadlines(session, meeting.id),
            queries.events(session, meeting.id),
            queries.meetings(session),
        )


def agenda_model(store: Store) -> AgendaModel:
    model = AgendaModel()
    with store.read() as c:
        meeting = queries.meeting(c, None, BEFORE_MEETING.date())
        model.load(agenda_entries(c, meeting.id), numbering_frozen(c, meeting.id))
    return model


def test_agenda_model(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    empty = AgendaModel()
    qtmodeltester.check(empty)
    model = agenda_model(store)
    qtmodeltester.check(model)
    assert model.rowCount() == 24
    seven = model.index(6, 0)
    assert model.data(seven) == "7"
    assert model.rowCount(seven) == 10
    assert model.data(model.index(9, 1, seven)).startswith("ITU-T Y.4244 (ex Y.EPWS-fc)")
    nineteen_one = model.index(0, 0, model.index(18, 0))
    assert model.data(nineteen_one) == "19.1"
    assert [model.data(model.index(r, 0, nineteen_one)) for r in range(5)] == ["–"] * 5
    assert model.parent(model.index(2, 1, nineteen_one)) == nineteen_one
    # the tree shows the numbers the command line prints
    assert model.rows() == rows(store)[1]


def test_schedule_model(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    meeting, *_, events, _ = rows(store)
    model = ScheduleModel()
    qtmodeltester.check(model)
    model.set_events(events, meeting.timezone, "Asia/Tokyo")
    qtmodeltester.check(model)
    days = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert days == [
        "Mon 2 March 2026",
        "Thu 7 May 2026",
        "Mon 11 May 2026",
        "Tue 12 May 2026",
        "Wed 13 May 2026",
        "Thu 14 May 2026",
        "Thu 21 May 2026",
    ]
    jca_day = model.index(4, 0)
    assert model.data(model.index(0, 0, jca_day)) == "08:30–10:30 CEST"
    assert model.data(model.index(0, 1, jca_day)) == "15:30–17:30 JST"
    assert model.data(model.index(0, 3, jca_day)) == "required"
    bsg = model.index(0, 0, model.index(0, 0))
    assert model.data(bsg.siblingAtColumn(0)) == "12:00–14:00 CET"
    assert "virtual" in model.data(bsg.siblingAtColumn(5))


def test_schedule_names_another_date_in_the_users_zone(store: Store) -> None:
    meeting, *_, events, _ = rows(store)
    model = ScheduleModel()
    model.set_events(events, meeting.timezone, "America/Los_Angeles")
    opening_day = model.index(3, 0)
    # the 08:30 CEST registration opening is still the evening before in California
    registration = model.index(1, 1, opening_day)
    assert model.data(registration) == "Mon 11 May, from 23:30 PDT"


def test_deadlines_model(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    meeting, _, _, deadlines, *_ = rows(store)
    model = DeadlinesModel(lambda: BEFORE_MEETING)
    qtmodeltester.check(model)
    model.set_zones(meeting.timezone, "Asia/Tokyo")
    model.set_rows(deadlines)
    qtmodeltester.check(model)
    titles = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    form = titles.index(next(t for t in titles if "Annex 2" in t))
    assert model.data(model.index(form, 0)) == "Fri 1 May 2026 01:59 CEST"
    assert model.data(model.index(form, 1)) == "Fri 1 May 2026 08:59 JST"
    assert model.data(model.index(form, 2)) == "3 d 11 h left"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Due, your zone (Asia/Tokyo)"
    # four days before the form is due: highlighted; the March ones are overdue, in red
    background = Qt.ItemDataRole.BackgroundRole
    foreground = Qt.ItemDataRole.ForegroundRole
    assert model.data(model.index(form, 3), background).color() == SOON_COLOUR
    assert model.data(model.index(form, 3), foreground) is None
    assert model.data(model.index(0, 3), foreground).color() == OVERDUE_COLOUR
    assert model.data(model.index(0, 3), background) is None
    assert model.data(model.index(0, 2)).startswith("overdue by")


def test_drafts_and_meetings_models(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    meeting, _, _, _, _, meetings = rows(store)
    with store.read() as c:
        standing = drafts.standings(c, meeting.id, BEFORE_MEETING.date())
    model = DraftsModel(lambda: BEFORE_MEETING)
    model.set_rows(standing)
    qtmodeltester.check(model)
    column = {model.headerData(n, Qt.Orientation.Horizontal): n for n in range(model.columnCount())}
    assert [model.data(model.index(r, column["Report"])) for r in range(10)] == [
        f"SG20-R{n}" for n in range(12, 22)
    ]
    assert model.data(model.index(3, column["New / revised"])) == "revised"
    assert model.data(model.index(3, column["Former name"])) == ""
    assert model.data(model.index(0, column["Your reply"])) == "open, 3 d 11 h left"
    assert model.data(model.index(0, column["Next date"])) == (
        "Consultation closes: Fri 1 May 2026 01:59 CEST"
    )
    assert model.data(model.index(0, column["Outcome"])) == "may be considered (no replies)"
    replies = RepliesModel()
    replies.show(standing[0])
    qtmodeltester.check(replies)
    listing = MeetingsModel()
    listing.set_rows(meetings)
    qtmodeltester.check(listing)
    assert listing.data(listing.index(0, 0)) == "SG20 · 12-21 May 2026 · SG20-2026-05"
    assert listing.rowCount(QModelIndex()) == 1


def shown_tree(model: AgendaModel) -> list[tuple[Any, ...]]:
    """What a user sees in every row of the tree, depth first: depth, cells, tooltips."""
    out: list[tuple[Any, ...]] = []

    def visit(parent: QModelIndex, depth: int) -> None:
        for row in range(model.rowCount(parent)):
            cells = [model.index(row, column, parent) for column in range(model.columnCount())]
            out.append(
                (
                    depth,
                    tuple(model.data(c) for c in cells),
                    tuple(model.data(c, Qt.ItemDataRole.ToolTipRole) for c in cells),
                    model.data(cells[0], Qt.ItemDataRole.FontRole) is not None,
                    model.data(cells[0], ID_ROLE),
                )
            )
            visit(cells[0], depth + 1)

    visit(QModelIndex(), 0)
    return out


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(operation, st.sampled_from(["do", "do", "undo", "redo"])), max_size=10))
def test_a_patched_tree_shows_what_a_fresh_one_does(
    store: Store, steps: list[tuple[tuple[str, list[int], int], str]]
) -> None:
    model = agenda_model(store)
    with store.read() as c:
        mid = queries.meeting(c, None, BEFORE_MEETING.date()).id
    history = History(store)

    def show(step: Step) -> None:
        with store.read() as c:
            patch = agenda_patch(c, mid, step.rows)
        if patch is None or model.apply(patch) is None:
            # only freezing or letting go of the numbering redraws every item
            assert any(change.table.name == "meeting" for change in step.rows)
            with store.read() as c:
                model.load(agenda_entries(c, mid), numbering_frozen(c, mid))

    history.listeners.append(show)
    try:
        for (op, picks, row), how in steps:
            try:
                if how == "undo":
                    history.undo()
                elif how == "redo":
                    history.redo()
                elif ids := agenda_ids(store, mid):
                    history.do(build(op, mid, picks, row, ids))
            except ActionError:
                continue
            fresh = agenda_model(store)
            assert shown_tree(model) == shown_tree(fresh)
            assert model.rows() == fresh.rows()
    finally:  # leave the store as found for the next example
        while history.undo() is not None:
            pass
