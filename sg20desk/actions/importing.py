"""Importing letters and meeting files: first a preview of everything found, then, once
the user confirms, all of it written in one transaction.

:func:`preview` reads the files (TSB collective letters and circulars as text, sg20desk
meeting files as JSON), joins what they say about one meeting, validates it as a meeting
document and compares it with the store (:mod:`sg20desk.actions.merging`): a new meeting,
or the changes to the one stored. It writes nothing. :func:`apply` then writes exactly
what the preview showed, as one undo step in one transaction, or nothing if the store has
changed since.

Before it is validated, a letter's reading gets the user's corrections
(:mod:`sg20desk.actions.corrections`): facts left out, values corrected, deadlines added.
They are kept in the store with the import that applies them (in the same undo step), and
applied again whenever the same meeting's letters are read; :func:`revise` applies
another set to a preview without reading the files again. :func:`review_facts` lists
every fact with what it was read as and where, for the window's review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from sg20desk.actions import corrections as review
from sg20desk.actions import merging, preferences
from sg20desk.actions.corrections import Correction, Note
from sg20desk.actions.history import ActionError, History, RowChange, Step, rows_of
from sg20desk.db import schema
from sg20desk.exchange import docx_text, letters, meeting_json, pdf_text
from sg20desk.rules.deadlines import Anchor, Rule, date_due_instant, due_for_meeting
from sg20desk.rules.timezones import format_date, format_days, format_due, format_span

PREVIEW_FORMAT = "sg20desk-import-preview"
PREVIEW_VERSION = 1
MAX_FILES = 20
TEXT_SUFFIXES = {".txt", ".text", ""}


@dataclass(frozen=True, slots=True)
class FileRead:
    """One file read: what it is and what it calls itself."""

    path: str
    kind: str  # "collective letter", "circular", "meeting file"
    reference: str
    dated: date | None


@dataclass
class Preview:
    """Everything an import would store, before anything is stored."""

    files: list[FileRead]
    document: dict[str, Any]  # the exchange format (see meeting_json)
    parsed: meeting_json.MeetingDocument
    warnings: list[Any]  # letters.ReadWarning or ics_read.CalendarWarning
    scope: merging.Scope
    plan: merging.Plan
    #: the document as the files give it, before the user's corrections
    letter: dict[str, Any] = field(default_factory=dict)
    #: the corrections applied (or kept for a later letter), and notes on those dropped
    corrections: list[Correction] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    #: whether the files are letters, which the user may correct
    correctable: bool = False
    #: the setting keeping the meeting's corrections, its text when previewed, and the
    #: corrections it held (none when unset or unreadable)
    corrections_key: str = ""
    stored_text: str | None = None
    stored: list[Correction] = field(default_factory=list)
    #: where each fact of the letters was read: its identifier -> (file, line)
    sources: letters.Sources = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.plan.code

    @property
    def corrections_changed(self) -> bool:
        """Whether storing writes other corrections than the store holds."""
        return self.correctable and self.corrections != self.stored

    @property
    def nothing_to_store(self) -> bool:
        return self.existing and not self.plan.rows and not self.corrections_changed

    @property
    def existing(self) -> bool:
        return self.plan.existing

    def counts(self) -> dict[str, int]:
        return {
            "events": len(self.document["events"]),
            "deadlines": len(self.document["deadlines"]),
            "agenda items": _count(self.document["agenda"]),
            "drafts": len(self.document["drafts"]),
        }

    def summary(self, *, done: bool = False) -> str:
        """What storing would do (or, ``done``, did), in one line."""
        if not self.existing:
            counts = _counted(self.counts())
            return f"{'stored' if done else 'stores'} {self.code}: {counts}"
        if not self.plan.rows:
            if self.corrections_changed:
                verb = "updated" if done else "updates"
                return f"{verb} {self.code}: only your corrections of the letters' reading"
            return f"{self.code} is already as these files give it: nothing to change"
        actions = [c.action for c in self.plan.changes]
        parts = [
            f"{actions.count(a)} {word}"
            for a, word in (("add", "added"), ("change", "changed"), ("remove", "removed"))
            if a in actions
        ]
        return f"{'updated' if done else 'updates'} {self.code}: {', '.join(parts)}"

    def as_json(self) -> dict[str, Any]:
        """What was found, for scripts (``sg20desk import --dry-run --format json``)."""
        doc = self.document
        meeting = self.parsed.meeting
        dues = [_due(d, meeting)[0] for d in self.parsed.deadlines]
        return {
            "format": PREVIEW_FORMAT,
            "format_version": PREVIEW_VERSION,
            "action": "update" if self.existing else "create",
            "files": [
                {
                    "file": f.path,
                    "kind": f.kind,
                    "reference": f.reference,
                    "date": f.dated.isoformat() if f.dated else None,
                }
                for f in self.files
            ],
            "meeting": doc["meeting"],
            "events": doc["events"],
            "deadlines": [
                {**d, "due": d.get("due_at") or (day.isoformat() if day else None)}
                for d, day in zip(doc["deadlines"], dues, strict=True)
            ],
            "agenda": doc["agenda"],
            "drafts": doc["drafts"],
            "changes": [
                {"action": c.action, "what": c.what, "label": c.label, "details": list(c.details)}
                for c in self.plan.changes
            ],
            "unchanged": self.plan.unchanged,
            "warnings": [
                {"file": w.source, "line": getattr(w, "line", None), "message": w.message}
                | ({"entry": w.where} if hasattr(w, "where") else {})
                for w in self.warnings
            ],
            "corrections": [c.describe() for c in self.corrections],
            "notes": [n.message for n in self.notes],
        }


def _count(items: Sequence[dict[str, Any]]) -> int:
    return sum(1 + _count(item["children"]) for item in items)


def _read_bytes(path: Path, limit: int, what: str) -> bytes:
    """The file's bytes; refused, naming the file, when it is a folder, cannot be read or
    is larger than ``limit`` (then before reading any of it)."""
    try:
        if path.is_dir():
            raise ActionError(f"{path}: is a folder, not a {what}")
        size = path.stat().st_size
        if size > limit:
            raise ActionError(
                f"{path}: {size // 1024} kB is larger than any {what} "
                f"({limit // (1024 * 1024)} MiB at most)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise ActionError(f"{path}: {exc.strerror or exc}") from exc


def _read_text(path: Path, limit: int = letters.MAX_BYTES, what: str = "letter") -> str:
    data = _read_bytes(path, limit, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ActionError(
            f"{path}: byte {exc.start + 1} is not UTF-8 text; save the {what} as UTF-8 text"
            + (" (or give the .docx)" if what == "letter" else "")
        ) from None


#: a letter's text, with what its file holds that the text leaves out (a text box, a
#: footnote ...) as warnings at their line of the text
_Read = tuple[str, list[letters.ReadWarning]]


def _read_letter_text(path: Path) -> _Read:
    return _read_text(path), []


def _read_docx(path: Path) -> _Read:
    read = docx_text.docx_text(_read_bytes(path, docx_text.MAX_BYTES, "letter"), path.name)
    return read.text, [letters.ReadWarning(path.name, w.line, w.message) for w in read.warnings]


def _read_pdf(path: Path) -> _Read:
    return pdf_text.pdf_text(_read_bytes(path, pdf_text.MAX_BYTES, "letter"), path.name), []


_LETTER_READERS = {".docx": _read_docx, ".pdf": _read_pdf}


def read_files(
    paths: Sequence[Path],
) -> tuple[
    list[FileRead], dict[str, Any], list[letters.ReadWarning], merging.Scope, letters.Sources
]:
    """Read and join the files, with where each fact was read; raises :class:`ActionError`
    naming the file and line."""
    if not paths:
        raise ActionError("no file to import")
    if len(paths) > MAX_FILES:
        raise ActionError(f"{len(paths)} files: import at most {MAX_FILES} at a time")
    readings: list[letters.Reading] = []
    files: list[FileRead] = []
    document: dict[str, Any] | None = None
    for path in paths:
        suffix = path.suffix.casefold()
        if suffix == ".json":
            if document is not None or len(paths) > 1:
                raise ActionError(f"{path}: import a meeting file on its own, not with letters")
            try:
                text = _read_text(path, meeting_json.MAX_BYTES, "meeting file")
                document = meeting_json.load(text, str(path))
            except meeting_json.ExchangeError as exc:
                raise ActionError(str(exc)) from None
            meeting = document.get("meeting") if isinstance(document, dict) else None
            reference = meeting.get("code", "") if isinstance(meeting, dict) else ""
            files.append(FileRead(str(path), "meeting file", str(reference), None))
            continue
        if suffix not in TEXT_SUFFIXES | _LETTER_READERS.keys():
            raise ActionError(
                f"{path}: sg20desk reads letters as .docx, .pdf or .txt text and meetings as "
                f".json files; {suffix} is none of these"
            )
        try:
            text, held = _LETTER_READERS.get(suffix, _read_letter_text)(path)
            reading = letters.read_letter(
                text, path.name, whole_paragraphs=suffix in _LETTER_READERS
            )
            reading.warnings[:0] = held
        except (letters.LetterError, docx_text.DocxError, pdf_text.PdfError) as exc:
            raise ActionError(str(exc)) from None
        readings.append(reading)
        files.append(FileRead(str(path), reading.kind.value, reading.reference, reading.dated))
    if document is not None:
        return files, document, [], merging.MEETING_FILE, {}
    try:
        joined, warnings = letters.combine(readings)
    except letters.LetterError as exc:
        raise ActionError(str(exc)) from None
    return files, joined, warnings, _scope([r.kind for r in readings]), letters.sources_of(readings)


def _scope(kinds: Sequence[letters.Kind]) -> merging.Scope:
    """What letters of these kinds speak for: a collective letter for the whole meeting,
    an addendum for what it gives, circulars for their drafts, results for stages."""
    if letters.Kind.COLLECTIVE_LETTER in kinds:
        return merging.LETTERS
    if letters.Kind.ADDENDUM in kinds:
        return merging.AMENDMENT
    if all(kind is letters.Kind.RESULT for kind in kinds):
        return merging.RESULTS
    return merging.CIRCULARS


def _calendar(
    connection: Connection, paths: Sequence[Path], meeting: str | None, today: date
) -> tuple[list[FileRead], dict[str, Any], list[Any], merging.Scope, letters.Sources]:
    """An .ics file's entries as a document for the stored meeting they are added to."""
    from sg20desk.actions import queries
    from sg20desk.exchange import ics_read

    if len(paths) > 1:
        raise ActionError(f"{paths[0]}: import a calendar on its own, not with other files")
    path = paths[0]
    data = _read_bytes(path, ics_read.MAX_BYTES, "calendar")
    row = queries.meeting(connection, meeting, today)
    head = {
        "id": str(row.id),
        "code": row.code,
        "group": row.group,
        "title": row.title,
        "place": row.place,
        "timezone": row.timezone,
        "first_day": row.first_day.isoformat(),
        "last_day": row.last_day.isoformat(),
    }
    try:
        document, warnings = ics_read.read_calendar(data, path.name, head)
    except ics_read.CalendarError as exc:
        raise ActionError(str(exc)) from None
    files = [FileRead(str(path), "calendar", row.code, None)]
    return files, document, warnings, merging.CALENDAR, {}


