"""Importing a newer letter into a meeting already stored: the preview lists what changes,
the update keeps what the user made their own, and it is one step to undo."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sg20desk.actions import attendance, deadlines, drafts, exporting, importing, queries
from sg20desk.actions.agenda import Where, edit_item, insert_item, issue_revision
from sg20desk.actions.agenda_rows import agenda as agenda_of
from sg20desk.actions.history import ActionError, History
from sg20desk.actions.workspace import open_workspace
from sg20desk.db import schema
from sg20desk.db.store import Store
from sg20desk.rules.procedures import ReplyChoice, Stage

LETTERS = Path(__file__).parent / "data" / "letters"
CODE = "SG13-2027-10"
NOW = datetime(2027, 7, 1, tzinfo=UTC)


def revised(text: str) -> str:
    """The SG13 letter as TSB might reissue it: a workshop moved by an hour, the newcomers
    session dropped, a deadline moved, an agenda item added and one dropped, a document
    revised."""
    changes = [
        ("from 0900 to 1700 hours", "from 1000 to 1700 hours"),
        (
            "• The SG13 Newcomers session will be held virtually, via MyMeetings, on "
            "28 September 2027 from 1300 to 1430 hours.\r\n",
            "",
        ),
        ("\t24 September 2027\r\n", "\t27 September 2027\r\n"),
        ("TD 101 Rev.1", "TD 101 Rev.2"),
        (
            "3.2\tIncoming liaison statements\tLS 4\r\n",
            "3.2\tIncoming liaison statements\tLS 4\r\n3.3\tOutgoing liaison statements\t\r\n",
        ),
        ("6\tClosure\r\n", ""),
    ]
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return text


def _import(store: Store, history: History, *paths: Path) -> importing.Preview:
    with store.read() as connection:
        found = importing.preview(connection, list(paths))
    importing.apply(history, found)
    return found


def _state(store: Store) -> dict[str, object]:
    """What a user sees of the meeting: events, deadlines, agenda, drafts and their own."""
    with store.read() as c:
        meeting = queries.meeting(c, CODE, NOW.date())
        assert meeting is not None
        agenda = agenda_of(c, meeting.id)
        return {
            "events": sorted(
                (e.title, e.starts_at, e.attendance) for e in queries.events(c, meeting.id)
            ),
            "deadlines": sorted(
                (d.title, str(d.due_date or d.due), d.status, d.notes)
                for d in queries.deadlines(c, meeting.id)
            ),
            "agenda": [(r.number, r.title, r.notes, r.documents) for r in agenda],
            "replies": sorted(
                (r.member_state, r.assigns)
                for rows in queries.replies(c, meeting.id).values()
                for r in rows
            ),
        }


@pytest.fixture
def prepared(empty: Store, tmp_path: Path) -> tuple[Store, History, Path]:
    return _prepared(empty, tmp_path)


def _prepared(empty: Store, tmp_path: Path) -> tuple[Store, History, Path]:
    """The SG13 meeting imported, then made the user's own."""
    store, history = empty, History(empty)
    letter = LETTERS / "sg13-collective-letter.txt"
    _import(store, history, letter, LETTERS / "sg13-circular.txt")
    with store.read() as c:
        meeting = queries.meeting(c, CODE, NOW.date())
        assert meeting is not None
        events = {e.title: e.id for e in queries.events(c, meeting.id)}
        dues = {d.title: d.id for d in queries.deadlines(c, meeting.id)}
        items = {r.title: r.id for r in agenda_of(c, meeting.id)}
        slicing = next(d.id for d in queries.drafts(c, meeting.id) if "3210" in d.designation)
    workshop = next(i for t, i in events.items() if "Workshop" in t)
    newcomers = next(i for t, i in events.items() if "Newcomers" in t)
    history.do(attendance.set_attendance([workshop], schema.AttendanceMode.IN_PERSON))
    history.do(attendance.set_attendance([newcomers], schema.AttendanceMode.REMOTE))
    history.do(deadlines.set_status([dues["Submit ITU-T Member contributions"]], _done()))
    history.do(deadlines.add_deadline(meeting.id, "Book the hotel", "1 September 2027"))
    history.do(edit_item(meeting.id, items["Opening of the meeting"], notes="Bring the badge"))
    history.do(edit_item(meeting.id, items["Closure"], notes="Leave early"))
    history.do(
        drafts.record_reply(
            slicing, "Kenya", assigns=True, attachment=False, received_at=NOW, note=""
        )
    )
    new_letter = tmp_path / "sg13-collective-letter-rev1.txt"
    new_letter.write_bytes(revised(letter.read_bytes().decode("utf-8")).encode("utf-8"))
    return store, history, new_letter


