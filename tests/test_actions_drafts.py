"""Draft Recommendations without a window: the registry, stages, the Administration's own
reply and the secretariat's tally, each change undoable, checked as a user would read it."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime

import pytest

from sg20desk.actions import drafts as dr
from sg20desk.actions import meetings as mt
from sg20desk.actions import queries
from sg20desk.actions.history import ActionError, History
from sg20desk.db.store import Store
from sg20desk.exchange.reference import member_states
from sg20desk.rules.procedures import ReplyChoice

CODE = "SG20-2026-05"
APRIL_27 = date(2026, 4, 27)
ON_TIME = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)
LATE = datetime(2026, 5, 1, 0, 0, tzinfo=UTC)


@pytest.fixture
def history(store: Store) -> History:
    return History(store)


def meeting_id(store: Store) -> uuid.UUID:
    with store.read() as c:
        return queries.meeting(c, CODE, APRIL_27).id


def standings(store: Store, today: date = APRIL_27) -> dict[str, dr.Standing]:
    with store.read() as c:
        return {s.draft.designation: s for s in dr.standings(c, meeting_id(store), today)}


def draft_id(store: Store, name: str = "ITU-T Y.4241") -> uuid.UUID:
    return standings(store)[name].draft.id


def record(
    history: History, store: Store, state: str, assigns: bool, at: datetime = ON_TIME
) -> None:
    history.do(
        dr.record_reply(draft_id(store), state, assigns=assigns, attachment=False, received_at=at)
    )


# --- the built-in drafts ----------------------------------------------------------------


def test_the_built_in_drafts_stand_in_consultation_until_30_april(store: Store) -> None:
    found = standings(store)
    assert len(found) == 10
    y4241 = found["ITU-T Y.4241"]
    assert y4241.close == datetime(2026, 4, 30, 23, 59, tzinfo=UTC)
    assert y4241.next is not None and y4241.next.key == "consultation_closes"
    assert y4241.own is None and y4241.consultation_open
    assert y4241.tally is not None and y4241.tally.describe() == (
        "no replies counted: may be considered (no replies)"
    )
    # after the close, the next date is the meeting itself
    later = standings(store, date(2026, 5, 2))["ITU-T Y.4241"]
    assert later.next is not None and later.next.key == "meeting"


# --- the registry -----------------------------------------------------------------------


def test_add_edit_and_delete_a_draft_each_undoable(store: Store, history: History) -> None:
    mid = meeting_id(store)
    with store.read() as c:
        item = next(r for r in queries.agenda(c, mid) if r.number == "7.1")
    fields = dr.DraftFields(
        "y.4999", "Digital twins of ports", former_name="Y.dt-port", agenda_item_id=item.id
    )
    history.do(dr.add_draft(mid, fields, stage="determined", reached_on=date(2026, 3, 20)))
    added = standings(store)["ITU-T Y.4999"]
    assert added.draft.former_name == "Y.dt-port"
    assert added.draft.threshold_percent == 70  # from resources/rules/procedures.json
    assert added.draft.agenda_number == "7.1"
    assert added.draft.reached == {"determined": date(2026, 3, 20)}
    assert [m.key for m in added.milestones][:2] == ["announce_by", "determined"]

    changed = dataclasses.replace(dr.DraftFields.of(added.draft), title="Digital twins of harbours")
    history.do(dr.edit_draft(added.draft.id, dataclasses.replace(changed, agenda_item_id=None)))
    edited = standings(store)["ITU-T Y.4999"].draft
    assert (edited.title, edited.agenda_number) == ("Digital twins of harbours", None)

    history.do(dr.delete_drafts([added.draft.id]))
    assert "ITU-T Y.4999" not in standings(store)
    history.undo()
    assert standings(store)["ITU-T Y.4999"].draft.title == "Digital twins of harbours"
    history.undo()
    history.undo()
    assert "ITU-T Y.4999" not in standings(store)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (dr.DraftFields("4999", "A title"), "Designation: '4999' is not a Recommendation"),
        (dr.DraftFields("Y.4241", "A title"), "Designation: ITU-T Y.4241 is already a draft"),
        (dr.DraftFields("Y.4999", "  "), "Title: give the draft's title"),
        (dr.DraftFields("Y.4999", "A title", procedure="FAST"), "Procedure: 'FAST'"),
    ],
)
def test_a_draft_that_cannot_be_stored_is_refused_by_field(
    store: Store, history: History, fields: dr.DraftFields, message: str
) -> None:
    with pytest.raises(ActionError, match=message):
        history.do(dr.add_draft(meeting_id(store), fields))
    assert len(standings(store)) == 10


def test_deleting_a_draft_takes_its_replies_and_unlinks_its_item(
    store: Store, history: History
) -> None:
    record(history, store, "Kenya", True)
    target = standings(store)["ITU-T Y.4241"].draft
    assert target.agenda_number is not None
    history.do(dr.delete_drafts([target.id]))
    with store.read() as c:
        agenda = queries.agenda(c, meeting_id(store))
        (item,) = [r for r in agenda if r.number == target.agenda_number]
        assert item.draft_designation is None  # the item stays, without the link
        assert queries.replies(c, meeting_id(store)) == {}
    history.undo()
    back = standings(store)["ITU-T Y.4241"]
    assert back.draft.agenda_number == target.agenda_number
    assert [r.member_state for r in back.received] == ["Kenya"]


# --- stages -----------------------------------------------------------------------------


def test_moving_through_tap_records_the_days_and_the_timeline_follows(
    store: Store, history: History
) -> None:
    did = draft_id(store)
    history.do(dr.move_stage(did, "consultation_closed", date(2026, 5, 1)))
    history.do(
        dr.move_stage(did, "more_time_requested", date(2026, 5, 21), "asked by one delegation")
    )
    now = standings(store, date(2026, 5, 22))["ITU-T Y.4241"]
    assert now.draft.stage == "more_time_requested"
    assert now.next is not None and now.next.key == "objection_ends"
    assert now.next.on == date(2026, 6, 18)
    history.undo()
    assert standings(store)["ITU-T Y.4241"].draft.stage == "consultation_closed"


def test_a_move_the_procedure_forbids_is_refused_with_the_reason(
    store: Store, history: History
) -> None:
    with pytest.raises(ActionError, match="cannot move to Approved; it can move to Consultation"):
        history.do(dr.move_stage(draft_id(store), "approved", date(2026, 4, 27)))
    assert standings(store)["ITU-T Y.4241"].draft.stage == "consultation_open"


def test_an_aap_draft_moved_to_tap_follows_tap(store: Store, history: History) -> None:
    mid = meeting_id(store)
    history.do(dr.add_draft(mid, dr.DraftFields("Y.4998", "Sensors", procedure="AAP"), "consented"))
    did = standings(store)["ITU-T Y.4998"].draft.id
    history.do(dr.move_stage(did, "moved_to_tap", date(2026, 6, 1)))
    history.do(dr.move_stage(did, "announced", date(2026, 6, 15)))
    moved = standings(store)["ITU-T Y.4998"].draft
    assert (moved.procedure, moved.stage) == ("TAP", "announced")
    with pytest.raises(ActionError, match="Procedure: Announced is not a stage of AAP"):
        history.do(
            dr.edit_draft(did, dataclasses.replace(dr.DraftFields.of(moved), procedure="AAP"))
        )


# --- the Administration's own reply -----------------------------------------------------


def test_own_reply_needs_a_member_state_then_can_be_changed_and_withdrawn(
    store: Store, history: History
) -> None:
    did = draft_id(store)
    with pytest.raises(ActionError, match="Member State: set your Administration's"):
        history.do(dr.set_own_reply(did, "", ReplyChoice.ASSIGNS))
    history.do(dr.set_own_reply(did, "Switzerland", ReplyChoice.DOES_NOT_ASSIGN, "Scope unclear"))
    mine = standings(store)["ITU-T Y.4241"]
    assert mine.own_choice is ReplyChoice.DOES_NOT_ASSIGN
    assert mine.own is not None and mine.own.note == "Scope unclear"
    # not sent yet: the secretariat has not received it, so it is not counted
    assert mine.tally is not None and mine.tally.counted == 0
    history.do(dr.set_own_reply(did, "Switzerland", ReplyChoice.ASSIGNS_WITH_COMMENTS, "See att."))
    assert standings(store)["ITU-T Y.4241"].own_choice is ReplyChoice.ASSIGNS_WITH_COMMENTS
    history.do(dr.set_own_reply(did, "Switzerland", None))
    assert standings(store)["ITU-T Y.4241"].own is None
    history.undo()
    assert standings(store)["ITU-T Y.4241"].own_choice is ReplyChoice.ASSIGNS_WITH_COMMENTS


def test_the_profile_is_stored_with_the_listed_spelling(store: Store) -> None:
    dr.save_profile(
        store,
        dr.Profile(name=" Ana  Silva ", role="Director", member_state="  brazil", email="a@b.br"),
    )
    with store.read() as c:
        saved = dr.profile(c)
    assert (saved.name, saved.member_state, saved.email) == ("Ana Silva", "Brazil", "a@b.br")
    with pytest.raises(ActionError, match="E-mail: 'ana' is not an e-mail address"):
        dr.save_profile(store, dr.Profile(email="ana"))


# --- the secretariat's tally ------------------------------------------------------------


def test_seven_of_ten_in_time_passes_and_a_late_reply_is_shown_but_not_counted(
    store: Store, history: History
) -> None:
    states = member_states()
    for n in range(10):
        record(history, store, states[n], n < 7)
    record(history, store, states[10], False, LATE)
    found = standings(store)["ITU-T Y.4241"]
    assert found.tally is not None
    assert found.tally.describe() == (
        "7 of 10 in favour (70 %); 1 late, not counted: may be considered"
    )
    late = [r.member_state for r in found.received if found.is_late(r)]
    assert late == [states[10]]
    # one more against tips it below 70 %
    record(history, store, states[11], False)
    after = standings(store)["ITU-T Y.4241"].tally
    assert after is not None and not after.may_be_considered


def test_a_second_reply_from_a_state_replaces_the_first_and_names_are_spelled_as_listed(
    store: Store, history: History
) -> None:
    record(history, store, "korea (republic of)", False)
    record(history, store, "Korea  (Republic of)", True)
    found = standings(store)["ITU-T Y.4241"]
    assert [(r.member_state, r.assigns) for r in found.received] == [("Korea (Republic of)", True)]
    record(history, store, "Atlantis", True)  # not listed: kept as typed
    assert {r.member_state for r in standings(store)["ITU-T Y.4241"].received} == {
        "Atlantis",
        "Korea (Republic of)",
    }


def test_a_reply_without_a_zone_is_refused(store: Store, history: History) -> None:
    with pytest.raises(ActionError, match="Received: give the time with its zone"):
        dr.record_reply(
            draft_id(store),
            "Kenya",
            assigns=True,
            attachment=False,
            received_at=datetime(2026, 4, 1),
        )


def test_deleting_the_meeting_and_undoing_brings_back_replies_and_stage_days(
    store: Store, history: History
) -> None:
    record(history, store, "Kenya", True)
    history.do(dr.move_stage(draft_id(store), "consultation_closed", date(2026, 5, 1)))
    history.do(mt.delete_meeting(meeting_id(store)))
    history.undo()
    back = standings(store)["ITU-T Y.4241"]
    assert back.draft.reached == {"consultation_closed": date(2026, 5, 1)}
    assert [r.member_state for r in back.received] == ["Kenya"]


@pytest.mark.parametrize("text", ["ITU-T Y.4241", "Y.4241", "itu-t y.4241", "Y.dt-SComCam"])
def test_a_draft_is_found_with_or_without_itu_t(store: Store, text: str) -> None:
    rows = [s.draft for s in standings(store).values()]
    assert dr.find_draft(rows, text).designation == "ITU-T Y.4241"


def test_an_unknown_draft_names_the_ones_there_are(store: Store) -> None:
    rows = [s.draft for s in standings(store).values()]
    with pytest.raises(ActionError, match=r"'Y\.9999' is not a draft of this meeting \(drafts: "):
        dr.find_draft(rows, "Y.9999")


def test_drafts_are_filtered_by_stage_and_by_every_word(store: Store, history: History) -> None:
    history.do(dr.move_stage(draft_id(store), "consultation_closed", date(2026, 5, 1)))
    rows = list(standings(store).values())
    closed = dr.select_standings(rows, "consultation_closed")
    assert [r.draft.designation for r in closed] == ["ITU-T Y.4241"]
    found = dr.select_standings(rows, None, "LIFTS framework")
    assert [r.draft.designation for r in found] == ["ITU-T Y.4420"]
    assert dr.select_standings(rows, "consultation_closed", "lifts") == []
    assert len(dr.select_standings(rows)) == 10
