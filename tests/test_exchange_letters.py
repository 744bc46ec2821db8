"""Reading TSB letters: the two seed documents, letters of other shapes, and any text."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sg20desk.exchange import meeting_json
from sg20desk.exchange.builtin import builtin_text
from sg20desk.exchange.letters import Kind, LetterError, Reading, combine, read_letter
from tests.conftest import CIRCULAR, LETTER, seed_text

DATA = Path(__file__).parent / "data" / "letters"


def outline(items: list[dict[str, Any]], depth: int = 0) -> list[tuple[int, str | None, str]]:
    out = []
    for item in items:
        out.append((depth, item["number"], item["title"]))
        out.extend(outline(item["children"], depth + 1))
    return out


def messages(reading_or_warnings: Reading | list[Any]) -> str:
    warnings = (
        reading_or_warnings.warnings
        if isinstance(reading_or_warnings, Reading)
        else reading_or_warnings
    )
    return "\n".join(str(w) for w in warnings)


@pytest.fixture(scope="module")
def letter() -> Reading:
    return read_letter(seed_text(LETTER), LETTER)


@pytest.fixture(scope="module")
def circular() -> Reading:
    return read_letter(seed_text(CIRCULAR), CIRCULAR)


def test_the_collective_letter_gives_the_meeting(letter: Reading) -> None:
    assert (letter.kind, letter.reference, letter.dated) == (
        Kind.COLLECTIVE_LETTER,
        "TSB Collective letter 3/20",
        date(2026, 2, 13),
    )
    meeting = letter.document["meeting"]
    assert meeting["code"] == "SG20-2026-05" and meeting["group"] == "SG20"
    assert meeting["title"] == (
        "Meeting of ITU-T Study Group 20 (Internet of Things, digital twins and smart "
        "sustainable cities and communities)"
    )
    assert meeting["place"] == "ITU headquarters, Geneva, Switzerland"
    assert (meeting["first_day"], meeting["last_day"]) == ("2026-05-12", "2026-05-21")
    assert (meeting["timezone"], meeting["opening_time"], meeting["registration_time"]) == (
        "Europe/Zurich",
        "15:30",
        "08:30",
    )
    assert letter.warnings == []


def test_side_events_keep_their_times_place_and_registration(letter: Reading) -> None:
    events = {e["title"]: e for e in letter.document["events"]}
    clinic = events["Bridging the Standardization Gap (BSG) and Contribution Clinic session"]
    assert (clinic["start"], clinic["end"], clinic["virtual"]) == (
        "2026-03-02T12:00",
        "2026-03-02T14:00",
        True,
    )
    assert clinic["kind"] == "training" and clinic["timezone"] == "Europe/Zurich"
    days = events["3rd UN Virtual Worlds Day"]  # "Virtual" in a title is not a virtual event
    assert (days["first_day"], days["last_day"], days["virtual"]) == (
        "2026-05-11",
        "2026-05-12",
        False,
    )
    jca = events["Joint Coordination Activity on Metaverse Standardization (JCA-MV) meeting"]
    assert jca["registration_required"] and not jca["virtual"] and jca["kind"] == "jca"
    assert (jca["start"], jca["end"], jca["place"]) == (
        "2026-05-13T08:30",
        "2026-05-13T10:30",
        "Geneva, Switzerland",
    )
    assert not events["2nd Citiverse Assembly"]["registration_required"]
    assert events["SG20 opening plenary"]["start"] == "2026-05-12T15:30"
    assert events["SG20 participant registration opens"]["place"] == (
        "Montbrillant building entrance"
    )
    assert len(events) == 9


def test_key_deadlines_take_their_rules_and_the_circulars_hour(letter: Reading) -> None:
    deadlines = letter.document["deadlines"]
    by_start = {d["title"].split(" (")[0]: d for d in deadlines}
    captioning = by_start["Submit requests for real-time captioning"]
    assert captioning["due_date"] == "2026-03-13"
    assert captioning["rule"] == {"amount": 2, "unit": "months", "anchor": "meeting_start"}
    assert by_start["Pre-registration"]["rule"]["amount"] == 1
    assert by_start["Submit requests for visa support letters"]["rule"]["unit"] == "months"
    assert "rule" not in by_start["Submit ITU-T Member Contributions"]
    annex2 = next(d for d in deadlines if "Annex 2 of TSB Circular 106" in d["title"])
    assert (annex2["due_at"], annex2["timezone"]) == ("2026-04-30T23:59", "UTC")
    remote = by_start["Request interactive remote participation for a session"]
    assert remote["rule"] == {"amount": 24, "unit": "hours", "anchor": "session_start"}
    # the fellowship's "seven weeks before" is advice, not a deadline
    assert len(deadlines) == 8


def test_the_agenda_is_the_annex_b_tree_as_the_built_in_meeting_holds_it(
    letter: Reading,
) -> None:
    built_in = json.loads(builtin_text())["agenda"]
    assert outline(letter.document["agenda"]) == outline(built_in)
    seven = letter.document["agenda"][6]
    assert [c["number"] for c in seven["children"]] == [f"7.{n}" for n in range(1, 11)]
    unnumbered = letter.document["agenda"][18]["children"][0]["children"]
    assert [u["title"] for u in unnumbered][:2] == [
        "Approval of new work items",
        "Consent of Recommendations",
    ]
    assert not any(u["numbered"] for u in unnumbered)


def test_the_circular_gives_each_draft(circular: Reading) -> None:
    assert (circular.kind, circular.reference, circular.dated) == (
        Kind.CIRCULAR,
        "TSB Circular 106",
        date(2026, 2, 13),
    )
    drafts = circular.document["drafts"]
    built_in = json.loads(builtin_text())["drafts"]
    assert [d["designation"] for d in drafts] == [d["designation"] for d in built_in]
    for found, known in zip(drafts, built_in, strict=True):
        for name in ("former_name", "is_new", "title", "report_number", "procedure"):
            assert found[name] == known[name], (found["designation"], name)
        assert found["consultation_deadline"] == {"at": "2026-04-30T23:59", "timezone": "UTC"}
        assert found["consultation_threshold_percent"] == 70
        # the reader writes the non-breaking hyphen (U+2011) of "twin‑based" as a hyphen
        first = known["summary"].split("\n\n")[0].replace("\u2011", "-")
        assert found["summary"].split("\n\n")[0] == first
    with_ipr = [d["designation"] for d in drafts if d["ipr_statements"]]
    assert with_ipr == ["ITU-T Y.4420"]
    assert circular.warnings == []


def test_letter_and_circular_join_and_their_disagreement_is_reported(
    letter: Reading, circular: Reading
) -> None:
    document, warnings = combine([letter, circular])
    text = messages(warnings)
    assert f"{LETTER}: line 47: TSB Collective letter 3/20 dates TSB Circular 106 " in text
    assert "12 February 2026, but the circular itself says 13 February 2026" in text
    assert all(d["circular_date"] == "2026-02-13" for d in document["drafts"])
    linked = [i["draft"] for i in document["agenda"][6]["children"]]
    assert linked[0] == "ITU-T Y.4241" and len(linked) == 10
    meeting_json.parse_data(document, "joined")  # a valid meeting document


def test_a_letter_of_another_group_place_and_shape() -> None:
    # Windows line endings, rows of tab-separated cells, bullets written "•", four levels,
    # an unnumbered line, a gap in the numbers, a date and an event that cannot be read
    text = (DATA / "sg13-collective-letter.txt").read_bytes().decode()
    assert "\r\n" in text
    found = read_letter(text, "sg13.txt")
    meeting = found.document["meeting"]
    assert (meeting["code"], meeting["timezone"], meeting["place"]) == (
        "SG13-2027-10",
        "Africa/Nairobi",
        "Nairobi, Kenya",
    )
    assert outline(found.document["agenda"]) == [
        (0, "1", "Opening of the meeting"),
        (0, "2", "Approval of the agenda"),
        (0, "3", "Documents and contributions"),
        (1, "3.1", "Contributions to Question 1/13"),
        (2, "3.1.1", "Proposals on network slicing"),
        (3, "3.1.1.1", "Slicing for industrial IoT"),
        (4, None, "Reports of rapporteur meetings"),
        (1, "3.2", "Incoming liaison statements"),
        (0, "4", "Any other business"),
        (0, "5", "Closure"),
    ]
    agenda = found.document["agenda"]
    assert agenda[1]["documents"] == ["TD101 Rev.1"]
    assert agenda[2]["children"][0]["documents"] == ["C 012", "C 013"]
    text_of = messages(found)
    assert "sg13.txt: line 43: item 5 follows 3.2" in text_of
    assert "sg13.txt: line 19: not read as a due date" in text_of
    assert "sg13.txt: line 20: task not read, its date above was not read: - Pre-registration" in (
        text_of
    )
    assert "sg13.txt: line 12: not read: no date found for the event" in text_of
    workshop = next(e for e in found.document["events"] if e["kind"] == "workshop")
    assert (workshop["start"], workshop["timezone"], workshop["registration_required"]) == (
        "2027-10-05T09:00",
        "Africa/Nairobi",
        True,
    )
    titles = {d["title"]: d for d in found.document["deadlines"]}
    # pre-registration's date was unreadable, its Annex A rule still gives a deadline
    assert titles["Pre-register for the meeting"]["rule"]["unit"] == "weeks"
    assert titles["Request interactive remote participation for a session"]["rule"]["amount"] == 48
    assert "Submit ITU-T Member contributions" in titles
    assert not any("book" in t.casefold() for t in titles)  # "recommended": advice


MANY_DRAFTS_TASK = (
    "Submit the form in Annex 2 of TSB Circular 12 concerning TAP Member State consultation "
    "on determined draft Recommendations ITU-T Y.3101 (ex Y.sec-a), ITU-T Y.3102, "
    "ITU-T Y.3103 (ex Y.nw-b) and ITU-T Y.3104"
)


def with_draft_tasks(text: str) -> str:
    """The SG13 letter with two more key deadlines: a task listing four drafts and one
    listing two."""
    after = "\t-\tSubmit ITU-T Member contributions\r\n"
    assert after in text
    added = (
        f"\t30 September 2027\r\n\t-\t{MANY_DRAFTS_TASK}\r\n"
        "\t-\tComment on draft Recommendations ITU-T Y.3201 and ITU-T Y.3202 (ex Y.q)\r\n"
    )
    return text.replace(after, after + added)


def test_a_task_listing_many_drafts_names_their_number() -> None:
    text = with_draft_tasks((DATA / "sg13-collective-letter.txt").read_bytes().decode())
    found = read_letter(text, "sg13.txt")
    due = {d["title"]: d.get("due_date") for d in found.document["deadlines"]}
    short = (
        "Submit the form in Annex 2 of TSB Circular 12 concerning TAP Member State "
        "consultation on 4 determined draft Recommendations"
    )
    assert due[short] == "2027-09-30"
    assert due["Comment on draft Recommendations ITU-T Y.3201 and ITU-T Y.3202 (ex Y.q)"] == (
        "2027-09-30"
    )  # two drafts are still named
    assert not any("Y.3101" in title for title in due)


def test_annex_a_describes_the_sessions_the_letter_invites_to() -> None:
    text = (DATA / "sg13-collective-letter.txt").read_bytes().decode()
    annex = "Practical meeting information\r\n"
    assert annex in text
    text = text.replace(
        annex,
        annex
        + "\u00b7 28 September 2027, 1300 to 1430 hours: SG13 Newcomers session \u2013 Meet the "
        "leadership team and learn how SG13 works.\r\n"
        "\u00b7 28 September 2027, 1500 to 1600 hours: Mentoring - No event at this time.\r\n",
    )
    found = read_letter(text, "sg13.txt")
    notes = {e["title"]: e["notes"] for e in found.document["events"]}
    assert notes["SG13 Newcomers session"] == "Meet the leadership team and learn how SG13 works."
    assert not any("No event" in n for n in notes.values())
    assert notes["Future Networks Workshop"] == "Registration for the workshop is required."


LONG = 300_000  # characters on one line: a hostile file, within the 2 MiB a letter may have


@pytest.mark.parametrize(
    ("letter", "after", "repeated"),
    [
        ("sg13-collective-letter.txt", "• A Future Networks Workshop", "registration is "),
        ("sg13-collective-letter.txt", "\t-\tSubmit ITU-T Member contributions", " ITU-T Y.1 (ex "),
        ("sg13-collective-letter.txt", "Practical meeting information", " 1200 to 1400 hours"),
        ("sg13-circular.txt", "Annex 1", " replies by 2359 hours UTC on 30 April 2026"),
        # cells copied as " / ", a paragraph wrapped into thousands of lines, a flattened
        # body numbered 1, 2, 3 ...
        ("sg13-collective-letter.txt", "Key deadlines:\r\n", "a / "),
        ("sg13-collective-letter.txt", "I look forward", " the meeting goes on and\r\n"),
        ("sg13-collective-letter.txt", "Dear Sir/Madam,", " 1 Go. 2 Go. 3 Go."),
    ],
)
def test_long_lines_made_to_slow_the_reader_are_read(
    letter: str, after: str, repeated: str
) -> None:
    """Each case once took time growing with the square of the line's length (minutes for
    this one): the reader must stay linear, whatever a file holds."""
    text = (DATA / letter).read_bytes().decode()
    assert after in text
    text = text.replace(after, after + repeated * (LONG // len(repeated)), 1)
    found = read_letter(text, letter)
    assert found.document["meeting"]["code"] == "SG13-2027-10"


def test_a_circular_of_another_group_with_a_revised_draft() -> None:
    found = read_letter((DATA / "sg13-circular.txt").read_text(), "c241.txt")
    drafts = found.document["drafts"]
    assert [
        (d["designation"], d["is_new"], d["former_name"], d["report_number"]) for d in drafts
    ] == [
        ("ITU-T Y.3210", True, "Y.FN-slice", "SG13-R5"),
        ("ITU-T Y.3001", False, "", "SG13-R6"),
    ]
    assert drafts[0]["summary"] == (
        "This Recommendation gives a framework of network slicing.\n\n"
        "It covers requirements and architecture."
    )
    assert drafts[1]["ipr_statements"].startswith("As of the date of this Circular, two IPR")
    assert drafts[0]["consultation_deadline"] == {"at": "2027-09-24T23:59", "timezone": "UTC"}
    assert "c241.txt: line 37: the reply form lists ITU-T Y.3999" in messages(found)
    # its reply deadline is a deadline of the meeting, for the lists and the reminders
    assert [(d["title"], d["due_at"], d["timezone"]) for d in found.document["deadlines"]] == [
        (
            "Return the Annex 2 reply form of TSB Circular 241 (2 draft Recommendations)",
            "2027-09-24T23:59",
            "UTC",
        )
    ]
    letter = read_letter((DATA / "sg13-collective-letter.txt").read_text(), "sg13.txt")
    joined, _ = combine([letter, found])
    assert len(joined["drafts"]) == 2
    named = [d["title"] for d in joined["deadlines"] if "Circular 241" in d["title"]]
    assert len(named) == 1 and len(joined["deadlines"]) == len(letter.document["deadlines"]) + 1


def test_a_letter_listing_the_reply_deadline_speaks_for_it(letter: Reading) -> None:
    circular = read_letter(seed_text(CIRCULAR), CIRCULAR)
    assert circular.document["deadlines"][0]["title"].startswith(
        "Return the Annex 2 reply form of TSB Circular 106 (10 draft"
    )
    joined, _ = combine([letter, circular])
    named = [d["title"] for d in joined["deadlines"] if "Circular 106" in d["title"]]
    assert named == [
        "Submit the form in Annex 2 of TSB Circular 106 concerning TAP Member State "
        "consultation on 10 determined draft Recommendations"
    ]


def test_reading_twice_gives_the_same_identifiers(letter: Reading) -> None:
    again = read_letter(seed_text(LETTER), LETTER)
    assert again.document == letter.document
    ids = [i["id"] for i in _walk(letter.document["agenda"])]
    assert len(set(ids)) == len(ids)


def _walk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [x for item in items for x in (item, *_walk(item["children"]))]


def test_letters_about_different_meetings_are_not_joined(letter: Reading) -> None:
    other = read_letter((DATA / "sg13-circular.txt").read_text(), "c241.txt")
    with pytest.raises(LetterError, match="different meetings"):
        combine([letter, other])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "x.txt: not a TSB Collective letter or Circular"),
        ("Dear colleague,\nplease come.", "x.txt: not a TSB Collective letter or Circular"),
        ("Ref: TSB Circular 9\nDear Sir,\nNothing else.", "x.txt: the circular names no study"),
        (
            "Ref: TSB Collective letter 1/5\nSubject: Meeting of Study Group 5\nDear Sir,\n",
            "x.txt: the meeting's dates are given neither",
        ),
        ("a\x00b", "x.txt: holds binary data"),
        ("x" * (3 * 1024 * 1024), "x.txt: larger than 2 MiB"),
    ],
)
def test_what_is_not_a_letter_is_refused_naming_the_file(text: str, message: str) -> None:
    with pytest.raises(LetterError, match="^" + message.replace("(", r"\(")):
        read_letter(text, "x.txt")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_a_reading_or_a_letter_error(text: str) -> None:
    try:
        read_letter(text, "random.txt")
    except LetterError as exc:
        assert str(exc).startswith("random.txt")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.sampled_from([LETTER, CIRCULAR]))
def test_damaged_letters_give_a_reading_or_a_letter_error(rng: random.Random, name: str) -> None:
    lines = seed_text(name).split("\n")
    for _ in range(rng.randint(1, 12)):  # lines lost, repeated, swapped or cut short
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        action = rng.choice(("drop", "repeat", "swap", "cut"))
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines.insert(j, lines[i])
        elif action == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    try:
        found = read_letter("\n".join(lines), name)
    except LetterError as exc:
        assert str(exc).startswith(name)
        return
    try:
        meeting_json.parse_data(found.document, name)
    except meeting_json.ExchangeError as exc:  # what a letter says must make a valid meeting
        pytest.fail(f"{exc}")


def test_missing_and_reordered_sections_are_read_or_reported() -> None:
    lines = (DATA / "sg13-collective-letter.txt").read_text().splitlines()
    body = lines[: lines.index("ANNEX A")]  # no practical information, no agenda
    start = body.index("Key deadlines:")
    end = body.index("I look forward to seeing you in Nairobi.")
    key_deadlines = body[start:end]
    del body[start:end]
    body[7:7] = key_deadlines  # the deadlines before the events paragraph
    found = read_letter("\n".join(body), "short.txt")
    assert found.document["meeting"]["code"] == "SG13-2027-10"
    assert found.document["agenda"] == []
    assert "short.txt: line" in messages(found) and "no agenda found" in messages(found)
    titles = [d["title"] for d in found.document["deadlines"]]
    assert titles == [
        "Submit contributions for which translation is requested",
        "Submit ITU-T Member contributions",
    ]
    assert all("rule" not in d for d in found.document["deadlines"])
    assert {e["kind"] for e in found.document["events"]} == {
        "workshop",
        "newcomers",
        "registration",
        "plenary",
    }


def test_a_reply_deadline_the_letter_states_otherwise_gives_way_to_the_circulars(
    circular: Reading,
) -> None:
    text = seed_text(LETTER).replace(
        "deadline for replies to this consultation is 2359",
        "deadline for replies to this consultation is 1200",
    )
    altered = read_letter(text, LETTER)
    document, warnings = combine([altered, circular])
    said = [w for w in warnings if "reply deadline" in w.message]
    assert [w.line for w in said] == [47]
    assert "as Thu 30 April 2026 12:00 UTC" in said[0].message
    assert "the circular (line 45) as Thu 30 April 2026 23:59 UTC" in said[0].message
    annex2 = next(d for d in document["deadlines"] if "TSB Circular 106" in d["title"])
    assert (annex2["due_at"], annex2["timezone"]) == ("2026-04-30T23:59", "UTC")
