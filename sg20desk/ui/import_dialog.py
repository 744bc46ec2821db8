"""File › Import...: the letters, meeting file or calendar read on a worker thread, every
fact shown for review with what it was read as and where, and nothing stored until the
user says Import.

The Review tab lists the facts by kind (:class:`ReviewModel`). A letter's facts can be
corrected there: a check box (Space, or Delete) leaves a fact out, F2 corrects a deadline's
due date or title, an event's time or title or the meeting's title, place, dates and zone,
Ins adds a deadline the reader missed. Each change is a correction
(:mod:`sg20desk.actions.corrections`) applied to the letter's reading and planned against
the store again on a worker thread, with the Import button disabled until the plan is
back. The Details tab shows the whole preview as text, as ``sg20desk import --dry-run``
prints it. Import stores the reviewed reading and the corrections as one undo step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions import corrections as review
from sg20desk.actions import importing
from sg20desk.actions.corrections import Correction, CorrectionError
from sg20desk.actions.history import ActionError
from sg20desk.db.store import Store
from sg20desk.ui.models.import_model import FACT, VALUE, ReviewModel
from sg20desk.ui.sections.common import name, ok_cancel, plain_label, shortcut_action
from sg20desk.ui.sections.deadlines import understood
from sg20desk.ui.worker import start_on_thread, stop_thread

#: what File › Import... offers to open
FILTERS = (
    "Letters, meeting files and calendars (*.docx *.pdf *.txt *.json *.ics);;"
    "Letters (*.docx *.pdf *.txt);;Meeting files (*.json);;Calendars (*.ics);;All files (*)"
)


class Reading(QObject):
    """Reads the files and compares them with the store, away from the window's thread."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, store: Store, paths: Sequence[Path], meeting: str | None) -> None:
        super().__init__()
        self.store = store
        self.paths = list(paths)
        self.meeting = meeting
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            with self.store.read() as connection:
                found = importing.preview(connection, self.paths, meeting=self.meeting)
        except ActionError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # shown in the dialog, never raised into Qt's loop
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if not self.stop.is_set():
                self.finished.emit(found)


