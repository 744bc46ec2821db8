"""Agenda reports: the agenda sheet (as Annex B of a collective letter prints it), the
chair's book (the agenda with its timetable, drafts and the chair's notes) and the
comparison of two revisions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, Paragraph

from sg20desk.reports.render import (
    Cell,
    Document,
    MeetingHeading,
    grid,
    indented,
    para,
    rich,
    spacer,
    styles,
    title_block,
)
from sg20desk.rules.timezones import format_span, in_zone, zone_label


@dataclass(frozen=True, slots=True)
class AgendaLine:
    """One line of the agenda: ``label`` is its number (``7.3``), ``new`` for an item added
    after the numbers were frozen, or empty for an unnumbered line."""

    label: str
    title: str
    documents: tuple[str, ...]
    depth: int
    numbered: bool = True


def _item_cell(line: AgendaLine, extra: Sequence[Flowable] = ()) -> list[Flowable]:
    s = styles()
    base = s.cell_bold if line.depth == 0 and line.numbered else s.cell
    title = line.title if line.numbered else f"– {line.title}"
    return [para(title, indented(base, line.depth)), *extra]


def agenda_sheet(
    meeting: MeetingHeading,
    lines: Sequence[AgendaLine],
    *,
    revision: str,
    frozen: bool,
) -> Document:
    """The agenda as issued: No / Item / Documents, numbers as issued when frozen."""
    s = styles()
    notes = []
    if frozen:
        notes.append(
            "Numbering frozen as issued; items marked 'new' were added since and are "
            "numbered at the next renumbering."
        )
    story = title_block(meeting, "Draft agenda", revision, *notes)
    rows: list[list[Cell]] = [
        [line.label, _item_cell(line), ", ".join(line.documents)] for line in lines
    ]
    if rows:
        story.append(grid(["No", "Item", "Documents"], rows, [1.1, 6.4, 2.5]))
    else:
        story.append(para("The agenda has no items yet.", s.body))
    return Document("Agenda", meeting.line, story, meeting.zone, keywords=("agenda",))


@dataclass(frozen=True, slots=True)
class BookLine:
    """An agenda line in the chair's book: when it starts, the minutes it has, the drafts
    it takes, the chair's notes."""

    line: AgendaLine
    starts: datetime | None
    minutes: int | None
    draft: str  # "ITU-T Y.4241 (ex Y.dt-SComCam)" or ""
    notes: str
    overruns: bool = False


@dataclass(frozen=True, slots=True)
class BookSession:
    """A session and the items taken in it (``title`` empty: items with no session)."""

    title: str
    starts: datetime | None
    ends: datetime | None
    lines: tuple[BookLine, ...]
    planned_minutes: int
    warnings: tuple[str, ...] = ()


def _minutes(count: int | None) -> str:
    if count is None:
        return ""
    hours, minutes = divmod(count, 60)
    return f"{hours}:{minutes:02d}" if hours else f"{minutes} min"


def chairs_book(
    meeting: MeetingHeading, sessions: Sequence[BookSession], *, revision: str
) -> Document:
    """The agenda session by session, each item with its start time and minutes, its
    documents and drafts, and the chair's notes under it."""
    s = styles()
    zone = meeting.zone
    story = title_block(
        meeting,
        "Chair's book",
        revision,
        f"Start times in {zone_label(zone)}, computed from each session's start and the "
        "minutes allocated to the items before.",
    )
    if not sessions:
        story.append(para("The agenda has no items yet.", s.body))
    for session in sessions:
        if session.title:
            when = format_span(session.starts, session.ends, zone) if session.starts else ""
            story.append(para(f"{session.title}" + (f" — {when}" if when else ""), s.heading))
            story.append(
                para(f"{_minutes(session.planned_minutes) or 'No time'} allocated", s.note)
            )
        else:
            story.append(para("Items not assigned to a session", s.heading))
        for warning in session.warnings:
            story.append(rich([("b", "Warning: "), ("", warning)], s.note))
        rows: list[list[Cell]] = []
        for entry in session.lines:
            extra: list[Flowable] = []
            if entry.draft:
                extra.append(rich([("i", "Draft: "), ("", entry.draft)], s.small))
            if entry.notes:
                extra.append(rich([("i", "Notes: "), ("", entry.notes)], s.small))
            start = f"{in_zone(entry.starts, zone):%H:%M}" if entry.starts else ""
            if entry.overruns and start:
                start += " (late)"
            rows.append(
                [
                    start,
                    entry.line.label,
                    _item_cell(entry.line, extra),
                    _minutes(entry.minutes),
                    ", ".join(entry.line.documents),
                ]
            )
        if rows:
            story.append(
                grid(["Starts", "No", "Item", "Time", "Documents"], rows, [1, 0.9, 5.2, 0.9, 2])
            )
        story.append(spacer(2))
    return Document("Chair's book", meeting.line, story, zone, keywords=("agenda", "chair"))


@dataclass(frozen=True, slots=True)
class DiffLine:
    """One change between two revisions: the item's number and what happened to it
    (``renumbered 7.3 → 7.4  Title``)."""

    number: str
    description: str


def revision_diff(
    meeting: MeetingHeading, before: str, after: str, changes: Sequence[DiffLine]
) -> Document:
    """What changed from revision ``before`` to ``after``, one row per change."""
    s = styles()
    story = title_block(meeting, "Agenda: changes between revisions", f"From {before} to {after}")
    if changes:
        story.append(
            grid(
                ["No", "What changed"],
                [[c.number, c.description] for c in changes],
                [1, 8],
            )
        )
        story.append(spacer(2))
        story.append(Paragraph(f"{len(changes)} changes.", s.note))
    else:
        story.append(para("No changes.", s.body))
    return Document("Agenda changes", meeting.line, story, meeting.zone, keywords=("agenda",))
