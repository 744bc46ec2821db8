"""The text of a letter as PDF, in the shape the letter reader takes.

TSB publishes its letters as PDFs made by Word. The page holds positioned words and ruled
lines, not paragraphs and tables, so the text is rebuilt from where things stand (with
pdfplumber, over pdfminer):

- a table drawn with ruled lines is found from those lines, and each of its rows becomes
  one line with its cells separated by tabs, as in :mod:`.docx_text` (a cell merged across
  columns is given once, one merged into the cell above is an empty cell); a row that a
  page break split is one row again;
- every other word goes into a line by its height on the page; a wide gap between two
  words of a line (a tab stop, or the next column of a table drawn without borders, as
  the letter's heading block often is) becomes a tab;
- a line that continues the one above it (the next word would not have fitted there, it
  stands as close as the paragraph's own lines, at the same left edge) is joined to it, so
  a wrapped paragraph is one line again, also across a page break; in doubt lines stay
  apart, as a wrapped line the reader can take, rather than two paragraphs glued;
- page headers and footers go: text that stands at the same place at the top or bottom
  of several pages ("TSB Collective letter 3/20", "Page 2"), and page numbers ("- 2 -")
  alone there.

Tables and lines come in the order they stand on each page, pages in order.

A PDF is checked before pdfminer parses it: its size, that it begins and ends as a PDF
does (a download cut short does not), and how much its compressed streams unpack to (a
stream that unpacks to gigabytes would take the memory: the guard against a zip bomb in a
.docx, here); a compression whose output that check cannot measure (LZW, run-length) is
refused. An encrypted PDF is refused, also one that opens without a password: its streams
cannot be measured. Then the work is bounded: the pages, each page's drawing, the grid a
page's tables are found in, and the characters read. A PDF without text (a scan) is
refused, and so is anything pdfminer cannot parse, with one line naming the file.
"""

from __future__ import annotations

import base64
import contextlib
import io
import itertools
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

MAX_BYTES = 20 * 1024 * 1024  # a letter with its logo and fonts is some 100-500 kB
MAX_PAGES = 200
MAX_CHARS = 1_000_000  # the reader takes 2 MiB of text; a long letter has 100,000 characters
MAX_UNPACKED = 64 * 1024 * 1024  # what the compressed streams unpack to, all together
MAX_PAGE_DRAWING = 2 * 1024 * 1024  # a page's own drawing instructions; a letter's: 5-50 kB
MAX_CROSSINGS = 5_000  # ruled lines across ruled lines a page's tables are found among
_HEAD = 1024  # the "%PDF-" marker is within the first kilobyte

_TABLES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_X_TOLERANCE = 1.5  # points between letters of one word (a space is some 3 points)
_TAB_GAP = 1.5  # a gap wider than this many font sizes separates cells
_BAND = 0.12  # the top and bottom of a page where headers and footers stand
_SAME_PLACE = 2.5  # points: a header repeated "at the same place"
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE
)
_PAGE_NUMBER_IN = re.compile(r"(?i)\bpage\s+\d{1,4}(?:\s+of\s+\d{1,4})?\b|[-–—]\s*\d{1,4}\s*[-–—]")
# a line that starts a paragraph of its own: a bullet, "3." or "3.1.", "(a)" or "b)"
_STARTS = re.compile(r"^(?:[•·▪◦‣o*\-–—]|\d{1,3}(?:\.\d{1,3})*\.|\(?[a-z0-9]{1,3}\))\s")
# filters pdfminer decodes whose output the check below does not measure; Word and
# LibreOffice write FlateDecode (other makers ASCII85 over it), never these
_UNMEASURED = re.compile(rb"/(?:LZWDecode|RunLengthDecode|LZW|RL)\b")
_INDIRECT_FILTER = re.compile(rb"/Filter\s*\d+\s+\d+\s+R\b")
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")


class PdfError(ValueError):
    """Not a PDF the reader can take; the message names the file."""