class Revising(QObject):
    """Applies other corrections to a preview and plans it against the store again."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self, store: Store, found: importing.Preview, corrections: Sequence[Correction]
    ) -> None:
        super().__init__()
        self.store = store
        self.found = found
        self.corrections = list(corrections)
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            with self.store.read() as connection:
                found = importing.revise(connection, self.found, self.corrections)
        except ActionError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # shown in the dialog, never raised into Qt's loop
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if not self.stop.is_set():
                self.finished.emit(found)


class ReviewView(QTreeView):
    """The facts' tree: Space ticks or unticks the current row's fact, whichever column
    the cursor is in; Enter asks to correct it (and never presses the dialog's Import).

    Signals:
        toggleRequested(QModelIndex): Space pressed on a row.
        editRequested(QModelIndex): Enter pressed on a row.
    """

    toggleRequested = Signal(QModelIndex)
    editRequested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if event.key() == Qt.Key.Key_Space and plain and self.currentIndex().isValid():
            self.toggleRequested.emit(self.currentIndex())
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if self.currentIndex().isValid():
                self.editRequested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


#: checks the texts of an edit: whether they can be taken, and what they were read as
Check = Callable[[list[str]], tuple[bool, str]]


def edit_dialog(
    parent: QWidget,
    title: str,
    fields: Sequence[tuple[str, str, str, str]],
    check: Check,
    accepted: Callable[[list[str]], None],
    said: str = "",
) -> QDialog:
    """A small dialog of text fields (label with its mnemonic, object name, accessible
    name, text) and a line saying how they were read, which only accepts what ``check``
    takes; ``accepted`` gets the texts. ``said`` (what the letter gives) is shown above
    the fields. Opened window-modal, not run: it returns at once."""
    dialog = QDialog(parent)
    dialog.setObjectName("correctionDialog")
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(560)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    form = QFormLayout(dialog)
    if said:
        letter = plain_label(said, dialog)
        name(letter, "correctionLetter", "What the letter gives")
        form.addRow(letter)
    edits = []
    for label, object_name, accessible, text in fields:
        edit = QLineEdit(text, dialog)
        name(edit, object_name, accessible)
        form.addRow(label, edit)
        edits.append(edit)
    reading = plain_label("", dialog)
    name(reading, "correctionReading", "How it was read")
    form.addRow("", reading)
    buttons = ok_cancel(dialog)
    form.addRow(buttons)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)

    def reread() -> None:
        fine, said = check([e.text() for e in edits])
        reading.setText(said)
        ok.setEnabled(fine)

    for edit in edits:
        edit.textChanged.connect(reread)
    reread()
    dialog.accepted.connect(lambda: accepted([e.text() for e in edits]))
    dialog.open()
    return dialog


def _checked(make: Callable[[], str]) -> tuple[bool, str]:
    """Whether ``make`` gives a correction, and what it was read as (or why not)."""
    try:
        return True, make()
    except CorrectionError as exc:
        return False, f"Not usable: {exc}"


class ImportDialog(QDialog):
    """The preview of one import, for review; accepted with the Import (or Update) button.

    ``found`` is the preview as last planned, the one Import stores; it is None until the
    files are read and while nothing can be imported.
    """

    def __init__(
        self,
        store: Store,
        paths: Sequence[Path],
        meeting: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.store = store
        names = ", ".join(p.name for p in paths)
        self.setWindowTitle(f"Import {names}")
        self._fit()
        self.found: importing.Preview | None = None
        self.wanted: list[Correction] = []  # the corrections the user has asked for
        self._planning: Revising | None = None
        self._threads: list[QThread] = []
        self._added = ""  # the key of a deadline just added, to go to once it is shown

        self.status = QLabel(f"Reading {names}…", self)
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Reading and comparing with the store")
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("importTabs")
        self.tabs.setAccessibleName("Review and details of the import")
        self.tabs.addTab(self._review_tab(), "&Review")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("importPreview")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("What the import would store or change")
        self.tabs.addTab(self.text, "&Details")

        buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("&Import", self)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel: import nothing")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self._enable_actions()

        self.job = Reading(store, paths, meeting)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.thread_ = start_on_thread(self, self.job)

    def _fit(self) -> None:
        """As large as the review wants, within the screen (1366x768 at least)."""
        width, height = 1320, 720
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 48)
        self.resize(width, height)

    def _review_tab(self) -> QWidget:
        tab = QWidget(self)
        self.review_tab = tab
        self.model = ReviewModel(self)
        self.model.includeRequested.connect(self._on_include_requested)
        self.tree = ReviewView(tab)
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        name(
            self.tree,
            "importReview",
            "What the letters were read as",
            "Each fact with its value as understood and where it was read; "
            "Space leaves a fact out or takes it in, F2 or Enter corrects it, Ins adds a "
            "deadline",
        )
        self.tree.toggleRequested.connect(self._on_toggle_requested)
        self.tree.doubleClicked.connect(lambda _index: self.edit())
        self.tree.editRequested.connect(lambda _index: self.edit())
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._enable_actions())
        facts_label = QLabel("&Facts as read (untick to leave one out):", tab)
        facts_label.setBuddy(self.tree)

        self.leave_out_action = shortcut_action(
            tab, "Lea&ve out", "Delete", self.leave_out, "leaveOutFact"
        )
        self.take_in_action = shortcut_action(tab, "&Take in again", "", self.take_in, "takeInFact")
        self.edit_action = shortcut_action(tab, "&Edit...", "F2", self.edit, "editFact")
        self.add_action = shortcut_action(
            tab, "&Add deadline...", "Ins", self.add_deadline, "addMissedDeadline"
        )
        row = QHBoxLayout()
        self.action_buttons: list[QPushButton] = []
        for action, accessible in (
            (self.leave_out_action, "Leave out the selected fact"),
            (self.take_in_action, "Take the selected fact in again"),
            (self.edit_action, "Correct the selected fact"),
            (self.add_action, "Add a deadline the letter gives and was not read"),
        ):
            button = QPushButton(action.text(), tab)
            button.setObjectName(f"{action.objectName()}Button")
            button.setAccessibleName(accessible)
            button.setToolTip(action.toolTip())
            button.setAutoDefault(False)
            button.clicked.connect(action.trigger)
            row.addWidget(button)
            self.action_buttons.append(button)
        row.addStretch(1)
        self.hint = plain_label("", tab)
        self.hint.setObjectName("reviewHint")
        row.addWidget(self.hint, 2)

        self.warnings = QPlainTextEdit(tab)
        self.warnings.setReadOnly(True)
        self.warnings.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.warnings.setTabChangesFocus(True)
        name(self.warnings, "importWarnings", "Warnings: what was not read or not kept")
        self.warnings.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.warnings_label = QLabel("&Warnings:", tab)
        self.warnings_label.setBuddy(self.warnings)

        layout = QVBoxLayout(tab)
        layout.addWidget(facts_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings)
        return tab

    # --- showing a preview ------------------------------------------------------------

    @Slot(object)
    def _on_finished(self, found: importing.Preview) -> None:
        stop_thread(self.thread_)
        self.wanted = list(found.corrections)
        self._show(found)
        self.tree.expandAll()
        self._size_columns()
        first = self.model.index(0, 0)
        self.tree.setCurrentIndex(first)
        (self.import_button if not found.nothing_to_store else self.tree).setFocus()

    def _show(self, found: importing.Preview) -> None:
        """Show ``found`` everywhere: the facts, the details, warnings and summary."""
        self.found = found
        self.progress.hide()
        current = self.model.fact_at(self.tree.currentIndex())
        rebuilt = self.model.set_groups(importing.review_facts(found))
        target = self._added or (current.key if current is not None else "")
        if rebuilt and target:
            self.tree.expandAll()
            self._go_to(target)
        self._added = ""
        self.text.setPlainText("\n".join(importing.describe(found)))
        lines = [str(w) for w in found.warnings] + [str(n) for n in found.notes]
        self.warnings.setPlainText("\n".join(lines) or "None.")
        count = f" ({len(lines)})" if lines else ""
        self.warnings_label.setText(f"&Warnings{count}:")
        nothing = found.nothing_to_store
        said = []
        if found.warnings:
            said.append(f"{len(found.warnings)} warnings")
        if found.notes:
            said.append(f"{len(found.notes)} notes on your corrections")
        warned = f" ({' and '.join(said)}, listed below)" if said else ""
        summary = found.summary()
        self.status.setText(
            f"{summary[0].upper()}{summary[1:]}{warned}."
            + ("" if nothing else " Nothing is stored until you press Import.")
        )
        self.status.setStyleSheet("")
        self.import_button.setText("&Update" if found.existing else "&Import")
        self.import_button.setEnabled(not nothing)
        self._enable_actions()

    def _size_columns(self) -> None:
        """The fact and its value wide, where it was read in what is left."""
        width = max(self.tree.viewport().width(), self.width() - 60, 600)
        self.tree.setColumnWidth(FACT, int(width * 0.40))
        self.tree.setColumnWidth(VALUE, int(width * 0.36))

    def _go_to(self, key: str) -> None:
        index = self.model.index_of(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        stop_thread(self.thread_)
        self.progress.hide()
        self.status.setText(f"Nothing can be imported: {message}")
        self.status.setStyleSheet("color: #b00020")
        self._enable_actions()

    def _enable_actions(self) -> None:
        found = self.found
        fact = self.model.fact_at(self.tree.currentIndex())
        correctable = found is not None and found.correctable
        self.leave_out_action.setEnabled(bool(fact and fact.can_leave_out and fact.included))
        self.take_in_action.setEnabled(
            bool(fact and fact.can_leave_out and not fact.included and not fact.added)
        )
        self.edit_action.setEnabled(bool(fact and fact.can_edit and fact.included))
        self.add_action.setEnabled(correctable and found is not None and found.scope.meeting)
        for button, action in zip(
            self.action_buttons,
            (self.leave_out_action, self.take_in_action, self.edit_action, self.add_action),
            strict=True,
        ):
            button.setEnabled(action.isEnabled())
        if found is not None and not found.correctable:
            self.hint.setText("Only letters are corrected; this file is stored as it is.")
        elif fact is not None and fact.letter_gave:
            self.hint.setText(fact.letter_gave)
        else:
            self.hint.setText("")

    # --- corrections ------------------------------------------------------------------

    def _replan(self, corrections: list[Correction]) -> None:
        """Plan the import again with ``corrections``, off the window's thread; Import
        waits until it is back. A change made meanwhile is planned once this one is."""
        self.wanted = corrections
        self.import_button.setEnabled(False)
        self.progress.show()
        self.status.setText("Applying your change and comparing with the store…")
        if self._planning is None:
            self._start_planning()

    def _start_planning(self) -> None:
        assert self.found is not None
        job = Revising(self.store, self.found, self.wanted)
        job.finished.connect(self._on_revised)
        job.failed.connect(self._on_revise_failed)
        self._planning = job
        self._threads.append(start_on_thread(self, job))

    def _finish_planning(self) -> list[Correction]:
        done = self._planning
        assert done is not None
        self._planning = None
        stop_thread(self._threads.pop())
        return done.corrections

    @Slot(object)
    def _on_revised(self, found: importing.Preview) -> None:
        asked = self._finish_planning()
        if asked != self.wanted:  # the user changed more meanwhile: plan that
            self.found = found
            self._start_planning()
            return
        self._show(found)

    @Slot(str)
    def _on_revise_failed(self, message: str) -> None:
        self._finish_planning()
        assert self.found is not None
        self.wanted = list(self.found.corrections)
        self._show(self.found)  # as it was before the change
        self.status.setText(f"That correction cannot be applied, so it was not made: {message}")
        self.status.setStyleSheet("color: #b00020")

    def _current(self) -> importing.Fact | None:
        return self.model.fact_at(self.tree.currentIndex())

    @Slot(QModelIndex)
    def _on_toggle_requested(self, index: QModelIndex) -> None:
        fact = self.model.fact_at(index)
        if fact is not None and fact.can_leave_out:
            self._include(fact, not fact.included)

    @Slot(str, bool)
    def _on_include_requested(self, key: str, included: bool) -> None:
        fact = next((f for f in self.model.facts() if f.key == key), None)
        if fact is not None:
            self._include(fact, included)

    def _include(self, fact: importing.Fact, included: bool) -> None:
        if self.found is None:
            return
        if fact.added:  # an added deadline left out is no longer added
            self._replan(review.without(self.wanted, fact.kind, fact.id, review.ADD))
        elif included:
            self._replan(review.without(self.wanted, fact.kind, fact.id, review.OMIT))
        else:
            made = review.leave_out(self.found.letter, fact.kind, fact.id)
            self._replan(review.revised(self.wanted, made))

    def leave_out(self) -> None:
        fact = self._current()
        if fact is not None and fact.can_leave_out and fact.included:
            self._include(fact, False)

    def take_in(self) -> None:
        fact = self._current()
        if fact is not None and fact.can_leave_out and not fact.included:
            self._include(fact, True)

    def edit(self) -> None:
        """Correct the current fact (F2), in a small dialog that reads back what is typed."""
        fact = self._current()
        found = self.found
        if fact is None or found is None or not fact.can_edit or not fact.included:
            return
        shown = review.facts(found.document).get((fact.kind, fact.id), {})
        if fact.kind == review.DEADLINE:
            self._edit_deadline(fact, shown)
        elif fact.kind == review.EVENT:
            self._edit_event(fact, shown)
        elif fact.kind == review.MEETING:
            self._edit_meeting(fact)

    def _typed(self, fact: importing.Fact, field: str) -> str:
        return next(
            (
                c.typed
                for c in review.corrected(self.wanted, fact.kind, fact.id)
                if c.field == field
            ),
            "",
        )

    def _edit_deadline(self, fact: importing.Fact, shown: dict[str, object]) -> None:
        assert self.found is not None
        found = self.found
        zone = str(found.document["meeting"]["timezone"])
        if fact.added:
            start_due = self._typed(fact, review.ADD)
        else:
            start_due = self._typed(fact, review.DUE) or review.due_phrase(dict(shown), zone)
        start_title = str(shown.get("title", ""))

        def made(texts: list[str]) -> list[Correction]:
            title, due = texts
            if fact.added:
                return [review.add_deadline(found.document, title, due, fact.id)]
            return _title_and(found, fact, title, review.DUE, due, start_due)

        def check(texts: list[str]) -> tuple[bool, str]:
            fine, said = understood(texts[1], zone)
            if not fine:
                return fine, said
            return _checked(lambda: (made(texts), said)[1])

        self._open_edit(
            "Correct deadline" if not fact.added else "Change added deadline",
            [
                ("&Deadline:", "correctionTitle", "What is due", start_title),
                ("D&ue:", "correctionDue", "Due", start_due),
            ],
            check,
            lambda texts: self._replan(review.revised(self.wanted, *made(texts))),
            self._letter_gives(fact),
        )

    def _letter_gives(self, fact: importing.Fact) -> str:
        """What the letter gives for a fact, and where, as an edit shows it."""
        assert self.found is not None
        if fact.added:
            return "A deadline you added; the letters do not give it."
        read = review.facts(self.found.letter).get((fact.kind, fact.id), {})
        meeting = self.found.letter["meeting"]
        if fact.kind == review.DEADLINE:
            days = (
                date.fromisoformat(meeting["first_day"]),
                date.fromisoformat(meeting["last_day"]),
            )
            value = review.due_text(read, days)
        elif fact.kind == review.EVENT:
            value = review.when_text(read)
        else:
            value = (
                str(meeting.get(fact.field) or "")
                if fact.field != review.DAYS
                else review.show(review.DAYS, meeting)
            )
        title = f" {read.get('title')!s}:" if fact.kind != review.MEETING else ""
        return f"The letter gives{title} {value} ({fact.where})"

    def _edit_event(self, fact: importing.Fact, shown: dict[str, object]) -> None:
        assert self.found is not None
        found = self.found
        start_when = self._typed(fact, review.WHEN) or review.when_phrase(dict(shown))

        def made(texts: list[str]) -> list[Correction]:
            title, when = texts
            return _title_and(found, fact, title, review.WHEN, when, start_when)

        def check(texts: list[str]) -> tuple[bool, str]:
            def said() -> str:
                corrections = made(texts)
                when = next((c.value for c in corrections if c.field == review.WHEN), None)
                return f"Understood as: {review.when_text(when or dict(shown))}"

            return _checked(said)

        self._open_edit(
            "Correct event",
            [
                ("&Event:", "correctionTitle", "Event title", str(shown.get("title", ""))),
                ("&When:", "correctionWhen", "When the event is", start_when),
            ],
            check,
            lambda texts: self._replan(review.revised(self.wanted, *made(texts))),
            self._letter_gives(fact),
        )

    def _edit_meeting(self, fact: importing.Fact) -> None:
        assert self.found is not None
        found = self.found
        meeting = found.document["meeting"]
        field = fact.field
        if field == review.DAYS:
            start = self._typed(fact, field) or review.when_phrase(
                {"first_day": meeting["first_day"], "last_day": meeting["last_day"]}
            )
        else:
            start = str(meeting.get(field) or "")

        def made(texts: list[str]) -> Correction:
            return review.correct(found.letter, found.document, fact.kind, fact.id, field, texts[0])

        def check(texts: list[str]) -> tuple[bool, str]:
            return _checked(lambda: f"Understood as: {review.show(field, made(texts).value)}")

        label = {
            review.TITLE: "&Title:",
            review.PLACE: "&Place:",
            review.DAYS: "&Dates:",
            review.ZONE: "&Zone:",
        }[field]
        self._open_edit(
            f"Correct the meeting's {review.FIELD_NAMES[field]}",
            [(label, "correctionMeeting", f"Meeting {review.FIELD_NAMES[field]}", start)],
            check,
            lambda texts: self._replan(review.revised(self.wanted, made(texts))),
            self._letter_gives(fact),
        )

    def add_deadline(self) -> None:
        """Add a deadline the letter gives and the reader missed (Ins)."""
        found = self.found
        if found is None or not self.add_action.isEnabled():
            return
        zone = str(found.document["meeting"]["timezone"])

        def check(texts: list[str]) -> tuple[bool, str]:
            fine, said = understood(texts[1], zone)
            if not fine:
                return fine, said
            return _checked(lambda: (review.add_deadline(found.document, *texts), said)[1])

        def accepted(texts: list[str]) -> None:
            made = review.add_deadline(found.document, *texts)
            self._added = f"{review.DEADLINE}/{made.fact}/"
            self._replan(review.revised(self.wanted, made))

        self._open_edit(
            "Add a deadline the letter gives",
            [
                ("&Deadline:", "correctionTitle", "What is due", ""),
                ("D&ue:", "correctionDue", "Due", ""),
            ],
            check,
            accepted,
        )

    def _open_edit(
        self,
        title: str,
        fields: Sequence[tuple[str, str, str, str]],
        check: Check,
        accepted: Callable[[list[str]], None],
        said: str = "",
    ) -> None:
        asked = edit_dialog(self, title, fields, check, accepted, said)
        asked.finished.connect(self._on_edit_finished)

    @Slot()
    def _on_edit_finished(self) -> None:
        """Back to the facts, where the keys that change them work."""
        self.activateWindow()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def done(self, result: int) -> None:
        self.job.stop.set()
        if self._planning is not None:
            self._planning.stop.set()
        stop_thread(self.thread_)
        for thread in self._threads:
            stop_thread(thread)
        super().done(result)


def _title_and(
    found: importing.Preview,
    fact: importing.Fact,
    title: str,
    field: str,
    typed: str,
    shown: str,
) -> list[Correction]:
    """The corrections an edit makes: its title, and its other field ("due", "when") when
    the user typed something else than was shown."""
    out = [review.correct(found.letter, found.document, fact.kind, fact.id, review.TITLE, title)]
    if " ".join(typed.split()) != " ".join(shown.split()):
        out.append(review.correct(found.letter, found.document, fact.kind, fact.id, field, typed))
    return out
