"""File › Import...: read off the window's thread, previewed in full and reviewed (facts
left out, corrected, added, each with where it was read), stored on Import as one step that
Undo takes back; a bad file is shown in the dialog and stores nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton

from sg20desk.actions import preferences, queries
from sg20desk.ui.import_dialog import ImportDialog
from sg20desk.ui.models.import_model import VALUE, WHERE

LETTERS = Path(__file__).parent / "data" / "letters"
FILES = [str(LETTERS / "sg13-collective-letter.txt"), str(LETTERS / "sg13-circular.txt")]


def _codes(window: Any) -> list[str]:
    with window.store.read() as connection:
        return [m.code for m in queries.meetings(connection)]


def _open(qtbot: Any, window: Any, files: list[str]) -> ImportDialog:
    window.open_paths = lambda _title, _filters: files
    action = window.findChild(QAction, "importFiles")
    assert action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    shown = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.waitUntil(lambda: not dialog.progress.isVisible(), timeout=20_000)
    return dialog


def test_import_previews_then_stores_as_one_undoable_step(qtbot: Any, window: Any) -> None:
    dialog = _open(qtbot, window, FILES)
    text = dialog.text.toPlainText()
    assert text.startswith("SG13-2027-10: Meeting of ITU-T Study Group 13")
    assert "3.1.1.1 Slicing for industrial IoT" in text and "warnings (5):" in text
    assert dialog.status.text().startswith("Stores SG13-2027-10: 4 events, 5 deadlines")
    assert "SG13-2027-10" not in _codes(window)  # nothing stored while previewing
    assert dialog.import_button.isEnabled() and dialog.import_button.hasFocus()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "SG13-2027-10" in _codes(window))
    assert window.meeting.code == "SG13-2027-10"  # the window shows what was imported
    assert window.undo_action.text() == "&Undo import SG13-2027-10"
    window.undo_action.trigger()
    assert "SG13-2027-10" not in _codes(window)

    # the same letters over the meeting stored: nothing to change, nothing to press
    window.redo_action.trigger()
    again = _open(qtbot, window, FILES)
    assert "nothing to change" in again.status.text()
    assert not again.import_button.isEnabled()
    again.reject()


def test_a_bad_file_is_shown_in_the_dialog_and_stores_nothing(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "letter.txt"
    bad.write_text("Dear all, see you in Geneva.", "utf-8")
    before = _codes(window)
    dialog = _open(qtbot, window, [str(bad)])
    assert dialog.status.text().startswith("Nothing can be imported: letter.txt: ")
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    assert _codes(window) == before


def test_cancelling_the_file_question_opens_nothing(window: Any) -> None:
    window.open_paths = lambda _title, _filters: []
    assert window.import_files() is None


def _row(dialog: ImportDialog, label: str) -> Any:
    """The index of the review's row for the fact ``label`` (its Fact column)."""
    model = dialog.model
    found = [f for f in model.facts() if f.label == label or f.label.startswith(label)]
    assert len(found) == 1, [f.label for f in model.facts()]
    return model.index_of(found[0].key)


def _click(qtbot: Any, dialog: ImportDialog, label: str) -> Any:
    """Click the fact's row on its value, as a person picks a row."""
    index = _row(dialog, label)
    dialog.tree.scrollTo(index)
    rect = dialog.tree.visualRect(index.siblingAtColumn(VALUE))
    qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.model.fact_at(dialog.tree.currentIndex()).label.startswith(label)
    return index


def _planned(qtbot: Any, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog._planning is None and not dialog.progress.isVisible())
    qtbot.waitUntil(dialog.import_button.isEnabled)


def _edit_dialog(qtbot: Any, dialog: ImportDialog) -> QDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in dialog.findChildren(QDialog)))
    return next(d for d in dialog.findChildren(QDialog) if d.isVisible())


