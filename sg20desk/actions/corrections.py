"""The user's corrections of what a letter was read as, made in the import preview.

A letter is read into a meeting document (the exchange format of
:mod:`sg20desk.exchange.meeting_json`); before that document is validated and compared
with the store, the user may leave out a fact the reader got wrong (an event, a deadline,
a draft, an agenda item with its sub-items), correct a value (a deadline's title or due,
typed as letters write it; an event's title or time; the meeting's title, place, zone or
days) or add a deadline the reader missed.

Each :class:`Correction` names the fact by its identifier and the field, and keeps both
what the letter gave (``read``) and what the user gave (``value``). The corrections of a
meeting are kept in the store (``import.corrections.<code>``, written by the import they
belong to), so that reading the same letter again gives the meeting as the user reviewed
it. :func:`apply_corrections` applies a correction only while the letter still gives what
the user corrected: when a reissued letter says something else there, the letter wins and
a :class:`Note` says which correction was dropped.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sg20desk.actions.history import ActionError
from sg20desk.exchange import meeting_json
from sg20desk.rules.deadlines import Anchor, Rule, Unit, date_due_instant, due_for_meeting
from sg20desk.rules.numbering import Node, compute_numbers
from sg20desk.rules.phrases import (
    ClockPhrase,
    DayPhrase,
    DaysPhrase,
    InstantPhrase,
    MeetingDay,
    PhraseError,
    SpanPhrase,
    read_phrase,
)
from sg20desk.rules.places import zone_of_place
from sg20desk.rules.timezones import (
    WALL_CLOCK,
    ZONE_ALIASES,
    UnknownZoneError,
    format_days,
    format_due,
    format_instant,
    format_span,
    local_to_utc,
    month_name,
    to_utc,
    wall_clock,
    zone,
)

FORMAT = "sg20desk-import-corrections"
FORMAT_VERSION = 1
#: the setting that keeps a meeting's corrections
KEY = "import.corrections.{}"
MAX_CORRECTIONS = 2000
MAX_TEXT = 2000  # a title, place or phrase typed
MAX_STORED = 4 * 1024 * 1024

MEETING, EVENT, DEADLINE, DRAFT, AGENDA = "meeting", "event", "deadline", "draft", "agenda"
OMIT, TITLE, PLACE, ZONE, DAYS, DUE, WHEN, ADD = (
    "omit",
    "title",
    "place",
    "timezone",
    "days",
    "due",
    "when",
    "add",
)
FIELDS: dict[str, tuple[str, ...]] = {
    MEETING: (TITLE, PLACE, ZONE, DAYS),
    EVENT: (OMIT, TITLE, WHEN),
    DEADLINE: (OMIT, TITLE, DUE, ADD),
    DRAFT: (OMIT,),
    AGENDA: (OMIT,),
}
#: the keys of a deadline that say when it is due, and of an event that say when it is
DUE_KEYS = ("due_at", "due_date", "timezone", "rule")
WHEN_KEYS = ("start", "end", "first_day", "last_day", "timezone")
#: where in its letter a fact was read: not part of what the fact is
_PROVENANCE = ("source_text", "number")
FIELD_NAMES = {
    TITLE: "title",
    PLACE: "place",
    ZONE: "zone",
    DAYS: "dates",
    DUE: "due date",
    WHEN: "time",
}


def key_for(code: str) -> str:
    """The setting holding the corrections of the meeting ``code``."""
    return KEY.format(code)


class CorrectionError(ActionError):
    """A correction that cannot be made as typed; the message names the field."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction of a fact (``kind`` and identifier ``fact``), of one ``field``.

    ``read`` is what the letter gave (None for a deadline the user added), ``value`` what
    the user gave, both as the exchange format writes them. ``label`` names the fact for
    messages; ``typed`` is the phrase the user typed for a due date or a time.
    """

    kind: str
    fact: str
    field: str
    read: Any
    value: Any
    label: str = ""
    typed: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.fact, self.field)

    def describe(self) -> str:
        """The correction in a line: ``deadline "Submit ...": due 13 March 2026``."""
        what = f'{self.kind} "{_short(self.label)}"' if self.label else self.kind
        if self.field == OMIT:
            return f"{what}: left out"
        if self.field == ADD:
            return f'deadline "{_short(self.value["title"])}" added: due {self.typed}'
        return f"{what}: {FIELD_NAMES[self.field]} {show(self.field, self.value, self.typed)}"


@dataclass(frozen=True, slots=True)
class Note:
    """Something the user should know about their corrections: one dropped because the
    letter now gives something else, or stored corrections that could not be read."""

    message: str
    correction: Correction | None = None

    def __str__(self) -> str:
        return self.message


# --- the facts of a document ----------------------------------------------------------------


def facts(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every fact of a document that can be corrected, by kind and identifier."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    meeting = document.get("meeting")
    if isinstance(meeting, dict) and meeting.get("id"):
        out[(MEETING, str(meeting["id"]))] = meeting
    for kind, name in ((EVENT, "events"), (DEADLINE, "deadlines"), (DRAFT, "drafts")):
        for fact in document.get(name) or []:
            if isinstance(fact, dict) and fact.get("id"):
                out[(kind, str(fact["id"]))] = fact
    pending = list(document.get("agenda") or [])
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if item.get("id"):
                out[(AGENDA, str(item["id"]))] = item
            pending.extend(item.get("children") or [])
    return out


def _label(kind: str, fact: dict[str, Any]) -> str:
    if kind == DRAFT:
        return str(fact.get("designation", ""))
    if kind == MEETING:
        return str(fact.get("code", ""))
    return str(fact.get("title", ""))


def _plain(fact: Any) -> Any:
    """A fact as it is compared across readings: without where it was read, nor the
    numbers an agenda item gets from its place."""
    if isinstance(fact, dict):
        return {k: _plain(v) for k, v in fact.items() if k not in _PROVENANCE}
    if isinstance(fact, list):
        return [_plain(v) for v in fact]
    return fact


def _given(kind: str, field: str, fact: dict[str, Any]) -> Any:
    """What the letter gives for ``field`` of ``fact``, in the form a correction keeps."""
    if field == OMIT:
        return _plain(fact)
    if field == DAYS:
        return {"first_day": fact.get("first_day"), "last_day": fact.get("last_day")}
    if field == DUE:
        return {k: fact.get(k) for k in DUE_KEYS}
    if field == WHEN:
        return {k: fact.get(k) for k in WHEN_KEYS}
    return fact.get(field, "")


# --- making corrections --------------------------------------------------------------------


def _fact(document: dict[str, Any], kind: str, fact_id: str) -> dict[str, Any]:
    found = facts(document).get((kind, fact_id))
    if found is None:
        raise CorrectionError(f"the letter gives no {kind} {fact_id}")
    return found


def leave_out(letter: dict[str, Any], kind: str, fact_id: str) -> Correction:
    """Leave the fact out of the import (an agenda item with its sub-items)."""
    if OMIT not in FIELDS.get(kind, ()):
        raise CorrectionError(f"the {kind} cannot be left out")
    fact = _fact(letter, kind, fact_id)
    return Correction(kind, fact_id, OMIT, _given(kind, OMIT, fact), True, _label(kind, fact))


def correct(
    letter: dict[str, Any],
    shown: dict[str, Any],
    kind: str,
    fact_id: str,
    field: str,
    text: str,
) -> Correction:
    """The correction of ``field`` of a fact the letter gives, to what the user typed.

    ``letter`` is the document as read, ``shown`` as corrected so far (its zones and days
    are the ones a typed phrase is read in). Raises :class:`CorrectionError` naming the
    field, with the reason, when the text cannot be that field.
    """
    if field not in FIELDS.get(kind, ()) or field in (OMIT, ADD):
        raise CorrectionError(f"the {field} of a {kind} cannot be corrected")
    fact = _fact(letter, kind, fact_id)
    now = facts(shown).get((kind, fact_id), fact)
    meeting = shown["meeting"]
    if field == TITLE:
        value: Any = _title(text, "Title")
    elif field == PLACE:
        value = _text(text, "Place")
    elif field == ZONE:
        value = zone_named(text)
    elif field == DAYS:
        value = meeting_days(text, str(meeting["timezone"]))
    elif field == DUE:
        session = _given(kind, DUE, fact).get("rule") or {}
        value = due_value(
            text,
            str(now.get("timezone") or meeting["timezone"]),
            meeting,
            session=session.get("anchor") == Anchor.SESSION_START.value,
        )
    else:
        value = when_value(text, now, meeting)
    typed = " ".join(text.split()) if field in (DUE, WHEN, DAYS) else ""
    return Correction(
        kind, fact_id, field, _given(kind, field, fact), value, _label(kind, fact), typed
    )


def add_deadline(
    shown: dict[str, Any], title: str, due: str, fact_id: str | None = None
) -> Correction:
    """A deadline the reader missed, due as the phrase ``due`` says (read in the meeting's
    zone); ``fact_id`` keeps the identifier of one added before (to change it)."""
    meeting = shown["meeting"]
    named = _title(title, "Deadline")
    value = {"title": named, **due_value(due, str(meeting["timezone"]), meeting, session=False)}
    return Correction(
        DEADLINE, fact_id or str(uuid.uuid4()), ADD, None, value, named, " ".join(due.split())
    )


def revised(corrections: Iterable[Correction], *new: Correction) -> list[Correction]:
    """``corrections`` with each of ``new`` in place of one of the same fact and field; a
    correction back to what the letter gives is no correction and goes."""
    keys = {c.key for c in new}
    out = [c for c in corrections if c.key not in keys]
    out.extend(c for c in new if c.field == ADD or c.value != c.read)
    return out


def without(
    corrections: Iterable[Correction], kind: str, fact_id: str, field: str
) -> list[Correction]:
    """``corrections`` without the one of that fact and field (taking it in again, for a
    fact left out; taking an added deadline back, for ``add``)."""
    return [c for c in corrections if c.key != (kind, fact_id, field)]


def corrected(corrections: Iterable[Correction], kind: str, fact_id: str) -> list[Correction]:
    """The corrections of one fact."""
    return [c for c in corrections if (c.kind, c.fact) == (kind, fact_id)]


# --- reading what was typed ----------------------------------------------------------------


def _text(text: str, field: str) -> str:
    value = " ".join(text.split())
    if len(value) > MAX_TEXT:
        raise CorrectionError(f"{field}: {len(value)} characters is longer than {MAX_TEXT}")
    return value


def _title(text: str, field: str) -> str:
    value = _text(text, field)
    if not value:
        raise CorrectionError(f"{field}: say what it is; it cannot be empty")
    return value


def zone_named(text: str) -> str:
    """An IANA zone ("Africa/Nairobi"), a name people use for one ("Geneva") or a city
    where ITU meets; refused with the reason otherwise."""
    name = text.strip()
    if not name:
        raise CorrectionError("Zone: give an IANA zone such as Europe/Zurich")
    city = zone_of_place(name)
    try:
        zone(name)
    except UnknownZoneError as exc:
        if city is None:
            raise CorrectionError(f"Zone: {exc}") from None
        return city
    return ZONE_ALIASES.get(name, name)


def _read(text: str, zone_name: str, field: str) -> Any:
    try:
        return read_phrase(text, zone_name)
    except PhraseError as exc:
        raise CorrectionError(f"{field}: {exc}") from None


def meeting_days(text: str, zone_name: str) -> dict[str, Any]:
    """The meeting's days typed as a letter gives them ("6-15 October 2027")."""
    value = _read(text, zone_name, "Dates")
    if isinstance(value, DayPhrase):
        return {"first_day": value.day.isoformat(), "last_day": value.day.isoformat()}
    if isinstance(value, DaysPhrase):
        return {"first_day": value.first.isoformat(), "last_day": value.last.isoformat()}
    raise CorrectionError("Dates: give the meeting's days, such as 6-15 October 2027")


