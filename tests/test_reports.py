"""Printed reports, read back from the PDF as a reader's program would see them."""

from __future__ import annotations

import os
import unicodedata
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sg20desk.actions import agenda as ops
from sg20desk.actions import attendance, printing, queries
from sg20desk.actions import drafts as dr
from sg20desk.actions.history import ActionError, History
from sg20desk.actions.timetable import assign_session, sessions
from sg20desk.db import schema
from sg20desk.db.store import Store
from sg20desk.paths import write_atomically
from sg20desk.reports import fonts
from sg20desk.reports.agenda import AgendaLine, agenda_sheet
from sg20desk.reports.drafts import EMPTY, TICKED
from sg20desk.reports.kinds import Report
from sg20desk.reports.render import (
    Cancelled,
    Document,
    MeetingHeading,
    PageSize,
    grid,
    para,
    render,
)
from sg20desk.reports.text import clean, markup
from sg20desk.rules.procedures import ReplyChoice
from sg20desk.rules.timezones import in_zone
from tests import pdftext
from tests.conftest import NOW

HOSTILE = [
    "AT&T",
    "a < b",
    "<b>",
    '<font color="red">',
    '<img src="/etc/hostname"/>',
    "&amp; stays &amp;",
    "x > y & z",
]
MEETING = MeetingHeading(
    "SG99-2027-01", "Meeting of Study Group 99", "Geneva", "1-2 May 2027", "UTC"
)


def _pdf(document: Document, **options: object) -> bytes:
    return render(document, printed_at=NOW, **options)  # type: ignore[arg-type]


def _document(*texts: str) -> Document:
    story = [para(t) for t in texts]
    story.append(grid(["Header & <more>"], [[t] for t in texts], [1]))
    return Document("Test <report>", "Heading & co", story, "UTC")


def meeting_id(store: Store) -> uuid.UUID:
    with store.read() as c:
        return queries.meeting(c, None, NOW.date()).id


def report(store: Store, kind: Report, **request: object) -> bytes:
    with store.read() as c:
        document = printing.prepare(
            c,
            printing.Request(kind, meeting_id(store), **request),  # type: ignore[arg-type]
            NOW,
        )
    return render(document, printed_at=NOW)


# --- text is printed as typed -------------------------------------------------------------


def test_markup_in_user_text_prints_as_typed_and_fetches_nothing() -> None:
    pdf = _pdf(_document(*HOSTILE))
    text = pdftext.text(pdf)
    for hostile in HOSTILE:
        # once as a paragraph, once in the table
        assert text.count(hostile) >= 2, hostile
    assert "Test <report>" in text and "Heading & co" in text and "Header & <more>" in text
    assert pdftext.image_count(pdf) == 0
    assert b"/Subtype /Image" not in pdf


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [*list("abcXYZ019 &<>;\"'/=#!?-"), "é", "ß", "Ω", "ж", "中", "会", "\t", "\n"]
        ),
        min_size=1,
        max_size=40,
    )
)
def test_any_text_prints_exactly_as_typed(typed: str) -> None:
    expected = " ".join(clean(typed).split())
    if not expected:
        return
    pdf = _pdf(Document("T", "H", [para(typed)], "UTC"))
    body = pdftext.pages(pdf)[0]
    assert expected in " ".join(body.split())


def test_control_characters_are_left_out_not_fatal() -> None:
    pdf = _pdf(_document("bell\x07 and\x00 nul\ud800"))
    assert "bell and nul" in pdftext.text(pdf)


# --- scripts ------------------------------------------------------------------------------


def test_latin_greek_cyrillic_and_chinese_print_in_embedded_fonts() -> None:
    samples = [
        "Genève, Zürich, São Paulo, Łódź",
        "Ελληνικά",
        "Русский язык",
        "国际电信联盟 第20研究组",
    ]
    pdf = _pdf(_document(*samples))
    text = pdftext.text(pdf)
    for sample in samples:
        assert sample in text
    # each script has a glyph in the font it is set in (none falls to a blank box)
    for character in "".join(samples).replace(" ", ""):
        family = fonts.family_for(character)
        have = fonts.characters(family or fonts.BODY)
        assert ord(character) in have, character
    assert b"FontFile2" in pdf  # embedded TrueType
    for name in (b"LiberationSerif", b"DroidSansFallback"):
        assert name in pdf


