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
