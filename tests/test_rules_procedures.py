"""TAP and AAP: the moves allowed between stages, the dates each procedure sets, and the
consultation tally, with real dates and the periods read from the shipped data."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files

import pytest

from sg20desk.exchange.reference import procedure_terms
from sg20desk.rules.procedures import (
    STAGE_LABELS,
    STAGES,
    Facts,
    Procedure,
    Stage,
    StageError,
    TermsError,
    Vote,
    check_move,
    next_milestone,
    next_stages,
    read_terms,
    stage_label,
    tally,
    timeline,
)

TERMS = procedure_terms()
MAY_12, MAY_21 = date(2026, 5, 12), date(2026, 5, 21)  # SG20, Geneva: Tuesday to Thursday


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def dates(facts: Facts) -> dict[str, date]:
    return {m.key: m.on for m in timeline(facts, TERMS)}


def milestone(facts: Facts, key: str):  # type: ignore[no-untyped-def]
    (found,) = [m for m in timeline(facts, TERMS) if m.key == key]
    return found


# --- TAP --------------------------------------------------------------------------------


def test_circular_106_closes_when_it_says() -> None:
    facts = Facts(
        "TAP",
        "consultation_open",
        announced_on=date(2026, 2, 13),
        stated_close=utc(2026, 4, 30, 23, 59),
        first_day=MAY_12,
        last_day=MAY_21,
    )
    close = milestone(facts, "consultation_closes")
    assert close.at == utc(2026, 4, 30, 23, 59)
    assert close.basis == "as the circular states"


@pytest.mark.parametrize(
    ("opening", "closed_days", "closes"),
    [
        # a Tuesday opening: Mon 11, Fri 8, Thu 7, Wed 6, Tue 5, Mon 4, Fri 1 May
        (MAY_12, (), date(2026, 5, 1)),
        # with 1 May a closed day the rule gives 30 April, the date Circular 106 states
        (MAY_12, (date(2026, 5, 1),), date(2026, 4, 30)),
        # a Monday opening reaches back over a weekend into the month before
        (date(2026, 9, 7), (), date(2026, 8, 27)),
        # a Friday opening: the previous week's Thursday
        (date(2026, 10, 16), (), date(2026, 10, 7)),
    ],
)
def test_consultation_without_a_stated_deadline_closes_seven_working_days_before(
    opening: date, closed_days: tuple[date, ...], closes: date
) -> None:
    terms = replace(TERMS, closed_days=frozenset(closed_days))
    facts = Facts("TAP", "consultation_open", first_day=opening, last_day=opening)
    (close,) = [m for m in timeline(facts, terms) if m.key == "consultation_closes"]
    assert close.at == utc(closes.year, closes.month, closes.day, 23, 59)
    assert close.basis == "7 working days before the meeting opens"


@pytest.mark.parametrize(
    ("announced", "earliest", "warned"),
    [
        (date(2026, 2, 12), date(2026, 5, 12), False),  # the letter's date: exactly three months
        (date(2026, 2, 13), date(2026, 5, 13), True),  # the circular's own date: a day short
        (date(2025, 11, 30), date(2026, 2, 28), False),  # no 30 February: the month's last day
    ],
)
def test_an_announcement_sets_the_earliest_meeting(
    announced: date, earliest: date, warned: bool
) -> None:
    first = MAY_12 if announced.year == 2026 else date(2026, 3, 2)
    found = milestone(
        Facts("TAP", "announced", announced_on=announced, first_day=first), "earliest_meeting"
    )
    assert found.on == earliest
    assert bool(found.warning) is warned


def test_tap_dates_around_the_may_meeting() -> None:
    found = dates(Facts("TAP", "determined", first_day=MAY_12, last_day=MAY_21))
    assert found["announce_by"] == date(2026, 2, 12)
    assert found["texts_by"] == date(2026, 4, 12)
    assert found["consultation_closes"] == date(2026, 5, 1)
    assert found["meeting"] == MAY_12
    assert found["result"] == date(2026, 6, 18)  # four weeks after the close on 21 May
    assert "objection_ends" not in found


def test_more_time_opens_a_four_week_objection_period() -> None:
    facts = Facts(
        "TAP",
        "more_time_requested",
        reached={"more_time_requested": MAY_21},
        first_day=MAY_12,
        last_day=MAY_21,
    )
    found = dates(facts)
    assert found["more_time"] == MAY_21
    assert found["objection_ends"] == date(2026, 6, 18)


def test_the_timeline_is_in_date_order_and_the_next_date_is_the_first_ahead() -> None:
    facts = Facts(
        "TAP",
        "consultation_open",
        reached={"determined": date(2025, 10, 24)},
        announced_on=date(2026, 2, 13),
        stated_close=utc(2026, 4, 30, 23, 59),
        first_day=MAY_12,
        last_day=MAY_21,
    )
    line = timeline(facts, TERMS)
    assert [m.on for m in line] == sorted(m.on for m in line)
    assert [m.key for m in line if m.known] == ["determined", "announced"]
    ahead = next_milestone(line, date(2026, 4, 27))
    assert ahead is not None and ahead.key == "consultation_closes"
    after = next_milestone(line, date(2026, 5, 2))
    assert after is not None and after.key == "meeting"
    last = next_milestone(line, date(2026, 5, 13))  # the earliest-meeting bound is not next
    assert last is not None and last.key == "result"


# --- AAP --------------------------------------------------------------------------------


def test_last_call_of_four_weeks_and_result_two_weeks_after() -> None:
    facts = Facts("AAP", "last_call", reached={"consented": MAY_21, "last_call": date(2026, 6, 5)})
    found = dates(facts)
    assert found["last_call_ends"] == date(2026, 7, 3)
    assert found["result"] == date(2026, 7, 17)


def test_additional_review_of_three_weeks() -> None:
    reached = {"last_call": date(2026, 6, 5), "additional_review": date(2026, 7, 20)}
    found = dates(Facts("AAP", "additional_review", reached=reached))
    assert found["additional_review_ends"] == date(2026, 8, 10)
    assert found["result"] == date(2026, 8, 24)


def test_a_meeting_considering_a_draft_is_announced_three_weeks_ahead() -> None:
    reached = {"referred_to_meeting": date(2026, 8, 1)}
    facts = Facts(
        "AAP",
        "referred_to_meeting",
        reached=reached,
        first_day=date(2026, 8, 17),
        last_day=date(2026, 8, 21),
    )
    notice = milestone(facts, "meeting_notice")
    assert notice.on == date(2026, 7, 27)
    assert notice.warning  # referred on 1 August: too late to announce it in time
    assert milestone(facts, "result").on == date(2026, 9, 4)


def test_a_draft_moved_to_tap_has_no_aap_result() -> None:
    reached = {"last_call": date(2026, 6, 5), "moved_to_tap": date(2026, 6, 20)}
    found = dates(Facts("AAP", "moved_to_tap", reached=reached))
    assert found["moved_to_tap"] == date(2026, 6, 20)
    assert "result" not in found


# --- moves ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("procedure", "stage", "target", "reason"),
    [
        ("TAP", "consultation_open", "approved", "can move to Consultation closed"),
        ("TAP", "announced", "last_call", "cannot move to Last Call"),
        ("AAP", "last_call", "additional_review", "Approved, Comment resolution, Moved to TAP"),
        ("AAP", "published", "approved", "has finished its procedure"),
        ("TAP", "not_approved", "approved", "has finished its procedure"),
        ("TAP", "approved", "approved", "already at Approved"),
        ("TAP", "determined", "adopted", "'adopted' is not a stage"),
        ("XYZ", "", "approved", "use TAP or AAP"),
    ],
)
def test_moves_the_procedure_does_not_allow_are_refused_with_the_reason(
    procedure: str, stage: str, target: str, reason: str
) -> None:
    with pytest.raises(StageError, match=reason):
        check_move(procedure, stage, target)


def test_moves_that_are_allowed_and_the_procedure_after() -> None:
    assert check_move("TAP", "consultation_closed", "more_time_requested") is Procedure.TAP
    assert check_move("AAP", "last_call", "approved") is Procedure.AAP
    assert check_move("AAP", "moved_to_tap", "announced") is Procedure.TAP
    # a draft whose stage is not yet set may be put at any stage of its procedure
    assert next_stages("AAP", "") == STAGES[Procedure.AAP]


def test_every_move_leads_to_a_stage_of_the_procedure_it_leaves_in() -> None:
    for procedure, stages in STAGES.items():
        for stage in stages:
            for target in next_stages(procedure, stage):
                after = check_move(procedure, stage, target)
                assert target in STAGES[after], (procedure, stage, target)


# --- tally ------------------------------------------------------------------------------

DEADLINE = utc(2026, 4, 30, 23, 59)
ON_TIME = utc(2026, 4, 20, 10, 0)


def votes(in_favour: int, against: int, at: datetime = ON_TIME) -> list[Vote]:
    return [Vote(f"State {n}", n < in_favour, at) for n in range(in_favour + against)]


@pytest.mark.parametrize(
    ("in_favour", "against", "considered", "text"),
    [
        (7, 3, True, "7 of 10 in favour (70 %): may be considered"),
        (69, 31, False, "69 of 100 in favour (69 %): may not be considered"),
        (2, 1, False, "2 of 3 in favour (66.7 %): may not be considered"),
        (0, 0, True, "no replies counted: may be considered (no replies)"),
        (0, 1, False, "0 of 1 in favour (0 %): may not be considered"),
    ],
)
def test_the_seventy_percent_rule_at_its_edges(
    in_favour: int, against: int, considered: bool, text: str
) -> None:
    result = tally(votes(in_favour, against), DEADLINE, TERMS.threshold_percent)
    assert result.may_be_considered is considered
    assert result.describe() == text


def test_a_late_reply_is_kept_apart_and_not_counted() -> None:
    replies = [*votes(7, 3), Vote("Latecomer", False, utc(2026, 5, 1, 0, 0))]
    result = tally(replies, DEADLINE, 70)
    assert (result.in_favour, result.against, result.late) == (7, 3, ("Latecomer",))
    assert result.describe() == "7 of 10 in favour (70 %); 1 late, not counted: may be considered"


def test_a_reply_within_the_stated_minute_is_on_time() -> None:
    last_second = tally([Vote("A", False, utc(2026, 4, 30, 23, 59, 59))], DEADLINE, 70)
    assert last_second.late == () and last_second.against == 1
    next_minute = tally([Vote("A", False, utc(2026, 5, 1, 0, 0))], DEADLINE, 70)
    assert next_minute.late == ("A",)


def test_the_threshold_is_read_from_the_data() -> None:
    text = (files("sg20desk.resources") / "rules" / "procedures.json").read_text("utf-8")
    data = json.loads(text)
    assert read_terms(text).threshold_percent == data["TAP"]["threshold_percent"]["value"]
    data["TAP"]["threshold_percent"]["value"] = 60
    sixty = read_terms(json.dumps(data))
    assert tally(votes(2, 1), DEADLINE, sixty.threshold_percent).may_be_considered
    data["TAP"]["objection_period"]["amount"] = 6
    six_weeks = read_terms(json.dumps(data)).objection.after(MAY_21)
    assert six_weeks == MAY_21 + timedelta(weeks=6)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["TAP"].pop("objection_period"), "TAP.objection_period is missing"),
        (lambda d: d["AAP"]["last_call"].update(unit="fortnights"), "AAP.last_call needs"),
        (lambda d: d["TAP"]["threshold_percent"].update(value=170), "must be 0 to 100"),
        (lambda d: d["closed_days"].update(dates=["1 May"]), "procedures.json: "),
    ],
)
def test_wrong_procedure_data_names_the_field(change, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(
        (files("sg20desk.resources") / "rules" / "procedures.json").read_text("utf-8")
    )
    change(data)
    with pytest.raises(TermsError, match=message):
        read_terms(json.dumps(data))


def test_every_stage_has_a_label_and_belongs_to_a_procedure() -> None:
    in_some = {s for stages in STAGES.values() for s in stages}
    assert in_some == set(Stage)
    assert set(STAGE_LABELS) == set(Stage)
    assert stage_label("more_time_requested") == "More time requested"
