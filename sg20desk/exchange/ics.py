"""iCalendar files, written with the ``icalendar`` library.

An entry is timed (start and end instants, written in their real zone as TZID with its
VTIMEZONE) or a run of whole days (the end date exclusive, as the standard says). UIDs are
made from the entries' keys, so importing a second export updates the same entries in a
calendar program instead of adding them again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from sg20desk import __version__
from sg20desk.rules.timezones import in_zone

UID_DOMAIN = "sg20desk"


@dataclass(frozen=True, slots=True)
class Entry:
    """One calendar entry. ``start``/``end`` are UTC instants shown in ``zone``, or dates
    (``end`` then the day after the last). ``alarms`` go off that long before ``alarm_at``."""

    kind: str  # "event" or "deadline": part of the UID
    key: uuid.UUID
    summary: str
    start: datetime | date
    end: datetime | date
    zone: str = "UTC"
    location: str = ""
    description: str = ""
    busy: bool = True
    cancelled: bool = False
    alarms: Sequence[timedelta] = ()
    alarm_at: datetime | None = None
    alarm_text: str = ""

    @property
    def uid(self) -> str:
        return f"{self.kind}-{self.key}@{UID_DOMAIN}"


def _component(entry: Entry, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("summary", entry.summary)
    if isinstance(entry.start, datetime):
        assert isinstance(entry.end, datetime)
        event.add("dtstart", in_zone(entry.start, entry.zone))
        event.add("dtend", in_zone(entry.end, entry.zone))
    else:
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end)
    if entry.location:
        event.add("location", entry.location)
    if entry.description:
        event.add("description", entry.description)
    if not entry.busy:
        event.add("transp", "TRANSPARENT")
    if entry.cancelled:
        event.add("status", "CANCELLED")
    for offset in entry.alarms:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.alarm_text or entry.summary)
        if entry.alarm_at is not None and isinstance(entry.start, datetime):
            alarm.add("trigger", (entry.alarm_at - offset) - entry.start)
        elif entry.alarm_at is not None:
            alarm.add("trigger", entry.alarm_at - offset, parameters={"VALUE": "DATE-TIME"})
        else:
            alarm.add("trigger", -offset)
        event.add_component(alarm)
    return event


def calendar_bytes(name: str, entries: Sequence[Entry], stamp: datetime) -> bytes:
    """The entries as an iCalendar file named ``name``, with every zone it uses."""
    calendar = Calendar()
    calendar.add("prodid", f"-//sg20desk//sg20desk {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        calendar.add_component(_component(entry, stamp))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
