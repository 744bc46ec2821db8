"""File › Import...: read off the window's thread, previewed in full, stored on Import as
one step that Undo takes back; a bad file is shown in the dialog and stores nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from sg20desk.actions import queries
from sg20desk.ui.import_dialog import ImportDialog

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
