"""The text of a Word letter (.docx), in the shape the letter reader takes.

Paragraphs become lines and each table row one line with its cells separated by tabs,
in the order they stand in the document, so the reader finds the agenda table of Annex B
as it finds a tab-separated agenda in text. A line number in a warning counts these lines
(paragraphs and table rows).

A .docx is a zip of XML parts, and a hostile one can be a zip bomb or carry a DTD that
expands entities. Before python-docx opens it the archive is checked: its size, the
number of parts, the total unpacked size and each part's compression ratio, and no XML
part may declare a DOCTYPE. python-docx parses with entities left unresolved.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

MAX_BYTES = 10 * 1024 * 1024  # a letter with its logo is some 100 kB
MAX_PARTS = 2_000
MAX_UNPACKED = 50 * 1024 * 1024
MAX_RATIO = 100  # XML compresses some 5-20 times; a bomb, thousands of times
_XML_HEAD = 4096  # a DOCTYPE comes before the root element


class DocxError(ValueError):
    """Not a .docx the reader can take; the message names the file."""


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


def docx_text(data: bytes, source: str) -> str:
    """The letter's text: a line per paragraph, a tab-separated line per table row."""
    check_archive(data, source)
    from docx import Document  # only when a .docx is read: it brings lxml

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged part
        raise DocxError(f"{source}: the Word document cannot be read ({exc})") from None
    return "\n".join(_lines(document))


def _lines(document: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _rows(block)


def _rows(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per column it spans
                continue
            seen.add(id(cell._tc))
            nested = [line for inner in cell.tables for line in _rows(inner)]
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            cells.append(" ".join([text, *nested]).strip())
        yield "\t".join(cells)
