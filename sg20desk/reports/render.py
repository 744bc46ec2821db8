"""The one renderer every report goes through: page, header, footer, styles, tables.

A report is a :class:`Document`: a title, a heading naming the meeting, and its body as a
list of ReportLab flowables made with the helpers here (:func:`para`, :func:`grid` ...),
which escape every text they are given. :func:`render` lays it out on A4 or US Letter with
the same header and footer on every page ("Page 2 of 5", when and in which zone it was
printed) and returns the PDF's bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from sg20desk import __version__
from sg20desk.reports import fonts
from sg20desk.reports.text import markup, right_to_left_first
from sg20desk.rules.timezones import format_instant


class PageSize(Enum):
    A4 = "A4"
    LETTER = "Letter"

    @property
    def points(self) -> tuple[float, float]:
        return A4 if self is PageSize.A4 else LETTER

    @classmethod
    def of(cls, name: str | None) -> PageSize:
        """The size named (``A4``, ``Letter``, any case); A4 when unset."""
        if not name:
            return cls.A4
        for size in cls:
            if size.value.lower() == name.strip().lower():
                return size
        raise ValueError(f"page size {name!r}: choose A4 or Letter")


class Cancelled(Exception):
    """The user stopped the report while it was being laid out."""


# (parts laid out, parts in all, pages so far): a long table is one part over many pages
Progress = Callable[[int, int, int], None]

MARGIN = 18 * mm
HEADER_GAP = 10 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.92, 0.92, 0.92)


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    note: ParagraphStyle
    header: ParagraphStyle
    header_right: ParagraphStyle


def _styles() -> Styles:
    fonts.ensure_body()
    face = fonts.BODY.name
    body = ParagraphStyle("body", fontName=face, fontSize=10.5, leading=13.5, spaceAfter=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=11.5, spaceAfter=0)
    header = ParagraphStyle("header", parent=body, fontSize=8.5, leading=10.5, textColor=GREY)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=10.5),
        cell=cell,
        cell_bold=ParagraphStyle("cell-bold", parent=cell, fontName=fonts.BOLD),
        heading=ParagraphStyle(
            "heading", parent=body, fontName=fonts.BOLD, fontSize=12, leading=15, spaceBefore=8
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=fonts.BOLD, fontSize=15, leading=19, spaceAfter=2
        ),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=11, leading=14, spaceAfter=8),
        note=ParagraphStyle("note", parent=body, fontSize=9, leading=11.5, textColor=GREY),
        header=header,
        header_right=ParagraphStyle("header-right", parent=header, alignment=TA_RIGHT),
    )


@cache
def styles() -> Styles:
    """The report styles (the body font registered first)."""
    return _styles()


@cache
def _from_right(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` for a paragraph laid out right to left."""
    fonts.characters(fonts.SYMBOLS)  # registered before a style names it
    bold = style.fontName == fonts.BOLD
    return ParagraphStyle(
        f"{style.name}-rtl",
        parent=style,
        alignment=TA_RIGHT,
        wordWrap="RTL",
        fontName=f"{fonts.SYMBOLS.name}-bold" if bold else fonts.SYMBOLS.name,
    )


@cache
def indented(style: ParagraphStyle, depth: int) -> ParagraphStyle:
    """``style`` indented by ``depth`` levels (an outline's sub-items)."""
    if depth == 0:
        return style
    return ParagraphStyle(f"{style.name}-{depth}", parent=style, leftIndent=10 * depth)


class _FromRight(Paragraph):
    """A paragraph laid out right to left: lines are broken with the words in reading
    order, then each line is drawn with its words from the right. (ReportLab reverses the
    words itself for lines in several fonts, not for lines in one.)"""

    def drawPara(self, debug: int = 0) -> None:
        broken: Any = self.blPara  # type: ignore[attr-defined]  # set by wrap()
        lines = broken.lines
        if broken.kind == 0:  # one font: lines are (spacing, words)
            broken.lines = [(space, words[::-1]) for space, words in lines]
        try:
            super().drawPara(debug)
        finally:
            broken.lines = lines


