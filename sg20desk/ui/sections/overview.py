"""Overview section: the meeting at a glance, its next deadlines and upcoming sessions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions.queries import DeadlineRow, EventRow, MeetingRow
from sg20desk.rules.timezones import format_days, format_instant, zone_label
from sg20desk.ui.models.deadlines_model import HOME, LEFT, MINE, TITLE, DeadlinesModel
from sg20desk.ui.sections.common import heading, name, plain_label, table

NEXT_SESSIONS = 5
NEXT_DEADLINES = 6


class OverviewSection(QWidget):
    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self.title = heading("", self)
        self.title.setWordWrap(True)
        name(self.title, "overviewTitle", "Meeting")
        self.place = plain_label("", self)
        self.dates = plain_label("", self)
        self.opening = plain_label("", self)
        self.source = plain_label("", self)
        facts = QFormLayout()
        facts.addRow("Where:", self.place)
        facts.addRow("When:", self.dates)
        facts.addRow("Opens:", self.opening)
        facts.addRow("Announced in:", self.source)
        self.deadlines = DeadlinesModel(now, self)
        self.deadlines_view = table(self)
        self.deadlines_view.setModel(self.deadlines)
        for column in range(self.deadlines.columnCount()):
            self.deadlines_view.setColumnHidden(column, column not in (HOME, MINE, LEFT, TITLE))
        name(self.deadlines_view, "overviewDeadlinesView", "Open deadlines")
        self.deadlines_heading = heading("Open deadlines", self)
        self.sessions = plain_label("", self)
        self.sessions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        name(self.sessions, "overviewSessions", "Upcoming sessions")
        self.banner = QFrame(self)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("QFrame { background: #fff1c2; }")
        self.banner_text = plain_label("", self.banner)
        name(self.banner_text, "reminderSummary", "Reminders that fell due")
        dismiss = QPushButton("&Dismiss", self.banner)
        dismiss.clicked.connect(self.banner.hide)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.title)
        layout.addLayout(facts)
        layout.addWidget(self.deadlines_heading)
        layout.addWidget(self.deadlines_view, 2)
        layout.addWidget(heading("Upcoming sessions", self))
        layout.addWidget(self.sessions, 1)

    def show_meeting(
        self,
        meeting: MeetingRow,
        deadlines: list[DeadlineRow],
        events: list[EventRow],
        user_zone: str,
    ) -> None:
        home = meeting.timezone
        self.title.setText(f"{meeting.group}: {meeting.title}")
        self.place.setText(meeting.place)
        self.dates.setText(f"{format_days(meeting.first_day, meeting.last_day)} ({meeting.code})")
        opening = f"{format_instant(meeting.opening, home)} ({zone_label(home)})"
        if user_zone != home:
            opening += f"; {format_instant(meeting.opening, user_zone)} in your zone ({user_zone})"
        self.opening.setText(opening)
        self.source.setText(meeting.source_document or "entered by hand")
        self._show_deadlines(deadlines, home, user_zone)
        self._show_sessions(meeting, events)

    def show_banner(self, heading_text: str, lines: list[str]) -> None:
        """A note above the meeting until dismissed (reminders missed while closed)."""
        self.banner_text.setText("\n".join([heading_text, *(f"• {line}" for line in lines)]))
        self.banner.show()

    def show_nothing(self) -> None:
        """The store holds no meeting (the last one was deleted)."""
        self.title.setText("No meeting: File › New meeting (Ctrl+N) adds one")
        for label in (self.place, self.dates, self.opening, self.source, self.sessions):
            label.setText("")
        self.deadlines.set_rows([])

    def _show_deadlines(self, deadlines: list[DeadlineRow], home: str, user_zone: str) -> None:
        """The first open deadlines with a due time, overdue ones included: most urgent first."""
        open_ones = [d for d in deadlines if d.is_open and d.due is not None]
        self.deadlines.set_zones(home, user_zone)
        self.deadlines.set_rows(open_ones[:NEXT_DEADLINES])
        self.deadlines_view.setColumnHidden(MINE, user_zone == home)
        self.deadlines_view.resizeColumnsToContents()
        shown = self.deadlines.rowCount()
        if len(open_ones) > shown:
            text = f"Open deadlines: the first {shown} of {len(open_ones)} (Ctrl+4 shows all)"
        else:
            text = f"Open deadlines ({shown})" if shown else "Open deadlines: none"
        self.deadlines_heading.setText(text)

    def _show_sessions(self, meeting: MeetingRow, events: list[EventRow]) -> None:
        now = self._now()
        ahead = [e for e in events if e.starts_at is not None and (e.ends_at or e.starts_at) >= now]
        lines = [
            f"{format_instant(e.starts_at, meeting.timezone)} — {e.title}"
            + (" (virtual)" if e.virtual else "")
            for e in ahead[:NEXT_SESSIONS]
        ]
        if lines:
            self.sessions.setText("\n".join(lines))
        elif meeting.last_day < now.date():
            ended = format_days(meeting.last_day, meeting.last_day)
            self.sessions.setText(f"None ahead: the meeting ended on {ended}.")
        else:
            self.sessions.setText("No timed sessions ahead.")
