"""Bringing a meeting document into the store: a new meeting, or an update of one stored.

:func:`plan` compares a validated document (:mod:`sg20desk.exchange.meeting_json`) with
what the store holds and returns the rows to write, as one undo step, with the changes in
words for the preview. Rows are matched by identifier first, then by what they are (an
event's kind and title, a deadline's title, a draft's designation, an agenda item's title
under its parent's), so a letter read again updates the rows it made before.

What the user made their own survives an update: notes on agenda items, attendance
choices, what became of each deadline, consultation replies, their own deadlines and
appointments. A row that the new version no longer has is removed, and the preview says
what of the user's goes with it; a draft with replies is never removed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, Table, select

from sg20desk.actions.history import ActionError, Row, RowChange, rows_of
from sg20desk.actions.preferences import PROFILE_KEY
from sg20desk.db import schema
from sg20desk.exchange.meeting_json import MeetingDocument
from sg20desk.rules.documents import DocumentKind, DocumentRef, circular_named
from sg20desk.rules.numbering import Node, compute_numbers
from sg20desk.rules.timezones import format_date, format_instant

Origin = schema.DeadlineOrigin

#: identifiers of rows the merge itself creates (links, attendance), so that planning
#: twice gives the same rows
NAMESPACE = uuid.UUID("0c7e2a52-9f3b-4d61-8a15-3b2f6d9e4c70")


@dataclass(frozen=True, slots=True)
class Scope:
    """What the imported files speak for.

    ``meeting``: the meeting itself, its events, deadlines and agenda (a collective letter
    or a meeting file; circulars alone speak only for their drafts and reply deadline).
    ``complete``: the meeting as a chair keeps it (a meeting file): drafts it lacks are
    removed, and the agenda's status, minutes and frozen numbers are taken from it.
    """

    meeting: bool = True
    complete: bool = False
    calendar: bool = False
    #: an addendum or corrigendum: what it gives is added or updated, nothing removed,
    #: the meeting as stored (its agenda too, unless the addendum gives one)
    amends: bool = False
    #: a circular announcing an approval's result: stored drafts move to their stage,
    #: nothing else changes
    results: bool = False

    @property
    def removes(self) -> bool:
        """Whether what the files no longer give is removed (not by an addendum or another
        calendar, which only add and update)."""
        return not (self.amends or self.calendar)


LETTERS = Scope()
CIRCULARS = Scope(meeting=False)
AMENDMENT = Scope(amends=True)
RESULTS = Scope(meeting=False, results=True)
MEETING_FILE = Scope(complete=True)
#: entries of another calendar: added or updated by identifier, nothing else touched
CALENDAR = Scope(meeting=False, calendar=True)


@dataclass(frozen=True, slots=True)
class Change:
    """One thing the import adds, changes, removes, or keeps as the user has it."""

    action: str  # "add", "change", "remove", "keep"
    what: str  # "meeting", "event", "deadline", "draft", "agenda item", ...
    label: str
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        sign = {"add": "+", "change": "~", "remove": "-", "keep": "="}[self.action]
        text = f"{sign} {self.what} {self.label}"
        return f"{text}: {'; '.join(self.details)}" if self.details else text


@dataclass
class Plan:
    """The rows an import writes and what they mean to the user."""

    meeting_id: uuid.UUID
    code: str
    existing: bool
    rows: list[RowChange] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=dict)

    def same_as(self, other: Plan) -> bool:
        """Whether ``other`` writes exactly these rows (the store did not move between)."""

        def key(p: Plan) -> list[tuple[str, Row | None, Row | None]]:
            return [(c.table.name, c.before, c.after) for c in p.rows]

        return key(self) == key(other)


# --- rows from the document ---------------------------------------------------------------


def _row(table: Table, obj: Any, **values: Any) -> Row:
    """A whole row of ``table`` from a document's record, defaults filled in."""
    row: Row = {}
    for column in table.c:
        value = values[column.name] if column.name in values else getattr(obj, column.key, None)
        default = column.default
        if value is None and not column.nullable and default is not None and default.is_scalar:
            value = default.arg  # type: ignore[attr-defined]
        row[column.name] = value
    row["version"] = 1
    return row


