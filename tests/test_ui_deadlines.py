"""The Deadlines section in the real window: filter, add, mark done, edit, delete, undo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from sg20desk.actions import queries
from sg20desk.db.store import Store
from sg20desk.ui.models.deadlines_model import HOME, LEFT, TITLE
from sg20desk.ui.sections.deadlines import DeadlineForm, DeadlinesSection, understood

CTRL = Qt.KeyboardModifier.ControlModifier


def stored(store: Store) -> dict[str, queries.DeadlineRow]:
    with store.read() as c:
        meeting = queries.meeting(c, "SG20-2026-05", None)
        return {r.title: r for r in queries.deadlines(c, meeting.id)}


@pytest.fixture
def section(window: Any) -> DeadlinesSection:
    window.show_section(3)
    section: DeadlinesSection = window.deadlines
    section.view.setFocus()
    return section


def titles(section: DeadlinesSection) -> list[str]:
    model = section.model
    return [model.index(r, TITLE).data() for r in range(model.rowCount())]


def pick(section: DeadlinesSection, *words: str) -> None:
    rows = [
        r for r in range(section.model.rowCount()) if all(w in titles(section)[r] for w in words)
    ]
    assert len(rows) == 1, rows
    section.select([section.model.row_at(rows[0]).id])


def test_filter_by_status_and_text(qtbot: Any, section: DeadlinesSection) -> None:
    assert len(titles(section)) == 8
    qtbot.keyClick(section.view, Qt.Key.Key_F, CTRL)
    assert section.text_filter.hasFocus()
    qtbot.keyClicks(section.text_filter, "REGISTRATION form")
    assert titles(section) == [
        "Pre-registration (via the online registration form on the study group homepage)",
        "Submit requests for visa support letters (via the online registration form; "
        "see details in Annex A)",
    ]
    assert "2 of 8 deadlines listed" in section.legend.text()
    section.text_filter.clear()
    section.status_filter.setCurrentIndex(section.status_filter.findText("Done"))
    assert titles(section) == []


def test_mark_done_from_the_keyboard_and_undo(
    qtbot: Any, window: Any, section: DeadlinesSection, store: Store
) -> None:
    pick(section, "Submit the form in Annex 2")
    qtbot.keyClick(section.view, Qt.Key.Key_D, CTRL)
    annex = next(t for t in stored(store) if t.startswith("Submit the form in Annex 2"))
    assert stored(store)[annex].status == "done"
    # the default filter shows open deadlines: the done one leaves the list
    assert not any(t.startswith("Submit the form in Annex 2") for t in titles(section))
    assert window.undo_action.text().startswith("&Undo mark done Submit the form in Annex 2")
    window.undo_action.trigger()
    assert stored(store)[annex].status == "open"
    assert any(t.startswith("Submit the form in Annex 2") for t in titles(section))


def test_add_a_deadline_typed_as_a_letter_writes_it(
    qtbot: Any, window: Any, section: DeadlinesSection, store: Store
) -> None:
    answers = iter(
        [
            DeadlineForm("Send comments to Q4/20", "04/05/2026", ""),  # refused: ambiguous
            DeadlineForm("Send comments to Q4/20", "2359 hours UTC on 4 May 2026", "via e-mail"),
        ]
    )
    asked: list[DeadlineForm] = []

    def ask(_title: str, proposed: DeadlineForm, zone: str) -> DeadlineForm | None:
        asked.append(proposed)
        assert zone == "Europe/Zurich"
        return next(answers)

    section.ask = ask
    warnings: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
        qtbot.keyClick(section.view, Qt.Key.Key_Insert)
    assert warnings and "could be 4 May or 5 April 2026" in warnings[0]
    assert asked[1].due == "04/05/2026", "what was typed is offered again to correct"
    row = stored(store)["Send comments to Q4/20"]
    assert row.notes == "via e-mail"
    shown = next(r for r in range(section.model.rowCount()) if titles(section)[r] == row.title)
    # 23:59 UTC on 4 May is 01:59 on 5 May in Geneva, zone named
    assert section.model.index(shown, HOME).data() == "Tue 5 May 2026 01:59 CEST"
    assert section.model.index(shown, LEFT).data() == "7 d left"
    assert section.selected_ids() == []  # nothing was selected before
    window.undo_action.trigger()
    assert "Send comments to Q4/20" not in stored(store)


def test_edit_and_delete(qtbot: Any, window: Any, section: DeadlinesSection, store: Store) -> None:
    pick(section, "fellowship")
    fellowship = section.selected_ids()[0]
    section.ask = lambda _t, p, _z: DeadlineForm(p.title, "7 April 2026", "extended by TSB")
    qtbot.keyClick(section.view, Qt.Key.Key_F2)
    row = next(r for r in stored(store).values() if r.id == fellowship)
    assert row.source_text == "7 April 2026" and row.notes == "extended by TSB"
    assert section.selected_ids() == [fellowship], "the edited deadline stays selected"
    section.confirm = lambda _q: True
    qtbot.keyClick(section.view, Qt.Key.Key_Delete)
    assert all(r.id != fellowship for r in stored(store).values())
    window.undo_action.trigger()
    assert any(r.id == fellowship for r in stored(store).values())


@pytest.mark.parametrize(
    ("text", "ok", "shown"),
    [
        ("six weeks before", True, "Understood as: 6 weeks before the meeting"),
        ("2359 hours UTC on 30 April 2026", True, "Understood as: Thu 30 April 2026 23:59 UTC"),
        ("04/05/2026", False, "Not understood: 04/05/2026 could be 4 May or 5 April 2026"),
        ("", False, "Type the due date"),
    ],
)
def test_the_dialog_reads_the_due_date_back(text: str, ok: bool, shown: str) -> None:
    readable, message = understood(text, "Europe/Zurich")
    assert readable is ok and message.startswith(shown)


def test_a_deadline_without_a_title_is_refused_and_asked_again(
    qtbot: Any, section: DeadlinesSection, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    answers = iter(
        [
            DeadlineForm("  ", "13 March 2026", ""),  # refused as the action is made
            DeadlineForm("Book the hotel", "13 March 2026", ""),
        ]
    )
    section.ask = lambda _title, _proposed, _zone: next(answers)
    qtbot.keyClick(section.view, Qt.Key.Key_Insert)
    assert warnings == ["Deadline: say what is due, such as Submit contributions"]
    assert "Book the hotel" in stored(store)
