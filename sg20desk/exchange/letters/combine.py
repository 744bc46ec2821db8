"""Several letters about one meeting joined into one meeting document."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from sg20desk.exchange.letters.document import document_of, due_clock
from sg20desk.exchange.letters.model import (
    Facts,
    ItemFact,
    Kind,
    LetterError,
    ReadWarning,
    Sources,
    wall,
)
from sg20desk.exchange.letters.reading import Reading
from sg20desk.rules.documents import (
    circular_named,
    designation_in,
)
from sg20desk.rules.timezones import format_days, format_instant

# --- several letters, one meeting ----------------------------------------------------------


def combine(readings: Iterable[Reading]) -> tuple[dict[str, Any], list[ReadWarning]]:
    """One meeting document (the exchange format) from letters about one meeting (a
    collective letter and its circulars); warnings where they disagree, keeping what each
    document says of itself."""
    facts, warnings = joined(readings)
    return document_of(facts), warnings


def joined(readings: Iterable[Reading]) -> tuple[Facts, list[ReadWarning]]:
    """The facts of letters about one meeting, joined (see :func:`combine`)."""
    readings = list(readings)
    if not readings:
        raise LetterError("no letter given")
    codes = {r.facts.code for r in readings}
    if len(codes) > 1:
        named = ", ".join(f"{r.source} ({r.facts.code})" for r in readings)
        raise LetterError(
            f"these letters are about different meetings: {named}; import them "
            "one meeting at a time"
        )
    warnings = [w for r in readings for w in r.warnings]
    letters = [r for r in readings if r.kind is Kind.COLLECTIVE_LETTER]
    addenda = [r for r in readings if r.kind is Kind.ADDENDUM]
    base = letters[0] if letters else addenda[0] if addenda else readings[0]
    document = copy.deepcopy(base.facts)  # the readings are left as they were
    for addendum in (a for a in addenda if a is not base):
        _amend(document, addendum)
    for letter in letters[1:]:
        warnings.append(
            ReadWarning(
                letter.source,
                1,
                f"a second collective letter for "
                f"{document.code}: only {base.source} is used for "
                "the meeting and its agenda",
            )
        )
    for circular in (r for r in readings if r.kind is Kind.CIRCULAR):
        known = {d.designation for d in document.drafts}
        document.drafts.extend(
            copy.deepcopy(d) for d in circular.facts.drafts if d.designation not in known
        )
        # its reply deadline, unless a letter's key deadlines (or the circular, when it
        # is the base) already give it
        if not any(circular_named(d.title) == circular.reference for d in document.deadlines):
            document.deadlines.extend(copy.deepcopy(circular.facts.deadlines))
        for letter in letters:
            said = letter.mentions.get(circular.reference)
            if said and circular.dated and said[0] != circular.dated:
                warnings.append(
                    ReadWarning(
                        letter.source,
                        said[1],
                        f"{letter.reference} dates {circular.reference} "
                        f"{format_days(said[0], said[0])}, but the circular itself says "
                        f"{format_days(circular.dated, circular.dated)}; keeping "
                        f"{format_days(circular.dated, circular.dated)}",
                    )
                )
            _check_reply_deadline(document, letter, circular, warnings)
    for result in (r for r in readings if r.kind is Kind.RESULT and r is not base):
        stages = {d.designation: d.stage for d in result.facts.drafts}
        for draft in document.drafts:
            draft.stage = stages.get(draft.designation, draft.stage)
    designations = {d.designation for d in document.drafts}
    link_drafts(document.agenda, designations)
    return document, warnings


def _amend(document: Facts, addendum: Reading) -> None:
    """What an addendum gives, over the letter it amends: its events and deadlines added,
    or in place of those of the same identity; its agenda, when it gives one."""
    _replace(document.events, addendum.facts.events)
    _replace(document.deadlines, addendum.facts.deadlines)
    if addendum.facts.agenda:
        document.agenda = copy.deepcopy(addendum.facts.agenda)


def _replace(facts: list[Any], given: list[Any]) -> None:
    """Each of ``given`` in place of the fact of its identifier, or added."""
    by_id = {fact.id: index for index, fact in enumerate(facts)}
    for fact in given:
        if fact.id in by_id:
            facts[by_id[fact.id]] = copy.deepcopy(fact)
        else:
            facts.append(copy.deepcopy(fact))


def _check_reply_deadline(
    document: Facts, letter: Reading, circular: Reading, warnings: list[ReadWarning]
) -> None:
    """Where the letter states the circular's reply deadline otherwise, keep the circular's."""
    said = letter.replies.get(circular.reference)
    if said is None or circular.reply_deadline is None:
        return
    at, zone_name, line = circular.reply_deadline
    if said.value.at == at:
        return
    warnings.append(
        ReadWarning(
            letter.source,
            said.line,
            f"{letter.reference} gives the reply deadline of {circular.reference} as "
            f"{format_instant(said.value.at, said.value.zone)}, the circular (line {line}) as "
            f"{format_instant(at, zone_name)}; keeping the circular's",
        )
    )
    for entry in document.deadlines:
        if entry.due_at == due_clock(said.value) and circular.reference in entry.title:
            entry.due_at, entry.zone = wall(at, zone_name), zone_name
            theirs = [d.due_at for d in circular.facts.deadlines if d.due_at is not None]
            if theirs:  # as the circular writes it ("2400 hours" the end of its day)
                entry.due_at = theirs[0]


def link_drafts(items: list[ItemFact], designations: set[str]) -> None:
    for item in items:
        designation = designation_in(item.title)
        if item.numbered and designation in designations:
            item.draft = designation
        link_drafts(item.children, designations)


def sources_of(readings: Iterable[Reading]) -> Sources:
    """Where each fact of the joined meeting was read: its identifier -> (file, line); an
    addendum's for what it gives over the letter's."""
    ordered = sorted(readings, key=lambda r: r.kind is Kind.ADDENDUM)
    return {fact: (r.source, line) for r in ordered for fact, line in r.sources.items()}
