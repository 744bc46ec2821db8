"""The text of a Word letter (.docx), in the shape the letter reader takes.

Paragraphs become lines and each table row one line with its cells separated by tabs,
in the order they stand in the document, so the reader finds the agenda table of Annex B
as it finds a tab-separated agenda in text. A line number in a warning counts these lines.

The text is what Word shows, not only what its text runs hold:

- automatic numbering and bullets (word/numbering.xml, given on the paragraph or by its
  style) are written out: a numbered paragraph as "3.1" and a tab (or the space or nothing
  its level asks for) before its text, a bullet as "- ". Counters follow Word: they belong
  to the list definition (w:abstractNum), so two numbering instances of one definition
  continue each other, and an instance with a start override restarts where it is first
  used; a level restarts when a level above it advances (unless w:lvlRestart says
  otherwise);
- tracked changes are read as if accepted: insertions and moves kept where they went,
  deletions and the places text moved from dropped, a deleted paragraph mark joining the
  paragraph to the next one, deleted table rows and cells left out;
- content controls, smart tags, hyperlinks and custom XML give their content (a control
  still showing its placeholder prompt gives nothing); a field gives its shown result, never
  its instruction;
- a tab is a tab (between cells or inside a paragraph), a non-breaking hyphen "-", a
  symbol its character where it has one. A line break inside a paragraph starts a new line
  (as text copied out of Word has it: heading blocks and signatures are written that way);
  inside a table cell it is a space, since a row must stay one line.

What is not read is reported as a warning with the line it stands at, never dropped in
silence: text boxes, equations, embedded objects and documents, charts, footnotes,
endnotes, comments, page headers and footers.

A .docx is a zip of XML parts, and a hostile one can be a zip bomb or carry a DTD that
expands entities. Before anything is parsed the archive is checked: its size, the number
of parts, the total unpacked size and each part's compression ratio, and no XML part may
declare a DOCTYPE. The parts are then parsed with entities left unresolved, no network and
libxml2's own limits on depth and size.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

MAX_BYTES = 10 * 1024 * 1024  # a letter with its logo is some 100 kB
MAX_PARTS = 2_000
MAX_UNPACKED = 50 * 1024 * 1024
MAX_RATIO = 100  # XML compresses some 5-20 times; a bomb, thousands of times
_XML_HEAD = 4096  # a DOCTYPE comes before the root element
MAX_NESTING = 40  # tables in cells in content controls ...; a letter has two or three
MAX_WARNINGS = 200
_QUOTE = 60  # characters of unread text quoted in a warning


class DocxError(ValueError):
    """Not a .docx the reader can take; the message names the file."""


@dataclass(frozen=True, slots=True)
class DocxWarning:
    """Something in the document that is not in the text, at ``line`` of the text."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class DocxText:
    """The letter's text and what the document holds that the text leaves out."""

    text: str
    warnings: list[DocxWarning] = field(default_factory=list)


