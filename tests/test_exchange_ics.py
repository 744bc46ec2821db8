"""Calendar export: re-read with icalendar, and imported into a real calendar program."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from sg20desk.actions import attendance as att
from sg20desk.actions import preferences, queries
from sg20desk.actions.history import History
from sg20desk.cli import main
from sg20desk.db import schema
from sg20desk.db.store import Store

CODE = "SG20-2026-05"


def export(store: Store, target: Path, *extra: str) -> Calendar:
    code = main(["--db", str(store.path), "export", "ics", "-o", str(target), *extra])
    assert code == 0
    return Calendar.from_ical(target.read_bytes())


def entries(calendar: Calendar) -> dict[str, object]:
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_events_keep_their_zone_and_days_and_deadlines_alarm(store: Store, tmp_path: Path) -> None:
    calendar = export(store, tmp_path / "sg20.ics")
    found = entries(calendar)
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]

    opening = found["SG20 opening plenary"]
    start, end = opening["dtstart"].dt, opening["dtend"].dt  # type: ignore[index]
    assert str(opening["dtstart"].params["TZID"]) == "Europe/Zurich"  # type: ignore[index]
    assert start == datetime(2026, 5, 12, 15, 30, tzinfo=ZoneInfo("Europe/Zurich"))
    assert end - start == timedelta(hours=1), "announced without an end: one hour, never zero"

    # a two-day side event is a date range, its end the day after the last
    worlds = found["3rd UN Virtual Worlds Day"]
    assert worlds["dtstart"].dt == date(2026, 5, 11)  # type: ignore[index]
    assert worlds["dtend"].dt == date(2026, 5, 13)  # type: ignore[index]

    # the Annex 2 reply is due at 23:59 UTC, stated in UTC, with the default reminders
    annex = next(e for t, e in found.items() if t.startswith("Due: Submit the form in Annex 2"))
    assert annex["dtstart"].dt == datetime(2026, 4, 30, 23, 59, tzinfo=UTC)  # type: ignore[index]
    triggers = sorted(a["trigger"].dt for a in annex.walk("VALARM"))  # type: ignore[attr-defined]
    assert triggers == [-timedelta(days=7), -timedelta(days=1)]
    # a whole-day deadline: on its date, the alarms before the end of that day in Geneva
    fellowship = found[
        "Due: Submit fellowship requests (via the forms on the study group homepage; "
        "see details in Annex A)"
    ]
    assert fellowship["dtstart"].dt == date(2026, 3, 31)  # type: ignore[index]
    alarms = sorted(a["trigger"].dt for a in fellowship.walk("VALARM"))  # type: ignore[attr-defined]
    assert alarms == [
        datetime(2026, 3, 24, 21, 59, tzinfo=UTC),
        datetime(2026, 3, 30, 21, 59, tzinfo=UTC),
    ]


def test_a_second_export_has_the_same_uids(store: Store, tmp_path: Path) -> None:
    first = export(store, tmp_path / "a.ics")
    second = export(store, tmp_path / "b.ics")
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 16
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")]


def test_mine_exports_only_what_i_attend_and_done_deadlines_are_cancelled(
    store: Store, tmp_path: Path
) -> None:
    history = History(store)
    with store.read() as c:
        meeting = queries.meeting(c, CODE, None)  # type: ignore[arg-type]
        events = {e.title: e for e in queries.events(c, meeting.id)}
        deadline = next(d for d in queries.deadlines(c, meeting.id) if "fellowship" in d.title)
    jca = events["Joint Coordination Activity on Metaverse Standardization (JCA-MV) meeting"]
    history.do(att.set_attendance([jca.id], schema.AttendanceMode.REMOTE))
    from sg20desk.actions import deadlines as dl

    history.do(dl.set_status([deadline.id], schema.DeadlineStatus.DONE))
    preferences.save_settings(store, {preferences.REMINDERS_KEY: "2d"})
    found = entries(export(store, tmp_path / "mine.ics", "--mine"))
    timed = [t for t in found if not t.startswith("Due: ")]
    assert timed == [jca.title]
    request = found[f"Due: {att.remote_request_title(jca.title)}"]
    # 24 hours before 08:30 Geneva time on 13 May
    assert request["dtstart"].dt == datetime(2026, 5, 12, 6, 30, tzinfo=UTC)  # type: ignore[index]
    assert [a["trigger"].dt for a in request.walk("VALARM")] == [-timedelta(days=2)]  # type: ignore[attr-defined]
    done = found[f"Due: {deadline.title}"]
    assert str(done["status"]) == "CANCELLED" and not done.walk("VALARM")  # type: ignore[attr-defined]


def test_an_export_into_a_folder_is_refused(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(store.path), "export", "ics", "-o", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def calcurse(folder: Path, zone: str, *args: str) -> str:
    binary = shutil.which("calcurse")
    if binary is None:
        pytest.skip("calcurse is not installed (.ci/run installs it)")
    env = {**os.environ, "TZ": zone, "HOME": str(folder)}
    result = subprocess.run(
        [binary, "-D", str(folder), *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (
            "Europe/Zurich",
            [
                ("03/02/26", "12:00 -> 14:00", "Bridging the Standardization Gap"),
                ("05/01/26", "01:59 -> 02:00", "Due: Submit the form in Annex 2"),
                ("05/12/26", "15:30 -> 16:30", "SG20 opening plenary"),
                ("05/13/26", "08:30 -> 10:30", "Joint Coordination Activity on Metaverse"),
            ],
        ),
        (
            "Asia/Tokyo",
            [
                ("03/02/26", "20:00 -> 22:00", "Bridging the Standardization Gap"),
                ("05/01/26", "08:59 -> 09:00", "Due: Submit the form in Annex 2"),
                ("05/12/26", "22:30 -> 23:30", "SG20 opening plenary"),
                ("05/13/26", "15:30 -> 17:30", "Joint Coordination Activity on Metaverse"),
            ],
        ),
    ],
)
def test_calcurse_imports_it_and_shows_the_right_times(
    store: Store, tmp_path: Path, zone: str, expected: list[tuple[str, str, str]]
) -> None:
    target = tmp_path / "sg20.ics"
    export(store, target)
    folder = tmp_path / "calcurse"
    folder.mkdir()
    report = calcurse(folder, zone, "-i", str(target))
    assert "0 skipped" in report, report
    shown = calcurse(folder, zone, "-Q", "--from", "03/01/2026", "--to", "05/31/2026")
    # calcurse prints a day, then "- start -> end" and the title on the next line
    seen: list[tuple[str, str, str]] = []
    day = ""
    lines = shown.splitlines()
    for n, line in enumerate(lines):
        if line.endswith(":") and not line.startswith((" ", "\t")):
            day = line[:-1]
        elif line.strip().startswith("- "):
            seen.append((day, line.strip()[2:], lines[n + 1].strip()))
    for when, span, title in expected:
        assert any(s[0] == when and s[1] == span and s[2].startswith(title) for s in seen), (
            when,
            span,
            title,
            shown,
        )
    # whole-day entries: the deadlines given as dates and the side events
    assert (
        " * Due: Submit fellowship requests (via the forms on the study group homepage; "
        "see details in Annex A)" in shown
    )
    assert shown.count("3rd UN Virtual Worlds Day") == 2, "on both of its days"


# --- importing other calendars ------------------------------------------------------------

OTHER = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//another calendar//EN
BEGIN:VEVENT
UID:lunch-1@example.org
DTSTAMP:20260101T000000Z
SUMMARY:Lunch with the Kenyan delegation
DTSTART;TZID=Europe/Zurich:20260513T123000
DTEND;TZID=Europe/Zurich:20260513T133000
LOCATION:Restaurant du Parc
END:VEVENT
BEGIN:VEVENT
UID:call@example.org
DTSTAMP:20260101T000000Z
SUMMARY:Team call
DTSTART:20260101T070000Z
DURATION:PT30M
RRULE:FREQ=WEEKLY;COUNT=400
END:VEVENT
BEGIN:VTODO
UID:todo-1@example.org
DTSTAMP:20260101T000000Z
SUMMARY:Send slides to the rapporteur
DUE;VALUE=DATE:20260508
END:VTODO
BEGIN:VEVENT
UID:cancelled@example.org
DTSTAMP:20260101T000000Z
SUMMARY:Dinner
STATUS:CANCELLED
DTSTART;VALUE=DATE:20260514
END:VEVENT
END:VCALENDAR
"""


