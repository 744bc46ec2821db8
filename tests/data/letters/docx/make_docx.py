"""Builds the SG13 collective letter as Word writes it, with the parts of WordprocessingML
that python-docx's paragraph text leaves out: the .docx files in this folder are made by
this script from the text letter tests/data/letters/sg13-collective-letter.txt.

    python tests/data/letters/docx/make_docx.py

Two documents, each line of the text letter standing where it stands in the text (a table
row, a paragraph, or a line of a paragraph split by line breaks), so that both read to the
same meeting as the text:

- sg13-letter-numbered.docx: the heading as paragraphs with tabs, its date a DATE field
  (instruction and cached result), the subject in a content control with a non-breaking
  hyphen; the body's numbered paragraphs numbered by Word ("%1." then a tab), the events
  bulleted through the List Bullet style, the key deadlines as dates (after a tab) over
  bulleted tasks;
  tracked changes: a date and a task's title corrected (deletion and insertion), a task
  moved from one paragraph to the next, a paragraph mark deleted (two paragraphs read as
  one); a smart tag, a REF field, the signature as one paragraph with line breaks; the
  Annex B agenda a table whose number column is Word's multi-level numbering ("3.1.1.1"),
  item 5 restarted by a numbering instance with a start override, the unnumbered line a
  bullet in its cell; the note's link a hyperlink.
- sg13-letter-tables.docx: the heading a borderless table (the date a simple field, the
  subject cell a cell-level content control), a running header; the body numbered through
  a paragraph style ("%1." then a space), the events with Symbol-font bullets; the key
  deadlines a table of date and bulleted task, one deadline corrected by an insertion; the
  agenda numbered through paragraph styles tied to the levels of a list style, item 5 in an
  instance that reaches that list through w:numStyleLink and restarts it, item 6 back in
  the style's own instance (so counters are the list's, not the instance's), rows in a
  row-level content control, a row inserted and a row deleted as tracked changes, a word
  of an item's title deleted; a footnote, a comment, a text box (DrawingML with its VML
  fallback) beside the ANNEX B title, a placeholder content control, Annex A in a
  block-level content control with a hyperlink, the note's link a HYPERLINK field.

The files are written byte for byte the same on every run (fixed zip dates and order).
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
LETTER = HERE.parent / "sg13-collective-letter.txt"

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
}
XMLNS = " ".join(f"xmlns:{k}={quoteattr(v)}" for k, v in NAMESPACES.items())
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REVISION = 'w:author="TSB" w:date="2027-06-01T09:00:00Z"'

_ids = itertools.count(1)


def rev() -> str:
    """A tracked change's id, author and date."""
    return f'w:id="{next(_ids)}" {REVISION}'


def _restart_ids() -> None:
    global _ids
    _ids = itertools.count(1)


# --- runs and paragraphs ------------------------------------------------------------------


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def r(text: str = "", props: str = "") -> str:
    """A run; each tab in ``text`` a w:tab."""
    parts = text.split("\t")
    inner = "<w:tab/>".join(t(part) if part else "" for part in parts)
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{inner}</w:r>"


def ins(content: str) -> str:
    return f"<w:ins {rev()}>{content}</w:ins>"


def delete(text: str) -> str:
    deleted = f'<w:delText xml:space="preserve">{escape(text)}</w:delText>'
    return f"<w:del {rev()}><w:r>{deleted}</w:r></w:del>"


def hyperlink(text: str, target: str) -> str:
    """A link (``target``: its r:id or w:anchor attribute) around ``text``."""
    runs = r(text, '<w:rStyle w:val="Hyperlink"/>')
    return f"<w:hyperlink {target}>{runs}</w:hyperlink>"