def check_pdf(data: bytes, source: str) -> None:
    """Refuse what is not a plain PDF letter before anything parses it."""
    if len(data) > MAX_BYTES:
        raise PdfError(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MiB; no letter is")
    if b"%PDF-" not in data[:_HEAD]:
        raise PdfError(f"{source}: not a PDF (it does not begin as one)")
    if b"%%EOF" not in data[-_HEAD:]:
        raise PdfError(f"{source}: the PDF is cut short (it does not end as one); not read")
    unpacked = 0
    outside: list[bytes] = []  # the file less its streams' data: objects and dictionaries
    at = 0
    while start := _STREAM.search(data, at):
        outside.append(data[at : start.end()])
        end = data.find(b"endstream", start.end())
        end = end if end >= 0 else len(data)
        unpacked += _inflated_size(data[start.end() : end])
        if unpacked > MAX_UNPACKED:
            raise PdfError(
                f"{source}: its streams unpack to more than {MAX_UNPACKED // (1024 * 1024)} "
                "MiB, far more than any letter (a compression bomb?); not read"
            )
        at = end
    outside.append(data[at:])
    skeleton = b"".join(outside)
    if _UNMEASURED.search(skeleton) or _INDIRECT_FILTER.search(skeleton):
        raise PdfError(
            f"{source}: compressed in a way Word does not write (LZW or run-length "
            "streams); not read"
        )


def _inflated_size(stream: bytes, depth: int = 0) -> int:
    """How many bytes a stream unpacks to: a Flate stream, also under an ASCII85 or hex
    coding and compressed twice over (0 for one that is neither); stops counting past the
    limit."""
    inflater = zlib.decompressobj()
    size = 0
    head = b""
    try:
        for at in range(0, len(stream), 65536):
            chunk = stream[at : at + 65536]
            while chunk:
                out = inflater.decompress(chunk, 1024 * 1024)
                size += len(out)
                head = head or out[:2]
                if size > MAX_UNPACKED:
                    return size
                chunk = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass  # not Flate, or damaged: counted as far as it unpacked
    if depth >= 3:
        return size
    if size == 0:
        decoded = _ascii_decoded(stream)
        return _inflated_size(decoded, depth + 1) if decoded else 0
    if len(head) == 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0:
        # the unpacked stream is itself zlib data: a filter chain of Flate on Flate
        whole = zlib.decompressobj().decompress(stream, MAX_UNPACKED + 1)
        size += _inflated_size(whole, depth + 1)
    return size


def _ascii_decoded(stream: bytes) -> bytes | None:
    """A stream in ASCII85 ("...~>") or hex ("...>") decoded, else None."""
    data = stream.strip()
    try:
        if data.endswith(b"~>"):
            return base64.a85decode(data, adobe=data.startswith(b"<~"), ignorechars=b" \t\n\r\x0c")
        if data.endswith(b">") and re.fullmatch(rb"[0-9A-Fa-f\s]*>", data):
            hexes = re.sub(rb"\s", b"", data[:-1])
            return bytes.fromhex((hexes + b"0" * (len(hexes) % 2)).decode())
    except ValueError:
        return None
    return None


def pdf_text(data: bytes, source: str) -> str:
    """The letter's text: a line per paragraph (or wrapped line), a tab-separated line per
    table row; raises :class:`PdfError` naming ``source``."""
    check_pdf(data, source)
    import pdfplumber  # only when a PDF is read: it brings pdfminer
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    with _quiet_pdfminer():
        try:
            pdf = pdfplumber.open(io.BytesIO(data), pages=list(range(1, MAX_PAGES + 2)))
        except Exception as exc:  # pdfplumber wraps what pdfminer raises on a damaged file
            if isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect):
                raise PdfError(_encrypted(source)) from None
            raise PdfError(
                f"{source}: the PDF is damaged and cannot be read ({_why(exc)})"
            ) from None
        with pdf:
            if pdf.doc.encryption is not None:
                raise PdfError(_encrypted(source))
            try:
                pages = _read_pages(pdf, source)
            except PdfError:
                raise
            except Exception as exc:  # pdfminer raises many kinds inside a damaged page
                raise PdfError(
                    f"{source}: the PDF is damaged and cannot be read ({_why(exc)})"
                ) from None
    if not pages:
        raise PdfError(f"{source}: the PDF has no pages")
    if not any(p.chars for p in pages):
        raise PdfError(
            f"{source}: the PDF has no text layer (a scan?): its pages are pictures of text; "
            "give the .docx, or the text copied from the letter as .txt"
        )
    _drop_running_lines(pages)
    _join_split_rows(pages)
    return "\n".join(_joined(pages))


