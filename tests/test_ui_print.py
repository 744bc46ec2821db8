"""The Print menu and the preview, driven as a user would: open, wait, save, print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMenu

from sg20desk.actions import printing
from sg20desk.db.store import Store
from sg20desk.reports.kinds import Report
from sg20desk.reports.render import PageSize
from sg20desk.ui.print_preview import Layout, PreviewDialog
from sg20desk.ui.sections.preferences_form import PreferencesForm
from tests import pdftext
from tests.conftest import NOW


def _open(qtbot: Any, window: Any, report: str) -> PreviewDialog:
    window.print_actions[report].trigger()
    dialog = window.findChild(PreviewDialog, "printPreview")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=20_000)
    return dialog


def test_the_print_menu_offers_every_report(window: Any) -> None:
    menu = window.menuBar().findChild(QMenu, "printMenu")
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert labels == [f"{r.label}..." for r in Report]
    assert window.print_actions["agenda"].shortcut().toString() == "Ctrl+P"


def test_preview_shows_the_pages_and_saves_the_same_pdf(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    dialog = _open(qtbot, window, "agenda")
    assert dialog.page_count >= 2
    assert dialog.status.text() == f"{dialog.page_count} pages"
    target = tmp_path / "sheet"
    dialog.ask_path = lambda caption, suggested: str(target)
    assert dialog.suggested_name == "SG20-2026-05-agenda.pdf"
    saved = dialog.save_pdf()
    assert saved == tmp_path / "sheet.pdf"
    text = pdftext.text(saved.read_bytes())
    assert "Draft agenda" in text and "Opening of the meeting" in text
    assert len(pdftext.pages(saved.read_bytes())) == dialog.page_count
    dialog.close()


def test_print_sends_the_same_pages_to_the_printer(qtbot: Any, window: Any, tmp_path: Path) -> None:
    dialog = _open(qtbot, window, "drafts")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(100)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    dialog.ask_printer = lambda: printer
    assert dialog.print_pages() == dialog.page_count
    assert len(pdftext.pages(out.read_bytes())) == dialog.page_count
    # printed as pictures of the pages: what was shown is what comes out
    assert pdftext.image_count(out.read_bytes()) == dialog.page_count
    dialog.close()


def test_a_report_that_cannot_be_made_says_why(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        "sg20desk.ui.main_window.QMessageBox.information",
        lambda _parent, title, text: told.append(f"{title}: {text}"),
    )
    assert window.print_report(Report.DIFF) is None
    assert told and "no issued revision" in told[0]


def test_cancel_stops_the_layout_and_the_preview_says_so(
    qtbot: Any, window: Any, store: Store
) -> None:
    with store.read() as c:
        document = printing.prepare(c, printing.Request(Report.AGENDA, window.meeting.id), NOW)
    job = Layout(document, PageSize.A4, NOW)
    job.stop.set()
    with qtbot.waitSignal(job.failed) as stopped:
        job.run()
    assert stopped.args == [""]
    dialog = window.print_report(Report.AGENDA)
    dialog.job.failed.emit("")
    assert dialog.status.text() == "Stopped."
    assert not dialog.progress.isVisible() and not dialog.save_button.isEnabled()
    dialog.close()


def test_paper_size_is_a_preference(window: Any, store: Store) -> None:
    window.ask_preferences = lambda proposed, system: PreferencesForm(None, "7d", "Letter")
    window.edit_preferences()
    with store.read() as c:
        assert printing.page_size(c) is PageSize.LETTER
    window.ask_preferences = lambda proposed, system: PreferencesForm(None, "7d", proposed.paper)
    window.edit_preferences()
    with store.read() as c:
        assert printing.page_size(c) is PageSize.LETTER
