"""File › Import...: the letters, meeting file or calendar read on a worker thread, what
storing them would do shown in full, and nothing stored until the user says Import."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions import importing
from sg20desk.actions.history import ActionError
from sg20desk.db.store import Store
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


class ImportDialog(QDialog):
    """The preview of one import; accepted with the Import (or Update) button."""

    def __init__(
        self,
        store: Store,
        paths: Sequence[Path],
        meeting: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        names = ", ".join(p.name for p in paths)
        self.setWindowTitle(f"Import {names}")
        self.resize(900, 640)
        self.found: importing.Preview | None = None

        self.status = QLabel(f"Reading {names}…", self)
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("importPreview")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("What the import would store or change")

        buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("&Import", self)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

        self.job = Reading(store, paths, meeting)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.thread_ = start_on_thread(self, self.job)

    @Slot(object)
    def _on_finished(self, found: importing.Preview) -> None:
        stop_thread(self.thread_)
        self.found = found
        self.progress.hide()
        self.text.setPlainText("\n".join(importing.describe(found)))
        nothing = found.existing and not found.plan.rows
        warned = f" ({len(found.warnings)} warnings, listed at the end)" if found.warnings else ""
        self.status.setText(
            f"{found.summary()[0].upper()}{found.summary()[1:]}{warned}."
            + ("" if nothing else " Nothing is stored until you press Import.")
        )
        self.import_button.setText("&Update" if found.existing else "&Import")
        self.import_button.setEnabled(not nothing)
        (self.import_button if not nothing else self.text).setFocus()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        stop_thread(self.thread_)
        self.progress.hide()
        self.status.setText(f"Nothing can be imported: {message}")
        self.status.setStyleSheet("color: #b00020")

    def done(self, result: int) -> None:
        self.job.stop.set()
        stop_thread(self.thread_)
        super().done(result)
