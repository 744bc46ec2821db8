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
    QDialog,
    QFileDialog,
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
from sg20desk.actions.history import ActionError, Builder, History, StaleEditError, Step
from sg20desk.db import schema
from sg20desk.db.store import Store
from sg20desk.reports.kinds import Report
from sg20desk.rules.timezones import GENEVA, format_due, utc_now, zone_label
from sg20desk.ui.models.base import ID_ROLE
from sg20desk.ui.models.meetings_model import MeetingsModel
from sg20desk.ui.sections.common import ask_yes, do_step, name
from sg20desk.ui.sections.overview import OverviewSection

if TYPE_CHECKING:
    # (the meeting and deadline actions load when first used: start-up stays quick)
    from sg20desk.actions.deadlines import Moved
    from sg20desk.actions.meetings import MeetingFields
    from sg20desk.ui.reminders import Reminders
    from sg20desk.ui.sections.agenda import AgendaSection
    from sg20desk.ui.sections.deadlines import DeadlinesSection
    from sg20desk.ui.sections.drafts import DraftsSection
    from sg20desk.ui.sections.preferences_form import PreferencesForm
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
        self.reminders: Reminders | None = None  # once started
        # dialogs, replaceable in tests
        self.ask_meeting: Callable[[str, MeetingFields], MeetingFields | None] = self._ask_meeting
        self.ask_preferences: Callable[[PreferencesForm, str], PreferencesForm | None] = (
            self._ask_preferences
        )
        self.confirm: Callable[[str, str], bool] = lambda title, question: ask_yes(
            self, title, question
        )
        self.inform: Callable[[str, str], None] = self._inform
        self.save_path: Callable[[str, str, str], str | None] = self._save_path
        #: replaced in tests: (title, filters) -> the files chosen (none when cancelled)
        self.open_paths: Callable[[str, str], list[str]] = self._open_paths
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
        for text, keys, slot, object_name in (
            ("&New meeting...", "Ctrl+N", self.new_meeting, "newMeeting"),
            ("&Edit meeting...", "Ctrl+E", self.edit_meeting, "editMeeting"),
            ("&Delete meeting...", "", self.delete_meeting, "deleteMeeting"),
            ("&Import...", "Ctrl+I", lambda: self.import_files(), "importFiles"),
            (
                "E&xport calendar (.ics)...",
                "Ctrl+Shift+E",
                lambda: self.export_calendar(),
                "exportIcs",
            ),
            ("Export &my calendar (.ics)...", "", self.export_my_calendar, "exportMyIcs"),
        ):
            action = QAction(text, self)
            action.setObjectName(object_name)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            file_menu.addAction(action)
            if object_name == "deleteMeeting":
                file_menu.addSeparator()
        file_menu.addSeparator()
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
        edit_menu.addSeparator()
        preferences_action = QAction("&Preferences...", self)
        preferences_action.setObjectName("preferences")
        preferences_action.setShortcut(QKeySequence.StandardKey.Preferences)
        preferences_action.triggered.connect(self.edit_preferences)
        edit_menu.addAction(preferences_action)
        profile_action = QAction("Administration &profile...", self)
        profile_action.setObjectName("administrationProfile")
        profile_action.triggered.connect(lambda: self.drafts.edit_profile())
        edit_menu.addAction(profile_action)
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

        self._build_print_menu()

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

            widget = DraftsSection(self.history, self._now, self)
        elif title == "Deadlines":
            from sg20desk.ui.sections.deadlines import DeadlinesSection

            widget = DeadlinesSection(self.history, self._now, self)
        else:
            from sg20desk.ui.sections.schedule import ScheduleSection

            schedule = ScheduleSection(self.history, self)
            schedule.deadlineRequested.connect(self._on_deadline_requested)
            widget = schedule
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
        if any(change.table is schema.meeting for change in step.rows):
            # a meeting made, changed, deleted or brought back: the list changes too
            self.load(step.meeting_id or shown)
        elif step.meeting_id is not None and step.meeting_id != shown:
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

    def _on_deadline_requested(self, deadline_id: str) -> None:
        """Show one deadline in the Deadlines section, whatever its filter hid."""
        self.show_section(SECTIONS.index("Deadlines"))
        section = self.deadlines
        section.status_filter.setCurrentIndex(0)
        section.text_filter.clear()
        section.select([uuid.UUID(deadline_id)])
        section.view.setFocus()

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

    # --- meetings, preferences, reminders -----------------------------------------------

    def _do(self, build: Builder, title: str) -> Step | None:
        return do_step(self, self.history, build, title)

    def new_meeting(self) -> None:
        """A meeting of the same group, place and zone as the one shown, on today's date."""
        from sg20desk.actions.meetings import MeetingFields, create_meeting

        today = self._now().date()
        shown = self.meeting
        proposed = MeetingFields(
            "",
            shown.group if shown else "",
            "",
            shown.place if shown else "",
            shown.timezone if shown else self.user_zone,
            today,
            today,
        )
        while (answer := self.ask_meeting("New meeting", proposed)) is not None:
            if self._do(create_meeting(answer), "Cannot create the meeting") is not None:
                return
            proposed = answer

    def edit_meeting(self) -> None:
        from sg20desk.actions.meetings import MeetingFields, change_meeting

        if self.meeting is None:
            return
        meeting_id, proposed = self.meeting.id, MeetingFields.of(self.meeting)
        while (answer := self.ask_meeting("Edit meeting", proposed)) is not None:
            try:
                change = change_meeting(self.history, meeting_id, answer)
            except (ActionError, StaleEditError) as exc:
                QMessageBox.warning(self, "Cannot change the meeting", str(exc))
                proposed = answer
                continue
            if change.moved:
                self.inform("Deadlines moved with the meeting", self._moved_text(change.moved))
            return

    def _moved_text(self, moved: list[Moved]) -> str:
        home = self.meeting.timezone if self.meeting is not None else GENEVA
        lines = [f"{len(moved)} deadlines now fall due at another time ({zone_label(home)}):"]
        for item in moved:
            before, after = (
                "no date" if moment is None else format_due(moment, home, whole_day=item.whole_day)
                for moment in (item.before, item.after)
            )
            lines.append(f"• {item.title}: {before} → {after}")
        return "\n".join(lines)

    def delete_meeting(self) -> None:
        from sg20desk.actions.meetings import delete_meeting, describe_contents

        if self.meeting is None:
            return
        with self.store.read() as connection:
            contents = describe_contents(connection, self.meeting.id)
        question = (
            f"Delete the meeting {self.meeting.code} with its {contents}?\n\n"
            "Edit › Undo brings it back while sg20desk stays open."
        )
        if self.confirm("Delete meeting", question):
            self._do(delete_meeting(self.meeting.id), "Cannot delete the meeting")

    def edit_preferences(self) -> None:
        from sg20desk.rules.reminders import format_offsets
        from sg20desk.ui.sections.preferences_form import PreferencesForm

        with self.store.read() as connection:
            chosen = preferences.setting(connection, preferences.USER_ZONE_KEY)
            offsets = preferences.reminder_offsets(connection)
            paper = preferences.setting(connection, preferences.PAGE_SIZE_KEY) or "A4"
        proposed = PreferencesForm(chosen, format_offsets(offsets), paper)
        answer = self.ask_preferences(proposed, preferences.system_zone())
        if answer is None:
            return
        preferences.save_settings(
            self.store,
            {
                preferences.USER_ZONE_KEY: answer.zone,
                preferences.REMINDERS_KEY: answer.reminders.strip(),
                preferences.PAGE_SIZE_KEY: None if answer.paper == "A4" else answer.paper,
            },
        )
        if self.meeting is not None:
            self.show_meeting(self.meeting.id)

    def export_calendar(self, *, mine: bool = False) -> None:
        """Write the meeting's events (``mine``: those you attend) and deadlines to .ics."""
        from pathlib import Path

        from sg20desk.actions.calendar import export_calendar

        if self.meeting is None:
            return
        suggested = f"{self.meeting.code}{'-mine' if mine else ''}.ics"
        chosen = self.save_path("Export calendar", suggested, "iCalendar files (*.ics)")
        if chosen is None:
            return
        target = Path(chosen if chosen.lower().endswith(".ics") else f"{chosen}.ics")
        try:
            with self.store.read() as connection:
                count = export_calendar(
                    connection, self.meeting.id, target, mine=mine, stamp=self._now()
                )
        except OSError as exc:
            QMessageBox.warning(self, "Cannot export", f"{target}: {exc.strerror or exc}")
            return
        self.statusBar().showMessage(f"Wrote {count} entries to {target}", 10_000)

    def _build_print_menu(self) -> None:
        menu = self.menuBar().addMenu("&Print")
        menu.setObjectName("printMenu")
        self.print_actions: dict[str, QAction] = {}
        for report in Report:
            action = QAction(f"{report.label}...", self)
            action.setObjectName(f"print_{report.value}")
            if report is Report.AGENDA:
                action.setShortcut(QKeySequence.StandardKey.Print)
            action.triggered.connect(lambda _checked=False, r=report: self.print_report(r))
            menu.addAction(action)
            self.print_actions[report.value] = action
            if report in (Report.DIFF, Report.DEADLINES):
                menu.addSeparator()

    def print_report(self, report: Report) -> QDialog | None:
        """Open the preview of ``report`` for the meeting shown; returns the dialog."""
        from sg20desk.actions import printing
        from sg20desk.ui.print_preview import PreviewDialog

        if self.meeting is None:
            return None
        moment = self._now()
        try:
            with self.store.read() as connection:
                document = printing.prepare(
                    connection, printing.Request(report, self.meeting.id), moment
                )
                size = printing.page_size(connection)
        except ActionError as exc:
            QMessageBox.information(self, f"Cannot print the {report.label.lower()}", str(exc))
            return None
        dialog = PreviewDialog(
            document, size, moment, f"{self.meeting.code}-{report.value}.pdf", self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def import_files(self, paths: list[str] | None = None) -> QDialog | None:
        """Preview importing letters, a meeting file or a calendar (asked for when not
        given), then store it as one undo step when the user presses Import."""
        from pathlib import Path

        from sg20desk.ui.import_dialog import FILTERS, ImportDialog

        chosen = paths if paths is not None else self.open_paths("Import", FILTERS)
        if not chosen:
            return None
        meeting = self.meeting.code if self.meeting is not None else None
        dialog = ImportDialog(self.store, [Path(p) for p in chosen], meeting, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._store_import(dialog))
        dialog.open()
        return dialog

    def _store_import(self, dialog: QDialog) -> None:
        from sg20desk.actions import importing

        found = getattr(dialog, "found", None)
        if found is None:
            return
        try:
            step = importing.apply(self.history, found)
        except (ActionError, StaleEditError) as exc:
            QMessageBox.warning(self, "Nothing imported", str(exc))
            return
        if step is not None:
            self.statusBar().showMessage(found.summary(done=True), 10_000)

    def export_my_calendar(self) -> None:
        self.export_calendar(mine=True)

    def start_reminders(self) -> None:
        """Summarise what fell due while sg20desk was closed, then keep watching."""
        from sg20desk.ui.reminders import Reminders, reminder_line

        self.reminders = Reminders(self.store, self._now, self, self._zones)
        self.reminders.fell.connect(self._on_reminders_fell)
        missed = self.reminders.missed()
        if missed:
            lines = [reminder_line(r, *self._zones()) for r in missed]
            self.overview.show_banner(
                f"While sg20desk was closed, {len(missed)} reminders fell due:", lines
            )

    def _zones(self) -> tuple[str, str]:
        home = self.meeting.timezone if self.meeting is not None else GENEVA
        return home, self.user_zone

    def _on_reminders_fell(self, found: list[object]) -> None:
        self.statusBar().showMessage(f"{len(found)} deadline reminders: see the Deadlines", 60_000)
        if self.meeting is not None:
            self.show_meeting(self.meeting.id)  # times left and highlights move on

    def _ask_meeting(self, title: str, proposed: MeetingFields) -> MeetingFields | None:
        from sg20desk.ui.sections.meeting_form import ask_meeting

        return ask_meeting(self, title, proposed)

    def _ask_preferences(self, proposed: PreferencesForm, system: str) -> PreferencesForm | None:
        from sg20desk.ui.sections.preferences_form import ask_preferences

        return ask_preferences(self, proposed, system)

    def _inform(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def _open_paths(self, title: str, filters: str) -> list[str]:
        chosen, _ = QFileDialog.getOpenFileNames(self, title, "", filters)
        return list(chosen)

    def _save_path(self, title: str, suggested: str, filters: str) -> str | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, suggested, filters)
        return chosen or None

    # --- data ---------------------------------------------------------------------------

    def load(self, meeting: str | uuid.UUID | None = None) -> None:
        """Fill the meeting list and show ``meeting``, a code or id (default, or when it no
        longer exists: the current meeting)."""
        with self.store.read() as connection:
            rows = queries.meetings(connection)
            chosen = None
            if rows:
                try:
                    chosen = queries.meeting(connection, meeting, self._now().date())
                except queries.NotFoundError:
                    chosen = queries.meeting(connection, None, self._now().date())
        self.meeting_selector.blockSignals(True)
        try:
            self.meetings.set_rows(rows)
            if chosen is not None:
                self.meeting_selector.setCurrentIndex(self.meetings.row_of(chosen.id))
        finally:
            self.meeting_selector.blockSignals(False)
        if chosen is None:
            self.meeting = None
            self._stale = set(range(1, len(SECTIONS)))
            self.overview.show_nothing()
            self.show_section(0)  # the other sections would show the deleted meeting
            self.setWindowTitle("sg20desk")
            self.status.setText(
                f"Store {self.store.path}: no meetings yet. File › New meeting (Ctrl+N) adds one."
            )
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
            self.schedule.show_rows(
                meeting.id, meeting.first_day, self._events, self._deadlines, home, mine
            )
        elif section == "Deadlines":
            self.deadlines.show_rows(meeting.id, self._deadlines, home, mine)
        elif section == "Agenda":
            self.agenda.show_meeting(meeting.id)
        elif section == "Drafts":
            from sg20desk.actions import drafts

            with self.store.read() as connection:
                rows = drafts.standings(connection, meeting.id, self._now().date())
                items = queries.agenda(connection, meeting.id)
                profile = drafts.profile(connection)
            self.drafts.show_rows(meeting.id, rows, items, home, mine, profile)