def due_value(
    text: str, zone_name: str, meeting: dict[str, Any], *, session: bool
) -> dict[str, Any]:
    """A due phrase typed for a deadline, in the exchange form (``DUE_KEYS``): a date is
    due at the end of that day, a time without a zone is in ``zone_name``, a rule counts
    from the meeting (or, ``session``, from each session, as the letter's rule did)."""
    value = _read(text, zone_name, "Due")
    out: dict[str, Any] = dict.fromkeys(DUE_KEYS)
    out["timezone"] = zone_name
    if isinstance(value, DayPhrase):
        out["due_date"] = value.day.isoformat()
    elif isinstance(value, InstantPhrase):
        out.update(due_at=wall_clock(value.at, value.zone), timezone=value.zone)
    elif isinstance(value, ClockPhrase) and value.day is not None:
        key = "first_day" if value.day is MeetingDay.FIRST else "last_day"
        where = value.zone or zone_name
        at = local_to_utc(date.fromisoformat(str(meeting[key])), value.clock, where)
        out.update(due_at=wall_clock(at, where), timezone=where)
    elif isinstance(value, Rule):
        if not value.before:
            raise CorrectionError(f"Due: {value.describe()}: a deadline falls before the meeting")
        if value.anchor is Anchor.SESSION_START and not session:
            raise CorrectionError(
                f"Due: {value.describe()} needs a session; give a date or a rule counted "
                "from the meeting"
            )
        out["rule"] = value.exchanged()
    elif isinstance(value, DaysPhrase | SpanPhrase):
        raise CorrectionError("Due: that is a span of time; a deadline needs one day or moment")
    else:
        raise CorrectionError("Due: a time needs a date, such as 1200 hours on 3 March 2026")
    return out