def preview(
    connection: Connection,
    paths: Sequence[Path],
    *,
    meeting: str | None = None,
    today: date | None = None,
    corrections: Sequence[Correction] | None = None,
) -> Preview:
    """What importing ``paths`` would store; writes nothing. A calendar (.ics) is added to
    ``meeting`` (a code; default the current meeting).

    Letters get ``corrections``, or, when None, the ones the store keeps for their
    meeting; meeting files and calendars are imported as they are.
    """
    if any(p.suffix.casefold() == ".ics" for p in paths):
        files, letter, warnings, scope, sources = _calendar(
            connection, paths, meeting, today or date.today()
        )
    else:
        files, letter, warnings, scope, sources = read_files(paths)
    base: dict[str, Any] = {"files": files, "warnings": warnings, "scope": scope}
    base["sources"] = sources
    base.update(letter=letter, correctable=_correctable(scope) and isinstance(letter, dict))
    notes: list[Note] = []
    if base["correctable"]:
        head = letter.get("meeting")
        key = review.key_for(str((head.get("code") if isinstance(head, dict) else "") or ""))
        text = preferences.setting(connection, key)
        held, damaged = review.stored(text, key)
        base.update(corrections_key=key, stored_text=text, stored=held)
        notes = [damaged] if damaged is not None else []
    elif corrections:
        raise ActionError(_NOT_CORRECTED)
    chosen = base.get("stored", []) if corrections is None else corrections
    return _planned(connection, base, notes, chosen)


