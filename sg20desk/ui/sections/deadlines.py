"""Deadlines section: every deadline with its due time in both zones, filtered and edited.

Adding, editing, closing and deleting go through the window's history, so Edit › Undo
takes each back. The list keeps its filter and selection when the data is refreshed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions import deadlines as ops
from sg20desk.actions.history import History
from sg20desk.actions.queries import DeadlineRow
from sg20desk.db.schema import DeadlineStatus
from sg20desk.rules.deadlines import Urgency
from sg20desk.rules.phrases import PhraseError, describe, read_phrase
from sg20desk.ui.models.deadlines_model import MINE, TITLE, DeadlinesModel
from sg20desk.ui.sections.common import (
    ask_until_done,
    ask_yes,
    bar_action,
    context_menu_from,
    do_step,
    filter_row,
    heading,
    name,
    ok_cancel,
    plain_label,
    select_ids,
    selected_ids,
    table,
)

#: the status filter's choices: label and status (None: every status)
STATUS_CHOICES = (
    ("All", None),
    ("Open", DeadlineStatus.OPEN.value),
    ("Done", DeadlineStatus.DONE.value),
    ("Not applicable", DeadlineStatus.NOT_APPLICABLE.value),
)


@dataclass(frozen=True, slots=True)
class DeadlineForm:
    title: str
    due: str
    notes: str


#: asks for a deadline: (dialog title, proposed, meeting zone) -> the answer or None
AskDeadline = Callable[[str, DeadlineForm, str], DeadlineForm | None]


def understood(text: str, zone: str) -> tuple[bool, str]:
    """Whether a due phrase reads, and what it was read as (or why not)."""
    if not text.strip():
        return False, "Type the due date as the letter gives it."
    try:
        return True, f"Understood as: {describe(read_phrase(text, zone))}"
    except PhraseError as exc:
        return False, f"Not understood: {exc.reason}"


def ask_deadline(
    parent: QWidget, title: str, proposed: DeadlineForm, zone: str
) -> DeadlineForm | None:
    """A dialog for a deadline's title, due phrase (read back as it is typed) and notes."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(520)
    form = QFormLayout(dialog)
    what = QLineEdit(proposed.title, dialog)
    name(what, "deadlineTitle", "What is due")
    due = QLineEdit(proposed.due, dialog)
    due.setPlaceholderText("13 March 2026, 2359 hours UTC on 30 April 2026, six weeks before")
    name(due, "deadlineDue", "Due")
    reading = plain_label("", dialog)
    name(reading, "deadlineReading", "How the due date was read")
    notes = QPlainTextEdit(proposed.notes, dialog)
    notes.setTabChangesFocus(True)
    notes.setFixedHeight(70)
    form.addRow("&Deadline:", what)
    form.addRow("D&ue:", due)
    form.addRow("", reading)
    form.addRow("&Notes:", notes)
    buttons = ok_cancel(dialog)
    form.addRow(buttons)

    def reread() -> None:
        ok, text = understood(due.text(), zone)
        reading.setText(text)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    due.textChanged.connect(reread)
    reread()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return DeadlineForm(what.text(), due.text(), notes.toPlainText())