def _show(value: Any, zone_name: str = "UTC") -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return format_instant(value, zone_name)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


_LABELS = {
    "first_day": "first day",
    "last_day": "last day",
    "opening_time": "opening",
    "registration_time": "registration",
    "starts_at": "start",
    "ends_at": "end",
    "due_at": "due",
    "due_date": "due day",
    "registration_required": "registration required",
    "former_name": "former name",
    "is_new": "new",
    "report_number": "report",
    "ipr_statements": "IPR notes",
    "consultation_deadline": "reply deadline",
    "consultation_threshold_percent": "threshold %",
    "parent_id": "moved",
    "draft_id": "draft",
    "frozen_number": "frozen number",
}


#: what an entry of another calendar does not say, and so does not change
_NOT_IN_CALENDARS = frozenset({"kind", "virtual", "registration_required"})

#: where in its letter a row was read: not a change the user needs to see
_PROVENANCE = frozenset({"source_text"})


def _update(
    table: Table,
    stored: Row,
    wanted: Row,
    columns: Iterable[str],
    *,
    keep_blank: Iterable[str] = (),
    zone_name: str = "UTC",
    silent: Iterable[str] = (),
) -> tuple[Row, list[str]]:
    """``stored`` with ``columns`` taken from ``wanted``, and the differences in words;
    a column in ``keep_blank`` keeps its stored value where ``wanted`` has none."""
    after = dict(stored)
    details = []
    blank, quiet = set(keep_blank), set(silent)
    for name in columns:
        value = wanted[name]
        if name in blank and value in (None, ""):
            continue
        if after[name] != value:
            if name not in quiet:
                label = _LABELS.get(name, name.replace("_", " "))
                details.append(
                    f"{label} {_show(after[name], zone_name)} → {_show(value, zone_name)}"
                )
            after[name] = value
    if not details and any(after[n] != stored[n] for n in _PROVENANCE & set(columns)):
        # where a letter says it moves with every reissue: renewed only with a real change
        for name in _PROVENANCE:
            after[name] = stored[name]
    return after, details


def _match(
    incoming: Sequence[Row],
    stored: Sequence[Row],
    natural: Callable[[Row], Hashable],
    stored_natural: Callable[[Row], Hashable] | None = None,
) -> tuple[list[tuple[Row, Row | None]], list[Row]]:
    """Pair each incoming row with a stored one, by identifier and then by ``natural``;
    returns the pairs (in incoming order) and the stored rows left unpaired."""
    by_id = {r["id"]: r for r in stored}
    used: set[uuid.UUID] = set()
    found: dict[int, Row] = {}
    for index, row in enumerate(incoming):
        hit = by_id.get(row["id"])
        if hit is not None:
            found[index] = hit
            used.add(hit["id"])
    spare: dict[Hashable, list[Row]] = {}
    for row in stored:
        if row["id"] not in used:
            spare.setdefault((stored_natural or natural)(row), []).append(row)
    for index, row in enumerate(incoming):
        if index in found:
            continue
        candidates = spare.get(natural(row))
        if candidates:
            hit = candidates.pop(0)
            found[index] = hit
            used.add(hit["id"])
    pairs = [(row, found.get(index)) for index, row in enumerate(incoming)]
    return pairs, [r for r in stored if r["id"] not in used]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


# --- the plan -----------------------------------------------------------------------------