_NOT_CORRECTED = "only letters are corrected; a meeting file or calendar is stored as it is"
#: what a preview holds besides what :func:`_planned` makes of it
_BASE = (
    "files",
    "warnings",
    "scope",
    "letter",
    "correctable",
    "corrections_key",
    "stored_text",
    "stored",
    "sources",
)


def revise(connection: Connection, found: Preview, corrections: Sequence[Correction]) -> Preview:
    """The preview of the same files with other corrections: reads the store, not the
    files again. Raises :class:`ActionError` when the corrected reading is not a meeting."""
    if corrections and not found.correctable:
        raise ActionError(_NOT_CORRECTED)
    base = {name: getattr(found, name) for name in _BASE}
    notes = [n for n in found.notes if n.correction is None]  # the store's, not a drop
    return _planned(connection, base, notes, corrections)


def _correctable(scope: merging.Scope) -> bool:
    """Letters are corrected; not a meeting file, a calendar or a result circular."""
    return not (scope.complete or scope.calendar or scope.results)


def _planned(
    connection: Connection,
    base: dict[str, Any],
    notes: list[Note],
    chosen: Sequence[Correction],
) -> Preview:
    """The preview of the letter in ``base`` with ``chosen`` applied, validated and
    planned against the store."""
    letter: dict[str, Any] = base["letter"]
    document, dropped = letter, list[Note]()
    if chosen:
        whole = base["scope"] == merging.LETTERS
        document, dropped = review.apply_corrections(letter, chosen, whole=whole)
    gone = [n.correction for n in dropped]
    kept = [c for c in chosen if not any(c is g for g in gone)]
    source = ", ".join(Path(f.path).name for f in base["files"])
    try:
        parsed = meeting_json.parse_data(document, source)
    except meeting_json.ExchangeError as exc:
        mine = " (as you corrected it)" if kept else ""
        raise ActionError(f"{exc}{mine}") from None
    plan = merging.plan(connection, parsed, base["scope"])
    return Preview(
        document=document,
        parsed=parsed,
        plan=plan,
        corrections=kept,
        notes=[*notes, *dropped],
        **base,
    )


