"""Agenda section: the numbered tree, edited in place, with the selected item's notes.

Every edit goes through :mod:`sg20desk.actions.agenda` and the window's history, so it is
one transaction and one undo step; the window then hands the step back to
:meth:`AgendaSection.apply_step`, which reads what it changed and patches the tree.
Shortcuts follow word processors' outline keys (Alt+Shift+arrows move and indent), which
no standard Qt key uses.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, time
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions import agenda as ops
from sg20desk.actions import queries
from sg20desk.actions import timetable as tt
from sg20desk.actions.agenda_rows import (
    AgendaRow,
    agenda_entries,
    agenda_patch,
    numbering_frozen,
)
from sg20desk.actions.history import ActionError, Builder, History, StaleEditError, Step
from sg20desk.db.schema import EventKind
from sg20desk.rules.timetable import parse_minutes
from sg20desk.rules.timezones import (
    format_span,
    format_weekday_clock,
    in_zone,
    utc_now,
    zone_abbreviation,
)
from sg20desk.ui.models.agenda_model import (
    DOCUMENTS,
    MINUTES,
    NUMBER,
    RENUMBERED,
    STARTS,
    TITLE,
    AgendaModel,
    Start,
)
from sg20desk.ui.models.base import ID_ROLE
from sg20desk.ui.sections.common import (
    name,
    ok_cancel,
    plain_label,
    shortcut_action,
    titled_split,
    tree,
)
from sg20desk.ui.sections.timetable_panel import (
    AskSession,
    SessionForm,
    TimetablePanel,
    ask_session,
)

#: asks the user a yes/no question: (title, question, details) -> yes
Ask = Callable[[str, str, str], bool]
#: asks the user to pick or type a value: (title, label, choices, proposed) -> value or None
Choose = Callable[[str, str, list[str], str], str | None]


class NotesEdit(QPlainTextEdit):
    """The notes box; says when the user leaves it, which is when notes are saved.

    Signals:
        left(): focus moved elsewhere.
    """

    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


def ask(parent: QWidget, title: str, question: str, details: str) -> bool:
    """A confirmation showing ``details`` (say, the full renumbering) in a scrolling box."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(plain_label(question, dialog))
    if details:
        box = QPlainTextEdit(details, dialog)
        box.setReadOnly(True)
        name(box, "confirmDetails", "Details")
        layout.addWidget(box)
    buttons = ok_cancel(dialog)
    layout.addWidget(buttons)
    dialog.resize(520, 420 if details else 140)
    return dialog.exec() == QDialog.DialogCode.Accepted


def choose_text(
    parent: QWidget, title: str, label: str, choices: list[str], proposed: str
) -> str | None:
    """Pick one of ``choices``, or type a value when there are none to pick from."""
    if choices:
        at = choices.index(proposed) if proposed in choices else 0
        value, ok = QInputDialog.getItem(parent, title, label, choices, at, False)
    else:
        value, ok = QInputDialog.getText(parent, title, label, text=proposed)
    return str(value) if ok else None