def _done() -> schema.DeadlineStatus:
    return schema.DeadlineStatus.DONE


def test_the_preview_lists_each_change_and_what_of_the_users_goes(
    prepared: tuple[Store, History, Path],
) -> None:
    store, _history, new_letter = prepared
    with store.read() as connection:
        found = importing.preview(connection, [new_letter])
    changes = [str(c) for c in found.plan.changes]
    assert found.existing and found.summary() == f"updates {CODE}: 1 added, 3 changed, 2 removed"
    assert "~ event 'Future Networks Workshop': start Tue 5 October 2027 09:00 EAT → " in (
        "\n".join(changes)
    )
    assert "- event 'SG13 Newcomers session': your attendance choice (remote) goes" in changes
    assert "+ agenda item 3.3 'Outgoing liaison statements'" in changes
    assert "- agenda item 5 'Closure': your notes on it go" in changes
    assert "~ agenda item 2 'Approval of the agenda': documents TD101 Rev.2" in changes
    assert any(
        c.startswith("~ deadline 'Submit ITU-T Member contributions': due day") for c in changes
    )
    # the user's own deadline is not the letter's to remove
    assert not any("Book the hotel" in c for c in changes)
    text = "\n".join(importing.describe(found))
    assert "changes (6):" in text and "unchanged:" in text


def test_updating_keeps_notes_attendance_status_and_replies_and_undoes_in_one_step(
    prepared: tuple[Store, History, Path],
) -> None:
    store, history, new_letter = prepared
    before = _state(store)
    _import(store, history, new_letter)
    after = _state(store)
    events = {title: (start, mode) for title, start, mode in after["events"]}  # type: ignore[attr-defined]
    assert events["Future Networks Workshop"][1] == "in_person"
    assert events["Future Networks Workshop"][0] == datetime(2027, 10, 5, 7, 0, tzinfo=UTC)
    assert not any("Newcomers" in t for t in events)
    dues = {t: (due, status) for t, due, status, _n in after["deadlines"]}  # type: ignore[attr-defined]
    assert dues["Submit ITU-T Member contributions"] == ("2027-09-27", "done")
    assert "Book the hotel" in dues
    agenda = {title: (number, notes, docs) for number, title, notes, docs in after["agenda"]}  # type: ignore[attr-defined]
    assert agenda["Opening of the meeting"][1] == "Bring the badge"
    assert agenda["Outgoing liaison statements"][0] == "3.3"
    assert "Closure" not in agenda
    assert after["replies"] == [("Kenya", True)]

    assert history.undo_name == f"Update {CODE}"
    history.undo()
    assert _state(store) == before
    history.redo()
    assert _state(store) == after


def test_a_store_changed_since_the_preview_is_refused_and_left_alone(
    prepared: tuple[Store, History, Path],
) -> None:
    store, history, new_letter = prepared
    with store.read() as connection:
        found = importing.preview(connection, [new_letter])
        meeting = queries.meeting(connection, CODE, NOW.date())
        assert meeting is not None
        closure = next(r.id for r in agenda_of(connection, meeting.id) if r.title == "Closure")
    history.do(edit_item(meeting.id, closure, notes="Changed my mind"))
    before = _state(store)
    with pytest.raises(ActionError, match="changed in the store since the preview"):
        importing.apply(history, found)
    assert _state(store) == before


def test_a_circular_alone_touches_only_its_drafts(
    prepared: tuple[Store, History, Path], tmp_path: Path
) -> None:
    store, history, _letter = prepared
    circular = (LETTERS / "sg13-circular.txt").read_text("utf-8")
    circular = circular.replace(
        "Framework of network slicing for future networks",
        "Framework of network slicing for IMT-2030 networks",
    )
    path = tmp_path / "sg13-circular-corrected.txt"
    path.write_text(circular, "utf-8")
    with store.read() as c:
        meeting = queries.meeting(c, CODE, NOW.date())
        revised_draft = next(d.id for d in queries.drafts(c, meeting.id) if "3001" in d.designation)
    # the user recorded that this draft's consultation closed: a circular does not reopen it
    history.do(drafts.move_stage(revised_draft, Stage.CONSULTATION_CLOSED, date(2027, 9, 25)))
    before = _state(store)
    found = _import(store, history, path)
    assert [str(c) for c in found.plan.changes] == [
        "~ draft ITU-T Y.3210: title 'Framework of network slicing for future networks' → "
        "'Framework of network slicing for IMT-2030 networks'"
    ]
    assert _state(store) == before  # events, deadlines, agenda and replies untouched
    with store.read() as c:
        shown = {d.designation: (d.title, d.stage) for d in queries.drafts(c, meeting.id)}
    assert shown["ITU-T Y.3210"] == (
        "Framework of network slicing for IMT-2030 networks",
        Stage.CONSULTATION_OPEN,
    )
    assert shown["ITU-T Y.3001"][1] == Stage.CONSULTATION_CLOSED


