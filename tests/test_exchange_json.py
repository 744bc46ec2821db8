"""Reading meeting files: every complaint names the file and the field, nothing is half-read."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from sg20desk.actions import merging, queries
from sg20desk.actions.history import apply_rows
from sg20desk.db import schema
from sg20desk.db.store import Store
from sg20desk.exchange import meeting_json
from sg20desk.exchange.builtin import builtin_text


def builtin() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(builtin_text())
    return data


def parse(data: dict[str, Any]) -> meeting_json.MeetingDocument:
    return meeting_json.parse(json.dumps(data), "meeting.json")


def test_builtin_file_parses() -> None:
    doc = parse(builtin())
    assert doc.meeting.code == "SG20-2026-05"
    assert len(doc.agenda) == 60


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["events"][2].update(first_day="11/05/2026"),
            r"events\[2\]\.first_day: not a date",
        ),
        (
            lambda d: d["events"][0].update(start="2026-03-02 noon"),
            r"events\[0\]\.start: not a date-time",
        ),
        (
            lambda d: d["events"][0].update(timezone="Europe/Geneve"),
            r"events\[0\]\.timezone: unknown time zone",
        ),
        (
            lambda d: d["meeting"].update(last_day="2026-05-01"),
            r"meeting\.last_day: .* before the first day",
        ),
        (lambda d: d["meeting"].pop("code"), r"meeting\.code: missing"),
        (
            lambda d: d["agenda"][6]["children"][0].update(number="7.9"),
            r"agenda\[6\]\.children\[0\]\.number: states 7\.9 but its place in the tree gives 7\.1",
        ),
        (
            lambda d: d["agenda"][6]["children"][0].update(draft="ITU-T Y.9999"),
            r"agenda\[6\]\.children\[0\]\.draft: ITU-T Y\.9999 is not among the drafts",
        ),
        (
            lambda d: d["deadlines"][0].update(rule={"amount": 2, "unit": "fortnights"}),
            r"deadlines\[0\]\.rule\.unit",
        ),
        (
            lambda d: d["drafts"][0].update(consultation_threshold_percent=170),
            r"drafts\[0\]\.consultation_threshold_percent",
        ),
        (lambda d: d.update(format_version=2), r"format_version: version 2 is not supported"),
        (lambda d: d["events"][0].update(virtual="yes"), r"events\[0\]\.virtual: expected bool"),
        (
            lambda d: d["agenda"][1].update(documents=["TD 12", "TD-x"]),
            r'agenda\[1\]\.documents\[1\]: "TD-x" is not a document reference',
        ),
        (
            lambda d: d["events"][1].update(id=d["events"][0]["id"]),
            r"events\[1\]\.id: .* is already used by events\[0\]\.id",
        ),
        (
            lambda d: d["agenda"][2].update(id=d["deadlines"][0]["id"]),
            r"agenda\[2\]\.id: .* is already used by deadlines\[0\]\.id",
        ),
        (
            lambda d: d["drafts"][1].update(designation=d["drafts"][0]["designation"]),
            r"drafts\[1\]\.designation: ITU-T Y\.4241 is also drafts\[0\]",
        ),
    ],
)
def test_bad_fields_are_named(change: Any, message: str) -> None:
    data = copy.deepcopy(builtin())
    change(data)
    with pytest.raises(meeting_json.ExchangeError, match=r"^meeting\.json: " + message):
        parse(data)


def test_broken_json_names_the_line() -> None:
    with pytest.raises(meeting_json.ExchangeError, match=r"meeting\.json: line 3: not valid JSON"):
        meeting_json.parse('{\n "format": "sg20desk-meeting",\n oops\n}', "meeting.json")


def test_too_deep_agenda_is_refused() -> None:
    data = builtin()
    node: dict[str, Any] = {"title": "deep"}
    for _ in range(12):
        node = {"title": "level", "children": [node]}
    data["agenda"] = [node]
    with pytest.raises(meeting_json.ExchangeError, match="nested deeper"):
        parse(data)


def test_documents_are_stored_in_the_form_agendas_print(store: Store) -> None:
    data = builtin()
    data["meeting"]["code"] = "SG20-COPY"
    data["meeting"]["id"] = str(uuid.uuid4())
    _fresh_ids(data)
    data["agenda"][1]["documents"] = ["td414-r1", "C 5", "TD414 Rev.1"]
    data["agenda"][2]["documents"] = ["C005"]
    with store.transaction() as connection:
        plan = merging.plan(connection, parse(data), merging.MEETING_FILE)
        apply_rows(connection, plan.rows, forward=True, versions={})
        meeting_id = plan.meeting_id
    with store.read() as connection:
        rows = queries.agenda(connection, meeting_id)
        shared = connection.scalar(
            select(func.count())
            .select_from(schema.document_ref)
            .where(schema.document_ref.c.meeting_id == meeting_id)
        )
    assert rows[1].documents == ("TD414 Rev.1", "C 005")
    assert rows[2].documents == ("C 005",)
    assert shared == 2  # one C 005 for both items


def _fresh_ids(data: dict[str, Any]) -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "id" in node:
                node["id"] = str(uuid.uuid4())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
