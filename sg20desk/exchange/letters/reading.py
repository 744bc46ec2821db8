"""What one letter says: the facts it states and what it says of other documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sg20desk.exchange.letters.document import document_of
from sg20desk.exchange.letters.model import Facts, Kind, ReadWarning, Stated


@dataclass
class Reading:
    """What one letter says: its facts, and what it says of other documents."""

    source: str
    kind: Kind
    reference: str  # "TSB Collective letter 3/20", "TSB Circular 106"
    dated: date | None
    facts: Facts
    warnings: list[ReadWarning] = field(default_factory=list)
    # what the letter says of other documents: {"TSB Circular 106": (date, line)}
    mentions: dict[str, tuple[date, int]] = field(default_factory=dict)
    reply_deadline: tuple[datetime, str, int] | None = None  # (UTC, zone, line)
    # the reply deadlines a letter states for circulars: {"TSB Circular 106": ...}
    replies: dict[str, Stated] = field(default_factory=dict)
    # the letter an addendum or corrigendum amends: "TSB Collective letter 3/20"
    amends: str = ""

    @property
    def sources(self) -> dict[str, int]:
        """Where each fact was read: its identifier -> the line of the file."""
        return self.facts.lines()

    @property
    def document(self) -> dict[str, Any]:
        """What the letter says, as a meeting document in the exchange format."""
        return document_of(self.facts)
