"""Time zones and how instants are shown: always with their zone named.

Geneva is IANA ``Europe/Zurich``; there is no ``Europe/Geneva``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

GENEVA = "Europe/Zurich"
UTC_NAME = "UTC"

#: Zones people know by another name than the IANA city.
ZONE_ALIASES = {"Europe/Geneva": GENEVA, "Geneva": GENEVA}


# The names of months and days, in English, written out: strftime's %B and %a follow the
# process's locale, which Qt sets from the desktop's when the window starts, and the
# program speaks English (letters are read, and its words shown, in English).
MONTH_LIST = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAY_LIST = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def month_name(day: date) -> str:
    return MONTH_LIST[day.month - 1]


def day_abbr(day: date) -> str:
    return DAY_LIST[day.weekday()][:3]


class UnknownZoneError(ValueError):
    """A zone name that the IANA database does not know."""


def zone(name: str) -> ZoneInfo:
    """The zone for an IANA name (or a known alias), with a clear error otherwise."""
    canonical = ZONE_ALIASES.get(name, name)
    try:
        return ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownZoneError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/Zurich or Asia/Tokyo"
        ) from exc


def to_utc(local: datetime, zone_name: str) -> datetime:
    """Interpret a naive wall-clock time in ``zone_name`` and return the UTC instant."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    return local.replace(tzinfo=zone(zone_name)).astimezone(UTC)


def local_to_utc(day: date, clock: time, zone_name: str) -> datetime:
    return to_utc(datetime.combine(day, clock), zone_name)


def end_of_day(day: date, zone_name: str) -> datetime:
    """The last minute of ``day`` in the zone (23:59), as a UTC instant.

    A deadline printed as a bare date is due by the end of that day where the meeting is.
    """
    return local_to_utc(day, time(23, 59), zone_name)


def in_zone(instant: datetime, zone_name: str) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("naive datetime: instants must carry their zone")
    return instant.astimezone(zone(zone_name))


def zone_abbreviation(instant: datetime, zone_name: str) -> str:
    """The abbreviation in force at that instant (CET, CEST, JST, or +0530 style)."""
    return in_zone(instant, zone_name).tzname() or zone_name


WALL_CLOCK = "%Y-%m-%dT%H:%M"


def wall_clock(instant: datetime, zone_name: str) -> str:
    """``2026-03-02T12:00``: the wall-clock time in ``zone_name``, as exchange files write
    it next to the zone's name."""
    return in_zone(instant, zone_name).strftime(WALL_CLOCK)


def format_instant(instant: datetime, zone_name: str, *, with_date: bool = True) -> str:
    """``Fri 1 May 2026 01:59 CEST``: the wall time with the zone that applies then."""
    local = in_zone(instant, zone_name)
    clock = local.strftime("%H:%M")
    abbr = local.tzname() or zone_name
    if not with_date:
        return f"{clock} {abbr}"
    return f"{day_abbr(local)} {local.day} {month_name(local)} {local.year} {clock} {abbr}"


def format_weekday_clock(instant: datetime, zone_name: str) -> str:
    """``Tue 15:30``: when in a meeting's week something happens (the zone named nearby)."""
    local = in_zone(instant, zone_name)
    return f"{day_abbr(local)} {local:%H:%M}"


def format_short_date(day: date) -> str:
    """``Tue 12 May``: a day near enough that its year goes without saying."""
    return f"{day_abbr(day)} {day.day} {month_name(day)[:3]}"


def format_span(start: datetime, end: datetime | None, zone_name: str) -> str:
    """``Tue 12 May 15:30-18:30 CEST``: a span within one day, its zone named once."""
    first = in_zone(start, zone_name)
    text = f"{format_short_date(first.date())} {first:%H:%M}"
    if end is not None:
        text += f"-{in_zone(end, zone_name):%H:%M}"
    return f"{text} {first.tzname() or zone_name}"


def format_days(first: date, last: date) -> str:
    """``12-21 May 2026``, ``30 April - 2 May 2026``, ``13 February 2026``: a run of days."""
    if first == last:
        return f"{first.day} {month_name(first)} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {month_name(first)} {first.year}"
    if first.year == last.year:
        return f"{first.day} {month_name(first)} - {last.day} {month_name(last)} {last.year}"
    return (
        f"{first.day} {month_name(first)} {first.year} - {last.day} {month_name(last)} {last.year}"
    )


def format_date(day: date) -> str:
    return f"{day_abbr(day)} {day.day} {month_name(day)} {day.year}"


def format_time_left(delta: timedelta) -> str:
    """``3 d 4 h left``, ``5 h 20 min left``, ``overdue by 2 d``."""
    seconds = int(delta.total_seconds())
    overdue = seconds < 0
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        text = f"{days} d {hours} h" if days < 7 and hours else f"{days} d"
    elif hours:
        text = f"{hours} h {minutes} min" if minutes else f"{hours} h"
    else:
        text = f"{minutes} min"
    return f"overdue by {text}" if overdue else f"{text} left"


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_due(due: datetime, zone_name: str, *, whole_day: bool = False) -> str:
    """A due instant in a zone; a whole-day deadline says so in its own zone."""
    if whole_day:
        local = in_zone(due, zone_name)
        return f"{format_date(local.date())}, end of day ({local:%H:%M} {local.tzname()})"
    return format_instant(due, zone_name)


def zone_label(zone_name: str) -> str:
    """``Geneva (Europe/Zurich)`` for the meeting zone people name by city."""
    return f"Geneva ({zone_name})" if zone_name == GENEVA else zone_name
