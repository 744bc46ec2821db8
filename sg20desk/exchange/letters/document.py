"""What a letter says, as a meeting document in the exchange format."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, time
from typing import Any

from sg20desk.exchange.letters.model import LINE, NAMESPACE, Meeting, uid
from sg20desk.exchange.meeting_json import FORMAT, FORMAT_VERSION
from sg20desk.rules.phrases import InstantPhrase
from sg20desk.rules.timezones import in_zone, wall_clock


def document_of(
    meeting: Meeting,
    reference: str,
    dated: date | None,
    events: list[dict[str, Any]],
    agenda: list[dict[str, Any]],
    drafts: list[dict[str, Any]],
    deadlines: list[dict[str, Any]],
) -> dict[str, Any]:
    assert meeting.first is not None and meeting.last is not None
    head: dict[str, Any] = {
        "id": uid(meeting.code, "meeting"),
        "code": meeting.code,
        "group": meeting.group,
        "title": meeting.title,
        "place": meeting.place,
        "timezone": meeting.zone,
        "first_day": meeting.first.isoformat(),
        "last_day": meeting.last.isoformat(),
        "opening_time": meeting.opening.strftime("%H:%M") if meeting.opening else None,
        "registration_time": (
            meeting.registration.strftime("%H:%M") if meeting.registration else None
        ),
        "source_document": reference,
        "source_date": dated.isoformat() if dated else None,
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "meeting": {k: v for k, v in head.items() if v is not None},
        "events": distinct(events),
        "agenda": distinct_tree(agenda),
        "drafts": drafts,
        "deadlines": distinct(deadlines),
    }


def distinct_tree(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def walk(level: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for item in level:
            yield item
            yield from walk(item["children"])

    distinct(list(walk(items)))
    return items


def distinct(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries, a second one of the same identifier (the same title, or the same title
    under a parent of the same title) told apart by the order it comes in."""
    seen: dict[str, int] = {}
    for entry in entries:
        seen[entry["id"]] = seen.get(entry["id"], 0) + 1
        if seen[entry["id"]] > 1:
            entry["id"] = str(uuid.uuid5(NAMESPACE, f"{entry['id']}#{seen[entry['id']]}"))
    return entries


def take_lines(document: dict[str, Any]) -> dict[str, int]:
    """Where each fact of ``document`` was read (identifier -> line), taken out of the
    facts, which the exchange format does not give a place for."""
    out: dict[str, int] = {}

    def take(entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            line = entry.pop(LINE, None)
            if line is not None:
                out[entry["id"]] = line
            take(entry.get("children", []))

    for kind in ("events", "agenda", "drafts", "deadlines"):
        take(document[kind])
    return out


def due_clock(value: InstantPhrase) -> str:
    """An instant a letter states for a deadline, as the exchange format's wall clock in its
    zone; "2400 hours UTC on 15 November" is the end of 15 November, written 23:59 as every
    deadline given as a day is, so that it stays on the day the letter prints."""
    local = in_zone(value.at, value.zone)
    if local.date() != value.day and local.time() == time(0, 0):
        return f"{value.day.isoformat()}T23:59"
    return wall_clock(value.at, value.zone)