def apply(history: History, found: Preview) -> Step | None:
    """Write what the preview showed, as one undo step; None when there was nothing to
    change. Refused, with nothing written, when the store changed since the preview."""

    def build(connection: Connection) -> Step:
        now = merging.plan(connection, found.parsed, found.scope)
        moved = found.correctable and (
            preferences.setting(connection, found.corrections_key) != found.stored_text
        )
        if moved or not now.same_as(found.plan):
            raise ActionError(
                f"{found.code} changed in the store since the preview; nothing was stored "
                "(import again to see the changes as they now are)"
            )
        name = f"Update {found.code}" if found.existing else f"Import {found.code}"
        rows = now.rows + _corrections_rows(connection, found)
        return Step(name, rows, now.meeting_id, [now.meeting_id])

    return history.do(build)


def _corrections_rows(connection: Connection, found: Preview) -> list[RowChange]:
    """The setting row that keeps the corrections the import applies: written, replaced
    or (when there are none any more) removed."""
    if not found.corrections_changed:
        return []
    table = schema.setting
    stored = rows_of(connection, table, table.c.key == found.corrections_key)
    if not found.corrections:
        return [RowChange(table, stored[0], None)] if stored else []
    row = {"key": found.corrections_key, "value": review.dumps(found.corrections)}
    if not stored:
        return [RowChange(table, None, row)]
    return [RowChange(table, stored[0], row)] if stored[0] != row else []


def _counted(counts: dict[str, int]) -> str:
    """Counts in words, "4 events, 1 deadline" (``counts`` names each kind in the plural)."""
    return ", ".join(
        f"{n} {what.removesuffix('s') if n == 1 else what}" for what, n in counts.items()
    )


