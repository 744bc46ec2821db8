"""User preferences kept in the store."""

from __future__ import annotations

from sqlalchemy import Connection, select
from tzlocal import get_localzone_name

from sg20desk.db import schema
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
    table = schema.setting
    value = connection.scalar(select(table.c.value).where(table.c.key == USER_ZONE_KEY))
    return value if value else system_zone()
