"""Document references as ITU agendas cite them, read from whatever a user types.

People type references every way the letters print them: ``C 005``, ``C5 Rev.1``,
``TD 120 Rev.1``, ``TD414-R1``, ``td891r2``, ``SG20-R12``, ``Report 6``, ``LS``. Each is
read into a :class:`DocumentRef` and printed back in one form (``TD414 Rev.1``), so the
same document typed two ways is one document. Anything else is refused with the reason,
never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class DocumentKind(StrEnum):
    C = "C"  # contribution
    TD = "TD"  # temporary document
    R = "R"  # report, numbered like SG20-R12
    LS = "LS"  # liaison statement
    COL = "COL"  # collective letter
    CIRCULAR = "Circular"
    REPORT = "Report"


class DocumentSyntaxError(ValueError):
    """A reference that cannot be read; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class DocumentRef:
    kind: DocumentKind
    number: str
    revision: int | None = None
    group: str = ""  # "SG20" for SG20-R12, "WP1" or "PLEN" for TD120/WP1

    def __str__(self) -> str:
        return format_document(self.kind, self.number, self.revision, self.group)


def format_document(kind: str, number: str, revision: int | None, group: str = "") -> str:
    """``C 005``, ``TD414 Rev.1``, ``SG20-R12``, ``TD120/WP1``: the form agendas print."""
    if kind == DocumentKind.R:
        text = f"{group}-R{number}" if group else f"R{number}"
    elif kind == DocumentKind.TD and group.startswith("SG"):
        text = f"{group}-TD{number}"
    elif kind == DocumentKind.TD:
        text = f"TD{number}/{group}" if group else f"TD{number}"
    elif kind == DocumentKind.C:
        text = f"{group}-C {number}" if group else f"C {number}"
    else:
        text = f"{kind} {number}".rstrip()
    return f"{text} Rev.{revision}" if revision else text


_KINDS = {
    "report": DocumentKind.REPORT,
    "collective letter": DocumentKind.COL,
    "tsb collective letter": DocumentKind.COL,
    "col": DocumentKind.COL,
    "circular": DocumentKind.CIRCULAR,
    "tsb circular": DocumentKind.CIRCULAR,
    "td": DocumentKind.TD,
    "c": DocumentKind.C,
    "r": DocumentKind.R,
    "ls": DocumentKind.LS,
}

_PATTERN = re.compile(
    r"""
    ^(?:(?P<sg>sg\s*\d{1,2})\s*-\s*)?                     # SG20-R12, SG20-TD414
    (?P<kind>report|(?:tsb\s+)?collective\s+letter|col|(?:tsb\s+)?circular|td|c|r|ls)
    (?:\s*[-.]?\s*(?P<number>\d+(?:/\d+)?))?                # 005, 414, 2/20
    (?:\s*/\s*(?P<part>plen|gen|wp\s*\d))?                  # TD120/WP1
    (?:\s*\(\s*(?P<part2>plen|gen|wp\s*\d)\s*/\s*\d+\s*\))? # TD120 (WP1/20)
    (?:\s*[-,(]?\s*(?:rev\s*\.?|r)\s*(?P<rev>\d+)\s*\)?)?   # Rev.1, -R1, R2, (Rev.1)
    $""",
    re.IGNORECASE | re.VERBOSE,
)

_NEEDS_NUMBER = {
    DocumentKind.C,
    DocumentKind.TD,
    DocumentKind.R,
    DocumentKind.REPORT,
    DocumentKind.COL,
    DocumentKind.CIRCULAR,
}


def _clean(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-")
    return " ".join(text.split())


def parse_document(text: str) -> DocumentRef:
    """Read one reference; raises :class:`DocumentSyntaxError` saying why it cannot."""
    cleaned = _clean(text)
    if not cleaned:
        raise DocumentSyntaxError("empty document reference")
    match = _PATTERN.match(cleaned)
    if match is None:
        raise DocumentSyntaxError(
            f'"{cleaned}" is not a document reference (expected forms like C 005, '
            "TD414 Rev.1, SG20-R12, Report 6 or LS)"
        )
    kind = _KINDS[" ".join(match["kind"].lower().split())]
    number = match["number"] or ""
    if kind in _NEEDS_NUMBER and not number:
        raise DocumentSyntaxError(f'"{cleaned}": a {kind} reference needs its number')
    if number and not any(ch not in "0/" for ch in number):
        raise DocumentSyntaxError(f'"{cleaned}": document number 0 does not exist')
    if kind == DocumentKind.C:
        number = number.zfill(3)  # contributions print with three digits: C 005
    elif kind in (DocumentKind.TD, DocumentKind.R, DocumentKind.REPORT, DocumentKind.CIRCULAR):
        number = number.lstrip("0")
    revision = int(match["rev"]) if match["rev"] else None
    if revision == 0:
        revision = None  # "Rev.0" is the original
    sg, part = match["sg"], match["part"] or match["part2"]
    if sg and kind not in (DocumentKind.C, DocumentKind.TD, DocumentKind.R):
        raise DocumentSyntaxError(f'"{cleaned}": only C, TD and R references carry "SGnn-"')
    if part and kind != DocumentKind.TD:
        raise DocumentSyntaxError(f'"{cleaned}": only TD references belong to a working party')
    group = ""
    if sg:
        group = "SG" + sg[2:].strip()
    if part:
        group = part.upper().replace(" ", "")
    if sg and part:
        raise DocumentSyntaxError(f'"{cleaned}": give either the study group or the part')
    return DocumentRef(kind, number, revision, group)


def parse_documents(text: str) -> list[DocumentRef]:
    """Read a list typed in one field, separated by commas, semicolons or new lines.

    Duplicates (the same document typed twice, in any form) are kept once. The error for
    an unreadable entry says which entry it was.
    """
    parts = [p for p in re.split(r"[,;\n]", text) if p.strip()]
    out: list[DocumentRef] = []
    for n, part in enumerate(parts, start=1):
        try:
            ref = parse_document(part)
        except DocumentSyntaxError as exc:
            where = f"entry {n} of {len(parts)}: " if len(parts) > 1 else ""
            raise DocumentSyntaxError(f"{where}{exc}") from None
        if ref not in out:
            out.append(ref)
    return out


#: a Recommendation's designation as texts write it, without "ITU-T": "Y.4241", "Y. 4241",
#: or a common text's two numbers "G.8261/Y.1361"
DESIGNATION_TEXT = r"[A-Z]\.\s?\d{1,4}(?:\.\d{1,4})*(?:\s?/\s?[A-Z]\.\s?\d{1,4}(?:\.\d{1,4})*)?"
_DESIGNATION = re.compile(rf"\bITU-T\s+({DESIGNATION_TEXT})")


def designation_of(text: str) -> str:
    """A designation as the program writes it ("ITU-T G.8261/Y.1361") from one as a text
    wrote it ("G.8261 / Y.1361", "ITU-T Y. 4241")."""
    return "ITU-T " + re.sub(r"\s+", "", text.strip().removeprefix("ITU-T"))


#: "TSB Circular 106" in a text; the number is group 1
CIRCULAR_REF = re.compile(r"\bTSB\s+Circular\s+(\d{1,4})\b", re.I)


def circular_named(title: str) -> str | None:
    """The TSB Circular a title names, as "TSB Circular 106", or None."""
    match = CIRCULAR_REF.search(title)
    return f"TSB Circular {match[1]}" if match else None


def designation_in(title: str) -> str | None:
    """``ITU-T Y.4241`` when a title (an agenda item's, say) names a Recommendation."""
    match = _DESIGNATION.search(title)
    return designation_of(match[1]) if match else None
