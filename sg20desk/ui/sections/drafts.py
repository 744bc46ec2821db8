"""Drafts section: the draft Recommendations with where each stands, the selected one in
full (summary, timeline), your Administration's reply, and the replies received.

Every change goes through the window's history, so Edit › Undo takes it back. The dialogs
are attributes (``ask_draft``, ``ask_stage``, ``ask_reply``, ``ask_profile``, ``confirm``)
that tests replace.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions import drafts as ops
from sg20desk.actions.history import ActionError, Builder, History
from sg20desk.actions.queries import AgendaRow
from sg20desk.db.store import Store
from sg20desk.exchange.reference import member_states
from sg20desk.rules.procedures import (
    STAGES,
    Milestone,
    Procedure,
    ReplyChoice,
    milestone_when,
    next_stages,
    stage_label,
)
from sg20desk.rules.timezones import format_instant, format_time_left, zone_label
from sg20desk.ui.models.drafts_model import TITLE, DraftsModel, RepliesModel
from sg20desk.ui.sections.common import (
    ask_until_done,
    ask_yes,
    bar_action,
    context_menu_from,
    do_step,
    filter_row,
    heading,
    name,
    plain_label,
    select_ids,
    selected_ids,
    table,
)
from sg20desk.ui.sections.draft_forms import (
    ReplyForm,
    StageForm,
    ask_draft,
    ask_profile,
    ask_reply,
    ask_stage,
    choice_buttons,
)

#: the stage filter: every stage once, TAP's first
STAGE_CHOICES = tuple(dict.fromkeys([*STAGES[Procedure.TAP], *STAGES[Procedure.AAP]]))
NO_CHOICE = len(ReplyChoice)  # the id of "Open: no decision yet" (-1 would mean "any")


def _mark(step: Milestone, next_step: Milestone | None, today: date) -> str:
    """✓ happened, → the next date, · passed without being recorded, blank: to come."""
    if step.known:
        return "✓"
    if step is next_step:
        return "→"
    return "·" if step.on < today else ""


class DraftsSection(QWidget):
    """The Drafts section. Actions work on the selected draft (Delete on all selected)."""

    def __init__(
        self,
        history: History,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.now = now
        self.meeting_id: uuid.UUID | None = None
        self.home_zone = self.user_zone = "Europe/Zurich"
        self._rows: list[ops.Standing] = []
        self._items: list[AgendaRow] = []
        self._note_saved = ""
        self._note_draft: uuid.UUID | None = None
        self.profile = ops.Profile()
        self.ask_draft = lambda title, proposed: ask_draft(self, title, proposed, self._choices())
        self.ask_stage = lambda row, allowed: ask_stage(
            self, row.draft.designation, allowed, self.now().date()
        )
        self.ask_reply = lambda row, proposed: ask_reply(
            self, row.draft.designation, member_states(), proposed
        )
        self.ask_profile = lambda proposed: ask_profile(self, proposed, member_states())
        self.confirm: Callable[[str], bool] = lambda question: ask_yes(self, "Delete", question)

        self.model = DraftsModel(now, self)
        self.view = table(self)
        self.view.setSelectionMode(self.view.SelectionMode.ExtendedSelection)
        self.view.setModel(self.model)
        name(self.view, "draftsView", "Draft Recommendations", "Drafts, stage and tally")
        self.view.doubleClicked.connect(lambda _index: self.edit())

        self.stage_filter = QComboBox(self)
        self.stage_filter.addItem("All stages", None)
        for stage in STAGE_CHOICES:
            self.stage_filter.addItem(stage_label(stage), stage.value)
        name(self.stage_filter, "draftStageFilter", "Show drafts at stage")
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Filter by designation, title or summary (Ctrl+F)")
        name(self.text_filter, "draftTextFilter", "Filter drafts by text")
        filters = filter_row(
            self, "&Stage:", self.stage_filter, self.text_filter, self._apply_filter, "filterDrafts"
        )

        self.actions_bar = bar = QToolBar("Drafts", self)
        self.add_action = bar_action(bar, "&Add draft...", "Ins", self.add, "addDraft")
        self.edit_action = bar_action(bar, "&Edit...", "F2", self.edit, "editDraft")
        self.stage_action = bar_action(
            bar, "&Move to stage...", "Ctrl+M", self.move_stage, "moveDraftStage"
        )
        self.record_action = bar_action(
            bar, "&Record reply received...", "Ctrl+Shift+R", self.record_reply, "recordReply"
        )
        self.delete_action = bar_action(bar, "De&lete", "Del", self.delete, "deleteDraft")
        context_menu_from(self.view, bar)

        self.summary = QTextBrowser(self)
        self.summary.setOpenLinks(False)
        name(self.summary, "draftSummary", "The selected draft in full, with its timeline")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.summary, "&Draft and timeline")
        self.tabs.addTab(self._reply_panel(), "&Your reply")
        self.tabs.addTab(self._replies_panel(), "Replies &received")
        name(self.tabs, "draftTabs", "The selected draft")

        self.legend = plain_label("", self)
        name(self.legend, "draftsLegend", "Draft counts")
        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addWidget(self.actions_bar)
        column.addWidget(self.view)
        column.addWidget(self.legend)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Draft Recommendations", self))
        layout.addWidget(split)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._enable()

    def _reply_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        self.replying_as = plain_label("", panel)
        name(self.replying_as, "replyingAs", "Who replies")
        profile = QPushButton("Administration &profile...", panel)
        profile.setObjectName("editProfile")
        profile.clicked.connect(self.edit_profile)
        top = QHBoxLayout()
        top.addWidget(self.replying_as, 1)
        top.addWidget(profile)
        self.countdown = plain_label("", panel)
        name(self.countdown, "replyCountdown", "When the consultation closes")
        layout.addLayout(top)
        layout.addWidget(self.countdown)
        self.choices = QButtonGroup(panel)
        undecided = QRadioButton("Open: no decision yet", panel)
        undecided.setObjectName("reply_open")
        self.choices.addButton(undecided, NO_CHOICE)
        layout.addWidget(undecided)
        choice_buttons(panel, layout, self.choices)
        self.choices.idClicked.connect(self._on_choice_clicked)
        self.note = QPlainTextEdit(panel)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Your comments or reasons, as you will attach them")
        self.note.setFixedHeight(80)
        name(self.note, "replyNote", "Comments or reasons")
        self.save_note = QPushButton("&Save note", panel)
        self.save_note.setObjectName("saveReplyNote")
        self.save_note.clicked.connect(self.store_note)
        self.note.textChanged.connect(self._on_note_changed)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_note)
        layout.addLayout(row)
        layout.addStretch(1)
        return panel

    def _replies_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        self.tally_line = plain_label("", panel)
        name(self.tally_line, "tallyLine", "Tally of the replies received")
        self.replies_model = RepliesModel(panel)
        self.replies_view = table(panel)
        self.replies_view.setModel(self.replies_model)
        name(self.replies_view, "repliesView", "Replies received")
        record = QPushButton("&Record reply...", panel)
        record.clicked.connect(self.record_reply)
        remove = QPushButton("Delete reply", panel)
        remove.setObjectName("deleteReply")
        remove.clicked.connect(self.delete_reply)
        buttons = QHBoxLayout()
        buttons.addWidget(record)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addWidget(self.tally_line)
        layout.addWidget(self.replies_view)
        layout.addLayout(buttons)
        return panel

    # --- showing ------------------------------------------------------------------------

    def show_rows(
        self,
        meeting_id: uuid.UUID,
        rows: list[ops.Standing],
        items: list[AgendaRow],
        home_zone: str,
        user_zone: str,
        profile: ops.Profile,
    ) -> None:
        keep = self.selected_ids()
        self.meeting_id, self.home_zone, self.user_zone = meeting_id, home_zone, user_zone
        self._rows, self._items, self.profile = rows, items, profile
        self.model.home_zone = home_zone
        self._apply_filter()
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(TITLE, min(self.view.columnWidth(TITLE), 260))
        self.select(keep)
        if not self.selected_ids() and self.model.rowCount():
            self.view.selectRow(0)
        self._show_selected()

    def _apply_filter(self) -> None:
        keep = self.selected_ids()
        shown = ops.select_standings(
            self._rows, self.stage_filter.currentData(), self.text_filter.text()
        )
        self.model.set_rows(shown)
        self.select(keep)
        total = len(self._rows)
        tap = [r for r in self._rows if r.tally is not None]
        undecided = sum(1 for r in tap if r.consultation_open and r.own is None)
        below = sum(1 for r in tap if r.tally is not None and not r.tally.may_be_considered)
        listed = (
            f"{len(shown)} of {total} drafts listed" if len(shown) != total else f"{total} drafts"
        )
        self.legend.setText(
            f"{listed}; {undecided} awaiting your reply; {below} below the share of replies "
            "in favour the meeting needs to consider them."
        )
        self._show_selected()

    def selected_ids(self) -> list[uuid.UUID]:
        return selected_ids(self.view)

    def selected(self) -> ops.Standing | None:
        chosen = self.selected_ids()
        return next((r for r in self._rows if r.id == chosen[0]), None) if chosen else None

    def select(self, ids: list[uuid.UUID]) -> None:
        select_ids(self.view, ids)
        self._enable()

    def _on_selection_changed(self, *_args: object) -> None:
        self._save_pending_note()
        self._show_selected()

    def _show_selected(self) -> None:
        row = self.selected()
        self._enable()
        if row is None:
            self.summary.setPlainText(
                "No draft Recommendations for this meeting." if not self._rows else ""
            )
            self.replies_model.show(None)
            self.tally_line.setText("")
            self._show_reply(None)
            return
        self.summary.setHtml(self.describe(row))
        self.replies_model.show(row)
        self.replies_view.resizeColumnsToContents()
        tally = row.tally
        if tally is None:
            self.tally_line.setText("Replies are counted only for drafts under TAP.")
        else:
            close = (
                f" Replies count until {format_instant(row.close, 'UTC')}."
                if row.close is not None
                else ""
            )
            said = tally.describe()
            self.tally_line.setText(
                f"{said[:1].upper()}{said[1:]}. "
                f"The meeting may consider the draft if {tally.threshold_percent} % or more "
                f"of the replies received in time assign authority, or if none arrive.{close}"
            )
        self._show_reply(row)

    def _show_reply(self, row: ops.Standing | None) -> None:
        state = self.profile.member_state
        self.replying_as.setText(
            f"Replying for the Administration of {state}."
            if state
            else "Set your Member State in the Administration profile to record a reply."
        )
        tap = row is not None and row.consulted
        for button in self.choices.buttons():
            button.setEnabled(tap)
        self.note.setEnabled(tap)
        choice = row.own_choice if row is not None else None
        self.choices.button(
            NO_CHOICE if choice is None else list(ReplyChoice).index(choice)
        ).setChecked(True)
        note = row.own.note if row is not None and row.own is not None else ""
        self.note.blockSignals(True)
        self.note.setPlainText(note)
        self.note.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on where it ended
        self.note.blockSignals(False)
        self._note_saved = note
        self._note_draft = row.id if row is not None else None  # the draft the note is for
        self.save_note.setEnabled(False)
        if row is None:
            self.countdown.setText("Select a draft to record your Administration's reply.")
        elif not tap:
            self.countdown.setText("Only drafts under TAP are put to Member States for replies.")
        elif row.close is None:
            self.countdown.setText("The consultation's closing date is not known.")
        else:
            left = row.close - self.now()
            when = f"{format_instant(row.close, self.home_zone)} ({zone_label(self.home_zone)})"
            if self.user_zone != self.home_zone:
                when += f" = {format_instant(row.close, self.user_zone)} (your zone)"
            status = (
                format_time_left(left)
                if left.total_seconds() > 0
                else "the consultation has closed"
            )
            decided = "" if choice is None else " Your reply is recorded."
            self.countdown.setText(f"Replies are due by {when}: {status}.{decided}")

    def describe(self, row: ops.Standing) -> str:
        """The draft in full with its timeline, as HTML built from escaped text only."""
        draft = row.draft
        kind = "Draft new" if draft.is_new else "Draft revised"
        facts = " · ".join(
            escape(x)
            for x in (
                draft.procedure,
                stage_label(draft.stage),
                draft.report_number,
                draft.question,
                draft.circular,
                f"agenda item {draft.agenda_number}" if draft.agenda_number else "",
            )
            if x
        )
        parts = [
            f"<h3>{escape(kind)} Recommendation {escape(draft.heading)}</h3>",
            f"<p><b>{escape(draft.title)}</b></p>",
            f"<p>{facts}</p>",
            f"<h4>Timeline ({escape(draft.procedure)}); days and times in "
            f"{escape(zone_label(self.home_zone))}</h4>",
            "<table cellspacing='0' cellpadding='3'>",
        ]
        today = self.now().date()
        for step in row.milestones:
            mark = _mark(step, row.next, today)
            when = milestone_when(step, self.home_zone)
            if step.at is not None and self.user_zone != self.home_zone:
                when += f" = {format_instant(step.at, self.user_zone)} (your zone)"
            warn = (
                f"<br><span style='color:#b3261e'>{escape(step.warning)}</span>"
                if step.warning
                else ""
            )
            parts.append(
                f"<tr><td>{mark}</td><td><b>{escape(step.label)}</b></td>"
                f"<td>{escape(when)}</td><td><i>{escape(step.basis)}</i>{warn}</td></tr>"
            )
        parts.append("</table>")
        if not row.milestones:
            parts.append("<p>No dates known yet: move the draft to a stage with its day.</p>")
        parts.append("<h4>Summary</h4>")
        parts.extend(f"<p>{escape(p)}</p>" for p in draft.summary.split("\n\n") if p.strip())
        if draft.ipr_statements:
            parts.append(f"<p><i>IPR: {escape(draft.ipr_statements)}</i></p>")
        return "".join(parts)

    def _enable(self) -> None:
        chosen = self.selected_ids()
        one = len(chosen) == 1
        self.edit_action.setEnabled(one)
        self.stage_action.setEnabled(one)
        row = self.selected()
        self.record_action.setEnabled(one and row is not None and row.tally is not None)
        self.delete_action.setEnabled(bool(chosen))
        self.add_action.setEnabled(self.meeting_id is not None)

    def _choices(self) -> list[tuple[uuid.UUID, str]]:
        return [(item.id, f"{item.label} {item.title}") for item in self._items if item.numbered]

    # --- acting -------------------------------------------------------------------------

    def add(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        ask_until_done(
            self,
            self.history,
            lambda proposed: self.ask_draft("Add draft Recommendation", proposed),
            ops.DraftFields("", ""),
            lambda answer: ops.add_draft(meeting_id, answer),
            "Cannot add the draft",
        )

    def edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        ask_until_done(
            self,
            self.history,
            lambda proposed: self.ask_draft(f"Edit {row.draft.designation}", proposed),
            ops.DraftFields.of(row.draft),
            lambda answer: ops.edit_draft(row.id, answer),
            "Cannot change the draft",
        )

    def move_stage(self) -> None:
        row = self.selected()
        if row is None:
            return
        allowed = next_stages(row.draft.procedure, row.draft.stage)
        if not allowed:
            QMessageBox.information(
                self,
                "Move to stage",
                f"{row.draft.designation} is {stage_label(row.draft.stage)}: "
                "its procedure has finished.",
            )
            return
        answer: StageForm | None = self.ask_stage(row, allowed)
        if answer is not None:
            self._step(
                ops.move_stage(row.id, answer.stage, answer.on, answer.note),
                "Cannot move the draft",
            )

    def record_reply(self) -> None:
        row = self.selected()
        if row is None or row.tally is None:
            return
        self.tabs.setCurrentIndex(2)  # where the reply will show
        ask_until_done(
            self,
            self.history,
            lambda proposed: self.ask_reply(row, proposed),
            ReplyForm("", ReplyChoice.ASSIGNS, self.now(), ""),
            lambda answer: ops.record_reply(
                row.id,
                answer.member_state,
                assigns=answer.choice.assigns,
                attachment=answer.choice.attachment,
                received_at=answer.received_at,
                note=answer.note,
            ),
            "Cannot record the reply",
        )

    def delete_reply(self) -> None:
        rows = sorted({i.row() for i in self.replies_view.selectionModel().selectedRows()})
        if not rows:
            return
        chosen = [self.replies_model.row_at(r) for r in rows]
        what = (
            f"the reply of {chosen[0].member_state}"
            if len(chosen) == 1
            else f"{len(chosen)} replies"
        )
        if self.confirm(f"Delete {what}? Edit › Undo brings it back."):
            self._step(ops.delete_replies([r.id for r in chosen]), "Cannot delete")

    def delete(self) -> None:
        chosen = self.selected_ids()
        if not chosen:
            return
        what = "this draft" if len(chosen) == 1 else f"these {len(chosen)} drafts"
        if self.confirm(
            f"Delete {what} with its replies and stage dates? Edit › Undo brings it back."
        ):
            self._step(ops.delete_drafts(chosen), "Cannot delete")

    def _step(self, build: Builder, title: str) -> bool:
        """Whether the action was done (a refusal is shown, and changed nothing)."""
        return do_step(self, self.history, build, title) is not None

    # --- your reply ---------------------------------------------------------------------

    def _on_choice_clicked(self, number: int) -> None:
        row = self.selected()
        if row is None:
            return
        choice = None if number == NO_CHOICE else list(ReplyChoice)[number]
        if choice is not None and not self.profile.member_state and not self.edit_profile():
            self._show_reply(row)  # no Member State: nothing recorded
            return
        build = ops.set_own_reply(
            row.id, self.profile.member_state, choice, self.note.toPlainText()
        )
        if not self._step(build, "Cannot record your reply"):
            self._show_reply(row)

    def _on_note_changed(self) -> None:
        self.save_note.setEnabled(
            self.note.toPlainText() != self._note_saved and self.choices.checkedId() != NO_CHOICE
        )

    def store_note(self) -> None:
        number = self.choices.checkedId()
        if self._note_draft is None or number == NO_CHOICE:
            return
        build = ops.set_own_reply(
            self._note_draft,
            self.profile.member_state,
            list(ReplyChoice)[number],
            self.note.toPlainText(),
        )
        self._step(build, "Cannot save the note")

    def _save_pending_note(self) -> None:
        """A note typed and not saved is saved before another draft is shown."""
        if self.save_note.isEnabled():
            self.store_note()

    def edit_profile(self) -> bool:
        """Ask for the Administration's profile and store it; whether it was stored."""
        store: Store = self.history.store
        answer = self.ask_profile(self.profile)
        if answer is None:
            return False
        try:
            self.profile = ops.save_profile(store, answer)
        except ActionError as exc:
            QMessageBox.warning(self, "Cannot save the profile", str(exc))
            return False
        self._show_reply(self.selected())
        return True