def _retype(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def test_the_review_corrects_a_letter_and_stores_what_was_reviewed(
    qtbot: Any, window: Any, qtmodeltester: Any
) -> None:
    dialog = _open(qtbot, window, FILES)
    qtmodeltester.check(dialog.model)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    tree = dialog.tree
    index = _row(dialog, "Submit contributions for which translation is requested")
    assert index.siblingAtColumn(WHERE).data() == (
        "sg13-collective-letter.txt: key deadlines, line 16"
    )
    assert _row(dialog, "Future Networks Workshop").siblingAtColumn(WHERE).data() == (
        "sg13-collective-letter.txt: line 10"
    )

    # Space on a deadline's row unticks it: left out, and the preview says so
    index = _click(qtbot, dialog, "Request interactive remote participation")
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert not dialog.import_button.isEnabled()  # until the plan is back
    _planned(qtbot, dialog)
    assert _row(dialog, "Request interactive remote").data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked.value
    )
    assert dialog.status.text().startswith("Stores SG13-2027-10: 4 events, 4 deadlines")
    assert tree.currentIndex().siblingAtColumn(0) == _row(dialog, "Request interactive remote")

    # Delete leaves out an event
    _click(qtbot, dialog, "Future Networks Workshop")
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    _planned(qtbot, dialog)
    assert dialog.status.text().startswith("Stores SG13-2027-10: 3 events, 4 deadlines")

    # F2 corrects a due date, read back as it is typed; an unreadable one is not taken
    _click(qtbot, dialog, "Submit contributions for which translation is requested")
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    edit = _edit_dialog(qtbot, dialog)
    due = edit.findChild(QLineEdit, "correctionDue")
    reading = edit.findChild(QLabel, "correctionReading")
    ok = edit.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert due.text() == "6 August 2027" and ok.isEnabled()
    _retype(qtbot, due, "sometime in March")
    assert reading.text().startswith("Not understood: not a date, time or rule")
    assert not ok.isEnabled()
    _retype(qtbot, due, "13 March 2026")
    assert reading.text() == "Understood as: Fri 13 March 2026 (end of the day)"
    qtbot.keyClick(due, Qt.Key.Key_Return)
    _planned(qtbot, dialog)
    corrected = _row(dialog, "Submit contributions for which translation")
    assert corrected.siblingAtColumn(VALUE).data() == "Fri 13 March 2026, end of day (23:59 EAT)"
    assert "The letter gave due date: Fri 6 August 2027" in corrected.siblingAtColumn(VALUE).data(
        Qt.ItemDataRole.ToolTipRole
    )

    # Ins adds a deadline the letter gives and the reader missed
    qtbot.keyClick(tree, Qt.Key.Key_Insert)
    add = _edit_dialog(qtbot, dialog)
    qtbot.keyClicks(add.findChild(QLineEdit, "correctionTitle"), "Request a visa letter")
    qtbot.keyClicks(add.findChild(QLineEdit, "correctionDue"), "six weeks before")
    qtbot.keyClick(add.findChild(QLineEdit, "correctionDue"), Qt.Key.Key_Return)
    _planned(qtbot, dialog)
    added = _row(dialog, "Request a visa letter")
    assert added.data() == "Request a visa letter (added by you)"
    assert tree.currentIndex().siblingAtColumn(0) == added  # the cursor goes to it
    assert dialog.status.text().startswith("Stores SG13-2027-10: 3 events, 5 deadlines")
    qtmodeltester.check(dialog.model)
    assert "your corrections (4):" in dialog.text.toPlainText()
    assert "SG13-2027-10" not in _codes(window)

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "SG13-2027-10" in _codes(window))
    with window.store.read() as connection:
        meeting = queries.meeting(connection, "SG13-2027-10", date(2027, 1, 1))
        deadlines = {d.title: d for d in queries.deadlines(connection, meeting.id)}
        events = sorted(e.title for e in queries.events(connection, meeting.id))
    assert sorted(deadlines) == [
        "Pre-register for the meeting",
        "Request a visa letter",
        "Return the Annex 2 reply form of TSB Circular 241 (2 draft Recommendations)",
        "Submit ITU-T Member contributions",
        "Submit contributions for which translation is requested",
    ]
    assert deadlines["Submit contributions for which translation is requested"].due_date == (
        date(2026, 3, 13)
    )
    assert deadlines["Request a visa letter"].rule_date == date(2027, 8, 25)
    assert events == [
        "SG13 Newcomers session",
        "SG13 opening plenary",
        "SG13 participant registration opens",
    ]
    assert window.undo_action.text() == "&Undo import SG13-2027-10"

    # the same letters again: the review as it was left, nothing to store
    again = _open(qtbot, window, FILES)
    assert "nothing to change" in again.status.text()
    assert not again.import_button.isEnabled()
    assert _row(again, "Future Networks Workshop").data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked.value
    )
    assert _row(again, "Request a visa letter").isValid()
    again.reject()

    window.undo_action.trigger()  # the meeting and the corrections go together
    assert "SG13-2027-10" not in _codes(window)
    with window.store.read() as connection:
        assert preferences.setting(connection, "import.corrections.SG13-2027-10") is None


