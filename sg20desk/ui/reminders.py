"""Reminders while the window is open: a system notification when one falls due.

Every half minute the window asks for the reminders fallen since it last looked and
shows them in the system tray (or, where the desktop has no tray, in the status bar).
How far it has reminded is kept in the store, so the next start summarises only what
fell due while sg20desk was closed.

Signals:
    fell(list): the reminders that just fell due, oldest first.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QSystemTrayIcon, QWidget

from sg20desk.actions import deadlines, preferences
from sg20desk.db.store import Store
from sg20desk.rules.reminders import Reminder, format_offset
from sg20desk.rules.timezones import format_instant

CHECK_EVERY_MS = 30_000


def reminder_line(reminder: Reminder[uuid.UUID], home: str, mine: str) -> str:
    """``Title: due <time in the meeting's zone> (<time in yours>; reminder 7d before)``."""
    due = format_instant(reminder.due, home)
    yours = f"{format_instant(reminder.due, mine)} your zone; " if mine != home else ""
    return f"{reminder.title}: due {due} ({yours}reminder {format_offset(reminder.offset)} before)"


class Reminders(QObject):
    fell = Signal(list)

    def __init__(
        self,
        store: Store,
        now: Callable[[], datetime],
        window: QWidget,
        zones: Callable[[], tuple[str, str]],
    ) -> None:
        super().__init__(window)
        self.store = store
        self._now = now
        self._zones = zones  # the meeting's zone shown, and the user's
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(QIcon(icon), self)
            self.tray.setToolTip("sg20desk")
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def missed(self) -> list[Reminder[uuid.UUID]]:
        """What fell due while sg20desk was closed; from now on, :meth:`check` looks."""
        now = self._now()
        with self.store.read() as connection:
            since = preferences.reminded_until(connection)
            found = deadlines.reminders(connection, since, now) if since is not None else []
        self._remember(now)
        self.timer.start()
        return list(found)

    def check(self) -> None:
        now = self._now()
        with self.store.read() as connection:
            since = preferences.reminded_until(connection) or now
            found = deadlines.reminders(connection, since, now)
        self._remember(now)
        if found:
            self.notify(list(found))

    def notify(self, found: list[Reminder[uuid.UUID]]) -> None:
        text = "\n".join(reminder_line(r, *self._zones()) for r in found)
        if self.tray is not None:
            title = "Deadline reminder" if len(found) == 1 else f"{len(found)} deadline reminders"
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information)
        self.fell.emit(found)

    def _remember(self, now: datetime) -> None:
        preferences.save_settings(self.store, {preferences.REMINDED_UNTIL_KEY: now.isoformat()})