def test_arabic_is_joined_and_reads_from_the_right() -> None:
    words = ["الاتحاد", "الدولي", "للاتصالات"]
    pdf = _pdf(Document("T", "H", [para(" ".join(words))], "UTC"))
    # drawn in the letters' joined forms (Arabic Presentation Forms) ...
    assert any("\ufe70" <= c <= "\ufeff" for c in markup(" ".join(words), from_right=True))
    # ... which read back as the words typed
    flat = unicodedata.normalize("NFKC", pdftext.pages(pdf)[0])
    for word in words:
        assert word in flat
    # the first word stands rightmost
    first, last = (
        pdftext.x_of(pdf, unicodedata.normalize("NFKC", w)) for w in (words[0], words[-1])
    )
    assert first > last


def test_arabic_wrapped_over_lines_keeps_its_reading_order() -> None:
    letters = "بتثجحخسشصضطظعغفقكلمنهي"
    words = [a + b + c for a in letters[:6] for b in letters[6:12] for c in letters[12:14]]
    pdf = _pdf(Document("T", "H", [para(" ".join(words))], "UTC"))
    flat = unicodedata.normalize("NFKC", pdftext.pages(pdf)[0])
    assert all(w in flat for w in words)
    first = pdftext.box_of(pdf, words[0])
    second = pdftext.box_of(pdf, words[1])
    last = pdftext.box_of(pdf, words[-1])
    # the text starts at the top right and reads leftwards, line by line downwards
    assert first[1] > last[1]
    assert first[0] > second[0]
    assert first[1] == pytest.approx(second[1], abs=1)


# --- the page --------------------------------------------------------------------------------


def _long_agenda(count: int) -> Document:
    lines = [
        AgendaLine(f"{n // 10 + 1}.{n % 10 + 1}", f"Item number {n} & <co>", ("TD 1",), 1)
        for n in range(count)
    ]
    return agenda_sheet(MEETING, lines, revision="Rev.1, issued 1 April 2027", frozen=False)


def test_a_long_report_runs_over_pages_with_header_footer_and_page_x_of_y() -> None:
    pdf = _pdf(_long_agenda(200))
    texts = pdftext.pages(pdf)
    total = len(texts)
    assert total >= 4
    for number, page in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in page
        assert "SG99-2027-01 · Geneva, 1-2 May 2027" in page  # header
        assert "No Item Documents" in page  # the table's header row repeats
        assert "Printed Mon 27 April 2026 12:00 UTC (UTC)" in page
    assert pdftext.in_order(" ".join(texts), [f"Item number {n} & <co>" for n in range(200)])


def test_a4_by_default_and_us_letter_on_request() -> None:
    assert pdftext.page_size(_pdf(_long_agenda(3))) == (595, 842)
    letter = _pdf(_long_agenda(3), page_size=PageSize.LETTER)
    assert pdftext.page_size(letter) == (612, 792)
    assert PageSize.of("letter") is PageSize.LETTER
    with pytest.raises(ValueError, match="A4 or Letter"):
        PageSize.of("A3")


def test_progress_is_reported_and_a_cancel_stops_layout() -> None:
    heard: list[tuple[int, int, int]] = []
    _pdf(_long_agenda(150), progress=lambda *a: heard.append(a))
    assert heard[-1][0] == heard[-1][1]
    assert max(p for _, _, p in heard) >= 3
    with pytest.raises(Cancelled):
        _pdf(_long_agenda(150), cancelled=lambda: True)


# --- the reports of the built-in meeting ------------------------------------------------------