class DeadlinesSection(QWidget):
    """The Deadlines section. Actions work on the selected deadlines."""

    def __init__(
        self, history: History, now: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.meeting_id: uuid.UUID | None = None
        self.zone = "Europe/Zurich"
        self.ask: AskDeadline = lambda title, proposed, zone: ask_deadline(
            self, title, proposed, zone
        )
        self.confirm: Callable[[str], bool] = lambda question: ask_yes(
            self, "Delete deadlines", question
        )
        self._search = ops.DeadlineSearch([])
        self.model = DeadlinesModel(now, self)
        self.view = table(self)
        self.view.setSelectionMode(self.view.SelectionMode.ExtendedSelection)
        self.view.setModel(self.model)
        name(self.view, "deadlinesView", "Deadlines", "Deadlines with due time and time left")
        self.view.doubleClicked.connect(lambda _index: self.edit())

        self.status_filter = QComboBox(self)
        for label, status in STATUS_CHOICES:
            self.status_filter.addItem(label, status)
        self.status_filter.setCurrentIndex(1)  # open ones: what still needs doing
        name(self.status_filter, "deadlineStatusFilter", "Show deadlines with status")
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Filter by text (Ctrl+F)")
        name(self.text_filter, "deadlineTextFilter", "Filter deadlines by text")
        filters = filter_row(
            self,
            "&Show:",
            self.status_filter,
            self.text_filter,
            self._apply_filter,
            "filterDeadlines",
        )

        self.actions_bar = bar = QToolBar("Deadlines", self)
        self.add_action = bar_action(bar, "&Add deadline...", "Ins", self.add, "addDeadline")
        self.edit_action = bar_action(bar, "&Edit...", "F2", self.edit, "editDeadline")
        self.done_action = bar_action(
            bar, "Mark &done", "Ctrl+D", lambda: self.set_status(DeadlineStatus.DONE), "markDone"
        )
        self.na_action = bar_action(
            bar,
            "Not a&pplicable",
            "Ctrl+Shift+D",
            lambda: self.set_status(DeadlineStatus.NOT_APPLICABLE),
            "markNotApplicable",
        )
        self.reopen_action = bar_action(
            bar, "&Reopen", "Ctrl+R", lambda: self.set_status(DeadlineStatus.OPEN), "reopenDeadline"
        )
        self.delete_action = bar_action(bar, "De&lete", "Del", self.delete, "deleteDeadline")
        context_menu_from(self.view, bar)
        self.view.selectionModel().selectionChanged.connect(self._enable)

        self.legend = plain_label("", self)
        name(self.legend, "deadlinesLegend", "Deadline counts")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Deadlines", self))
        layout.addLayout(filters)
        layout.addWidget(self.actions_bar)
        layout.addWidget(self.view)
        layout.addWidget(self.legend)
        self._enable()

    # --- showing --------------------------------------------------------------------

    def show_rows(
        self, meeting_id: uuid.UUID, rows: list[DeadlineRow], home_zone: str, user_zone: str
    ) -> None:
        keep = self.selected_ids()
        self.meeting_id, self.zone = meeting_id, home_zone
        self.model.set_zones(home_zone, user_zone)
        self._search = ops.DeadlineSearch(rows)
        self._apply_filter()
        self.view.setColumnHidden(MINE, home_zone == user_zone)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(TITLE, min(self.view.columnWidth(TITLE), 460))
        self.select(keep)

    def _apply_filter(self) -> None:
        keep = self.selected_ids()
        shown = self._search.select(self.status_filter.currentData(), self.text_filter.text())
        self.model.set_rows(shown)
        self.select(keep)
        self._show_counts(shown)

    def _show_counts(self, shown: list[DeadlineRow]) -> None:
        now = self.model.now()
        states = [r.urgency(now) for r in self._search.rows]
        overdue = states.count(Urgency.OVERDUE)
        soon = states.count(Urgency.SOON)
        total = len(self._search.rows)
        listed = (
            f"{len(shown)} of {total} deadlines listed"
            if len(shown) != total
            else (f"{total} deadlines")
        )
        self.legend.setText(
            f"{listed}; {overdue} overdue and still open (red), {soon} due within 7 days "
            "(highlighted). A deadline given as a date ends at 23:59 where the meeting is."
        )

    def selected_ids(self) -> list[uuid.UUID]:
        return selected_ids(self.view)

    def select(self, ids: list[uuid.UUID]) -> None:
        select_ids(self.view, ids)
        self._enable()

    def _enable(self) -> None:
        chosen = [self.model.row_at(i.row()) for i in self.view.selectionModel().selectedRows()]
        self.edit_action.setEnabled(len(chosen) == 1)
        self.done_action.setEnabled(any(r.status != DeadlineStatus.DONE.value for r in chosen))
        self.na_action.setEnabled(
            any(r.status != DeadlineStatus.NOT_APPLICABLE.value for r in chosen)
        )
        self.reopen_action.setEnabled(any(not r.is_open for r in chosen))
        self.delete_action.setEnabled(bool(chosen))
        self.add_action.setEnabled(self.meeting_id is not None)

    # --- acting ---------------------------------------------------------------------

    def add(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        ask_until_done(
            self,
            self.history,
            lambda proposed: self.ask("Add deadline", proposed, self.zone),
            DeadlineForm("", "", ""),
            lambda answer: ops.add_deadline(meeting_id, answer.title, answer.due, answer.notes),
            "Cannot add the deadline",
        )

    def edit(self) -> None:
        chosen = self.selected_ids()
        if len(chosen) != 1:
            return
        row = next(r for r in self._search.rows if r.id == chosen[0])
        ask_until_done(
            self,
            self.history,
            lambda proposed: self.ask("Edit deadline", proposed, self.zone),
            DeadlineForm(row.title, row.source_text, row.notes),
            lambda answer: ops.edit_deadline(
                row.id, title=answer.title, due=answer.due, notes=answer.notes
            ),
            "Cannot change the deadline",
        )

    def set_status(self, status: DeadlineStatus) -> None:
        chosen = self.selected_ids()
        if chosen:
            do_step(self, self.history, ops.set_status(chosen, status), "Cannot change the status")

    def delete(self) -> None:
        chosen = self.selected_ids()
        if not chosen:
            return
        what = "this deadline" if len(chosen) == 1 else f"these {len(chosen)} deadlines"
        if self.confirm(f"Delete {what}? Edit › Undo brings it back."):
            do_step(self, self.history, ops.delete_deadlines(chosen), "Cannot delete")
