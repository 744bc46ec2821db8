"""The records the letter readers share: what was read, where, and the limits they keep."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from sg20desk.db.schema import DeadlineOrigin, EventKind
from sg20desk.rules.approval import Procedure
from sg20desk.rules.deadlines import Rule
from sg20desk.rules.phrases import InstantPhrase
from sg20desk.rules.procedures import Stage
from sg20desk.rules.timezones import GENEVA, in_zone

MAX_BYTES = 2 * 1024 * 1024  # a letter is some 50 kB of text; 2 MiB is no letter
MAX_LINES = 40_000
MAX_DRAFTS = 500

# Identifiers of what a letter describes are UUIDs made from this namespace and a key
# naming the thing ("SG20-2026-05/event/3rd un virtual worlds day"), so that the same
# letter read twice, or by two users, gives the same identifiers.
NAMESPACE = uuid.UUID("6f1d3c2e-5b7a-4e0f-9a41-2c8d7e6b5a13")


class LetterError(ValueError):
    """Text that is not a letter sg20desk can read; the message names the file and line."""


class Kind(StrEnum):
    COLLECTIVE_LETTER = "collective letter"
    ADDENDUM = "addendum"  # to a collective letter, or a corrigendum
    CIRCULAR = "circular"  # opening a TAP consultation
    RESULT = "approval result"  # a circular announcing which drafts were approved


#: where each fact of a meeting was read: its identifier -> (file, line)
Sources = dict[str, tuple[str, int]]


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something read with doubt, or not read at all, at ``line`` of ``source``."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}: line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based, as an editor shows it
    text: str  # whitespace trimmed, tabs kept between cells
    raw: str = ""  # as written, tabs and all (a line holding only a tab is an empty cell)

    @property
    def cells(self) -> list[str]:
        return [c.strip() for c in self.text.split("\t") if c.strip()]

    @property
    def plain(self) -> str:
        return " ".join(self.cells)


def join_key(*parts: str) -> str:
    return "/".join(" ".join(p.casefold().split()) for p in parts)


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, join_key(*parts)))


@dataclass(frozen=True, slots=True)
class Body:
    """Who meets: ``group`` as the store names it (SG5, TSAG), ``name`` as titles say it."""

    group: str
    name: str  # "Study Group 5", "Working Party 2/5", "TSAG"
    pattern: str  # how the letter writes the name, to find its mandate after it
    working_party: str = ""  # "2" of Working Party 2/5
    regional: str = ""  # "SG3RG-AFR", a study group's regional group

    @property
    def code(self) -> str:
        if self.regional:
            return self.regional
        return f"{self.group}-WP{self.working_party}" if self.working_party else self.group

    @property
    def label(self) -> str:
        """How the meeting's own events are titled: "SG13 opening plenary", "WP3/12 ..."."""
        if self.working_party:
            return f"WP{self.working_party}/{self.group.removeprefix('SG')}"
        return self.regional or self.group


@dataclass
class Meeting:
    group: str = ""
    body: Body | None = None  # who meets
    title: str = ""
    place: str = ""
    zone: str = GENEVA
    first: date | None = None
    last: date | None = None
    opening: time | None = None
    registration: time | None = None
    registration_place: str = ""
    virtual: bool = False  # held online only, or also online

    @property
    def code(self) -> str:
        assert self.first is not None
        who = self.body.code if self.body is not None else self.group
        return f"{who}-{self.first:%Y-%m}"


@dataclass(frozen=True, slots=True)
class Stated:
    """An instant stated in a paragraph ("2359 hours UTC on 30 April 2026")."""

    words: str
    value: InstantPhrase
    paragraph: str
    line: int


def wall(instant: datetime, zone_name: str) -> datetime:
    """The wall-clock time of ``instant`` in ``zone_name``, to the minute, as the facts keep
    times (next to the zone they are stated in)."""
    return in_zone(instant, zone_name).replace(tzinfo=None, second=0, microsecond=0)


