"""The sg20desk meeting exchange format (JSON), version 1: reading and inserting.

A document holds one meeting with its events, agenda tree, draft Recommendations and
deadlines, each with a stable UUID. Local times are written as wall-clock times next to
the IANA zone they were stated in ("2026-03-02T12:00" with "Europe/Zurich").

Reading validates everything before anything is written, and every complaint names the
source and the field (``sg20-geneva-2026-05.json: events[2].start: ...``). What it gives is
plain records named as the store's columns; ``actions.merging`` turns them into the rows to
write. No mapped class is involved, so importing a letter never loads the ORM.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, NoReturn

from sg20desk.db import schema
from sg20desk.exchange.reference import PROFILE_FIELDS, procedure_terms
from sg20desk.rules.approval import Procedure
from sg20desk.rules.deadlines import Anchor, Unit
from sg20desk.rules.documents import DocumentRef, DocumentSyntaxError, parse_document
from sg20desk.rules.numbering import Node, compute_numbers
from sg20desk.rules.timezones import UnknownZoneError, to_utc, zone

FORMAT = "sg20desk-meeting"
FORMAT_VERSION = 1
MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 8
MAX_ITEMS = 20_000


class ExchangeError(ValueError):
    """A document that cannot be read; the message names the source and the field."""


class _Reader:
    """Typed access to one JSON object, remembering where it is for error messages."""

    def __init__(self, source: str, data: Any, where: str) -> None:
        self.source = source
        self.where = where
        if not isinstance(data, dict):
            self.fail("", "expected an object")
        self.data: dict[str, Any] = data

    def fail(self, key: str, problem: str) -> NoReturn:
        place = f"{self.where}.{key}" if self.where and key else (self.where or key)
        raise ExchangeError(f"{self.source}: {place}: {problem}")

    def _get(self, key: str, kinds: tuple[type, ...], default: Any, required: bool) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                self.fail(key, "missing")
            return default
        value = self.data[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            self.fail(key, f"expected {' or '.join(k.__name__ for k in kinds)}, got {value!r}")
        return value

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        value: str = self._get(key, (str,), default, required)
        return value.strip()

    def flag(self, key: str, default: bool = False) -> bool:
        value: bool = self._get(key, (bool,), default, False)
        return value

    def integer(self, key: str, default: int | None = None) -> int | None:
        value: int | None = self._get(key, (int,), default, False)
        return value

    def array(self, key: str) -> list[Any]:
        value: list[Any] = self._get(key, (list,), [], False)
        return value

    def child(self, key: str, *, required: bool = False) -> _Reader | None:
        value = self._get(key, (dict,), None, required)
        return None if value is None else _Reader(self.source, value, self._path(key))

    def item(self, key: str, index: int, value: Any) -> _Reader:
        return _Reader(self.source, value, f"{self._path(key)}[{index}]")

    def _path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def uuid(self, key: str = "id") -> uuid.UUID:
        text = self.text(key)
        if not text:
            return uuid.uuid4()
        try:
            return uuid.UUID(text)
        except ValueError:
            self.fail(key, f"not a UUID: {text!r}")

    def date(self, key: str, *, required: bool = False) -> date | None:
        text = self.text(key, required=required)
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.fail(key, f"not a date (YYYY-MM-DD): {text!r}")

    def time(self, key: str) -> time | None:
        text = self.text(key)
        if not text:
            return None
        try:
            return time.fromisoformat(text)
        except ValueError:
            self.fail(key, f"not a time (HH:MM): {text!r}")

    def zone(self, key: str, default: str) -> str:
        name = self.text(key, default)
        try:
            zone(name)
        except UnknownZoneError as exc:
            self.fail(key, str(exc))
        return name

    def local_instant(self, key: str, zone_name: str) -> datetime | None:
        """A wall-clock time in ``zone_name`` (or one with an explicit offset) as UTC."""
        text = self.text(key)
        if not text:
            return None
        try:
            stated = datetime.fromisoformat(text)
        except ValueError:
            self.fail(key, f"not a date-time (YYYY-MM-DDTHH:MM): {text!r}")
        return to_utc(stated, zone_name)


@dataclass(slots=True)
class MeetingRecord:
    id: uuid.UUID
    code: str
    group: str
    title: str
    place: str
    timezone: str
    first_day: date
    last_day: date
    opening_time: time | None
    registration_time: time | None
    source_document: str
    source_date: date | None
    notes: str
    numbering_frozen: bool


@dataclass(slots=True)
class EventRecord:
    id: uuid.UUID
    meeting_id: uuid.UUID
    kind: str
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    first_day: date | None
    last_day: date | None
    timezone: str
    place: str
    virtual: bool
    registration_required: bool
    notes: str


@dataclass(slots=True)
class DraftRecord:
    id: uuid.UUID
    meeting_id: uuid.UUID
    designation: str
    former_name: str
    is_new: bool
    title: str
    summary: str
    question: str
    procedure: str
    stage: str
    report_number: str
    ipr_statements: str
    circular: str
    circular_date: date | None
    consultation_deadline: datetime | None
    consultation_deadline_tz: str
    consultation_threshold_percent: int


@dataclass(slots=True)
class DeadlineRecord:
    id: uuid.UUID
    meeting_id: uuid.UUID
    title: str
    due_at: datetime | None
    due_date: date | None
    timezone: str
    rule_amount: int | None
    rule_unit: str | None
    rule_anchor: str | None
    source_text: str
    status: str
    notes: str
    origin: str


@dataclass(slots=True)
class AgendaRecord:
    id: uuid.UUID
    meeting_id: uuid.UUID
    parent_id: uuid.UUID | None
    position: int
    title: str
    numbered: bool
    notes: str
    minutes: int | None
    status: str
    frozen_number: str | None


@dataclass(slots=True)
class RevisionRecord:
    id: uuid.UUID
    meeting_id: uuid.UUID
    label: str
    issued_on: date
    issued_at: datetime
    snapshot: str  # the agenda as issued, as JSON text
    notes: str


@dataclass(slots=True)
class ReplyRecord:
    id: uuid.UUID
    draft_id: uuid.UUID
    member_state: str
    assigns_authority: bool
    comments_attached: bool
    note: str
    received_at: datetime | None
    own_administration: bool


@dataclass
class AgendaEntry:
    item: AgendaRecord
    stated_number: str | None
    draft_designation: str
    documents: list[DocumentRef]
    where: str


@dataclass
class Personal:
    """The user's own data about a meeting, present only in files exported with it: the
    Administration's profile, attendance choices, notes on agenda items, what became of
    each deadline, and the consultation replies recorded."""

    profile: dict[str, str] = field(default_factory=dict)
    attendance: dict[uuid.UUID, str] = field(default_factory=dict)  # event id -> mode
    agenda_notes: dict[uuid.UUID, str] = field(default_factory=dict)
    deadlines: dict[uuid.UUID, tuple[str, str]] = field(default_factory=dict)  # status, notes
    replies: list[ReplyRecord] = field(default_factory=list)


@dataclass
class MeetingDocument:
    """A validated document: one record per row it would store."""

    meeting: MeetingRecord
    events: list[EventRecord] = field(default_factory=list)
    agenda: list[AgendaEntry] = field(default_factory=list)
    drafts: list[DraftRecord] = field(default_factory=list)
    deadlines: list[DeadlineRecord] = field(default_factory=list)
    revisions: list[RevisionRecord] = field(default_factory=list)
    personal: Personal | None = None


def parse(text: str | bytes, source: str) -> MeetingDocument:
    """Read and validate a whole document; raises :class:`ExchangeError`."""
    return parse_data(load(text, source), source)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number a meeting file may hold")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key {key!r} is given twice in one object")
        found[key] = value
    return found


def load(text: str | bytes, source: str) -> Any:
    """Decode a meeting file's JSON strictly: no NaN or Infinity, no key given twice in one
    object, nothing nested deeper than Python can follow; raises :class:`ExchangeError`
    naming the line."""
    if len(text) > MAX_BYTES:
        raise ExchangeError(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        return json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ExchangeError(f"{source}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise ExchangeError(f"{source}: nested too deeply to be a meeting file") from None
    except ValueError as exc:
        raise ExchangeError(f"{source}: {exc}") from None


def parse_data(data: Any, source: str) -> MeetingDocument:
    """Validate a document already decoded (as a letter reader builds it)."""
    top = _Reader(source, data, "")
    if top.text("format") != FORMAT:
        top.fail("format", f"expected {FORMAT!r}; this is not a sg20desk meeting file")
    version = top.integer("format_version")
    if version != FORMAT_VERSION:
        top.fail(
            "format_version", f"version {version} is not supported (this reads {FORMAT_VERSION})"
        )
    meeting_reader = top.child("meeting", required=True)
    assert meeting_reader is not None
    meeting = _meeting(meeting_reader)
    doc = MeetingDocument(meeting=meeting)
    for i, raw in enumerate(top.array("events")):
        doc.events.append(_event(top.item("events", i, raw), meeting))
    doc.drafts = [
        _draft(top.item("drafts", i, raw), meeting) for i, raw in enumerate(top.array("drafts"))
    ]
    for i, raw in enumerate(top.array("deadlines")):
        doc.deadlines.append(_deadline(top.item("deadlines", i, raw), meeting))
    _agenda(top, top.array("agenda"), meeting, None, doc.agenda, "agenda", depth=0)
    if len(doc.agenda) > MAX_ITEMS:
        raise ExchangeError(f"{source}: agenda: more than {MAX_ITEMS} items")
    _check_numbers(source, doc.agenda)
    _check_distinct(source, doc)
    _check_draft_links(source, doc)
    doc.revisions = [
        _revision(top.item("revisions", i, raw), meeting)
        for i, raw in enumerate(top.array("revisions"))
    ]
    labels = [r.label.casefold() for r in doc.revisions]
    for index, label in enumerate(labels):
        if label in labels[:index]:
            top.fail(f"revisions[{index}].label", f"{doc.revisions[index].label} is given twice")
    personal = top.child("personal")
    if personal is not None:
        doc.personal = _personal(personal, doc)
    return doc


def _revision(r: _Reader, meeting: MeetingRecord) -> RevisionRecord:
    snapshot = r.data.get("snapshot")
    if not isinstance(snapshot, list):
        r.fail("snapshot", "expected the agenda as it was issued (an array of items)")
    issued_at = r.local_instant("issued_at", "UTC")
    issued_on = r.date("issued_on", required=True)
    assert issued_on is not None
    return RevisionRecord(
        id=r.uuid(),
        meeting_id=meeting.id,
        label=r.text("label", required=True),
        issued_on=issued_on,
        issued_at=issued_at or to_utc(datetime.combine(issued_on, time()), "UTC"),
        snapshot=json.dumps(snapshot, ensure_ascii=False),
        notes=r.text("notes"),
    )


def _personal(r: _Reader, doc: MeetingDocument) -> Personal:
    """The personal section, each reference checked against the document's own rows."""
    out = Personal()
    profile = r.child("profile")
    if profile is not None:
        out.profile = {f: profile.text(f) for f in PROFILE_FIELDS if profile.text(f)}
    events = {e.id for e in doc.events}
    items = {e.item.id for e in doc.agenda}
    deadlines = {d.id for d in doc.deadlines}
    drafts = {d.id: d for d in doc.drafts}
    modes = {a.value for a in schema.AttendanceMode}
    statuses = {s.value for s in schema.DeadlineStatus}
    for i, raw in enumerate(r.array("attendance")):
        a = r.item("attendance", i, raw)
        event = _known(a, "event", events)
        mode = a.text("mode", required=True)
        if mode not in modes:
            a.fail("mode", f"expected one of {', '.join(sorted(modes))}")
        out.attendance[event] = mode
    for i, raw in enumerate(r.array("agenda_notes")):
        n = r.item("agenda_notes", i, raw)
        out.agenda_notes[_known(n, "item", items)] = n.text("notes")
    for i, raw in enumerate(r.array("deadlines")):
        d = r.item("deadlines", i, raw)
        deadline = _known(d, "deadline", deadlines)
        status = d.text("status", schema.DeadlineStatus.OPEN.value)
        if status not in statuses:
            d.fail("status", f"unknown status {status!r}")
        out.deadlines[deadline] = (status, d.text("notes"))
    seen: set[tuple[uuid.UUID, str]] = set()
    for i, raw in enumerate(r.array("replies")):
        reply = r.item("replies", i, raw)
        draft = _known(reply, "draft", set(drafts))
        state = reply.text("member_state", required=True)
        if (draft, state.casefold()) in seen:
            reply.fail("member_state", f"{state} replies twice on {drafts[draft].designation}")
        seen.add((draft, state.casefold()))
        authority = reply._get("assigns_authority", (bool,), None, True)
        out.replies.append(
            ReplyRecord(
                id=reply.uuid(),
                draft_id=draft,
                member_state=state,
                assigns_authority=authority,
                comments_attached=reply.flag("comments_attached"),
                note=reply.text("note"),
                received_at=reply.local_instant("received_at", "UTC"),
                own_administration=reply.flag("own_administration"),
            )
        )
    return out