_MEETING = (
    "code",
    "group",
    "title",
    "place",
    "timezone",
    "first_day",
    "last_day",
    "opening_time",
    "registration_time",
    "source_document",
    "source_date",
)
_EVENT = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "first_day",
    "last_day",
    "timezone",
    "place",
    "virtual",
    "registration_required",
    "notes",
)
_DEADLINE = (
    "title",
    "due_at",
    "due_date",
    "timezone",
    "rule_amount",
    "rule_unit",
    "rule_anchor",
    "source_text",
    "origin",
)
_DRAFT = (
    "designation",
    "former_name",
    "is_new",
    "title",
    "summary",
    "question",
    "procedure",
    "report_number",
    "ipr_statements",
    "circular",
    "circular_date",
    "consultation_deadline",
    "consultation_deadline_tz",
    "consultation_threshold_percent",
)


class _Planner:
    def __init__(self, connection: Connection, doc: MeetingDocument, scope: Scope) -> None:
        self.c = connection
        self.doc = doc
        self.scope = scope
        self.personal = doc.personal
        self.ids: dict[uuid.UUID, uuid.UUID] = {}  # incoming identifier -> stored one
        self.inserts: list[RowChange] = []
        self.updates: list[RowChange] = []
        self.removals: list[RowChange] = []
        self.changes: list[Change] = []
        self.unchanged: dict[str, int] = {}

    # the rows are written in this order: inserts (parents first), updates, removals
    # (children first), so that every reference points at a row that exists
    def insert(self, table: Table, row: Row) -> None:
        self.inserts.append(RowChange(table, None, row))

    def update(self, table: Table, before: Row, after: Row) -> None:
        if before != after:
            self.updates.append(RowChange(table, before, after))

    def remove(self, table: Table, row: Row) -> None:
        self.removals.append(RowChange(table, row, None))

    def note(self, action: str, what: str, label: str, details: Iterable[str] = ()) -> None:
        self.changes.append(Change(action, what, label, tuple(details)))

    def same(self, what: str) -> None:
        self.unchanged[what] = self.unchanged.get(what, 0) + 1

    def run(self) -> Plan:
        meeting = self._meeting()
        self.meeting_id: uuid.UUID = meeting["id"]
        self.zone: str = meeting["timezone"]
        if self.personal is not None:
            self._profile()
        if self.scope.calendar:
            self._events()
            self._deadlines()
            return self._plan(meeting)
        if self.scope.results:
            self._results()
            return self._plan(meeting)
        if self.scope.meeting:
            self._events()
        self._drafts()
        if self.scope.meeting and not (self.scope.amends and not self.doc.agenda):
            self._agenda()
        self._deadlines()
        if self.personal is not None:
            self._replies()
        if self.scope.complete:
            self._revisions()
        return self._plan(meeting)

    def _plan(self, meeting: Row) -> Plan:
        return Plan(
            meeting["id"],
            meeting["code"],
            self.existing,
            self.inserts + self.updates + self.removals,
            self.changes,
            self.unchanged,
        )

    # -- the meeting

    def _meeting(self) -> Row:
        table = schema.meeting
        wanted = _row(table, self.doc.meeting)
        found = rows_of(self.c, table, table.c.id == wanted["id"]) or rows_of(
            self.c, table, table.c.code == wanted["code"]
        )
        self.existing = bool(found)
        if not found and (self.scope.results or self.scope.amends):
            what = "the result of its approvals" if self.scope.results else "an addendum"
            raise ActionError(
                f"{wanted['code']} is not in the store, and {what} only updates a stored "
                "meeting; import the meeting's collective letter first (or with it)"
            )
        if not found:
            self.insert(table, wanted)
            self.note("add", "meeting", f"{wanted['code']} {_show(wanted['title'])}")
            return wanted
        stored = found[0]
        self.ids[wanted["id"]] = stored["id"]
        if not self.scope.meeting or self.scope.amends:
            return stored
        columns = _MEETING + (("numbering_frozen", "notes") if self.scope.complete else ())
        after, details = _update(
            table,
            stored,
            wanted,
            columns,
            keep_blank=() if self.scope.complete else _MEETING,
        )
        if details:
            self.update(table, stored, after)
            self.note("change", "meeting", stored["code"], details)
        return after

    def _profile(self) -> None:
        assert self.personal is not None
        table = schema.setting
        for name, value in self.personal.profile.items():
            key = PROFILE_KEY.format(name)
            stored = rows_of(self.c, table, table.c.key == key)
            label = name.replace("_", " ")
            if not stored or not stored[0]["value"]:
                row = {"key": key, "value": value}
                if stored:
                    self.update(table, stored[0], row)
                else:
                    self.insert(table, row)
                self.note("add", "profile", label, [_show(value)])
            elif stored[0]["value"] != value:
                self.note("keep", "profile", label, [f"yours {_show(stored[0]['value'])} kept"])

    # -- events and attendance

    def _events(self) -> None:
        table = schema.event
        wanted = [
            _row(table, e, meeting_id=self.meeting_id, timezone=e.timezone) for e in self.doc.events
        ]
        stored = rows_of(self.c, table, table.c.meeting_id == self.meeting_id)
        calendar = self.scope.calendar
        ours = [r for r in stored if calendar or r["kind"] != schema.EventKind.APPOINTMENT.value]
        # another calendar's entries are matched by identifier only, and never take the
        # place of the meeting's own events
        pairs, gone = _match(
            wanted,
            ours,
            (lambda r: r["id"]) if calendar else (lambda r: (r["kind"], _fold(r["title"]))),
        )
        columns = tuple(c for c in _EVENT if c not in _NOT_IN_CALENDARS) if calendar else _EVENT
        for new, old in pairs:
            if calendar and old is not None and old["kind"] != schema.EventKind.APPOINTMENT.value:
                self.same("events")  # the meeting's own event, as sg20desk exported it
                continue
            if old is None:
                self.insert(table, new)
                self.note("add", "event", _show(new["title"]), [self._when(new)])
                final = new
            else:
                self.ids[new["id"]] = old["id"]
                final, details = _update(table, old, new, columns, zone_name=new["timezone"])
                self.update(table, old, final)
                if details:
                    self.note("change", "event", _show(old["title"]), details)
                else:
                    self.same("events")
            self._attendance(new["id"], final)
        for old in gone if self.scope.removes else []:
            self._remove_event(old)

    def _when(self, event: Row) -> str:
        if event["starts_at"] is not None:
            return format_instant(event["starts_at"], event["timezone"])
        return format_date(event["first_day"])

    def _attendance(self, incoming_id: uuid.UUID, event: Row) -> None:
        if self.personal is None or incoming_id not in self.personal.attendance:
            return
        table = schema.attendance
        mode = self.personal.attendance[incoming_id]
        stored = rows_of(self.c, table, table.c.event_id == event["id"])
        label = _show(event["title"])
        if not stored:
            row = {
                "id": uuid.uuid5(NAMESPACE, f"attendance/{event['id']}"),
                "version": 1,
                "event_id": event["id"],
                "mode": mode,
            }
            self.insert(table, row)
            self.note("add", "attendance", label, [mode.replace("_", " ")])
        elif stored[0]["mode"] != mode:
            self.note("keep", "attendance", label, [f"yours ({stored[0]['mode']}) kept"])

    def _remove_event(self, old: Row) -> None:
        details = []
        attendance = rows_of(self.c, schema.attendance, schema.attendance.c.event_id == old["id"])
        for row in attendance:
            self.remove(schema.attendance, row)
            details.append(f"your attendance choice ({row['mode'].replace('_', ' ')}) goes")
        for table, what in ((schema.agenda_item, "agenda item"), (schema.deadline, "deadline")):
            for row in rows_of(self.c, table, table.c.event_id == old["id"]):
                # before the event goes: the row stays, no longer tied to it
                self.removals.insert(0, RowChange(table, row, {**row, "event_id": None}))
                details.append(f"{what} {_show(row['title'])} no longer tied to it")
        self.remove(schema.event, old)
        self.note("remove", "event", _show(old["title"]), details)

    # -- drafts and replies

    def _drafts(self) -> None:
        table = schema.draft_recommendation
        stored = rows_of(self.c, table, table.c.meeting_id == self.meeting_id)
        wanted = [
            _row(table, d, meeting_id=self.meeting_id, position=i)
            for i, d in enumerate(self.doc.drafts)
        ]
        pairs, gone = _match(wanted, stored, lambda r: _fold(r["designation"]))
        following = max((r["position"] for r in stored), default=-1) + 1
        self.drafts: dict[str, uuid.UUID] = {r["designation"]: r["id"] for r in stored}
        for new, old in pairs:
            if old is None:
                if self.existing and not self.scope.complete:
                    new = {**new, "position": following}
                    following += 1
                self.insert(table, new)
                self.note("add", "draft", new["designation"], [_show(new["title"])])
                self.drafts[new["designation"]] = new["id"]
                continue
            self.ids[new["id"]] = old["id"]
            self.drafts[new["designation"]] = old["id"]
            if self.scope.complete:
                columns: tuple[str, ...] = (*_DRAFT, "position", "stage")
            else:  # a letter's stage is where drafts start; the one the user moved it to stands
                columns = _DRAFT if old["stage"] else (*_DRAFT, "stage")
            after, details = _update(table, old, new, columns, silent=("position",))
            self.update(table, old, after)
            if details:
                self.note("change", "draft", old["designation"], details)
            else:
                self.same("drafts")
        if not self.scope.complete:
            return
        replies = schema.consultation_reply
        for old in gone:
            answered = rows_of(self.c, replies, replies.c.draft_id == old["id"])
            if answered:
                self.note(
                    "keep",
                    "draft",
                    old["designation"],
                    [f"not in the file, kept for its {len(answered)} replies"],
                )
                continue
            stages = schema.draft_stage
            for row in rows_of(self.c, stages, stages.c.draft_id == old["id"]):
                self.remove(stages, row)
            self.remove(table, old)
            self.drafts.pop(old["designation"], None)
            self.note("remove", "draft", old["designation"], [_show(old["title"])])

    def _results(self) -> None:
        """Each stored draft the result names moves to the stage it gives (approved or
        not), with the day of the circular in its history; nothing else is touched."""
        table = schema.draft_recommendation
        stored = {
            _fold(r["designation"]): r
            for r in rows_of(self.c, table, table.c.meeting_id == self.meeting_id)
        }
        on = self.doc.meeting.source_date or self.doc.meeting.last_day
        for draft in self.doc.drafts:
            old = stored.get(_fold(draft.designation))
            if old is None:
                self.note("keep", "draft", draft.designation, ["not in the store; not added"])
                continue
            if old["stage"] == draft.stage:
                self.same("drafts")
                continue
            self.update(table, old, {**old, "stage": draft.stage})
            key = f"stage/{old['id']}/{draft.stage}/{draft.circular}"
            self.insert(
                schema.draft_stage,
                {
                    "id": uuid.uuid5(NAMESPACE, key),
                    "version": 1,
                    "draft_id": old["id"],
                    "stage": draft.stage,
                    "reached_on": on,
                    "note": draft.circular,
                },
            )
            was, now = old["stage"] or "no stage", draft.stage
            self.note(
                "change",
                "draft",
                old["designation"],
                [f"{was.replace('_', ' ')} → {now.replace('_', ' ')} ({draft.circular})"],
            )

    def _replies(self) -> None:
        assert self.personal is not None
        table = schema.consultation_reply
        designations = {d.id: d.designation for d in self.doc.drafts}
        for reply in self.personal.replies:
            designation = designations[reply.draft_id]
            draft_id = self.drafts[designation]
            stored = rows_of(self.c, table, table.c.draft_id == draft_id)
            label = f"{designation} from {reply.member_state}"
            same = [r for r in stored if _fold(r["member_state"]) == _fold(reply.member_state)]
            if same:
                if same[0]["assigns_authority"] != reply.assigns_authority:
                    self.note("keep", "reply", label, ["yours kept"])
                continue
            row = _row(table, reply, draft_id=draft_id)
            self.insert(table, row)
            answer = "yes" if reply.assigns_authority else "no"
            self.note("add", "reply", label, [f"authority: {answer}"])

    # -- the agenda

    def _agenda(self) -> None:
        table = schema.agenda_item
        doc = self.doc
        stored = rows_of(self.c, table, table.c.meeting_id == self.meeting_id)
        wanted = []
        for entry in doc.agenda:
            item = entry.item
            draft = self.drafts.get(entry.draft_designation) if entry.draft_designation else None
            wanted.append(
                _row(
                    table,
                    item,
                    meeting_id=self.meeting_id,
                    draft_id=draft,
                    event_id=None,
                )
            )
        new_paths = _paths(wanted)
        old_paths = _paths(stored)
        pairs, gone = _match(
            wanted,
            stored,
            lambda r: new_paths[r["id"]],
            lambda r: old_paths[r["id"]],
        )
        for new, old in pairs:
            if old is not None:
                self.ids[new["id"]] = old["id"]
        new_numbers = _numbers(wanted)
        old_numbers = _numbers(stored)
        documents = self._documents(doc)
        links = schema.agenda_item_document
        self.links: dict[uuid.UUID, list[Row]] = {}
        for link in rows_of(
            self.c,
            links,
            links.c.agenda_item_id.in_(
                select(table.c.id).where(table.c.meeting_id == self.meeting_id)
            ),
        ):
            self.links.setdefault(link["agenda_item_id"], []).append(link)
        notes = self.personal.agenda_notes if self.personal else {}
        columns = ["title", "numbered", "parent_id", "position", "draft_id", "minutes"]
        if self.scope.complete:
            columns += ["status", "frozen_number"]
        renumbered: list[str] = []
        for (new, old), entry in zip(pairs, doc.agenda, strict=True):
            incoming_id = new["id"]
            new = {**new, "parent_id": self.ids.get(new["parent_id"], new["parent_id"])}
            label = f"{new_numbers[incoming_id] or '-'} {_show(new['title'])}"
            if old is None:
                if incoming_id in notes:
                    new["notes"] = notes[incoming_id]
                self.insert(table, new)
                self.note("add", "agenda item", label)
                self._links(new["id"], [], entry.documents, documents)
                continue
            after, details = _update(
                table,
                old,
                new,
                columns,
                keep_blank=() if self.scope.complete else ("minutes", "draft_id"),
                silent=("parent_id", "position"),
            )
            if after["parent_id"] != old["parent_id"]:
                details.insert(
                    0, f"moved from under {old_numbers.get(old['parent_id']) or 'the top'}"
                )
            if incoming_id in notes:
                theirs = notes[incoming_id]
                if not old["notes"]:
                    after["notes"] = theirs
                    details.append("your notes from the file")
                elif old["notes"] != theirs:
                    self.note("keep", "notes", label, ["yours kept"])
            if self._links(old["id"], self.links.get(old["id"], []), entry.documents, documents):
                details.append("documents " + (", ".join(map(str, entry.documents)) or "(none)"))
            self.update(table, old, after)
            if details:
                self.note("change", "agenda item", label, details)
            elif new_numbers[incoming_id] != old_numbers[old["id"]]:
                renumbered.append(f"{old_numbers[old['id']]} → {new_numbers[incoming_id]}")
            else:
                self.same("agenda items")
        if renumbered:  # one line: an item added near the top renumbers all that follow
            shown = ", ".join(renumbered[:4]) + (", ..." if len(renumbered) > 4 else "")
            self.note(
                "change", "agenda", "numbers", [f"{len(renumbered)} items renumbered: {shown}"]
            )
        depth = _depths(stored)
        for old in sorted(gone if self.scope.removes else [], key=lambda r: -depth[r["id"]]):
            for link in self.links.get(old["id"], []):
                self.remove(links, link)
            self.remove(table, old)
            mine = ["your notes on it go"] if old["notes"] else []
            self.note(
                "remove",
                "agenda item",
                f"{old_numbers[old['id']] or '-'} {_show(old['title'])}",
                mine,
            )

    def _documents(self, doc: MeetingDocument) -> dict[DocumentRef, uuid.UUID]:
        """The meeting's document references, with a row added for each one new."""
        table = schema.document_ref
        known: dict[DocumentRef, uuid.UUID] = {}
        for row in rows_of(self.c, table, table.c.meeting_id == self.meeting_id):
            ref = DocumentRef(
                DocumentKind(row["kind"]), row["number"], row["revision"], row["group"]
            )
            known.setdefault(ref, row["id"])
        for entry in doc.agenda:
            for ref in entry.documents:
                if ref in known:
                    continue
                row_id = uuid.uuid5(NAMESPACE, f"document/{self.meeting_id}/{ref}/{ref.group}")
                self.insert(
                    table,
                    {
                        "id": row_id,
                        "version": 1,
                        "meeting_id": self.meeting_id,
                        "kind": ref.kind.value,
                        "number": ref.number,
                        "revision": ref.revision,
                        "group": ref.group,
                        "title": "",
                    },
                )
                known[ref] = row_id
        return known

    def _links(
        self,
        item_id: uuid.UUID,
        stored: list[Row],
        refs: Sequence[DocumentRef],
        known: dict[DocumentRef, uuid.UUID],
    ) -> bool:
        """Make the item list ``refs``; whether that changes anything."""
        table = schema.agenda_item_document
        wanted = [
            {"agenda_item_id": item_id, "document_id": known[ref], "position": position}
            for position, ref in enumerate(dict.fromkeys(refs))
        ]
        current = sorted(stored, key=lambda r: r["position"])
        if current == wanted:
            return False
        for row in current:
            self.updates.insert(0, RowChange(table, row, None))  # before the new ones
        for row in wanted:
            self.updates.append(RowChange(table, None, row))
        return True

    # -- deadlines

    def _deadlines(self) -> None:
        """Calendars add and update their entries by identifier; circulars alone add or
        update their reply deadline and touch nothing else; letters and meeting files
        speak for the meeting's deadlines, except those of circulars they do not include."""
        table = schema.deadline
        wanted = [_row(table, d, meeting_id=self.meeting_id) for d in self.doc.deadlines]
        stored = rows_of(self.c, table, table.c.meeting_id == self.meeting_id)
        given = {w["id"] for w in wanted}
        # the user's own deadlines are never matched by title, nor removed
        candidates = [r for r in stored if r["origin"] != Origin.USER or r["id"] in given]
        calendar = self.scope.calendar
        circulars_only = not self.scope.meeting and not calendar
        pairs, gone = _match(wanted, candidates, (lambda r: r["id"]) if calendar else _deadline_key)
        columns = _DEADLINE[:-1] if calendar else _DEADLINE  # the origin stays
        if not self.scope.removes or circulars_only:
            gone = []
        elif not self.scope.complete:
            spoken = {d.circular for d in self.doc.drafts} | {
                circular_named(w["title"]) for w in wanted
            }
            gone = [r for r in gone if circular_named(r["title"]) in spoken | {None}]
        personal = self.personal.deadlines if self.personal else {}
        for new, old in pairs:
            if calendar and old is not None and old["origin"] != Origin.CALENDAR:
                self.same("deadlines")  # the meeting's own deadline, as sg20desk exported it
                continue
            if circulars_only and old is not None and old["origin"] != Origin.CIRCULAR:
                # a letter's key deadline for this circular: the circular's time holds
                after, details = _update(
                    table, old, new, ("due_at", "due_date", "timezone"), zone_name=new["timezone"]
                )
                self.update(table, old, after)
                if details:
                    self.note("change", "deadline", _show(old["title"]), details)
                else:
                    self.same("deadlines")
                continue
            label = _show(new["title"])
            status, notes = personal.get(new["id"], (None, None))
            if old is None:
                if status is not None:
                    new = {**new, "status": status, "notes": notes or ""}
                self.insert(table, new)
                self.note("add", "deadline", label, [self._due(new)])
                continue
            after, details = _update(
                table, old, new, columns, zone_name=new["timezone"], silent=_PROVENANCE
            )
            if status is not None:
                mine_kept = []
                if old["status"] == schema.DeadlineStatus.OPEN.value and status != old["status"]:
                    after["status"] = status
                    details.append(f"marked {status.replace('_', ' ')} as in the file")
                elif status != old["status"]:
                    mine_kept.append(f"your status ({old['status'].replace('_', ' ')}) kept")
                if notes and not old["notes"]:
                    after["notes"] = notes
                    details.append("your notes from the file")
                elif notes and notes != old["notes"]:
                    mine_kept.append("your notes kept")
                if mine_kept:
                    self.note("keep", "deadline", label, mine_kept)
            self.update(table, old, after)
            if details:
                self.note("change", "deadline", label, details)
            else:
                self.same("deadlines")
        for old in gone:
            self.remove(table, old)
            lost = []
            if old["status"] != schema.DeadlineStatus.OPEN.value:
                lost.append(f"marked {old['status'].replace('_', ' ')}")
            if old["notes"]:
                lost.append("your notes go")
            self.note("remove", "deadline", _show(old["title"]), lost)

    def _due(self, row: Row) -> str:
        if row["due_at"] is not None:
            return format_instant(row["due_at"], row["timezone"])
        if row["due_date"] is not None:
            return format_date(row["due_date"])
        return "by its rule"

    # -- revisions

    def _revisions(self) -> None:
        table = schema.agenda_revision
        stored = rows_of(self.c, table, table.c.meeting_id == self.meeting_id)
        known = {r["id"] for r in stored} | {_fold(r["label"]) for r in stored}
        for revision in self.doc.revisions:
            if revision.id in known or _fold(revision.label) in known:
                self.same("agenda revisions")
                continue
            self.insert(table, _row(table, revision, meeting_id=self.meeting_id))
            self.note("add", "agenda revision", revision.label, [format_date(revision.issued_on)])


