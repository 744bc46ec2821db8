"""The Timetable tab of the Agenda section: each session with its items and warnings,
and the dialog that adds a session or changes its times.

Signals:
    itemChosen(str): the id of an agenda item the user activated (to select it in the tree).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from sg20desk.actions.agenda_rows import AgendaRow
from sg20desk.actions.timetable import SESSION_KINDS, Plan
from sg20desk.db.schema import EventKind
from sg20desk.rules.timezones import format_weekday_clock
from sg20desk.ui.models.agenda_model import LATE
from sg20desk.ui.models.base import ID_ROLE
from sg20desk.ui.sections.common import name, ok_cancel

KIND_NAMES = {
    EventKind.PLENARY: "Plenary",
    EventKind.WORKING_PARTY: "Working party",
    EventKind.E_MEETING: "E-meeting",
    EventKind.OTHER: "Other",
}


class TimetablePanel(QTreeWidget):
    itemChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels(["Starts", "No.", "Item", "Min."])
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        name(self, "timetable", "Timetable", "Each session's items with their start times")
        self._shown: list[object] | None = None  # what the tree shows now
        self.itemActivated.connect(self._on_activated)

    def show_plans(
        self, plans: Sequence[Plan], rows: Mapping[uuid.UUID, AgendaRow], zone: str
    ) -> None:
        shown: list[object] = [zone, *plans, *(rows.get(s.key) for p in plans for s in p.slots)]
        if shown == self._shown:  # most steps change nothing here: keep the tree as it is
            return
        self._shown = shown
        self.clear()
        late = QBrush(LATE)
        planned = [plan for plan in plans if plan.slots]
        if not planned:
            hint = "No item is in a session yet: choose items, then Agenda › Assign to session"
            self.addTopLevelItem(QTreeWidgetItem(["", "", f"{hint} (Alt+Shift+S).", ""]))
        for plan in planned:
            session = plan.session
            free = plan.free
            if plan.overrun:
                summary = f"{plan.minutes} min planned, {plan.overrun} over"
            elif free is not None:
                summary = f"{plan.minutes} min planned, {free} free"
            else:
                summary = f"{plan.minutes} min planned"
            heading = QTreeWidgetItem([_clock(session.starts, zone), "", session.title, summary])
            font = heading.font(2)
            font.setBold(True)
            heading.setFont(2, font)
            for warning in plan.warnings:
                line = QTreeWidgetItem(["", "", f"⚠ {warning}", ""])
                line.setForeground(2, late)
                heading.addChild(line)
            for slot in plan.slots:
                row = rows.get(slot.key)
                if row is None:
                    continue
                child = QTreeWidgetItem(
                    [
                        _clock(slot.start, zone),
                        row.label,
                        ("    " * (slot.within is not None)) + row.title,
                        "" if slot.minutes is None else str(slot.minutes),
                    ]
                )
                child.setData(0, ID_ROLE, str(slot.key))
                if slot.overruns:
                    for column in range(4):
                        child.setForeground(column, late)
                    child.setToolTip(0, "Planned past the session's end")
                heading.addChild(child)
            self.addTopLevelItem(heading)
        self.expandAll()
        for column in (0, 1, 3):
            self.resizeColumnToContents(column)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, ID_ROLE)
        if key:
            self.itemChosen.emit(str(key))


def _clock(moment: datetime | None, zone: str) -> str:
    return "" if moment is None else format_weekday_clock(moment, zone)


@dataclass(frozen=True, slots=True)
class SessionForm:
    """What the session dialog asks for, in the meeting's zone."""

    title: str
    kind: EventKind
    day: date
    starts: time
    ends: time | None


#: asks for a session's details: (dialog title, proposed) -> the answer, or None
AskSession = Callable[[str, SessionForm, bool], SessionForm | None]


def ask_session(
    parent: QWidget, title: str, proposed: SessionForm, new: bool
) -> SessionForm | None:
    """A dialog for a session's title, kind (when new), day and times."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    form = QFormLayout(dialog)
    heading = QLineEdit(proposed.title, dialog)
    name(heading, "sessionTitle", "Session title")
    kind = QComboBox(dialog)
    for value in SESSION_KINDS:
        kind.addItem(KIND_NAMES[value], value.value)
    kind.setCurrentIndex(max(kind.findData(proposed.kind.value), 0))
    day = QDateEdit(QDate(proposed.day), dialog)
    day.setCalendarPopup(True)
    starts = QTimeEdit(QTime(proposed.starts), dialog)
    ends = QTimeEdit(QTime(proposed.ends or proposed.starts), dialog)
    open_ended = QCheckBox("No end time", dialog)
    open_ended.setChecked(proposed.ends is None)
    ends.setEnabled(proposed.ends is not None)
    open_ended.toggled.connect(lambda on: ends.setEnabled(not on))
    for label, widget in (("&Title:", heading), ("&Kind:", kind), ("&Day:", day)):
        if widget is kind and not new:
            continue
        form.addRow(label, widget)
    form.addRow("&From:", starts)
    form.addRow("&To:", ends)
    form.addRow("", open_ended)
    buttons = ok_cancel(dialog)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return SessionForm(
        heading.text(),
        EventKind(kind.currentData()),
        day.date().toPython(),  # type: ignore[arg-type]
        starts.time().toPython(),  # type: ignore[arg-type]
        None if open_ended.isChecked() else ends.time().toPython(),  # type: ignore[arg-type]
    )
