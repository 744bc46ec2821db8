"""Letters in the shapes they really arrive in: copied from a web page or a PDF (cells run
together, heading and body flattened, hard-wrapped lines, page numbers), of a Working
Party, TSAG or a meeting away from Geneva, with events in sentences, deadlines in Annex A
prose, an older circular without its annexes, and documents that are not TSB letters.

The fixtures in tests/data/letters/shapes/ were written for these tests in the shapes real
letters take; expected.json gives the facts each states, in the form scripts/score_letters.py
reads, with the meeting's fields besides."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from sg20desk.exchange.letters import Kind, LetterError, read_letter, sources_of
from sg20desk.exchange.letters.text import split_lines
from sg20desk.rules.timezones import month_name

ROOT = Path(__file__).resolve().parent.parent
SHAPES = Path(__file__).parent / "data" / "letters" / "shapes"
EXPECTED: dict[str, dict[str, Any]] = json.loads((SHAPES / "expected.json").read_text("utf-8"))
OWN = ("registration", "plenary")


def _read(name: str) -> Any:
    return read_letter((SHAPES / name).read_text("utf-8"), name)


def _each_day(event: dict[str, Any]) -> list[str]:
    first = date.fromisoformat(_day(event, "first_day", "start"))
    last = date.fromisoformat(_day(event, "last_day", "end", "first_day", "start"))
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _day(entry: dict[str, Any], *keys: str) -> str:
    return next(entry[k][:10] for k in keys if entry.get(k))


@pytest.mark.parametrize(
    "name", [n for n, facts in EXPECTED.items() if facts["kind"] != "out-of-scope"]
)
def test_each_letter_gives_the_facts_it_states(name: str) -> None:
    facts = EXPECTED[name]
    reading = _read(name)
    assert reading.kind is (
        Kind.CIRCULAR if facts["kind"].startswith("circular") else Kind.COLLECTIVE_LETTER
    )
    meeting = reading.document["meeting"]
    assert [meeting["first_day"], meeting["last_day"]] == facts["meeting"]
    for field in ("code", "title", "place", "timezone", "opening_time"):
        if field in facts:
            assert meeting.get(field) == facts[field], field
    events = {
        day
        for e in reading.document["events"]
        if e["kind"] not in OWN and not e["title"].endswith(("meeting opens", "plenary"))
        for day in _each_day(e)
    }
    assert set(facts["events"]) <= events  # each day stated is one of an event's days
    firsts = {_day(e, "first_day", "start") for e in reading.document["events"]}
    assert firsts & events <= set(facts["events"])  # and no event starts on a day not stated
    printed = {
        _day(d, "due_date", "due_at")
        for d in reading.document["deadlines"]
        if d.get("due_date") or d.get("due_at")
    }
    assert printed == set(facts["deadlines"])
    assert [d["designation"] for d in reading.document["drafts"]] == facts["drafts"]


def test_a_working_party_meeting_copied_from_a_web_page() -> None:
    reading = _read("wp-copied-from-web.txt")
    document = reading.document
    assert [e["title"] for e in document["events"]] == [
        "WP3/12 participant registration opens",
        "WP3/12 opening plenary",
    ]
    assert document["events"][0]["start"] == "2027-04-12T08:30"
    tasks = {(d["due_date"], d["title"]) for d in document["deadlines"]}
    assert tasks == {
        ("2027-02-12", "Submit ITU-T Member contributions for which translation is requested"),
        ("2027-03-12", "Submit fellowship requests"),
        ("2027-03-12", "Pre-registration (online via the study group homepage)"),
        ("2027-03-31", "Submit ITU-T Member contributions"),
    }
    assert "not read" not in "\n".join(str(w) for w in reading.warnings)


def test_key_deadlines_written_as_text_rows_are_parted_at_their_dates() -> None:
    reading = _read("deadlines-in-prose-rows.txt")
    tasks = [(d["due_date"], d["title"]) for d in reading.document["deadlines"]]
    assert tasks == [
        ("2027-02-19", "Submit contributions for which translation is requested"),
        ("2027-03-19", "Submit fellowship requests"),
        ("2027-04-06", "Submit ITU-T Member contributions"),
    ]


def test_a_table_cell_of_several_bulleted_tasks_gives_a_task_each() -> None:
    text = (SHAPES / "deadlines-in-prose-rows.txt").read_text("utf-8")
    row = (
        "19 March 2027: Submit fellowship requests 6 April 2027 - Submit ITU-T Member contributions"
    )
    assert row in text
    cell = "19 March 2027\t- Submit fellowship requests - Pre-register for the meeting"
    reading = read_letter(text.replace(row, cell), "cells.txt", whole_paragraphs=True)
    tasks = [(d["due_date"], d["title"]) for d in reading.document["deadlines"]]
    assert ("2027-03-19", "Submit fellowship requests") in tasks
    assert ("2027-03-19", "Pre-register for the meeting") in tasks


def test_lines_that_are_paragraphs_already_are_not_joined() -> None:
    text = "Key deadlines:\n- Submit ITU-T Member contributions\nsometime in September"
    assert len(split_lines(text, "t", rejoin=False)) == 3
    assert len(split_lines(text, "t")) == 2  # a copy's wrapped line is joined


def test_a_regional_group_hosted_abroad_in_many_shapes() -> None:
    reading = _read("rg-hosted-many-shapes.txt")
    document = reading.document
    events = {e["title"]: e for e in document["events"]}
    webinar = events["SG12 Newcomers webinar"]  # its own "Geneva time" over the list's
    assert (webinar["start"], webinar["timezone"]) == ("2029-05-10T13:00", "Europe/Zurich")
    assert webinar["registration_required"] and webinar["virtual"]
    assert events["Orientation for first-time delegates"]["start"] == "2029-05-13T15:00"
    assert events["Workshop on quality of experience for cloud gaming"]["first_day"] == (
        "2029-05-16"
    )
    assert events["SG12RG-AP participant registration opens"]["start"] == "2029-05-14T08:00"
    assert events["SG12RG-AP meeting opens"]["start"] == "2029-05-14T09:00"
    assert events["SG12RG-AP opening plenary"]["start"] == "2029-05-15T14:00"
    deadlines = [(d.get("due_date"), d["title"]) for d in document["deadlines"]]
    assert deadlines == [
        ("2029-03-13", "Submit fellowship requests"),
        ("2029-04-14", "Pre-registration"),
        ("2029-04-14", "Request a visa invitation letter from the host"),
        ("2029-05-02", "Submit contributions"),
        ("2029-05-02", "Submit requests for interpretation"),
        ("2029-04-20", "Register for the meeting"),
        ("2029-04-01", "Book a hotel at the rates offered"),
    ]  # and no visa rule counted from travel, no translation deadline
    agenda = [(i["number"], [c["number"] for c in i["children"]]) for i in document["agenda"]]
    assert agenda == [("1", []), ("2", []), ("3", ["3.1", "3.2"]), ("4", [])]


def test_a_circular_wrapped_and_numbered_the_older_way() -> None:
    reading = _read("circular-2006-dual.txt")
    (deadline,) = reading.document["deadlines"]
    assert (
        deadline["title"]
        == "Reply to the consultation of TSB Circular 88 (2 draft Recommendations)"
    )
    assert deadline["due_at"] == "2006-05-11T23:59"
    first = reading.document["drafts"][0]
    assert (first["designation"], first["former_name"], first["is_new"]) == (
        "ITU-T G.8275.1/Y.1369.1",
        "G.ptp-phase",
        True,
    )
    assert reading.warnings == []


def test_an_older_letter_in_prose_with_its_annexes_numbered_otherwise() -> None:
    reading = _read("sg-older-prose-annexes.txt")
    events = {e["title"]: e for e in reading.document["events"]}
    assert events['Forum on "Numbering for the Internet of Things"']["first_day"] == "2010-11-07"
    jrg = events["Meeting of the Joint Rapporteur Group on ENUM"]
    assert (jrg["first_day"], jrg["last_day"]) == ("2010-11-05", "2010-11-06")
    assert events["Tutorial on numbering resources"]["first_day"] == "2010-11-09"
    assert (events["Working Party 2/2"]["first_day"], events["Working Party 2/2"]["last_day"]) == (
        "2010-11-12",
        "2010-11-16",
    )
    assert not any("Study Group 2" in title for title in events)  # the meeting itself
    deadlines = {d["title"]: d for d in reading.document["deadlines"]}
    assert deadlines["Request a visa support letter"]["due_date"] == "2010-10-06"
    assert "rule" not in deadlines["Request a visa support letter"]  # 3 weeks before travel
    contributions = deadlines["Submit contributions"]
    assert (contributions["due_at"], contributions["timezone"]) == ("2010-10-27T23:59", "UTC")
    assert deadlines["Send the list of your delegation"]["due_date"] == "2010-10-22"
    assert deadlines["Book a hotel at the rates offered"]["due_date"] == "2010-10-01"
    assert [i["title"] for i in reading.document["agenda"]] == [
        "Opening of the meeting",
        "Approval of the agenda",
        "Closing of the meeting",
    ]


def test_events_announced_in_sentences_take_the_meetings_year_and_zone() -> None:
    events = {e["title"]: e for e in _read("sg-flattened-montevideo.txt").document["events"]}
    workshop = events["Workshop on the economics of data flows"]
    assert (workshop["first_day"], workshop["timezone"]) == ("2027-06-06", "America/Montevideo")
    jca = events["JCA-PRICE"]
    assert jca["first_day"] == "2027-06-09" and jca["kind"] == "jca"
    assert jca["notes"].startswith("In the afternoon")
    regional = events["Meeting of the Regional Group for Latin America and the Caribbean"]
    assert (regional["start"], regional["end"]) == ("2027-06-08T18:00", "2027-06-08T20:00")
    assert events["SG3 opening plenary"]["start"] == "2027-06-07T10:00"


def test_an_opening_plenary_after_the_first_day_is_its_own_event() -> None:
    events = {e["title"]: e for e in _read("sg-annex-a-prose.txt").document["events"]}
    assert events["SG11 meeting opens"]["start"] == "2027-08-30T09:30"
    plenary = events["SG11 opening plenary"]
    assert plenary["first_day"] == plenary["last_day"] == "2027-09-02"
    assert "morning" in plenary["notes"]


def test_annex_a_prose_gives_dated_deadlines_with_their_rules() -> None:
    deadlines = {d["title"]: d for d in _read("sg-annex-a-prose.txt").document["deadlines"]}
    contributions = deadlines["Submit contributions"]
    assert contributions["due_date"] == "2027-08-18"
    assert contributions["rule"] == {
        "amount": 12,
        "unit": "calendar_days",
        "anchor": "meeting_start",
    }
    assert deadlines["Submit fellowship requests"]["due_date"] == "2027-07-19"
    translation = deadlines["Submit contributions for which translation is requested"]
    assert "due_date" not in translation and translation["rule"]["unit"] == "months"


def test_a_tsag_e_meeting_is_online_in_geneva_time() -> None:
    reading = _read("tsag-e-meeting.txt")
    assert reading.reference == "TSB Collective letter 2/TSAG"
    newcomers = next(e for e in reading.document["events"] if e["kind"] == "newcomers")
    assert (newcomers["start"], newcomers["virtual"]) == ("2028-01-07T12:00", True)


def test_an_older_circular_without_annexes_names_its_drafts_and_deadline() -> None:
    reading = _read("circular-old-wording.txt")
    assert reading.reference == "TSB Circular 77"
    (deadline,) = reading.document["deadlines"]
    assert (deadline["due_at"], deadline["timezone"]) == ("2027-11-22T23:59", "UTC")
    said = "\n".join(str(w) for w in reading.warnings)
    assert "no Annex 1: the drafts are those the text names (ITU-T J.1401, ITU-T J.1402)" in said
    assert all(d["is_new"] and d["title"] == "" for d in reading.document["drafts"])


def test_a_reply_time_that_is_not_one_keeps_the_day_and_says_so() -> None:
    text = (SHAPES / "circular-old-wording.txt").read_text("utf-8")
    reading = read_letter(text.replace("2400 hours UTC", "24000 hours UTC"), "typo.txt")
    (deadline,) = reading.document["deadlines"]
    assert deadline["due_at"] == "2027-11-22T23:59"
    said = "\n".join(str(w) for w in reading.warnings)
    assert "typo.txt: line 1: the reply deadline 'by 24000 hours UTC on 22 November 2027'" in said
    assert "'24000' is not a time" in said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (SHAPES.joinpath("itu-d-letter.txt").read_text("utf-8"), "Telecommunication Development"),
        (
            "Radiocommunication Bureau (BR)\nCircular Letter 5/LCCE/99\nSubject: Meetings of "
            "Working Parties 5A and 5B; Geneva, 1-5 March 2027\nDear Sir/Madam,\n",
            "Radiocommunication Bureau (ITU-R)",
        ),
        ("TEMPORARY DOCUMENT\nTD 123 (PLEN/13)\nSource: Editor\n", "a temporary document"),
    ],
)
def test_documents_that_are_not_tsb_letters_are_refused_with_what_they_appear_to_be(
    text: str, said: str
) -> None:
    with pytest.raises(LetterError) as refused:
        read_letter(text, "other.txt")
    message = str(refused.value)
    assert message.startswith("other.txt: appears to be ") and said in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("subject", "appears"),
    [
        ("Approval of ITU-T Recommendations Y.4470 and Y.4471", "names no Recommendation"),
        ("Proposed deletion of ITU-T Recommendation Q.1234", "gives no reply deadline"),
    ],
)
def test_circulars_that_open_no_consultation_and_name_no_result_are_refused(
    subject: str, appears: str
) -> None:
    text = (
        "Geneva, 1 March 2027\nRef: TSB Circular 90\nSubject: "
        f"{subject}\nDear Sir/Madam,\n1 I have the honour to inform you that at the meeting of "
        "Study Group 20 held from 1 to 10 February 2027 these Recommendations were approved.\n"
    )
    if "deletion" in subject:
        text = text.replace("were approved", "are proposed for deletion of the list")
    with pytest.raises(LetterError, match=appears):
        read_letter(text, "c90.txt")


def test_a_date_no_fact_took_is_reported_with_its_line() -> None:
    text = (SHAPES / "sg-annex-a-prose.txt").read_text("utf-8")
    text = text.replace(
        "FELLOWSHIPS:", "A cocktail for delegates is foreseen on 29 August 2027.\nFELLOWSHIPS:"
    )
    line = text.splitlines().index(next(t for t in text.splitlines() if "cocktail" in t)) + 1
    reading = read_letter(text, "x.txt")
    said = [str(w) for w in reading.warnings if "'29 August 2027'" in w.message]
    assert len(said) == 1
    assert said[0].startswith(f"x.txt: line {line}: a date not read as a deadline or an event")


def test_every_fact_read_says_the_line_it_was_read_from() -> None:
    name = "sg-flattened-montevideo.txt"
    text = (SHAPES / name).read_text("utf-8").splitlines()
    reading = _read(name)
    sources = sources_of([reading])
    for event in reading.document["events"]:
        file, line = sources[event["id"]]
        day = date.fromisoformat(event.get("first_day") or event["start"][:10])
        said = "will open" if event["kind"] == "plenary" else f"{day.day} {month_name(day)}"
        assert file == name and said in text[line - 1], event
    letter = _read("wp-copied-from-web.txt")
    lines = (SHAPES / "wp-copied-from-web.txt").read_text("utf-8").splitlines()
    for deadline in letter.document["deadlines"]:
        _file, line = sources_of([letter])[deadline["id"]]
        assert deadline["title"].split()[-1] in lines[line - 1], (deadline, lines[line - 1])


HYBRID = """Geneva, 3 May 2023
Ref: TSB Collective letter 8/17
Subject
Meeting of Study Group 17; Geneva, 29 August - 8 September 2023

