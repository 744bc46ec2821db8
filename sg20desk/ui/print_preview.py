"""The print preview: a report laid out off the GUI thread, its pages shown, printed or saved.

:class:`PreviewDialog` starts a :class:`Layout` job in a thread and shows its progress
(with Cancel); when the PDF is ready it shows every page as PDFium draws it. **Print**
opens Qt's print dialog and prints those same pages, drawn at the printer's resolution;
**Save as PDF** writes the file atomically.

Signals of :class:`Layout`: ``progressed(done, total, pages)``, ``finished(bytes, list)``
with the PDF and the page images, ``failed(str)``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPalette, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sg20desk.paths import write_atomically
from sg20desk.reports.render import Cancelled, Document, PageSize, render
from sg20desk.ui.worker import start_on_thread, stop_thread

PREVIEW_DPI = 80
PRINT_DPI_LIMIT = 300
_pdfium_lock = threading.Lock()  # PDFium is not to be used from two threads at once


def page_image(pdf: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    """Page ``index`` drawn at ``dpi`` as an image the GUI can show or print."""
    with _pdfium_lock:
        bitmap = pdf[index].render(scale=dpi / 72, rev_byteorder=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        image = QImage(bitmap.buffer, width, height, stride, QImage.Format.Format_RGB888)
        return image.copy()  # detach from PDFium's buffer before it is freed


class Layout(QObject):
    """Lays a document out (and draws its preview pages) on a worker thread."""

    progressed = Signal(int, int, int)
    finished = Signal(bytes, list)
    failed = Signal(str)

    def __init__(self, document: Document, size: PageSize, printed_at: datetime) -> None:
        super().__init__()
        self.document = document
        self.size = size
        self.printed_at = printed_at
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            pdf = render(
                self.document,
                printed_at=self.printed_at,
                page_size=self.size,
                progress=lambda done, total, pages: self.progressed.emit(done, total, pages),
                cancelled=self.stop.is_set,
            )
            with _pdfium_lock:
                document = pdfium.PdfDocument(pdf)
                count = len(document)
            images = [page_image(document, i, PREVIEW_DPI) for i in range(count)]
            with _pdfium_lock:
                document.close()
        except Cancelled:
            self.failed.emit("")
        except Exception as exc:  # a layout failure is shown, not raised into Qt's loop
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(pdf, images)


class PreviewDialog(QDialog):
    """The preview of one report, with Print and Save as PDF."""

    def __init__(
        self,
        document: Document,
        size: PageSize,
        printed_at: datetime,
        suggested_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(f"Print preview: {document.title}")
        self.resize(760, 900)
        self.pdf = b""
        self.suggested_name = suggested_name
        #: replaced in tests: (dialog, caption, name) -> chosen path or None
        self.ask_path: Callable[[str, str], str | None] = self._ask_path
        #: replaced in tests: the printer to print to, or None when the user cancels
        self.ask_printer: Callable[[], QPrinter | None] = self._ask_printer

        self.status = QLabel("Laying out the pages…", self)
        self.status.setObjectName("previewStatus")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self._on_cancel)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)

        self.pages = QWidget(self)
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(12)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)

        buttons = QDialogButtonBox(self)
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printButton")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button = buttons.addButton(
            "&Save as PDF…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("savePdfButton")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save_pdf)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(buttons)

        self.job = Layout(document, size, printed_at)
        self.job.progressed.connect(self._on_progressed)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.thread_ = start_on_thread(self, self.job)

    # --- layout -----------------------------------------------------------------------

    @Slot(int, int, int)
    def _on_progressed(self, done: int, total: int, pages: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(f"Laying out page {max(pages, 1)}…")

    @Slot(bytes, list)
    def _on_finished(self, pdf: bytes, images: list[QImage]) -> None:
        stop_thread(self.thread_)
        self.pdf = bytes(pdf)
        for number, image in enumerate(images, start=1):
            label = QLabel(self.pages)
            label.setObjectName(f"page{number}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Page {number} of {len(images)}")
            self.pages_layout.addWidget(label)
        self.status.setText(f"{len(images)} pages")
        self.progress.hide()
        self.cancel_button.hide()
        for button in (self.print_button, self.save_button):
            button.setEnabled(True)
        self.save_button.setFocus()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        stop_thread(self.thread_)
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText("Stopped." if not message else f"Could not lay out: {message}")

    def _on_cancel(self) -> None:
        self.job.stop.set()
        self.status.setText("Stopping…")

    def done(self, result: int) -> None:
        self.job.stop.set()
        stop_thread(self.thread_)
        super().done(result)

    @property
    def page_count(self) -> int:
        return self.pages_layout.count()

    # --- print and save ---------------------------------------------------------------

    def _ask_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle().removeprefix("Print preview: "))
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def print_pages(self) -> int:
        """Print the pages shown (the range chosen in the print dialog); returns how many."""
        printer = self.ask_printer()
        if printer is None or not self.pdf:
            return 0
        first, last = printer.fromPage(), printer.toPage()
        if first == 0:  # no range chosen: all of them
            first, last = 1, self.page_count
        dpi = min(printer.resolution(), PRINT_DPI_LIMIT)
        document = pdfium.PdfDocument(self.pdf)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Cannot print", "The printer could not be opened.")
            return 0
        printed = 0
        try:
            for index in range(first - 1, last):
                if printed:
                    printer.newPage()
                image = page_image(document, index, dpi)
                page = printer.pageLayout().paintRectPixels(printer.resolution()).size()
                fitted = image.size().scaled(page, Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, fitted.width(), fitted.height()), image)
                printed += 1
        finally:
            painter.end()
            document.close()
        self.status.setText(f"Sent {printed} pages to the printer")
        return printed

    def _ask_path(self, caption: str, suggested: str) -> str | None:
        chosen, _ = QFileDialog.getSaveFileName(self, caption, suggested, "PDF files (*.pdf)")
        return chosen or None

    def save_pdf(self) -> Path | None:
        """Ask where, then write the PDF there atomically; returns the file written."""
        chosen = self.ask_path("Save as PDF", self.suggested_name)
        if chosen is None or not self.pdf:
            return None
        target = Path(chosen if chosen.lower().endswith(".pdf") else f"{chosen}.pdf")
        try:
            write_atomically(target, self.pdf)
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save", f"{target}: {exc.strerror or exc}")
            return None
        self.status.setText(f"Saved {target}")
        return target
