"""Correcting a letter's reading before it is stored: facts left out, values corrected and
deadlines added, kept in the store with the import, applied again to the same letter, and
dropped with a note when a reissued letter says something else."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from sg20desk.actions import corrections as review
from sg20desk.actions import importing, preferences, queries
from sg20desk.actions.agenda_rows import agenda
from sg20desk.actions.corrections import Correction, CorrectionError
from sg20desk.actions.history import History
from sg20desk.db import schema
from sg20desk.db.store import Store

LETTERS = Path(__file__).parent / "data" / "letters"
LETTER = LETTERS / "sg13-collective-letter.txt"
CIRCULAR = LETTERS / "sg13-circular.txt"
FILES = [LETTER, CIRCULAR]
CODE = "SG13-2027-10"
KEY = "import.corrections.SG13-2027-10"


def _preview(store: Store, files: list[Path] = FILES, **given: Any) -> importing.Preview:
    with store.read() as connection:
        return importing.preview(connection, files, **given)


def _revise(store: Store, found: importing.Preview, made: list[Correction]) -> importing.Preview:
    with store.read() as connection:
        return importing.revise(connection, found, made)


def _id(found: importing.Preview, kind: str, title: str) -> str:
    return next(
        str(f["id"])
        for (k, _), f in review.facts(found.letter).items()
        if k == kind and f.get("title", f.get("designation")) == title
    )


def _deadlines(store: Store) -> dict[str, queries.DeadlineRow]:
    with store.read() as connection:
        meeting = queries.meeting(connection, CODE, date(2027, 1, 1))
        return {d.title: d for d in queries.deadlines(connection, meeting.id)}


def _events(store: Store) -> dict[str, queries.EventRow]:
    with store.read() as connection:
        meeting = queries.meeting(connection, CODE, date(2027, 1, 1))
        return {e.title: e for e in queries.events(connection, meeting.id)}


def _stored_corrections(store: Store) -> str | None:
    with store.read() as connection:
        return preferences.setting(connection, KEY)


def _codes(store: Store) -> list[str]:
    with store.read() as connection:
        return [m.code for m in queries.meetings(connection)]


def _reviewed(store: Store) -> tuple[importing.Preview, list[Correction]]:
    """The SG13 letters with a deadline and an event left out, a due date and a title
    corrected and a deadline added."""
    found = _preview(store)
    letter, shown = found.letter, found.document
    made = [
        review.leave_out(
            letter, "deadline", _id(found, "deadline", "Pre-register for the meeting")
        ),
        review.leave_out(letter, "event", _id(found, "event", "Future Networks Workshop")),
        review.correct(
            letter,
            shown,
            "deadline",
            _id(found, "deadline", "Submit contributions for which translation is requested"),
            "due",
            "13 March 2026",
        ),
        review.correct(
            letter,
            shown,
            "deadline",
            _id(found, "deadline", "Submit ITU-T Member contributions"),
            "title",
            "Submit Member contributions",
        ),
        review.add_deadline(shown, "Request a visa letter", "six weeks before"),
    ]
    return _revise(store, found, made), made


def test_corrections_change_what_is_stored_and_nothing_else(store: Store) -> None:
    found, made = _reviewed(store)
    assert (
        found.summary() == "stores SG13-2027-10: 3 events, 5 deadlines, 10 agenda items, 2 drafts"
    )
    assert found.corrections == made and found.notes == []
    assert CODE not in _codes(store)  # previewing stores nothing

    step = importing.apply(History(store), found)
    assert step is not None and step.name == "Import SG13-2027-10"
    deadlines = _deadlines(store)
    assert sorted(deadlines) == [
        "Request a visa letter",
        "Request interactive remote participation for a session",
        "Return the Annex 2 reply form of TSB Circular 241 (2 draft Recommendations)",
        "Submit Member contributions",
        "Submit contributions for which translation is requested",
    ]
    translation = deadlines["Submit contributions for which translation is requested"]
    assert translation.due_date == date(2026, 3, 13) and translation.rule is None
    assert translation.source_text.startswith(
        "13 March 2026 (your correction; the letter: 6 August"
    )
    assert deadlines["Submit Member contributions"].due_date == date(2027, 9, 24)
    visa = deadlines["Request a visa letter"]
    assert (visa.rule.amount, visa.rule.unit.value) == (6, "weeks")  # type: ignore[union-attr]
    assert visa.rule_date == date(2027, 8, 25) and visa.origin == "letter"
    assert "Future Networks Workshop" not in _events(store)
    assert sorted(_events(store)) == [
        "SG13 Newcomers session",
        "SG13 opening plenary",
        "SG13 participant registration opens",
    ]


def test_an_unreadable_phrase_is_refused_with_the_reason_and_nothing_is_stored(
    store: Store,
) -> None:
    found = _preview(store)
    deadline = _id(found, "deadline", "Submit ITU-T Member contributions")
    event = _id(found, "event", "SG13 Newcomers session")
    refused = {
        "sometime in September": "Due: not a date, time or rule that sg20desk can read: "
        "'sometime in September'",
        "04/05/2026": "Due: 04/05/2026 could be 4 May or 5 April 2026; write the month as a "
        "word: '04/05/2026'",
        "on 5 October 2027 from 1000 to 1200 hours": "Due: that is a span of time; a deadline "
        "needs one day or moment",
        "1200 hours": "Due: a time needs a date, such as 1200 hours on 3 March 2026",
        "48 hours before the session": "Due: 48 hours before the session needs a session; "
        "give a date or a rule counted from the meeting",
    }
    for typed, reason in refused.items():
        with pytest.raises(CorrectionError) as caught:
            review.correct(found.letter, found.document, "deadline", deadline, "due", typed)
        assert str(caught.value) == reason
    with pytest.raises(CorrectionError, match=r"^Title: say what it is"):
        review.correct(found.letter, found.document, "event", event, "title", "   ")
    with pytest.raises(CorrectionError, match=r"^Deadline: say what it is"):
        review.add_deadline(found.document, "", "13 March 2026")
    with pytest.raises(CorrectionError, match=r"^Time: an event needs a day or a time"):
        review.correct(found.letter, found.document, "event", event, "when", "six weeks before")
    with pytest.raises(CorrectionError, match=r"^Zone: unknown time zone 'Mars/Olympus'"):
        review.correct(
            found.letter,
            found.document,
            "meeting",
            str(found.letter["meeting"]["id"]),
            "timezone",
            "Mars/Olympus",
        )
    assert CODE not in _codes(store) and _stored_corrections(store) is None


def test_the_same_letter_imported_again_keeps_the_corrections(store: Store) -> None:
    found, made = _reviewed(store)
    history = History(store)
    importing.apply(history, found)
    assert review.loads(_stored_corrections(store) or "", KEY) == made

    again = _preview(store)  # the store's corrections, applied without being asked
    assert again.corrections == made and again.notes == []
    assert again.nothing_to_store
    assert again.summary() == "SG13-2027-10 is already as these files give it: nothing to change"
    assert importing.apply(history, again) is None
    assert _deadlines(store)[
        "Submit contributions for which translation is requested"
    ].due_date == date(2026, 3, 13)
    assert "Future Networks Workshop" not in _events(store)
    text = "\n".join(importing.describe(again))
    assert "your corrections (5):" in text
    assert '  deadline "Pre-register for the meeting": left out' in text

    # taking a fact in again is a change the next import stores, corrections and all
    workshop = _id(again, "event", "Future Networks Workshop")
    fewer = review.without(again.corrections, "event", workshop, "omit")
    taken_in = _revise(store, again, fewer)
    assert taken_in.summary() == "updates SG13-2027-10: 1 added"
    importing.apply(history, taken_in)
    assert "Future Networks Workshop" in _events(store)
    assert review.loads(_stored_corrections(store) or "", KEY) == fewer


def test_a_reissued_letter_that_changes_a_corrected_fact_wins_and_says_so(
    store: Store, tmp_path: Path
) -> None:
    found = _preview(store)
    member = _id(found, "deadline", "Submit ITU-T Member contributions")
    pre = _id(found, "deadline", "Pre-register for the meeting")
    made = [
        review.correct(
            found.letter, found.document, "deadline", member, "due", "20 September 2027"
        ),
        review.leave_out(found.letter, "deadline", pre),
    ]
    history = History(store)
    importing.apply(history, _revise(store, found, made))
    assert _deadlines(store)["Submit ITU-T Member contributions"].due_date == date(2027, 9, 20)

    reissued = tmp_path / "sg13-collective-letter.txt"
    text = LETTER.read_text("utf-8")
    assert text.count("\t24 September 2027\n") == 1
    reissued.write_text(text.replace("\t24 September 2027\n", "\t1 October 2027\n"), "utf-8")
    again = _preview(store, [reissued, CIRCULAR])
    assert [str(n) for n in again.notes] == [
        "the letter now gives Fri 1 October 2027, end of day (23:59 EAT) for the due date of "
        'the deadline "Submit ITU-T Member contributions"; your correction (Mon 20 September '
        "2027, end of day (23:59 EAT)) is dropped"
    ]
    assert again.corrections == [made[1]]  # the fact left out, unchanged, stays out
    assert "notes on your corrections (1):" in "\n".join(importing.describe(again))
    importing.apply(history, again)
    deadlines = _deadlines(store)
    assert deadlines["Submit ITU-T Member contributions"].due_date == date(2027, 10, 1)
    assert "Pre-register for the meeting" not in deadlines
    assert review.loads(_stored_corrections(store) or "", KEY) == [made[1]]
    assert _preview(store, [reissued, CIRCULAR]).notes == []  # said once, then gone


def test_a_fact_the_reissued_letter_no_longer_gives_drops_its_correction(
    store: Store, tmp_path: Path
) -> None:
    found = _preview(store)
    workshop = _id(found, "event", "Future Networks Workshop")
    made = [review.correct(found.letter, found.document, "event", workshop, "title", "FN Workshop")]
    importing.apply(History(store), _revise(store, found, made))
    assert "FN Workshop" in _events(store)

    reissued = tmp_path / "sg13-collective-letter.txt"
    lines = LETTER.read_text("utf-8").splitlines(keepends=True)
    reissued.write_text(
        "".join(line for line in lines if "Future Networks Workshop" not in line), "utf-8"
    )
    again = _preview(store, [reissued, CIRCULAR])
    assert [str(n) for n in again.notes] == [
        'the letter no longer gives the event "Future Networks Workshop"; your correction '
        '("FN Workshop") is dropped'
    ]
    assert again.corrections == []
    assert [str(c) for c in again.plan.changes] == ["- event 'FN Workshop'"]


def test_undo_of_the_import_takes_the_corrections_back(store: Store) -> None:
    found, made = _reviewed(store)
    history = History(store)
    importing.apply(history, found)
    assert _stored_corrections(store) is not None
    history.undo()
    assert CODE not in _codes(store) and _stored_corrections(store) is None
    history.redo()
    assert review.loads(_stored_corrections(store) or "", KEY) == made

    # an update's undo brings the corrections back as they were before it
    again = _preview(store)
    fewer = made[1:]
    importing.apply(history, _revise(store, again, fewer))
    assert review.loads(_stored_corrections(store) or "", KEY) == fewer
    assert "Pre-register for the meeting" in _deadlines(store)
    assert history.undo_name == "Update SG13-2027-10"
    history.undo()
    assert review.loads(_stored_corrections(store) or "", KEY) == made
    assert "Pre-register for the meeting" not in _deadlines(store)


def test_a_change_of_the_stored_corrections_since_the_preview_stores_nothing(store: Store) -> None:
    found, _made = _reviewed(store)
    with store.transaction() as connection:
        connection.execute(insert(schema.setting).values(key=KEY, value=review.dumps([])))
    with pytest.raises(importing.ActionError, match="changed in the store since the preview"):
        importing.apply(History(store), found)
    assert CODE not in _codes(store)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("{not json", "line 1: not valid JSON"),
        ('{"format": "something else"}', "not sg20desk's import corrections"),
        (
            json.dumps(
                {
                    "format": review.FORMAT,
                    "format_version": 1,
                    "corrections": [{"kind": "event", "fact": "x", "field": "omit"}],
                }
            ),
            "corrections[0].fact: not an identifier: 'x'",
        ),
        (
            json.dumps(
                {
                    "format": review.FORMAT,
                    "format_version": 1,
                    "corrections": [
                        {
                            "kind": "draft",
                            "fact": "5a9418b0-0204-5a5c-a0b5-3de4a1e3c9cc",
                            "field": "title",
                            "read": "",
                            "value": "x",
                        }
                    ],
                }
            ),
            "corrections[0].field: a draft has no correction 'title'",
        ),
    ],
)
def test_damaged_stored_corrections_are_one_warning_and_ignored(
    store: Store, value: str, said: str
) -> None:
    with store.transaction() as connection:
        connection.execute(insert(schema.setting).values(key=KEY, value=value))
    found = _preview(store)
    assert found.corrections == [] and len(found.notes) == 1
    note = str(found.notes[0])
    assert note.startswith("your earlier corrections could not be read and are ignored (")
    assert f"{KEY}: " in note and said in note
    assert found.summary().startswith("stores SG13-2027-10: 4 events, 5 deadlines")
    importing.apply(History(store), found)  # the damaged value is left as it was
    assert _stored_corrections(store) == value


def test_a_due_with_a_wrong_date_in_the_store_is_refused_on_load() -> None:
    entry = {
        "kind": "deadline",
        "fact": "0be77cf1-5caf-529b-8829-992beb02cbc0",
        "field": "due",
        "read": {},
        "value": {"due_at": None, "due_date": "2027-13-45", "timezone": "UTC", "rule": None},
    }
    text = json.dumps({"format": review.FORMAT, "format_version": 1, "corrections": [entry]})
    with pytest.raises(CorrectionError) as caught:
        review.loads(text, KEY)
    assert str(caught.value) == (
        f"{KEY}: corrections[0].value.due_date: not a date (YYYY-MM-DD): '2027-13-45'"
    )


def test_an_agenda_item_left_out_goes_with_its_sub_items_and_the_rest_is_renumbered(
    store: Store,
) -> None:
    found = _preview(store)
    made = [
        review.leave_out(
            found.letter, "agenda", _id(found, "agenda", "Documents and contributions")
        )
    ]
    importing.apply(History(store), _revise(store, found, made))
    with store.read() as connection:
        meeting = queries.meeting(connection, CODE, date(2027, 1, 1))
        rows = agenda(connection, meeting.id)
    assert [(r.number, r.title) for r in rows] == [
        ("1", "Opening of the meeting"),
        ("2", "Approval of the agenda"),
        ("3", "Any other business"),
        ("4", "Closure"),
    ]


def test_a_draft_left_out_is_unlinked_from_the_agenda() -> None:
    document: dict[str, Any] = {
        "meeting": {"id": "af23f859-c144-5b1a-be45-997477a3d6dc", "timezone": "UTC"},
        "drafts": [{"id": "5a9418b0-0204-5a5c-a0b5-3de4a1e3c9cc", "designation": "ITU-T Y.3210"}],
        "agenda": [
            {
                "id": "a2f0b70c-489e-5454-834e-1ce32bf6dd5f",
                "title": "Y.3210",
                "numbered": True,
                "number": "1",
                "draft": "ITU-T Y.3210",
                "children": [],
            }
        ],
    }
    made = review.leave_out(document, "draft", "5a9418b0-0204-5a5c-a0b5-3de4a1e3c9cc")
    corrected, notes = review.apply_corrections(document, [made])
    assert corrected["drafts"] == [] and "draft" not in corrected["agenda"][0] and notes == []
    assert document["drafts"] and document["agenda"][0]["draft"] == "ITU-T Y.3210"  # as read


def test_the_meetings_zone_corrected_moves_the_times_the_letter_gave_in_it(store: Store) -> None:
    found = _preview(store)
    meeting = str(found.letter["meeting"]["id"])
    made = [review.correct(found.letter, found.document, "meeting", meeting, "timezone", "Geneva")]
    assert made[0].value == "Europe/Zurich"
    importing.apply(History(store), _revise(store, found, made))
    events = _events(store)
    workshop = events["Future Networks Workshop"]
    assert workshop.timezone == "Europe/Zurich"
    assert workshop.starts_at == datetime.fromisoformat("2027-10-05T07:00+00:00")  # 09:00 CEST
    reply = _deadlines(store)[
        "Return the Annex 2 reply form of TSB Circular 241 (2 draft Recommendations)"
    ]
    assert reply.timezone == "UTC"  # stated in UTC, not in the meeting's zone


def test_an_events_time_corrected_keeps_its_day_and_length(store: Store) -> None:
    found = _preview(store)
    newcomers = _id(found, "event", "SG13 Newcomers session")
    made = review.correct(found.letter, found.document, "event", newcomers, "when", "1000 hours")
    assert review.when_text(made.value) == "Tue 28 Sep 10:00-11:30 EAT"
    moved = review.correct(
        found.letter, found.document, "event", newcomers, "when", "30 September 2027"
    )
    assert review.when_text(moved.value) == "Thu 30 Sep 13:00-14:30 EAT"


def test_the_phrase_an_edit_starts_from_reads_back_as_the_letter_gave_it(store: Store) -> None:
    """Opening an edit and accepting it unchanged must not make a correction."""
    found = _preview(store)
    zone = str(found.document["meeting"]["timezone"])
    for (kind, fact_id), fact in review.facts(found.letter).items():
        if kind == "deadline":
            phrase = review.due_phrase(fact, zone)
            made = review.correct(found.letter, found.document, kind, fact_id, "due", phrase)
        elif kind == "event":
            phrase = review.when_phrase(fact)
            made = review.correct(found.letter, found.document, kind, fact_id, "when", phrase)
        else:
            continue
        assert made.value == made.read, phrase
        assert review.revised([], made) == []


def test_the_dry_run_names_where_each_deadline_was_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from sg20desk.cli import main

    assert main(["--db", str(tmp_path / "s.sqlite3"), "import", *map(str, FILES), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert (
        "  Fri 6 August 2027, end of day (23:59 EAT): Submit contributions for which "
        "translation is requested — key deadlines, line 16\n"
    ) in out
    assert (
        "(4 weeks before the meeting): Pre-register for the meeting — Annex A, line 28\n"
    ) in out
    assert "(2 draft Recommendations) — TSB Circular 241, line 12\n" in out


def test_a_zone_is_corrected_by_any_place_the_letters_reader_knows() -> None:
    """The correction and the letter reader find a place's zone the same way: the table of
    cities, a zone named after the city, or the country that keeps one time."""
    assert review.zone_named("Hangzhou") == "Asia/Shanghai"  # the table
    assert review.zone_named("Nairobi") == "Africa/Nairobi"  # a zone's own city
    assert review.zone_named("Xiamen, China") == "Asia/Shanghai"  # the country's