def field(instruction: str, result: str) -> str:
    """A complex field: begin, instruction, separate, cached result, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def simple_field(instruction: str, result: str) -> str:
    return f"<w:fldSimple w:instr={quoteattr(f' {instruction} ')}>{r(result)}</w:fldSimple>"


def control(content: str, tag: str, placeholder: bool = False) -> str:
    """A content control (w:sdt) around ``content``."""
    shown = "<w:showingPlcHdr/>" if placeholder else ""
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/>'
        f'<w:id w:val="{next(_ids)}"/>{shown}</w:sdtPr>'
        f"<w:sdtContent>{content}</w:sdtContent></w:sdt>"
    )


def p(
    content: str = "",
    *,
    style: str | None = None,
    num: tuple[int, int] | None = None,
    mark_deleted: bool = False,
) -> str:
    props = []
    if style:
        props.append(f'<w:pStyle w:val="{style}"/>')
    if num:
        props.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    if mark_deleted:
        props.append(f"<w:rPr><w:del {rev()}/></w:rPr>")
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{content}</w:p>"


def cell(content: str, width: int = 2000, span: int = 1) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    body = content if content.startswith(("<w:p>", "<w:p ")) else p(r(content) if content else "")
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>{body}</w:tc>'


def row(cells: Iterable[str], props: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def table(rows: Iterable[str], widths: list[int], borders: bool = True) -> str:
    style = '<w:tblStyle w:val="TableGrid"/>' if borders else ""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f'<w:tbl><w:tblPr>{style}<w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def text_box(words: str) -> str:
    """A floating text box as Word 2010 and later write it: DrawingML, with VML for older
    readers."""
    box = f"<w:txbxContent>{p(r(words))}</w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
        'distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
        '<wp:posOffset>4000000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
        '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1800000" cy="400000"/>'
        '<wp:wrapNone/><wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" '
        'cy="400000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202" '
        'style="position:absolute;width:142pt;height:32pt">'
        f"<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


# --- the parts around the body ----------------------------------------------------------------


def numbering(abstracts: list[str], nums: list[str]) -> str:
    return f"{HEAD}<w:numbering {XMLNS}>{''.join(abstracts)}{''.join(nums)}</w:numbering>"


def level(
    ilvl: int,
    fmt: str,
    text: str,
    *,
    suffix: str | None = None,
    style: str | None = None,
    font: str | None = None,
    start: int = 1,
) -> str:
    suff = f'<w:suff w:val="{suffix}"/>' if suffix else ""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>'
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{pstyle}'
        f"{suff}<w:lvlText w:val={quoteattr(text)}/>"
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (ilvl + 1)}" w:hanging="720"/>'
        f"</w:pPr>{rpr if font else ''}</w:lvl>"
    )


def abstract(ident: int, levels: Iterable[str], extra: str = "") -> str:
    return (
        f'<w:abstractNum w:abstractNumId="{ident}"><w:multiLevelType w:val="multilevel"/>'
        f"{extra}{''.join(levels)}</w:abstractNum>"
    )


def num(ident: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
        for k, v in (start_overrides or {}).items()
    )
    return f'<w:num w:numId="{ident}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def style(
    ident: str, name: str, kind: str = "paragraph", ppr: str = "", default: bool = False
) -> str:
    flag = ' w:default="1"' if default else ""
    based = '<w:basedOn w:val="Normal"/>' if kind == "paragraph" and ident != "Normal" else ""
    return (
        f'<w:style w:type="{kind}"{flag} w:styleId="{ident}"><w:name w:val="{name}"/>{based}'
        f"{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}</w:style>"
    )


def numbered_by(num_id: int, ilvl: int | None = None) -> str:
    level_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    return f'<w:numPr>{level_xml}<w:numId w:val="{num_id}"/></w:numPr>'


def styles(extra: Iterable[str]) -> str:
    return (
        f"{HEAD}<w:styles {XMLNS}><w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="24"/>'
        "</w:rPr></w:rPrDefault></w:docDefaults>"
        f"{style('Normal', 'Normal', default=True)}"
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        "<w:tblPr><w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders></w:tblPr></w:style>"
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:rPr><w:color w:val="0000FF"/><w:u w:val="single"/></w:rPr></w:style>'
        f"{''.join(extra)}</w:styles>"
    )


def document(body: str, sect: str = "") -> str:
    return (
        f"{HEAD}<w:document {XMLNS}><w:body>{body}<w:sectPr>{sect}"
        '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1134" '
        'w:bottom="1417" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    )


def package(parts: dict[str, str], relations: list[tuple[str, str, str, bool]]) -> bytes:
    """The .docx: ``parts`` by name, and the main document's relationships (id, type,
    target, external)."""
    kinds = {
        "word/document.xml": f"{CT}.document.main+xml",
        "word/styles.xml": f"{CT}.styles+xml",
        "word/numbering.xml": f"{CT}.numbering+xml",
        "word/header1.xml": f"{CT}.header+xml",
        "word/footnotes.xml": f"{CT}.footnotes+xml",
        "word/comments.xml": f"{CT}.comments+xml",
    }
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{kinds[name]}"/>' for name in parts
    )
    content_types = (
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )
    package_rels = (
        f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    document_rels = (
        f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships">'
        + "".join(
            f'<Relationship Id="{ident}" Type="{REL}/{kind}" Target={quoteattr(target)}'
            + (' TargetMode="External"' if external else "")
            + "/>"
            for ident, kind, target, external in relations
        )
        + "</Relationships>"
    )
    files = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": package_rels,
        "word/_rels/document.xml.rels": document_rels,
        **parts,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2027, 6, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


# --- the letter ---------------------------------------------------------------------------------


def letter_lines() -> list[str]:
    return LETTER.read_bytes().decode("utf-8").replace("\r\n", "\n").rstrip("\n").split("\n")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _take(lines: list[str], index: int, expected: str) -> str:
    """The letter's line at ``index``, checked to be the one the layout expects."""
    if expected not in lines[index]:
        raise SystemExit(
            f"{LETTER.name}: line {index + 1} is not {expected!r}: the layout "
            "below follows the letter's lines; update it with the letter"
        )
    return lines[index]


