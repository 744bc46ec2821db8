"""Schedule section: the meeting's events by day, with the user's plan for each.

Choose in person, remote or not attending for the selected events; a remote choice adds
the deadline to request remote participation. Overlapping events the user attends are
marked as conflicts. Appointments of the user's own can be added and deleted. Every
change is undoable through the window's history.

Signals:
    deadlineRequested(str): the id of a deadline to show (the registration deadline).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QDate, QItemSelectionModel, QTime, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTimeEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions import attendance as ops
from sg20desk.actions.history import History
from sg20desk.actions.queries import DeadlineRow, EventRow
from sg20desk.db.schema import AttendanceMode, EventKind
from sg20desk.rules.timezones import format_due, format_short_date, in_zone
from sg20desk.ui.models.schedule_model import MINE, TITLE, ScheduleModel
from sg20desk.ui.sections.common import (
    ask_until_done,
    bar_action,
    context_menu_from,
    do_step,
    heading,
    name,
    ok_cancel,
    plain_label,
    tree,
)


@dataclass(frozen=True, slots=True)
class AppointmentForm:
    title: str
    day: date
    starts: time
    ends: time
    place: str


AskAppointment = Callable[[AppointmentForm], AppointmentForm | None]


def ask_appointment(parent: QWidget, proposed: AppointmentForm) -> AppointmentForm | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Add appointment")
    form = QFormLayout(dialog)
    title = QLineEdit(proposed.title, dialog)
    name(title, "appointmentTitle", "Appointment")
    day = QDateEdit(QDate(proposed.day), dialog)
    day.setCalendarPopup(True)
    starts = QTimeEdit(QTime(proposed.starts), dialog)
    ends = QTimeEdit(QTime(proposed.ends), dialog)
    place = QLineEdit(proposed.place, dialog)
    for label, widget in (
        ("&What:", title),
        ("&Day:", day),
        ("&From:", starts),
        ("&To:", ends),
        ("&Where:", place),
    ):
        form.addRow(label, widget)
    buttons = ok_cancel(dialog)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return AppointmentForm(
        title.text(),
        day.date().toPython(),  # type: ignore[arg-type]
        starts.time().toPython(),  # type: ignore[arg-type]
        ends.time().toPython(),  # type: ignore[arg-type]
        place.text(),
    )


class ScheduleSection(QWidget):
    deadlineRequested = Signal(str)

    def __init__(self, history: History, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.meeting_id: uuid.UUID | None = None
        self.first_day = date.today()
        self.ask: AskAppointment = lambda proposed: ask_appointment(self, proposed)
        self._registration: DeadlineRow | None = None
        self.model = ScheduleModel(self)
        self.view = tree(self)
        self.view.setSelectionMode(self.view.SelectionMode.ExtendedSelection)
        self.view.setModel(self.model)
        name(self.view, "scheduleView", "Schedule", "Sessions and side events by day")
        self.bar = QToolBar("Schedule", self)
        self.in_person = bar_action(
            self.bar,
            "In &person",
            "Ctrl+Alt+P",
            lambda: self.plan(AttendanceMode.IN_PERSON),
            "attendInPerson",
        )
        self.remote = bar_action(
            self.bar,
            "&Remote",
            "Ctrl+Alt+R",
            lambda: self.plan(AttendanceMode.REMOTE),
            "attendRemote",
        )
        self.absent = bar_action(
            self.bar,
            "&Not attending",
            "Ctrl+Alt+N",
            lambda: self.plan(AttendanceMode.NOT_ATTENDING),
            "notAttending",
        )
        self.bar.addSeparator()
        self.add_action = bar_action(
            self.bar, "&Add appointment...", "Ins", self.add, "addAppointment"
        )
        self.delete_action = bar_action(
            self.bar, "&Delete appointment", "Del", self.delete, "deleteAppointment"
        )
        self.registration_action = bar_action(
            self.bar,
            "Registration &deadline",
            "Ctrl+Alt+D",
            self.show_registration,
            "showRegistration",
        )
        context_menu_from(self.view, self.bar)
        self.view.selectionModel().selectionChanged.connect(self._enable)
        self.legend = plain_label("", self)
        name(self.legend, "scheduleLegend", "Your plan")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Schedule", self))
        layout.addWidget(self.bar)
        layout.addWidget(self.view)
        layout.addWidget(self.legend)
        self._enable()

    # --- showing --------------------------------------------------------------------

    def show_rows(
        self,
        meeting_id: uuid.UUID,
        first_day: date,
        rows: list[EventRow],
        deadlines: list[DeadlineRow],
        home_zone: str,
        user_zone: str,
    ) -> None:
        keep = self.selected_ids()
        self.meeting_id, self.first_day = meeting_id, first_day
        titles = {row.id: row.title for row in rows}
        clashes = {
            key: [titles[other] for other in others] for key, others in ops.conflicts(rows).items()
        }
        self._registration = ops.registration_deadline(deadlines)
        due = ("", "")
        if self._registration is not None and self._registration.due is not None:
            moment, whole = self._registration.due, self._registration.due_date is not None
            local = in_zone(moment, home_zone)
            due = (
                f"by {format_short_date(local.date())}",
                f"register by {format_due(moment, home_zone, whole_day=whole)}",
            )
        self.model.set_events(rows, home_zone, user_zone, clashes, due)
        self.view.expandAll()
        self.view.setColumnHidden(MINE, home_zone == user_zone)
        header = self.view.header()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(TITLE, 380)
        chosen = [r for r in rows if ops.attending(r)]
        remote = sum(r.attendance == AttendanceMode.REMOTE.value for r in chosen)
        text = f"You attend {len(chosen)} of {len(rows)} events ({remote} remotely)."
        if clashes:
            text += f" {len(clashes)} of them overlap another you attend (red)."
        self.legend.setText(text)
        self.select(keep)

    def selected_ids(self) -> list[uuid.UUID]:
        found = []
        for index in self.view.selectionModel().selectedRows():
            event = self.model.event_at(index)
            if event is not None:
                found.append(event.id)
        return found

    def select(self, ids: list[uuid.UUID]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for n, event_id in enumerate(ids):
            index = self.model.index_of(event_id)
            if not index.isValid():
                continue
            if n == 0:
                selection.setCurrentIndex(index, flags)
            else:
                selection.select(index, flags)
        self._enable()

    def _enable(self) -> None:
        chosen = [
            e for i in self.view.selectionModel().selectedRows() if (e := self.model.event_at(i))
        ]
        for action in (self.in_person, self.remote, self.absent):
            action.setEnabled(bool(chosen))
        own = EventKind.APPOINTMENT.value
        self.delete_action.setEnabled(bool(chosen) and all(e.kind == own for e in chosen))
        self.add_action.setEnabled(self.meeting_id is not None)
        self.registration_action.setEnabled(
            self._registration is not None and any(e.registration_required for e in chosen)
        )

    # --- acting ---------------------------------------------------------------------

    def plan(self, mode: AttendanceMode) -> None:
        chosen = self.selected_ids()
        if chosen:
            do_step(self, self.history, ops.set_attendance(chosen, mode), "Cannot change your plan")

    def add(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        current = self.model.event_at(self.view.currentIndex())
        day = current.day(self.model.home_zone) if current is not None else self.first_day
        ask_until_done(
            self,
            self.history,
            self.ask,
            AppointmentForm("", day, time(12, 30), time(13, 30), ""),
            lambda answer: ops.add_appointment(
                meeting_id, answer.title, answer.day, answer.starts, answer.ends, answer.place
            ),
            "Cannot add the appointment",
        )

    def delete(self) -> None:
        chosen = self.selected_ids()
        if chosen:
            do_step(self, self.history, ops.delete_appointments(chosen), "Cannot delete")

    def show_registration(self) -> None:
        if self._registration is not None:
            self.deadlineRequested.emit(str(self._registration.id))
