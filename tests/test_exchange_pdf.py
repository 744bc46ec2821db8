"""Letters as PDF, as TSB publishes them: the SG13 test letters made into PDFs by Word's
way of laying them out (tests/data/letters/pdf, made by make_pdfs.py with LibreOffice)
read to the same meeting as their text; and PDFs that are scans, damaged, encrypted or
too large, refused in one line naming the file."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from sg20desk.cli import main
from sg20desk.exchange import letters
from sg20desk.exchange.pdf_text import MAX_UNPACKED, PdfError, pdf_text

LETTERS = Path(__file__).parent / "data" / "letters"
PDFS = LETTERS / "pdf"
NAMES = ["sg13-collective-letter", "sg13-circular"]


def _read_pdf(name: str) -> str:
    return pdf_text((PDFS / f"{name}.pdf").read_bytes(), f"{name}.pdf")


def _without_line_numbers(value: Any) -> Any:
    """``value`` with "line 16" made "line N": the PDF has no empty lines, so the lines a
    source text counts differ from the .txt's."""
    if isinstance(value, dict):
        return {key: _without_line_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_line_numbers(item) for item in value]
    if isinstance(value, str):
        return re.sub(r"\bline \d+", "line N", value)
    return value


def _outline(items: list[dict[str, Any]], depth: int = 0) -> list[tuple[Any, ...]]:
    """The agenda as a user reads it: depth, number, title and documents of each item."""
    return [
        row
        for item in items
        for row in [
            (depth, item.get("number"), item["title"], item["documents"]),
            *_outline(item["children"], depth + 1),
        ]
    ]


@pytest.mark.parametrize("name", NAMES)
def test_the_sg13_letters_as_pdf_read_to_the_same_meeting_as_their_text(name: str) -> None:
    text = letters.read_letter((LETTERS / f"{name}.txt").read_text("utf-8"), name)
    pdf = letters.read_letter(_read_pdf(name), name)
    assert (pdf.kind, pdf.reference, pdf.dated) == (text.kind, text.reference, text.dated)
    got, want = pdf.document, text.document
    assert got["meeting"] == want["meeting"]
    assert got["events"] == want["events"]
    assert _without_line_numbers(got["deadlines"]) == _without_line_numbers(want["deadlines"])
    assert _outline(got["agenda"]) == _outline(want["agenda"])
    assert got["agenda"] == want["agenda"]
    assert got["drafts"] == want["drafts"]
    assert _without_line_numbers(got) == _without_line_numbers(want)  # nothing else differs
    assert [w.message for w in pdf.warnings] == [w.message for w in text.warnings]
    assert pdf.mentions.keys() == text.mentions.keys()
    assert (pdf.reply_deadline or (None,))[0] == (text.reply_deadline or (None,))[0]


def test_the_collective_letter_as_pdf_keeps_its_paragraphs_and_table_rows() -> None:
    lines = _read_pdf("sg13-collective-letter").splitlines()
    # a paragraph the page wrapped over two lines is one line again
    assert (
        "• A Future Networks Workshop will take place on 5 October 2027 from 0900 to 1700 "
        "hours in Nairobi, Kenya. Registration for the workshop is required."
    ) in lines
    # the heading block, a table without borders: its columns as cells
    assert "Ref:\tTSB Collective letter 7/13" in lines
    # ruled tables: a row a line, empty cells kept, a cell merged across the row once
    assert "3.1.1.1\tSlicing for industrial IoT\tTD 140" in lines
    assert "\t- Reports of rapporteur meetings\t" in lines
    assert lines[lines.index("Key deadlines:") + 1 : lines.index("Key deadlines:") + 3] == [
        "6 August 2027",
        "-\tSubmit contributions for which translation is requested",
    ]
    # each in its place: the agenda after its annex title, the note after the table
    assert lines.index("ANNEX B") < lines.index("No\tItem\tDocuments") < len(lines) - 1
    assert lines[-1].startswith("NOTE")


@pytest.mark.parametrize(
    ("name", "header"), [(NAMES[0], "TSB Collective letter 7/13"), (NAMES[1], "TSB Circular 241")]
)
def test_page_headers_and_footers_are_left_out(name: str, header: str) -> None:
    lines = _read_pdf(name).splitlines()
    assert not [line for line in lines if re.fullmatch(r"Page \d+", line)]
    # the running header went from all three pages; the letter's own mentions stay
    assert [line for line in lines if line == header] == (
        [header] if name == "sg13-circular" else []  # the circular opens with its number
    )
    assert sum(header in line for line in lines) == (3 if name == "sg13-circular" else 1)