def test_agenda_sheet_has_every_number_and_title_in_order(store: Store) -> None:
    pdf = report(store, Report.AGENDA)
    text = pdftext.text(pdf)
    with store.read() as c:
        rows = queries.agenda(c, meeting_id(store))
    expected = []
    for row in rows:
        if row.numbered:
            expected.append(row.label)
        expected.append(" ".join(row.title.split()[:4]))
    assert pdftext.in_order(text, expected)
    assert "Draft agenda" in text and "Not issued yet" in text
    assert "7.10" in text and "ITU-T Y.4244 (ex Y.EPWS-fc)" in text


def test_agenda_sheet_names_the_revision_and_frozen_numbers(store: Store) -> None:
    history = History(store)
    mid = meeting_id(store)
    with store.read() as c:
        snapshot = [r.snapshot() for r in queries.agenda(c, mid)]
    history.do(ops.issue_revision(mid, "Rev.1", date(2026, 4, 1), NOW, snapshot, freeze=True))
    text = pdftext.text(report(store, Report.AGENDA))
    assert "Rev.1, issued Wed 1 April 2026." in text
    assert "Numbering frozen as issued" in text


def test_chairs_book_gives_start_times_minutes_drafts_and_notes(store: Store) -> None:
    history = History(store)
    mid = meeting_id(store)
    with store.read() as c:
        rows = queries.agenda(c, mid)
        plenary = next(s for s in sessions(c, mid) if s.starts is not None)
    first, second = rows[0], rows[1]
    history.do(assign_session(mid, [first.id, second.id], plenary.id))
    history.do(ops.edit_items(mid, [first.id], lambda n, c: f"minutes {n}", minutes=20))
    history.do(ops.edit_items(mid, [second.id], lambda n, c: f"notes {n}", notes="Ask WP1 <first>"))
    text = pdftext.text(report(store, Report.BOOK))
    start = plenary.starts
    assert start is not None
    local = in_zone(start, "Europe/Zurich")
    later = in_zone(start + timedelta(minutes=20), "Europe/Zurich")
    assert "Chair's book" in text and plenary.title in text
    assert f"{local:%H:%M} 1 {first.title}" in text
    # the second item starts when the 20 minutes of the first are over
    assert f"{later:%H:%M} 2 {second.title}" in text
    assert "20 min" in text
    assert "Notes: Ask WP1 <first>" in text
    assert "Draft: ITU-T Y.4241 (ex Y.dt-SComCam)" in text
    assert "Items not assigned to a session" in text


def test_revision_comparison_lists_what_changed(store: Store) -> None:
    history = History(store)
    mid = meeting_id(store)
    with pytest.raises(ActionError, match="no issued revision"):
        report(store, Report.DIFF)
    with store.read() as c:
        rows = queries.agenda(c, mid)
        snapshot = [r.snapshot() for r in rows]
    history.do(ops.issue_revision(mid, "Draft", date(2026, 4, 1), NOW, snapshot))
    history.do(
        ops.edit_items(mid, [rows[2].id], lambda n, c: f"title {n}", title="Draft timetable (rev)")
    )
    text = pdftext.text(report(store, Report.DIFF))
    assert "From Draft to the agenda now" in text
    assert "retitled 3" in text and "Draft timetable (rev)" in text
    assert "1 changes." in text


def test_deadline_list_in_both_zones_with_status_and_time_left(store: Store) -> None:
    with store.read() as c:
        rows = queries.deadlines(c, meeting_id(store))
    from sg20desk.actions.preferences import USER_ZONE_KEY, save_settings

    save_settings(store, {USER_ZONE_KEY: "Asia/Tokyo"})
    text = pdftext.text(report(store, Report.DEADLINES))
    assert "Times in Geneva (Europe/Zurich) and in Asia/Tokyo" in text
    assert "Due, Asia/Tokyo" in text
    for row in rows:
        assert " ".join(row.title.split()[:5]) in text
    # the consultation closes 30 April 23:59 UTC: 1 May 01:59 in Geneva, 08:59 in Tokyo
    assert "Fri 1 May 2026 01:59 CEST" in text and "Fri 1 May 2026 08:59 JST" in text
    assert "3 d 11 h left" in text
    assert "overdue" in text


