"""Letters that update a meeting already stored: an addendum to its collective letter adds
or changes what it gives and removes nothing; a circular announcing an approval's result
moves the drafts it names to approved or not approved, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from sg20desk.actions import importing, queries
from sg20desk.actions.history import ActionError, History
from sg20desk.db.store import Store
from sg20desk.exchange.letters import Kind, read_letter
from tests.test_actions_merging import CODE, LETTERS, NOW, _import, _state

ADDENDUM = """INTERNATIONAL TELECOMMUNICATION UNION
TELECOMMUNICATION STANDARDIZATION BUREAU
Geneva, 10 August 2027
Ref: Addendum 1 to TSB Collective letter 7/13
Subject: Meeting of Study Group 13; Nairobi, 6-15 October 2027

Dear Sir/Madam,

Further to TSB Collective letter 7/13, I wish to inform you that a Hackathon on network
slicing will be held on 4 October 2027 from 0900 to 1800 hours in Nairobi, Kenya.

Key deadlines:
1 September 2027 - Register for the hackathon

Yours faithfully,
Director
"""

RESULT = """INTERNATIONAL TELECOMMUNICATION UNION
TELECOMMUNICATION STANDARDIZATION BUREAU
Geneva, 29 October 2027
Ref: TSB Circular 260
Subject: Approval of ITU-T Recommendations

Dear Sir/Madam,

1 At the meeting of ITU-T Study Group 13 held in Nairobi from 6 to 15 October 2027, the
Member States present approved the following Recommendations:
- ITU-T Y.3210 (ex Y.FN-slice): Network slicing in future networks
2 Draft revised Recommendation ITU-T Y.3001 was not approved.

Yours faithfully,
Director
"""


def _stored(store: Store, tmp_path: Path, name: str, text: str) -> importing.Preview:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    with store.read() as connection:
        return importing.preview(connection, [path])


def _with_meeting(store: Store) -> History:
    history = History(store)
    _import(store, history, LETTERS / "sg13-collective-letter.txt", LETTERS / "sg13-circular.txt")
    return history


def test_an_addendum_is_read_as_amending_its_letter() -> None:
    reading = read_letter(ADDENDUM, "add1.txt")
    assert reading.kind is Kind.ADDENDUM
    assert reading.reference == "Addendum 1 to TSB Collective letter 7/13"
    assert reading.amends == "TSB Collective letter 7/13"
    assert reading.document["meeting"]["code"] == CODE
    assert "no agenda found" not in "\n".join(str(w) for w in reading.warnings)


def test_an_addendum_adds_what_it_gives_and_removes_nothing(
    empty: Store,
    tmp_path: Path,
) -> None:
    history = _with_meeting(empty)
    before = _state(empty)
    found = _stored(empty, tmp_path, "add1.txt", ADDENDUM)
    assert found.scope.amends and not any(c.action == "remove" for c in found.plan.changes)
    importing.apply(history, found)
    after = _state(empty)
    hackathon = [e for e in after["events"] if "Hackathon" in e[0]]  # type: ignore[union-attr]
    assert len(hackathon) == 1
    assert set(before["events"]) < set(after["events"])  # type: ignore[arg-type]
    assert set(before["deadlines"]) < set(after["deadlines"])  # type: ignore[arg-type]
    assert after["agenda"] == before["agenda"]  # an addendum without an agenda keeps it
    history.undo()
    assert _state(empty) == before


def test_an_addendum_for_a_meeting_not_stored_is_refused(
    empty: Store,
    tmp_path: Path,
) -> None:
    with pytest.raises(ActionError, match=r"SG13-2027-10 is not in the store, and an addendum"):
        _stored(empty, tmp_path, "add1.txt", ADDENDUM)


def test_a_result_circular_moves_the_stages_of_the_drafts_it_names(
    empty: Store,
    tmp_path: Path,
) -> None:
    reading = read_letter(RESULT, "c260.txt")
    assert reading.kind is Kind.RESULT
    assert {d["designation"]: d["stage"] for d in reading.document["drafts"]} == {
        "ITU-T Y.3210": "approved",
        "ITU-T Y.3001": "not_approved",
    }
    history = _with_meeting(empty)
    before = _state(empty)
    found = _stored(empty, tmp_path, "c260.txt", RESULT)
    assert [str(c) for c in found.plan.changes] == [
        "~ draft ITU-T Y.3210: consultation open → approved (TSB Circular 260)",
        "~ draft ITU-T Y.3001: consultation open → not approved (TSB Circular 260)",
    ]
    importing.apply(history, found)
    with empty.read() as c:
        meeting = queries.meeting(c, CODE, NOW.date())
        assert meeting is not None
        stages = {d.designation: d.stage for d in queries.drafts(c, meeting.id)}
    assert stages == {"ITU-T Y.3210": "approved", "ITU-T Y.3001": "not_approved"}
    assert _state(empty) == before  # events, deadlines, agenda, replies untouched
    history.undo()
    with empty.read() as c:
        assert {d.stage for d in queries.drafts(c, meeting.id)} == {"consultation_open"}


def test_a_result_for_a_meeting_not_stored_is_refused(
    empty: Store,
    tmp_path: Path,
) -> None:
    with pytest.raises(ActionError, match="the result of its approvals only updates"):
        _stored(empty, tmp_path, "c260.txt", RESULT)


DELETION = """INTERNATIONAL TELECOMMUNICATION UNION
Geneva, 20 July 2027
Ref: TSB Circular 250
Subject: Proposed deletion of ITU-T Recommendations Y.1001 and Y.1002

Dear Sir/Madam,

1 At the request of the Chairman of Study Group 13, which will meet in Nairobi from 6 to
15 October 2027, I wish to inform you that the study group proposes the deletion of
Recommendations ITU-T Y.1001 and Y.1002, which are no longer in use.
2 I should be grateful if you would reply by 2359 hours UTC on 20 September 2027 whether
your Administration objects to the deletion.

Yours faithfully,
Director
"""


def test_a_deletion_consultation_gives_its_reply_deadline_to_the_meeting(
    empty: Store,
    tmp_path: Path,
) -> None:
    reading = read_letter(DELETION, "c250.txt")
    assert reading.kind is Kind.CIRCULAR and reading.document["drafts"] == []
    (deadline,) = reading.document["deadlines"]
    assert deadline["title"] == "Reply to TSB Circular 250 on deleting ITU-T Y.1001, ITU-T Y.1002"
    assert (deadline["due_at"], deadline["timezone"]) == ("2027-09-20T23:59", "UTC")
    history = _with_meeting(empty)
    before = _state(empty)
    importing.apply(history, _stored(empty, tmp_path, "c250.txt", DELETION))
    after = _state(empty)
    added = set(after["deadlines"]) - set(before["deadlines"])  # type: ignore[arg-type]
    assert [d[0] for d in added] == [deadline["title"]]
    assert after["events"] == before["events"] and after["agenda"] == before["agenda"]
