"""The reports the program prints, by the names the command line takes.

Kept apart from the report modules, which load ReportLab, so the window can list them in
its Print menu without paying for ReportLab at start-up.
"""

from __future__ import annotations

from enum import StrEnum


class Report(StrEnum):
    AGENDA = "agenda"
    BOOK = "book"
    DIFF = "diff"
    DEADLINES = "deadlines"
    DRAFTS = "drafts"
    ANNEX2 = "annex2"
    SCHEDULE = "schedule"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Report.AGENDA: "Agenda sheet",
    Report.BOOK: "Chair's book",
    Report.DIFF: "Agenda changes since the last revision",
    Report.DEADLINES: "Deadlines",
    Report.DRAFTS: "Draft Recommendations",
    Report.ANNEX2: "Annex 2 reply form",
    Report.SCHEDULE: "My schedule",
}