def describe(found: Preview) -> list[str]:
    """The preview as lines of text, in the words and formats of the other commands: the
    meeting, then each kind of thing found, then the warnings."""
    doc = found.parsed
    meeting = doc.meeting
    action = "in the store: updated" if found.existing else "new"
    opening = f", opens {meeting.opening_time:%H:%M}" if meeting.opening_time else ""
    out = [
        f"{meeting.code}: {meeting.title} ({action})",
        f"  {meeting.place or 'place not given'}, "
        f"{format_days(meeting.first_day, meeting.last_day)} ({meeting.timezone}){opening}",
    ]
    for f in found.files:
        when = f", {format_date(f.dated)}" if f.dated else ""
        out.append(f"  from {Path(f.path).name}: {f.reference or f.kind}{when}")
    out.append("  found " + _counted(found.counts()))
    if found.existing:
        out.extend(_changes(found))
    else:
        out.extend(_contents(found))
    if found.corrections:
        out.append(f"your corrections ({len(found.corrections)}):")
        out.extend(f"  {c.describe()}" for c in found.corrections)
    if found.warnings:
        out.append(f"warnings ({len(found.warnings)}):")
        out.extend(f"  {w}" for w in found.warnings)
    if found.notes:
        out.append(f"notes on your corrections ({len(found.notes)}):")
        out.extend(f"  {n}" for n in found.notes)
    return out


def _changes(found: Preview) -> list[str]:
    plan = found.plan
    out = [f"changes ({len(plan.changes)}):" if plan.changes else "changes: none"]
    out.extend(f"  {change}" for change in plan.changes)
    if plan.unchanged:
        out.append("unchanged: " + _counted(plan.unchanged))
    return out


def _contents(found: Preview) -> list[str]:
    doc = found.parsed
    meeting = doc.meeting
    out: list[str] = []
    if doc.events:
        out.append("events:")
        for event in doc.events:
            if event.starts_at is not None:
                when = format_span(event.starts_at, event.ends_at, event.timezone)
            else:
                assert event.first_day is not None  # the reader requires a start or a day
                when = format_days(event.first_day, event.last_day or event.first_day)
            where = "online" if event.virtual else event.place
            extra = ", registration required" if event.registration_required else ""
            out.append(f"  {when}  {event.title} ({where}{extra}){_line_of(found, event.id)}")
    if doc.deadlines:
        out.append("deadlines:")
        for deadline in doc.deadlines:
            where = deadline_source(found, str(deadline.id))
            read = f" — {where}" if where else ""
            out.append(f"  {_due_text(deadline, meeting)}: {deadline.title}{read}")
    if found.document["agenda"]:
        out.append("agenda:")
        out.extend(_outline(found.document["agenda"], 1))
    if doc.drafts:
        out.append("drafts:")
        for draft in doc.drafts:
            former = f" (ex {draft.former_name})" if draft.former_name else ""
            report = f" [{draft.report_number}]" if draft.report_number else ""
            text = f"  {draft.designation}{former}{report} {draft.title}".rstrip()
            out.append(f"{text}{_line_of(found, draft.id)}")
    return out


def _line_of(found: Preview, fact: object) -> str:
    """The words " — line 11": where in its file the fact was read, when the reader says."""
    read = found.sources.get(str(fact))
    return f" — line {read[1]}" if read else ""


def _due(
    deadline: meeting_json.DeadlineRecord, meeting: meeting_json.MeetingRecord
) -> tuple[date | None, Rule | None]:
    """The day a deadline falls due: the one printed, else the one its rule gives (none for
    a rule counted from each session)."""
    rule = Rule.stored(deadline.rule_amount, deadline.rule_unit, deadline.rule_anchor)
    if deadline.due_date is not None or rule is None or rule.anchor is Anchor.SESSION_START:
        return deadline.due_date, rule
    return due_for_meeting(rule, meeting.first_day, meeting.last_day), rule


def _due_text(deadline: meeting_json.DeadlineRecord, meeting: meeting_json.MeetingRecord) -> str:
    day, rule = _due(deadline, meeting)
    if deadline.due_at is not None:
        text = format_due(deadline.due_at, deadline.timezone)
    elif day is not None:
        text = format_due(
            date_due_instant(day, deadline.timezone), deadline.timezone, whole_day=True
        )
    else:
        text = ""
    if rule is not None:
        words: str = rule.describe()
        text = f"{text} ({words})" if text else words
    return text


def _outline(items: Sequence[dict[str, Any]], depth: int) -> list[str]:
    out = []
    for item in items:
        label = item["number"] if item["numbered"] else "-"
        docs = f"  [{', '.join(item['documents'])}]" if item["documents"] else ""
        out.append(f"{'  ' * depth}{label} {item['title']}{docs}")
        out.extend(_outline(item["children"], depth + 1))
    return out


