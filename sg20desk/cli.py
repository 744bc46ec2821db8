"""The ``sg20desk`` command: with no sub-command it opens the window.

Sub-commands script the same actions without Qt. Errors are one line on stderr and a
non-zero exit status; no traceback reaches the user. Each command loads the modules only it
uses, so a short command does not wait for the others' (``bench/import``, ``bench/print``).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from sg20desk import __version__, paths
from sg20desk.actions import preferences
from sg20desk.actions.history import ActionError, History
from sg20desk.actions.workspace import open_workspace
from sg20desk.db import migrate
from sg20desk.db.store import Store, StoreError, quick_check, schema_revision
from sg20desk.reports.kinds import Report  # the names only: ReportLab loads when printing
from sg20desk.rules.agenda_diff import CURRENT
from sg20desk.rules.timezones import (
    UnknownZoneError,
    format_days,
    format_instant,
    format_time_left,
    zone,
    zone_label,
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def clock() -> datetime:
    """The current instant (tests replace it to run on a fixed day)."""
    return datetime.now(UTC)


class CommandError(Exception):
    """A failure to report to the user as one line."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sg20desk",
        description="Plan, chair and follow ITU-T study-group meetings from a local store.",
    )
    parser.add_argument("--version", action="version", version=f"sg20desk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=f"the store to use (default: ${paths.STORE_ENV}, else {paths.default_store_path()})",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use a fresh temporary store holding the built-in meeting, deleted on exit",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="build the window off-screen, fill it with the current meeting, and exit 0",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("info", help="store location, schema revision and counts")
    sub.add_parser("check", help="check the store's integrity (exit 0 only when sound)")

    agenda = sub.add_parser("agenda", help="the agenda of a meeting")
    agenda_sub = agenda.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)
    show = agenda_sub.add_parser("show", help="print the numbered outline")
    show.add_argument("--meeting", metavar="CODE", help="meeting code (default: current)")
    diff = agenda_sub.add_parser(
        "diff", help="what changed between two revisions, or a revision and the agenda now"
    )
    diff.add_argument("rev_a", metavar="REV_A", help="an issued revision, e.g. Draft or Rev.1")
    diff.add_argument(
        "rev_b",
        metavar="REV_B",
        nargs="?",
        default=CURRENT,
        help=f"a later revision (default: {CURRENT}, the agenda as it is now)",
    )
    diff.add_argument("--meeting", metavar="CODE", help="meeting code (default: current)")

    deadlines = sub.add_parser("deadlines", help="deadlines with due times in two zones")
    deadlines.add_argument("--meeting", metavar="CODE", help="meeting code (default: current)")
    deadlines.add_argument(
        "--tz", metavar="ZONE", help="your IANA zone, e.g. Asia/Tokyo (default: your setting)"
    )
    drafts = sub.add_parser(
        "drafts", help="draft Recommendations: stage, next date, replies and tally"
    )
    drafts.add_argument("--meeting", metavar="CODE", help="meeting code (default: current)")
    drafts.add_argument(
        "--tz", metavar="ZONE", help="your IANA zone, e.g. Asia/Tokyo (default: your setting)"
    )
    drafts_sub = drafts.add_subparsers(dest="drafts_command", metavar="ACTION")
    reply = drafts_sub.add_parser(
        "reply",
        help="record a Member State's reply to the consultation on a draft",
        description="Record the reply a Member State sent on one draft, as received on a "
        "date (default: now). A second reply from the same Member State replaces the first.",
    )
    reply.add_argument("designation", metavar="DESIGNATION", help="e.g. Y.4241 or ITU-T Y.4241")
    reply.add_argument("--member-state", required=True, metavar="NAME", help="e.g. Switzerland")
    reply.add_argument(
        "--assigns",
        required=True,
        choices=("yes", "no"),
        help="whether it assigns authority to the study group to consider the text",
    )
    reply.add_argument(
        "--comments",
        action="store_true",
        help="comments are attached (with --assigns no, reasons always are)",
    )
    reply.add_argument(
        "--received",
        metavar="DATE",
        help="YYYY-MM-DD (the start of that day, UTC) or YYYY-MM-DDTHH:MM (UTC unless an "
        "offset such as +02:00 follows); default: now",
    )
    reply.add_argument("--note", default="", help="a note kept with the reply")
    reply.add_argument("--meeting", metavar="CODE", default=argparse.SUPPRESS, help="meeting code")

    importing = sub.add_parser(
        "import",
        help="read TSB letters (.txt) or a meeting file (.json), show what they hold, store it",
        description="Read a collective letter and its circulars (text), or a sg20desk meeting "
        "file (JSON). Everything found is shown first, with warnings; nothing is stored until "
        "you confirm (or give --yes), and then all of it is stored at once.",
    )
    importing.add_argument("files", nargs="+", metavar="FILE", help="the letters, or one .json")
    importing.add_argument(
        "--dry-run", action="store_true", help="show what would be stored, and store nothing"
    )
    importing.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: what was found as JSON, for scripts (see the README)",
    )
    importing.add_argument("--yes", action="store_true", help="store without asking")
    importing.add_argument(
        "--meeting", metavar="CODE", help="the meeting a calendar (.ics) is added to"
    )

    export = sub.add_parser("export", help="write a meeting to a file for other programs")
    export_sub = export.add_subparsers(dest="export_format", metavar="FORMAT", required=True)
    ics = export_sub.add_parser(
        "ics", help="an iCalendar file of the meeting's events and deadlines, with alarms"
    )
    ics.add_argument("--meeting", metavar="CODE", help="meeting code (default: current)")
    ics.add_argument("--mine", action="store_true", help="only the events you attend")
    ics.add_argument("-o", "--output", metavar="FILE", required=True, help="the .ics file")
    exchange = export_sub.add_parser(
        "json",
        help="a sg20desk meeting file, for delegates to import",
        description="Write the whole meeting (events, agenda with its issued revisions, "
        "drafts, deadlines) with stable identifiers, so that importing a later file "
        "updates the meeting instead of copying it. Your notes, attendance, deadline "
        "status, replies and profile are left out unless --personal is given.",
    )
    exchange.add_argument("--meeting", metavar="CODE", help="meeting code (default: current)")
    exchange.add_argument(
        "--personal", action="store_true", help="include your own notes, plans and replies"
    )
    exchange.add_argument("-o", "--output", metavar="FILE", required=True, help="the .json file")

    printing = sub.add_parser(
        "print",
        help="print a report to a PDF file",
        description="Lay out a report of a meeting as a PDF file (A4 unless your setting, "
        "or --paper, says Letter). The file is replaced only once the new one is whole.",
    )
    printing.add_argument(
        "report",
        choices=[report.value for report in Report],
        metavar="REPORT",
        help="agenda (the agenda sheet), book (the chair's book), diff (agenda changes since "
        "a revision), deadlines, drafts (the draft Recommendations), annex2 (the TAP reply "
        "form) or schedule (your sessions)",
    )
    printing.add_argument("--meeting", metavar="CODE", help="meeting code (default: current)")
    printing.add_argument(
        "--since", metavar="REV", help="diff: the revision to compare with (default: the last)"
    )
    printing.add_argument(
        "--paper", choices=("A4", "Letter", "a4", "letter"), help="paper size for this report"
    )
    printing.add_argument("-o", "--output", metavar="FILE", required=True, help="the .pdf file")
    return parser


