"""Draft Recommendations as a table with where each stands, and one draft's replies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sg20desk.actions.drafts import Standing
from sg20desk.actions.queries import ReplyRow
from sg20desk.rules.procedures import ReplyChoice, format_percent, milestone_when, stage_label
from sg20desk.rules.timezones import format_instant, format_time_left
from sg20desk.ui.models.base import RowTableModel

(
    DESIGNATION,
    TITLE,
    STAGE,
    NEXT,
    YOUR_REPLY,
    IN_FAVOUR,
    AGAINST,
    LATE,
    SHARE,
    OUTCOME,
    FORMER,
    NEW,
    PROCEDURE,
    REPORT,
    AGENDA_ITEM,
) = range(15)

REFUSED_COLOUR = QColor("#b3261e")
LATE_COLOUR = QColor("#6b6b6b")


class DraftsModel(RowTableModel[Standing]):
    """One row per draft: the registry, the next date, the user's reply and the tally."""

    def __init__(self, now: Callable[[], datetime], parent: Any = None) -> None:
        self._now = now
        self.home_zone = "Europe/Zurich"
        super().__init__(
            [
                ("Designation", lambda r: r.draft.designation),
                ("Title", lambda r: r.draft.title),
                ("Stage", lambda r: stage_label(r.draft.stage)),
                ("Next date", self._next),
                ("Your reply", self._your_reply),
                ("In favour", lambda r: _count(r, r.tally.in_favour if r.tally else 0)),
                ("Against", lambda r: _count(r, r.tally.against if r.tally else 0)),
                ("Late", lambda r: _count(r, len(r.tally.late) if r.tally else 0)),
                ("Share in favour", self._share),
                ("Outcome", lambda r: r.tally.outcome() if r.tally else ""),
                ("Former name", lambda r: r.draft.former_name),
                ("New / revised", lambda r: "new" if r.draft.is_new else "revised"),
                ("Procedure", lambda r: r.draft.procedure),
                ("Report", lambda r: r.draft.report_number),
                ("Agenda item", lambda r: r.draft.agenda_number or ""),
            ],
            parent,
        )

    def _next(self, row: Standing) -> str:
        step = row.next
        return f"{step.label}: {milestone_when(step, self.home_zone)}" if step else ""

    def _your_reply(self, row: Standing) -> str:
        if not row.consulted:
            return ""
        choice = row.own_choice
        if choice is not None:
            return choice.label
        if row.close is None:
            return "open"
        left = row.close - self._now()
        return f"open, {format_time_left(left)}" if left.total_seconds() > 0 else "open, closed"

    @staticmethod
    def _share(row: Standing) -> str:
        share = row.tally.share_percent if row.tally else None
        return "" if share is None else format_percent(share)

    def extra_data(self, row: Standing, column: int, role: int) -> Any:
        refused = row.tally is not None and not row.tally.may_be_considered
        if role == Qt.ItemDataRole.ForegroundRole and refused and column in (SHARE, OUTCOME):
            return QBrush(REFUSED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == LATE and row.tally:
            late = ", ".join(row.tally.late)
            return f"Received after the close, kept but not counted: {late}" if late else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (IN_FAVOUR, AGAINST, LATE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _count(row: Standing, value: int) -> str:
    return str(value) if row.tally is not None else ""


MEMBER_STATE, REPLY, RECEIVED, COUNTED, NOTE = range(5)


class RepliesModel(RowTableModel[ReplyRow]):
    """The replies received on one draft; late ones are kept, greyed and marked."""

    def __init__(self, parent: Any = None) -> None:
        self.standing: Standing | None = None
        super().__init__(
            [
                ("Member State", lambda r: r.member_state),
                ("Reply", _reply_text),
                (
                    "Received (UTC)",
                    lambda r: format_instant(r.received_at, "UTC") if r.received_at else "",
                ),
                ("Counted", self._counted),
                ("Note", lambda r: r.note),
            ],
            parent,
        )

    def show(self, standing: Standing | None) -> None:
        self.standing = standing
        self.set_rows(list(standing.received) if standing else [])

    def _counted(self, row: ReplyRow) -> str:
        if self.standing is not None and self.standing.is_late(row):
            return "no: after the close"
        return "yes"

    def extra_data(self, row: ReplyRow, column: int, role: int) -> Any:
        late = self.standing is not None and self.standing.is_late(row)
        if role == Qt.ItemDataRole.ForegroundRole and late:
            return QBrush(LATE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and late:
            font = QFont()
            font.setItalic(True)
            return font
        return None


def _reply_text(row: ReplyRow) -> str:
    return ReplyChoice.of(row.assigns, row.comments_attached).label
