"""Starting the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sg20desk import APP_NAME, __version__


def run_window(location: Path, *, smoke: bool = False) -> int:
    """Open the window on the store at ``location`` until the user quits.

    With ``smoke`` the window is built off-screen, filled with the current meeting, and
    the function returns 0 once it is shown (a start-up check for builds and benchmarks).
    """
    if smoke:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMessageBox

    from sg20desk.actions.workspace import open_workspace
    from sg20desk.db.store import StoreError
    from sg20desk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    try:
        store = open_workspace(location)
    except StoreError as exc:
        if smoke:
            sys.stderr.write(f"sg20desk: error: {exc}\n")
        else:
            QMessageBox.critical(None, "sg20desk cannot open its store", str(exc))
        return 1
    try:
        window = MainWindow(store)
        window.load()
        window.show()
        if not smoke:
            window.start_reminders()
        if smoke:
            app.processEvents()
            meeting = window.meeting.code if window.meeting else "none"
            print(
                f"smoke: window shown, meeting {meeting}, section {window.current_section()}, "
                f"{window.overview.deadlines.rowCount()} open deadlines on the overview"
            )
            window.close()
            return 0
        return app.exec()
    finally:
        store.close()
