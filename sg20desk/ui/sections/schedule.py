"""Schedule section: the meeting's sessions and side events by day."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from sg20desk.actions.queries import EventRow
from sg20desk.ui.models.schedule_model import MINE, TITLE, ScheduleModel
from sg20desk.ui.sections.common import heading, name, tree


class ScheduleSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ScheduleModel(self)
        self.view = tree(self)
        self.view.setModel(self.model)
        name(self.view, "scheduleView", "Schedule", "Sessions and side events by day")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Schedule", self))
        layout.addWidget(self.view)

    def show_rows(self, rows: list[EventRow], home_zone: str, user_zone: str) -> None:
        self.model.set_events(rows, home_zone, user_zone)
        self.view.expandAll()
        self.view.setColumnHidden(MINE, home_zone == user_zone)
        header = self.view.header()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(TITLE, 380)