def when_value(text: str, event: dict[str, Any], meeting: dict[str, Any]) -> dict[str, Any]:
    """When an event is, typed as letters write it: a day moves it keeping its hours, a
    time of day keeps its day, "on 5 October 2027 from 1000 to 1200 hours" gives both, a
    run of days makes it a whole-day event. Times without a zone are in the event's."""
    where = str(event.get("timezone") or meeting["timezone"])
    value = _read(text, where, "Time")
    out: dict[str, Any] = dict.fromkeys(WHEN_KEYS)
    out["timezone"] = where
    start = _local(event.get("start"))
    end = _local(event.get("end"))
    length = end - start if start is not None and end is not None else None

    def timed(begins: datetime, ends: datetime | None) -> dict[str, Any]:
        if ends is not None and ends < begins:
            raise CorrectionError("Time: the event would end before it starts")
        out["start"] = begins.strftime(WALL_CLOCK)
        out["end"] = ends.strftime(WALL_CLOCK) if ends is not None else None
        return out

    def local(instant: datetime) -> datetime:
        return datetime.strptime(wall_clock(instant, where), WALL_CLOCK)

    if isinstance(value, DayPhrase):
        if start is None:
            out["first_day"] = out["last_day"] = value.day.isoformat()
            return out
        begins = datetime.combine(value.day, start.time())
        return timed(begins, begins + length if length is not None else None)
    if isinstance(value, DaysPhrase):
        out["first_day"], out["last_day"] = value.first.isoformat(), value.last.isoformat()
        return out
    if isinstance(value, InstantPhrase):
        begins = local(value.at)
        return timed(begins, begins + length if length is not None else None)
    if isinstance(value, SpanPhrase):
        return timed(local(value.start), local(value.end))
    if isinstance(value, ClockPhrase):
        if value.day is not None:
            key = "first_day" if value.day is MeetingDay.FIRST else "last_day"
            day = date.fromisoformat(str(meeting[key]))
        elif start is not None:
            day = start.date()
        elif event.get("first_day"):
            day = date.fromisoformat(str(event["first_day"]))
        else:
            raise CorrectionError("Time: a time needs a date, such as 1000 hours on 5 October 2027")
        begins = local(local_to_utc(day, value.clock, value.zone or where))
        return timed(begins, begins + length if length is not None else None)
    raise CorrectionError("Time: an event needs a day or a time, not a rule")


