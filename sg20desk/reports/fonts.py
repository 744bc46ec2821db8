"""The fonts embedded in printed reports, and which of them prints a character.

The body text is Liberation Serif (metrics of Times, as ITU documents are set). A character
it lacks is printed in the first fallback family that has it: Noto Naskh Arabic, then
DejaVu Sans (the reply form's boxes, Hebrew, Armenian, Georgian and many symbols), then
Droid Sans Fallback (Chinese, Japanese, Korean). The files are in ``resources/fonts`` with
their licences. A family is read from its file the first time it is needed, so a report in
Latin script never pays for the 3 MB CJK font.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import as_file, files

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_FOLDER = "fonts"


@dataclass(frozen=True, slots=True)
class Family:
    """A font family under the name markup uses, and its files (``None``: use regular)."""

    name: str
    regular: str
    bold: str | None = None
    italic: str | None = None
    bold_italic: str | None = None


# Reports set nothing in italic, so the italic faces are not shipped (reading them cost
# the print command some 12 ms); markup asking for italic gets the upright face.
BODY = Family("sg-serif", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf")
ARABIC = Family("sg-arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")
SYMBOLS = Family("sg-sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
CJK = Family("sg-cjk", "DroidSansFallback.ttf")
FALLBACKS = (ARABIC, SYMBOLS, CJK)

BOLD = f"{BODY.name}-bold"  # the body family's bold, for headings drawn without markup

_lock = threading.Lock()  # reports may be built off the GUI thread


def _face_name(family: Family, variant: str) -> str:
    return family.name if variant == "regular" else f"{family.name}-{variant}"


def _register(family: Family) -> frozenset[int]:
    """Read the family's files, register them with ReportLab, return the characters it has."""
    folder = files("sg20desk.resources") / FONT_FOLDER
    files_by_variant = {
        "regular": family.regular,
        "bold": family.bold,
        "italic": family.italic,
        "bolditalic": family.bold_italic,
    }
    faces: dict[str, TTFont] = {}
    for variant, filename in files_by_variant.items():
        if filename is not None:
            with as_file(folder / filename) as path:
                faces[variant] = TTFont(_face_name(family, variant), str(path))
            pdfmetrics.registerFont(faces[variant])
    regular = faces["regular"]
    bold = faces.get("bold", regular)
    # a variant the family lacks is printed in the nearest one it has
    addMapping(family.name, 0, 0, regular.fontName)
    addMapping(family.name, 1, 0, bold.fontName)
    addMapping(family.name, 0, 1, faces.get("italic", regular).fontName)
    addMapping(family.name, 1, 1, faces.get("bolditalic", bold).fontName)
    return frozenset(regular.face.charToGlyph)


@cache
def _characters(family: Family) -> frozenset[int]:
    return _register(family)


def characters(family: Family) -> frozenset[int]:
    """The characters ``family`` has a glyph for (registering it on first use)."""
    with _lock:
        return _characters(family)


def ensure_body() -> None:
    """Register the body family (the styles name it)."""
    characters(BODY)


def family_for(character: str, base: Family = BODY) -> Family | None:
    """The fallback family that prints ``character``; ``None`` when ``base`` has it, or
    when no family has it (it is then left to the base font's blank box)."""
    code = ord(character)
    if character.isspace() or code in characters(base):
        return None
    for family in FALLBACKS:
        if family is not base and code in characters(family):
            return family
    return None


def runs(text: str, base: Family = BODY) -> Iterator[tuple[Family | None, str]]:
    """``text`` cut into runs that one family prints (``None``: the ``base`` family)."""
    have = characters(base)
    if all(ord(c) in have for c in text):
        yield None, text
        return
    current: Family | None = None
    start = 0
    for index, character in enumerate(text):
        family = current if character.isspace() else family_for(character, base)
        if family is not current:
            if index > start:
                yield current, text[start:index]
            current, start = family, index
    if start < len(text):
        yield current, text[start:]
