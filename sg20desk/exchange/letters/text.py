"""A letter's text as numbered lines, and the paragraphs and sentences in them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sg20desk.exchange.letters.model import MAX_BYTES, MAX_LINES, LetterError, Line

# --- text --------------------------------------------------------------------------------

_ARTEFACT = re.compile(r"\[(?:bookmark|image): [^\]]*\]")  # left by word processors
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2011": "-"})


def split_lines(text: str, source: str) -> list[Line]:
    """The letter's lines, numbered; raises :class:`LetterError` for text no letter has."""
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
        raw = re.sub(r"[ \x0b\x0c]+", " ", _ARTEFACT.sub("", line)).rstrip(" ")
        lines.append(Line(number, raw.strip(" \t"), raw))
    return lines


def paragraphs(lines: Sequence[Line]) -> Iterator[tuple[Line, str]]:
    """Each non-empty line as a paragraph with its first line (letters put one per line)."""
    for line in lines:
        if line.plain:
            yield line, line.plain


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;])\s+(?=[A-Z(])", text) if s.strip()]


def find(lines: Sequence[Line], pattern: re.Pattern[str], start: int = 0) -> int | None:
    for index in range(start, len(lines)):
        if pattern.search(lines[index].plain):
            return index
    return None