def check_archive(data: bytes, source: str) -> None:
    """Refuse what is not a plain .docx before anything unpacks it."""
    if len(data) > MAX_BYTES:
        raise DocxError(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MiB; no letter is")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocxError(f"{source}: not a .docx (not a zip archive, or a damaged one)") from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise DocxError(f"{source}: {len(parts)} parts; a .docx letter has a few dozen")
        total = 0
        for part in parts:
            total += part.file_size
            ratio = part.file_size / max(part.compress_size, 1)
            if total > MAX_UNPACKED or (part.file_size > 1024 * 1024 and ratio > MAX_RATIO):
                raise DocxError(
                    f"{source}: {part.filename} unpacks to far more than it holds "
                    "(a zip bomb?); not read"
                )
        names = {p.filename for p in parts}
        if "word/document.xml" not in names:
            raise DocxError(
                f"{source}: a zip archive, but not a Word document (no word/document.xml)"
            )
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                try:
                    with archive.open(part) as stream:
                        head = stream.read(_XML_HEAD)
                except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
                    raise DocxError(
                        f"{source}: {part.filename} cannot be unpacked ({exc})"
                    ) from None
                if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 XML
                    head = head.decode("utf-16", "replace").encode("utf-8")
                if b"<!DOCTYPE" in head.upper():
                    raise DocxError(
                        f"{source}: {part.filename} declares a DTD, which a Word document "
                        "never does; not read"
                    )


def docx_text(data: bytes, source: str) -> DocxText:
    """The letter's text: a line per paragraph, a tab-separated line per table row, with
    warnings for what it holds that is not read."""
    check_archive(data, source)
    from lxml import etree  # type: ignore[import-untyped]  # only when a .docx is read

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:

        def parse(name: str) -> Any:
            try:
                return etree.fromstring(archive.read(name), parser)
            except (etree.XMLSyntaxError, ValueError) as exc:
                raise DocxError(f"{source}: the Word document cannot be read ({exc})") from None
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
                raise DocxError(f"{source}: {name} cannot be unpacked ({exc})") from None

        document = parse("word/document.xml")
        names = set(archive.namelist())
        related = _related(parse, names, "word/document.xml")
        w = etree.QName(document).namespace or ""
        body = document.find(f"{{{w}}}body")
        if etree.QName(document).localname != "document" or body is None:
            raise DocxError(
                f"{source}: the Word document cannot be read (word/document.xml has no body)"
            )
        numbering = _Numbering(
            w, *(related[kind][0] if kind in related else None for kind in ("numbering", "styles"))
        )
        notes: dict[str, dict[str, str]] = {
            kind: _notes(w, related[kind][0], kind[:-1])
            for kind in ("footnotes", "endnotes", "comments")
            if kind in related
        }
        reader = _Reader(w, numbering, notes)
        reader.blocks(body, reader.lines, 0)
        for kind in ("header", "footer"):
            for root in related.get(kind, []):
                reader.page_part(root, kind)
    return DocxText("\n".join(reader.lines), reader.finished_warnings())


def _related(parse: Any, names: set[str], part: str) -> dict[str, list[Any]]:
    """The parts ``part`` refers to, by the last word of their relationship type
    ("numbering", "styles", "header" ...), parsed."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    out: dict[str, list[Any]] = {}
    if rels not in names:
        return out
    for rel in parse(rels):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or kind not in _RELATED or not target:
            continue
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        if path in names:
            out.setdefault(kind, []).append(parse(path))
    return out


_RELATED = {"numbering", "styles", "footnotes", "endnotes", "comments", "header", "footer"}


def _notes(w: str, root: Any, kind: str) -> dict[str, str]:
    """The text of each footnote, endnote or comment, by its id."""
    out = {}
    for note in root.iter(f"{{{w}}}{kind}"):
        text = _plain(w, note)
        if text:
            out[note.get(f"{{{w}}}id", "")] = text
    return out


def _plain(w: str, element: Any) -> str:
    """An element's text for a warning: its paragraphs' visible characters, spaced."""
    paragraphs = element.iter(f"{{{w}}}p") if element.tag != f"{{{w}}}p" else [element]
    text = " ".join("".join(t.text or "" for t in p.iter(f"{{{w}}}t")) for p in paragraphs)
    return " ".join(text.split())


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= _QUOTE else text[: _QUOTE - 3].rstrip() + "...")


# --- numbering -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText, with %1 ... %9 for the counters
    start: int = 1
    restart: int | None = None  # w:lvlRestart: after which level (1-based) it restarts
    suffix: str = "\t"
    legal: bool = False  # w:isLgl: every counter shown as a decimal number
    style: str | None = None  # the paragraph style this level belongs to


@dataclass(frozen=True, slots=True)
class _Instance:
    """A w:num: the list definition it counts in, and what it overrides there."""

    abstract: str
    starts: dict[int, int]
    levels: dict[int, _Level]


_LEVELS = 9
_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}


class _Numbering:
    """Word's automatic numbering: the label each numbered paragraph shows."""

    def __init__(self, w: str, root: Any, styles: Any) -> None:
        self.w = w
        self.instances: dict[str, _Instance] = {}
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # list definition -> numbering style it follows
        # paragraph and numbering styles: id -> (based on, numId, ilvl)
        self.styles: dict[str, tuple[str | None, str | None, int | None]] = {}
        self.default_style: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        if styles is not None:
            self._read_styles(styles)
        if root is not None:
            self._read(root)

    def _val(self, element: Any, name: str) -> str | None:
        found = element.find(f"{{{self.w}}}{name}")
        return None if found is None else found.get(f"{{{self.w}}}val")

    def _int(self, element: Any, name: str) -> int | None:
        value = self._val(element, name)
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None

    def _read_styles(self, root: Any) -> None:
        w = self.w
        for style in root.iter(f"{{{w}}}style"):
            if style.get(f"{{{w}}}type") not in ("paragraph", "numbering"):
                continue
            ident = style.get(f"{{{w}}}styleId")
            if ident is None:
                continue
            if style.get(f"{{{w}}}type") == "paragraph" and style.get(f"{{{w}}}default") in (
                "1",
                "true",
                "on",
            ):
                self.default_style = ident
            num_id, ilvl = None, None
            ppr = style.find(f"{{{w}}}pPr")
            numpr = ppr.find(f"{{{w}}}numPr") if ppr is not None else None
            if numpr is not None:
                num_id, ilvl = self._val(numpr, "numId"), self._int(numpr, "ilvl")
            self.styles[ident] = (self._val(style, "basedOn"), num_id, ilvl)

    def _level(self, lvl: Any) -> _Level:
        suffix = _SUFFIXES.get(self._val(lvl, "suff") or "tab", "\t")
        legal = lvl.find(f"{{{self.w}}}isLgl")
        start = self._int(lvl, "start")
        return _Level(
            fmt=self._val(lvl, "numFmt") or "decimal",
            text=self._val(lvl, "lvlText"),
            start=1 if start is None else start,
            restart=self._int(lvl, "lvlRestart"),
            suffix=suffix,
            legal=legal is not None and legal.get(f"{{{self.w}}}val", "1") in ("1", "true", "on"),
            style=self._val(lvl, "pStyle"),
        )

    def _levels(self, parent: Any) -> dict[int, _Level]:
        out = {}
        for lvl in parent.iter(f"{{{self.w}}}lvl"):
            try:
                index = int(lvl.get(f"{{{self.w}}}ilvl", ""))
            except ValueError:
                continue
            if 0 <= index < _LEVELS:
                out[index] = self._level(lvl)
        return out

    def _read(self, root: Any) -> None:
        w = self.w
        for abstract in root.iterchildren(f"{{{w}}}abstractNum"):
            ident = abstract.get(f"{{{w}}}abstractNumId", "")
            self.abstracts[ident] = self._levels(abstract)
            link = self._val(abstract, "numStyleLink")
            if link:
                self.links[ident] = link
        for num in root.iterchildren(f"{{{w}}}num"):
            abstract_id = self._val(num, "abstractNumId")
            if abstract_id is None:
                continue
            starts, levels = {}, {}
            for override in num.iterchildren(f"{{{w}}}lvlOverride"):
                try:
                    index = int(override.get(f"{{{w}}}ilvl", ""))
                except ValueError:
                    continue
                if not 0 <= index < _LEVELS:
                    continue
                start = self._int(override, "startOverride")
                if start is not None:
                    starts[index] = start
                lvl = override.find(f"{{{w}}}lvl")
                if lvl is not None:
                    levels[index] = self._level(lvl)
            self.instances[num.get(f"{{{w}}}numId", "")] = _Instance(abstract_id, starts, levels)

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        """The numbering a paragraph style (or a style it is based on) gives."""
        seen: set[str] = set()
        while style is not None and style not in seen and len(seen) < 20:
            seen.add(style)
            based_on, num_id, ilvl = self.styles.get(style, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style = based_on
        return None, None

    def _definition(self, abstract: str) -> str:
        """The list definition that counts: one that only follows a numbering style
        (w:numStyleLink) counts in the definition of that style's list."""
        for _ in range(5):
            link = self.links.get(abstract)
            if link is None:
                break
            num_id, _ilvl = self._style_numbering(link)
            instance = self.instances.get(num_id or "")
            if instance is None or instance.abstract == abstract:
                break
            abstract = instance.abstract
        return abstract

    def label(self, ppr: Any) -> str:
        """The number or bullet the paragraph with these properties shows ("" for none),
        with what follows it; counts it."""
        w = self.w
        num_id: str | None = None
        ilvl: int | None = None
        style = self.default_style
        if ppr is not None:
            numpr = ppr.find(f"{{{w}}}numPr")
            if numpr is not None:
                num_id, ilvl = self._val(numpr, "numId"), self._int(numpr, "ilvl")
            style = self._val(ppr, "pStyle") or style
        if num_id is None:
            num_id, style_ilvl = self._style_numbering(style)
            ilvl = style_ilvl if ilvl is None else ilvl
        instance = self.instances.get(num_id or "")
        if instance is None:  # none, numId 0 (numbering taken off), or an unknown list
            return ""
        assert num_id is not None
        abstract = self._definition(instance.abstract)
        levels = {**self.abstracts.get(abstract, {}), **instance.levels}
        if ilvl is None:  # a style's own list: the level tied to the style, else the first
            ilvl = next((i for i, lv in levels.items() if lv.style and lv.style == style), 0)
        ilvl = min(max(ilvl, 0), _LEVELS - 1)
        level = levels.get(ilvl, _Level())

        def start(index: int) -> int:
            if index in instance.starts:
                return instance.starts[index]
            return levels.get(index, _Level()).start

        counters = self.counters.setdefault(abstract, [None] * _LEVELS)
        if num_id not in self.used:
            self.used.add(num_id)
            for index in instance.starts:
                counters[index] = None
        current = counters[ilvl]
        counters[ilvl] = start(ilvl) if current is None else current + 1
        for index in range(ilvl + 1, _LEVELS):
            restart = levels.get(index, _Level()).restart
            if restart == 0:
                continue
            after = index if restart is None or restart > index else restart
            if ilvl < after:
                counters[index] = None
        if level.fmt == "bullet":
            return "- "
        if level.fmt == "none" and not level.text:
            return ""

        def shown(match: re.Match[str]) -> str:
            index = int(match[1]) - 1
            value = counters[index]
            count = start(index) if value is None else value
            fmt = "decimal" if level.legal else levels.get(index, _Level()).fmt
            return _format(count, fmt)

        text = re.sub(r"%([1-9])", shown, level.text if level.text is not None else "")
        return f"{text}{level.suffix}" if text.strip() else ""


def _format(value: int, fmt: str) -> str:
    if fmt in ("none", "bullet"):
        return ""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        ending = (
            "th"
            if value % 100 in (11, 12, 13)
            else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        )
        return f"{value}{ending}"
    return str(value)  # decimal, and the formats of other scripts as the digits


def _roman(value: int) -> str:
    out = []
    for amount, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


# --- symbols ---------------------------------------------------------------------------

# Characters of the Symbol and Wingdings fonts as Word stores them (w:sym, in the private
# range from F000), for the marks letters use; others are reported.
_SYMBOL_GREEK = dict(
    zip(
        range(0x41, 0x5B),
        "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ",
        strict=True,
    )
) | dict(zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ", strict=True))
_SYMBOL = {
    0x20: " ",
    0x2D: "-",
    0xB7: "•",
    0xD7: "×",
    0xB0: "°",
    0xB1: "±",
    0xA3: "≤",
    0xB3: "≥",
    0xAE: "→",
    0xAC: "←",
    0xE3: "©",
    0xE2: "®",
    0xE4: "™",
    0xBC: "…",
    0xBE: "—",
} | _SYMBOL_GREEK
_WINGDINGS = {0x9F: "•", 0xA7: "▪", 0x6C: "●", 0x6E: "■", 0xA8: "◻", 0xFC: "✓", 0xD8: "➢"}


def _symbol(font: str, code: int) -> str | None:
    if not 0xF000 <= code <= 0xF0FF:
        private = 0xD800 <= code <= 0xF8FF  # surrogates and the private range
        return chr(code) if 0x20 <= code <= 0x10FFFF and not private else None
    code -= 0xF000
    name = font.casefold()
    if name == "symbol":
        if 0x30 <= code <= 0x39:
            return chr(code)
        return _SYMBOL.get(code)
    if name.startswith("wingdings"):
        return _WINGDINGS.get(code)
    return chr(code) if 0x20 <= code < 0x7F else None


# --- the document ----------------------------------------------------------------------

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"


class _Reader:
    """Walks the document's body in order, writing its lines and noting what it skips."""

    def __init__(self, w: str, numbering: _Numbering, notes: dict[str, dict[str, str]]) -> None:
        self.w = w
        self.numbering = numbering
        self.notes = notes
        self.note_counts = {"footnote": 0, "endnote": 0}
        self.lines: list[str] = []
        self.warnings: list[DocxWarning] = []
        self.unlisted = 0
        self.segments: list[list[str]] = [[]]  # the paragraph being read, line by line
        self.page_line = False  # its last line was started by a page break
        self.fields: list[bool] = []  # open fields: True while reading their instruction
        self.in_instruction = 0
        self.cell_depth = 0  # inside a table cell (of a table in a cell ...)
        self.row_line = 0  # the line of the table row being read
        t = {
            name: f"{{{w}}}{name}"
            for name in (  # noqa: SIM905
                "p pPr rPr r t tab ptab br cr noBreakHyphen softHyphen sym fldChar fldSimple "
                "hyperlink smartTag customXml sdt sdtPr sdtContent showingPlcHdr ins del "
                "moveFrom moveTo dir bdo tbl tr trPr tc tcPr cellDel gridBefore altChunk subDoc "
                "drawing pict object ruby rubyBase footnoteReference endnoteReference "
                "commentReference txbxContent instrText delText delInstrText"
            ).split()
        }
        self.t = t
        self.w_type = f"{{{w}}}type"
        self.w_char_type = f"{{{w}}}fldCharType"
        self.seen_page_text: set[str] = set()
        self.w_val = f"{{{w}}}val"
        self.inline_containers = {
            t[n] for n in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "dir", "bdo")
        }
        self.block_containers = {t[n] for n in ("ins", "moveTo", "customXml")}
        self.dropped = {t["del"], t["moveFrom"]}
        self.alternate = f"{{{_MC}}}AlternateContent"
        self.math = {f"{{{_MATH}}}oMath", f"{{{_MATH}}}oMathPara"}
        self.embedded = {t["drawing"], t["pict"], t["object"], self.alternate}
        self.silent_run = {
            t[n] for n in ("rPr", "instrText", "delText", "delInstrText", "softHyphen")
        }

    # -- warnings

    def here(self) -> int:
        if self.cell_depth:
            return self.row_line
        return len(self.lines) + len(self.segments)

    def warn(self, message: str, line: int | None = None) -> None:
        if len(self.warnings) >= MAX_WARNINGS:
            self.unlisted += 1
            return
        if self.cell_depth:
            message = f"{message} (in a table cell)"
        self.warnings.append(DocxWarning(self.here() if line is None else line, message))

    def finished_warnings(self) -> list[DocxWarning]:
        if self.unlisted:
            return [
                *self.warnings,
                DocxWarning(
                    self.warnings[-1].line,
                    f"and {self.unlisted} more things not read, not listed",
                ),
            ]
        return self.warnings

    def _unknown(self, element: Any) -> None:
        """An element the reader does not take: reported when it holds text."""
        text = "".join(element.itertext())
        if text.strip():
            name = element.tag.rsplit("}", 1)[-1]
            self.warn(f"not read: the document's {name} element holding {_quote(text)}")

    # -- blocks: paragraphs and tables

    def blocks(self, parent: Any, sink: list[str], depth: int) -> None:
        """The lines of ``parent``'s paragraphs and tables, added to ``sink``."""
        t = self.t
        if depth > MAX_NESTING:
            self.warn(f"not read: content nested more than {MAX_NESTING} levels deep")
            return
        held: list[str] | None = None  # a paragraph whose mark is deleted: joins the next
        for child in parent:
            tag = child.tag
            if tag == t["p"]:
                label, lines, joins_next = self.paragraph(child)
                if held is not None:
                    lines = [*held[:-1], held[-1] + lines[0], *lines[1:]]
                    held = None
                if joins_next:
                    held = lines
                else:
                    lines[0] = label + lines[0]
                    sink.extend(lines)
                continue
            if tag not in (t["tbl"], t["sdt"], self.alternate, t["altChunk"], t["subDoc"]) and (
                tag not in self.block_containers
            ):
                if tag not in self.dropped:
                    self._unknown(child)
                continue
            if held is not None:  # nothing to join: the paragraph keeps its own line
                sink.extend(held)
                held = None
            if tag == t["tbl"]:
                self.table(child, sink, depth + 1)
            elif tag == t["sdt"]:
                content = self._sdt_content(child)
                if content is not None:
                    self.blocks(content, sink, depth + 1)
            elif tag in self.block_containers:
                self.blocks(child, sink, depth + 1)
            elif tag == self.alternate:
                chosen = self._alternative(child)
                if chosen is not None:
                    self.blocks(chosen, sink, depth + 1)
            elif tag == t["altChunk"]:
                self.warn("an embedded document (altChunk) is not read")
            else:
                self.warn("a subdocument is not read")
        if held is not None:
            sink.extend(held)

    def _sdt_content(self, sdt: Any) -> Any:
        """A content control's content, or None while it shows its placeholder prompt."""
        properties = sdt.find(self.t["sdtPr"])
        if properties is not None and properties.find(self.t["showingPlcHdr"]) is not None:
            return None
        return sdt.find(self.t["sdtContent"])

    def _alternative(self, alternate: Any) -> Any:
        """Of Word's alternative contents, the one every reader understands."""
        fallback = alternate.find(f"{{{_MC}}}Fallback")
        return fallback if fallback is not None else alternate.find(f"{{{_MC}}}Choice")

    def paragraph(self, p: Any) -> tuple[str, list[str], bool]:
        """The paragraph's number or bullet, its lines, and whether its mark is deleted
        (then it joins the next paragraph, and takes no number)."""
        t = self.t
        ppr = p.find(t["pPr"])
        mark = ppr.find(t["rPr"]) if ppr is not None else None
        joins_next = mark is not None and (
            mark.find(t["del"]) is not None or mark.find(t["moveFrom"]) is not None
        )
        self.segments, self.page_line = [[]], False
        self.inline(p, 0)
        if self.in_instruction:  # an instruction never goes past its paragraph
            self.fields = [False] * len(self.fields)
            self.in_instruction = 0
        if self.page_line and not self.segments[-1]:
            self.segments.pop()
        lines = ["".join(segment) for segment in self.segments]
        self.segments = [[]]  # what is reported next stands at the next line
        return ("" if joins_next else self.numbering.label(ppr)), lines, joins_next

    # -- inside a paragraph

    def emit(self, text: str) -> None:
        if not self.in_instruction:
            self.segments[-1].append(text)

    def line_break(self, page: bool = False) -> None:
        if self.in_instruction:
            return
        if self.cell_depth:
            self.segments[-1].append(" ")
        elif not page or any(self.segments[-1]):
            self.segments.append([])
            self.page_line = page

    def inline(self, parent: Any, depth: int) -> None:
        t = self.t
        if depth > MAX_NESTING:
            self.warn(f"not read: content nested more than {MAX_NESTING} levels deep")
            return
        for child in parent:
            tag = child.tag
            if tag == t["r"]:
                self.run(child, depth)
            elif tag in self.inline_containers or tag == t["fldSimple"]:
                self.inline(child, depth + 1)
            elif tag == t["pPr"] or tag in self.dropped:
                continue
            elif tag == t["sdt"]:
                content = self._sdt_content(child)
                if content is not None:
                    self.inline(content, depth + 1)
            elif tag == self.alternate:
                self._embedded_or(child, depth, self.inline)
            elif tag in self.math:
                self.warn(f"an equation is not read: {_quote(''.join(child.itertext()))}")
            elif tag == t["subDoc"]:
                self.warn("a subdocument is not read")
            else:
                self._unknown(child)

    def run(self, r: Any, depth: int) -> None:
        t = self.t
        for child in r:
            tag = child.tag
            if tag == t["t"]:
                text = child.text or ""
                if "\n" in text or "\r" in text:  # a line of the text is a paragraph's
                    text = text.replace("\r", " ").replace("\n", " ")
                self.emit(text)
            elif tag in (t["tab"], t["ptab"]):
                self.emit("\t")
            elif tag == t["br"]:
                kind = child.get(self.w_type)
                self.line_break(page=kind is not None and kind != "textWrapping")
            elif tag == t["cr"]:
                self.line_break()
            elif tag == t["noBreakHyphen"]:
                self.emit("-")
            elif tag == t["fldChar"]:
                self._field(child.get(self.w_char_type))
            elif tag in self.silent_run:
                continue
            elif tag == t["sym"]:
                self._sym(child)
            elif tag in self.embedded:
                if not self.in_instruction:
                    self._embedded_or(child, depth, self.run)
            elif tag in (t["footnoteReference"], t["endnoteReference"]):
                self._note(child, "footnote" if tag == t["footnoteReference"] else "endnote")
            elif tag == t["commentReference"]:
                text = self.notes.get("comments", {}).get(child.get(f"{{{self.w}}}id", ""))
                if text:
                    self.warn(f"a comment is not read: {_quote(text)}")
            elif tag == t["ruby"]:
                base = child.find(t["rubyBase"])
                if base is not None:
                    self.inline(base, depth + 1)
            else:
                self._unknown(child)

    def _field(self, kind: str | None) -> None:
        if kind is None:
            kind = ""
        if kind == "begin":
            self.fields.append(True)
            self.in_instruction += 1
        elif kind == "separate":
            if self.fields and self.fields[-1]:
                self.fields[-1] = False
                self.in_instruction -= 1
        elif kind == "end" and self.fields and self.fields.pop():
            self.in_instruction -= 1

    def _sym(self, sym: Any) -> None:
        w = self.w
        font = sym.get(f"{{{w}}}font", "")
        try:
            code = int(sym.get(f"{{{w}}}char", ""), 16)
        except ValueError:
            return
        char = _symbol(font, code)
        if char is None:
            if not self.in_instruction:
                self.warn(f"a symbol of the font {font!r} ({code:04X}) is not read")
        else:
            self.emit(char)

    def _note(self, reference: Any, kind: str) -> None:
        if self.in_instruction:
            return
        self.note_counts[kind] += 1
        text = self.notes.get(f"{kind}s", {}).get(reference.get(f"{{{self.w}}}id", ""), "")
        self.warn(f"{kind} {self.note_counts[kind]} is not read: {_quote(text)}")

    def _embedded_or(self, element: Any, depth: int, read: Callable[[Any, int], None]) -> None:
        """A drawing, picture, object or alternative content: what it holds is reported;
        alternative content holding none of these is read as ``read`` reads."""
        box = next(element.iter(self.t["txbxContent"]), None)
        if box is not None:
            self.warn(f"a text box is not read: {_quote(_plain(self.w, box))}")
            return
        if next(element.iter(f"{{{_CHART}}}chart"), None) is not None:
            self.warn("a chart is not read")
            return
        if next(element.iter(f"{{{_DIAGRAM}}}relIds"), None) is not None:
            self.warn("a SmartArt diagram is not read")
            return
        drawn = " ".join(a.text or "" for a in element.iter(f"{{{_DRAWING}}}t"))
        if drawn.strip():
            self.warn(f"the text of a drawing is not read: {_quote(drawn)}")
            return
        if element.tag == self.t["object"]:
            self.warn("an embedded object is not read")
            return
        if element.tag == self.alternate:
            chosen = self._alternative(element)
            if chosen is not None:
                read(chosen, depth + 1)
        # a picture: no text to lose

    # -- tables

    def table(self, tbl: Any, sink: list[str], depth: int) -> None:
        """A line per row (cells apart by tabs; by spaces inside a cell, so that a table
        in a cell stays in its cell)."""
        nested = self.cell_depth > 0
        for row in self._rows(tbl, depth):
            if not nested:
                self.row_line = len(self.lines) + 1
            cells = self._row(row, depth)
            sink.append((" " if nested else "\t").join(cells))

    def _rows(self, parent: Any, depth: int) -> Iterator[Any]:
        t = self.t
        for child in parent:
            if child.tag == t["tr"]:
                properties = child.find(t["trPr"])
                if properties is None or properties.find(t["del"]) is None:
                    yield child
            elif child.tag in (t["sdt"], t["customXml"]) and depth <= MAX_NESTING:
                content = self._sdt_content(child) if child.tag == t["sdt"] else child
                if content is not None:
                    yield from self._rows(content, depth + 1)
            else:
                self._unknown(child)

    def _row(self, row: Any, depth: int) -> list[str]:
        t = self.t
        cells: list[str] = []
        properties = row.find(t["trPr"])
        if properties is not None:
            before = properties.find(f"{{{self.w}}}gridBefore")
            try:
                skipped = int(before.get(self.w_val, "0")) if before is not None else 0
            except ValueError:
                skipped = 0
            cells.extend([""] * min(max(skipped, 0), 63))
        for cell in self._cells(row, depth):
            lines: list[str] = []
            self.cell_depth += 1
            try:
                self.blocks(cell, lines, depth + 1)
            finally:
                self.cell_depth -= 1
            cells.append(" ".join(line.strip() for line in lines if line.strip()))
        return cells

    def _cells(self, parent: Any, depth: int) -> Iterable[Any]:
        t = self.t
        for child in parent:
            if child.tag == t["tc"]:
                properties = child.find(t["tcPr"])
                if properties is None or properties.find(t["cellDel"]) is None:
                    yield child
            elif child.tag in (t["sdt"], t["customXml"]) and depth <= MAX_NESTING:
                content = self._sdt_content(child) if child.tag == t["sdt"] else child
                if content is not None:
                    yield from self._cells(content, depth + 1)
            elif child.tag != t["trPr"]:
                self._unknown(child)

    # -- outside the body

    def page_part(self, root: Any, kind: str) -> None:
        """A page header or footer: reported once for each text it holds (a page number
        alone, "- 2 -" or "Page 2 of 5", is not worth a warning)."""
        text = _plain(self.w, root)
        words = re.sub(r"\b(?:page|of)\b", "", text, flags=re.I)
        if re.search(r"[^\W\d_]", words) and text not in self.seen_page_text:
            self.seen_page_text.add(text)
            self.warn(f"the page {kind} is not read: {_quote(text)}", 1)