def _known(r: _Reader, key: str, known: set[uuid.UUID]) -> uuid.UUID:
    """The identifier under ``key``, which must name a row of this document."""
    if not r.text(key):
        r.fail(key, "missing")
    value = r.uuid(key)
    if value not in known:
        r.fail(key, f"{value} is not in this file")
    return value


def _check_distinct(source: str, doc: MeetingDocument) -> None:
    """Each identifier names one thing, and each designation one draft."""
    seen: dict[uuid.UUID, str] = {doc.meeting.id: "meeting.id"}
    groups: list[tuple[str, list[Any]]] = [
        ("events", doc.events),
        ("drafts", doc.drafts),
        ("deadlines", doc.deadlines),
        ("agenda", [e.item for e in doc.agenda]),
    ]
    for name, rows in groups:
        for index, row in enumerate(rows):
            where = f"{name}[{index}].id" if name != "agenda" else doc.agenda[index].where + ".id"
            if row.id in seen:
                raise ExchangeError(
                    f"{source}: {where}: {row.id} is already used by {seen[row.id]}"
                )
            seen[row.id] = where
    designations: dict[str, int] = {}
    for index, draft in enumerate(doc.drafts):
        if draft.designation in designations:
            raise ExchangeError(
                f"{source}: drafts[{index}].designation: {draft.designation} is also "
                f"drafts[{designations[draft.designation]}]"
            )
        designations[draft.designation] = index


