"""Reading the letters TSB sends for a meeting: collective letters and TAP circulars.

A TSB Collective letter invites to a study-group meeting: its heading names the letter
("TSB Collective letter 3/20") and the meeting ("Meeting of Study Group 20; Geneva, 12-21
May 2026"); numbered paragraphs give the side events, the opening time and the key
deadlines; Annex A, the practical information, states deadlines as rules ("at least one
month before the start of the meeting"); Annex B is the draft agenda, a table of No / Item /
Documents. A TSB Circular opening a Traditional Approval Procedure consultation names
its drafts in Annex 1 (designation, former name, report number, title, summary, IPR notes)
and gives the reply deadline and the threshold in its paragraphs.

The reader works in stages, a module each:

- :mod:`.text` makes numbered lines of the text as a word processor, a PDF or a web page
  gives it (hard-wrapped, flattened, cells run together) ;
- :mod:`.heading` finds which letter it is, its date, the meeting it names, and where its
  body and annexes are;
- :mod:`.events`, :mod:`.deadlines` and :mod:`.agenda` read the facts of a collective
  letter, which :mod:`.collective` puts together; :mod:`.circular` reads a circular;
- each stage emits typed records (:mod:`.model`: ``EventFact``, ``DeadlineFact``,
  ``DraftFact``, ``ItemFact``, gathered in ``Facts``) with the fields of the exchange format,
  the line each was read at, and identifiers derived from what each thing is, so reading
  the same letter twice gives the same identifiers; :mod:`.reading` holds them with what
  the letter says of other documents;
- :mod:`.combine` joins a collective letter and its circulars into one meeting, and
  :mod:`.document` writes the facts once as a meeting document in the exchange format
  (:mod:`sg20desk.exchange.meeting_json`), which the user's corrections, the validation and
  the merge take, as they take meeting files and calendars.

They look for what a letter of the kind says, not for the lines of one letter, so sections
may come in another order or be missing. Lines they cannot read are reported with their
number in ``warnings``, never dropped in silence; text that is not such a letter at all
raises :class:`LetterError`.
"""

from __future__ import annotations

from sg20desk.exchange.letters.circular import read_circular
from sg20desk.exchange.letters.collective import read_addendum, read_collective
from sg20desk.exchange.letters.combine import combine, sources_of
from sg20desk.exchange.letters.heading import date_of, kind_of
from sg20desk.exchange.letters.model import (
    MAX_BYTES,
    Kind,
    LetterError,
    ReadWarning,
    Sources,
)
from sg20desk.exchange.letters.reading import Reading
from sg20desk.exchange.letters.text import split_lines

__all__ = [
    "MAX_BYTES",
    "Kind",
    "LetterError",
    "ReadWarning",
    "Reading",
    "Sources",
    "combine",
    "read_letter",
    "sources_of",
]


def read_letter(text: str, source: str, *, whole_paragraphs: bool = False) -> Reading:
    """Read a collective letter or a circular; raises :class:`LetterError`.

    ``whole_paragraphs``: each line of ``text`` is a whole paragraph (as a Word document's
    or a PDF's reader gives it), so lines are not joined as if a copy had wrapped them.
    """
    lines = split_lines(text, source, rejoin=not whole_paragraphs)
    kind, reference, ref_line = kind_of(lines, source)
    dated = date_of(lines, ref_line)
    if kind is Kind.COLLECTIVE_LETTER:
        return read_collective(lines, source, reference, dated)
    if kind is Kind.ADDENDUM:
        return read_addendum(lines, source, reference, dated)
    return read_circular(lines, source, reference, dated)