def _local(text: Any) -> datetime | None:
    return datetime.strptime(str(text), WALL_CLOCK) if text else None


# --- showing values ------------------------------------------------------------------------


def _short(text: str, width: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def show(field: str, value: Any, typed: str = "") -> str:
    """A value a correction keeps, in the program's formats."""
    if field == OMIT:
        return "left out"
    if field in (TITLE, PLACE):
        return f'"{_short(value)}"' if value else "(none)"
    if field == ZONE:
        return str(value)
    if field == DAYS:
        first, last = value.get("first_day"), value.get("last_day")
        if not first or not last:
            return "(none)"
        return format_days(date.fromisoformat(first), date.fromisoformat(last))
    if field == DUE:
        return due_text(value)
    if field == WHEN:
        return when_text(value)
    return typed or str(value)


def due_text(value: dict[str, Any], days: tuple[date, date] | None = None) -> str:
    """A due date in the exchange form, as the Deadlines section shows it; a rule counted
    from the meeting falls on the day it gives for the meeting's ``days``."""
    zone_name = str(value.get("timezone") or "UTC")
    rule = value.get("rule")
    words = Rule.stored(rule.get("amount"), rule.get("unit"), rule.get("anchor")) if rule else None
    day = date.fromisoformat(value["due_date"]) if value.get("due_date") else None
    counted = words is not None and words.anchor is not Anchor.SESSION_START
    if day is None and words is not None and counted and days is not None:
        day = due_for_meeting(words, *days)
    if value.get("due_at"):
        text = format_instant(to_utc(datetime.fromisoformat(value["due_at"]), zone_name), zone_name)
    elif day is not None:
        text = format_due(date_due_instant(day, zone_name), zone_name, whole_day=True)
    else:
        text = ""
    if words is not None:
        text = f"{text} ({words.describe()})" if text else words.describe()
    return text or "(none)"


def when_text(value: dict[str, Any]) -> str:
    """When an event is, in the exchange form, as the Schedule shows it."""
    zone_name = str(value.get("timezone") or "UTC")
    if value.get("start"):
        start = to_utc(datetime.fromisoformat(value["start"]), zone_name)
        end = to_utc(datetime.fromisoformat(value["end"]), zone_name) if value.get("end") else None
        if end is not None and end - start >= timedelta(days=1):
            return f"{format_instant(start, zone_name)} - {format_instant(end, zone_name)}"
        return format_span(start, end, zone_name)
    if value.get("first_day"):
        first = date.fromisoformat(value["first_day"])
        last = date.fromisoformat(value.get("last_day") or value["first_day"])
        return format_days(first, last)
    return "(none)"


def _day_words(day: date) -> str:
    return f"{day.day} {month_name(day)} {day.year}"  # English, as letters write it


def due_phrase(value: dict[str, Any], zone_name: str) -> str:
    """A due date in the exchange form as a phrase :func:`due_value` reads back the same,
    times without a zone being in ``zone_name``: the text an edit starts from."""
    if value.get("due_at"):
        stated = str(value.get("timezone") or zone_name)
        at = to_utc(datetime.fromisoformat(value["due_at"]), stated)
        shown = "UTC" if stated == "UTC" else zone_name
        local = datetime.strptime(wall_clock(at, shown), WALL_CLOCK)
        word = " UTC" if shown == "UTC" else ""
        return f"{local:%H%M} hours{word} on {_day_words(local.date())}"
    if value.get("due_date"):
        return _day_words(date.fromisoformat(value["due_date"]))
    rule = value.get("rule")
    if rule:
        stored = Rule.stored(rule.get("amount"), rule.get("unit"), rule.get("anchor"))
        return stored.describe() if stored is not None else ""
    return ""


def when_phrase(value: dict[str, Any]) -> str:
    """When an event is, in the exchange form, as a phrase :func:`when_value` reads back
    the same (in the event's zone)."""
    start, end = _local(value.get("start")), _local(value.get("end"))
    if start is not None:
        day = _day_words(start.date())
        if end is not None and end.date() == start.date():
            return f"on {day} from {start:%H%M} to {end:%H%M} hours"
        return f"{start:%H%M} hours on {day}"
    if value.get("first_day"):
        first = date.fromisoformat(value["first_day"])
        last = date.fromisoformat(value.get("last_day") or value["first_day"])
        if first == last:
            return _day_words(first)
        return f"from {_day_words(first)} to {_day_words(last)}"
    return ""


# --- applying ------------------------------------------------------------------------------


def apply_corrections(
    document: dict[str, Any], corrections: Sequence[Correction], *, whole: bool = True
) -> tuple[dict[str, Any], list[Note]]:
    """The document with the corrections applied, and a note for each one dropped.

    A correction is applied only while the letter gives for that fact and field what it
    gave when the user corrected it; otherwise the letter wins and a note says so. A fact
    the letter no longer gives drops its corrections too when ``whole`` (the files speak
    for the whole meeting: a collective letter); otherwise (circulars alone) a correction
    of a fact they do not give is left for a later import, as it is, and so are the
    meeting's. ``document`` is not changed.
    """
    given = facts(document)
    titles = {
        " ".join(str(d.get("title", "")).casefold().split())
        for d in document.get("deadlines") or []
    }
    notes: list[Note] = []
    applying: list[Correction] = []
    for c in corrections:
        if c.field == ADD:
            folded = " ".join(str(c.value["title"]).casefold().split())
            if folded in titles:
                notes.append(
                    Note(
                        f'the letter now gives the deadline "{_short(c.label)}" itself; the '
                        "one you added is dropped",
                        c,
                    )
                )
            else:
                applying.append(c)
            continue
        fact = given.get((c.kind, c.fact))
        if fact is None:
            if whole:
                notes.append(
                    Note(
                        f'the letter no longer gives the {c.kind} "{_short(c.label)}"; your '
                        f"correction ({show(c.field, c.value, c.typed)}) is dropped",
                        c,
                    )
                )
            continue
        if c.kind == MEETING and not whole:
            continue
        now = _given(c.kind, c.field, fact)
        if now != c.read:
            if c.field == OMIT:
                message = (
                    f'the letter now gives the {c.kind} "{_short(c.label)}" otherwise than '
                    "when you left it out; it is imported again"
                )
            else:
                message = (
                    f"the letter now gives {show(c.field, now)} for the {FIELD_NAMES[c.field]} of "
                    f'the {c.kind} "{_short(c.label)}"; your correction '
                    f"({show(c.field, c.value, c.typed)}) is dropped"
                )
            notes.append(Note(message, c))
            continue
        applying.append(c)
    return _applied(document, applying), notes


def _applied(document: dict[str, Any], corrections: Sequence[Correction]) -> dict[str, Any]:
    doc = copy.deepcopy(document)
    if not corrections:
        return doc
    meeting = doc["meeting"]
    for c in corrections:  # the zone first: every time the letter stated in it follows
        if c.kind == MEETING and c.field == ZONE:
            _move_zone(doc, str(meeting.get("timezone", "")), c.value)
    found = facts(doc)
    for c in corrections:
        fact = found.get((c.kind, c.fact))
        if fact is None or c.field in (OMIT, ADD, ZONE):
            continue
        if c.field in (TITLE, PLACE):
            fact[c.field] = c.value
        elif c.field == DAYS:
            fact.update(c.value)
        elif c.field == DUE:
            for k in DUE_KEYS:
                fact.pop(k, None)
            fact.update((k, v) for k, v in c.value.items() if v is not None)
            source = fact.get("source_text")
            fact["source_text"] = (
                f"{c.typed} (your correction; the letter: {source})"
                if source
                else f"{c.typed} (your correction)"
            )
        elif c.field == WHEN:
            for k in WHEN_KEYS:
                fact.pop(k, None)
            fact.update((k, v) for k, v in c.value.items() if v is not None)
    left_out = {(c.kind, c.fact) for c in corrections if c.field == OMIT}
    if left_out:
        for kind, name in ((EVENT, "events"), (DEADLINE, "deadlines"), (DRAFT, "drafts")):
            doc[name] = [f for f in doc.get(name) or [] if (kind, str(f.get("id"))) not in left_out]
        doc["agenda"] = _pruned(doc.get("agenda") or [], left_out)
        designations = {str(d.get("designation")) for d in doc.get("drafts") or []}
        _renumber(doc["agenda"], designations)
    for c in corrections:
        if c.field == ADD:
            doc.setdefault("deadlines", []).append(
                {
                    "id": c.fact,
                    "title": c.value["title"],
                    **{k: v for k, v in c.value.items() if k in DUE_KEYS and v is not None},
                    "source_text": f"{c.typed} (added by you)",
                    "origin": "letter",
                }
            )
    return doc


def _move_zone(doc: dict[str, Any], old: str, new: str) -> None:
    """The letter's times stated in the meeting's zone, read in ``new`` instead."""
    doc["meeting"]["timezone"] = new
    for name in ("events", "deadlines"):
        for fact in doc.get(name) or []:
            if fact.get("timezone") == old:
                fact["timezone"] = new
    for draft in doc.get("drafts") or []:
        deadline = draft.get("consultation_deadline")
        if isinstance(deadline, dict) and deadline.get("timezone") == old:
            deadline["timezone"] = new


def _pruned(items: list[Any], left_out: set[tuple[str, str]]) -> list[Any]:
    kept = []
    for item in items:
        if (AGENDA, str(item.get("id"))) in left_out:
            continue
        item["children"] = _pruned(item.get("children") or [], left_out)
        kept.append(item)
    return kept


def _renumber(items: list[Any], designations: set[str]) -> None:
    """Give each item the number its place now gives, and no link to a draft left out."""
    nodes: list[Node[str]] = []
    every: list[dict[str, Any]] = []

    def walk(level: list[Any], parent: str | None) -> None:
        for position, item in enumerate(level):
            nodes.append(Node(str(item["id"]), parent, position, bool(item.get("numbered", True))))
            every.append(item)
            walk(item.get("children") or [], str(item["id"]))

    walk(items, None)
    numbers = compute_numbers(nodes)
    for item in every:
        if "number" in item:
            item["number"] = numbers.get(str(item["id"]))
        if item.get("draft") and item["draft"] not in designations:
            del item["draft"]


# --- keeping them --------------------------------------------------------------------------


def dumps(corrections: Sequence[Correction]) -> str:
    """The corrections as the setting keeps them (JSON)."""
    return json.dumps(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "corrections": [
                {
                    "kind": c.kind,
                    "fact": c.fact,
                    "field": c.field,
                    "read": c.read,
                    "value": c.value,
                    "label": c.label,
                    "typed": c.typed,
                }
                for c in corrections
            ],
        },
        ensure_ascii=False,
    )


