"""A TSB Collective letter read whole: the meeting, its events, deadlines and agenda."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sg20desk.exchange.letters.agenda import agenda_of, agenda_rows
from sg20desk.exchange.letters.deadlines import deadlines_of, mentions_of
from sg20desk.exchange.letters.events import describe_events, opening_events, side_events
from sg20desk.exchange.letters.heading import annex_a, body_of, group_of, meeting_of
from sg20desk.exchange.letters.leftovers import unused_dates, used_days
from sg20desk.exchange.letters.model import Facts, Kind, Line, ReadWarning
from sg20desk.exchange.letters.reading import Reading


def read_addendum(
    lines: Sequence[Line], source: str, reference: str, dated: date | None
) -> Reading:
    """An addendum or corrigendum to a collective letter, read as the letter is: what it
    gives updates the stored meeting, and what it does not give stays as stored."""
    reading = read_collective(lines, source, reference, dated, Kind.ADDENDUM)
    reading.amends = reference.split(" to ", 1)[1]
    return reading


def read_collective(
    lines: Sequence[Line],
    source: str,
    reference: str,
    dated: date | None,
    kind: Kind = Kind.COLLECTIVE_LETTER,
) -> Reading:
    warnings: list[ReadWarning] = []
    group = group_of(reference, lines)
    meeting = meeting_of(lines, source, group, warnings)
    facts = Facts(meeting, reference, dated)
    reading = Reading(source, kind, reference, dated, facts, warnings)
    body = body_of(lines)
    events = side_events(lines, source, meeting, body, warnings)
    describe_events(lines, meeting, events)
    events = opening_events(lines, meeting, *body) + events
    deadlines = deadlines_of(lines, source, meeting, reading, body)
    reading.mentions = mentions_of(lines, body)
    rows = agenda_rows(lines, source, warnings)
    if not rows and kind is Kind.COLLECTIVE_LETTER:
        warnings.append(
            ReadWarning(source, len(lines), "no agenda found (Annex B, No / Item / Documents)")
        )
    facts.agenda = agenda_of(rows, source, meeting, set(), warnings)
    # by the day each starts: one given by its days first, then those timed, by their time
    events.sort(key=lambda e: (e.day, e.start is not None, e.start or datetime.min))
    facts.events, facts.deadlines = events, deadlines
    facts.settle()
    used = used_days(facts, (day for day, _line in reading.mentions.values()))
    frame = [*lines[body[0] : body[1]], *annex_a(lines)]
    warnings.extend(unused_dates(frame, used, source, dated))
    return reading