def _read_pages(pdf: Any, source: str) -> list[_Page]:
    """Each page laid out, within the bounds: pages, drawing per page, characters."""
    from pdfminer.pdftypes import resolve1

    declared = resolve1(resolve1(pdf.doc.catalog.get("Pages")) or {}).get("Count")
    count = len(pdf.pages)  # at most MAX_PAGES + 1 are made pdfplumber pages
    if count > MAX_PAGES or (isinstance(declared, int) and declared > MAX_PAGES):
        raise PdfError(
            f"{source}: {max(count, declared or 0):,} pages; more than any letter has "
            f"({MAX_PAGES} at most)"
        )
    pages: list[_Page] = []
    chars = 0
    for page in pdf.pages:
        drawn = sum(len(resolve1(stream).get_data()) for stream in page.page_obj.contents)
        if drawn > MAX_PAGE_DRAWING:
            raise PdfError(
                f"{source}: page {page.page_number} holds {drawn // 1024:,} kB of drawing; "
                "no page of a letter does"
            )
        laid = _lay_out(page, source)
        chars += laid.chars
        if chars > MAX_CHARS:
            raise PdfError(
                f"{source}: more than {MAX_CHARS:,} characters of text; no letter has that many"
            )
        pages.append(laid)
        page.close()  # its parsed objects are not needed again
    return pages


def _encrypted(source: str) -> str:
    return (
        f"{source}: the PDF is encrypted; give the .docx, or the text copied from the "
        "letter as .txt"
    )


def _why(exc: BaseException) -> str:
    """What went wrong, in a few words (pdfplumber wraps pdfminer's exception)."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    words = " ".join(str(inner).split())[:120]
    return words or type(inner).__name__


@contextlib.contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs what it repairs in a damaged file; the user gets one line, from us."""
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


# --- one page: its lines and tables --------------------------------------------------------


@dataclass
class _Line:
    """A line of words outside tables, with where it stands."""

    top: float
    bottom: float
    size: float
    words: list[dict[str, Any]]
    cells: list[tuple[float, str]]  # (left edge, text) of each part between wide gaps

    @property
    def x0(self) -> float:
        return float(self.words[0]["x0"])

    @property
    def x1(self) -> float:
        return float(self.words[-1]["x1"])

    @property
    def text(self) -> str:
        return "\t".join(text for _x, text in self.cells)


@dataclass
class _Rows:
    """A table: the cells of each row, and the left edge of each column."""

    top: float
    bottom: float
    rows: list[list[str]]
    columns: list[float]

    @property
    def lines(self) -> list[str]:
        return ["\t".join(cells) if any(cells) else "" for cells in self.rows]


@dataclass
class _Page:
    height: float
    chars: int
    items: list[_Line | _Rows] = field(default_factory=list)


def _lay_out(page: Any, source: str) -> _Page:
    chars = sum(1 for c in page.chars if not c["text"].isspace())
    laid = _Page(float(page.height), chars)
    if not chars:
        return laid
    tables = [t for t in _tables(page, source) if t.rows]
    boxes = [t.bbox for t in tables]
    for table in tables:
        columns = sorted({float(cell[0]) for cell in table.cells})
        rows = _table_rows(table, columns)
        if any(any(cells) for cells in rows):
            top, bottom = float(table.bbox[1]), float(table.bbox[3])
            laid.items.append(_Rows(top, bottom, rows, columns))
    words = [
        w
        for w in page.extract_words(x_tolerance=_X_TOLERANCE, extra_attrs=["size"])
        if not any(_inside(w, box) for box in boxes)
    ]
    laid.items.extend(_lines(words))
    laid.items.sort(key=lambda item: item.top)
    return laid


