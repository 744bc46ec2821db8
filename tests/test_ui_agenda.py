"""The agenda editor in the real window: keys, drag and drop, in-place edits, undo."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from sg20desk.actions import queries
from sg20desk.db.store import Store
from sg20desk.ui.models.agenda_model import DOCUMENTS, MINUTES, RENUMBERED, STARTS, TITLE
from sg20desk.ui.sections.agenda import AgendaSection
from sg20desk.ui.sections.timetable_panel import SessionForm

ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


def stored(store: Store) -> dict[str, queries.AgendaRow]:
    with store.read() as c:
        meeting = queries.meeting(c, "SG20-2026-05", None)
        return {r.label: r for r in queries.agenda(c, meeting.id) if r.numbered}


@pytest.fixture
def agenda(qtbot: Any, window: Any) -> AgendaSection:
    window.show_section(1)
    section: AgendaSection = window.agenda
    section.view.setFocus()
    return section


def choose(section: AgendaSection, *labels: str) -> None:
    rows = {r.label: r for r in section.model.rows()}
    selection = section.view.selectionModel()
    selection.clearSelection()
    for n, label in enumerate(labels):
        index = section.model.index_of(rows[label].id)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if n == 0:
            flags |= QItemSelectionModel.SelectionFlag.Current
        selection.setCurrentIndex(index, flags)


def shown(section: AgendaSection, label: str) -> str:
    row = next(r for r in section.model.rows() if r.label == label)
    return row.title


def test_keyboard_moves_and_undo_redo_from_the_edit_menu(
    qtbot: Any, window: Any, agenda: AgendaSection, store: Store
) -> None:
    before = stored(store)
    choose(agenda, "7.3")
    qtbot.keyClick(agenda.view, Qt.Key.Key_Up, ALT_SHIFT)
    assert stored(store)["7.2"].id == before["7.3"].id
    assert shown(agenda, "7.2") == before["7.3"].title
    assert agenda.selected_ids() == [before["7.3"].id]  # the moved item stays selected
    assert window.undo_action.text() == "&Undo move 7.3 up"
    qtbot.keyClick(agenda.view, Qt.Key.Key_Right, ALT_SHIFT)  # indent under 7.1
    assert stored(store)["7.1.1"].id == before["7.3"].id
    window.show_section(0)  # undo survives switching sections
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(store)["7.3"].id == before["7.3"].id
    assert window.redo_action.text() == "&Redo move 7.3 up"
    window.redo_action.trigger()
    assert stored(store)["7.2"].id == before["7.3"].id
    window.show_section(1)
    assert shown(agenda, "7.2") == before["7.3"].title


def test_several_selected_items_move_down_together(
    qtbot: Any, agenda: AgendaSection, store: Store
) -> None:
    before = stored(store)
    choose(agenda, "13.2", "13.3")
    qtbot.keyClick(agenda.view, Qt.Key.Key_Down, ALT_SHIFT)
    after = stored(store)
    assert [after["13.3"].id, after["13.4"].id] == [before["13.2"].id, before["13.3"].id]


def test_an_impossible_move_says_why_in_the_window(
    qtbot: Any, agenda: AgendaSection, store: Store
) -> None:
    choose(agenda, "1")
    qtbot.keyClick(agenda.view, Qt.Key.Key_Left, ALT_SHIFT)
    assert agenda.message.isVisible()
    assert agenda.message.text() == "1 is already at the top level"


def test_drag_and_drop_moves_a_branch(qtbot: Any, agenda: AgendaSection, store: Store) -> None:
    before = stored(store)
    model = agenda.model
    data = model.mimeData([model.index_of(before["8.2"].id)])
    target = model.index_of(before["9"].id)  # dropped onto item 9: its last child
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    qtbot.waitUntil(lambda: stored(store).get("9.2") is not None)
    after = stored(store)
    assert after["9.2"].id == before["8.2"].id
    assert after["9.2.3"].id == before["8.2.3"].id
    assert after["8.2"].id == before["8.3"].id
    assert shown(agenda, "9.2.1") == before["8.2.1"].title


def test_titles_and_documents_are_edited_in_place(
    qtbot: Any, agenda: AgendaSection, store: Store
) -> None:
    before = stored(store)
    choose(agenda, "3")
    index = agenda.model.index_of(before["3"].id, TITLE)
    agenda.view.setCurrentIndex(index)
    qtbot.keyClick(agenda.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Draft timetable"
    editor.selectAll()
    qtbot.keyClicks(editor, "Timetable, revised")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits once the key is handled
    qtbot.waitUntil(lambda: stored(store)["3"].title == "Timetable, revised")

    docs = agenda.model.index_of(before["3"].id, DOCUMENTS)
    assert agenda.model.setData(docs, "td414-r1, c 7")
    assert stored(store)["3"].documents == ("TD414 Rev.1", "C 007")
    assert agenda.model.data(agenda.model.index_of(before["3"].id, DOCUMENTS)) == (
        "TD414 Rev.1, C 007"
    )
    agenda.model.setData(agenda.model.index_of(before["3"].id, DOCUMENTS), "TD414 Rev.1, 12 May")
    assert agenda.message.text().startswith('Documents of 3 not changed: entry 2 of 2: "12 May"')
    assert stored(store)["3"].documents == ("TD414 Rev.1", "C 007")


def test_notes_are_saved_when_leaving_the_box(
    qtbot: Any, window: Any, agenda: AgendaSection, store: Store
) -> None:
    choose(agenda, "5")
    agenda.notes.setFocus()
    qtbot.keyClicks(agenda.notes, "Ask about the September report")
    agenda.view.setFocus()
    assert stored(store)["5"].notes == "Ask about the September report"
    assert window.undo_action.text() == "&Undo edit notes of 5"
    window.undo_action.trigger()  # the refilled box is not taken for a new edit
    choose(agenda, "6")
    choose(agenda, "5")
    assert stored(store)["5"].notes == ""
    assert agenda.notes.toPlainText() == ""
    assert window.redo_action.isEnabled()


def test_insert_and_delete_a_branch_asks_first(
    qtbot: Any, agenda: AgendaSection, store: Store
) -> None:
    before = stored(store)
    choose(agenda, "7.10")
    qtbot.keyClick(agenda.view, Qt.Key.Key_Insert)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)  # the new item's title is open for typing
    qtbot.keyClicks(editor, "ITU-T Y.4420 again")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(store)["7.11"].title != "New item")
    added = stored(store)["7.11"]
    assert (added.title, added.draft_designation) == ("ITU-T Y.4420 again", "ITU-T Y.4420")

    asked: list[str] = []
    agenda.ask = lambda title, question, details: asked.append(question) or False  # type: ignore[func-returns-value]
    choose(agenda, "8")
    qtbot.keyClick(agenda.view, Qt.Key.Key_Delete)
    assert asked == ["Delete 8 and the 6 items under it?"]
    assert stored(store)["8"].id == before["8"].id  # declined: nothing deleted
    agenda.ask = lambda title, question, details: True
    qtbot.keyClick(agenda.view, Qt.Key.Key_Delete)
    assert stored(store)["8"].id == before["9"].id


def test_frozen_numbering_shows_both_numbers_and_renumbers_on_confirmation(
    qtbot: Any, agenda: AgendaSection, store: Store
) -> None:
    before = stored(store)
    agenda.actions_by_name["freeze"].trigger()
    assert not agenda.view.isColumnHidden(RENUMBERED)
    choose(agenda, "2")
    agenda.actions_by_name["insert_before"].trigger()
    QApplication.focusWidget().clearFocus()
    rows = {r.id: r for r in agenda.model.rows()}
    new = next(r for r in rows.values() if r.title == "New item")
    assert agenda.model.data(agenda.model.index_of(new.id)) == "new"
    assert agenda.model.data(agenda.model.index_of(new.id, RENUMBERED)) == "2"
    assert agenda.model.data(agenda.model.index_of(before["2"].id)) == "2"
    assert agenda.model.data(agenda.model.index_of(before["2"].id, RENUMBERED)) == "3"
    details: list[str] = []
    agenda.ask = lambda title, question, text: details.append(text) or True  # type: ignore[func-returns-value]
    agenda.actions_by_name["renumber"].trigger()
    assert details[0].splitlines()[:2] == ["     new  →  2", "       2  →  3"]
    assert stored(store)["3"].id == before["2"].id
    assert agenda.model.data(agenda.model.index_of(before["2"].id, RENUMBERED)) is None


def test_shortcuts_are_shown_in_the_menu(agenda: AgendaSection) -> None:
    tips = {a.objectName(): a.toolTip() for a in agenda.menu.actions() if a.objectName()}
    assert tips["agenda_move_up"] == "Move up (Alt+Shift+Up)"
    assert tips["agenda_indent"] == "Indent (Alt+Shift+Right)"
    assert tips["agenda_insert_after"] == "Insert item after (Ins)"
    assert all(agenda.actions_by_name[k].shortcut().toString() for k in ("move_down", "outdent"))


def test_issue_a_revision_then_compare_with_it(
    qtbot: Any, agenda: AgendaSection, store: Store
) -> None:
    picked: list[tuple[str, list[str], str]] = []

    def choose(title: str, label: str, choices: list[str], proposed: str) -> str:
        picked.append((title, choices, proposed))
        return proposed

    shown_changes: list[str] = []
    agenda.choose = choose
    agenda.ask = lambda title, question, details: shown_changes.append(details) or True  # type: ignore[func-returns-value]
    agenda.actions_by_name["issue"].trigger()
    assert picked[-1] == ("Issue revision", [], "Draft")
    assert agenda.frozen  # the user agreed to freeze at the issued numbers
    choose_rows = stored(store)
    choose_item = choose_rows["4"].id
    agenda.select([choose_item])
    qtbot.keyClick(agenda.view, Qt.Key.Key_Up, ALT_SHIFT)
    shown_changes.clear()
    agenda.actions_by_name["compare"].trigger()
    assert picked[-1] == ("Compare", ["Draft"], "Draft")
    # items 3 and 4 swapped places; frozen, they kept their numbers: nothing renumbered
    assert shown_changes[0].splitlines() == ["moved 3  Draft timetable (within the top level)"]


def test_sessions_minutes_and_start_times_in_the_window(
    qtbot: Any, window: Any, agenda: AgendaSection, store: Store
) -> None:
    before = stored(store)
    opening = next(s for s in agenda.sessions if s.title == "SG20 opening plenary")
    offered: list[list[str]] = []

    def pick(_title: str, _label: str, choices: list[str], _proposed: str) -> str:
        offered.append(choices)
        return opening.label

    agenda.choose = pick
    choose(agenda, "7")
    agenda.actions_by_name["assign"].trigger()
    assert offered[0][-1].startswith("(none")
    assert not agenda.view.isColumnHidden(STARTS)
    model = agenda.model
    model.setData(model.index_of(before["7.1"].id, MINUTES), "20")
    model.setData(model.index_of(before["7.2"].id, MINUTES), "1:30")
    assert stored(store)["7.2"].minutes == 90
    assert model.data(model.index_of(before["7.2"].id, MINUTES)) == "90"
    starts = {label: model.data(model.index_of(before[label].id, STARTS)) for label in before}
    assert starts["7"] == "Tue 15:30" and starts["7.1"] == "Tue 15:30"
    assert starts["7.2"] == "Tue 15:50" and starts["7.3"] == "Tue 17:20"
    assert starts["8"] is None  # in no session
    assert agenda.timetable.topLevelItemCount() == 1  # only sessions holding items
    heading = agenda.timetable.topLevelItem(0)
    assert heading.text(2) == "SG20 opening plenary" and heading.text(3) == "110 min planned"
    assert [heading.child(n).text(1) for n in range(3)] == ["7", "7.1", "7.2"]

    model.setData(model.index_of(before["7.3"].id, MINUTES), "twenty")
    assert agenda.message.text().startswith("Time of 7.3 not changed: 'twenty'")
    assert stored(store)["7.3"].minutes is None

    window.undo()  # 7.2 has no time again
    assert model.data(model.index_of(before["7.3"].id, STARTS)) == "Tue 15:50"

    agenda.ask_session = lambda _title, proposed, _new: SessionForm(
        "Plenary (Wednesday)", proposed.kind, date(2026, 5, 13), time(9, 30), time(12, 30)
    )
    agenda.actions_by_name["add_session"].trigger()
    added = next(s for s in agenda.sessions if s.title == "Plenary (Wednesday)")
    assert added.label == "Wed 13 May 09:30-12:30 CEST · Plenary (Wednesday)"
    assert window.undo_action.text() == "&Undo add session Plenary (Wednesday)"


def test_an_undo_from_another_section_shows_there_at_once(
    qtbot: Any, window: Any, agenda: AgendaSection, store: Store
) -> None:
    before = stored(store)
    choose(agenda, "7.1")
    agenda.actions_by_name["move_down"].trigger()
    window.show_section(2)  # Drafts: each draft's agenda item

    def agenda_item_of(designation: str) -> str:
        model = window.drafts.model
        row = next(
            r for r in range(model.rowCount()) if model.row_at(r).draft.designation == designation
        )
        return str(model.row_at(row).draft.agenda_number)

    assert agenda_item_of("ITU-T Y.4241") == "7.2"
    window.undo()
    assert agenda_item_of("ITU-T Y.4241") == "7.1"
    window.show_section(1)  # and the agenda caught up when shown again
    assert shown(agenda, "7.1") == before["7.1"].title