Dear Sir/Madam,

1 I invite you to the meeting of Study Group 17 (Security), at ITU headquarters, Geneva, from
29 August to 8 September 2023. The meeting will open at 0930 hours on the first day.
Registration will open at 0830 hours on 29 August 2023 at the Montbrillant entrance.

2 The following events are also planned:
- Monday, 28 August 2023, 1000-1600 hours: Workshop on "Post-quantum migration", ITU
headquarters and online. Registration is required.
- 31 August, 12:30-13:30: Joint Coordination Activity on identity (JCA-IdM) (in person, room H)

Yours faithfully,
Director
"""


def test_hybrid_events_times_with_colons_and_a_subject_label_alone() -> None:
    reading = read_letter(HYBRID, "hybrid.txt")
    meeting = reading.document["meeting"]
    assert (meeting["first_day"], meeting["place"]) == ("2023-08-29", "ITU headquarters, Geneva")
    events = {e["title"]: e for e in reading.document["events"]}
    workshop = events['Workshop on "Post-quantum migration"']
    assert workshop["start"] == "2023-08-28T10:00" and not workshop["virtual"]
    assert workshop["registration_required"] and "online for remote" in workshop["notes"]
    jca = events["Joint Coordination Activity on identity (JCA-IdM)"]
    assert (jca["start"], jca["end"]) == ("2023-08-31T12:30", "2023-08-31T13:30")
    assert events["SG17 participant registration opens"]["place"] == "Montbrillant entrance"


def test_annex_1_headings_with_a_tds_number_and_revised_drafts_named_in_a_list() -> None:
    circular = (SHAPES / "circular-2006-dual.txt").read_text("utf-8")
    heading = "1. Draft new Recommendation G.8275.1/Y.1369.1 (ex G.ptp-phase)"
    assert heading in circular
    reading = read_letter(circular.replace(heading, heading + " (SG15-TD412/WP3)"), "c.txt")
    first = reading.document["drafts"][0]
    assert (first["former_name"], first["title"]) == (
        "G.ptp-phase",
        "Precision time protocol profile for phase synchronization",
    )
    without = circular.split("ANNEX 1")[0].replace(
        "draft Recommendations\nG.8275.1/Y.1369.1 and G.9900",
        "draft revised Recommendations\nITU-T G.8275.1/Y.1369.1 and ITU-T G.9900",
    )
    drafts = read_letter(without, "c.txt").document["drafts"]
    assert [(d["designation"], d["is_new"]) for d in drafts] == [
        ("ITU-T G.8275.1/Y.1369.1", False),
        ("ITU-T G.9900", False),
    ]


def test_ordinals_month_first_dates_and_a_table_with_notes() -> None:
    reading = _read("rg-ordinals-us-dates.txt")
    deadlines = {d["title"]: d for d in reading.document["deadlines"]}
    assert (deadlines["Contributions"]["due_at"], deadlines["Contributions"]["timezone"]) == (
        "2026-02-23T23:59",
        "UTC",
    )
    assert deadlines["Submit fellowship requests"]["due_date"] == "2026-02-13"  # not its note
    assert not any("Form on the regional" in title for title in deadlines)
    assert reading.document["meeting"]["source_date"] == "2025-11-20"
    said = "\n".join(str(w) for w in reading.warnings)
    assert "'20 to 29 April 2026'" in said  # the study group's own meeting: told, not an event


def test_an_agenda_flattened_onto_its_annexs_heading_line() -> None:
    text = (SHAPES / "sg-flattened-montevideo.txt").read_text("utf-8")
    text += "Annexes: 2 ANNEX B Draft agenda 1 Opening 2 Adoption of the agenda 3 Closing\n"
    reading = read_letter(text, "flat.txt")
    assert [(i["number"], i["title"]) for i in reading.document["agenda"]] == [
        ("1", "Opening"),
        ("2", "Adoption of the agenda"),
        ("3", "Closing"),
    ]


def test_events_on_days_the_meeting_gives() -> None:
    text = (SHAPES / "sg-flattened-montevideo.txt").read_text("utf-8")
    said = "A one-day workshop on the economics of data flows will be held on Sunday, 6 June 2027."
    assert said in text
    events = {
        e["title"]: e
        for e in read_letter(
            text.replace(
                said,
                "A workshop on data flows will be held on the day before the meeting. A dinner "
                "for the delegates will take place on the Friday before the meeting. A briefing "
                "will be held on the last day of the meeting.",
            ),
            "rel.txt",
        ).document["events"]
    }  # the meeting runs from Monday 7 to Friday 11 June 2027
    assert events["Workshop on data flows"]["first_day"] == "2027-06-06"
    assert events["Dinner for the delegates"]["first_day"] == "2027-06-04"
    assert events["Briefing"]["first_day"] == "2027-06-11"


ROUND_FIVE = """Geneva, 2 October 2028
Ref: TSB Collective letter 4/12
Subject: Meeting of Study Group 12; Geneva, 15-24 January 2029

