"""Letters as Word documents: the same letters as text, written as .docx with their tables,
read to the same meeting; and .docx files that are damaged or hostile, refused cleanly."""

from __future__ import annotations

import importlib.util
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from sg20desk.exchange import letters
from sg20desk.exchange.docx_text import MAX_UNPACKED, DocxError, DocxText, docx_text
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


# --- letters as Word writes them ---------------------------------------------------------

WORD = LETTERS / "docx"
SG13_TEXT = LETTERS / "sg13-collective-letter.txt"
FIXTURES = ["sg13-letter-numbered.docx", "sg13-letter-tables.docx"]


def _builder() -> Any:
    """tests/data/letters/docx/make_docx.py, the script that wrote the fixtures, for its
    helpers."""
    spec = importlib.util.spec_from_file_location("make_docx", WORD / "make_docx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make = _builder()


def _read(name: str) -> DocxText:
    return docx_text((WORD / name).read_bytes(), name)


def _lines(name: str) -> list[str]:
    return _read(name).text.split("\n")


def test_the_fixtures_are_what_the_script_writes() -> None:
    for name, build in make.DOCUMENTS.items():
        assert (WORD / name).read_bytes() == build(), f"run {WORD / 'make_docx.py'}"


@pytest.mark.parametrize("name", FIXTURES)
def test_a_letter_as_word_writes_it_reads_as_its_text(name: str) -> None:
    """Numbering, bullets, tracked changes, fields, content controls, smart tags and links:
    the same meeting, events, deadlines and agenda as the text letter, field by field."""
    expected = letters.read_letter(SG13_TEXT.read_text("utf-8"), name)
    reading = letters.read_letter(_read(name).text, name)
    for part in ("meeting", "events", "deadlines"):
        got, want = reading.document[part], expected.document[part]
        assert len(got) == len(want), part
        for index, (one, other) in enumerate(
            zip(got, want, strict=True) if isinstance(want, list) else [(got, want)]
        ):
            for key in want if isinstance(want, dict) else other:
                value = (other if isinstance(want, list) else want)[key]
                assert (one if isinstance(want, list) else got).get(key) == value, (
                    f"{part}[{index}].{key}"
                )

    def items(agenda: list[dict[str, Any]]) -> list[tuple[str | None, str, list[str]]]:
        return [
            (item["number"], item["title"], item["documents"])
            for top in agenda
            for item in [top, *_descendants(top)]
        ]

    assert items(reading.document["agenda"]) == items(expected.document["agenda"])
    assert reading.document["agenda"] == expected.document["agenda"]
    assert [str(w) for w in reading.warnings] == [str(w) for w in expected.warnings]


def _descendants(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for child in item["children"] for d in [child, *_descendants(child)]]


def test_word_numbering_is_written_out_as_the_reader_reads_numbers() -> None:
    numbered = _lines("sg13-letter-numbered.docx")
    # Word's "%1." and a tab; 3 after the bullets of another list: the body's list goes on
    assert [numbered[i][:3] for i in (7, 8, 12)] == ["1.\t", "2.\t", "3.\t"]
    assert numbered[9].startswith("- A Future Networks Workshop")  # List Bullet style
    assert numbered[15] == "- Submit contributions for which translation is requested"
    agenda = [line.split("\t")[0] for line in numbered[34:44]]
    assert agenda == ["1", "2", "3", "3.1", "3.1.1", "3.1.1.1", "", "3.2", "5", "6"]
    assert numbered[40] == "\t- Reports of rapporteur meetings\t"  # a bullet in its cell

    tables = _lines("sg13-letter-tables.docx")
    assert tables[7].startswith("1. On behalf")  # by the paragraph's style, then a space
    assert tables[9].startswith("- A Future")  # a Symbol-font bullet
    assert tables[15] == "\t- Submit contributions for which translation is requested"
    # levels by their styles; 5 in an instance reaching the list through its list style
    # and restarting it; 6 back in the style's own instance, counting on from 5
    agenda = [line.split("\t")[0] for line in tables[34:44]]
    assert agenda == ["1", "2", "3", "3.1", "3.1.1", "3.1.1.1", "", "3.2", "5", "6"]


def _numbered_document(paragraphs: list[str], levels: list[str], nums: list[str]) -> bytes:
    make._restart_ids()
    return make.package(
        {
            "word/document.xml": make.document("".join(paragraphs)),
            "word/styles.xml": make.styles([]),
            "word/numbering.xml": make.numbering(levels, nums),
        },
        [
            ("rId1", "styles", "styles.xml", False),
            ("rId2", "numbering", "numbering.xml", False),
        ],
    )


def test_numbering_formats_starts_and_restarts() -> None:
    p, r = make.p, make.r
    levels = [
        make.abstract(
            0,
            [
                make.level(0, "upperRoman", "%1.", start=4),
                make.level(1, "lowerLetter", "(%2)", suffix="space"),
                make.level(2, "lowerRoman", "%3)", suffix="nothing"),
                make.level(3, "none", ""),
                make.level(4, "upperLetter", "%1.%5"),
            ],
        ),
        # level 1 restarts only after level 0: a level-2 paragraph between leaves it
        make.abstract(
            1,
            [
                make.level(0, "decimal", "%1"),
                make.level(1, "decimal", "%1.%2"),
            ],
        ),
    ]
    nums = [make.num(1, 0), make.num(2, 0, {0: 1}), make.num(3, 1)]
    paragraphs = [
        p(r("Four"), num=(1, 0)),
        p(r("a"), num=(1, 1)),
        p(r("b"), num=(1, 1)),
        p(r("i"), num=(1, 2)),
        p(r("ii"), num=(1, 2)),
        p(r("c"), num=(1, 1)),
        p(r("i again"), num=(1, 2)),
        p(r("no number"), num=(1, 3)),
        p(r("Five"), num=(1, 0)),
        p(r("a again"), num=(1, 1)),
        p(r("Five letter"), num=(1, 4)),
        p(r("restarted at one"), num=(2, 0)),
        p(r("numbering taken off"), num=(0, 0)),
        p(r("decimal"), num=(3, 0)),
        p(r("deleted: takes no number"), num=(3, 1), mark_deleted=True),
        p(r(" and joined"), num=(3, 1)),
    ]
    text = docx_text(_numbered_document(paragraphs, levels, nums), "numbers.docx").text
    assert text.split("\n") == [
        "IV.\tFour",
        "(a) a",
        "(b) b",
        "i)i",
        "ii)ii",
        "(c) c",
        "i)i again",
        "no number",
        "V.\tFive",
        "(a) a again",
        "V.A\tFive letter",
        "I.\trestarted at one",
        "numbering taken off",
        "1\tdecimal",
        "1.1\tdeleted: takes no number and joined",
    ]


def test_numbering_respects_lvl_restart() -> None:
    p, r = make.p, make.r
    restart_never = make.level(1, "decimal", "%2.").replace(
        "<w:numFmt", '<w:lvlRestart w:val="0"/><w:numFmt'
    )
    levels = [make.abstract(0, [make.level(0, "decimal", "%1."), restart_never])]
    paragraphs = [
        p(r("one"), num=(1, 0)),
        p(r("x"), num=(1, 1)),
        p(r("two"), num=(1, 0)),
        p(r("y"), num=(1, 1)),
    ]
    text = docx_text(_numbered_document(paragraphs, levels, [make.num(1, 0)]), "n.docx").text
    assert text.split("\n") == ["1.\tone", "1.\tx", "2.\ttwo", "2.\ty"]


def test_tracked_changes_are_read_as_accepted() -> None:
    numbered = _read("sg13-letter-numbered.docx").text
    assert "\t24 September 2027" in numbered.split("\n")
    assert "17 September" not in numbered  # the day typed over
    assert "Submit all" not in numbered and "- Submit ITU-T Member contributions" in numbered
    # moved from the line above: only where it went
    assert numbered.count("Pre-registration") == 2  # the task, and Annex A's paragraph
    assert "\tsometime in September" in numbered.split("\n")
    # a deleted paragraph mark: the two paragraphs are one line
    assert "I look forward to seeing you in Nairobi." in numbered.split("\n")

    tables = _lines("sg13-letter-tables.docx")
    assert tables[16] == "24 September 2027\t"  # "24 " inserted
    assert "2\tApproval of the agenda\tTD 101 Rev.1" in tables  # "draft " deleted
    assert "3.2\tIncoming liaison statements\tLS 4" in tables  # an inserted row
    assert not any("Working Parties" in line for line in tables)  # a deleted row


def test_fields_give_their_shown_result_only() -> None:
    numbered = _lines("sg13-letter-numbered.docx")
    assert numbered[2] == "\tGeneva, 3 June 2027"  # a DATE field's cached result
    assert "at least four weeks before" in numbered[27]  # a REF field
    tables = _lines("sg13-letter-tables.docx")
    assert tables[2] == "\tGeneva, 3 June 2027"  # a simple field, in a cell
    assert tables[44].endswith("posted on the SG13 homepage.")  # a HYPERLINK field
    for text in ("\n".join(numbered), "\n".join(tables)):
        for instruction in ("DATE", "REF ", "HYPERLINK", "MMMM", "PAGE"):
            assert instruction not in text


def test_content_controls_smart_tags_links_and_breaks() -> None:
    numbered = _lines("sg13-letter-numbered.docx")
    # the subject in a content control, "6-15" with a non-breaking hyphen
    assert numbered[4] == "\tSubject:\tMeeting of Study Group 13; Nairobi, 6-15 October 2027"
    assert "held in Nairobi, Kenya, from 6 to 15" in numbered[7]  # a smart tag
    assert numbered[44].endswith("posted on the SG13 homepage.")  # a hyperlink
    # one paragraph with line breaks: a line each; a page break starts none
    assert numbered[21:26] == ["Yours faithfully,", "(signed)", "Director", "", "ANNEX A"]
    tables = _lines("sg13-letter-tables.docx")
    assert tables[4] == "\tSubject:\tMeeting of Study Group 13; Nairobi, 6-15 October 2027"
    assert tables[22] == "(signed)"  # a content control showing its prompt gives nothing
    assert tables[29].startswith("HOTELS: It is recommended to book")  # link, in a control


def test_what_is_not_read_is_a_warning_at_its_line() -> None:
    assert _read("sg13-letter-numbered.docx").warnings == []
    read = _read("sg13-letter-tables.docx")
    lines = read.text.split("\n")
    found = {w.message.split(" is not read")[0]: w for w in read.warnings}
    box = found["a text box"]
    assert lines[box.line - 1] == "ANNEX B"
    assert box.message == "a text box is not read: 'Draft agenda for discussion at the meeting'"
    assert str(box) == f"line {box.line}: {box.message}"
    assert lines[found["footnote 1"].line - 1].endswith("conference centre entrance.")
    assert "Harambee Avenue" in found["footnote 1"].message
    assert lines[found["a comment"].line - 1] == "Key deadlines:"
    assert found["the page header"].line == 1
    assert "TSB Collective letter 7/13" in found["the page header"].message
    assert len(read.warnings) == 4


def test_breaks_tabs_symbols_and_boxes_in_a_table_cell() -> None:
    p, r = make.p, make.r
    cell_text = (
        r("C 12,")
        + "<w:r><w:br/></w:r>"
        + r("C 13")
        + '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>'
        + '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>'
    )
    rows = [
        make.row([make.cell(p(r("3.1"))), make.cell(p(cell_text))]),
        make.row([make.cell(p(r("3.2"))), make.cell(p(r("Liaisons") + make.text_box("LS 4")))]),
    ]
    body = p(r("Documents")) + make.table(rows, [1000, 5000])
    data = make.package({"word/document.xml": make.document(body)}, [])
    read = docx_text(data, "cells.docx")
    assert read.text.split("\n") == ["Documents", "3.1\tC 12, C 13•", "3.2\tLiaisons"]
    assert [str(w) for w in read.warnings] == [
        "line 2: a symbol of the font 'Wingdings' (F0FE) is not read (in a table cell)",
        "line 3: a text box is not read: 'LS 4' (in a table cell)",
    ]


@pytest.mark.parametrize(
    ("element", "message"),
    [
        ('<w:altChunk r:id="rId9"/>', "line 2: an embedded document (altChunk) is not read"),
        (
            make.p(make.r("x") + '<w:r><w:footnoteReference w:id="7"/></w:r>'),
            "line 2: footnote 1 is not read: ''",
        ),
        (
            make.p(
                '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/'
                '2006/math"><m:r><m:t>E=mc2</m:t></m:r></m:oMath>'
            ),
            "line 2: an equation is not read: 'E=mc2'",
        ),
        (
            make.p('<w:r><w:object><o:OLEObject ProgID="Excel.Sheet.12"/></w:object></w:r>'),
            "line 2: an embedded object is not read",
        ),
        (
            "<w:futureBlock><w:p><w:r><w:t>new words</w:t></w:r></w:p></w:futureBlock>",
            "line 2: not read: the document's futureBlock element holding 'new words'",
        ),
    ],
    ids=["altchunk", "footnote", "equation", "object", "unknown"],
)
def test_each_thing_not_read_is_named(element: str, message: str) -> None:
    body = make.p(make.r("before")) + element + make.p(make.r("after"))
    read = docx_text(make.package({"word/document.xml": make.document(body)}, []), "x.docx")
    assert [str(w) for w in read.warnings] == [message]
    assert read.text.split("\n")[0] == "before" and read.text.split("\n")[-1] == "after"


def test_the_import_preview_shows_what_a_docx_leaves_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sg20desk.cli import main

    assert main(["--demo", "import", str(WORD / "sg13-letter-tables.docx"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert (
        "sg13-letter-tables.docx: line 32: a text box is not read: "
        "'Draft agenda for discussion at the meeting'" in out
    )
    assert "sg13-letter-tables.docx: line 1: the page header is not read" in out
    assert "sg13-letter-tables.docx: line 43: item 5 follows 3.2" in out
