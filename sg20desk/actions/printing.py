"""Printing: read from the store what each report needs.

:func:`prepare` reads the store (quickly, on whichever thread has the connection) and
returns a :class:`~sg20desk.reports.render.Document`; laying it out
(:func:`sg20desk.reports.render.render`) is the slow part and touches no store, so the
window runs it off the GUI thread, and the file is written with
:func:`sg20desk.paths.write_atomically`. The command line does all three in a row.

The modules each report needs beyond the agenda are imported when it is asked for, so the
command that prints the agenda sheet starts quickly.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from sg20desk.actions import preferences, queries
from sg20desk.actions.agenda_rows import AgendaRow
from sg20desk.actions.history import ActionError
from sg20desk.db import schema
from sg20desk.reports.agenda import (
    AgendaLine,
    BookLine,
    BookSession,
    DiffLine,
    agenda_sheet,
    chairs_book,
    revision_diff,
)
from sg20desk.reports.kinds import Report
from sg20desk.reports.render import Document, MeetingHeading, PageSize
from sg20desk.rules.deadlines import Urgency
from sg20desk.rules.timezones import (
    format_date,
    format_days,
    format_instant,
    format_span,
    in_zone,
)

if TYPE_CHECKING:
    from sg20desk.reports.drafts import ReplyForm
    from sg20desk.reports.plans import DeadlineLine, ScheduleLine

PAGE_SIZE_KEY = preferences.PAGE_SIZE_KEY


@dataclass(frozen=True, slots=True)
class Request:
    """A report of a meeting; ``before``/``after`` name the revisions a comparison takes
    (``before`` unset: the last issued; ``after``: the agenda now)."""

    report: Report
    meeting_id: uuid.UUID
    before: str | None = None
    after: str = queries.CURRENT


def page_size(connection: Connection) -> PageSize:
    """The paper the user prints on (A4 unless set to Letter)."""
    try:
        return PageSize.of(preferences.setting(connection, PAGE_SIZE_KEY))
    except ValueError:
        return PageSize.A4


def _heading(meeting: queries.MeetingRow) -> MeetingHeading:
    return MeetingHeading(
        code=meeting.code,
        title=meeting.title,
        place=meeting.place,
        dates=format_days(meeting.first_day, meeting.last_day),
        zone=meeting.timezone,
    )


def _line(row: AgendaRow) -> AgendaLine:
    return AgendaLine(
        label=row.label if row.numbered else "",
        title=row.title,
        documents=row.documents,
        depth=row.depth,
        numbered=row.numbered,
    )


def _revision_note(connection: Connection, meeting_id: uuid.UUID, today: str) -> str:
    """Which revision the agenda as it is now is: the last issued one, or a draft after it."""
    issued = queries.revisions(connection, meeting_id)
    if not issued:
        return f"Not issued yet: the agenda as it stands on {today}."
    last = issued[-1]
    when = format_date(last.issued_on)
    if queries.compare_versions(connection, meeting_id, last.label):
        return f"Changed since {last.label} of {when}: the agenda as it stands on {today}."
    return f"{last.label}, issued {when}."


def _book(
    connection: Connection, meeting: queries.MeetingRow, rows: Sequence[AgendaRow]
) -> list[BookSession]:
    from sg20desk.actions.timetable import plan_agenda, sessions

    designations = {d.agenda_item_id: d.heading for d in queries.drafts(connection, meeting.id)}
    by_id = {row.id: row for row in rows}
    out: list[BookSession] = []
    placed: set[uuid.UUID] = set()
    for plan in plan_agenda(rows, sessions(connection, meeting.id)):
        if not plan.slots:
            continue
        lines = []
        for slot in plan.slots:
            row = by_id[slot.key]
            placed.add(row.id)
            lines.append(
                BookLine(
                    _line(row),
                    slot.start,
                    row.minutes,
                    designations.get(row.id, ""),
                    row.notes,
                    slot.overruns,
                )
            )
        session = plan.session
        out.append(
            BookSession(
                session.title,
                session.starts,
                session.ends,
                tuple(lines),
                plan.minutes,
                tuple(plan.warnings),
            )
        )
    rest = [
        BookLine(_line(r), None, r.minutes, designations.get(r.id, ""), r.notes)
        for r in rows
        if r.id not in placed
    ]
    if rest:
        out.append(BookSession("", None, None, tuple(rest), 0))
    return out


def _deadline_line(row: queries.DeadlineRow, home: str, mine: str, now: datetime) -> DeadlineLine:
    from sg20desk.reports.plans import DeadlineLine

    overdue = row.urgency(now) is Urgency.OVERDUE
    return DeadlineLine(
        row.title,
        row.due_text(home, home),
        row.due_text(mine, home) if mine != home and row.due else "",
        "overdue" if overdue else row.status_label,
        "" if overdue else row.time_left(now),
        row.source_text,
    )


def _when(row: queries.EventRow, zone_name: str) -> str:
    """``Tue 12 May 14:30-17:30 CEST`` in ``zone_name``, or the days of an untimed event."""
    if row.starts_at is None:
        assert row.first_day is not None and row.last_day is not None
        return f"all day, {format_days(row.first_day, row.last_day)}"
    return format_span(row.starts_at, row.ends_at, zone_name)


def _schedule(
    connection: Connection, meeting: queries.MeetingRow, mine: str, now: datetime
) -> list[ScheduleLine]:
    from sg20desk.actions import attendance
    from sg20desk.reports.plans import ScheduleLine

    Mode = schema.AttendanceMode
    rows = [
        r
        for r in queries.events(connection, meeting.id)
        if attendance.attending(r) or r.kind == schema.EventKind.APPOINTMENT
    ]
    clashes = attendance.conflicts(rows)
    titles = {r.id: r.title for r in rows}
    home = meeting.timezone
    lines = []
    for row in rows:
        notes = []
        if row.id in clashes:
            notes.append("Overlaps " + "; ".join(titles[c] for c in clashes[row.id]))
        if row.notes:
            notes.append(row.notes)
        mode = attendance.MODE_WORDS[Mode(row.attendance)] if row.attendance else "own"
        place = "online" if row.virtual else row.place
        lines.append(
            ScheduleLine(
                row.day(home),
                _when(row, home),
                _when(row, mine),
                row.title,
                mode,
                place,
                "\n".join(notes),
            )
        )
    return lines


def prepare(connection: Connection, request: Request, now: datetime) -> Document:
    """The report ``request`` asks for, read from the store as it is at ``now``; its footer
    gives the printing time in the user's zone."""
    document = _prepare(connection, request, now)
    return replace(document, zone=preferences.user_zone(connection))


