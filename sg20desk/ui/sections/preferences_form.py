"""Preferences: the zone times are shown in beside the meeting's, and reminder offsets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from sg20desk.rules.reminders import OffsetError, parse_offsets
from sg20desk.rules.timezones import UnknownZoneError, zone
from sg20desk.ui.sections.common import name, ok_cancel, plain_label
from sg20desk.ui.sections.meeting_form import zone_box


@dataclass(frozen=True, slots=True)
class PreferencesForm:
    zone: str | None  # None: follow the system's zone
    reminders: str  # "7d, 1d"
    paper: str = "A4"  # or "Letter": the paper reports are laid out on


AskPreferences = Callable[[PreferencesForm, str], PreferencesForm | None]


def problem(answer: PreferencesForm) -> str:
    """What is wrong with the answer, or an empty string."""
    try:
        if answer.zone is not None:
            zone(answer.zone)
        parse_offsets(answer.reminders)
    except UnknownZoneError as exc:
        return f"Your zone: {exc}"
    except OffsetError as exc:
        return str(exc)
    return ""


def ask_preferences(
    parent: QWidget, proposed: PreferencesForm, system: str
) -> PreferencesForm | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Preferences")
    dialog.setMinimumWidth(480)
    form = QFormLayout(dialog)
    follow = QCheckBox(f"Use this computer's zone ({system})", dialog)
    follow.setChecked(proposed.zone is None)
    box = zone_box(proposed.zone or system, dialog)
    name(box, "userZone", "Your time zone")
    box.setEnabled(proposed.zone is not None)
    follow.toggled.connect(lambda on: box.setEnabled(not on))
    reminders = QLineEdit(proposed.reminders, dialog)
    reminders.setPlaceholderText("7d, 1d")
    name(reminders, "reminderOffsets", "Remind before each deadline")
    paper = QComboBox(dialog)
    paper.addItems(["A4", "Letter"])
    paper.setCurrentText(proposed.paper)
    name(paper, "paperSize", "Paper size for printed reports")
    note = plain_label("", dialog)
    form.addRow("Your &zone:", follow)
    form.addRow("", box)
    form.addRow("&Remind before:", reminders)
    form.addRow("", plain_label("Offsets such as 7d, 1d or 1d 12h, 2h; empty for none.", dialog))
    form.addRow("&Paper:", paper)
    form.addRow("", note)

    def answer() -> PreferencesForm:
        chosen = None if follow.isChecked() else box.currentText().strip()
        return PreferencesForm(chosen, reminders.text(), paper.currentText())

    def accept() -> None:
        wrong = problem(answer())
        note.setText(wrong)
        if not wrong:
            dialog.accept()

    form.addRow(ok_cancel(dialog, accept))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return answer()