# --- the facts, for the review ---------------------------------------------------------------

_PLACE_READ = re.compile(r"\(([^()]*)\)\s*$")


def source_place(source_text: str) -> str:
    """Where in its letter a deadline's source says it was read: "key deadlines, line 16",
    "Annex A, line 28", "TSB Circular 241, line 12" (the whole text when it names none)."""
    places = []
    for part in source_text.split("; "):
        found = _PLACE_READ.search(part)
        if found is None:
            continue
        place = found.group(1)
        if part.startswith("Annex A:") and not place.startswith("Annex A"):
            place = f"Annex A, {place}"
        places.append(place)
    return "; ".join(places) or source_text


def _names(found: Preview, kinds: Sequence[str] = (), references: Sequence[str] = ()) -> str:
    """The files of these kinds (or with these references), else every file read."""
    names = [
        Path(f.path).name
        for f in found.files
        if f.kind in kinds or (f.reference and f.reference in references)
    ]
    return ", ".join(names) or ", ".join(Path(f.path).name for f in found.files)


_LETTER_KINDS = (letters.Kind.COLLECTIVE_LETTER.value, letters.Kind.ADDENDUM.value)


def where_read(found: Preview, kind: str, fact: dict[str, Any]) -> str:
    """The file a fact was read from and, for a deadline, where in it."""
    read = found.sources.get(str(fact.get("id")))
    if kind != review.DEADLINE and read is not None:
        return f"{read[0]}: line {read[1]}"
    if kind == review.DRAFT:
        return _names(found, references=[str(fact.get("circular") or "")])
    if kind != review.DEADLINE:
        return _names(found, _LETTER_KINDS)
    source = str(fact.get("source_text") or "")
    if fact.get("origin") == schema.DeadlineOrigin.CIRCULAR.value:
        circulars = [f.reference for f in found.files if f.reference and f.reference in source]
        name = _names(found, references=circulars or [""])
    else:
        name = _names(found, _LETTER_KINDS)
    return f"{name}: {source_place(source)}" if source else name