def cmd_print(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    with _collector_paused():
        return _print(store, args, out)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one report.

    The start (``sg20desk.__main__``) holds it only while the program's own modules load;
    the print command then loads ReportLab and lays the report out, and the collector's
    passes over those objects cost it 35-45 ms and free nothing it needs: the report is
    laid out once and the process ends. Reference counting still frees what it can.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _print(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from sg20desk.actions import printing, queries
    from sg20desk.reports.render import PageSize, render

    target = Path(args.output)
    if target.is_dir():
        raise CommandError(f"{target}: is a folder; give a file name such as agenda.pdf")
    if not target.parent.is_dir():
        raise CommandError(f"{target}: the folder {target.parent} does not exist")
    moment = clock()
    with store.read() as connection:
        meeting = queries.meeting(connection, args.meeting, moment.date())
        request = printing.Request(Report(args.report), meeting.id, before=args.since)
        document = printing.prepare(connection, request, moment)
        size = PageSize.of(args.paper) if args.paper else printing.page_size(connection)
    pages = [0]

    def heard(_done: int, _total: int, count: int) -> None:
        pages[0] = count

    pdf = render(document, printed_at=moment, page_size=size, progress=heard)
    paths.write_atomically(target, pdf)
    label = Report(args.report).label
    out.write(f"{target}: {label} of {meeting.code}, {pages[0]} pages, {size.value}\n")
    return EXIT_OK


def cmd_export(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from sg20desk.actions import queries

    now = datetime.now(UTC)
    target = Path(args.output)
    if target.is_dir():
        raise CommandError(
            f"{target}: is a folder; give a file name such as meeting.{args.export_format}"
        )
    if args.export_format == "json":
        from sg20desk.actions.exporting import export_json

        with store.read() as connection:
            meeting = queries.meeting(connection, args.meeting, now.date())
            data = export_json(connection, meeting.id, personal=args.personal)
        paths.write_atomically(target, data)
        which = "with your own data" if args.personal else "without your own data"
        out.write(f"{target}: {meeting.code}, {len(data) // 1024 + 1} kB ({which})\n")
        return EXIT_OK
    from sg20desk.actions.calendar import export_calendar

    with store.read() as connection:
        meeting = queries.meeting(connection, args.meeting, now.date())
        count = export_calendar(connection, meeting.id, target, mine=args.mine, stamp=now)
    which = "your events and the deadlines" if args.mine else "events and deadlines"
    out.write(f"{target}: {count} entries of {meeting.code} ({which})\n")
    return EXIT_OK


def cmd_import(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    import json

    from sg20desk.actions import importing

    with store.read() as connection:
        found = importing.preview(
            connection, [Path(name) for name in args.files], meeting=args.meeting
        )
    if args.format == "json":
        out.write(json.dumps(found.as_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write("\n".join(importing.describe(found)) + "\n")
    if args.dry_run:
        if args.format == "text":
            out.write(f"dry run: nothing stored (importing {found.summary()})\n")
        return EXIT_OK
    if found.existing and not found.plan.rows:
        out.write(found.summary() + "\n")
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError("nothing stored: add --yes to import without being asked")
        out.write(f"{'Update' if found.existing else 'Store'} {found.code}? [y/N] ")
        out.flush()
        if input().strip().casefold() not in ("y", "yes"):
            out.write("nothing stored\n")
            return EXIT_OK
    importing.apply(History(store), found)
    out.write(found.summary(done=True) + "\n")
    return EXIT_OK


def cmd_info(store: Store, _args: argparse.Namespace, out: TextIO) -> int:
    from sg20desk.actions import queries

    with store.read() as connection:
        counts = queries.counts(connection)
        rows = queries.meetings(connection)
    out.write(f"sg20desk {__version__}\n")
    out.write(f"store: {store.path}\n")
    out.write(f"schema revision: {schema_revision(store)}\n")
    for name, count in counts.items():
        out.write(f"{name}: {count}\n")
    for row in rows:
        out.write(f"meeting {row.code}: {row.title}, {format_days(row.first_day, row.last_day)}\n")
    return EXIT_OK


def cmd_check(store: Store, _args: argparse.Namespace, out: TextIO) -> int:
    problems = quick_check(store)
    if problems:
        for problem in problems:
            sys.stderr.write(f"sg20desk: {store.path}: {problem}\n")
        return EXIT_FAILED
    out.write(f"{store.path}: sound (integrity, foreign keys, schema {migrate.SCHEMA_HEAD})\n")
    return EXIT_OK


def cmd_agenda(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    if args.agenda_command == "diff":
        return cmd_agenda_diff(store, args, out)
    return cmd_agenda_show(store, args, out)


def cmd_agenda_diff(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from sg20desk.actions import queries

    with store.read() as connection:
        meeting = queries.meeting(connection, args.meeting, datetime.now(UTC).date())
        changes = queries.compare_versions(connection, meeting.id, args.rev_a, args.rev_b)
    out.write(f"{meeting.code}: agenda {args.rev_a} → {args.rev_b}\n")
    if not changes:
        out.write("no changes\n")
    for change in changes:
        out.write(f"  {change.describe()}\n")
    return EXIT_OK


def cmd_agenda_show(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from sg20desk.actions import queries

    now = datetime.now(UTC)
    with store.read() as connection:
        meeting = queries.meeting(connection, args.meeting, now.date())
        rows = queries.agenda(connection, meeting.id)
    out.write(f"{meeting.code}: {meeting.title}\n")
    for row in rows:
        indent = "  " * row.depth
        label = row.label
        docs = f"  [{', '.join(row.documents)}]" if row.documents else ""
        out.write(f"{indent}{label} {row.title}{docs}\n")
    return EXIT_OK


def _zone_option(name: str | None) -> str | None:
    if name is not None:
        try:
            zone(name)
        except UnknownZoneError as exc:
            raise CommandError(f"--tz: {exc}") from exc
    return name


def cmd_deadlines(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from sg20desk.actions import queries

    now = datetime.now(UTC)
    with store.read() as connection:
        meeting = queries.meeting(connection, args.meeting, now.date())
        rows = queries.deadlines(connection, meeting.id)
        mine = _zone_option(args.tz) or preferences.user_zone(connection)
    home = meeting.timezone
    out.write(f"Deadlines of {meeting.code}, times in {zone_label(home)}")
    out.write(f" and in {mine}\n" if mine != home else "\n")
    for row in rows:
        out.write(f"\n{row.title}\n")
        if row.due is None:
            out.write(f"  due: {row.due_text(home, home)}\n")
        else:
            out.write(f"  {zone_label(home)}: {row.due_text(home, home)}\n")
            if mine != home:
                out.write(f"  {mine}: {row.due_text(mine, home)}\n")
            if row.timezone not in (home, mine):
                out.write(f"  as stated: {row.due_text(row.timezone, home)}\n")
            left = row.time_left(now)
            out.write(f"  status: {row.status_label}{'; ' + left if left else ''}\n")
        if row.source_text:
            out.write(f"  source: {row.source_text}\n")
    return EXIT_OK


def cmd_drafts(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from sg20desk.actions import drafts, queries
    from sg20desk.rules.procedures import milestone_when, stage_label

    if args.drafts_command == "reply":
        return cmd_drafts_reply(store, args, out)
    moment = clock()
    with store.read() as connection:
        meeting = queries.meeting(connection, args.meeting, moment.date())
        rows = drafts.standings(connection, meeting.id, moment.date())
        mine = _zone_option(args.tz) or preferences.user_zone(connection)
    home = meeting.timezone
    out.write(f"Draft Recommendations of {meeting.code}, times in {zone_label(home)}\n")
    if not rows:
        out.write("no drafts\n")
    for row in rows:
        draft = row.draft
        out.write(f"\n{draft.heading}  {draft.procedure} · {stage_label(draft.stage)}\n")
        out.write(f"  {draft.title}\n")
        step = row.next
        if step is None:
            past = [m for m in row.milestones if m.expected]
            last = f" (the last: {past[-1].label} {milestone_when(past[-1], home)})" if past else ""
            out.write(f"  next: no date ahead{last}\n")
        else:
            when = milestone_when(step, home)
            if step.at is not None and mine != home:
                when += f" = {milestone_when(step, mine)}"
            if step.at is not None and row.consultation_open:
                when += f"; {format_time_left(step.at - moment)}"
            out.write(f"  next: {step.label}: {when}\n")
        if row.tally is not None:
            out.write(f"  tally: {row.tally.describe()}\n")
            late = [r.member_state for r in row.received if row.is_late(r)]
            if late:
                out.write(f"  late, kept but not counted: {', '.join(late)}\n")
        if row.consulted:
            choice = row.own_choice
            out.write(f"  your reply: {choice.label if choice else 'open'}\n")
    return EXIT_OK


def _received(text: str | None) -> datetime:
    """``--received``: a date (its start) or a date and time, in UTC unless an offset is given."""
    if text is None:
        return clock()
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"--received: {text!r} is not a date such as 2026-04-20 or 2026-04-20T14:30"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def cmd_drafts_reply(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    from sg20desk.actions import drafts, queries
    from sg20desk.exchange.reference import known_member_state
    from sg20desk.rules.procedures import is_late

    received = _received(args.received)
    today = clock().date()
    with store.read() as connection:
        meeting = queries.meeting(connection, getattr(args, "meeting", None), today)
        rows = [s.draft for s in drafts.standings(connection, meeting.id, today)]
    target = drafts.find_draft(rows, args.designation)
    assigns = args.assigns == "yes"
    History(store).do(
        drafts.record_reply(
            target.id,
            args.member_state,
            assigns=assigns,
            attachment=args.comments,
            received_at=received,
            note=args.note,
        )
    )
    with store.read() as connection:
        after = {s.draft.id: s for s in drafts.standings(connection, meeting.id, today)}[target.id]
    state = known_member_state(args.member_state)
    if state is None:
        out.write(
            f"note: {args.member_state.strip()!r} is not in the list of Member States; "
            "recorded as typed\n"
        )
        state = " ".join(args.member_state.split())
    verb = "assigns authority" if assigns else "does not assign authority"
    out.write(f"{target.designation}: {state} {verb}, received {format_instant(received, 'UTC')}\n")
    if after.close is not None and is_late(received, after.close):
        out.write(f"  after the close ({format_instant(after.close, 'UTC')}): kept, not counted\n")
    if after.tally is not None:
        out.write(f"  tally: {after.tally.describe()}\n")
    return EXIT_OK


COMMANDS: dict[str, Callable[[Store, argparse.Namespace, TextIO], int]] = {
    "drafts": cmd_drafts,
    "info": cmd_info,
    "check": cmd_check,
    "agenda": cmd_agenda,
    "deadlines": cmd_deadlines,
    "export": cmd_export,
    "import": cmd_import,
    "print": cmd_print,
}


def _store_location(args: argparse.Namespace, stack: ExitStack) -> Path:
    if args.demo:
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="sg20desk-demo-"))
        stack.callback(shutil.rmtree, folder, True)
        return folder / paths.STORE_FILENAME
    return paths.store_path(args.db)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with ExitStack() as stack:
            location = _store_location(args, stack)
            if args.command is None:
                from sg20desk.ui.app import run_window  # Qt only when a window is wanted

                code: int = run_window(location, smoke=args.smoke)
                return code
            store = open_workspace(location)
            stack.callback(store.close)
            return COMMANDS[args.command](store, args, sys.stdout)
    except (StoreError, CommandError, ActionError) as exc:  # queries.NotFoundError too
        sys.stderr.write(f"sg20desk: error: {exc}\n")
        return EXIT_FAILED
    except BrokenPipeError:  # the reader (``| head``) has gone: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("sg20desk: interrupted\n")
        return 130
    except OSError as exc:
        sys.stderr.write(f"sg20desk: error: {exc.strerror or exc}: {exc.filename or ''}\n")
        return EXIT_FAILED
