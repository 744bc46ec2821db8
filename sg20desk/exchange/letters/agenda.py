"""Annex B of a collective letter: the draft agenda table, as a tree of items."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sg20desk.exchange.letters.heading import ANNEX_LINE, annex_about
from sg20desk.exchange.letters.model import (
    ItemFact,
    LetterError,
    Line,
    Meeting,
    ReadWarning,
    join_key,
    uid,
)
from sg20desk.exchange.letters.text import find
from sg20desk.exchange.meeting_json import MAX_DEPTH, MAX_ITEMS
from sg20desk.rules.documents import (
    DocumentSyntaxError,
    designation_in,
    parse_documents,
)

# --- Annex B: the draft agenda -----------------------------------------------------------

_ITEM_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,7})\.?$")
_AGENDA_HEADER = {"no", "no.", "item", "items", "documents", "document", "docs", "number"}


@dataclass
class _Row:
    number: str | None
    title: str
    documents: str
    line: Line


def agenda_rows(lines: Sequence[Line], source: str, warnings: list[ReadWarning]) -> list[_Row]:
    """The rows of the agenda table. A row is either one line of tab-separated cells, or
    its cells one per line (an empty cell a line holding only a tab), rows apart by an
    empty line or starting at an item number."""
    where = annex_about(lines, _AGENDA_ANNEX, "B")
    start = where[0] if where is not None else None
    if start is None:
        start = find(lines, re.compile(r"^(?:Draft\s+)?agenda$", re.I))
    if start is None:
        return []
    rows: list[_Row] = []
    cells: list[tuple[str, Line]] = []

    def flush() -> None:
        nonlocal cells
        texts = [text for text, _line in cells]
        if any(texts) and not _is_header(texts):
            rows.append(_row(texts, cells[0][1]))
        cells = []

    for line in lines[start + 1 :]:
        if re.match(r"^(?:NOTE\b|_{3,})", line.plain) or ANNEX_LINE.match(line.plain):
            break
        parts = [p.strip() for p in line.raw.split("\t")]
        filled = [p for p in parts if p]
        if not line.raw.strip(" "):  # an empty line: the row is complete
            flush()
            continue
        if len(filled) >= 2:  # a whole row on one line
            flush()
            leading_empty = parts[0] == "" and not _ITEM_NUMBER.match(filled[0])
            if not _is_header(filled):
                rows.append(_row(([""] if leading_empty else []) + filled, line))
            continue
        text = filled[0] if filled else ""
        if not rows and not cells and _AGENDA_TITLE.match(text):
            continue  # the annex's own title
        written = _NUMBER_AND_TITLE.match(text)
        if written and not _ITEM_NUMBER.match(text):  # "1 Opening of the meeting"
            flush()
            for number, title in _items_on_one_line(written[1], written[2]):
                rows.append(_Row(number, title, "", line))
            continue
        starts_row = bool(_ITEM_NUMBER.match(text)) or (
            text[:1] in "-–•" and len(cells) >= 2 and any(c for c, _ in cells[1:])
        )
        if starts_row:
            flush()
        cells.append((text, line))
    flush()
    return rows


_AGENDA_ANNEX = re.compile(r"\b(?:draft\s+)?agenda\b(?!\s+(?:is|and\s+time))", re.I)
_AGENDA_TITLE = re.compile(
    r"^(?:Draft\s+)?agenda(?:\s+(?:of|for)\s+the\s+(?:\w+\s+)?meeting)?:?$", re.I
)
# an item written on one line with its number: "1 Opening of the meeting", "3.1. Reports"
_NUMBER_AND_TITLE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,7})\.?\s+([A-Za-z(\"“].*)$")


def _items_on_one_line(number: str, title: str) -> list[tuple[str, str]]:
    """An item written with its number, or several run onto one line ("1 Opening of the
    meeting 2 Adoption of the agenda 3 ..."), parted where the number that may come next
    stands before a capital."""
    out: list[tuple[str, str]] = []
    while True:
        following = _next_numbers(number)
        cut = None
        for match in re.finditer(r"\s(\d{1,3}(?:\.\d{1,3}){0,7})\.?\s+(?=[A-Z])", title):
            if match[1] in following:
                cut = match
                break
        if cut is None or len(out) >= MAX_ITEMS:
            out.append((number, title.strip()))
            return out
        out.append((number, title[: cut.start()].strip()))
        number, title = cut[1], title[cut.end() :]


def _is_header(cells: Sequence[str]) -> bool:
    return all(c.casefold() in _AGENDA_HEADER for c in cells if c)


def _row(cells: list[str], line: Line) -> _Row:
    """A row from its cells: number, item, documents (the number cell may be empty)."""
    if cells and _ITEM_NUMBER.match(cells[0]):
        number = _ITEM_NUMBER.match(cells[0])
        assert number is not None
        return _Row(number[1], cells[1] if len(cells) > 1 else "", " ".join(cells[2:]), line)
    if cells and cells[0] == "":
        return _Row(
            None, cells[1] if len(cells) > 1 else "", " ".join(c for c in cells[2:] if c), line
        )
    return _Row(None, cells[0], " ".join(c for c in cells[1:] if c), line)


def agenda_of(
    rows: Sequence[_Row],
    source: str,
    meeting: Meeting,
    drafts: set[str],
    warnings: list[ReadWarning],
) -> list[ItemFact]:
    """The agenda tree: numbers give the nesting; an unnumbered line belongs to the item
    above it."""
    top: list[ItemFact] = []
    by_number: dict[str, ItemFact] = {}
    last_numbered: ItemFact | None = None
    previous: str | None = None
    count = 0
    for row in rows:
        count += 1
        if count > MAX_ITEMS:
            raise LetterError(
                f"{source}: line {row.line.number}: more than {MAX_ITEMS} agenda items"
            )
        title = row.title.strip()
        if title[:1] in "-–•" and title[1:2] == " ":  # "- Approval of ..."
            title = title[1:].strip()
        if not title:
            warnings.append(ReadWarning(source, row.line.number, "an agenda row with no item"))
            continue
        documents: list[str] = []
        if row.documents:
            try:
                documents = [str(ref) for ref in parse_documents(row.documents)]
            except DocumentSyntaxError as exc:
                warnings.append(
                    ReadWarning(
                        source,
                        row.line.number,
                        f"documents not read: {exc}; they are kept in the item's notes",
                    )
                )
        if row.number is None:
            if last_numbered is None:
                warnings.append(
                    ReadWarning(
                        source,
                        row.line.number,
                        f"not read: an unnumbered line before the first item: {title[:80]}",
                    )
                )
                continue
            parent = last_numbered
            key = join_key(parent.key, title)
            item = _item(meeting, key, title, documents, row, number=None)
            parent.children.append(item)
            continue
        number = row.number
        depth = number.count(".")
        if depth > MAX_DEPTH:
            raise LetterError(
                f"{source}: line {row.line.number}: item {number} is nested "
                f"deeper than {MAX_DEPTH} levels"
            )
        expected = _next_numbers(previous)
        if previous is not None and number not in expected:
            warnings.append(
                ReadWarning(
                    source,
                    row.line.number,
                    f"item {number} follows {previous} (expected "
                    f"{', '.join(sorted(expected))}); items are numbered by their order, so "
                    "from here the numbers differ from the letter's",
                )
            )
        if number in by_number:
            warnings.append(
                ReadWarning(
                    source,
                    row.line.number,
                    f"item {number} appears twice; the second is added after the first",
                )
            )
        parent_number = number.rsplit(".", 1)[0] if depth else None
        siblings = top
        parent_key = ""
        if parent_number is not None:
            above = _nearest(by_number, parent_number)
            if above is None:
                warnings.append(
                    ReadWarning(
                        source,
                        row.line.number,
                        f"item {number} has no item "
                        f"{parent_number} above it; it is placed at the top level",
                    )
                )
            else:
                siblings = above.children
                parent_key = above.key
        key = join_key(parent_key, title)
        item = _item(meeting, key, title, documents, row, number=number)
        designation = designation_in(title)
        if designation is not None and designation in drafts:
            item.draft = designation
        siblings.append(item)
        by_number.setdefault(number, item)
        last_numbered = item
        previous = number
    _renumber(top)
    return top


def _item(
    meeting: Meeting,
    key: str,
    title: str,
    documents: list[str],
    row: _Row,
    *,
    number: str | None,
) -> ItemFact:
    """An item of ``row``, numbered when the letter gives it a ``number``; documents the
    reader could not read are kept in its notes."""
    notes = f"Documents: {row.documents}" if row.documents and not documents else ""
    return ItemFact(
        uid(meeting.code, "agenda", key),
        title,
        number is not None,
        number,
        key,
        documents,
        row.line.number,
        notes,
    )


def _next_numbers(previous: str | None) -> set[str]:
    """The numbers that may follow ``previous``: its first child, its next sibling, or the
    next sibling of any of its parents."""
    if previous is None:
        return {"1"}
    parts = [int(p) for p in previous.split(".")]
    out = {".".join(map(str, [*parts, 1]))}
    for size in range(len(parts), 0, -1):
        step = parts[:size]
        step[-1] += 1
        out.add(".".join(map(str, step)))
    return out


def _nearest(by_number: dict[str, ItemFact], number: str) -> ItemFact | None:
    while number:
        if number in by_number:
            return by_number[number]
        if "." not in number:
            return None
        number = number.rsplit(".", 1)[0]
    return None


def _renumber(items: list[ItemFact], prefix: str = "") -> None:
    """Numbers as the tree gives them (a gap or a repeat in the letter is not kept)."""
    count = 0
    for item in items:
        if item.numbered:
            count += 1
            item.number = f"{prefix}{count}"
            _renumber(item.children, f"{item.number}.")
        else:
            item.number = None
            _renumber(item.children, prefix)
