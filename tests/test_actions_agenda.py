"""Editing the agenda without a window: moves, numbers, documents, undo and redo."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from sg20desk.actions import agenda as ops
from sg20desk.actions import queries
from sg20desk.actions.history import ActionError, History, StaleEditError
from sg20desk.db import schema
from sg20desk.db.store import Store
from tests.agenda_ops import agenda_ids, build, operation

MAY = date(2026, 5, 1)


def builtin_id(store: Store) -> uuid.UUID:
    with store.read() as c:
        return queries.meeting(c, "SG20-2026-05", MAY).id


def rows(store: Store, meeting_id: uuid.UUID) -> list[queries.AgendaRow]:
    with store.read() as c:
        return queries.agenda(c, meeting_id)


def by_label(store: Store, meeting_id: uuid.UUID) -> dict[str, queries.AgendaRow]:
    return {r.label: r for r in rows(store, meeting_id) if r.numbered}


def outline(store: Store, meeting_id: uuid.UUID) -> list[str]:
    return [f"{'  ' * r.depth}{r.label} {r.title[:24]}" for r in rows(store, meeting_id)]


@pytest.fixture
def history(store: Store) -> History:
    return History(store)


def test_move_up_renumbers_and_names_the_step(store: Store, history: History) -> None:
    mid = builtin_id(store)
    before = by_label(store, mid)
    step = history.do(ops.move_up(mid, [before["7.3"].id]))
    assert step is not None and step.name == "Move 7.3 up"
    after = by_label(store, mid)
    assert after["7.2"].id == before["7.3"].id
    assert after["7.3"].id == before["7.2"].id
    assert history.undo_name == "Move 7.3 up"
    history.undo()
    assert by_label(store, mid)["7.3"].id == before["7.3"].id
    assert history.redo_name == "Move 7.3 up"


def test_several_items_move_as_a_block(store: Store, history: History) -> None:
    mid = builtin_id(store)
    before = by_label(store, mid)
    chosen = [before["7.5"].id, before["7.4"].id]
    history.do(ops.move_down(mid, chosen))
    after = by_label(store, mid)
    assert [after["7.5"].id, after["7.6"].id] == [before["7.4"].id, before["7.5"].id]
    assert after["7.4"].id == before["7.6"].id
    step = history.do(ops.move(mid, chosen, before["8"].id, 0))
    assert step is not None and step.name == "Move 2 items"
    after = by_label(store, mid)
    assert [after["8.1"].id, after["8.2"].id] == [before["7.4"].id, before["7.5"].id]
    assert after["8.3"].id == before["8.1"].id
    assert after["8.4.1"].id == before["8.2.1"].id  # the branch under 8.2 came along
    assert "7.9" not in after and after["7.8"].id == before["7.10"].id


def test_a_whole_branch_moves_with_its_children(store: Store, history: History) -> None:
    mid = builtin_id(store)
    before = by_label(store, mid)
    history.do(ops.move(mid, [before["8.2"].id], None, 2))  # between items 2 and 3
    after = by_label(store, mid)
    assert after["3"].id == before["8.2"].id
    assert [after[f"3.{n}"].id for n in (1, 2, 3)] == [before[f"8.2.{n}"].id for n in (1, 2, 3)]
    assert after["4"].id == before["3"].id
    assert after["9.2"].id == before["8.3"].id


def test_indent_and_outdent(store: Store, history: History) -> None:
    mid = builtin_id(store)
    before = by_label(store, mid)
    assert history.do(ops.indent(mid, [before["7.2"].id])).name == "Indent 7.2"  # type: ignore[union-attr]
    after = by_label(store, mid)
    assert after["7.1.1"].id == before["7.2"].id
    assert after["7.2"].id == before["7.3"].id
    history.do(ops.outdent(mid, [before["7.2"].id]))
    assert by_label(store, mid)["7.2"].id == before["7.2"].id
    history.do(ops.outdent(mid, [before["22.2"].id]))
    after = by_label(store, mid)
    assert after["23"].id == before["22.2"].id
    assert after["24"].id == before["23"].id


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda mid, b: ops.indent(mid, [b["7.1"].id]), "7.1 has no item above it"),
        (lambda mid, b: ops.outdent(mid, [b["7"].id]), "7 is already at the top level"),
        (lambda mid, b: ops.move_up(mid, [b["1"].id]), "1 is already first"),
        (lambda mid, b: ops.move_down(mid, [b["7.10"].id]), "7.10 is already last"),
        (lambda mid, b: ops.move(mid, [b["8"].id], b["8.2.1"].id, 0), "into its own branch"),
        (lambda mid, b: ops.insert_item(mid, b["3"].id, ops.Where.AFTER, "   "), "needs a title"),
        (lambda mid, b: ops.edit_item(mid, b["3"].id, minutes=-5), "whole number of minutes"),
        (lambda mid, b: ops.renumber(mid), "already follows the tree"),
    ],
)
def test_impossible_requests_say_why_and_change_nothing(
    store: Store, history: History, action: Any, message: str
) -> None:
    mid = builtin_id(store)
    before = outline(store, mid)
    with pytest.raises(ActionError, match=message):
        history.do(action(mid, by_label(store, mid)))
    assert outline(store, mid) == before
    assert history.undo_name is None


def test_insert_edit_and_delete_a_branch(store: Store, history: History) -> None:
    mid = builtin_id(store)
    b = by_label(store, mid)
    step = history.do(ops.insert_item(mid, b["7.3"].id, ops.Where.BEFORE, "  A  new   draft "))
    assert step is not None and step.name == "Insert item before 7.3"
    after = by_label(store, mid)
    assert after["7.3"].title == "A new draft" and after["7.4"].id == b["7.3"].id
    history.do(ops.insert_item(mid, after["7.3"].id, ops.Where.CHILD, "- a line", numbered=False))
    lines = [r for r in rows(store, mid) if r.parent_id == after["7.3"].id]
    assert [(r.label, r.title) for r in lines] == [("–", "- a line")]
    step = history.do(ops.edit_item(mid, b["9"].id, title="Renamed", notes="ask the chair"))
    assert step is not None and step.name == "Edit title and notes of 9"
    assert by_label(store, mid)["9"].notes == "ask the chair"
    step = history.do(ops.delete_items(mid, [b["8"].id]))
    assert step is not None and step.name == "Delete 8 and 6 sub-items"
    assert by_label(store, mid)["8"].title == "Renamed"
    history.undo()
    history.undo()
    assert by_label(store, mid)["9"].title == b["9"].title
    assert by_label(store, mid)["8.2.3"].id == b["8.2.3"].id


def test_a_title_naming_a_draft_links_to_it(store: Store, history: History) -> None:
    mid = builtin_id(store)
    b = by_label(store, mid)
    history.do(ops.edit_item(mid, b["3"].id, title="Timetable incl. ITU-T Y.4420 discussion"))
    assert by_label(store, mid)["3"].draft_designation == "ITU-T Y.4420"
    history.do(ops.edit_item(mid, b["3"].id, title="Timetable"))
    assert by_label(store, mid)["3"].draft_designation is None


def test_documents_are_normalised_and_bad_ones_store_nothing(
    store: Store, history: History
) -> None:
    mid = builtin_id(store)
    item = by_label(store, mid)["7.1"].id
    step = history.do(ops.set_documents(mid, item, "td414-r1, C 5"))
    assert step is not None and step.name == "Edit documents of 7.1"
    assert by_label(store, mid)["7.1"].documents == ("TD414 Rev.1", "C 005")
    with pytest.raises(ActionError, match=r'Documents of 7\.1 not changed: entry 2 of 2: "TD-x"'):
        history.do(ops.set_documents(mid, item, "C 6, TD-x"))
    assert by_label(store, mid)["7.1"].documents == ("TD414 Rev.1", "C 005")
    assert history.do(ops.set_documents(mid, item, "TD414 Rev.1; C005")) is None  # same
    history.undo()
    assert by_label(store, mid)["7.1"].documents == ()
    with store.read() as c:
        assert c.scalar(select(schema.document_ref.c.id)) is None


def test_frozen_numbers_stay_and_renumbering_shows_its_plan(store: Store, history: History) -> None:
    mid = builtin_id(store)
    b = by_label(store, mid)
    history.do(ops.set_frozen(mid, True))
    history.do(ops.insert_item(mid, b["7.3"].id, ops.Where.BEFORE, "Late addition"))
    history.do(ops.move_up(mid, [b["7.6"].id]))
    shown = {r.id: r for r in rows(store, mid)}
    assert shown[b["7.3"].id].label == "7.3" and shown[b["7.3"].id].computed_number == "7.4"
    new = next(r for r in shown.values() if r.title == "Late addition")
    assert (new.label, new.provisional, new.computed_number) == ("new", True, "7.3")
    assert shown[b["7.6"].id].label == "7.6" and shown[b["7.6"].id].computed_number == "7.6"
    with store.read() as c:
        plan = [(now, after) for _id, now, after in ops.renumber_plan(c, mid)]
    assert plan[:4] == [("new", "7.3"), ("7.3", "7.4"), ("7.4", "7.5"), ("7.5", "7.7")]
    step = history.do(ops.renumber(mid))
    assert step is not None and step.name == f"Renumber ({len(plan)} items)"
    assert all(r.label == r.computed_number for r in rows(store, mid) if r.numbered)
    with store.read() as c:
        assert ops.renumber_plan(c, mid) == []


def test_revisions_are_compared_item_by_item(store: Store, history: History) -> None:
    mid = builtin_id(store)
    b = by_label(store, mid)
    with store.read() as c:
        label = ops.next_revision_label(c, mid)
        snapshot = [r.snapshot() for r in queries.agenda(c, mid)]
    assert label == "Draft"
    issued = datetime(2026, 3, 1, 9, tzinfo=UTC)
    history.do(ops.issue_revision(mid, label, issued.date(), issued, snapshot, freeze=False))
    with pytest.raises(ActionError, match="already has a revision called Draft"):
        history.do(ops.issue_revision(mid, "Draft", issued.date(), issued, snapshot))
    history.do(ops.move_up(mid, [b["7.3"].id]))
    history.do(ops.edit_item(mid, b["9"].id, title="Another title"))
    history.do(ops.set_documents(mid, b["9"].id, "TD7/PLEN"))
    history.do(ops.delete_items(mid, [b["24"].id]))
    history.do(ops.insert_item(mid, b["23"].id, ops.Where.AFTER, "Closing"))
    with store.read() as c:
        changes = [ch.describe() for ch in queries.compare_versions(c, mid, "draft")]
    assert changes == [
        "added 24  Closing",
        f"removed 24  {b['24'].title}",
        f"moved 7.3  {b['7.2'].title} (within 7)",
        f"renumbered 7.3 → 7.2  {b['7.3'].title}",
        f"renumbered 7.2 → 7.3  {b['7.2'].title}",
        f"retitled 9  “{b['9'].title}” → “Another title”",
        "documents of 9: + TD7/PLEN",
    ]
    with store.read() as c, pytest.raises(queries.NotFoundError, match=r"issued: Draft"):
        queries.compare_versions(c, mid, "Rev.4")


def test_an_undo_over_an_edit_made_elsewhere_is_refused(store: Store, history: History) -> None:
    mid = builtin_id(store)
    b = by_label(store, mid)
    history.do(ops.edit_item(mid, b["5"].id, title="Mine"))
    with store.transaction() as c:  # another window edits the same item
        c.execute(
            update(schema.agenda_item)
            .where(schema.agenda_item.c.id == b["5"].id)
            .values(title="Theirs", version=schema.agenda_item.c.version + 1)
        )
    with pytest.raises(StaleEditError, match="changed or removed elsewhere"):
        history.undo()
    assert by_label(store, mid)["5"].title == "Theirs"
    assert history.undo_name == "Edit title of 5"


def test_items_inside_a_line_count_at_the_level_above(store: Store, history: History) -> None:
    mid = builtin_id(store)
    before = by_label(store, mid)
    line = history.do(ops.insert_item(mid, before["3"].id, ops.Where.AFTER, "- a", numbered=False))
    assert line is not None
    inside = history.do(ops.insert_item(mid, line.focus[0], ops.Where.CHILD, "Inside"))
    assert inside is not None
    after = by_label(store, mid)
    assert after["4"].id == inside.focus[0] and after["5"].id == before["4"].id
    with store.read() as c:  # the step names use the same numbers
        for label in ("4", "5", "6", "8.1"):
            step = ops.edit_item(mid, after[label].id, notes="x")(c)
            assert step is not None and step.name == f"Edit notes of {label}"


# --- property: undo all restores the start, redo all the end --------------------------


def state(store: Store, meeting_id: uuid.UUID) -> Any:
    """Everything the agenda holds, without version counters."""

    def plain(table: Any, *where: Any) -> list[tuple[Any, ...]]:
        with store.read() as c:
            found = c.execute(select(table).where(*where)).mappings()
            return sorted(
                tuple(sorted((k, str(v)) for k, v in r.items() if k != "version")) for r in found
            )

    item = schema.agenda_item
    return (
        plain(item, item.c.meeting_id == meeting_id),
        plain(schema.agenda_item_document),
        plain(schema.document_ref),
        plain(schema.meeting.c.numbering_frozen, schema.meeting.c.id == meeting_id),
        plain(schema.agenda_revision),
    )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(operation, min_size=1, max_size=12))
def test_undoing_everything_restores_the_agenda_exactly(
    store: Store, operations: list[tuple[str, list[int], int]]
) -> None:
    mid = builtin_id(store)
    history = History(store)
    start = state(store, mid)
    done = 0
    for op, picks, row in operations:
        ids = agenda_ids(store, mid)
        if not ids:
            break
        try:
            if history.do(build(op, mid, picks, row, ids)) is not None:
                done += 1
        except ActionError:
            pass
    end = state(store, mid)
    with store.read() as c:  # steps name items by the numbers the agenda shows
        for item in queries.agenda(c, mid):
            step = ops.edit_item(mid, item.id, notes=item.notes + ".")(c)
            assert step is not None
            if item.numbered and item.number:
                assert step.name == f"Edit notes of {item.number}"
            else:
                assert step.name.startswith('Edit notes of "')
    for _ in range(done):
        assert history.undo() is not None
    assert history.undo() is None
    assert state(store, mid) == start
    for _ in range(done):
        assert history.redo() is not None
    assert state(store, mid) == end
    for _ in range(done):  # leave the store as found for the next example
        history.undo()


def test_a_new_action_after_an_edit_made_elsewhere_works(store: Store, history: History) -> None:
    mid = builtin_id(store)
    b = by_label(store, mid)
    history.do(ops.edit_item(mid, b["5"].id, title="Mine"))
    with store.transaction() as c:
        c.execute(
            update(schema.agenda_item)
            .where(schema.agenda_item.c.id == b["5"].id)
            .values(notes="theirs", version=schema.agenda_item.c.version + 1)
        )
    history.do(ops.edit_item(mid, b["5"].id, title="Mine again"))
    assert (by_label(store, mid)["5"].title, by_label(store, mid)["5"].notes) == (
        "Mine again",
        "theirs",
    )
    history.undo()
    assert by_label(store, mid)["5"].title == "Mine"