# --- the facts a letter states ---------------------------------------------------------------
# One record per kind of fact, with the exchange format's fields (meeting_json) and the line it
# was read at; times are wall-clock times in the record's zone, as a letter states them.


@dataclass(slots=True)
class EventFact:
    """A session or side event: timed (``start``, ``end``) or given by its days."""

    id: str
    kind: EventKind
    title: str
    zone: str
    line: int = 0  # 0: made by the reader, not read at a line
    place: str = ""
    virtual: bool = False
    registration_required: bool = False
    notes: str = ""
    start: datetime | None = None
    end: datetime | None = None
    first_day: date | None = None
    last_day: date | None = None

    @property
    def day(self) -> date:
        """The day it starts."""
        if self.first_day is not None:
            return self.first_day
        assert self.start is not None, "an event has a start or days"
        return self.start.date()

    @property
    def final_day(self) -> date:
        if self.last_day is not None:
            return self.last_day
        return self.end.date() if self.end is not None else self.day


@dataclass(slots=True)
class DeadlineFact:
    """A deadline: an instant (``due_at``), a day (``due_date``), or only a rule."""

    id: str
    title: str
    zone: str
    source_text: str  # what the letter says, and where
    origin: DeadlineOrigin
    line: int = 0
    due_at: datetime | None = None
    due_date: date | None = None
    rule: Rule | None = None

    @property
    def stated_day(self) -> date | None:
        """The day the letter gives it (none when only a rule gives it)."""
        if self.due_date is not None:
            return self.due_date
        return self.due_at.date() if self.due_at is not None else None


@dataclass(slots=True)
class DraftFact:
    """A draft Recommendation a circular describes or names."""

    id: str
    designation: str
    circular: str  # the circular that names it
    line: int = 0
    former_name: str = ""
    is_new: bool = True
    title: str = ""
    summary: str = ""
    report_number: str = ""
    ipr_statements: str = ""
    question: str = ""
    procedure: Procedure = Procedure.TAP
    stage: Stage = Stage.CONSULTATION_OPEN
    circular_date: date | None = None
    consultation_deadline: datetime | None = None  # wall clock in consultation_zone
    consultation_zone: str = ""
    threshold_percent: int | None = None


@dataclass(slots=True)
class ItemFact:
    """An agenda item, with the items under it."""

    id: str
    title: str
    numbered: bool
    number: str | None  # as the tree numbers it once read whole
    key: str  # what its identifier is made from: its title under its parents' titles
    documents: list[str] = field(default_factory=list)
    line: int = 0
    notes: str = ""
    draft: str = ""  # the designation of the draft it is about
    children: list[ItemFact] = field(default_factory=list)


def walk(items: list[ItemFact]) -> Iterator[ItemFact]:
    """Every item of an agenda tree, parents before their children."""
    for item in items:
        yield item
        yield from walk(item.children)


@dataclass
class Facts:
    """Everything one letter (or letters joined) states of one meeting."""

    meeting: Meeting
    reference: str
    dated: date | None
    events: list[EventFact] = field(default_factory=list)
    agenda: list[ItemFact] = field(default_factory=list)
    drafts: list[DraftFact] = field(default_factory=list)
    deadlines: list[DeadlineFact] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.meeting.code

    def all(self) -> Iterator[EventFact | ItemFact | DraftFact | DeadlineFact]:
        yield from self.events
        yield from walk(self.agenda)
        yield from self.drafts
        yield from self.deadlines

    def settle(self) -> None:
        """A second fact of the same identifier as another (the same title, or the same
        title under a parent of the same title) told apart by the order it comes in."""
        for kind in (self.events, list(walk(self.agenda)), self.deadlines):
            seen: dict[str, int] = {}
            for fact in kind:
                seen[fact.id] = seen.get(fact.id, 0) + 1
                if seen[fact.id] > 1:
                    fact.id = str(uuid.uuid5(NAMESPACE, f"{fact.id}#{seen[fact.id]}"))

    def lines(self) -> dict[str, int]:
        """Where each fact was read: its identifier -> its line."""
        return {fact.id: fact.line for fact in self.all() if fact.line}