REPLY = "Return the Annex 2 reply form of TSB Circular 241 (2 draft Recommendations)"


def _deadlines(store: Store) -> dict[str, tuple[str, str, str]]:
    """Each deadline's title: its due time as shown, status and origin."""
    with store.read() as c:
        meeting = queries.meeting(c, CODE, NOW.date())
        return {
            d.title: (str(d.due_date or d.due), d.status, d.origin)
            for d in queries.deadlines(c, meeting.id)
        }


def test_a_circulars_reply_deadline_joins_the_meetings_and_a_letter_leaves_it(
    empty: Store,
) -> None:
    history = History(empty)
    letter, circular = LETTERS / "sg13-collective-letter.txt", LETTERS / "sg13-circular.txt"
    _import(empty, history, letter)
    assert REPLY not in _deadlines(empty)
    found = _import(empty, history, circular)  # the circular alone, later
    assert "  found 0 events, 1 deadline, 0 agenda items, 2 drafts" in importing.describe(found)
    added = [str(c) for c in found.plan.changes if c.what == "deadline"]
    assert added == [
        "+ deadline 'Return the Annex 2 reply form of TSB Circular 241 (2 draf...': "
        "Fri 24 September 2027 23:59 UTC"
    ]
    assert _deadlines(empty)[REPLY] == ("2027-09-24 23:59:00+00:00", "open", "circular")
    with empty.read() as c:
        meeting = queries.meeting(c, CODE, NOW.date())
        reply = next(d.id for d in queries.deadlines(c, meeting.id) if d.title == REPLY)
    history.do(deadlines.set_status([reply], _done()))
    with empty.read() as connection:  # the letter again: it does not speak for the circular
        again = importing.preview(connection, [letter])
    assert again.plan.rows == [] and again.plan.changes == []
    assert _deadlines(empty)[REPLY][1] == "done"


def test_a_letter_listing_the_circulars_deadline_takes_it_over_with_its_status(
    empty: Store, tmp_path: Path
) -> None:
    history = History(empty)
    _import(empty, history, LETTERS / "sg13-collective-letter.txt", LETTERS / "sg13-circular.txt")
    with empty.read() as c:
        meeting = queries.meeting(c, CODE, NOW.date())
        reply = next(d.id for d in queries.deadlines(c, meeting.id) if d.title == REPLY)
    history.do(deadlines.set_status([reply], _done()))
    text = (LETTERS / "sg13-collective-letter.txt").read_bytes().decode()
    task = "\t-\tSubmit ITU-T Member contributions\r\n"
    listed = "Submit the form in Annex 2 of TSB Circular 241"
    letter = tmp_path / "sg13-collective-letter-rev1.txt"
    letter.write_text(text.replace(task, f"{task}\t24 September 2027\r\n\t-\t{listed}\r\n"))
    found = _import(empty, history, letter)  # a reissued letter, alone
    assert [(c.action, c.what) for c in found.plan.changes] == [("change", "deadline")]
    shown = _deadlines(empty)
    assert REPLY not in shown and shown[listed][1] == "done"  # renamed, status kept

    # the circular alone, read again: the letter's deadline keeps its title, and the
    # circular's own time (23:59 UTC, not the end of the day in Nairobi) holds
    found = _import(empty, history, LETTERS / "sg13-circular.txt")
    assert REPLY not in _deadlines(empty)
    assert _deadlines(empty)[listed][:2] == ("2027-09-24 23:59:00+00:00", "done")


def test_importing_the_same_letters_twice_changes_nothing(empty: Store) -> None:
    history = History(empty)
    files = [LETTERS / "sg13-collective-letter.txt", LETTERS / "sg13-circular.txt"]
    _import(empty, history, *files)
    with empty.read() as connection:
        again = importing.preview(connection, files)
    assert again.existing and again.plan.rows == [] and again.plan.changes == []
    assert again.plan.unchanged == {
        "events": 4,
        "drafts": 2,
        "agenda items": 10,
        "deadlines": 5,
    }
    assert importing.apply(history, again) is None