def _laid_out(paragraphs: list[str], *, space: float, footer: str) -> bytes:
    """Justified paragraphs over several pages, a ruled table among them, a running header
    and a page number in the footer, as ReportLab (another PDF maker) lays them out."""
    out = io.BytesIO()
    style = ParagraphStyle(
        "body", fontName="Times-Roman", fontSize=11, leading=13, alignment=4, spaceBefore=space
    )

    def page(drawing: canvas.Canvas, _doc: object) -> None:
        drawing.setFont("Times-Roman", 10)
        drawing.drawCentredString(A4[0] / 2, A4[1] - 40, "TSB Collective letter 3/20")
        drawing.drawCentredString(A4[0] / 2, 30, footer % drawing.getPageNumber())

    table = Table([["No", "Item", "Documents"], ["1", "Opening", ""], ["2", "Agenda", "TD 1"]])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    flow: list[Any] = [Paragraph(p, style) for p in paragraphs]
    flow.insert(3, table)
    SimpleDocTemplate(out, pagesize=A4).build(flow, onFirstPage=page, onLaterPages=page)
    return out.getvalue()


_SENTENCE = (
    "the study group will consider contributions on future networks and the drafts "
    "determined at its last meeting with the reports of its rapporteur groups"
)
_WORDS = _SENTENCE.split(" ")


def _paragraphs(count: int) -> list[str]:
    return [
        f"{n}. Paragraph {n} says "
        + " ".join(_WORDS[(n + i) % len(_WORDS)] for i in range(70))
        + f" (end of paragraph {n})."
        for n in range(1, count + 1)
    ]


def _page_texts(pdf: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


@pytest.mark.parametrize(("space", "footer"), [(6, "- %d -"), (0, "Page %d")])
def test_paragraphs_come_back_whole_across_pages_without_headers(space: float, footer: str) -> None:
    paragraphs = _paragraphs(24)
    pdf = _laid_out(paragraphs, space=space, footer=footer)
    pages = _page_texts(pdf)
    assert len(pages) >= 3
    assert any(  # a paragraph goes on over a page break
        f"{k}. Paragraph {k} says" in pages[n] and f"(end of paragraph {k})" in pages[n + 1]
        for k in range(1, len(paragraphs) + 1)
        for n in range(len(pages) - 1)
    )
    lines = pdf_text(pdf, "laid-out.pdf").splitlines()
    table = ["No\tItem\tDocuments", "1\tOpening\t", "2\tAgenda\tTD 1"]
    assert lines == [*paragraphs[:3], *table, *paragraphs[3:]]


def test_merged_cells_keep_the_other_cells_in_their_columns() -> None:
    out = io.BytesIO()
    rows = [
        ["No", "Item", "Documents"],
        ["7", "Study Group 13 work programme", "TD 20"],
        ["", "- Question 1/13", "C 5"],
        ["8", "Closure of the meeting", ""],
    ]
    table = Table(rows, colWidths=[50, 220, 120])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("SPAN", (0, 1), (0, 2)),  # item 7's number over its sub-line
                ("SPAN", (1, 3), (2, 3)),  # the closure across Item and Documents
            ]
        )
    )
    SimpleDocTemplate(out, pagesize=A4).build([Paragraph("Draft agenda"), table])
    assert pdf_text(out.getvalue(), "merged.pdf").splitlines() == [
        "Draft agenda",
        "No\tItem\tDocuments",
        "7\tStudy Group 13 work programme\tTD 20",
        "\t- Question 1/13\tC 5",
        "8\tClosure of the meeting",
    ]


def _ruled_rows(drawing: canvas.Canvas, top: float, rows: list[tuple[str, str]]) -> float:
    """Rows of two ruled cells from ``top`` (points from the page's top), 16 points each, as
    a word processor draws a table; returns where the last row ends."""
    height = A4[1]
    drawing.setFont("Times-Roman", 11)
    for first, second in rows:
        bottom = top + 16
        for x in (72, 200, 523):
            drawing.line(x, height - top, x, height - bottom)
        for y in (top, bottom):
            drawing.line(72, height - y, 523, height - y)
        drawing.drawString(76, height - top - 12, first)
        drawing.drawString(204, height - top - 12, second)
        top = bottom
    return top


@pytest.mark.parametrize(
    ("continued", "expected"),
    [
        (
            "Member State consultation on 10 drafts",
            ["-\tSubmit the form in Annex 2 Member State consultation on 10 drafts"],
        ),
        (  # a row of its own: an unnumbered line of the agenda
            "- Reports of rapporteur meetings",
            ["-\tSubmit the form in Annex 2", "\t- Reports of rapporteur meetings"],
        ),
    ],
)
def test_a_table_row_split_by_a_page_break_is_one_row_again(
    continued: str, expected: list[str]
) -> None:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4)
    drawing.setFont("Times-Roman", 11)
    drawing.drawString(72, A4[1] - 100, "Key deadlines:")
    _ruled_rows(drawing, 738, [("30 April 2026", ""), ("-", "Submit the form in Annex 2")])
    drawing.showPage()
    end = _ruled_rows(drawing, 72, [("", continued), ("1 May 2026", "")])
    drawing.setFont("Times-Roman", 11)
    drawing.drawString(72, A4[1] - end - 20, "I look forward to seeing you.")
    drawing.showPage()
    drawing.save()
    assert pdf_text(out.getvalue(), "split.pdf").splitlines() == [
        "Key deadlines:",
        "30 April 2026\t",
        *expected,
        "1 May 2026\t",
        "I look forward to seeing you.",
    ]


