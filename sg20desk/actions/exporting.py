"""A stored meeting written as a sg20desk meeting file (the exchange format of
:mod:`sg20desk.exchange.meeting_json`), for a chair to hand to delegates.

Everything keeps its identifier, so a delegate who imports a later export gets an update of
the meeting they have, not a second copy. The user's own data (notes on agenda items,
attendance, what became of each deadline, replies, their own deadlines and appointments,
the Administration's profile) is written only when asked for: a chair's file carries the
meeting, not the chair's notes.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection

from sg20desk.actions.agenda_rows import AgendaRow, agenda
from sg20desk.actions.drafts import profile as drafts_profile
from sg20desk.actions.history import Row, rows_of
from sg20desk.db import schema
from sg20desk.exchange.meeting_json import FORMAT, FORMAT_VERSION
from sg20desk.rules.timezones import wall_clock


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _clock(value: Any) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _drop_empty(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v is not None}


def meeting_document(
    connection: Connection, meeting_id: uuid.UUID, *, personal: bool = False
) -> dict[str, Any]:
    """The meeting as an exchange document (see the README's "Exchange files")."""
    meeting = rows_of(connection, schema.meeting, schema.meeting.c.id == meeting_id)[0]
    events = [
        e
        for e in rows_of(connection, schema.event, schema.event.c.meeting_id == meeting_id)
        if personal or e["kind"] != schema.EventKind.APPOINTMENT.value
    ]
    events.sort(key=lambda e: (e["starts_at"] is None, e["starts_at"] or e["first_day"]))
    deadlines = [
        d
        for d in rows_of(connection, schema.deadline, schema.deadline.c.meeting_id == meeting_id)
        if personal or d["origin"] != schema.DeadlineOrigin.USER
    ]
    drafts = rows_of(
        connection,
        schema.draft_recommendation,
        schema.draft_recommendation.c.meeting_id == meeting_id,
    )
    drafts.sort(key=lambda d: d["position"])
    items = agenda(connection, meeting_id)
    revisions = rows_of(
        connection, schema.agenda_revision, schema.agenda_revision.c.meeting_id == meeting_id
    )
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "meeting": _drop_empty(
            {
                "id": str(meeting["id"]),
                "code": meeting["code"],
                "group": meeting["group"],
                "title": meeting["title"],
                "place": meeting["place"],
                "timezone": meeting["timezone"],
                "first_day": _day(meeting["first_day"]),
                "last_day": _day(meeting["last_day"]),
                "opening_time": _clock(meeting["opening_time"]),
                "registration_time": _clock(meeting["registration_time"]),
                "numbering_frozen": meeting["numbering_frozen"],
                "source_document": meeting["source_document"],
                "source_date": _day(meeting["source_date"]),
                "notes": meeting["notes"],
            }
        ),
        "events": [_event(e) for e in events],
        "agenda": _agenda(items),
        "drafts": [_draft(d) for d in drafts],
        "deadlines": [_deadline(d) for d in deadlines],
        "revisions": [
            {
                "id": str(r["id"]),
                "label": r["label"],
                "issued_on": _day(r["issued_on"]),
                "issued_at": wall_clock(r["issued_at"], "UTC"),
                "snapshot": json.loads(r["snapshot"]),
                "notes": r["notes"],
            }
            for r in sorted(revisions, key=lambda r: r["issued_at"])
        ],
    }
    if personal:
        document["personal"] = _personal(connection, events, items, deadlines, drafts)
    return document


def _event(e: Row) -> dict[str, Any]:
    zone_name = e["timezone"]
    entry: dict[str, Any] = {
        "id": str(e["id"]),
        "kind": e["kind"],
        "title": e["title"],
        "timezone": zone_name,
        "place": e["place"],
        "virtual": e["virtual"],
        "registration_required": e["registration_required"],
        "notes": e["notes"],
    }
    if e["starts_at"] is not None:
        entry["start"] = wall_clock(e["starts_at"], zone_name)
        if e["ends_at"] is not None:
            entry["end"] = wall_clock(e["ends_at"], zone_name)
    if e["first_day"] is not None:
        entry["first_day"] = _day(e["first_day"])
        entry["last_day"] = _day(e["last_day"])
    return entry