def test_a_deadline_read_with_its_whole_task_as_title_is_renamed_not_replaced(
    empty: Store, tmp_path: Path
) -> None:
    """Stores hold the letters as earlier versions read them, with a task listing its drafts
    as the deadline's title; reading again renames that deadline and keeps its status."""
    from sg20desk.exchange.letters.model import uid as _uid
    from tests.test_exchange_letters import MANY_DRAFTS_TASK, with_draft_tasks

    history = History(empty)
    letter = tmp_path / "sg13-collective-letter.txt"
    letter.write_text(with_draft_tasks((LETTERS / letter.name).read_bytes().decode()), "utf-8")
    _import(empty, history, letter)
    table = schema.deadline
    with empty.transaction() as c:
        row = c.execute(select(table).where(table.c.title.like("%on 4 determined%"))).one()
        earlier = uuid.UUID(_uid(CODE, "deadline", MANY_DRAFTS_TASK))  # as they read it
        c.execute(
            table.update().where(table.c.id == row.id).values(id=earlier, title=MANY_DRAFTS_TASK)
        )
    history.do(deadlines.set_status([earlier], _done()))
    with empty.read() as connection:
        found = importing.preview(connection, [letter])
    assert [(c.action, c.what) for c in found.plan.changes] == [("change", "deadline")]
    importing.apply(history, found)
    with empty.read() as c:
        after = c.execute(select(table.c.title, table.c.status).where(table.c.id == earlier)).one()
    assert after.title == row.title and after.status == _done().value


# --- a chair's meeting file, and a user's own data moved to another computer --------------

GENEVA = "SG20-2026-05"


def _meeting_id(store: Store) -> uuid.UUID:
    with store.read() as c:
        return queries.meeting(c, GENEVA, NOW.date()).id


def _export(store: Store, target: Path, *, personal: bool = False) -> dict[str, Any]:
    with store.read() as c:
        target.write_bytes(exporting.export_json(c, _meeting_id(store), personal=personal))
    loaded: dict[str, Any] = json.loads(target.read_text("utf-8"))
    return loaded


def _geneva_state(store: Store) -> dict[str, object]:
    with store.read() as c:
        mid = _meeting_id(store)
        return {
            "agenda": [(r.number, r.title, r.notes, r.documents) for r in agenda_of(c, mid)],
            "events": sorted((e.title, e.attendance) for e in queries.events(c, mid)),
            "deadlines": sorted((d.title, d.status, d.notes) for d in queries.deadlines(c, mid)),
            "replies": sorted(
                (r.member_state, r.assigns, r.own)
                for rows in queries.replies(c, mid).values()
                for r in rows
            ),
            "revisions": [
                label
                for (label,) in c.execute(
                    select(schema.agenda_revision.c.label).order_by(
                        schema.agenda_revision.c.issued_at
                    )
                )
            ],
            "profile": drafts.profile(c),
        }


def _make_it_mine(store: Store, history: History) -> None:
    """A delegate's plans and notes on the built-in meeting."""
    mid = _meeting_id(store)
    with store.read() as c:
        items = {r.title: r.id for r in agenda_of(c, mid)}
        events = {e.title: e.id for e in queries.events(c, mid)}
        dues = {d.title: d.id for d in queries.deadlines(c, mid)}
        first_draft = queries.drafts(c, mid)[0].id
    history.do(edit_item(mid, items["Opening of the meeting"], notes="Ask about Q3"))
    history.do(
        attendance.set_attendance([events["SG20 opening plenary"]], schema.AttendanceMode.REMOTE)
    )
    history.do(deadlines.set_status([dues["Submit requests for real-time captioning"]], _done()))
    history.do(deadlines.add_deadline(mid, "Book the hotel", "1 April 2026", "near Cornavin"))
    drafts.save_profile(store, drafts.Profile(name="A. Delegate", member_state="Kenya"))
    history.do(drafts.set_own_reply(first_draft, "Kenya", ReplyChoice.ASSIGNS))


