"""User preferences kept in the store."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert, select
from tzlocal import get_localzone_name

from sg20desk.db import schema
from sg20desk.db.store import Store
from sg20desk.rules.timezones import UnknownZoneError, zone

USER_ZONE_KEY = "user_zone"


def system_zone() -> str:
    """The computer's IANA zone, or UTC when it cannot be told."""
    try:
        name = get_localzone_name()
        if name:
            zone(name)
            return name
    except (UnknownZoneError, LookupError, ValueError, OSError):
        pass
    return "UTC"


def user_zone(connection: Connection) -> str:
    """The zone the user reads times in: their setting, else the system's."""
    value = setting(connection, USER_ZONE_KEY)
    return value if value else system_zone()


REMINDERS_KEY = "reminder_offsets"
#: the paper reports are laid out on: "A4" (unset) or "Letter"
PAGE_SIZE_KEY = "print.page_size"
#: the Administration's profile, one setting per field ("profile.member_state")
PROFILE_KEY = "profile.{}"
#: the instant up to which reminders were shown (so a restart shows only what is new)
REMINDED_UNTIL_KEY = "reminded_until"


def setting(connection: Connection, key: str) -> str | None:
    table = schema.setting
    value: str | None = connection.scalar(select(table.c.value).where(table.c.key == key))
    return value


def save_settings(store: Store, values: dict[str, str | None]) -> None:
    """Store preferences in one transaction; None removes one (back to its default).

    Preferences are not undo steps: they are not part of any meeting.
    """
    table = schema.setting
    with store.transaction() as connection:
        for key, value in values.items():
            connection.execute(delete(table).where(table.c.key == key))
            if value is not None:
                connection.execute(insert(table).values(key=key, value=value))


def reminder_offsets(connection: Connection) -> tuple[timedelta, ...]:
    """The user's reminder offsets; the defaults (7d, 1d) when unset or unreadable."""
    from sg20desk.rules.reminders import DEFAULT_OFFSETS, OffsetError, parse_offsets

    text = setting(connection, REMINDERS_KEY)
    if text is None:
        return DEFAULT_OFFSETS
    try:
        return parse_offsets(text)
    except OffsetError:
        return DEFAULT_OFFSETS


def reminded_until(connection: Connection) -> datetime | None:
    text = setting(connection, REMINDED_UNTIL_KEY)
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