def loads(text: str, source: str) -> list[Correction]:
    """Read stored corrections strictly; raises :class:`CorrectionError` naming ``source``
    and the entry when anything in them is not as :func:`dumps` writes it."""
    if len(text) > MAX_STORED:
        raise CorrectionError(f"{source}: larger than {MAX_STORED // (1024 * 1024)} MiB")
    try:
        data = meeting_json.load(text, source)
    except meeting_json.ExchangeError as exc:
        raise CorrectionError(str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CorrectionError(f"{source}: not sg20desk's import corrections")
    if data.get("format_version") != FORMAT_VERSION:
        raise CorrectionError(
            f"{source}: version {data.get('format_version')!r} is not supported "
            f"(this reads {FORMAT_VERSION})"
        )
    entries = data.get("corrections")
    if not isinstance(entries, list):
        raise CorrectionError(f"{source}: corrections: expected a list")
    if len(entries) > MAX_CORRECTIONS:
        raise CorrectionError(f"{source}: more than {MAX_CORRECTIONS} corrections")
    out: list[Correction] = []
    seen: set[tuple[str, str, str]] = set()
    for index, entry in enumerate(entries):
        where = f"{source}: corrections[{index}]"
        try:
            correction = _entry(entry)
        except _Bad as exc:
            raise CorrectionError(f"{where}.{exc}") from None
        if correction.key in seen:
            raise CorrectionError(f"{where}: given twice")
        seen.add(correction.key)
        out.append(correction)
    return out


class _Bad(ValueError):
    """One field of a stored correction that is not as written; its message starts with
    the field's name."""


def _entry(entry: Any) -> Correction:
    if not isinstance(entry, dict):
        raise _Bad("entry: expected an object")
    unknown = set(entry) - {"kind", "fact", "field", "read", "value", "label", "typed"}
    if unknown:
        raise _Bad(f"{sorted(unknown)[0]}: not a part of a correction")
    kind, field = entry.get("kind"), entry.get("field")
    if kind not in FIELDS:
        raise _Bad(f"kind: {kind!r} is none of {', '.join(FIELDS)}")
    if field not in FIELDS[kind]:
        raise _Bad(f"field: a {kind} has no correction {field!r}")
    fact = entry.get("fact")
    try:
        uuid.UUID(str(fact))
    except ValueError:
        raise _Bad(f"fact: not an identifier: {fact!r}") from None
    if not isinstance(fact, str):
        raise _Bad(f"fact: not an identifier: {fact!r}")
    label, typed = entry.get("label", ""), entry.get("typed", "")
    for name, text in (("label", label), ("typed", typed)):
        if not isinstance(text, str) or len(text) > 4 * MAX_TEXT:
            raise _Bad(f"{name}: expected a text of at most {4 * MAX_TEXT} characters")
    read, value = entry.get("read"), entry.get("value")
    if field == ADD:
        if read is not None:
            raise _Bad("read: an added deadline was not read from the letter")
        _check_due(value, added=True)
    else:
        if not isinstance(read, dict if field in (OMIT, DAYS, DUE, WHEN) else str):
            raise _Bad("read: not what a letter gives for that field")
        _check_value(field, value)
    return Correction(kind, fact, field, read, value, label, typed)


def _check_value(field: str, value: Any) -> None:
    if field == OMIT:
        if value is not True:
            raise _Bad("value: a fact left out has the value true")
    elif field in (TITLE, PLACE):
        if not isinstance(value, str) or len(value) > MAX_TEXT or (field == TITLE and not value):
            raise _Bad(f"value: expected a {field} of 1 to {MAX_TEXT} characters")
    elif field == ZONE:
        _check_zone(value, "value")
    elif field == DAYS:
        if not isinstance(value, dict) or set(value) != {"first_day", "last_day"}:
            raise _Bad("value: expected first_day and last_day")
        first, last = _day(value["first_day"], "first_day"), _day(value["last_day"], "last_day")
        if last < first:
            raise _Bad("value.last_day: before the first day")
    elif field == DUE:
        _check_due(value, added=False)
    else:
        _check_when(value)


def _check_zone(value: Any, where: str) -> None:
    if not isinstance(value, str):
        raise _Bad(f"{where}: expected a zone name")
    try:
        zone(value)
    except UnknownZoneError as exc:
        raise _Bad(f"{where}: {exc}") from None


def _day(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Bad(f"value.{where}: not a date (YYYY-MM-DD): {value!r}") from None


def _clock(value: Any, where: str) -> datetime:
    try:
        return datetime.strptime(value, WALL_CLOCK)
    except (TypeError, ValueError):
        raise _Bad(f"value.{where}: not a date-time (YYYY-MM-DDTHH:MM): {value!r}") from None


def _check_due(value: Any, *, added: bool) -> None:
    keys = set(DUE_KEYS) | ({"title"} if added else set())
    if not isinstance(value, dict) or set(value) != keys:
        raise _Bad(f"value: expected {', '.join(sorted(keys))}")
    if added and (not isinstance(value["title"], str) or not 0 < len(value["title"]) <= MAX_TEXT):
        raise _Bad(f"value.title: expected a title of 1 to {MAX_TEXT} characters")
    _check_zone(value["timezone"], "value.timezone")
    given = [k for k in ("due_at", "due_date", "rule") if value[k] is not None]
    if len(given) != 1:
        raise _Bad("value: expected one of due_at, due_date or rule")
    if value["due_at"] is not None:
        _clock(value["due_at"], "due_at")
    elif value["due_date"] is not None:
        _day(value["due_date"], "due_date")
    else:
        rule = value["rule"]
        if not isinstance(rule, dict) or set(rule) != {"amount", "unit", "anchor"}:
            raise _Bad("value.rule: expected amount, unit and anchor")
        amount = rule["amount"]
        if not isinstance(amount, int) or isinstance(amount, bool) or not 0 <= amount <= 10_000:
            raise _Bad("value.rule.amount: expected a whole number from 0 to 10000")
        if rule["unit"] not in {u.value for u in Unit}:
            raise _Bad(f"value.rule.unit: {rule['unit']!r} is not a unit")
        anchors = {a.value for a in Anchor} - ({Anchor.SESSION_START.value} if added else set())
        if rule["anchor"] not in anchors:
            raise _Bad(f"value.rule.anchor: {rule['anchor']!r} is not what a rule counts from")


def _check_when(value: Any) -> None:
    if not isinstance(value, dict) or set(value) != set(WHEN_KEYS):
        raise _Bad(f"value: expected {', '.join(WHEN_KEYS)}")
    _check_zone(value["timezone"], "value.timezone")
    if value["start"] is not None:
        start = _clock(value["start"], "start")
        if value["end"] is not None and _clock(value["end"], "end") < start:
            raise _Bad("value.end: before the start")
        if value["first_day"] is not None or value["last_day"] is not None:
            raise _Bad("value: a start time or days, not both")
    elif value["first_day"] is not None:
        if value["end"] is not None:
            raise _Bad("value.end: an end without a start")
        first = _day(value["first_day"], "first_day")
        last = _day(value["last_day"] or value["first_day"], "last_day")
        if last < first:
            raise _Bad("value.last_day: before the first day")
    else:
        raise _Bad("value: expected a start time or a first day")


def stored(text: str | None, source: str) -> tuple[list[Correction], Note | None]:
    """The corrections a setting keeps (none when unset); when they cannot be read, none
    and a note saying so: the import goes on as the letter gives it."""
    if text is None:
        return [], None
    try:
        return loads(text, source), None
    except CorrectionError as exc:
        return [], Note(f"your earlier corrections could not be read and are ignored ({exc})")
