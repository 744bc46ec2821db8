"""A letter's text as numbered lines, and the paragraphs and sentences in them.

Letters reach the reader as a word processor, a PDF viewer or a web browser copies them,
each with its own faults, and :func:`split_lines` undoes the common ones before anything is
read:

- table cells separated by tabs stay so; cells copied as ``" | "``, as a short first cell and
  ``" / "`` ("19 April 2017 / - Submit ..."), or as runs of three spaces or more become
  tab-separated cells;
- a heading or body flattened onto one line is split again before the heading's labels
  ("Ref:", "Subject:", "Tel:" ...), around the salutation and the closing, and before the
  numbered paragraphs of a body that runs 1, 2, 3 ...;
- a paragraph hard-wrapped into lines is joined again where a line plainly goes on in the
  next (the next begins in lower case, or the line ends on "of", "the", "to" ...);
- words a copy ran together are parted where the letters show it ("at0930 hours",
  "6February 2017", "AnnexB", "Group 15(Networks");
- page numbers standing alone ("- 3 -") are dropped.

Each line keeps the number it has in the file, so a warning points to where the words are;
pieces of a split line share their line's number, and joined lines carry the first one's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sg20desk.exchange.letters.model import MAX_BYTES, MAX_LINES, LetterError, Line
from sg20desk.rules.phrases import MONTH_NAMES

_ARTEFACT = re.compile(r"\[(?:bookmark|image): [^\]]*\]")  # left by word processors
_SPACES = str.maketrans(
    {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2011": "-", "\u200b": "", "\u00ad": ""}
)
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s?\d{1,3}\s?[-–]|Page\s+\d{1,3}(?:\s+of\s+\d{1,3})?)$", re.I)
# a first cell that is a label ("Ref:"), a date, one word ("SG15/HO") or a letter's
# reference, then " / "
_SLASH_CELL = re.compile(
    rf"([\w .'-]{{1,30}}:|\d{{1,2}}\s+(?:{MONTH_NAMES})\s+\d{{4}}|\S{{1,30}}"
    r"|TSB\s+(?:Collective[\s-]+letter|Circular)\s+[\w/]{1,12})\s+/\s+(?=\S)"
)
_JOINED = [
    (re.compile(r"(?<=[a-z])(?=\d{4}\s?(?:hours|hrs)\b)"), " "),  # "at0930 hours"
    (re.compile(rf"(?<=\d)(?=(?:{MONTH_NAMES})\b)"), " "),  # "6February 2017"
    (re.compile(rf"\b((?:{MONTH_NAMES}))(?=\d)"), r"\1 "),  # "May2026"
    (re.compile(r"\b(Annex(?:es)?)(?=[A-Z0-9]\b)"), r"\1 "),  # "AnnexB"
    (re.compile(r"\b(Group|Party|Circular)(?=\d)"), r"\1 "),  # "Study Group17"
    (re.compile(r"\b(on|by|from|until|before)(?=\d{1,2}\s)"), r"\1 "),  # "on19 April"
    # "7th - 16th April 2008", "3rd March": the day's number without its ending
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)\b"
            rf"(?=\s*(?:[-–]|to\b|and\b|,?\s*(?:19|20)\d\d\b|(?:of\s+)?(?:{MONTH_NAMES})\b))"
        ),
        r"\1",
    ),
    (re.compile(rf"\b(\d{{1,2}})\s+of\s+({MONTH_NAMES})\b"), r"\1 \2"),  # "3 of March"
    # dates written month first ("April 14-23, 2026", "April 13, 2026") turned day first
    (
        re.compile(rf"\b({MONTH_NAMES})\s+(\d{{1,2}})\s*[-–]\s*(\d{{1,2}}),?\s+((?:19|20)\d\d)\b"),
        r"\2-\3 \1 \4",
    ),
    (re.compile(rf"\b({MONTH_NAMES})\s+(\d{{1,2}}),\s+((?:19|20)\d\d)\b"), r"\2 \1 \3"),
    (re.compile(r"(?<=[\w])\((?=[A-Za-z])"), " ("),  # "Group 15(Networks"
]
# where a flattened heading or body is split: before a heading's label, around the
# salutation, before the closing and the list of annexes
_LABEL = re.compile(
    r"(?<=\S)\s+(?=(?:Ref|Our ref|Subject|Tel|Fax|E-?mail|Contact|Web)\s?[.:](?:\s|$))"
    r"|(?<=\S)\s+(?=Dear\s+(?:Sir|Madam|Colleague|Member)\b)"
    r"|(?<=^Dear\s)([^,]{1,40},)\s+(?=\S)"
    r"|(?<=[.!])\s+(?=(?:Yours\s+(?:faithfully|sincerely)|Annexes?\s*:\s*\d)\b)"
    r"|(?<=\w)\s+(?=I\s+(?:wish\s+you|look\s+forward)\b)"
    r"|(?<=\S)\s+(?=ANNEX\s+[A-Z0-9]{1,2}\b)"
)
_SALUTATION = re.compile(r"^Dear\s+[^,]{1,40},")
_SENTENCE_END = re.compile(r"[.:;!?]$")
_GOES_ON = re.compile(
    r"\b(?:of|the|to|on|at|by|for|and|or|in|from|a|an|with|than|before|after|until)$", re.I
)
# a line that starts an item of its own (a bullet, a number that is not a date's day, a
# heading in capitals), never the rest of the line before
_STARTS_ITEM = re.compile(
    rf"^(?:[-–•·*]\s|\d{{1,3}}(?:\.\d{{1,3}})*\.?(?:\s(?!(?:{MONTH_NAMES})\b)|$)|[A-Z ]{{6,}}$|\()"
)


def split_lines(text: str, source: str, *, rejoin: bool = True) -> list[Line]:
    """The letter's lines, numbered; raises :class:`LetterError` for text no letter has.
    ``rejoin``: join the lines of a paragraph a copy hard-wrapped (not for text whose
    lines are paragraphs already)."""
    if len(text) > MAX_BYTES:
        raise LetterError(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MiB; not a letter")
    if "\x00" in text:
        raise LetterError(f"{source}: holds binary data; not a text letter")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    written = text.split("\n")
    if len(written) > MAX_LINES:
        raise LetterError(f"{source}: more than {MAX_LINES} lines; not a letter")
    lines = []
    for number, line in enumerate(written, start=1):
        for piece in _unflatten(_cells(line)):
            lines.append(Line(number, piece.strip(" \t"), piece))
    return _rejoin(lines) if rejoin else lines


def _cells(line: str) -> str:
    """One written line with its cells tab-separated and its run-together words parted."""
    line = _ARTEFACT.sub("", line).lstrip(" ")
    line = re.sub(r" {3,}(?=\S)", "\t", line)
    line = re.sub(r"[ \x0b\x0c]+", " ", line).rstrip(" ")
    line = re.sub(r"^[/|]\s+|\s+[/|]$", "", line)  # a copied table's leading or trailing rule
    line = line.replace(" | ", "\t")
    # cells " / " parts from the last tab on, left to right (one pass: a line of a thousand
    # " / " must not cost a million steps)
    at = line.rfind("\t") + 1
    pieces = [line[:at]]
    while (cell := _SLASH_CELL.match(line, at)) is not None:
        pieces.append(cell[1] + "\t")
        at = cell.end()
    line = "".join([*pieces, line[at:]])
    for pattern, replacement in _JOINED:
        line = pattern.sub(replacement, line)
    if _PAGE_NUMBER.match(line.strip()):
        return ""
    return line


def _unflatten(line: str) -> list[str]:
    """A line split where a flattened heading or body ran several onto it."""
    if len(line) < 60 or "\t" in line:
        return [line]
    pieces: list[str] = []
    rest = line
    while True:
        match = _LABEL.search(rest, 1)
        if match is None:
            break
        if match.group(1):  # "Dear Sir/Madam, It is ..." splits after the comma
            pieces.append(rest[: match.end(1)])
        else:
            pieces.append(rest[: match.start()])
        rest = rest[match.end() :]
    pieces.append(rest)
    out: list[str] = []
    for piece in pieces:
        # "ANNEX B Draft agenda 1 Opening ... 2 ...": the heading, then its items
        annex = re.match(r"^(ANNEX\s+[A-Z0-9]{1,2}\b.{0,80}?)\s+(?=1\.?\s+[A-Z])", piece)
        if annex is not None:
            out.append(annex[1])
            piece = piece[annex.end() :]
        out.extend(_numbered(piece))
    return [p for p in out if p.strip()] or [line]


_PARAGRAPH_NUMBER = re.compile(r"(?<=[.:;)])\s+(\d{1,3})\s+(?=[A-Z])")


def _numbered(text: str) -> list[str]:
    """A body flattened onto one line, split before its paragraphs numbered 1, 2, 3 ...
    (only in that order, each after a sentence's end, so "approval of 5 draft ..." stays)."""
    if not re.match(r"^1\.?\s+[A-Z]", text):
        return [text]
    out, start, number = [], 0, 2
    for found in _PARAGRAPH_NUMBER.finditer(text):
        if int(found[1]) != number:
            continue
        out.append(text[start : found.start()])
        start, number = found.start(1), number + 1
    out.append(text[start:])
    return out


def _rejoin(lines: list[Line]) -> list[Line]:
    """Hard-wrapped lines of one paragraph joined again: a line that does not end its
    sentence, followed by one that plainly goes on with it. (A paragraph's pieces are kept
    apart and joined once: joining line by line would copy a long one over and over.)"""
    out: list[Line] = []
    pieces: list[Line] = []
    words = 0

    def close() -> None:
        if len(pieces) == 1:
            out.append(pieces[0])
        elif pieces:
            joined = " ".join(
                [
                    pieces[0].raw.rstrip(),
                    *(p.raw.strip() for p in pieces[1:-1]),
                    pieces[-1].raw.lstrip(),
                ]
            )
            out.append(Line(pieces[0].number, joined.strip(" \t"), joined))
        pieces.clear()

    for line in lines:
        if pieces and _goes_on(pieces[0], pieces[-1], words, line):
            pieces.append(line)
            words += len(line.text.split())
            continue
        close()
        pieces.append(line)
        words = len(line.text.split())
    close()
    return out


_DAY_THEN_MONTH = re.compile(r"(?:^|\s)\d{1,2}$")
_MONTH_FIRST = re.compile(rf"^(?:{MONTH_NAMES})\b")
_DAY_MONTH_END = re.compile(rf"\b\d{{1,2}}\s+(?:{MONTH_NAMES})$")
_YEAR_FIRST = re.compile(r"^(?:19|20)\d\d\b")


_NUMBER_TAB = re.compile(r"^\s*\d{1,2}\.?\t[^\t]+$")


def _goes_on(first: Line, before: Line, words: int, line: Line) -> bool:
    """Whether ``line`` goes on with the paragraph that began at ``first`` and has come to
    ``before`` (``words`` long so far)."""
    if not before.text or not line.text or "\t" in line.raw:
        return False
    if "\t" in before.raw and not _NUMBER_TAB.match(first.raw if first is before else before.raw):
        return False  # table cells; a numbered paragraph's own tab is no cell
    if _SENTENCE_END.search(before.text) or _SALUTATION.match(first.text):
        return False
    if _STARTS_ITEM.match(line.text) or words < 4:
        return False
    head = line.text[0]
    if _DAY_THEN_MONTH.search(before.text) and _MONTH_FIRST.match(line.text):
        return True  # "... on Friday, 24" / "October 2008, ...": a date cut by the wrap
    if _DAY_MONTH_END.search(before.text) and _YEAR_FIRST.match(line.text):
        return True  # "... by 3 November" / "2019 at the latest."
    if re.search(r"\b\d{4}\s+hours$", before.text) and re.match(
        r"^(?:UTC|GMT|Geneva\b|on\b)", line.text
    ):
        return True  # "no later than 2359 hours" / "UTC, 20 December 2024."
    if head in "\"“'‘" and line.text[1:2].islower():
        return True  # "... for resilient African" / "cities", which ...": a quote goes on
    return head.islower() or (bool(_GOES_ON.search(before.text)) and head.isalnum())


def paragraphs(lines: Sequence[Line]) -> Iterator[tuple[Line, str]]:
    """Each non-empty line as a paragraph with its first line (letters put one per line)."""
    for line in lines:
        if line.plain:
            yield line, line.plain


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;])\s+(?=[A-Z(])", text) if s.strip()]


def find(lines: Sequence[Line], pattern: re.Pattern[str], start: int = 0) -> int | None:
    for index in range(start, len(lines)):
        if pattern.search(lines[index].plain):
            return index
    return None
