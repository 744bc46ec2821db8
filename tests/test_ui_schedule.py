"""The window's Schedule, meeting dialogs, preferences and reminders, driven as a user would."""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar
from PySide6.QtCore import Qt

from sg20desk.actions import preferences, queries
from sg20desk.actions.meetings import MeetingFields
from sg20desk.db.store import Store
from sg20desk.ui.main_window import MainWindow
from sg20desk.ui.models.schedule_model import PLAN, REGISTRATION, TIP_WIDTH, TITLE
from sg20desk.ui.sections.preferences_form import PreferencesForm, problem
from sg20desk.ui.sections.schedule import AppointmentForm, ScheduleSection
from tests.conftest import NOW

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
JCA = "Joint Coordination Activity on Metaverse Standardization (JCA-MV) meeting"


def events(store: Store) -> dict[str, queries.EventRow]:
    with store.read() as c:
        meeting = queries.meeting(c, "SG20-2026-05", None)  # type: ignore[arg-type]
        return {e.title: e for e in queries.events(c, meeting.id)}


def cell(
    section: ScheduleSection, title: str, column: int, role: int = Qt.ItemDataRole.DisplayRole
) -> Any:
    event = next(e for e in events_shown(section) if e.title == title)
    index = section.model.index_of(event.id)
    return section.model.index(index.row(), column, index.parent()).data(role)


def events_shown(section: ScheduleSection) -> list[queries.EventRow]:
    model = section.model
    found = []
    for day in range(model.rowCount()):
        parent = model.index(day, 0)
        for row in range(model.rowCount(parent)):
            event = model.event_at(model.index(row, 0, parent))
            assert event is not None
            found.append(event)
    return found


