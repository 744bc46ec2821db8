"""The main window: a section list, the sections, and the meeting selector."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from sg20desk import __version__
from sg20desk.actions import preferences, queries
from sg20desk.actions.agenda_rows import agenda_only
from sg20desk.actions.history import History, StaleEditError, Step
from sg20desk.db.store import Store
from sg20desk.rules.timezones import utc_now, zone_label
from sg20desk.ui.models.base import ID_ROLE
from sg20desk.ui.models.meetings_model import MeetingsModel
from sg20desk.ui.sections.common import name
from sg20desk.ui.sections.overview import OverviewSection

if TYPE_CHECKING:
    from sg20desk.ui.sections.agenda import AgendaSection
    from sg20desk.ui.sections.deadlines import DeadlinesSection
    from sg20desk.ui.sections.drafts import DraftsSection
    from sg20desk.ui.sections.schedule import ScheduleSection

SECTIONS = ("Overview", "Agenda", "Drafts", "Deadlines", "Schedule")


class MainWindow(QMainWindow):
    """The sg20desk window.

    Signals:
        meetingShown(str): the id of the meeting whose data the sections now show.
    """

    meetingShown = Signal(str)

    def __init__(self, store: Store, now: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.store = store
        self.history = History(store)
        self.history.listeners.append(self._on_history_changed)
        self._now = now
        self.meeting: queries.MeetingRow | None = None
        self.user_zone = "UTC"
        self._events: list[queries.EventRow] = []
        self._deadlines: list[queries.DeadlineRow] = []
        # sections whose data belongs to an earlier meeting or state, refreshed when shown
        self._stale: set[int] = set()
        self._agenda: AgendaSection | None = None  # once built
        self.setObjectName("mainWindow")
        self.resize(1280, 800)

        self.meetings = MeetingsModel(self)
        self.meeting_selector = QComboBox(self)
        self.meeting_selector.setModel(self.meetings)
        self.meeting_selector.setMinimumContentsLength(28)
        name(self.meeting_selector, "meetingSelector", "Meeting", "Which meeting the window shows")
        selector_label = QLabel("&Meeting:", self)
        selector_label.setBuddy(self.meeting_selector)
        toolbar = QToolBar("Meeting", self)
        toolbar.setObjectName("meetingToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(selector_label)
        toolbar.addWidget(self.meeting_selector)
        self.addToolBar(toolbar)

        self.overview = OverviewSection(now, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.overview)
        # the other sections are built the first time they are shown (start-up stays quick)
        self._built: dict[int, QWidget] = {0: self.overview}
        for _ in SECTIONS[1:]:
            self.stack.addWidget(QWidget(self))

        self.section_list = QListView(self)
        self.section_list.setModel(QStringListModel(list(SECTIONS), self))
        self.section_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.section_list.setMaximumWidth(200)
        name(self.section_list, "sectionList", "Sections", "Choose a section; Ctrl+1 to Ctrl+5")
        self.section_list.selectionModel().currentChanged.connect(self._on_section_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.section_list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([150, 1130])
        self.setCentralWidget(splitter)

        self._build_menus()
        self.status = QLabel(self)
        self.statusBar().addWidget(self.status, 1)
        self.meeting_selector.currentIndexChanged.connect(self._on_meeting_selected)
        self.show_section(0)

    # --- menus --------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self._on_history_changed()

        view_menu = self.menuBar().addMenu("&View")
        self.section_actions: list[QAction] = []
        for number, title in enumerate(SECTIONS):
            action = QAction(f"&{number + 1} {title}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.setToolTip(f"Show {title} (Ctrl+{number + 1})")
            action.triggered.connect(lambda _checked=False, n=number: self.show_section(n))
            view_menu.addAction(action)
            self.section_actions.append(action)
        view_menu.addSeparator()
        choose = QAction("Choose &meeting", self)
        choose.setShortcut(QKeySequence("Ctrl+Shift+M"))
        choose.triggered.connect(self._on_choose_meeting)
        view_menu.addAction(choose)

        self._help_menu = help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About sg20desk", self)
        about.triggered.connect(self._on_about)
        help_menu.addAction(about)

    # --- navigation ---------------------------------------------------------------------

    @property
    def agenda(self) -> AgendaSection:
        return self._section(SECTIONS.index("Agenda"))  # type: ignore[return-value]

    @property
    def drafts(self) -> DraftsSection:
        return self._section(SECTIONS.index("Drafts"))  # type: ignore[return-value]

    @property
    def deadlines(self) -> DeadlinesSection:
        return self._section(SECTIONS.index("Deadlines"))  # type: ignore[return-value]

    @property
    def schedule(self) -> ScheduleSection:
        return self._section(SECTIONS.index("Schedule"))  # type: ignore[return-value]

    def _section(self, number: int) -> QWidget:
        """The section widget, built on first use in place of its placeholder."""
        if number in self._built:
            return self._built[number]
        title = SECTIONS[number]
        widget: QWidget
        if title == "Agenda":
            from sg20desk.ui.sections.agenda import AgendaSection

            section = AgendaSection(self.history, self)
            self._agenda = section
            self.menuBar().insertMenu(self._help_menu.menuAction(), section.menu)
            widget = section
        elif title == "Drafts":
            from sg20desk.ui.sections.drafts import DraftsSection

            widget = DraftsSection(self)
        elif title == "Deadlines":
            from sg20desk.ui.sections.deadlines import DeadlinesSection

            widget = DeadlinesSection(self.history, self._now, self)
        else:
            from sg20desk.ui.sections.schedule import ScheduleSection

            widget = ScheduleSection(self)
        current = self.stack.currentIndex()
        placeholder = self.stack.widget(number)
        self.stack.insertWidget(number, widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        self._built[number] = widget
        return widget

    def show_section(self, number: int) -> None:
        """Select a section in the list; the list's change signal does the switching."""
        index = self.section_list.model().index(number, 0)
        self.section_list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def current_section(self) -> str:
        return SECTIONS[self.stack.currentIndex()]

    def _on_section_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if 0 <= current.row() < len(SECTIONS):
            self._refresh_if_stale(current.row())
            self.stack.setCurrentIndex(current.row())
            if self._agenda is not None:  # its menu is offered while it is shown
                self._agenda.menu.menuAction().setVisible(SECTIONS[current.row()] == "Agenda")

    # --- undo ---------------------------------------------------------------------------

    def undo(self) -> None:
        self._step(self.history.undo)

    def redo(self) -> None:
        self._step(self.history.redo)

    def _step(self, move: Callable[[], Step | None]) -> None:
        try:
            move()  # the history then calls _on_history_changed with the step
        except StaleEditError as exc:
            QMessageBox.warning(self, "Cannot undo", str(exc))

    def _on_history_changed(self, step: Step | None = None) -> None:
        """Rename Undo and Redo after the history, and show what ``step`` changed."""
        if step is not None:
            self._show_step(step)
        for action, verb, step_name in (
            (self.undo_action, "Undo", self.history.undo_name),
            (self.redo_action, "Redo", self.history.redo_name),
        ):
            action.setEnabled(step_name is not None)
            text = f"{step_name[0].lower()}{step_name[1:]}" if step_name else ""
            action.setText(f"&{verb} {text}".rstrip())
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text().replace('&', '')} ({keys})")

    def _show_step(self, step: Step) -> None:
        """Show a step done, undone or redone: in its meeting, and in the agenda as a patch
        when the agenda is all it changed (other sections catch up when next shown)."""
        shown = self.meeting.id if self.meeting is not None else None
        agenda = SECTIONS.index("Agenda")
        if step.meeting_id is not None and step.meeting_id != shown:
            self.meeting_selector.setCurrentIndex(self.meetings.row_of(step.meeting_id))
        elif self.meeting is not None and agenda_only(step.rows):
            self._stale.add(SECTIONS.index("Drafts"))  # it shows each draft's agenda item
            if self._agenda is not None and agenda not in self._stale:
                if self.stack.currentIndex() == agenda:
                    self._agenda.apply_step(step)
                else:
                    self._stale.add(agenda)
            self._refresh_if_stale(self.stack.currentIndex())  # the Drafts section, say
        elif self.meeting is not None:
            self.show_meeting(self.meeting.id)
        if step.focus and self._agenda is not None and self.stack.currentIndex() == agenda:
            self._agenda.select(step.focus)

    def _on_choose_meeting(self) -> None:
        self.meeting_selector.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.meeting_selector.showPopup()

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            "About sg20desk",
            f"sg20desk {__version__}\nPlan, chair and follow ITU-T study-group meetings.\n\n"
            f"Store: {self.store.path}",
        )

    # --- data ---------------------------------------------------------------------------

    def load(self, meeting_code: str | None = None) -> None:
        """Fill the meeting list and show ``meeting_code`` (default: the current meeting)."""
        with self.store.read() as connection:
            rows = queries.meetings(connection)
            chosen = queries.meeting(connection, meeting_code, self._now().date()) if rows else None
        self.meeting_selector.blockSignals(True)
        try:
            self.meetings.set_rows(rows)
            if chosen is not None:
                self.meeting_selector.setCurrentIndex(self.meetings.row_of(chosen.id))
        finally:
            self.meeting_selector.blockSignals(False)
        if chosen is None:
            self.status.setText(f"Store {self.store.path}: no meetings yet.")
            return
        self.show_meeting(chosen.id)

    def _on_meeting_selected(self, row: int) -> None:
        meeting_id = self.meeting_selector.itemData(row, ID_ROLE)
        if meeting_id:
            self.show_meeting(uuid.UUID(meeting_id))

    def show_meeting(self, meeting_id: uuid.UUID) -> None:
        """Show a meeting: the overview now, the other sections when they are shown."""
        with self.store.read() as connection:
            meeting = queries.meeting(connection, meeting_id, self._now().date())
            self._deadlines = queries.deadlines(connection, meeting_id)
            self._events = queries.events(connection, meeting_id)
            self.user_zone = preferences.user_zone(connection)
        self.meeting = meeting
        home, mine = meeting.timezone, self.user_zone
        self.overview.show_meeting(meeting, self._deadlines, self._events, mine)
        self._stale = set(range(1, len(SECTIONS)))
        self._refresh_if_stale(self.stack.currentIndex())
        self.setWindowTitle(f"{meeting.label} — sg20desk")
        zones = zone_label(home) + (f" and your zone {mine}" if mine != home else "")
        self.status.setText(f"Times in {zones} · store {self.store.path}")
        self.meetingShown.emit(str(meeting_id))

    def _refresh_if_stale(self, number: int) -> None:
        if number not in self._stale or self.meeting is None:
            return
        self._stale.discard(number)
        meeting, mine = self.meeting, self.user_zone
        home = meeting.timezone
        section = SECTIONS[number]
        if section == "Schedule":
            self.schedule.show_rows(self._events, home, mine)
        elif section == "Deadlines":
            self.deadlines.show_rows(meeting.id, self._deadlines, home, mine)
        elif section == "Agenda":
            self.agenda.show_meeting(meeting.id)
        elif section == "Drafts":
            with self.store.read() as connection:
                drafts = queries.drafts(connection, meeting.id)
            self.drafts.show_rows(drafts, home, mine)