def _draft(d: Row) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": str(d["id"]),
        "designation": d["designation"],
        "former_name": d["former_name"],
        "is_new": d["is_new"],
        "title": d["title"],
        "summary": d["summary"],
        "question": d["question"],
        "procedure": d["procedure"],
        "stage": d["stage"],
        "report_number": d["report_number"],
        "ipr_statements": d["ipr_statements"],
        "circular": d["circular"],
        "circular_date": _day(d["circular_date"]),
        "consultation_threshold_percent": d["consultation_threshold_percent"],
    }
    if d["consultation_deadline"] is not None:
        zone_name = d["consultation_deadline_tz"]
        entry["consultation_deadline"] = {
            "at": wall_clock(d["consultation_deadline"], zone_name),
            "timezone": zone_name,
        }
    return _drop_empty(entry)


def _deadline(d: Row) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": str(d["id"]),
        "title": d["title"],
        "timezone": d["timezone"],
        "due_at": wall_clock(d["due_at"], d["timezone"]) if d["due_at"] else None,
        "due_date": _day(d["due_date"]),
        "source_text": d["source_text"],
        "origin": d["origin"],
    }
    if d["rule_unit"] is not None:
        entry["rule"] = {
            "amount": d["rule_amount"],
            "unit": d["rule_unit"],
            "anchor": d["rule_anchor"],
        }
    return _drop_empty(entry)


def _agenda(rows: list[AgendaRow]) -> list[dict[str, Any]]:
    """The tree as the agenda section shows it, each item with the number its place gives
    (a frozen number beside it)."""
    children: dict[uuid.UUID | None, list[dict[str, Any]]] = {}
    for row in rows:  # depth first: a parent comes before its children
        entry = {
            "id": str(row.id),
            "number": row.computed_number,
            "numbered": row.numbered,
            "title": row.title,
            "documents": list(row.documents),
            "draft": row.draft_designation,
            "minutes": row.minutes,
            "status": row.status,
            "frozen_number": row.frozen_number,
            "children": children.setdefault(row.id, []),
        }
        children.setdefault(row.parent_id, []).append(_drop_empty(entry))
    return children.get(None, [])


def _personal(
    connection: Connection,
    events: list[Row],
    items: list[AgendaRow],
    deadlines: list[Row],
    drafts: list[Row],
) -> dict[str, Any]:
    profile = asdict(drafts_profile(connection))
    plans = rows_of(
        connection,
        schema.attendance,
        schema.attendance.c.event_id.in_([e["id"] for e in events]),
    )
    replies = rows_of(
        connection,
        schema.consultation_reply,
        schema.consultation_reply.c.draft_id.in_([d["id"] for d in drafts]),
    )
    return {
        "profile": {k: v for k, v in profile.items() if v},
        "attendance": [{"event": str(p["event_id"]), "mode": p["mode"]} for p in plans],
        "agenda_notes": [{"item": str(r.id), "notes": r.notes} for r in items if r.notes],
        "deadlines": [
            {"deadline": str(d["id"]), "status": d["status"], "notes": d["notes"]}
            for d in deadlines
            if d["notes"] or d["status"] != schema.DeadlineStatus.OPEN.value
        ],
        "replies": [
            _drop_empty(
                {
                    "id": str(r["id"]),
                    "draft": str(r["draft_id"]),
                    "member_state": r["member_state"],
                    "assigns_authority": r["assigns_authority"],
                    "comments_attached": r["comments_attached"],
                    "note": r["note"],
                    "received_at": (
                        wall_clock(r["received_at"], "UTC") if r["received_at"] else None
                    ),
                    "own_administration": r["own_administration"],
                }
            )
            for r in replies
        ],
    }


def export_json(connection: Connection, meeting_id: uuid.UUID, *, personal: bool = False) -> bytes:
    """The meeting file's bytes (UTF-8, indented so that two versions diff well)."""
    document = meeting_document(connection, meeting_id, personal=personal)
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
