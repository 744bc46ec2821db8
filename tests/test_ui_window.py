"""The real window, driven by keys as a person would, checked against the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QListView, QTextBrowser

from sg20desk.actions.preferences import USER_ZONE_KEY
from sg20desk.db import models as m
from sg20desk.db.store import Store
from sg20desk.ui.main_window import SECTIONS, MainWindow
from tests.conftest import NOW, make_meeting


def test_views_are_named_for_assistive_technology(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for number in range(1, len(SECTIONS) + 1):  # every section, as a user would open it
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
    for object_name, kind in [
        ("agendaView", QAbstractItemView),
        ("draftsView", QAbstractItemView),
        ("deadlinesView", QAbstractItemView),
        ("scheduleView", QAbstractItemView),
        ("meetingSelector", QComboBox),
        ("sectionList", QListView),
        ("draftSummary", QTextBrowser),
    ]:
        widget = window.findChild(kind, object_name)
        assert widget is not None, object_name
        assert widget.accessibleName(), object_name


def test_keyboard_reaches_every_section(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for number, title in enumerate(SECTIONS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_section() == title
    # and the section list moves with the arrow keys
    window.section_list.setFocus()
    qtbot.keyClick(window.section_list, Qt.Key.Key_Up)
    assert window.current_section() == "Deadlines"


def test_window_shows_the_built_in_meeting(window: MainWindow) -> None:
    assert window.meeting is not None and window.meeting.code == "SG20-2026-05"
    assert "SG20" in window.windowTitle()
    for number in range(len(SECTIONS)):
        window.show_section(number)
    agenda = window.agenda.model
    assert agenda.rowCount() == 24
    view = window.findChild(QAbstractItemView, "agendaView")
    assert view is not None and view.model() is agenda
    assert window.drafts.model.rowCount() == 10
    assert window.deadlines.model.rowCount() == 8
    assert window.schedule.model.rowCount() == 7  # days with events
    # the overview lists the first six open deadlines, overdue ones included
    overview = window.overview.deadlines
    assert overview.rowCount() == 6
    assert "first 6 of 7" in window.overview.deadlines_heading.text()
    assert "captioning" in overview.data(overview.index(1, 3))
    assert "Tue 12 May 2026 15:30 CEST" in window.overview.opening.text()


def test_selecting_a_draft_shows_its_summary(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.drafts.view
    view.setFocus()
    view.setCurrentIndex(window.drafts.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down, delay=0)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    text = window.drafts.summary.toPlainText()
    assert "Draft revised Recommendation ITU-T Y.4420" in text
    assert "one IPR statement had been received" in text
    assert "Fri 1 May 2026 01:59 CEST" in text


def test_users_zone_appears_beside_geneva(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    with store.write() as session:
        session.add(m.Setting(key=USER_ZONE_KEY, value="America/New_York"))
    win = MainWindow(store, now=lambda: NOW)
    qtbot.addWidget(win)
    win.load()
    win.show_section(SECTIONS.index("Deadlines"))
    header = win.deadlines.model.headerData(1, Qt.Orientation.Horizontal)
    assert header == "Due, your zone (America/New_York)"
    assert not win.deadlines.view.isColumnHidden(1)
    assert "America/New_York" in win.status.text()


def test_geneva_user_sees_one_time_column(window: MainWindow) -> None:
    with window.store.write() as session:
        session.merge(m.Setting(key=USER_ZONE_KEY, value="Europe/Zurich"))
    window.load()
    window.show_section(SECTIONS.index("Deadlines"))
    assert window.deadlines.view.isColumnHidden(1)


def test_meeting_selector_switches_every_section(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with window.store.write() as session:
        other = make_meeting()
        session.add(other)
        session.add(m.AgendaItem(meeting=other, title="Opening of the meeting"))
    window.load("SG20-2026-05")
    selector = window.meeting_selector
    assert selector.count() == 2
    selector.setFocus()
    with qtbot.waitSignal(window.meetingShown):
        qtbot.keyClick(selector, Qt.Key.Key_Down)
    assert window.meeting is not None and window.meeting.code == "SG2-2026-07"
    assert window.overview.deadlines.rowCount() == 0
    assert "none" in window.overview.deadlines_heading.text()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.agenda.model.rowCount() == 1
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.drafts.model.rowCount() == 0
    # and back: the agenda shows the first meeting again
    with qtbot.waitSignal(window.meetingShown):
        qtbot.keyClick(selector, Qt.Key.Key_Up)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.agenda.model.rowCount() == 24