def test_drafts_summary_lists_every_draft(store: Store) -> None:
    text = pdftext.text(report(store, Report.DRAFTS))
    with store.read() as c:
        rows = queries.drafts(c, meeting_id(store))
    assert len(rows) == 10
    for row in rows:
        assert row.designation in text and row.former_name in text
        assert " ".join(row.title.split()[:4]) in text
    assert "Summary" in text and "IPR statement" in text
    assert "Consultation closes: Fri 1 May 2026 01:59 CEST" in text


def _choose(store: Store, choices: dict[str, ReplyChoice]) -> None:
    dr.save_profile(
        store,
        dr.Profile(
            name="Ana Pérez",
            role="Head, Standards & <Policy>",
            member_state="Spain",
            place="Madrid",
            email="ana@example.org",
        ),
    )
    history = History(store)
    with store.read() as c:
        ids = {d.designation: d.id for d in queries.drafts(c, meeting_id(store))}
    for name, choice in choices.items():
        history.do(dr.set_own_reply(ids[name], "Spain", choice))


def test_annex2_ticks_the_chosen_boxes_and_lists_the_undecided(store: Store) -> None:
    _choose(
        store,
        {
            "ITU-T Y.4241": ReplyChoice.ASSIGNS,
            "ITU-T Y.4242": ReplyChoice.ASSIGNS_WITH_COMMENTS,
            "ITU-T Y.4243": ReplyChoice.DOES_NOT_ASSIGN,
        },
    )
    text = pdftext.text(report(store, Report.ANNEX2))
    assert "ANNEX 2" in text and "TSB Circular 106" in text
    # assigns with no comments: two ticks; with comments: two; does not assign: one
    assert text.count(TICKED) == 5
    assert text.count(EMPTY) == 10 * 4 - 5
    assert "Ana Pérez" in text and "Head, Standards & <Policy>" in text
    assert "Administration of Spain" in text and "Madrid, Mon 27 April 2026" in text
    cover = text.split("ANNEX 2")[0]
    assert "7 of the 10 drafts have no reply chosen yet" in cover
    assert "ITU-T Y.4244" in cover and "ITU-T Y.4241" not in cover
    y4241 = text.split("ITU-T Y.4241 (ex Y.dt-SComCam)")[-1]
    assert y4241.split("does not assign")[0].count(TICKED) == 2


def test_annex2_with_every_reply_chosen_has_no_cover_note(store: Store) -> None:
    with store.read() as c:
        names = [d.designation for d in queries.drafts(c, meeting_id(store))]
    _choose(store, dict.fromkeys(names, ReplyChoice.ASSIGNS))
    text = pdftext.text(report(store, Report.ANNEX2))
    assert "Cover note" not in text
    assert text.count(TICKED) == 20


def test_my_schedule_lists_chosen_sessions_by_day_in_both_zones(store: Store) -> None:
    from sg20desk.actions.preferences import USER_ZONE_KEY, save_settings

    save_settings(store, {USER_ZONE_KEY: "America/New_York"})
    with store.read() as c:
        events = [e for e in queries.events(c, meeting_id(store)) if e.starts_at is not None]
    History(store).do(attendance.set_attendance([events[0].id], schema.AttendanceMode.IN_PERSON))
    History(store).do(attendance.set_attendance([events[-1].id], schema.AttendanceMode.REMOTE))
    text = pdftext.text(report(store, Report.SCHEDULE))
    assert "My schedule" in text and "Due" not in text
    assert events[0].title in text and events[-1].title in text
    assert "in person" in text and "remote" in text
    assert "Time, America/New_York" in text
    assert "EDT" in text and "CEST" in text
    others = [e.title for e in events[1:-1] if e.title not in (events[0].title, events[-1].title)]
    assert not any(title in text for title in others)


def test_schedule_with_nothing_chosen_says_how_to_choose(store: Store) -> None:
    assert "No sessions chosen yet" in pdftext.text(report(store, Report.SCHEDULE))


