"""The meeting's events grouped by day: a two-level tree (day, then its events)."""

from __future__ import annotations

import textwrap
import uuid
from collections import defaultdict
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sg20desk.actions.queries import EventRow
from sg20desk.db.schema import EventKind
from sg20desk.rules.timezones import (
    format_date,
    format_days,
    format_instant,
    format_short_date,
    in_zone,
    zone_label,
)
from sg20desk.ui.models.base import ID_ROLE, HeaderedTreeModel

Index = QModelIndex | QPersistentModelIndex
WHEN, MINE, TITLE, REGISTRATION, PLAN, WHERE = range(6)
CONFLICT_COLOUR = QColor("#b3261e")
PLAN_LABELS = {"in_person": "in person", "remote": "remote", "not_attending": "not attending"}

#: a tooltip's lines are wrapped at this many characters (Qt does not wrap plain text)
TIP_WIDTH = 80


def _wrapped(text: str) -> str:
    return "\n\n".join(textwrap.fill(part, TIP_WIDTH) for part in text.split("\n\n"))


# internal ids: 0 is the root, days are 1..D, events are encoded after the days
_DAY_BASE = 1


class ScheduleModel(HeaderedTreeModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            ["When", "Your zone", "Event", "Registration", "Your plan", "Where"], parent
        )
        self.home_zone = "Europe/Zurich"
        self.user_zone = "Europe/Zurich"
        self._days: list[date] = []
        self._events: list[list[EventRow]] = []
        self._conflicts: dict[uuid.UUID, list[str]] = {}
        self._registration = ("", "")

    def set_events(
        self,
        rows: list[EventRow],
        home: str,
        mine: str,
        conflicts: dict[uuid.UUID, list[str]] | None = None,
        registration: tuple[str, str] = ("", ""),
    ) -> None:
        """Show ``rows``; ``conflicts`` names what each clashing event overlaps and
        ``registration`` says by when registration is due (short, and in full)."""
        self.beginResetModel()
        self.home_zone, self.user_zone = home, mine
        self._conflicts = conflicts or {}
        self._registration = registration
        self.headers[WHEN] = f"When, {zone_label(home)}"
        self.headers[MINE] = f"Your zone ({mine})"
        grouped: dict[date, list[EventRow]] = defaultdict(list)
        for row in rows:
            grouped[row.day(home)].append(row)
        self._days = sorted(grouped)
        self._events = [grouped[d] for d in self._days]
        self.endResetModel()

    def _event_key(self, day_row: int, row: int) -> int:
        return _DAY_BASE + len(self._days) + sum(len(e) for e in self._events[:day_row]) + row

    def _decode(self, key: int) -> tuple[int, int | None]:
        """(day row, event row or None for the day itself)."""
        if key < _DAY_BASE + len(self._days):
            return key - _DAY_BASE, None
        offset = key - _DAY_BASE - len(self._days)
        for day_row, events in enumerate(self._events):
            if offset < len(events):
                return day_row, offset
            offset -= len(events)
        raise IndexError(key)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not (0 <= column < len(self.headers)):
            return QModelIndex()
        if not parent.isValid():
            if 0 <= row < len(self._days):
                return self.createIndex(row, column, _DAY_BASE + row)
            return QModelIndex()
        if parent.column() != 0:
            return QModelIndex()
        day_row, event_row = self._decode(parent.internalId())
        if event_row is not None or not (0 <= row < len(self._events[day_row])):
            return QModelIndex()
        return self.createIndex(row, column, self._event_key(day_row, row))

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        day_row, event_row = self._decode(index.internalId())
        if event_row is None:
            return QModelIndex()
        return self.createIndex(day_row, 0, _DAY_BASE + day_row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._days)
        if parent.column() != 0:
            return 0
        day_row, event_row = self._decode(parent.internalId())
        return len(self._events[day_row]) if event_row is None else 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        day_row, event_row = self._decode(index.internalId())
        if event_row is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == WHEN:
                return format_date(self._days[day_row])
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        event = self._events[day_row][event_row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(event, index.column(), role == Qt.ItemDataRole.ToolTipRole)
        if role == ID_ROLE:
            return str(event.id)
        if role == Qt.ItemDataRole.ForegroundRole and event.id in self._conflicts:
            return QBrush(CONFLICT_COLOUR)
        if role == Qt.ItemDataRole.FontRole and index.column() == PLAN and event.attendance:
            font = QFont()
            font.setBold(event.id in self._conflicts)
            return font
        return None

    def event_at(self, index: Index) -> EventRow | None:
        if not index.isValid():
            return None
        day_row, event_row = self._decode(index.internalId())
        return None if event_row is None else self._events[day_row][event_row]

    def index_of(self, event_id: uuid.UUID) -> QModelIndex:
        for day_row, events in enumerate(self._events):
            for row, event in enumerate(events):
                if event.id == event_id:
                    return self.createIndex(row, 0, self._event_key(day_row, row))
        return QModelIndex()

    def _text(self, event: EventRow, column: int, tooltip: bool) -> str:
        if column == WHEN:
            return self._when(event, self.home_zone)
        if column == MINE:
            if event.starts_at is None:
                return ""
            text = self._when(event, self.user_zone)
            local_day = in_zone(event.starts_at, self.user_zone).date()
            if local_day != event.day(self.home_zone):  # another date where the user is
                text = f"{format_short_date(local_day)}, {text}"
            return text
        if column == TITLE:
            title = (
                f"{event.title} (your appointment)"
                if event.kind == EventKind.APPOINTMENT.value
                else event.title
            )
            return f"{title}\n\n{_wrapped(event.notes)}" if tooltip and event.notes else title
        if column == WHERE:
            return (
                f"{event.place} (virtual)"
                if event.virtual and "virtual" not in event.place
                else event.place
            )
        if column == REGISTRATION:
            if not event.registration_required:
                return ""
            short, full = self._registration
            if tooltip:
                return f"Registration required{'; ' + full if full else ''}"
            return f"required{' · ' + short if short else ''}"
        if column == PLAN:
            plan = PLAN_LABELS.get(event.attendance or "", "")
            clashes = self._conflicts.get(event.id)
            if clashes:
                return (
                    f"{plan} · overlaps {'; '.join(clashes)}" if tooltip else f"{plan} · conflict"
                )
            return plan
        return ""

    @staticmethod
    def _when(event: EventRow, zone_name: str) -> str:
        if event.starts_at is None:
            assert event.first_day is not None
            last = event.last_day or event.first_day
            return (
                "all day"
                if last == event.first_day
                else f"{format_days(event.first_day, last)} (all days)"
            )
        start = format_instant(event.starts_at, zone_name, with_date=False)
        if event.ends_at is None:
            return f"from {start}"
        end = format_instant(event.ends_at, zone_name, with_date=False)
        return f"{start.rsplit(' ', 1)[0]}–{end}"
