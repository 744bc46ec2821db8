"""The records the letter readers share: what was read, where, and the limits they keep."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from sg20desk.rules.phrases import (
    InstantPhrase,
)
from sg20desk.rules.timezones import (
    GENEVA,
)

MAX_BYTES = 2 * 1024 * 1024  # a letter is some 50 kB of text; 2 MiB is no letter
MAX_LINES = 40_000
MAX_DRAFTS = 500

# Identifiers of what a letter describes are UUIDs made from this namespace and a key
# naming the thing ("SG20-2026-05/event/3rd un virtual worlds day"), so that the same
# letter read twice, or by two users, gives the same identifiers.
#: the key under which a fact read carries its line until the document is finished
LINE = "_line"

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


@dataclass
class Reading:
    """What one letter says, as a meeting document in the exchange format."""

    source: str
    kind: Kind
    reference: str  # "TSB Collective letter 3/20", "TSB Circular 106"
    dated: date | None
    document: dict[str, Any]
    warnings: list[ReadWarning] = field(default_factory=list)
    # what the letter says of other documents: {"TSB Circular 106": (date, line)}
    mentions: dict[str, tuple[date, int]] = field(default_factory=dict)
    reply_deadline: tuple[datetime, str, int] | None = None  # (UTC, zone, line)
    # the reply deadlines a letter states for circulars: {"TSB Circular 106": ...}
    replies: dict[str, Stated] = field(default_factory=dict)
    # the letter an addendum or corrigendum amends: "TSB Collective letter 3/20"
    amends: str = ""
    # where each fact was read: its identifier -> the line of the file
    sources: dict[str, int] = field(default_factory=dict)


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