def _meeting(r: _Reader) -> MeetingRecord:
    tz = r.zone("timezone", "Europe/Zurich")
    first, last = r.date("first_day", required=True), r.date("last_day", required=True)
    assert first is not None and last is not None
    if last < first:
        r.fail("last_day", f"{last} is before the first day {first}")
    return MeetingRecord(
        id=r.uuid(),
        code=r.text("code", required=True),
        group=r.text("group", required=True),
        title=r.text("title", required=True),
        place=r.text("place"),
        timezone=tz,
        first_day=first,
        last_day=last,
        opening_time=r.time("opening_time"),
        registration_time=r.time("registration_time"),
        source_document=r.text("source_document"),
        source_date=r.date("source_date"),
        notes=r.text("notes"),
        numbering_frozen=r.flag("numbering_frozen"),
    )


def _event(r: _Reader, meeting: MeetingRecord) -> EventRecord:
    tz = r.zone("timezone", meeting.timezone)
    kind = r.text("kind", schema.EventKind.OTHER.value)
    if kind not in {k.value for k in schema.EventKind}:
        r.fail("kind", f"unknown kind {kind!r}")
    starts, ends = r.local_instant("start", tz), r.local_instant("end", tz)
    first, last = r.date("first_day"), r.date("last_day")
    if starts is None and first is None:
        r.fail("start", "an event needs a start time or a first_day")
    if starts and ends and ends < starts:
        r.fail("end", "ends before it starts")
    if first and last and last < first:
        r.fail("last_day", "is before first_day")
    return EventRecord(
        id=r.uuid(),
        meeting_id=meeting.id,
        kind=kind,
        title=r.text("title", required=True),
        starts_at=starts,
        ends_at=ends,
        first_day=first,
        last_day=last or first,
        timezone=tz,
        place=r.text("place"),
        virtual=r.flag("virtual"),
        registration_required=r.flag("registration_required"),
        notes=r.text("notes"),
    )


