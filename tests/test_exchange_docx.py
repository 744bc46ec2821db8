"""Letters as Word documents: the same letters as text, written as .docx with their tables,
read to the same meeting; and .docx files that are damaged or hostile, refused cleanly."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from docx import Document

from sg20desk.exchange import letters
from sg20desk.exchange.docx_text import MAX_UNPACKED, DocxError, docx_text
from tests.conftest import CIRCULAR, LETTER, seed_text

LETTERS = Path(__file__).parent / "data" / "letters"


def as_docx(text: str) -> bytes:
    """The letter as Word would hold it: each run of lines with tabs a table (a cell per
    tab-separated part), every other line a paragraph."""
    document = Document()
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        if "\t" not in lines[index]:
            document.add_paragraph(lines[index])
            index += 1
            continue
        rows = []
        while index < len(lines) and "\t" in lines[index]:
            rows.append(lines[index].split("\t"))
            index += 1
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, cells, strict=False):
                cell.text = value.strip()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _same_reading(text: str, name: str) -> letters.Reading:
    from_text = letters.read_letter(text, name)
    from_docx = letters.read_letter(docx_text(as_docx(text), name).text, name)
    assert from_docx.document == from_text.document
    assert [w.message for w in from_docx.warnings] == [w.message for w in from_text.warnings]
    return from_docx


def test_the_seed_letters_as_docx_give_the_builtin_meeting() -> None:
    from sg20desk.exchange.builtin import builtin_text

    readings = [_same_reading(seed_text(name), name) for name in (LETTER, CIRCULAR)]
    document, _warnings = letters.combine(readings)
    assert document == json.loads(builtin_text())


@pytest.mark.parametrize("name", ["sg13-collective-letter.txt", "sg13-circular.txt"])
def test_letters_of_another_group_as_docx(name: str) -> None:
    text = (LETTERS / name).read_bytes().decode("utf-8")
    reading = _same_reading(text, name)
    assert reading.document["meeting"]["code"] == "SG13-2027-10"


def test_a_merged_cell_is_read_once() -> None:
    document = Document()
    document.add_paragraph("Draft agenda")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text = "1", "Opening"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "Spans two columns"
    table.cell(1, 0).text = "2"
    out = io.BytesIO()
    document.save(out)
    assert docx_text(out.getvalue(), "merged.docx").text.splitlines()[1:] == [
        "1\tOpening\t",
        "2\tSpans two columns",
    ]


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_part(docx: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    parts = {i.filename: source.read(i) for i in source.infolist()}
    parts[name] = data
    return _zip(parts)


GOOD = as_docx("TSB Circular 1\nDear all,")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 not a zip", "not a .docx"),
        (GOOD[: len(GOOD) // 2], "not a .docx"),
        (_zip({"content.xml": b"<office/>"}), "not a Word document"),
        (
            _with_part(GOOD, "word/bomb.xml", b"<a>" + b"0" * (MAX_UNPACKED + 1) + b"</a>"),
            "zip bomb",
        ),
        (
            _with_part(
                GOOD,
                "word/document.xml",
                b'<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY a "aaaa">]><w>&a;</w>',
            ),
            "declares a DTD",
        ),
        (_with_part(GOOD, "word/document.xml", b"<w:document"), "cannot be read"),
    ],
    ids=["pdf", "truncated", "opendocument", "bomb", "dtd", "broken-xml"],
)
def test_bad_docx_is_refused_with_the_file_named(data: bytes, message: str) -> None:
    with pytest.raises(DocxError, match=message) as caught:
        docx_text(data, "letter.docx")
    assert str(caught.value).startswith("letter.docx: ")


def test_the_import_command_takes_a_docx_beside_a_text_circular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sg20desk.cli import main

    letter = tmp_path / "SG13 collective letter.docx"
    letter.write_bytes(as_docx((LETTERS / "sg13-collective-letter.txt").read_text("utf-8")))
    code = main(["import", str(letter), str(LETTERS / "sg13-circular.txt"), "--yes"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "from SG13 collective letter.docx: TSB Collective letter 7/13" in out
    assert out.endswith("stored SG13-2027-10: 4 events, 5 deadlines, 10 agenda items, 2 drafts\n")

    bad = tmp_path / "letter.docx"
    bad.write_bytes(b"PK\x03\x04 cut short")
    assert main(["import", str(bad), "--dry-run"]) == 1
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("letter.docx: not a .docx (not a zip archive, or a damaged one)")
    )
