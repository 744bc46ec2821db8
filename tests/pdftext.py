"""Reading printed PDFs back in tests, as PDFium (the preview's renderer) sees them."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace runs made single spaces. (PDFium reads a hyphen
    that ends a line as a hyphenation mark, U+FFFE: it is given back as the hyphen.)"""
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            re.sub(r"\s+", " ", document[i].get_textpage().get_text_range()).replace("\ufffe", "-")
            for i in range(len(document))
        ]
    finally:
        document.close()


def text(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def image_count(pdf: bytes) -> int:
    """How many images the pages draw."""
    document = pdfium.PdfDocument(pdf)
    try:
        return sum(
            len(list(document[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])))
            for i in range(len(document))
        )
    finally:
        document.close()


def page_size(pdf: bytes) -> tuple[float, float]:
    document = pdfium.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()
        return round(width), round(height)
    finally:
        document.close()


def in_order(haystack: str, needles: list[str]) -> bool:
    """Whether every needle occurs in ``haystack``, each after the one before."""
    at = 0
    for needle in needles:
        found = haystack.find(needle, at)
        if found < 0:
            return False
        at = found + len(needle)
    return True


def x_of(pdf: bytes, word: str, page: int = 0) -> float:
    """Where on the page (from the left, in points) the first drawing of ``word`` begins."""
    return box_of(pdf, word, page)[0]


def box_of(pdf: bytes, word: str, page: int = 0) -> tuple[float, float]:
    """The left edge and the baseline height (from the bottom) of ``word``'s first drawing."""
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page].get_textpage()
        searcher = textpage.search(word)
        found = searcher.get_next()
        assert found is not None, f"{word!r} not on page {page + 1}"
        index, count = found
        boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
        return min(b[0] for b in boxes), min(b[1] for b in boxes)
    finally:
        document.close()