def _tables(page: Any, source: str) -> list[Any]:
    """The page's ruled tables; refused where finding them would take too long (the time
    grows with the horizontal lines times the vertical ones)."""
    from pdfplumber.table import TableFinder, TableSettings

    # the edges the table finder works from, as it merges them, counted before it crosses
    # them all with one another
    probe = TableFinder.__new__(TableFinder)
    probe.page, probe.settings = page, TableSettings.resolve(_TABLES)
    edges = probe.get_edges()
    across = sum(1 for edge in edges if edge["orientation"] == "h")
    if across * (len(edges) - across) > MAX_CROSSINGS:
        raise PdfError(
            f"{source}: page {page.page_number} draws a grid of {across} by "
            f"{len(edges) - across} lines; no letter's tables are that dense"
        )
    return list(page.find_tables(_TABLES))


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _table_rows(table: Any, columns: list[float]) -> list[list[str]]:
    """A table's rows, each the text of its cells. A cell merged into the one on its left
    is given once, by that one; a cell merged into the one above is an empty cell (the
    row's other cells keep their columns)."""
    rows = []
    for row, texts in zip(table.rows, table.extract(x_tolerance=_X_TOLERANCE), strict=True):
        cells = []
        for left, box, text in zip(columns, row.cells, texts, strict=True):
            if box is None and any(c is not None and c[0] < left < c[2] for c in row.cells):
                continue
            # a word broken at its hyphen over two lines of the cell is one word again
            text = re.sub(r"(?<=\w-)\n(?=\w)", "", text or "")
            cells.append(" ".join(text.split()))
        rows.append(cells)
    return rows


def _lines(words: list[dict[str, Any]]) -> list[_Line]:
    """Words grouped into lines by their height on the page, each line left to right."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if lines:
            last = lines[-1]
            if min(w["top"] for w in last) <= middle <= max(w["bottom"] for w in last):
                last.append(word)
                continue
        lines.append([word])
    return [_line(sorted(line, key=lambda w: w["x0"])) for line in lines]


def _line(words: list[dict[str, Any]]) -> _Line:
    size = max(float(w.get("size") or 0) for w in words) or 10.0
    cells: list[tuple[float, str]] = []
    previous: dict[str, Any] | None = None
    for word in words:
        if previous is None or word["x0"] - previous["x1"] > _TAB_GAP * size:
            cells.append((float(word["x0"]), word["text"]))
        else:
            x, text = cells[-1]
            cells[-1] = (x, f"{text} {word['text']}")
        previous = word
    return _Line(
        min(float(w["top"]) for w in words),
        max(float(w["bottom"]) for w in words),
        size,
        words,
        cells,
    )


# --- the document: headers and footers out, wrapped lines joined ---------------------------


def _band(line: _Line, page: _Page) -> tuple[str, float] | None:
    """Where a line stands if it is in the top or bottom band of the page: ("top",
    distance from the top) or ("bottom", distance from the bottom)."""
    if line.bottom <= page.height * _BAND:
        return "top", line.top
    if line.top >= page.height * (1 - _BAND):
        return "bottom", page.height - line.bottom
    return None


def _drop_running_lines(pages: list[_Page]) -> None:
    """Take out page headers and footers: a page number alone at the top or bottom of a
    page, and the same text at the same place at the top or bottom of several pages (a
    page number in it may change)."""
    placed: list[tuple[int, _Line, str, float, str]] = []  # page, line, band, place, text
    for number, page in enumerate(pages):
        for line in page.items:
            if isinstance(line, _Line) and (where := _band(line, page)):
                text = " ".join(line.text.split())
                placed.append((number, line, where[0], where[1], text))
    by_text: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for number, _line, band, at, text in placed:
        by_text.setdefault((band, _PAGE_NUMBER_IN.sub("#", text)), []).append((number, at))
    running: set[int] = set()
    for number, line, band, at, text in placed:
        places = by_text[(band, _PAGE_NUMBER_IN.sub("#", text))]
        repeated = any(n != number and abs(a - at) <= _SAME_PLACE for n, a in places)
        if repeated or _PAGE_NUMBER.match(text):
            running.add(id(line))
    for page in pages:
        page.items = [item for item in page.items if id(item) not in running]


def _join_split_rows(pages: list[_Page]) -> None:
    """Make one row again of a table row that a page break split: the page's last table
    reaches the foot of the text, the next page begins with a table of the same columns,
    and its first row has no first cell (no number, no date) and does not start an item of
    its own ("- ..."); the two parts' cells are joined column by column."""
    floor = max((item.bottom for page in pages for item in page.items), default=0.0)
    for page, following in itertools.pairwise(pages):
        if not (page.items and following.items):
            continue
        above, below = page.items[-1], following.items[0]
        if not (isinstance(above, _Rows) and isinstance(below, _Rows)) or not below.rows:
            continue
        first, rest = above.rows[-1], below.rows[0]
        width = len(above.columns)
        if (
            above.bottom < floor - _SAME_PLACE * 2
            or len(below.columns) != width
            or any(
                abs(a - b) > _SAME_PLACE for a, b in zip(above.columns, below.columns, strict=True)
            )
            or len(first) != width
            or len(rest) != width
            or not first[0]
            or rest[0]
            or _STARTS.match(" ".join(c for c in rest if c) + " ")
        ):
            continue
        above.rows[-1] = [" ".join(c for c in pair if c) for pair in zip(first, rest, strict=True)]
        below.rows.pop(0)
        if not below.rows:
            following.items.pop(0)