Dear Sir/Madam,

1  I invite you to the meeting of Study Group 12 (Performance), at ITU headquarters, Geneva,
from 15 to 24 January 2029. A Quality of Service Development Group (QSDG) meeting will be
held on Sunday, 14 January 2029, at the same venue.

2  On Tuesday, 16 January 2029, a tutorial on quality models will be offered at lunchtime.

3 Key deadlines:
- Registration (online, via the SG12 homepage): 15 December 2028
- Submission of Member contributions: 3 January 2029

4  I should be grateful if you would let me know by
2359 hours UTC on 3 January 2029 whether your delegation will attend.

Yours faithfully,
Director
"""


def test_tasks_before_their_dates_and_events_after_theirs() -> None:
    reading = read_letter(ROUND_FIVE, "r5.txt")
    deadlines = [(_day(d, "due_date", "due_at"), d["title"]) for d in reading.document["deadlines"]]
    assert ("2028-12-15", "Registration (online, via the SG12 homepage)") in deadlines
    assert ("2029-01-03", "Submission of Member contributions") in deadlines
    events = {e["title"]: e for e in reading.document["events"]}
    assert events["Quality of Service Development Group (QSDG) meeting"]["first_day"] == (
        "2029-01-14"
    )
    assert events["Tutorial on quality models"]["first_day"] == "2029-01-16"


# --- the text as copies give it ------------------------------------------------------------


def test_cells_copied_as_slashes_bars_or_spaces_become_cells() -> None:
    lines = split_lines(
        "Ref: / TSB Collective letter 1/15 / - To Administrations\n"
        "6 June 2027 | - Submit contributions\n"
        "No    Item      Documents\n"
        "remote participation only / virtual meeting for all of the sessions of the group",
        "t",
    )
    assert [line.cells for line in lines] == [
        ["Ref:", "TSB Collective letter 1/15", "- To Administrations"],
        ["6 June 2027", "- Submit contributions"],
        ["No", "Item", "Documents"],
        ["remote participation only / virtual meeting for all of the sessions of the group"],
    ]


def test_a_flattened_heading_and_body_are_split_again_on_their_line() -> None:
    lines = split_lines(
        "Geneva, 2 March 2027 Ref: TSB Collective letter 4/3 - To Administrations Tel: +41 "
        "Subject: Meeting of Study Group 3; Montevideo, 7 to 11 June 2027\n"
        "Dear Sir/Madam, 1 It is my pleasure to invite you to 5 draft sessions. 2 The meeting "
        "will open at 1000 hours. 3 Yours is the choice.",
        "t",
    )
    assert [(line.number, line.text) for line in lines] == [
        (1, "Geneva, 2 March 2027"),
        (1, "Ref: TSB Collective letter 4/3 - To Administrations"),
        (1, "Tel: +41"),
        (1, "Subject: Meeting of Study Group 3; Montevideo, 7 to 11 June 2027"),
        (2, "Dear Sir/Madam,"),
        (2, "1 It is my pleasure to invite you to 5 draft sessions."),
        (2, "2 The meeting will open at 1000 hours."),
        (2, "3 Yours is the choice."),
    ]


def test_hard_wrapped_lines_are_joined_and_run_together_words_parted() -> None:
    lines = split_lines(
        "- 4 -\nThe meeting of Study Group 11 (Signalling requirements, protocols,\n"
        "test specifications) will open at0930 hours on 6February 2027 as set out in\n"
        "AnnexB.\nKey deadlines:\n6 June 2027",
        "t",
    )
    assert [(line.number, line.text) for line in lines] == [
        (1, ""),
        (
            2,
            "The meeting of Study Group 11 (Signalling requirements, protocols, test "
            "specifications) will open at 0930 hours on 6 February 2027 as set out in Annex B.",
        ),
        (5, "Key deadlines:"),
        (6, "6 June 2027"),
    ]


# --- measured as a user would: the scorer over the folder --------------------------------


@pytest.mark.slow
def test_the_scorer_finds_every_stated_fact_of_these_letters() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "score_letters.py"), str(SHAPES)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    total = sum(
        len(facts[kind]) if kind != "meeting" else 1
        for facts in EXPECTED.values()
        if facts["kind"] != "out-of-scope"
        for kind in ("meeting", "events", "deadlines", "drafts")
    )
    assert f"all: {total}/{total} (100 %)" in done.stdout, done.stdout
    assert "refusals: 1/1 (100 %)" in done.stdout
