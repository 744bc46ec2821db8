"""A delegate's lists: the deadlines with the time left, and the sessions chosen, by day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sg20desk.reports.render import (
    Document,
    MeetingHeading,
    grid,
    para,
    spacer,
    styles,
    title_block,
)
from sg20desk.rules.timezones import format_date, zone_label


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    """A deadline with its due time already written in the meeting's zone and the user's."""

    title: str
    due_home: str  # "Thu 30 April 2026 23:59 CEST", or the rule when no date can be told
    due_mine: str  # "" when the user's zone is the meeting's
    status: str  # "open", "done", "not applicable", "overdue"
    left: str  # "3 d 11 h left", "" when closed
    source: str


def deadline_list(
    meeting: MeetingHeading, lines: Sequence[DeadlineLine], *, mine: str, printed: str
) -> Document:
    """Every deadline: due time in Geneva time and in ``mine``, status, time left when
    printed."""
    s = styles()
    home = meeting.zone
    zones = zone_label(home) + (f" and in {mine}" if mine != home else "")
    story = title_block(meeting, "Deadlines", f"Times in {zones}. Time left as of {printed}.")
    header = ["Deadline", f"Due, {zone_label(home)}"]
    widths = [4.2, 2.6]
    if mine != home:
        header.append(f"Due, {mine}")
        widths.append(2.6)
    header += ["Status"]
    widths += [1.8]
    rows = []
    shaded = []
    for index, line in enumerate(lines):
        title = line.title + (f"\nSource: {line.source}" if line.source else "")
        row = [title, line.due_home]
        if mine != home:
            row.append(line.due_mine)
        row.append(line.status + (f"\n{line.left}" if line.left else ""))
        rows.append(row)
        if line.status == "overdue":
            shaded.append(index)
    if rows:
        story.append(grid(header, rows, widths, shaded=shaded))
    else:
        story.append(para("No deadlines.", s.body))
    return Document("Deadlines", meeting.line, story, home, keywords=("deadlines",))


@dataclass(frozen=True, slots=True)
class ScheduleLine:
    """A session the user attends, its times written in both zones."""

    day: date
    when_home: str  # "14:30-17:30 CEST" or "all day"
    when_mine: str
    title: str
    mode: str  # "in person" / "remote"
    place: str
    note: str  # a conflict, a registration deadline ...


def my_schedule(
    meeting: MeetingHeading, lines: Sequence[ScheduleLine], *, mine: str, who: str
) -> Document:
    """The sessions chosen, day by day, in person or remote, times in both zones."""
    s = styles()
    home = meeting.zone
    zones = zone_label(home) + (f" and in {mine}" if mine != home else "")
    story = title_block(meeting, "My schedule", who, f"Times in {zones}.")
    if not lines:
        story.append(
            para(
                "No sessions chosen yet: in the Schedule section, mark the sessions you "
                "attend in person or remotely.",
                s.body,
            )
        )
    days = sorted({line.day for line in lines})
    for day in days:
        story.append(para(format_date(day), s.heading))
        header = [f"Time, {zone_label(home)}"]
        widths = [2.5]
        if mine != home:
            header.append(f"Time, {mine}")
            widths.append(2.5)
        header += ["Session", "How", "Where / notes"]
        widths += [4.0, 1.2, 2.6]
        rows = []
        for line in (x for x in lines if x.day == day):
            row = [line.when_home]
            if mine != home:
                row.append(line.when_mine)
            where = "\n".join(x for x in (line.place, line.note) if x)
            row += [line.title, line.mode, where]
            rows.append(row)
        story.append(grid(header, rows, widths))
        story.append(spacer(1))
    return Document("My schedule", meeting.line, story, home, keywords=("schedule",))