def _joined(pages: list[_Page]) -> Iterator[str]:
    """The lines of the letter, a wrapped paragraph's lines joined into one."""
    lines = [line for page in pages for line in page.items if isinstance(line, _Line)]
    right = max((line.x1 for line in lines), default=0.0)  # the text's right margin
    floor = max((line.bottom for line in lines), default=0.0)  # the foot of a full page
    paragraph: list[_Line] = []  # the lines of the paragraph being gathered
    text, here = "", 0
    for number, page in enumerate(pages):
        for item in page.items:
            if isinstance(item, _Rows):
                if paragraph:
                    yield text
                    paragraph = []
                yield from item.lines
                continue
            if paragraph and _continues(paragraph, item, right, floor if number != here else None):
                last = paragraph[-1].words[-1]["text"]
                glue = "" if len(last) > 1 and last.endswith("-") else " "
                text = f"{text}{glue}{item.text}"
                paragraph.append(item)
                here = number
                continue
            if paragraph:
                yield text
            paragraph, text, here = [item], item.text, number
    if paragraph:
        yield text


def _continues(paragraph: list[_Line], line: _Line, right: float, floor: float | None) -> bool:
    """Whether ``line`` is the next line of the paragraph whose lines are ``paragraph``:
    it is one part, in the same type size, at the paragraph's left edge (or the left edge
    of its last cell), its first word would not have fitted at the end of the line above,
    and it stands as close below it as lines of one paragraph do. On a new page (then
    ``floor`` is where the fullest page's text ends) the line above must have ended its
    page near that foot: a page that ends early was ended by a page break."""
    first, above = paragraph[0], paragraph[-1]
    if len(line.cells) > 1 or abs(line.size - above.size) > 0.5 or _STARTS.match(line.text):
        return False
    edges = [first.x0, above.x0, first.cells[-1][0]]
    if not (line.x0 <= first.x0 + 1 or any(abs(line.x0 - x) <= 2 for x in edges)):
        return False
    word = line.words[0]
    room = right - above.x1
    if room > (word["x1"] - word["x0"]) + 0.35 * line.size:
        return False  # the word would have fitted: the line above ended the paragraph
    if floor is not None:
        return above.bottom >= floor - 2.5 * line.size
    gap = line.top - above.bottom
    return -0.5 <= gap <= 0.45 * line.size