def test_a_chairs_file_updates_the_delegates_meeting_and_keeps_their_notes(
    tmp_path: Path,
) -> None:
    chair = open_workspace(tmp_path / "chair.sqlite3")
    delegate = open_workspace(tmp_path / "delegate.sqlite3")
    try:
        chair_history, delegate_history = History(chair), History(delegate)
        mid = _meeting_id(chair)
        with chair.read() as c:
            rows = agenda_of(c, mid)
        opening = next(r.id for r in rows if r.title == "Opening of the meeting")
        chair_history.do(edit_item(mid, opening, notes="the chair's own note"))
        chair_history.do(
            insert_item(mid, opening, Where.AFTER, "Welcome by the host", new_id=uuid.uuid4())
        )
        with chair.read() as c:
            snapshot = [r.snapshot() for r in agenda_of(c, mid)]
        chair_history.do(issue_revision(mid, "Rev.1", date(2026, 5, 1), NOW, snapshot))
        _make_it_mine(delegate, delegate_history)
        mine = _geneva_state(delegate)

        sent = _export(chair, tmp_path / "sg20.json")
        assert "personal" not in sent
        assert "the chair's own note" not in json.dumps(sent)  # the chair's notes stay home
        assert [r["label"] for r in sent["revisions"]] == ["Rev.1"]

        with delegate.read() as c:
            found = importing.preview(c, [tmp_path / "sg20.json"])
        assert found.scope == importing.merging.MEETING_FILE
        # one line for the item added, one for the numbers it moves, one for the revision
        assert [str(ch) for ch in found.plan.changes] == [
            "+ agenda item 2 'Welcome by the host'",
            "~ agenda numbers: 54 items renumbered: 2 → 3, 3 → 4, 4 → 5, 5 → 6, ...",
            "+ agenda revision Rev.1: Fri 1 May 2026",
        ]
        importing.apply(delegate_history, found)

        after = _geneva_state(delegate)
        titles = [title for _n, title, _notes, _d in after["agenda"]]  # type: ignore[attr-defined]
        assert titles[:3] == [
            "Opening of the meeting",
            "Welcome by the host",
            "Adoption of the agenda",
        ]
        assert after["revisions"] == ["Rev.1"]
        # everything of the delegate's own is as it was
        for key in ("events", "deadlines", "replies", "profile"):
            assert after[key] == mine[key], key
        notes = {title: n for _n, title, n, _d in after["agenda"]}  # type: ignore[attr-defined]
        assert notes["Opening of the meeting"] == "Ask about Q3"

        # the same file again: nothing to change
        with delegate.read() as c:
            again = importing.preview(c, [tmp_path / "sg20.json"])
        assert again.plan.rows == []
    finally:
        chair.close()
        delegate.close()


def test_personal_data_moves_to_another_computer_and_never_overwrites(
    tmp_path: Path, empty: Store
) -> None:
    laptop = open_workspace(tmp_path / "laptop.sqlite3")
    try:
        _make_it_mine(laptop, History(laptop))
        mine = _geneva_state(laptop)
        sent = _export(laptop, tmp_path / "mine.json", personal=True)
        assert sent["personal"]["profile"] == {"name": "A. Delegate", "member_state": "Kenya"}

        # into a store without the meeting: all of it, the user's own data included
        history = History(empty)
        _import(empty, history, tmp_path / "mine.json")
        assert _geneva_state(empty) == mine

        # into a store that has its own: what is empty there is filled, the rest kept
        desk = open_workspace(tmp_path / "desk.sqlite3")
        try:
            desk_history = History(desk)
            mid = _meeting_id(desk)
            with desk.read() as c:
                dues = {d.title: d.id for d in queries.deadlines(c, mid)}
            captioning = dues["Submit requests for real-time captioning"]
            desk_history.do(
                deadlines.set_status([captioning], schema.DeadlineStatus.NOT_APPLICABLE)
            )
            drafts.save_profile(desk, drafts.Profile(name="B. Other"))
            with desk.read() as c:
                found = importing.preview(c, [tmp_path / "mine.json"])
            changes = list(map(str, found.plan.changes))
            assert "= profile name: yours 'B. Other' kept" in changes
            assert "+ profile member state: 'Kenya'" in changes
            assert (
                "= deadline 'Submit requests for real-time captioning': "
                "your status (not applicable) kept"
            ) in changes
            importing.apply(desk_history, found)
            state = _geneva_state(desk)
            assert state["profile"] == drafts.Profile(name="B. Other", member_state="Kenya")
            statuses = {t: s for t, s, _n in state["deadlines"]}  # type: ignore[attr-defined]
            assert statuses["Submit requests for real-time captioning"] == "not_applicable"
            assert statuses["Book the hotel"] == "open"
            assert state["events"] == mine["events"]
        finally:
            desk.close()
    finally:
        laptop.close()
