"""The built-in meeting holds what Collective letter 3/20 and Circular 106 say."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from sg20desk.actions import queries
from sg20desk.actions.workspace import open_workspace
from sg20desk.db import models as m
from sg20desk.db.store import Store
from sg20desk.rules.timezones import GENEVA, format_instant
from tests.conftest import CIRCULAR, LETTER, seed_text

MAY = date(2026, 5, 1)


def agenda_rows(store: Store) -> list[queries.AgendaRow]:
    with store.read() as session:
        meeting = queries.meeting(session, "SG20-2026-05", MAY)
        return queries.agenda(session, meeting.id)


def test_agenda_has_every_item_of_annex_b_in_order(store: Store) -> None:
    rows = agenda_rows(store)
    top = [r for r in rows if r.depth == 0]
    subs = [r for r in rows if r.depth > 0 and r.numbered]
    lines = [r for r in rows if not r.numbered]
    assert [r.number for r in top] == [str(n) for n in range(1, 25)]
    assert [r.number for r in subs] == (
        [f"7.{n}" for n in range(1, 11)]
        + ["8.1", "8.2", "8.2.1", "8.2.2", "8.2.3", "8.3", "9.1"]
        + [f"13.{n}" for n in range(1, 6)]
        + ["14.1", "14.2"]
        + [f"16.{n}" for n in range(1, 5)]
        + ["19.1", "22.1", "22.2"]
    )
    assert len(subs) == 31
    parent = {r.id: r for r in rows}
    assert [r.title for r in lines] == [
        "Approval of new work items",
        "Consent of Recommendations",
        "Determination of Recommendations",
        "Agreement of informative texts",
        "Deletion of Recommendations",
    ]
    assert {parent[r.parent_id].number for r in lines if r.parent_id} == {"19.1"}
    by_number = {r.number: r for r in rows if r.number}
    assert by_number["7.10"].title == (
        "ITU-T Y.4244 (ex Y.EPWS-fc) Functional capabilities to support Internet of things "
        "(IoT)-based electric power worksite operation services"
    )
    assert by_number["7.10"].draft_designation == "ITU-T Y.4244"
    assert by_number["7.4"].draft_designation == "ITU-T Y.4420"


def test_agenda_titles_match_the_letter(store: Store) -> None:
    annex = seed_text(LETTER).split("ANNEX B", 1)[1]
    stated = dict(re.findall(r"\n\t(\d+(?:\.\d+)*)\n\t([^\n]+)", annex))
    assert len(stated) == 55
    by_number = {r.number: r.title for r in agenda_rows(store) if r.number}
    for number, title in stated.items():
        assert by_number[number] == title.strip().removeprefix("- "), number


def test_ten_drafts_as_in_circular_106(store: Store) -> None:
    circular = seed_text(CIRCULAR).split("ANNEX 1", 1)[1].split("ANNEX 2", 1)[0]
    heads = re.findall(
        r"\d+\tDraft (new|revised) Recommendation (ITU-T Y\.\d+)(?: \(ex ([^)]+)\))? "
        r"\((SG20-R\d+)\)\n([^\n]+)\nSummary\n([^\n]+)",
        circular,
    )
    assert len(heads) == 10
    with store.read() as session:
        meeting = queries.meeting(session, "SG20-2026-05", MAY)
        drafts = {d.designation: d for d in queries.drafts(session, meeting.id)}
    assert [d.report_number for d in drafts.values()] == [f"SG20-R{n}" for n in range(12, 22)]
    for kind, designation, former, report, title, first_paragraph in heads:
        draft = drafts[designation]
        assert draft.is_new == (kind == "new")
        assert draft.former_name == (former or "")
        assert draft.report_number == report
        assert draft.title == title.strip()
        # the reader writes the circular's non-breaking hyphens as plain ones
        assert draft.summary.startswith(first_paragraph.strip().replace("\u2011", "-"))
        assert draft.procedure == "TAP"
        assert draft.threshold_percent == 70
        assert draft.consultation_deadline == datetime(2026, 4, 30, 23, 59, tzinfo=UTC)
        assert ("IPR statement" in draft.ipr_statements) == (designation == "ITU-T Y.4420")
        assert draft.agenda_number is not None and draft.agenda_number.startswith("7.")


def test_events_at_their_geneva_times(store: Store) -> None:
    with store.read() as session:
        meeting = queries.meeting(session, "SG20-2026-05", MAY)
        events = {e.title: e for e in queries.events(session, meeting.id)}

    def geneva(title_part: str) -> tuple[str, str | None, bool, bool]:
        (event,) = [e for t, e in events.items() if title_part in t]
        assert event.starts_at is not None
        end = format_instant(event.ends_at, GENEVA) if event.ends_at else None
        return (
            format_instant(event.starts_at, GENEVA),
            end,
            event.virtual,
            event.registration_required,
        )

    assert geneva("BSG") == (
        "Mon 2 March 2026 12:00 CET",
        "Mon 2 March 2026 14:00 CET",
        True,
        False,
    )
    assert geneva("Newcomers") == (
        "Thu 7 May 2026 12:30 CEST",
        "Thu 7 May 2026 14:00 CEST",
        True,
        False,
    )
    assert geneva("JCA-MV") == (
        "Wed 13 May 2026 08:30 CEST",
        "Wed 13 May 2026 10:30 CEST",
        False,
        True,
    )
    assert geneva("JCA-IoT") == (
        "Thu 14 May 2026 13:00 CEST",
        "Thu 14 May 2026 14:30 CEST",
        False,
        True,
    )
    assert geneva("opening plenary")[0] == "Tue 12 May 2026 15:30 CEST"
    assert geneva("registration")[0] == "Tue 12 May 2026 08:30 CEST"
    worlds = next(e for t, e in events.items() if "Virtual Worlds Day" in t)
    assert (worlds.first_day, worlds.last_day) == (date(2026, 5, 11), date(2026, 5, 12))
    citiverse = next(e for t, e in events.items() if "Citiverse" in t)
    assert (citiverse.first_day, citiverse.last_day) == (date(2026, 5, 12), date(2026, 5, 12))


def test_key_and_relative_deadlines(store: Store) -> None:
    with store.read() as session:
        meeting = queries.meeting(session, "SG20-2026-05", MAY)
        rows = queries.deadlines(session, meeting.id)
    printed = sorted({r.due_date for r in rows if r.due_date})
    assert printed == [date(2026, 3, 13), date(2026, 3, 31), date(2026, 4, 10), date(2026, 4, 29)]
    (form,) = [r for r in rows if "Annex 2" in r.title]
    assert format_instant(form.due, GENEVA) == "Fri 1 May 2026 01:59 CEST"  # type: ignore[arg-type]
    rules = {r.title.split(" (")[0]: r.rule.describe() for r in rows if r.rule}
    assert rules == {
        "Submit requests for real-time captioning": "2 months before the meeting",
        "Pre-registration": "1 month before the meeting",
        "Submit requests for visa support letters": "1 month before the meeting",
        "Request interactive remote participation for a session": "24 hours before the session",
    }
    # the printed date is kept; the rule says what it would give
    captioning = next(r for r in rows if "captioning" in r.title)
    assert (captioning.due_date, captioning.rule_date) == (date(2026, 3, 13), date(2026, 3, 12))


def test_loaded_once_even_after_the_user_deletes_it(store: Store) -> None:
    with store.write() as session:
        session.delete(session.scalars(select(m.Meeting)).one())
    store.close()
    reopened = open_workspace(store.path)
    try:
        with reopened.session() as session:
            assert session.scalar(select(func.count()).select_from(m.Meeting)) == 0
    finally:
        reopened.close()


def test_the_builtin_file_is_what_the_letter_reader_makes_of_the_seeds() -> None:
    """One source of truth: scripts/regenerate_builtin.py writes the file from the seeds."""
    from sg20desk.exchange.builtin import builtin_text, document_from_letters, dump
    from tests.conftest import SEEDS

    seed_text(LETTER)  # skips when the seeds are not beside the repository
    document, warnings = document_from_letters(SEEDS)
    assert dump(document) == builtin_text(), "run scripts/regenerate_builtin.py"
    # the one disagreement between the two letters, kept as the circular states it
    assert [w.line for w in warnings] == [47]
