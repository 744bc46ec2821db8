"""Builds the SG13 test letters as Word documents and converts them to PDF, as TSB
publishes its letters: the PDFs in this folder are made by this script.

    python tests/data/letters/pdf/make_pdfs.py

Each text letter of tests/data/letters becomes a .docx laid out as TSB lays out a letter
(python-docx): the heading block (date, Ref:, Subject:) a borderless two-column table, the
key deadlines, the Annex B agenda and the Annex 2 reply form ruled tables (their lines with
tabs are the rows; a row with nothing after its first cell is one cell across), every
other line a paragraph (a numbered paragraph keeps its tab), each annex on a new page, the
letter's reference as a running header and "Page x" in the footer. LibreOffice (``soffice
--headless``) then writes the PDF. The tests read the PDFs committed here, so they need no
LibreOffice; ``letter_docx`` is also what bench/import.py uses to time the same letter as
.docx.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
LETTERS = HERE.parent
#: text letter -> the running header its pages carry
NAMES = {
    "sg13-collective-letter": "TSB Collective letter 7/13",
    "sg13-circular": "TSB Circular 241",
}

_NUMBERED_PARAGRAPH = re.compile(r"^\d+\t[^\t]+$")
_ANNEX = re.compile(r"^ANNEX\b")
#: column widths of a ruled table by its number of columns (No / Item / Documents, date / task)
_WIDTHS = {3: [Cm(2.5), Cm(9.5), Cm(5)], 2: [Cm(5), Cm(12)]}


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """The letter as ("paragraph", [line]) and ("rows", [lines with tabs]) blocks."""
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        if "\t" in line and blocks and blocks[-1][0] == "rows":
            blocks[-1][1].append(line)
        else:
            blocks.append(("rows" if "\t" in line else "paragraph", [line]))
    return blocks


def _cells(rows: list[str]) -> list[list[str]]:
    """The rows' cells, without a first column that is empty in every row."""
    split = [[cell.strip() for cell in row.split("\t")] for row in rows]
    if all(cells[0] == "" for cells in split):
        split = [cells[1:] for cells in split]
    width = max(len(cells) for cells in split)
    return [cells + [""] * (width - len(cells)) for cells in split]


def _heading_cells(rows: list[str]) -> list[list[str]]:
    """The heading block as label / value: "Ref:" beside its value, the date on the right."""
    out = []
    for row in rows:
        cells = [cell.strip() for cell in row.split("\t")]
        if cells[0] == "":
            cells = cells[1:]
        if len(cells) == 1:
            cells = [cells[0], ""] if cells[0].endswith(":") else ["", cells[0]]
        out.append([cells[0], " ".join(cells[1:])])
    return out


def _field(paragraph: object, instruction: str) -> None:
    """A Word field (PAGE) at the end of ``paragraph``."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)  # type: ignore[attr-defined]


def build_docx(text: str, header: str) -> bytes:
    """The letter ``text`` as a .docx (see the module's docstring)."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_before = Pt(6)
    normal.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as TSB prints
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2.5)
    running = section.header.paragraphs[0]
    running.text = header
    running.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE")

    lines = text.replace("\r\n", "\n").split("\n")
    heading_done = False
    for kind, block in _blocks(lines):
        if kind == "paragraph":
            paragraph = document.add_paragraph(block[0])
            if _ANNEX.match(block[0]):
                paragraph.paragraph_format.page_break_before = True
            continue
        if all(_NUMBERED_PARAGRAPH.match(line) for line in block):
            for line in block:  # "1<tab>ITU-T Study Group 13 ...": a paragraph with a tab
                document.add_paragraph(line)
            continue
        heading = not heading_done
        heading_done = True
        rows = _heading_cells(block) if heading else _cells(block)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        if heading:  # borderless, as the letter's heading block is
            widths = [Cm(3), Cm(14)]
        else:
            table.style = "Table Grid"
            widths = _WIDTHS.get(len(rows[0])) or [Cm(17 / len(rows[0]))] * len(rows[0])
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid LibreOffice lays out by
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, value, width in zip(row.cells, cells, widths, strict=True):
                cell.text = value
                cell.width = width
            if not heading and len(cells) == 2 and cells[1] == "":
                # a date over its tasks, a draft over its boxes: one cell across the row
                row.cells[0].merge(row.cells[1]).text = cells[0]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def letter_docx(name: str) -> bytes:
    """The .docx of the text letter ``name`` (a key of NAMES)."""
    text = (LETTERS / f"{name}.txt").read_bytes().decode("utf-8")
    return build_docx(text, NAMES[name])


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in NAMES:
            source = work / f"{name}.docx"
            source.write_bytes(letter_docx(name))
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{work / 'profile'}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            shutil.copyfile(work / f"{name}.pdf", HERE / f"{name}.pdf")
            print(f"wrote {HERE / f'{name}.pdf'}", file=sys.stderr)


if __name__ == "__main__":
    main()
