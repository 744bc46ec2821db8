"""The dialog for a meeting's code, group, title, place, zone and dates."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from sg20desk.actions.meetings import MeetingFields
from sg20desk.ui.sections.common import name, ok_cancel

#: asks for a meeting: (dialog title, proposed) -> the answer, or None when cancelled
AskMeeting = Callable[[str, MeetingFields], MeetingFields | None]


def zone_box(current: str, parent: QWidget) -> QComboBox:
    """An editable list of IANA zones that completes what is typed (Asia/To… → Asia/Tokyo)."""
    box = QComboBox(parent)
    box.setEditable(True)
    box.addItems(sorted(available_timezones()))
    box.setCurrentText(current)
    completer = QCompleter(box.model(), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    box.setCompleter(completer)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return box


def ask_meeting(parent: QWidget, title: str, proposed: MeetingFields) -> MeetingFields | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(520)
    form = QFormLayout(dialog)
    code = QLineEdit(proposed.code, dialog)
    code.setPlaceholderText("SG20-RG-2026-03")
    name(code, "meetingCode", "Meeting code")
    group = QLineEdit(proposed.group, dialog)
    heading = QLineEdit(proposed.title, dialog)
    place = QLineEdit(proposed.place, dialog)
    zone = zone_box(proposed.timezone, dialog)
    name(zone, "meetingZone", "Time zone of the meeting")
    first = QDateEdit(QDate(proposed.first_day), dialog)
    last = QDateEdit(QDate(proposed.last_day), dialog)
    for edit in (first, last):
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("ddd d MMMM yyyy")
    opening = QTimeEdit(QTime(proposed.opening_time) if proposed.opening_time else QTime(9, 30))
    no_time = QCheckBox("Opening time not known", dialog)
    no_time.setChecked(proposed.opening_time is None)
    opening.setEnabled(proposed.opening_time is not None)
    no_time.toggled.connect(lambda on: opening.setEnabled(not on))
    for label, widget in (
        ("&Code:", code),
        ("&Group:", group),
        ("&Title:", heading),
        ("&Place:", place),
        ("Time &zone:", zone),
        ("&First day:", first),
        ("&Last day:", last),
        ("&Opens at:", opening),
    ):
        form.addRow(label, widget)
    form.addRow("", no_time)
    buttons = ok_cancel(dialog)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return MeetingFields(
        code.text(),
        group.text(),
        heading.text(),
        place.text(),
        zone.currentText(),
        first.date().toPython(),  # type: ignore[arg-type]
        last.date().toPython(),  # type: ignore[arg-type]
        None if no_time.isChecked() else opening.time().toPython(),  # type: ignore[arg-type]
    )