def _deadline_key(row: Row) -> Hashable:
    """What a deadline is, to match it when identifiers differ: the circular whose reply it
    is (a letter's key deadline and the circular's own name the same circular), else its
    title."""
    circular = circular_named(row["title"])
    return ("circular", circular) if circular else ("title", _fold(row["title"]))


def _paths(rows: Sequence[Row]) -> dict[uuid.UUID, tuple[str, ...]]:
    """Each item's title with its parents' titles, folded: what it is, whatever its id."""
    by_id = {r["id"]: r for r in rows}
    out: dict[uuid.UUID, tuple[str, ...]] = {}

    def path(row: Row, depth: int = 0) -> tuple[str, ...]:
        if row["id"] in out:
            return out[row["id"]]
        parent = by_id.get(row["parent_id"])
        above = path(parent, depth + 1) if parent is not None and depth < 64 else ()
        out[row["id"]] = (*above, _fold(row["title"]))
        return out[row["id"]]

    for row in rows:
        path(row)
    return out


def _numbers(rows: Sequence[Row]) -> dict[uuid.UUID, str | None]:
    return compute_numbers(
        Node(r["id"], r["parent_id"], r["position"], r["numbered"]) for r in rows
    )


def _depths(rows: Sequence[Row]) -> dict[uuid.UUID, int]:
    paths = _paths(rows)
    return {key: len(value) for key, value in paths.items()}


def plan(connection: Connection, doc: MeetingDocument, scope: Scope) -> Plan:
    """What storing ``doc`` would write, read from ``connection``; writes nothing."""
    return _Planner(connection, doc, scope).run()


def stored_meeting(connection: Connection, meeting_id: uuid.UUID, code: str) -> str | None:
    """The code of the stored meeting a document would update, or None."""
    table = schema.meeting
    found = connection.execute(
        select(table.c.code).where((table.c.id == meeting_id) | (table.c.code == code))
    ).first()
    return found.code if found else None
