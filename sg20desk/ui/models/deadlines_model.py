"""Deadlines as a table, due time in the meeting's zone and in the user's, zones named."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sg20desk.actions.queries import DeadlineRow
from sg20desk.rules.deadlines import Urgency
from sg20desk.rules.timezones import zone_label
from sg20desk.ui.models.base import RowTableModel

HOME, MINE, LEFT, TITLE, STATUS, SOURCE = range(6)

OVERDUE_COLOUR = QColor("#b3261e")
SOON_COLOUR = QColor("#fff1c2")
DONE_COLOUR = QColor("#6b6b6b")


class DeadlinesModel(RowTableModel[DeadlineRow]):
    """Columns: due (meeting zone), due (user zone), time left, deadline, status, source."""

    def __init__(self, now: Callable[[], datetime], parent: Any = None) -> None:
        self._now = now
        self.home_zone = "Europe/Zurich"
        self.user_zone = "Europe/Zurich"
        super().__init__(
            [
                ("Due", self._home),
                ("Due, your zone", self._mine),
                ("Time left", self._left),
                ("Deadline", lambda r: r.title),
                ("Status", lambda r: r.status_label),
                ("Source", lambda r: r.source_text),
            ],
            parent,
        )

    def now(self) -> datetime:
        return self._now()

    def set_zones(self, home: str, mine: str) -> None:
        self.home_zone, self.user_zone = home, mine
        self.set_header(HOME, f"Due, {zone_label(home)}")
        self.set_header(MINE, f"Due, your zone ({mine})")

    def _home(self, row: DeadlineRow) -> str:
        return row.due_text(self.home_zone, self.home_zone)

    def _mine(self, row: DeadlineRow) -> str:
        return row.due_text(self.user_zone, self.home_zone) if row.due else ""

    def _left(self, row: DeadlineRow) -> str:
        return row.time_left(self._now())

    def extra_data(self, row: DeadlineRow, column: int, role: int) -> Any:
        state = row.urgency(self._now())
        if role == Qt.ItemDataRole.ForegroundRole:
            if state is Urgency.OVERDUE:
                return QBrush(OVERDUE_COLOUR)
            if not row.is_open:
                return QBrush(DONE_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole and state is Urgency.SOON:
            return QBrush(SOON_COLOUR)
        if (
            role == Qt.ItemDataRole.FontRole
            and state in (Urgency.OVERDUE, Urgency.SOON)
            and column == LEFT
        ):
            font = QFont()
            font.setBold(True)
            return font
        if (
            role == Qt.ItemDataRole.AccessibleTextRole
            and column == LEFT
            and state is Urgency.OVERDUE
        ):
            return f"Overdue: {self._left(row)}"
        return None
