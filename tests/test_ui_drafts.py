"""The Drafts section in the real window: record replies received and your own, move a
draft through its procedure, filter, add and delete, each checked in the store and undone."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from sg20desk.actions import drafts as dr
from sg20desk.actions import queries
from sg20desk.actions.drafts import DraftFields, Profile
from sg20desk.db.store import Store
from sg20desk.rules.procedures import ReplyChoice, Stage
from sg20desk.ui.models.drafts_model import COUNTED, MEMBER_STATE, OUTCOME, YOUR_REPLY
from sg20desk.ui.sections.draft_forms import ReplyForm, StageForm
from sg20desk.ui.sections.drafts import DraftsSection
from tests.conftest import NOW

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def stored(store: Store) -> dict[str, dr.Standing]:
    with store.read() as c:
        meeting = queries.meeting(c, "SG20-2026-05", None)
        return {s.draft.designation: s for s in dr.standings(c, meeting.id, NOW.date())}


@pytest.fixture
def section(window: Any) -> DraftsSection:
    window.show_section(2)
    section: DraftsSection = window.drafts
    section.view.setFocus()
    return section


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    return shown


def pick(section: DraftsSection, designation: str) -> uuid.UUID:
    row = next(
        section.model.row_at(r)
        for r in range(section.model.rowCount())
        if section.model.row_at(r).draft.designation == designation
    )
    section.select([row.id])
    return row.id


def click(qtbot: Any, section: DraftsSection, number: int) -> None:
    """Click a reply box on its round indicator, where a person clicks it."""
    button = section.choices.button(number)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


OPEN = len(ReplyChoice)


def number(choice: ReplyChoice) -> int:
    return list(ReplyChoice).index(choice)


def shown_row(section: DraftsSection, designation: str) -> int:
    return next(
        r
        for r in range(section.model.rowCount())
        if section.model.row_at(r).draft.designation == designation
    )


def test_record_a_reply_received_then_a_late_one_and_undo(
    qtbot: Any, window: Any, section: DraftsSection, store: Store
) -> None:
    pick(section, "ITU-T Y.4241")
    answers = iter(
        [
            ReplyForm("kenya", ReplyChoice.DOES_NOT_ASSIGN, NOW, "Scope too wide"),
            ReplyForm("Mali", ReplyChoice.ASSIGNS, datetime(2026, 5, 1, 6, 0, tzinfo=UTC), ""),
        ]
    )
    section.ask_reply = lambda _row, _proposed: next(answers)
    qtbot.keyClick(section.view, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.keyClick(section.view, Qt.Key.Key_R, CTRL | SHIFT)
    found = stored(store)["ITU-T Y.4241"]
    assert [(r.member_state, r.assigns, r.note) for r in found.received] == [
        ("Kenya", False, "Scope too wide"),
        ("Mali", True, ""),
    ]
    # what the user sees: the replies tab, Mali's reply kept but not counted, the outcome
    assert section.tabs.currentIndex() == 2
    replies = section.replies_model
    assert [replies.index(r, MEMBER_STATE).data() for r in range(2)] == ["Kenya", "Mali"]
    assert replies.index(1, COUNTED).data() == "no: after the close"
    assert section.tally_line.text().startswith(
        "0 of 1 in favour (0 %); 1 late, not counted: may not be considered."
    )
    row = shown_row(section, "ITU-T Y.4241")
    assert section.model.index(row, OUTCOME).data() == "may not be considered"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert stored(store)["ITU-T Y.4241"].received == ()


def test_your_reply_asks_for_the_profile_first_then_is_recorded_with_its_note(
    qtbot: Any, window: Any, section: DraftsSection, store: Store
) -> None:
    pick(section, "ITU-T Y.4242")
    section.tabs.setCurrentIndex(1)
    asked: list[Profile] = []

    def ask_profile(proposed: Profile) -> Profile:
        asked.append(proposed)
        return Profile(name="Ana Silva", role="Director", member_state="switzerland")

    section.ask_profile = ask_profile
    click(qtbot, section, number(ReplyChoice.DOES_NOT_ASSIGN))
    assert asked == [Profile()]  # no Member State yet: the profile was asked for
    assert "Administration of Switzerland" in section.replying_as.text()
    mine = stored(store)["ITU-T Y.4242"]
    assert mine.own_choice is ReplyChoice.DOES_NOT_ASSIGN
    assert mine.own is not None and mine.own.member_state == "Switzerland"
    assert section.model.index(shown_row(section, "ITU-T Y.4242"), YOUR_REPLY).data() == (
        "Does not assign authority, reasons attached"
    )
    # a note typed and saved with the button
    section.note.setFocus()
    qtbot.keyClicks(section.note, "Clause 8 conflicts with Y.4200")
    assert section.save_note.isEnabled()
    qtbot.mouseClick(section.save_note, Qt.MouseButton.LeftButton)
    assert stored(store)["ITU-T Y.4242"].own.note == "Clause 8 conflicts with Y.4200"  # type: ignore[union-attr]
    # a note typed and not saved is kept when another draft is selected
    qtbot.keyClicks(section.note, "; and clause 9")
    pick(section, "ITU-T Y.4243")
    note = stored(store)["ITU-T Y.4242"].own.note  # type: ignore[union-attr]
    assert note == "Clause 8 conflicts with Y.4200; and clause 9"
    # back to open: the reply is withdrawn, and undo brings it back
    pick(section, "ITU-T Y.4242")
    click(qtbot, section, OPEN)
    assert stored(store)["ITU-T Y.4242"].own is None
    assert (
        section.model.index(shown_row(section, "ITU-T Y.4242"), YOUR_REPLY).data()
        == "open, 3 d 11 h left"
    )
    window.undo_action.trigger()
    assert stored(store)["ITU-T Y.4242"].own_choice is ReplyChoice.DOES_NOT_ASSIGN


def test_without_a_profile_no_reply_is_recorded(
    qtbot: Any, section: DraftsSection, store: Store
) -> None:
    pick(section, "ITU-T Y.4242")
    section.ask_profile = lambda _proposed: None  # the user cancels the profile
    section.tabs.setCurrentIndex(1)
    click(qtbot, section, number(ReplyChoice.ASSIGNS))
    assert stored(store)["ITU-T Y.4242"].own is None
    assert section.choices.checkedId() == OPEN  # shown as open again


def test_move_a_draft_through_its_procedure_and_a_refused_move(
    qtbot: Any, window: Any, section: DraftsSection, store: Store, warnings: list[str]
) -> None:
    pick(section, "ITU-T Y.4420")
    offered: list[tuple[Stage, ...]] = []

    def ask_stage(_row: dr.Standing, allowed: tuple[Stage, ...]) -> StageForm:
        offered.append(tuple(allowed))
        return StageForm("consultation_closed", date(2026, 5, 1), "")

    section.ask_stage = ask_stage
    qtbot.keyClick(section.view, Qt.Key.Key_M, CTRL)
    assert offered == [(Stage.CONSULTATION_CLOSED,)]
    assert stored(store)["ITU-T Y.4420"].draft.stage == "consultation_closed"
    assert "Consultation closed" in section.summary.toPlainText()
    # a move the procedure does not allow is refused with the reason, and changes nothing
    section.ask_stage = lambda _row, _allowed: StageForm("published", date(2026, 5, 21), "")
    qtbot.keyClick(section.view, Qt.Key.Key_M, CTRL)
    assert warnings and "cannot move to Published; it can move to Approved" in warnings[0]
    assert stored(store)["ITU-T Y.4420"].draft.stage == "consultation_closed"
    window.undo_action.trigger()
    assert stored(store)["ITU-T Y.4420"].draft.stage == "consultation_open"


def test_filter_by_stage_and_text(
    qtbot: Any, window: Any, section: DraftsSection, store: Store
) -> None:
    assert section.model.rowCount() == 10
    qtbot.keyClick(section.view, Qt.Key.Key_F, CTRL)
    assert section.text_filter.hasFocus()
    qtbot.keyClicks(section.text_filter, "lifts")
    shown = [section.model.row_at(r).draft.designation for r in range(section.model.rowCount())]
    assert shown == ["ITU-T Y.4420"]
    assert section.legend.text().startswith("1 of 10 drafts listed")
    section.text_filter.clear()
    section.stage_filter.setCurrentIndex(section.stage_filter.findText("Approved"))
    assert section.model.rowCount() == 0


def test_add_a_draft_correcting_a_bad_designation_then_delete_and_undo(
    qtbot: Any, window: Any, section: DraftsSection, store: Store, warnings: list[str]
) -> None:
    answers = iter(
        [
            DraftFields("4999", "Digital twins of ports"),  # refused: no series letter
            DraftFields("Y.4999", "Digital twins of ports", former_name="Y.dt-port"),
        ]
    )
    asked: list[DraftFields] = []

    def ask(_title: str, proposed: DraftFields) -> DraftFields:
        asked.append(proposed)
        return next(answers)

    section.ask_draft = ask
    qtbot.keyClick(section.view, Qt.Key.Key_Insert)
    assert warnings and "Designation: '4999' is not a Recommendation designation" in warnings[0]
    assert asked[1].designation == "4999", "what was typed is offered again to correct"
    assert stored(store)["ITU-T Y.4999"].draft.former_name == "Y.dt-port"
    assert section.model.rowCount() == 11
    pick(section, "ITU-T Y.4999")
    section.confirm = lambda _question: True
    qtbot.keyClick(section.view, Qt.Key.Key_Delete)
    assert "ITU-T Y.4999" not in stored(store)
    window.undo_action.trigger()
    assert "ITU-T Y.4999" in stored(store)


def test_the_timeline_names_the_zone_and_marks_what_is_next(section: DraftsSection) -> None:
    pick(section, "ITU-T Y.4241")
    text = section.summary.toPlainText()
    assert "Timeline (TAP); days and times in Geneva (Europe/Zurich)" in text
    assert "→\nConsultation closes" in text  # the next date is marked
    assert "Fri 1 May 2026 01:59 CEST" in text
    assert "Result circular by" in text and "Thu 18 June 2026" in text
    assert "Replies are due by Fri 1 May 2026 01:59 CEST" in section.countdown.text()


def test_editing_without_a_change_closes_the_dialog_and_records_nothing(
    qtbot: Any, window: Any, section: DraftsSection
) -> None:
    pick(section, "ITU-T Y.4420")
    asked: list[DraftFields] = []

    def ask(_title: str, proposed: DraftFields) -> DraftFields:
        asked.append(proposed)
        return proposed  # OK pressed on the form as it was offered

    section.ask_draft = ask
    qtbot.keyClick(section.view, Qt.Key.Key_F2)
    assert len(asked) == 1, "the form is not offered again"
    assert asked[0].title.startswith("Framework of Internet of things-based monitoring")
    assert not window.undo_action.isEnabled()
