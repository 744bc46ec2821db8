"""The facts a letter states, written as a meeting document in the exchange format
(:mod:`sg20desk.exchange.meeting_json`): the one shape in which letters, meeting files and
calendars reach the user's corrections, the validation and the store."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sg20desk.exchange.letters.model import (
    DeadlineFact,
    DraftFact,
    EventFact,
    Facts,
    ItemFact,
    uid,
    wall,
)
from sg20desk.exchange.meeting_json import FORMAT, FORMAT_VERSION
from sg20desk.rules.phrases import InstantPhrase
from sg20desk.rules.timezones import WALL_CLOCK


def document_of(facts: Facts) -> dict[str, Any]:
    meeting = facts.meeting
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
        "source_document": facts.reference,
        "source_date": facts.dated.isoformat() if facts.dated else None,
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "meeting": _present(head),
        "events": [_event(e) for e in facts.events],
        "agenda": [_item(i) for i in facts.agenda],
        "drafts": [_draft(d) for d in facts.drafts],
        "deadlines": [_deadline(d) for d in facts.deadlines],
    }


def _present(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v is not None}


def _clock(value: datetime | None) -> str | None:
    return value.strftime(WALL_CLOCK) if value is not None else None


def _event(event: EventFact) -> dict[str, Any]:
    return _present(
        {
            "id": event.id,
            "kind": event.kind.value,
            "title": event.title,
            "timezone": event.zone,
            "place": event.place,
            "virtual": event.virtual,
            "registration_required": event.registration_required,
            "notes": event.notes,
            "start": _clock(event.start),
            "end": _clock(event.end),
            "first_day": event.first_day.isoformat() if event.first_day else None,
            "last_day": event.last_day.isoformat() if event.last_day else None,
        }
    )


def _deadline(deadline: DeadlineFact) -> dict[str, Any]:
    return _present(
        {
            "id": deadline.id,
            "title": deadline.title,
            "timezone": deadline.zone,
            "source_text": deadline.source_text,
            "origin": deadline.origin.value,
            "due_at": _clock(deadline.due_at),
            "due_date": deadline.due_date.isoformat() if deadline.due_date else None,
            "rule": deadline.rule.exchanged() if deadline.rule else None,
        }
    )


def _draft(draft: DraftFact) -> dict[str, Any]:
    closes = None
    if draft.consultation_deadline is not None:
        closes = {"at": _clock(draft.consultation_deadline), "timezone": draft.consultation_zone}
    return _present(
        {
            "id": draft.id,
            "designation": draft.designation,
            "former_name": draft.former_name,
            "is_new": draft.is_new,
            "title": draft.title,
            "summary": draft.summary,
            "report_number": draft.report_number,
            "ipr_statements": draft.ipr_statements,
            "question": draft.question,
            "procedure": draft.procedure.value,
            "stage": draft.stage.value,
            "circular": draft.circular,
            "circular_date": draft.circular_date.isoformat() if draft.circular_date else None,
            "consultation_deadline": closes,
            "consultation_threshold_percent": draft.threshold_percent,
        }
    )


def _item(item: ItemFact) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id,
        "title": item.title,
        "numbered": item.numbered,
        "number": item.number,
        "documents": list(item.documents),
        "children": [_item(child) for child in item.children],
    }
    if item.notes:
        out["notes"] = item.notes
    if item.draft:
        out["draft"] = item.draft
    return out


def due_clock(value: InstantPhrase) -> datetime:
    """An instant a letter states for a deadline, as a wall clock in its zone; "2400 hours
    UTC on 15 November" is the end of 15 November, 23:59 as every deadline given as a day
    is, so that it stays on the day the letter prints."""
    local = wall(value.at, value.zone)
    if local.date() != value.day and local.time() == time(0, 0):
        return datetime.combine(value.day, time(23, 59))
    return local