def _import_ics(store: Store, path: Path) -> object:
    from sg20desk.actions import importing

    with store.read() as connection:
        found = importing.preview(connection, [path], meeting=CODE)
    importing.apply(History(store), found)
    return found


def test_another_calendars_entries_become_appointments_and_deadlines(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "work.ics"
    path.write_text(OTHER.replace("\n", "\r\n"), "utf-8")
    found = _import_ics(store, path)
    changes = [str(c) for c in found.plan.changes]  # type: ignore[attr-defined]
    assert "+ event 'Lunch with the Kenyan delegation': Wed 13 May 2026 12:30 CEST" in changes
    # a weekly call is expanded around the meeting only (two weeks either side)
    calls = [c for c in changes if "Team call" in c]
    assert calls[0] == "+ event 'Team call': Thu 30 April 2026 09:00 CEST" and len(calls) == 5
    assert "+ deadline 'Send slides to the rapporteur': Fri 8 May 2026" in changes
    assert any("Dinner" in str(w) and "cancelled" in str(w) for w in found.warnings)  # type: ignore[attr-defined]
    with store.read() as c:
        meeting = queries.meeting(c, CODE, date(2026, 5, 1))
        events = {e.title: e for e in queries.events(c, meeting.id)}
    lunch = events["Lunch with the Kenyan delegation"]
    assert lunch.kind == "appointment" and lunch.place == "Restaurant du Parc"

    # the same calendar again changes nothing; a moved lunch is one change
    with store.read() as c:
        from sg20desk.actions import importing

        assert importing.preview(c, [path], meeting=CODE).plan.rows == []
    path.write_text(OTHER.replace("T123000", "T130000").replace("T133000", "T140000"), "utf-8")
    with store.read() as c:
        moved = importing.preview(c, [path], meeting=CODE)
    assert [str(ch) for ch in moved.plan.changes] == [
        "~ event 'Lunch with the Kenyan delegation': start Wed 13 May 2026 12:30 CEST → "
        "Wed 13 May 2026 13:00 CEST; end Wed 13 May 2026 13:30 CEST → Wed 13 May 2026 14:00 CEST"
    ]


def test_our_own_export_read_back_changes_nothing(store: Store, tmp_path: Path) -> None:
    from sg20desk.actions import importing

    export(store, tmp_path / "sg20.ics")
    with store.read() as c:
        found = importing.preview(c, [tmp_path / "sg20.ics"], meeting=CODE)
    assert found.plan.changes == [] and found.plan.rows == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("BEGIN:VCARD\r\nEND:VCARD\r\n", "not an iCalendar file"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n", "cut short"),
        (
            "BEGIN:VCALENDAR\r\n" + "BEGIN:VEVENT\r\nEND:VEVENT\r\n" * 50_001 + "END:VCALENDAR\r\n",
            "more than 50000 components",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Lunch\r\nDTSTART:2026-13-45\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n",
            "VEVENT 2 \\(Lunch\\)",
        ),
    ],
    ids=["vcard", "truncated", "too-many", "bad-date"],
)
def test_a_bad_calendar_is_refused_naming_the_file(
    store: Store, tmp_path: Path, text: str, message: str
) -> None:
    from sg20desk.actions import importing
    from sg20desk.actions.history import ActionError

    path = tmp_path / "bad.ics"
    path.write_text(text, "utf-8")
    with store.read() as c, pytest.raises(ActionError, match=message) as caught:
        importing.preview(c, [path], meeting=CODE)
    assert str(caught.value).startswith("bad.ics: ")


def test_a_rule_repeating_every_minute_is_cut_at_the_limit(store: Store, tmp_path: Path) -> None:
    from sg20desk.actions import importing

    path = tmp_path / "noisy.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:tick@x\r\n"
        "DTSTAMP:20260101T000000Z\r\nSUMMARY:Tick\r\nDTSTART:20260510T000000Z\r\n"
        "RRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "utf-8",
    )
    with store.read() as c:
        found = importing.preview(c, [path], meeting=CODE)
    assert found.counts()["events"] == 1_000
    assert any("repeats too often" in str(w) for w in found.warnings)