def _body_paragraph(text: str) -> str:
    """A body paragraph's words, with the place in a smart tag where it is named."""
    place = "Nairobi, Kenya"
    if place in text:
        before, after = text.split(place, 1)
        tag = (
            '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
            f"{r(place)}</w:smartTag>"
        )
        return f"{r(before)}{tag}{r(after)}"
    return r(text)


def _agenda_rows(
    lines: list[str], number_cell: Callable[[str], str], bullet: tuple[int, int]
) -> list[tuple[str, list[str]]]:
    """The Annex B rows as (number, [item paragraph, documents paragraph])."""
    out = []
    for line in lines:
        number, item, documents = [*_cells(line), "", ""][:3]
        item_xml = p(r(item[2:]), num=bullet) if item.startswith("- ") else p(r(item))
        out.append((number, [number_cell(number), item_xml, p(r(documents))]))
    return out


def numbered_letter() -> bytes:
    _restart_ids()
    lines = letter_lines()
    body: list[str] = []
    i = 0

    def next_line(expected: str) -> str:
        nonlocal i
        line = _take(lines, i, expected)
        i += 1
        return line

    body.append(p(r(next_line("INTERNATIONAL"))))
    body.append(p(r(next_line("STANDARDIZATION"))))
    dated = next_line("Geneva, ")
    day = dated.split("Geneva, ", 1)[1]
    body.append(p(r("\tGeneva, ") + field('DATE \\@ "d MMMM yyyy"', day)))
    body.append(p(r(next_line("Ref:"))))
    label, subject = next_line("Subject:").rsplit("\t", 1)
    first, rest = subject.split("-", 1)  # "6-15 October": a non-breaking hyphen
    subject_runs = r(first) + "<w:r><w:noBreakHyphen/></w:r>" + r(rest)
    body.append(p(r(label + "\t") + control(subject_runs, "Subject")))
    while not lines[i].startswith("1. "):
        body.append(p(r(lines[i])))
        i += 1
    # the numbered paragraphs and the bullets between them
    while not lines[i].startswith("Key deadlines"):
        line = lines[i]
        i += 1
        if line[:1].isdigit():
            body.append(p(_body_paragraph(line.split(". ", 1)[1]), num=(1, 0)))
        else:
            body.append(p(r(line.removeprefix("• ")), style="ListBullet"))
    body.append(p(r(next_line("Key deadlines"))))
    # key deadlines: a date indented by a tab, then its tasks as bullets
    while lines[i].startswith("\t"):
        line = lines[i].strip()
        i += 1
        if line.startswith("-\t"):
            task = line.split("\t", 1)[1]
            if task == "Submit ITU-T Member contributions":  # "all" struck out
                runs = (
                    r("Submit ")
                    + delete("all ")
                    + r("ITU")
                    + ("<w:r><w:noBreakHyphen/></w:r>")
                    + r("T Member contributions")
                )
            elif task == "Pre-registration":  # moved here from the line above
                runs = f'<w:moveTo {rev()} w:name="move1">{r(task)}</w:moveTo>'
            else:
                runs = r(task)
            body.append(p(runs, num=(2, 0)))
        elif line.startswith("24 September"):  # the date corrected: 17 -> 24
            runs = r("\t") + delete("17") + ins(r("24")) + r(line.removeprefix("24"))
            body.append(p(runs))
        elif line.startswith("sometime"):
            moved = f'<w:moveFrom {rev()} w:name="move1">{r(" Pre-registration")}</w:moveFrom>'
            body.append(p(r(f"\t{line}") + moved))
        else:
            body.append(p(r(f"\t{line}")))
    closing = next_line("I look forward")
    # two paragraphs joined by deleting the first one's mark, with changes tracked
    split = closing.index("in Nairobi")
    body.append(p(r(closing[:split]), mark_deleted=True))
    body.append(p(r(closing[split:])))
    # the signature block: one paragraph, its lines apart by line breaks
    signature = [next_line("Yours faithfully"), next_line("(signed)"), next_line("Director")]
    body.append(p("<w:r><w:br/></w:r>".join(r(s) for s in signature)))
    while not lines[i].startswith("No\t"):
        line = lines[i]
        i += 1
        if line == "ANNEX A":  # a new page: the break before it starts no line
            body.append(p('<w:r><w:br w:type="page"/></w:r>' + r(line)))
        elif line.startswith("PRE-REGISTRATION"):
            words = "four weeks"
            before, after = line.split(words, 1)
            body.append(
                p(r(before) + simple_field("REF PreRegistrationWeeks \\h", words) + r(after))
            )
        else:
            body.append(p(r(line)))
    agenda = [lines[i]]
    i += 1
    while lines[i][:1].isdigit() or lines[i].startswith("\t"):
        agenda.append(lines[i])
        i += 1

    def number_cell(number: str) -> str:
        """The number as Word's multi-level numbering in an otherwise empty cell: 5 and
        6 in an instance that restarts the list at 5 (the letter skips 4)."""
        if not number:
            return p()
        depth = number.count(".")
        instance = 4 if int(number.split(".")[0]) >= 5 else 3
        return p(num=(instance, depth))

    rows = [
        row(cell(p(r(c)), w) for c, w in zip(_cells(agenda[0]), (1000, 5500, 2500), strict=True))
    ]
    for _number, cells in _agenda_rows(agenda[1:], number_cell, (2, 0)):
        rows.append(row(cell(c, w) for c, w in zip(cells, (1000, 5500, 2500), strict=True)))
    body.append(table(rows, [1000, 5500, 2500]))
    note = next_line("NOTE")
    link = "SG13 homepage"
    before, after = note.split(link, 1)
    body.append(p(r(before) + hyperlink(link, 'r:id="rId10" w:history="1"') + r(after)))
    if i != len(lines):
        raise SystemExit(f"{LETTER.name}: lines after the note are not laid out")

    numbering_xml = numbering(
        [
            abstract(0, [level(0, "decimal", "%1."), level(1, "lowerLetter", "%2)")]),
            abstract(1, [level(0, "bullet", "\uf0b7", font="Symbol")]),
            abstract(
                2,
                [
                    level(0, "decimal", "%1"),
                    level(1, "decimal", "%1.%2"),
                    level(2, "decimal", "%1.%2.%3"),
                    level(3, "decimal", "%1.%2.%3.%4"),
                ],
            ),
        ],
        [num(1, 0), num(2, 1), num(3, 2), num(4, 2, {0: 5})],
    )
    styles_xml = styles([style("ListBullet", "List Bullet", ppr=numbered_by(2))])
    return package(
        {
            "word/document.xml": document("".join(body)),
            "word/styles.xml": styles_xml,
            "word/numbering.xml": numbering_xml,
        },
        [
            ("rId1", "styles", "styles.xml", False),
            ("rId2", "numbering", "numbering.xml", False),
            ("rId10", "hyperlink", "https://www.itu.int/go/tsg13", True),
        ],
    )