# --- saving ---------------------------------------------------------------------------------


def test_a_pdf_replaces_the_file_only_once_the_new_one_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "agenda.pdf"
    write_atomically(target, b"%PDF-old")

    def broken(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-old"
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.pdf"]


def test_page_size_setting(store: Store) -> None:
    from sg20desk.actions.preferences import save_settings

    with store.read() as c:
        assert printing.page_size(c) is PageSize.A4
    save_settings(store, {printing.PAGE_SIZE_KEY: "Letter"})
    with store.read() as c:
        assert printing.page_size(c) is PageSize.LETTER


def test_the_footer_gives_the_printing_time_in_the_users_zone(store: Store) -> None:
    from sg20desk.actions.preferences import USER_ZONE_KEY, save_settings

    save_settings(store, {USER_ZONE_KEY: "Asia/Tokyo"})
    text = pdftext.pages(report(store, Report.DRAFTS))[0]
    assert "Printed Mon 27 April 2026 21:00 JST (Asia/Tokyo)" in text


def _many(kind: str, count: int) -> tuple[Document, list[str]]:
    """A report of ``kind`` with ``count`` entries, and the text each entry prints first."""
    from sg20desk.reports.agenda import BookLine, BookSession, DiffLine, chairs_book, revision_diff
    from sg20desk.reports.drafts import DraftSummary, FormDraft, ReplyForm, drafts_summary
    from sg20desk.reports.drafts import reply_form as form
    from sg20desk.reports.plans import DeadlineLine, ScheduleLine, deadline_list, my_schedule

    names = [f"Entry {n:03d} & <x>" for n in range(count)]
    if kind == "book":
        lines = tuple(
            BookLine(AgendaLine(str(n + 1), t, ("TD 1",), 0), None, 10, "", "note")
            for n, t in enumerate(names)
        )
        return chairs_book(
            MEETING, [BookSession("", None, None, lines, 0)], revision="Rev.1"
        ), names
    if kind == "diff":
        changes = [DiffLine(str(n + 1), f"retitled {n + 1}  {t}") for n, t in enumerate(names)]
        return revision_diff(MEETING, "Draft", "Rev.1", changes), names
    if kind == "deadlines":
        lines = [DeadlineLine(t, "Fri 1 May 2026", "", "open", "2 d left", "letter") for t in names]
        return deadline_list(MEETING, lines, mine="UTC", printed="now"), names
    if kind == "drafts":
        drafts = [
            DraftSummary(
                f"ITU-T Y.{n}",
                "",
                True,
                t,
                "Consultation",
                "TAP",
                "",
                "",
                "Summary text. " * 20,
                "",
            )
            for n, t in enumerate(names)
        ]
        return drafts_summary(MEETING, drafts), names
    if kind == "annex2":
        drafts = tuple(
            FormDraft(f"ITU-T Y.{9000 + n}", t, True, ReplyChoice.ASSIGNS)
            for n, t in enumerate(names)
        )
        reply = ReplyForm(
            "TSB Circular 1",
            "ITU-T Study Group 99",
            "Spain",
            "",
            "",
            "",
            "",
            "",
            "",
            "1 May 2027",
            drafts,
        )
        return form(MEETING, reply), names
    lines = [
        ScheduleLine(date(2027, 5, 1 + n // 20), "10:00-11:00 UTC", "", t, "remote", "Geneva", "")
        for n, t in enumerate(names)
    ]
    return my_schedule(MEETING, lines, mine="UTC", who="Ana"), names


@pytest.mark.parametrize("kind", ["book", "diff", "deadlines", "drafts", "annex2", "schedule"])
def test_every_report_runs_over_pages_keeping_its_entries_in_order(kind: str) -> None:
    document, names = _many(kind, 120)
    texts = pdftext.pages(_pdf(document))
    total = len(texts)
    assert total >= 3, kind
    for number, page in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in page
        assert MEETING.line in page
    assert pdftext.in_order(" ".join(texts), names)