def _prepare(connection: Connection, request: Request, now: datetime) -> Document:
    meeting = queries.meeting(connection, request.meeting_id, now.date())
    heading = _heading(meeting)
    mine = preferences.user_zone(connection)
    home = meeting.timezone
    today = format_date(in_zone(now, mine).date())
    match request.report:
        case Report.AGENDA:
            rows = queries.agenda(connection, meeting.id)
            return agenda_sheet(
                heading,
                [_line(r) for r in rows],
                revision=_revision_note(connection, meeting.id, today),
                frozen=meeting.numbering_frozen,
            )
        case Report.BOOK:
            rows = queries.agenda(connection, meeting.id)
            return chairs_book(
                heading,
                _book(connection, meeting, rows),
                revision=_revision_note(connection, meeting.id, today),
            )
        case Report.DIFF:
            before = request.before
            if before is None:
                issued = queries.revisions(connection, meeting.id)
                if not issued:
                    raise ActionError(
                        f"{meeting.code} has no issued revision to compare with: issue one "
                        "first (Agenda › Issue revision)"
                    )
                before = issued[-1].label
            changes = queries.compare_versions(connection, meeting.id, before, request.after)
            after = "the agenda now" if request.after == queries.CURRENT else request.after
            return revision_diff(
                heading,
                before,
                after,
                [DiffLine(c.number_after or c.number_before or "", c.describe()) for c in changes],
            )
        case Report.DEADLINES:
            from sg20desk.reports.plans import deadline_list

            return deadline_list(
                heading,
                [
                    _deadline_line(r, home, mine, now)
                    for r in queries.deadlines(connection, meeting.id)
                ],
                mine=mine,
                printed=format_instant(now, mine),
            )
        case Report.DRAFTS:
            from sg20desk.actions import drafts
            from sg20desk.reports.drafts import DraftSummary, drafts_summary
            from sg20desk.rules.procedures import milestone_when, stage_label

            summaries = []
            for standing in drafts.standings(connection, meeting.id, now.date()):
                draft = standing.draft
                step = standing.next
                next_date = f"{step.label}: {milestone_when(step, home)}" if step else ""
                summaries.append(
                    DraftSummary(
                        draft.designation,
                        draft.former_name,
                        draft.is_new,
                        draft.title,
                        stage_label(draft.stage),
                        draft.procedure,
                        draft.report_number,
                        next_date,
                        draft.summary,
                        draft.ipr_statements,
                    )
                )
            return drafts_summary(heading, summaries)
        case Report.ANNEX2:
            from sg20desk.reports.drafts import reply_form

            return reply_form(heading, _form(connection, meeting, now, mine))
        case Report.SCHEDULE:
            from sg20desk.actions.drafts import profile
            from sg20desk.reports.plans import my_schedule

            who = profile(connection).name
            return my_schedule(
                heading, _schedule(connection, meeting, mine, now), mine=mine, who=who
            )


def _form(
    connection: Connection, meeting: queries.MeetingRow, now: datetime, mine: str
) -> ReplyForm:
    from sg20desk.actions import drafts
    from sg20desk.reports.drafts import FormDraft, ReplyForm

    consulted = [s for s in drafts.standings(connection, meeting.id, now.date()) if s.consulted]
    if not consulted:
        raise ActionError(f"{meeting.code} has no draft under TAP consultation to reply on")
    me = drafts.profile(connection)
    circulars = sorted({s.draft.circular for s in consulted if s.draft.circular})
    return ReplyForm(
        circular=" and ".join(circulars) or "the TSB Circular",
        group=f"ITU-T Study Group {meeting.group.removeprefix('SG')}",
        member_state=me.member_state,
        name=me.name,
        role=me.role,
        address=me.address,
        email=me.email,
        fax=me.fax,
        place=me.place,
        date=format_date(in_zone(now, mine).date()),
        drafts=tuple(
            FormDraft(s.draft.designation, s.draft.former_name, s.draft.is_new, s.own_choice)
            for s in consulted
        ),
    )