def _draft(r: _Reader, meeting: MeetingRecord) -> DraftRecord:
    procedure = r.text("procedure", Procedure.TAP.value)
    if procedure not in {p.value for p in Procedure}:
        r.fail("procedure", f"expected TAP or AAP, got {procedure!r}")
    deadline_at = None
    deadline_tz = "UTC"
    deadline = r.child("consultation_deadline")
    if deadline is not None:
        deadline_tz = deadline.zone("timezone", "UTC")
        deadline_at = deadline.local_instant("at", deadline_tz)
    threshold = r.integer("consultation_threshold_percent", procedure_terms().threshold_percent)
    if threshold is None or not 0 <= threshold <= 100:
        r.fail("consultation_threshold_percent", "must be between 0 and 100")
    return DraftRecord(
        id=r.uuid(),
        meeting_id=meeting.id,
        designation=r.text("designation", required=True),
        former_name=r.text("former_name"),
        is_new=r.flag("is_new", True),
        title=r.text("title", required=True),
        summary=r.text("summary"),
        question=r.text("question"),
        procedure=procedure,
        stage=r.text("stage"),
        report_number=r.text("report_number"),
        ipr_statements=r.text("ipr_statements"),
        circular=r.text("circular"),
        circular_date=r.date("circular_date"),
        consultation_deadline=deadline_at,
        consultation_deadline_tz=deadline_tz,
        consultation_threshold_percent=threshold,
    )