def test_plan_remote_with_keys_then_see_the_conflict(
    qtbot: Any, window: MainWindow, store: Store
) -> None:
    window.show_section(4)
    section = window.schedule
    section.view.setFocus()
    jca = events(store)[JCA]
    assert cell(section, JCA, REGISTRATION) == "required · by Fri 10 Apr"
    tip = cell(section, JCA, REGISTRATION, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Registration required; register by Fri 10 April 2026, end of day (23:59 CEST)"
    section.select([jca.id])
    qtbot.keyClick(section.view, Qt.Key.Key_R, CTRL_ALT)
    assert events(store)[JCA].attendance == "remote"
    assert cell(section, JCA, PLAN) == "remote"
    assert section.selected_ids() == [jca.id], "the event stays selected"
    with store.read() as c:
        titles = [d.title for d in queries.deadlines(c, jca_meeting(store))]
    assert f"Request remote participation: {JCA}" in titles

    # an appointment of my own over the JCA is a conflict
    section.ask = lambda proposed: AppointmentForm(
        "Breakfast with the rapporteur", date(2026, 5, 13), time(8), time(9), "Hotel"
    )
    qtbot.keyClick(section.view, Qt.Key.Key_Insert)
    assert cell(section, JCA, PLAN) == "remote · conflict"
    assert "overlaps Breakfast with the rapporteur" in cell(
        section, JCA, PLAN, Qt.ItemDataRole.ToolTipRole
    )
    assert cell(section, "Breakfast with the rapporteur", TITLE).endswith("(your appointment)")
    assert section.legend.text() == (
        "You attend 2 of 10 events (1 remotely). 2 of them overlap another you attend (red)."
    )

    window.undo_action.trigger()  # the appointment goes, and the conflict with it
    assert cell(section, JCA, PLAN) == "remote"


def test_a_sessions_description_shows_wrapped_over_its_title(window: MainWindow) -> None:
    window.show_section(4)
    bsg = next(e for e in events_shown(window.schedule) if e.title.startswith("Bridging"))
    tip = cell(window.schedule, bsg.title, TITLE, Qt.ItemDataRole.ToolTipRole)
    title, description = tip.split("\n\n", 1)
    assert title == bsg.title
    assert description.startswith("BSG sessions cover general background information")
    assert " ".join(description.split()) == " ".join(bsg.notes.split())  # all of it
    assert max(len(line) for line in description.splitlines()) <= TIP_WIDTH


def jca_meeting(store: Store) -> Any:
    with store.read() as c:
        return queries.meeting(c, "SG20-2026-05", None).id  # type: ignore[arg-type]


def test_registration_deadline_is_one_key_away(
    qtbot: Any, window: MainWindow, store: Store
) -> None:
    window.show_section(4)
    section = window.schedule
    section.select([events(store)[JCA].id])
    section.registration_action.trigger()
    assert window.current_section() == "Deadlines"
    chosen = window.deadlines.selected_ids()
    with store.read() as c:
        rows = {d.id: d for d in queries.deadlines(c, jca_meeting(store))}
    assert [rows[i].title for i in chosen] == [
        "Pre-registration (via the online registration form on the study group homepage)"
    ]


def test_new_meeting_then_edit_its_dates_then_delete_it(
    qtbot: Any, window: MainWindow, store: Store
) -> None:
    created = MeetingFields(
        "Q12-RG-2026-06",
        "SG20",
        "Q12/20 rapporteur group",
        "virtual",
        "Asia/Tokyo",
        date(2026, 6, 3),
        date(2026, 6, 4),
        time(9),
    )
    window.ask_meeting = lambda _title, _proposed: created
    window.findChild(type(window.undo_action), "newMeeting").trigger()
    assert window.meeting is not None and window.meeting.code == "Q12-RG-2026-06"
    assert "Q12-RG-2026-06" in window.meeting_selector.currentText()
    assert window.windowTitle().startswith("SG20 · 3-4 June 2026")

    # the SG20 meeting a week later: the window lists what moved
    window.load("SG20-2026-05")
    told: list[str] = []
    window.inform = lambda _title, text: told.append(text)
    week = timedelta(days=7)

    def later(_title: str, proposed: MeetingFields) -> MeetingFields:
        return dataclasses.replace(
            proposed, first_day=proposed.first_day + week, last_day=proposed.last_day + week
        )

    window.ask_meeting = later
    window.findChild(type(window.undo_action), "editMeeting").trigger()
    assert window.meeting.first_day == date(2026, 5, 19)
    assert (
        told
        and "Pre-registration" in told[0]
        and "Fri 10 April 2026" in told[0]
        and "Fri 17 April 2026" in told[0]
    )
    assert "Submit ITU-T Member Contributions" not in told[0], "a printed date without a rule stays"

    window.confirm = lambda _title, question: "60 agenda items" in question
    window.findChild(type(window.undo_action), "deleteMeeting").trigger()
    with store.read() as c:
        assert [m.code for m in queries.meetings(c)] == ["Q12-RG-2026-06"]
    assert window.meeting.code == "Q12-RG-2026-06"
    window.undo_action.trigger()
    with store.read() as c:
        assert len(queries.meetings(c)) == 2


def test_preferences_set_my_zone_and_reminders(
    qtbot: Any, window: MainWindow, store: Store
) -> None:
    window.ask_preferences = lambda proposed, system: PreferencesForm("Asia/Tokyo", "3d, 2h")
    window.findChild(type(window.undo_action), "preferences").trigger()
    assert window.user_zone == "Asia/Tokyo"
    window.show_section(3)
    assert (
        window.deadlines.model.headerData(1, Qt.Orientation.Horizontal)
        == "Due, your zone (Asia/Tokyo)"
    )
    with store.read() as c:
        assert preferences.reminder_offsets(c) == (timedelta(days=3), timedelta(hours=2))
    assert problem(PreferencesForm("Mars/Olympus", "")).startswith("Your zone: unknown time zone")
    assert problem(PreferencesForm(None, "7 days")).startswith(
        "Reminders: '7 days' is not an offset"
    )


def test_reminders_missed_while_closed_then_one_while_open(qtbot: Any, store: Store) -> None:
    # sg20desk last looked on 22 April at noon; it is now 27 April at noon (UTC)
    preferences.save_settings(
        store, {preferences.REMINDED_UNTIL_KEY: (NOW - timedelta(days=5)).isoformat()}
    )
    clock = [NOW]
    window = MainWindow(store, now=lambda: clock[0])
    qtbot.addWidget(window)
    window.load()
    window.show()
    window.start_reminders()
    assert window.overview.banner.isVisibleTo(window)
    text = window.overview.banner_text.text()
    assert text.startswith("While sg20desk was closed, 2 reminders fell due:")
    assert (
        "Submit ITU-T Member Contributions (via Direct Document Posting) (SG20-2026-05): "
        "due Wed 29 April" in text
    )
    assert "Submit the form in Annex 2" in text

    assert window.reminders is not None
    fallen: list[list[Any]] = []
    window.reminders.fell.connect(fallen.append)
    window.reminders.check()
    assert fallen == [], "nothing new in the same minute"
    clock[0] = NOW + timedelta(days=1, hours=12)  # past the day-before reminder of 29 April
    window.reminders.check()
    assert [r.title.split(" (SG20")[0] for r in fallen[0]] == [
        "Submit ITU-T Member Contributions (via Direct Document Posting)"
    ]
    # a restart now has nothing new to summarise
    with store.read() as c:
        assert preferences.reminded_until(c) == clock[0]


def test_export_my_calendar_from_the_menu(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    window.save_path = lambda _t, suggested, _f: str(tmp_path / suggested.replace(".ics", ""))
    window.findChild(type(window.undo_action), "exportIcs").trigger()
    written = tmp_path / "SG20-2026-05.ics"
    calendar = Calendar.from_ical(written.read_bytes())
    assert len(calendar.walk("VEVENT")) == 16
    assert "Wrote 16 entries" in window.statusBar().currentMessage()


def test_deleting_the_last_meeting_leaves_an_empty_window(qtbot: Any, window: MainWindow) -> None:
    window.show_section(3)
    window.confirm = lambda _title, _question: True
    window.findChild(type(window.undo_action), "deleteMeeting").trigger()
    assert window.meeting is None and window.current_section() == "Overview"
    assert window.overview.title.text().startswith("No meeting")
    assert "File › New meeting" in window.status.text()
    window.undo_action.trigger()
    assert window.meeting is not None and window.meeting.code == "SG20-2026-05"
