"""Document references as ITU agendas cite them."""

from __future__ import annotations

from enum import StrEnum


class DocumentKind(StrEnum):
    C = "C"  # contribution
    TD = "TD"  # temporary document
    R = "R"  # report, numbered like SG20-R12
    LS = "LS"  # liaison statement
    COL = "COL"  # collective letter
    CIRCULAR = "Circular"
    REPORT = "Report"


def format_document(kind: str, number: str, revision: int | None) -> str:
    """``C 005``, ``TD414 Rev.1``, ``SG20-R12``: the form agendas print."""
    if kind == DocumentKind.R:
        text = number
    elif kind == DocumentKind.TD:
        text = f"TD{number}"
    else:
        text = f"{kind} {number}"
    return f"{text} Rev.{revision}" if revision else text