def deadline_source(found: Preview, deadline_id: str) -> str:
    """Where a deadline of the preview comes from, in a few words: where the letter gives
    it, and whether its due date is the user's."""
    mine = {c.field for c in review.corrected(found.corrections, review.DEADLINE, deadline_id)}
    if review.ADD in mine:
        return "added by you"
    fact = review.facts(found.letter).get((review.DEADLINE, deadline_id))
    where = source_place(str(fact.get("source_text") or "")) if fact is not None else ""
    if review.DUE in mine:
        return f"your correction; the letter: {where}" if where else "your correction"
    return where


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact of the review: what it is, what it was read as, where, and what the user
    did with it.

    ``field`` names the meeting's field on the meeting's rows ("" on the others).
    ``letter_gave`` says what the letter gave where the user corrected it.
    """

    kind: str
    id: str
    field: str
    label: str
    value: str
    where: str
    source: str
    included: bool
    can_leave_out: bool
    can_edit: bool
    letter_gave: str = ""
    added: bool = False
    children: tuple[Fact, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.id}/{self.field}"


@dataclass(frozen=True, slots=True)
class FactGroup:
    """The facts of one kind (``kind`` as corrections name it), under ``title``."""

    kind: str
    title: str
    facts: tuple[Fact, ...]


def review_facts(found: Preview) -> list[FactGroup]:
    """Every fact the letters give, by kind, as corrected: left-out ones too (to take them
    in again) and the deadlines the user added."""
    shown = review.facts(found.document)
    mine: dict[tuple[str, str], list[Correction]] = {}
    for c in found.corrections:
        mine.setdefault((c.kind, c.fact), []).append(c)
    edits = found.correctable
    meeting = found.document["meeting"]
    days = (date.fromisoformat(meeting["first_day"]), date.fromisoformat(meeting["last_day"]))

    def gave(kind: str, fact_id: str, *fields: str) -> str:
        said = [
            f"{review.FIELD_NAMES[c.field]}: {review.show(c.field, c.read)}"
            for c in mine.get((kind, fact_id), [])
            if c.field in fields
        ]
        return "The letter gave " + "; ".join(said) if said else ""

    def fact(kind: str, raw: dict[str, Any], label: str, value: str, **more: Any) -> Fact:
        fact_id = str(raw.get("id"))
        now = shown.get((kind, fact_id))
        return Fact(
            kind=kind,
            id=fact_id,
            field="",
            label=label,
            value=value,
            where=more.pop("where", where_read(found, kind, raw)),
            source=str(raw.get("source_text") or ""),
            included=now is not None,
            can_leave_out=edits,
            can_edit=edits and kind in (review.EVENT, review.DEADLINE),
            **more,
        )

    def current(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
        return shown.get((kind, str(raw.get("id"))), raw)

    letter = found.letter
    where = _names(found, _LETTER_KINDS)
    head = letter["meeting"]
    mid = str(head.get("id"))
    opening = f", opens {meeting['opening_time']}" if meeting.get("opening_time") else ""
    meeting_rows = [
        (review.TITLE, "Title", str(meeting.get("title", ""))),
        (review.PLACE, "Place", str(meeting.get("place") or "(not given)")),
        (review.DAYS, "Dates", review.show(review.DAYS, meeting) + opening),
        (review.ZONE, "Zone", str(meeting.get("timezone", ""))),
    ]
    groups = [
        FactGroup(
            review.MEETING,
            f"Meeting {head.get('code', '')}",
            tuple(
                Fact(
                    review.MEETING,
                    mid,
                    name,
                    label,
                    value,
                    where,
                    "",
                    True,
                    False,
                    edits and found.scope == merging.LETTERS,
                    gave(review.MEETING, mid, name),
                )
                for name, label, value in meeting_rows
            ),
        )
    ]

    events = []
    for raw in letter.get("events") or []:
        now = current(review.EVENT, raw)
        place = "online" if now.get("virtual") else str(now.get("place") or "")
        extra = ", registration required" if now.get("registration_required") else ""
        value = f"{review.when_text(now)} ({place}{extra})" if place or extra else ""
        events.append(
            fact(
                review.EVENT,
                raw,
                str(now.get("title", "")),
                value or review.when_text(now),
                letter_gave=gave(review.EVENT, str(raw.get("id")), review.TITLE, review.WHEN),
            )
        )
    groups.append(FactGroup(review.EVENT, "Events", tuple(events)))

    deadlines = []
    for raw in letter.get("deadlines") or []:
        now = current(review.DEADLINE, raw)
        deadlines.append(
            fact(
                review.DEADLINE,
                raw,
                str(now.get("title", "")),
                review.due_text(now, days),
                letter_gave=gave(review.DEADLINE, str(raw.get("id")), review.TITLE, review.DUE),
            )
        )
    for c in found.corrections:
        if c.field == review.ADD:
            now = shown.get((review.DEADLINE, c.fact), c.value)
            deadlines.append(
                fact(
                    review.DEADLINE,
                    {"id": c.fact, "source_text": f"{c.typed} (added by you)"},
                    str(now.get("title", "")),
                    review.due_text(now, days),
                    where="added by you",
                    added=True,
                )
            )
    groups.append(FactGroup(review.DEADLINE, "Deadlines", tuple(deadlines)))

    drafts = []
    for raw in letter.get("drafts") or []:
        former = f" (ex {raw['former_name']})" if raw.get("former_name") else ""
        report = f" [{raw['report_number']}]" if raw.get("report_number") else ""
        drafts.append(
            fact(
                review.DRAFT,
                raw,
                f"{raw.get('designation', '')}{former}",
                f"{raw.get('title', '')}{report}",
            )
        )
    groups.append(FactGroup(review.DRAFT, "Drafts", tuple(drafts)))

    def items(level: Sequence[dict[str, Any]], inside: bool) -> tuple[Fact, ...]:
        out = []
        for raw in level:
            number = str(raw.get("number") or "-") if raw.get("numbered", True) else "-"
            entry = fact(
                review.AGENDA,
                raw,
                f"{number} {raw.get('title', '')}",
                ", ".join(raw.get("documents") or []),
            )
            included = inside and entry.included
            kids = items(raw.get("children") or [], included)
            out.append(
                Fact(
                    **{
                        **{name: getattr(entry, name) for name in Fact.__dataclass_fields__},
                        "included": included,
                        "can_leave_out": entry.can_leave_out and inside,
                        "children": kids,
                    }
                )
            )
        return tuple(out)

    groups.append(FactGroup(review.AGENDA, "Agenda", items(letter.get("agenda") or [], True)))
    return groups
