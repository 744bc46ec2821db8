"""Reading iCalendar files from other calendars into a meeting, with the icalendar library.

Each VEVENT becomes one of the user's appointments (a run of days when it has dates
only), each VTODO with a due date and each VEVENT whose summary starts "Due:" (as
sg20desk's own export writes deadlines) a deadline. A repeating entry is expanded into its
occurrences around the meeting, at most :data:`MAX_OCCURRENCES` of one entry and
:data:`MAX_ENTRIES` in all. Identifiers come from the entry's UID (and the occurrence's
start), so importing a newer copy of the same calendar updates what the first one added.

The result is a meeting document of the exchange format holding only those events and
deadlines, for the same validation and merge as any other import.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.rrule import rrulestr

from sg20desk.db.schema import DeadlineOrigin
from sg20desk.rules.timezones import UnknownZoneError, wall_clock, zone

MAX_BYTES = 20 * 1024 * 1024
MAX_COMPONENTS = 50_000
MAX_ENTRIES = 20_000
MAX_OCCURRENCES = 1_000
#: how far around the meeting's days repeating entries are expanded
WINDOW = timedelta(days=14)
NAMESPACE = uuid.UUID("3d0f6e1a-7b52-4c89-b0e4-5a9c1f27d846")


class CalendarError(ValueError):
    """A calendar that cannot be read; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class CalendarWarning:
    source: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.where}: {self.message}"


def read_calendar(
    data: bytes, source: str, meeting: dict[str, Any]
) -> tuple[dict[str, Any], list[CalendarWarning]]:
    """The calendar's entries as a meeting document for ``meeting`` (its exchange-format
    head: id, code, group, title, timezone, first_day, last_day)."""
    from icalendar import Calendar  # only when a calendar is read

    if len(data) > MAX_BYTES:
        raise CalendarError(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if not data.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
        raise CalendarError(f"{source}: not an iCalendar file (it does not begin BEGIN:VCALENDAR)")
    if not data.rstrip().upper().endswith(b"END:VCALENDAR"):
        raise CalendarError(f"{source}: cut short (it does not end with END:VCALENDAR)")
    if data.upper().count(b"BEGIN:") > MAX_COMPONENTS:
        raise CalendarError(f"{source}: more than {MAX_COMPONENTS} components")
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError) as exc:
        raise CalendarError(f"{source}: not a valid iCalendar file ({exc})") from None
    first = date.fromisoformat(meeting["first_day"]) - WINDOW
    last = date.fromisoformat(meeting["last_day"]) + WINDOW
    reader = _Reader(source, meeting["timezone"], first, last)
    for calendar in calendars:
        for index, component in enumerate(calendar.walk()):
            if component.name in ("VEVENT", "VTODO"):
                reader.component(component, f"{component.name} {index + 1}")
    document = {
        "format": "sg20desk-meeting",
        "format_version": 1,
        "meeting": meeting,
        "events": reader.events,
        "deadlines": reader.deadlines,
        "agenda": [],
        "drafts": [],
    }
    return document, reader.warnings


def _own_uid(uid: str) -> str | None:
    """The identifier in a UID sg20desk wrote ("event-<uuid>@sg20desk"), so that its own
    export read back finds the rows it came from."""
    name, _, domain = uid.partition("@")
    kind, _, key = name.partition("-")
    if domain != "sg20desk" or kind not in ("event", "deadline"):
        return None
    try:
        return str(uuid.UUID(key))
    except ValueError:
        return None