def _deadline(r: _Reader, meeting: MeetingRecord) -> DeadlineRecord:
    tz = r.zone("timezone", meeting.timezone)
    rule = r.child("rule")
    amount = unit = anchor = None
    if rule is not None:
        amount = rule.integer("amount")
        if amount is None or amount < 0:
            rule.fail("amount", "expected a whole number of units, 0 or more")
        unit = rule.text("unit", required=True)
        if unit not in {u.value for u in Unit}:
            rule.fail("unit", f"expected one of {', '.join(u.value for u in Unit)}")
        anchor = rule.text("anchor", Anchor.MEETING_START.value)
        if anchor not in {a.value for a in Anchor}:
            rule.fail("anchor", f"expected one of {', '.join(a.value for a in Anchor)}")
    due_at, due_date = r.local_instant("due_at", tz), r.date("due_date")
    if due_at is None and due_date is None and rule is None:
        r.fail("due_date", "a deadline needs due_at, due_date or a rule")
    status = r.text("status", schema.DeadlineStatus.OPEN.value)
    if status not in {s.value for s in schema.DeadlineStatus}:
        r.fail("status", f"unknown status {status!r}")
    return DeadlineRecord(
        id=r.uuid(),
        meeting_id=meeting.id,
        title=r.text("title", required=True),
        due_at=due_at,
        due_date=due_date,
        timezone=tz,
        rule_amount=amount,
        rule_unit=unit,
        rule_anchor=anchor,
        source_text=r.text("source_text"),
        status=status,
        notes=r.text("notes"),
        origin=r.text("origin", schema.DeadlineOrigin.LETTER.value),
    )


def _agenda(
    top: _Reader,
    raw_items: list[Any],
    meeting: MeetingRecord,
    parent: AgendaRecord | None,
    out: list[AgendaEntry],
    where: str,
    depth: int,
) -> None:
    if depth > MAX_DEPTH:
        raise ExchangeError(f"{top.source}: {where}: nested deeper than {MAX_DEPTH} levels")
    for i, raw in enumerate(raw_items):
        r = _Reader(top.source, raw, f"{where}[{i}]")
        status = r.text("status", schema.AgendaStatus.PENDING.value)
        if status not in {s.value for s in schema.AgendaStatus}:
            r.fail("status", f"unknown status {status!r}")
        minutes = r.integer("minutes")
        if minutes is not None and minutes < 0:
            r.fail("minutes", "cannot be negative")
        item = AgendaRecord(
            id=r.uuid(),
            meeting_id=meeting.id,
            parent_id=parent.id if parent is not None else None,
            position=i,
            title=r.text("title", required=True),
            numbered=r.flag("numbered", True),
            notes=r.text("notes"),
            minutes=minutes,
            status=status,
            frozen_number=r.text("frozen_number") or None,
        )
        documents = []
        for n, raw_doc in enumerate(r.array("documents")):
            if not isinstance(raw_doc, str):
                r.fail(f"documents[{n}]", "expected a document reference such as TD414 Rev.1")
            try:
                documents.append(parse_document(raw_doc))
            except DocumentSyntaxError as exc:
                r.fail(f"documents[{n}]", str(exc))
        out.append(AgendaEntry(item, r.text("number") or None, r.text("draft"), documents, r.where))
        _agenda(top, r.array("children"), meeting, item, out, f"{r.where}.children", depth + 1)


def _check_numbers(source: str, entries: list[AgendaEntry]) -> None:
    """A stated number must be the one the tree gives: a mismatch means a damaged file."""
    numbers = compute_numbers(
        Node(e.item.id, e.item.parent_id, e.item.position, e.item.numbered) for e in entries
    )
    for entry in entries:
        if entry.stated_number and numbers[entry.item.id] != entry.stated_number:
            raise ExchangeError(
                f"{source}: {entry.where}.number: states {entry.stated_number} but its place "
                f"in the tree gives {numbers[entry.item.id]}"
            )


def _check_draft_links(source: str, doc: MeetingDocument) -> None:
    known = {d.designation for d in doc.drafts}
    for entry in doc.agenda:
        if entry.draft_designation and entry.draft_designation not in known:
            raise ExchangeError(
                f"{source}: {entry.where}.draft: {entry.draft_designation} is not among the drafts"
            )