def tables_letter() -> bytes:
    _restart_ids()
    lines = letter_lines()
    body: list[str] = []
    i = 0

    def next_line(expected: str) -> str:
        nonlocal i
        line = _take(lines, i, expected)
        i += 1
        return line

    body.append(p(r(next_line("INTERNATIONAL"))))
    body.append(p(r(next_line("STANDARDIZATION"))))
    # the heading block: a borderless table of label and value after an empty column
    widths = [600, 1400, 7000]
    dated = next_line("Geneva, ").strip()
    place, day = dated.split(", ", 1)
    heading = [
        row(
            [
                cell(""),
                cell(
                    p(r(f"{place}, ") + simple_field('DATE \\@ "d MMMM yyyy"', day)), 8400, span=2
                ),
            ]
        )
    ]
    _, label, reference = _cells(next_line("Ref:"))
    heading.append(row([cell(""), cell(label, 1400), cell(reference, 7000)]))
    _, label, subject = _cells(next_line("Subject:"))
    # the subject's cell in a cell-level content control
    heading.append(row([cell(""), cell(label, 1400), control(cell(subject, 7000), "Subject")]))
    body.append(table(heading, widths, borders=False))
    while not lines[i].startswith("1. "):
        body.append(p(r(lines[i])))
        i += 1
    while not lines[i].startswith("Key deadlines"):
        line = lines[i]
        i += 1
        if line[:1].isdigit():
            words = line.split(". ", 1)[1]
            content = _body_paragraph(words)
            if "conference centre entrance" in words:  # a footnote on the place
                content += (
                    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    '<w:footnoteReference w:id="2"/></w:r>'
                )
            body.append(p(content, style="LetterNumbered"))
        else:
            body.append(p(r(line.removeprefix("• ")), num=(2, 0)))
    comment = (
        '<w:commentRangeStart w:id="0"/>'
        f"{r(next_line('Key deadlines'))}"
        '<w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
    )
    body.append(p(comment))
    # key deadlines: a table, each date over its task (the task bulleted in its cell)
    deadline_rows = []
    while lines[i].startswith("\t"):
        line = lines[i].strip()
        i += 1
        if line.startswith("-\t"):
            task = line.split("\t", 1)[1]
            deadline_rows.append(row([cell(""), cell(p(r(task), num=(6, 0)), 6000)]))
        elif line.startswith("24 September"):
            words = line.split(" ", 1)[1]
            deadline_rows.append(row([cell(p(ins(r("24 ")) + r(words))), cell("", 6000)]))
        else:
            deadline_rows.append(row([cell(line), cell("", 6000)]))
    body.append(table(deadline_rows, [2500, 6000]))
    body.append(p(r(next_line("I look forward"))))
    body.append(p(r(next_line("Yours faithfully"))))
    signed = next_line("(signed)")
    # a content control still showing its prompt: nothing was typed in it
    prompt = control(r("Click or tap here to enter text."), "Signatory", placeholder=True)
    body.append(p(r(signed) + prompt))
    body.append(p(r(next_line("Director"))))
    while not lines[i].startswith("ANNEX A"):
        body.append(p(r(lines[i])))
        i += 1
    body.append(p(r(next_line("ANNEX A"))))
    annex_a: list[str] = []
    while not lines[i].startswith("ANNEX B"):
        line = lines[i]
        i += 1
        if line.startswith("HOTELS"):
            words = "book"
            before, after = line.split(words, 1)
            annex_a.append(p(r(before) + hyperlink(words, 'w:anchor="hotels"') + r(after)))
        else:
            annex_a.append(p(r(line)))
    # Annex A's paragraphs in a block-level content control (the empty line after it too)
    body.append(control("".join(annex_a), "PracticalInformation"))
    annex_b = next_line("ANNEX B")
    body.append(p(r(annex_b) + text_box("Draft agenda for discussion at the meeting")))
    body.append(p(r(next_line("Draft agenda"))))
    agenda = [lines[i]]
    i += 1
    while lines[i][:1].isdigit() or lines[i].startswith("\t"):
        agenda.append(lines[i])
        i += 1

    def number_cell(number: str) -> str:
        """The number by the level's style; 5 in an instance of the list style that
        restarts it at 5, 6 back in the style's own instance."""
        if not number:
            return p()
        depth = number.count(".")
        if number == "5":
            return p(style="AgendaLevel1", num=(5, 0))
        return p(style=f"AgendaLevel{depth + 1}")

    widths = [1000, 5500, 2500]
    rows = [row(cell(p(r(c)), w) for c, w in zip(_cells(agenda[0]), widths, strict=True))]
    grouped: list[str] = []
    for number, cells in _agenda_rows(agenda[1:], number_cell, (6, 0)):
        if not number:  # the unnumbered line: a row that starts one column in
            cells_xml = [cell(c, w) for c, w in zip(cells[1:], widths[1:], strict=True)]
            rows.append(row(cells_xml, '<w:gridBefore w:val="1"/>'))
            continue
        if cells[1] == p(r("Approval of the agenda")):  # "draft" struck out of the title
            cells[1] = p(r("Approval of the ") + delete("draft ") + r("agenda"))
        cells_xml = [cell(c, w) for c, w in zip(cells, widths, strict=True)]
        if number.startswith("3.1.1"):  # a repeating section: rows in a content control
            grouped.append(row(cells_xml))
            if number == "3.1.1.1":
                rows.append(control("".join(grouped), "Proposals"))
            continue
        if number == "3.2":  # a row added with changes tracked, and one taken out
            rows.append(row(cells_xml, f"<w:ins {rev()}/>"))
            taken_out = [
                p(style="AgendaLevel2"),
                p(r("Reports of the Working Parties")),
                p(r("TD 150")),
            ]
            rows.append(
                row(
                    [cell(c, w) for c, w in zip(taken_out, widths, strict=True)],
                    f"<w:del {rev()}/>",
                )
            )
            continue
        rows.append(row(cells_xml))
    body.append(table(rows, widths))
    note = next_line("NOTE")
    link = "SG13 homepage"
    before, after = note.split(link, 1)
    body.append(p(r(before) + field('HYPERLINK "https://www.itu.int/go/tsg13"', link) + r(after)))
    if i != len(lines):
        raise SystemExit(f"{LETTER.name}: lines after the note are not laid out")

    agenda_levels = [
        level(0, "decimal", "%1", style="AgendaLevel1"),
        level(1, "decimal", "%1.%2", style="AgendaLevel2"),
        level(2, "decimal", "%1.%2.%3", style="AgendaLevel3"),
        level(3, "decimal", "%1.%2.%3.%4", style="AgendaLevel4"),
    ]
    numbering_xml = numbering(
        [
            abstract(0, [level(0, "decimal", "%1.", suffix="space")]),
            abstract(1, [level(0, "bullet", "\uf0b7", font="Symbol")]),
            abstract(2, agenda_levels, '<w:styleLink w:val="AgendaList"/>'),
            abstract(3, [level(0, "bullet", "–")]),
            abstract(4, [], '<w:numStyleLink w:val="AgendaList"/>'),
        ],
        [num(1, 0), num(2, 1), num(3, 2), num(5, 4, {0: 5}), num(6, 3)],
    )
    styles_xml = styles(
        [
            style("LetterNumbered", "Letter Numbered", ppr=numbered_by(1)),
            style("AgendaList", "Agenda List", kind="numbering", ppr=numbered_by(3)),
            *(
                style(f"AgendaLevel{n}", f"Agenda Level {n}", ppr=numbered_by(3))
                for n in range(1, 5)
            ),
            '<w:style w:type="character" w:styleId="FootnoteReference"><w:name '
            'w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            "</w:style>",
        ]
    )
    running = p(r("TSB Collective letter 7/13 – Page ") + field("PAGE", "1"))
    header = f"{HEAD}<w:hdr {XMLNS}>{running}</w:hdr>"
    footnotes = (
        f"{HEAD}<w:footnotes {XMLNS}>"
        '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
        '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
        f"{r(' The entrance on Harambee Avenue, open from 0730 hours.')}</w:p></w:footnote>"
        "</w:footnotes>"
    )
    comments = (
        f'{HEAD}<w:comments {XMLNS}><w:comment w:id="0" {REVISION} w:initials="TSB">'
        f"{p(r('Check these dates with the secretariat before sending.'))}</w:comment></w:comments>"
    )
    return package(
        {
            "word/document.xml": document(
                "".join(body), '<w:headerReference w:type="default" r:id="rId3"/>'
            ),
            "word/styles.xml": styles_xml,
            "word/numbering.xml": numbering_xml,
            "word/header1.xml": header,
            "word/footnotes.xml": footnotes,
            "word/comments.xml": comments,
        },
        [
            ("rId1", "styles", "styles.xml", False),
            ("rId2", "numbering", "numbering.xml", False),
            ("rId3", "header", "header1.xml", False),
            ("rId4", "footnotes", "footnotes.xml", False),
            ("rId5", "comments", "comments.xml", False),
        ],
    )


DOCUMENTS = {
    "sg13-letter-numbered.docx": numbered_letter,
    "sg13-letter-tables.docx": tables_letter,
}


def main() -> None:
    for name, build in DOCUMENTS.items():
        (HERE / name).write_bytes(build())
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
