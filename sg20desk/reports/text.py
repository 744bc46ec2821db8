"""Text from users and imported files, made safe to print.

ReportLab's ``Paragraph`` reads a markup language: unescaped text prints wrong (``AT&T``),
fails (``a < b``), or pulls files into the PDF (``<img src=...>``). Every piece of text that
the program did not write itself goes through :func:`markup`, which escapes it, puts each
run of characters in the font family that has them, and lays Arabic and Hebrew out right
to left (shaped with ``arabic_reshaper``, ordered with ``python-bidi``).
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from sg20desk.reports import fonts

# C0 and C1 controls (bar tab and line breaks), and lone surrogates: nothing to print
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
# Hebrew, Arabic, Syriac, Thaana, N'Ko ... and the Arabic presentation forms
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def clean(text: str) -> str:
    """``text`` with line breaks made ``\\n``, tabs made spaces and controls removed."""
    return _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text)).replace("\t", " ")


def is_right_to_left(text: str) -> bool:
    return _RIGHT_TO_LEFT.search(text) is not None


@cache
def _bidi() -> tuple[Any, Any]:
    # imported on first use: most reports hold no right-to-left text
    from arabic_reshaper import reshape
    from bidi import get_display

    return reshape, get_display


def right_to_left_first(text: str) -> bool:
    """Whether the first letter of ``text`` is written right to left: the paragraph is then
    laid out from the right (Unicode's rule for a paragraph's direction)."""
    for character in text:
        if _RIGHT_TO_LEFT.match(character):
            return True
        if character.isalpha():
            return False
    return False


def _visual_words(line: str) -> str:
    """A right-to-left line for a paragraph laid out from the right: the words stay in
    reading order, so lines break where a reader expects, and each word is shaped and drawn
    as it looks (the paragraph reverses the words of each line it makes). A run of
    left-to-right words (``ITU-T Y.4241``) is held together by no-break spaces, so that it
    keeps its own order and is not split over two lines."""
    reshape, get_display = _bidi()
    groups: list[list[str]] = []
    for word in reshape(line).split(" "):
        left_to_right = bool(word) and not is_right_to_left(word)
        if groups and left_to_right and groups[-1][-1] and not is_right_to_left(groups[-1][-1]):
            groups[-1].append(word)
        else:
            groups.append([word])
    return " ".join(get_display("\u00a0".join(group)) for group in groups)


def visual(line: str) -> str:
    """A line holding right-to-left text in the order it is drawn, Arabic letters in the
    forms their neighbours give them (for a paragraph laid out from the left)."""
    reshape, get_display = _bidi()
    shown: str = get_display(reshape(line), base_dir="L")
    return shown


def _line(line: str, from_right: bool) -> str:
    if is_right_to_left(line):
        line = _visual_words(line) if from_right else visual(line)
    parts = []
    # a paragraph laid out from the right is set in one family that has both scripts, as
    # the paragraph reverses the words of a line within each change of font, not across
    base = fonts.SYMBOLS if from_right else fonts.BODY
    for family, run in fonts.runs(line, base):
        # &, < and > are what the markup gives a meaning (xml.sax.saxutils would do the
        # same, but it imports urllib: some 20 ms more to start the print command)
        safe = html.escape(run, quote=False)
        parts.append(safe if family is None else f'<font face="{family.name}">{safe}</font>')
    return "".join(parts)


def markup(text: str, *, from_right: bool = False) -> str:
    """``text`` as Paragraph markup that prints exactly what was typed, line by line.

    ``from_right``: for a paragraph laid out right to left (see
    :func:`right_to_left_first`), whose lines the paragraph reverses word by word; its
    style's font must be :data:`fonts.SYMBOLS`.
    """
    return "<br/>".join(_line(line, from_right) for line in clean(text).split("\n"))