def _scan() -> bytes:
    """A page as a scanner makes it: a picture and no text."""
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4)
    drawing.setFillGray(0.3)
    for row in range(40):  # lines of "text" as dark bars
        drawing.rect(70, 760 - row * 16, 300 + row % 5 * 40, 8, stroke=0, fill=1)
    drawing.showPage()
    drawing.save()
    return out.getvalue()


def test_a_scan_is_refused_with_the_reason() -> None:
    with pytest.raises(PdfError) as refused:
        pdf_text(_scan(), "scan.pdf")
    assert str(refused.value).startswith("scan.pdf: ")
    assert "no text layer (a scan?)" in str(refused.value)
    assert "give the .docx, or the text" in str(refused.value)


def _encrypted() -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4, encrypt="secret")
    drawing.drawString(72, 700, "TSB Collective letter 1/13")
    drawing.showPage()
    drawing.save()
    return out.getvalue()


def _one_stream(data: bytes, filters: bytes) -> bytes:
    """A one-page PDF whose page is drawn by ``data``, packed by ``filters``."""
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
        b" endobj\n4 0 obj << /Length "
        + str(len(data)).encode()
        + b" /Filter "
        + filters
        + b" >>\nstream\n"
        + data
        + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _bomb() -> bytes:
    """A PDF whose one stream unpacks to more than the limit."""
    return _one_stream(zlib.compress(b"0" * (MAX_UNPACKED + 1024), 9), b"/FlateDecode")


def _pages(count: int) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4)
    for number in range(count):
        drawing.drawString(72, 700, f"TSB Circular 241, page {number + 1}")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


LETTER_PDF = (PDFS / "sg13-collective-letter.pdf").read_bytes()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (LETTER_PDF[: len(LETTER_PDF) // 2], "cut short"),
        (LETTER_PDF.replace(b"/Root", b"/Rost"), "damaged and cannot be read"),
        (b"PK\x03\x04 a Word document renamed", "not a PDF"),
        (_encrypted(), "encrypted"),
        (_bomb(), "compression bomb"),
        (_one_stream(b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01", b"/LZWDecode"), "LZW"),
        (_pages(201), "201 pages; more than any letter has"),
    ],
    ids=["truncated", "damaged", "not-a-pdf", "encrypted", "bomb", "lzw", "pages"],
)
def test_bad_pdfs_are_refused_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(PdfError, match=message) as refused:
        pdf_text(data, "letter.pdf")
    assert str(refused.value).startswith("letter.pdf: ")
    assert "\n" not in str(refused.value)


# --- through the command, as a user runs it ----------------------------------------------


def _info(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    assert main(["--db", str(db), "info"]) == 0
    return capsys.readouterr().out


def test_the_two_pdfs_import_as_their_text_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "store.sqlite3"
    files = [str(PDFS / f"{name}.pdf") for name in NAMES]
    code = main(["--db", str(db), "import", *files, "--yes"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "from sg13-collective-letter.pdf: TSB Collective letter 7/13" in out
    assert out.endswith("stored SG13-2027-10: 4 events, 5 deadlines, 10 agenda items, 2 drafts\n")
    # the same letters as text now change nothing
    texts = [str(LETTERS / f"{name}.txt") for name in NAMES]
    assert main(["--db", str(db), "import", *texts, "--yes"]) == 0
    assert capsys.readouterr().out.endswith(
        "SG13-2027-10 is already as these files give it: nothing to change\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", _scan(), "no text layer (a scan?)"),
        ("damaged.pdf", LETTER_PDF[: len(LETTER_PDF) // 2], "cut short"),
        ("renamed.pdf", b"Dear Sir/Madam,\nTSB Collective letter 7/13\n", "not a PDF"),
        ("huge.pdf", None, "larger than any letter (20 MiB at most)"),
    ],
)
def test_the_import_command_refuses_a_bad_pdf_in_one_line_and_stores_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is None:
        with path.open("wb") as stream:
            stream.truncate(21 * 1024 * 1024)  # sparse: only its size is looked at
    else:
        path.write_bytes(content)
    db = tmp_path / "store.sqlite3"
    before = _info(capsys, db)
    code = main(["--db", str(db), "import", str(path), "--dry-run"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.startswith("sg20desk: error: ") and name in err and message in err
    assert err.count("\n") == 1
    code = main(["--db", str(db), "import", str(path), "--yes"])
    assert code == 1 and capsys.readouterr().err.count("\n") == 1
    assert _info(capsys, db) == before