def test_every_control_of_the_review_is_named_and_reachable_by_a_mnemonic(
    qtbot: Any, window: Any
) -> None:
    dialog = _open(qtbot, window, FILES)
    for widget in (dialog.tree, dialog.warnings, dialog.text, dialog.tabs, dialog.import_button):
        assert widget.accessibleName() or widget.text(), widget  # type: ignore[attr-defined]
    for button in dialog.findChildren(QPushButton):
        assert button.accessibleName() or "&" in button.text(), button.text()
        if button.text() != "Cancel" and button.text() != "&Cancel":
            assert "&" in button.text(), button.text()
    for label in dialog.findChildren(QLabel):
        if label.buddy() is not None:
            assert "&" in label.text()
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["&Review", "&Details"]
    dialog.reject()


def test_a_meeting_file_is_reviewed_but_not_corrected(
    qtbot: Any, window: Any, tmp_path: Path, qtmodeltester: Any
) -> None:
    from sg20desk.exchange.builtin import builtin_text

    target = tmp_path / "meeting.json"
    target.write_text(builtin_text(), "utf-8")  # a meeting file, as sg20desk writes them
    dialog = _open(qtbot, window, [str(target)])
    qtmodeltester.check(dialog.model)
    assert "Only letters are corrected" in dialog.findChild(QLabel, "reviewHint").text()
    assert not any(f.can_leave_out or f.can_edit for f in dialog.model.facts())
    assert not dialog.add_action.isEnabled()
    dialog.reject()


def test_a_double_click_corrects_the_meetings_place_and_a_fact_is_taken_in_again(
    qtbot: Any, window: Any
) -> None:
    dialog = _open(qtbot, window, FILES)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    # Enter on a row corrects it; it never presses Import
    _click(qtbot, dialog, "ITU-T Y.3001")  # a draft: nothing to correct here
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    assert dialog.isVisible() and "SG13-2027-10" not in _codes(window)
    _click(qtbot, dialog, "Submit ITU-T Member contributions")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    edit = _edit_dialog(qtbot, dialog)
    assert edit.windowTitle() == "Correct deadline"
    edit.reject()
    qtbot.waitUntil(lambda: not edit.isVisible())
    assert "SG13-2027-10" not in _codes(window)

    index = _row(dialog, "Place")
    rect = dialog.tree.visualRect(index.siblingAtColumn(VALUE))
    # a double click, as the window system gives it: a click, then the second press
    qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    edit = _edit_dialog(qtbot, dialog)
    assert edit.findChild(QLabel, "correctionLetter").text() == (
        "The letter gives Nairobi, Kenya (sg13-collective-letter.txt)"
    )
    place = edit.findChild(QLineEdit, "correctionMeeting")
    _retype(qtbot, place, "Kenyatta International Convention Centre, Nairobi")
    qtbot.keyClick(place, Qt.Key.Key_Return)
    _planned(qtbot, dialog)
    assert _row(dialog, "Place").siblingAtColumn(VALUE).data() == (
        "Kenyatta International Convention Centre, Nairobi"
    )

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _click(qtbot, dialog, "SG13 opening plenary")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    _planned(qtbot, dialog)
    assert dialog.status.text().startswith("Stores SG13-2027-10: 3 events")
    take_in = dialog.findChild(QPushButton, "takeInFactButton")
    assert take_in.isEnabled()
    qtbot.mouseClick(take_in, Qt.MouseButton.LeftButton)
    _planned(qtbot, dialog)
    assert dialog.status.text().startswith("Stores SG13-2027-10: 4 events")

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "SG13-2027-10" in _codes(window))
    with window.store.read() as connection:
        meeting = queries.meeting(connection, "SG13-2027-10", date(2027, 1, 1))
    assert meeting.place == "Kenyatta International Convention Centre, Nairobi"
    assert meeting.timezone == "Africa/Nairobi"
