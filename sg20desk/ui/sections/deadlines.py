"""Deadlines section: every deadline with its due time in both zones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QVBoxLayout, QWidget

from sg20desk.actions.queries import DeadlineRow
from sg20desk.rules.deadlines import Urgency
from sg20desk.ui.models.deadlines_model import MINE, DeadlinesModel
from sg20desk.ui.sections.common import heading, name, plain_label, table


class DeadlinesSection(QWidget):
    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DeadlinesModel(now, self)
        self.view = table(self)
        self.view.setModel(self.model)
        name(self.view, "deadlinesView", "Deadlines", "Deadlines with due time and time left")
        self.legend = plain_label("", self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Deadlines", self))
        layout.addWidget(self.view)
        layout.addWidget(self.legend)

    def show_rows(self, rows: list[DeadlineRow], home_zone: str, user_zone: str) -> None:
        self.model.set_zones(home_zone, user_zone)
        self.model.set_rows(rows)
        self.view.setColumnHidden(MINE, home_zone == user_zone)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(3, min(self.view.columnWidth(3), 460))
        now = self.model.now()
        overdue = sum(1 for r in rows if r.urgency(now) is Urgency.OVERDUE)
        soon = sum(1 for r in rows if r.urgency(now) is Urgency.SOON)
        self.legend.setText(
            f"{len(rows)} deadlines: {overdue} overdue and still open (red), "
            f"{soon} due within 7 days (highlighted). Whole-day deadlines end at 23:59 local time."
        )