def para(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph printing ``text`` exactly as given (escaped; any script; line breaks kept)."""
    style = style or styles().body
    if right_to_left_first(text):
        return _FromRight(markup(text, from_right=True), _from_right(style))
    return Paragraph(markup(text), style)


def rich(parts: Sequence[tuple[str, str]], style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of runs, each ``(kind, text)`` with kind ``""``, ``"b"`` or ``"i"``:
    the program's own emphasis around escaped text."""
    pieces = []
    for kind, text in parts:
        inner = markup(text)
        pieces.append(f"<{kind}>{inner}</{kind}>" if kind else inner)
    return Paragraph("".join(pieces), style or styles().body)


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


Cell: TypeAlias = str | Flowable | list[Flowable] | None


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    shaded: Sequence[int] = (),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A ruled table whose header row repeats on every page. Text cells are escaped and
    wrap; ``widths`` are fractions of the frame's width (filled in by :func:`render`);
    ``shaded`` rows (counted without the header) get a grey ground."""
    s = styles()
    data: list[list[Any]] = [[para(h, s.cell_bold) for h in header]]
    for row in rows:
        data.append([para(c, s.cell) if isinstance(c, str) and c else c or "" for c in row])
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("BACKGROUND", (0, r + 1), (-1, r + 1), SHADE) for r in shaded]
    commands += [("SPAN", (a[0], a[1] + 1), (b[0], b[1] + 1)) for a, b in spans]
    commands += list(extra)
    table = _FractionTable(data, repeatRows=1, style=TableStyle(commands))
    table.fractions = list(widths)
    return table


class _FractionTable(Table):
    """A table whose column widths are shares of the width it is given."""

    fractions: list[float]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        total = sum(self.fractions)
        self._argW = [availWidth * f / total for f in self.fractions]
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, _FractionTable):
                part.fractions = self.fractions
        return parts


@dataclass(frozen=True, slots=True)
class MeetingHeading:
    """The meeting as a report's heading names it."""

    code: str
    title: str
    place: str
    dates: str  # "12-21 May 2026"
    zone: str

    @property
    def line(self) -> str:
        """What every page's header names the meeting by."""
        return f"{self.code} · {self.place}, {self.dates}"


def title_block(meeting: MeetingHeading, title: str, *lines: str) -> list[Flowable]:
    """A report's first lines: what it is, the meeting, then any further lines."""
    s = styles()
    block: list[Flowable] = [
        para(title, s.title),
        para(meeting.title, s.subtitle),
        para(f"{meeting.place}, {meeting.dates}", s.body),
    ]
    block += [para(line, s.note) for line in lines if line]
    block.append(spacer(3))
    return block


@dataclass(frozen=True, slots=True)
class Document:
    """A report ready to lay out.

    ``title`` names the report (``Agenda``), ``heading`` the meeting, in the header of
    every page; ``story`` is the body; ``zone`` the zone the printing time is shown in.
    """

    title: str
    heading: str
    story: list[Flowable]
    zone: str
    keywords: tuple[str, ...] = field(default_factory=tuple)


class _Footed(Canvas):
    """A canvas that keeps each page until the end, then draws every page's footer knowing
    how many pages there are ("Page 2 of 5")."""

    footer: Callable[[Canvas, int, int], None]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # what Canvas.showPage ends with

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.footer(self, number, total)
            super().showPage()
        super().save()


def render(
    document: Document,
    *,
    printed_at: datetime,
    page_size: PageSize = PageSize.A4,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """Lay ``document`` out and return the PDF. ``progress`` hears how far layout has got;
    ``cancelled`` is asked as it goes, and :class:`Cancelled` is raised when it says so."""
    s = styles()
    size = page_size.points
    width, height = size
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_GAP,
        bottomMargin=MARGIN,
        title=f"{document.title}: {document.heading}",
        author=f"sg20desk {__version__}",
        creator=f"sg20desk {__version__}",
        subject=document.heading,
        keywords=list(document.keywords),
        invariant=True,
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", showBoundary=0
    )
    printed = f"Printed {format_instant(printed_at, document.zone)} ({document.zone})"

    def header(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        top = height - MARGIN
        left = para(document.title, s.header)
        right = para(document.heading, s.header_right)
        for flowable, x, w in (
            (left, MARGIN, doc.width * 0.35),
            (right, MARGIN + doc.width * 0.35, doc.width * 0.65),
        ):
            _, h = flowable.wrapOn(canvas, w, HEADER_GAP)
            flowable.drawOn(canvas, x, top - h + 2)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 6 * mm, width - MARGIN, top - 6 * mm)
        canvas.restoreState()

    def footer(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        y = MARGIN - 5 * mm
        canvas.line(MARGIN, y + 10, width - MARGIN, y + 10)
        canvas.setFont(fonts.BODY.name, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, y, f"{printed} · sg20desk {__version__}")
        canvas.drawRightString(width - MARGIN, y, f"Page {number} of {total}")
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=header)])

    total = max(len(document.story), 1)
    state = {"done": 0, "pages": 0}

    def heard(kind: str, value: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled("printing stopped")
        if kind in ("PROGRESS", "PAGE"):
            state["done" if kind == "PROGRESS" else "pages"] = value
            if progress is not None:
                progress(min(state["done"], total), total, state["pages"])

    doc.setProgressCallBack(heard)

    def canvas_maker(*args: Any, **kwargs: Any) -> _Footed:
        canvas = _Footed(*args, **kwargs)
        canvas.footer = footer
        return canvas

    doc.build(list(document.story), canvasmaker=canvas_maker)
    if progress is not None:
        progress(total, total, state["pages"])
    return out.getvalue()