class AgendaSection(QWidget):
    """The agenda editor of one meeting at a time, writing through ``history``."""

    def __init__(self, history: History, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.meeting_id: uuid.UUID | None = None
        self.frozen = False
        self.ask: Ask = lambda title, question, details: ask(self, title, question, details)
        self.choose: Choose = lambda title, label, choices, proposed: choose_text(
            self, title, label, choices, proposed
        )
        self.ask_session: AskSession = lambda title, proposed, new: ask_session(
            self, title, proposed, new
        )
        self.sessions: list[tt.SessionRow] = []
        self.model = AgendaModel(self)
        self.view = tree(self)
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        name(
            self.view,
            "agendaView",
            "Agenda",
            "Agenda items with their numbers and documents; F2 edits, Alt+Shift+arrows move",
        )
        header = self.view.header()
        # numbers are fitted on loading and widened by patches (see _fit_numbers): a column
        # sized to its contents would measure every row after every move
        header.setSectionResizeMode(NUMBER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DOCUMENTS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RENUMBERED, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(DOCUMENTS, 160)
        self.view.setColumnHidden(RENUMBERED, True)
        self.view.setColumnHidden(STARTS, True)
        header.setSectionResizeMode(MINUTES, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STARTS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(MINUTES, 48)
        header.resizeSection(STARTS, 84)

        self.message = plain_label("", self)
        name(self.message, "agendaMessage", "Agenda message")
        self.message.setStyleSheet("color: #a40000;")
        self.message.hide()

        self.detail = plain_label("", self)
        name(self.detail, "agendaDetail", "Selected agenda item")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.notes = NotesEdit(self)
        self.notes.setPlaceholderText("Your notes on this item (kept private, saved as you leave)")
        self.notes.setTabChangesFocus(True)
        name(self.notes, "agendaNotes", "Notes on the selected item")
        notes_label = QLabel("&Notes:", self)
        notes_label.setBuddy(self.notes)
        pane = QWidget(self)
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(8, 4, 8, 4)
        pane_layout.addWidget(self.detail)
        pane_layout.addWidget(notes_label)
        pane_layout.addWidget(self.notes, 1)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.message)
        self.timetable = TimetablePanel(self)
        self.timetable.itemChosen.connect(lambda key: self.select([uuid.UUID(key)]))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("agendaTabs")
        self.tabs.addTab(pane, "&Item")
        self.tabs.addTab(self.timetable, "&Timetable")
        titled_split(self, "Agenda", top, self.tabs, (5, 2))

        self.menu = QMenu("&Agenda", self)
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(
            lambda pos: self.menu.exec(self.view.viewport().mapToGlobal(pos))
        )
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.editRequested.connect(self._on_edit_requested)
        self.model.moveRequested.connect(self._on_move_requested)
        self.notes.left.connect(self._save_notes)
        self._notes_item: uuid.UUID | None = None

    # --- actions ----------------------------------------------------------------------

    def _build_actions(self) -> None:
        def add(key: str, text: str, shortcut: str | QKeySequence, slot: Callable[[], Any]) -> None:
            action = shortcut_action(self, text, shortcut, slot, f"agenda_{key}")
            self.menu.addAction(action)
            self.actions_by_name[key] = action

        add("move_up", "Move &up", "Alt+Shift+Up", lambda: self._do_selected(ops.move_up))
        add("move_down", "Move &down", "Alt+Shift+Down", lambda: self._do_selected(ops.move_down))
        add("indent", "&Indent", "Alt+Shift+Right", lambda: self._do_selected(ops.indent))
        add("outdent", "&Outdent", "Alt+Shift+Left", lambda: self._do_selected(ops.outdent))
        self.menu.addSeparator()
        add("insert_after", "Insert item &after", "Ins", lambda: self._insert(ops.Where.AFTER))
        add(
            "insert_before",
            "Insert item &before",
            "Alt+Ins",
            lambda: self._insert(ops.Where.BEFORE),
        )
        add(
            "insert_child",
            "Insert &sub-item",
            "Alt+Shift+Ins",
            lambda: self._insert(ops.Where.CHILD),
        )
        add(
            "insert_line",
            "Insert unnumbered &line",
            "Ctrl+Alt+Ins",
            lambda: self._insert(ops.Where.CHILD, numbered=False),
        )
        add("edit", "&Edit title", "F2", lambda: self._edit_column(TITLE))
        add("documents", "Edit &documents", "Alt+Shift+D", lambda: self._edit_column(DOCUMENTS))
        add("delete", "De&lete", QKeySequence(QKeySequence.StandardKey.Delete), self._delete)
        self.menu.addSeparator()
        add("freeze", "&Freeze numbering", "", self._toggle_freeze)
        self.actions_by_name["freeze"].setCheckable(True)
        add("renumber", "&Renumber...", "", self._renumber)
        self.menu.addSeparator()
        add("issue", "Issue re&vision...", "", self._issue_revision)
        add("compare", "&Compare with revision...", "", self._compare)
        self.menu.addSeparator()
        add("assign", "Assign to &session...", "Alt+Shift+S", self._assign_session)
        add("minutes", "Allocate &minutes", "Alt+Shift+M", lambda: self._edit_column(MINUTES))
        add("add_session", "&Add session...", "", self._add_session)
        add("change_session", "C&hange session...", "", self._change_session)
        # F2 is the view's own edit key too: leave it to the view inside the tree
        self.actions_by_name["edit"].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def selected_ids(self) -> list[uuid.UUID]:
        rows = self.view.selectionModel().selectedRows(0)
        out = [r.id for i in rows if (r := self.model.row_for(i)) is not None]
        if not out:
            current = self.model.row_for(self.view.currentIndex())
            out = [current.id] if current is not None else []
        return out

    def run(self, builder: Builder) -> bool:
        """Do one action through the history; show why when it cannot be done.

        The history tells the window, which has this section show the step.
        """
        if self.meeting_id is None:
            return False
        try:
            step = self.history.do(builder)
        except (ActionError, StaleEditError) as exc:
            self.show_message(str(exc))
            return False
        self.show_message("")
        return step is not None

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _do_selected(self, action: Callable[[uuid.UUID, Sequence[uuid.UUID]], Builder]) -> None:
        if self.meeting_id is not None:
            self.run(action(self.meeting_id, self.selected_ids()))

    def _insert(self, where: ops.Where, *, numbered: bool = True) -> None:
        if self.meeting_id is None:
            return
        ids = self.selected_ids()
        relative = ids[-1] if ids else None
        title = "New line" if not numbered else "New item"
        if self.run(ops.insert_item(self.meeting_id, relative, where, title, numbered=numbered)):
            self.view.edit(self.view.currentIndex().siblingAtColumn(TITLE))

    def _edit_column(self, column: int) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.setCurrentIndex(index.siblingAtColumn(column))
            self.view.edit(index.siblingAtColumn(column))

    def _delete(self) -> None:
        ids = self.selected_ids()
        if self.meeting_id is None or not ids:
            return
        with self.history.store.read() as connection:
            below = ops.count_below(connection, ids)
        if below:
            labels = ", ".join(r.label for i in ids if (r := self.model.row_by_id(i)) is not None)
            question = f"Delete {labels} and the {below} items under it?"
            if not self.ask("Delete agenda items", question, ""):
                return
        self.run(ops.delete_items(self.meeting_id, ids))

    def _toggle_freeze(self) -> None:
        if self.meeting_id is not None:
            self.run(ops.set_frozen(self.meeting_id, not self.frozen))
        self.actions_by_name["freeze"].setChecked(self.frozen)

    def _renumber(self) -> None:
        if self.meeting_id is None:
            return
        if not self.frozen:
            self.show_message("Numbering follows the tree already; freeze it to keep numbers.")
            return
        with self.history.store.read() as connection:
            plan = ops.renumber_plan(connection, self.meeting_id)
        if not plan:
            self.show_message("Every item already has the number its place gives.")
            return
        details = "\n".join(f"{now:>8}  →  {after}" for _id, now, after in plan)
        count = len(plan)
        question = f"Renumber {count} {'item' if count == 1 else 'items'} as follows?"
        if self.ask("Renumber the agenda", question, details):
            self.run(ops.renumber(self.meeting_id))

    def _issue_revision(self) -> None:
        if self.meeting_id is None:
            return
        with self.history.store.read() as connection:
            proposed = ops.next_revision_label(connection, self.meeting_id)
        label = self.choose("Issue revision", "Name of the revision:", [], proposed)
        if not label:
            return
        freeze = not self.frozen and self.ask(
            "Issue revision",
            f"Freeze numbering at the numbers issued in {label}?",
            "Frozen numbers stay while items move; Renumber applies new ones when you choose.",
        )
        now = utc_now()
        snapshot = [r.snapshot() for r in self.model.rows()]
        self.run(
            ops.issue_revision(self.meeting_id, label, now.date(), now, snapshot, freeze=freeze)
        )

    def _compare(self) -> None:
        if self.meeting_id is None:
            return
        with self.history.store.read() as connection:
            labels = [r.label for r in queries.revisions(connection, self.meeting_id)]
        if not labels:
            self.show_message("No revision has been issued yet: Agenda › Issue revision.")
            return
        label = self.choose("Compare", "Compare the agenda now with:", labels, labels[-1])
        if not label:
            return
        with self.history.store.read() as connection:
            changes = queries.compare_versions(connection, self.meeting_id, label)
        lines = [c.describe() for c in changes] or ["no changes"]
        self.ask(
            f"Agenda: {label} → now", f"{len(changes)} changes since {label}:", "\n".join(lines)
        )

    def _on_edit_requested(self, item_id: str, column: int, text: str) -> None:
        if self.meeting_id is None:
            return
        key = uuid.UUID(item_id)
        if column == TITLE:
            self.run(ops.edit_item(self.meeting_id, key, title=text))
        elif column == DOCUMENTS:
            self.run(ops.set_documents(self.meeting_id, key, text))
        elif column == MINUTES:
            try:
                minutes = parse_minutes(text)
            except ValueError as exc:
                label = row.label if (row := self.model.row_by_id(key)) else "the item"
                self.show_message(f"Time of {label} not changed: {exc}")
                return
            self.run(ops.edit_item(self.meeting_id, key, minutes=minutes))

    # --- sessions and the timetable ---------------------------------------------------

    def _assign_session(self) -> None:
        ids = self.selected_ids()
        if self.meeting_id is None or not ids:
            return
        if not self.sessions:
            self.show_message("This meeting has no sessions yet: Agenda › Add session.")
            return
        none = "(none: as the item above it)"
        labels = [s.label for s in self.sessions] + [none]
        current = self.model.row_by_id(ids[0])
        proposed = next(
            (s.label for s in self.sessions if current and s.id == current.event_id), labels[0]
        )
        chosen = self.choose("Assign to session", "Take the items in:", labels, proposed)
        if chosen is None:
            return
        event = next((s.id for s in self.sessions if s.label == chosen), None)
        self.run(tt.assign_session(self.meeting_id, ids, event))

    def _add_session(self) -> None:
        if self.meeting_id is None:
            return
        last = self.sessions[-1].day if self.sessions else date.today()
        proposed = SessionForm("Plenary", EventKind.PLENARY, last, time(9, 30), time(12, 30))
        form = self.ask_session("Add session", proposed, True)
        if form is not None:
            self.run(
                tt.add_session(
                    self.meeting_id, form.title, form.day, form.starts, form.ends, form.kind
                )
            )

    def _change_session(self) -> None:
        if self.meeting_id is None or not self.sessions:
            self.show_message("This meeting has no sessions yet: Agenda › Add session.")
            return
        labels = [s.label for s in self.sessions]
        chosen = self.choose("Change session", "Session:", labels, labels[0])
        session = next((s for s in self.sessions if s.label == chosen), None)
        if session is None:
            return
        zone = session.zone
        starts = in_zone(session.starts, zone).time() if session.starts else time(9, 30)
        ends = in_zone(session.ends, zone).time() if session.ends else None
        proposed = SessionForm(session.title, EventKind.OTHER, session.day, starts, ends)
        form = self.ask_session("Change session", proposed, False)
        if form is not None:
            self.run(
                tt.set_session_times(
                    self.meeting_id, session.id, form.title, form.day, form.starts, form.ends
                )
            )

    def _replan(self) -> None:
        """Work out the timetable again and show it in the Starts column and the tab."""
        scheduled = self.model.scheduled()
        rows = self.model.rows() if scheduled else []
        plans = tt.plan_agenda(rows, self.sessions)
        zone = self.sessions[0].zone if self.sessions else "UTC"
        starts: dict[uuid.UUID, Start] = {}
        for plan in plans:
            for slot in plan.slots:
                if slot.start is None:
                    continue
                tip = f"{plan.session.title}, {format_span(slot.start, slot.end, zone)}"
                if slot.overruns:
                    tip += ": past the session's end"
                text = format_weekday_clock(slot.start, zone)
                starts[slot.key] = Start(text, tip, slot.overruns)
        self.model.set_starts(starts)
        first = next((s.starts for s in self.sessions if s.starts is not None), None)
        named = f"Starts ({zone_abbreviation(first, zone)})" if first is not None else "Starts"
        if self.model.headerData(STARTS, Qt.Orientation.Horizontal) != named:
            self.model.setHeaderData(STARTS, Qt.Orientation.Horizontal, named)
        self.view.setColumnHidden(STARTS, not scheduled)
        self.timetable.show_plans(plans, {r.id: r for r in rows}, zone)

    def _on_move_requested(self, ids: list[str], parent: str, row: int) -> None:
        if self.meeting_id is not None:
            target = uuid.UUID(parent) if parent else None
            self.run(ops.move(self.meeting_id, [uuid.UUID(i) for i in ids], target, row))

    def _save_notes(self) -> None:
        """Store what the user typed in the notes box (only that: a refill is no edit)."""
        key = self._notes_item
        if key is None or self.meeting_id is None or not self.notes.document().isModified():
            return
        self.notes.document().setModified(False)
        text = self.notes.toPlainText()
        current = self.model.row_by_id(key)
        if current is not None and text != current.notes:
            self.run(ops.edit_item(self.meeting_id, key, notes=text))

    # --- showing ----------------------------------------------------------------------

    def show_meeting(self, meeting_id: uuid.UUID) -> None:
        """Read and show a meeting's agenda; the same meeting keeps selection and scroll."""
        with self.history.store.read() as connection:
            entries = agenda_entries(connection, meeting_id)
            frozen = numbering_frozen(connection, meeting_id)
            self.sessions = tt.sessions(connection, meeting_id)
        keep = self.selected_ids()
        scroll = self.view.verticalScrollBar().value()
        if meeting_id != self.meeting_id:
            keep, scroll = [], 0
        self.meeting_id = meeting_id
        self.frozen = frozen
        self.actions_by_name["freeze"].setChecked(frozen)
        self.actions_by_name["renumber"].setEnabled(frozen)
        self.view.setColumnHidden(RENUMBERED, not frozen)
        self.model.load(entries, frozen)
        self._replan()
        self.view.expandAll()
        for column in (NUMBER, RENUMBERED):
            self.view.resizeColumnToContents(column)
        if keep:
            self.select(keep)
        self.view.verticalScrollBar().setValue(scroll)
        if not keep:
            numbered = sum(1 for e in entries if e.numbered)
            self.detail.setText(f"{numbered} numbered items" if entries else "No agenda yet.")
            self._show_notes(None)

    def apply_step(self, step: Step) -> None:
        """Show what a step did to this agenda, reading and redrawing only what it changed."""
        if self.meeting_id is None:
            return
        with self.history.store.read() as connection:
            patch = agenda_patch(connection, self.meeting_id, step.rows)
        patched = self.model.apply(patch) if patch is not None else None
        if patched is None:  # numbering frozen or let go, or more than the agenda changed
            self.show_meeting(self.meeting_id)
            return
        for key in patched.placed:  # rows put back in a new place come back collapsed
            if self.model.rowCount(index := self.model.index_of(key)):
                self.view.expandRecursively(index)
        self._fit_numbers(patched.redrawn)
        self._replan()
        self._show_row(self.model.row_for(self.view.currentIndex()))

    def _fit_numbers(self, ids: Iterable[uuid.UUID]) -> None:
        """Widen the number columns when one of the rows redrawn needs more room."""
        header = self.view.header()
        indent = self.view.indentation()
        for column in (NUMBER, RENUMBERED):
            widest = header.sectionSize(column)
            for key in ids:
                index = self.model.index_of(key, column)
                needed = self.view.sizeHintForIndex(index).width()
                if column == NUMBER:  # the tree column: room for the branch lines too
                    needed += indent * (self.model.depth_of(key) + 1)
                widest = max(widest, needed)
            if widest > header.sectionSize(column):
                header.resizeSection(column, widest)

    def select(self, ids: Sequence[uuid.UUID]) -> None:
        selection = self.view.selectionModel()
        indexes = [self.model.index_of(i) for i in ids]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        chosen = {i.data(ID_ROLE) for i in selection.selectedRows(0)}
        current = selection.currentIndex().data(ID_ROLE)
        if chosen == {str(i) for i in ids} and current == str(ids[0]):
            self.view.scrollTo(indexes[0])  # already chosen: spare the view a relayout
            return
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for index in indexes:
            selection.select(index, flags)
        selection.setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.scrollTo(indexes[0])
        self._show_row(self.model.row_for(indexes[0]))

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._save_notes()
        self._show_row(self.model.row_for(self.view.currentIndex()))

    def _show_row(self, row: AgendaRow | None) -> None:
        if row is None:
            return
        parts = [f"{row.label}  {row.title}"]
        if row.provisional:
            parts.append(f"Provisional: renumbering makes it {row.computed_number}")
        if row.draft_designation:
            parts.append(f"Draft Recommendation: {row.draft_designation}")
        if row.documents:
            parts.append(f"Documents: {', '.join(row.documents)}")
        self.detail.setText("\n".join(parts))
        self._show_notes(row)

    def _show_notes(self, row: AgendaRow | None) -> None:
        self._notes_item = row.id if row is not None else None
        self.notes.blockSignals(True)
        self.notes.setPlainText(row.notes if row is not None else "")
        self.notes.document().setModified(False)
        self.notes.blockSignals(False)
        self.notes.setEnabled(row is not None)