class _Reader:
    def __init__(self, source: str, zone_name: str, first: date, last: date) -> None:
        self.source = source
        self.zone = zone_name
        self.first, self.last = first, last
        self.events: list[dict[str, Any]] = []
        self.deadlines: list[dict[str, Any]] = []
        self.warnings: list[CalendarWarning] = []
        self.seen: set[str] = set()

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(CalendarWarning(self.source, where, message))

    def component(self, component: Any, where: str) -> None:
        uid = str(component.get("uid", "")).strip()
        summary = " ".join(str(component.get("summary", "")).split())
        where = f"{where} ({summary or uid or 'untitled'})"
        if not summary:
            self.warn(where, "no summary; not imported")
            return
        if str(component.get("status", "")).upper() == "CANCELLED":
            self.warn(where, "cancelled; not imported")
            return
        try:
            start = self._when(component, "DUE" if component.name == "VTODO" else "DTSTART")
            end = self._when(component, "DTEND") if component.name == "VEVENT" else None
        except (ValueError, TypeError) as exc:
            raise CalendarError(f"{self.source}: {where}: {exc}") from None
        if start is None:
            self.warn(where, "no start or due date; not imported")
            return
        if end is None and "DURATION" in component:
            end = start + component.decoded("DURATION")
        due = component.name == "VTODO" or summary.casefold().startswith("due:")
        if due:
            summary = summary[4:].strip() if summary.casefold().startswith("due:") else summary
        occurrences = self._occurrences(component, start, where)
        for at in occurrences:
            if len(self.events) + len(self.deadlines) >= MAX_ENTRIES:
                raise CalendarError(f"{self.source}: more than {MAX_ENTRIES} entries")
            key = f"{uid or summary}/{at.isoformat()}" if len(occurrences) > 1 else (uid or summary)
            if key in self.seen:
                continue  # an occurrence given again as an exception to its rule
            self.seen.add(key)
            ident = _own_uid(uid) if len(occurrences) == 1 else None
            ident = ident or str(uuid.uuid5(NAMESPACE, key))
            later = None if end is None else at + (end - start)
            if due:
                self.deadlines.append(self._deadline(ident, summary, at, component))
            else:
                self.events.append(self._event(ident, summary, at, later, component))

    def _when(self, component: Any, name: str) -> datetime | date | None:
        if name not in component:
            return None
        value = component.decoded(name)
        if isinstance(value, datetime) and value.tzinfo is None:  # floating: the meeting's
            value = value.replace(tzinfo=zone(self.zone))
        if not isinstance(value, (date, datetime)):
            raise ValueError(f"{name} is not a date or a date-time")
        return value

    def _occurrences(self, component: Any, start: datetime | date, where: str) -> list[Any]:
        if "RRULE" not in component:
            return [start]
        rule_text = component["RRULE"].to_ical().decode()
        is_day = not isinstance(start, datetime)
        anchor = start if isinstance(start, datetime) else datetime.combine(start, time())
        try:
            rule = rrulestr(rule_text, dtstart=anchor)
        except (ValueError, TypeError) as exc:
            self.warn(where, f"its repetition ({rule_text}) cannot be read ({exc}); only the first")
            return [start]
        window_start = datetime.combine(self.first, time())
        window_end = datetime.combine(self.last, time())
        if not is_day:
            window_start = window_start.replace(tzinfo=anchor.tzinfo)
            window_end = window_end.replace(tzinfo=anchor.tzinfo)
        found: list[Any] = []
        for count, at in enumerate(rule):
            if at > window_end:
                break
            if count >= MAX_OCCURRENCES * 10 or len(found) >= MAX_OCCURRENCES:
                self.warn(where, f"repeats too often; only {len(found)} occurrences imported")
                break
            if at >= window_start:
                found.append(at.date() if is_day else at)
        return found

    def _event(self, ident: str, title: str, at: Any, end: Any, component: Any) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": ident,
            "kind": "appointment",
            "title": title,
            "place": " ".join(str(component.get("location", "")).split()),
            "notes": str(component.get("description", "")).strip(),
        }
        if isinstance(at, datetime):
            zone_name = self._zone_of(at)
            entry["timezone"] = zone_name
            entry["start"] = wall_clock(at, zone_name)
            if isinstance(end, datetime) and end >= at:
                entry["end"] = wall_clock(end, zone_name)
        else:
            last = end - timedelta(days=1) if isinstance(end, date) and end > at else at
            entry["first_day"], entry["last_day"] = at.isoformat(), last.isoformat()
        return entry

    def _deadline(self, ident: str, title: str, at: Any, component: Any) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": ident,
            "title": title,
            "origin": DeadlineOrigin.CALENDAR.value,
            "source_text": f"{self.source}: {title}",
            "notes": str(component.get("description", "")).strip(),
        }
        if isinstance(at, datetime):
            zone_name = self._zone_of(at)
            entry["timezone"], entry["due_at"] = zone_name, wall_clock(at, zone_name)
        else:
            entry["timezone"], entry["due_date"] = self.zone, at.isoformat()
        return entry

    def _zone_of(self, at: datetime) -> str:
        """The IANA zone the entry was written in when it names one, else the meeting's."""
        key = getattr(at.tzinfo, "key", None)
        if isinstance(key, str) and key != "UTC":
            try:
                zone(key)
                return key
            except UnknownZoneError:
                pass
        return self.zone  # UTC, an offset or an unknown name: the same instant, meeting's zone
