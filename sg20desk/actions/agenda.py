"""Editing a meeting's agenda: every function returns a builder for :meth:`History.do`.

Each builder reads the agenda inside the write transaction, works out every row it must
change (the moved items, the siblings whose positions shift, the documents linked) and
returns them as one named :class:`~sg20desk.actions.history.Step`, so one user action is
one transaction and one undo step. A request that cannot be done (moving an item into its
own branch, indenting the first item) raises :class:`ActionError` and changes nothing.

Numbers follow the tree unless the meeting's numbering is frozen: then moves and inserts
keep the numbers already given, new items are provisional, and :func:`renumber` gives
every item the number its place would give.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    Table,
    and_,
    bindparam,
    exists,
    func,
    select,
)

from sg20desk.actions import queries
from sg20desk.actions.agenda_rows import SIBLING_ORDER
from sg20desk.actions.history import ActionError, Builder, Row, RowChange, Step, changed, rows_of
from sg20desk.db import schema
from sg20desk.rules.documents import (
    DocumentRef,
    DocumentSyntaxError,
    designation_in,
    parse_documents,
)
from sg20desk.rules.numbering import branch, number_of, number_outline, numbers_taken

ITEM = schema.agenda_item
LINK = schema.agenda_item_document
DOCUMENT = schema.document_ref
MEETING = schema.meeting
REVISION = schema.agenda_revision
DRAFT = schema.draft_recommendation
# what placing and numbering an item needs; the rest is read only for the items acted on
_LEVEL_COLUMNS = [
    ITEM.c[name]
    for name in ("id", "version", "parent_id", "position", "numbered", "frozen_number", "title")
]

# The statements an action runs many times are built once, with parameters: building a
# statement costs more than running it on a level of a few items.
_MEETING_ROW = select(MEETING).where(MEETING.c.id == bindparam("meeting"))
_OF_MEETING = ITEM.c.meeting_id == bindparam("meeting")
_TOP = ITEM.c.parent_id.is_(None)
_UNDER = ITEM.c.parent_id == bindparam("parent")


def _items(columns: Iterable[Any], *where: Any) -> Select[Any]:
    return select(*columns).where(_OF_MEETING, *where).order_by(*SIBLING_ORDER)


_LEVEL = {True: _items(_LEVEL_COLUMNS, _TOP), False: _items(_LEVEL_COLUMNS, _UNDER)}
_ONE = _items(_LEVEL_COLUMNS, ITEM.c.id == bindparam("item"))
_CHOSEN = _items(ITEM.c, ITEM.c.id.in_(bindparam("ids", expanding=True)))
_INNER = ITEM.alias("inner")
_HOLDS = exists().where(_INNER.c.parent_id == ITEM.c.id)  # the item has children


def _before(top: bool) -> Any:
    """Siblings before a position, at the top level or under ``parent``."""
    return and_(_OF_MEETING, _TOP if top else _UNDER, ITEM.c.position < bindparam("position"))


_COUNT_BEFORE = {
    top: select(
        func.count().filter(ITEM.c.numbered), func.count().filter(~ITEM.c.numbered, _HOLDS)
    ).where(_before(top))
    for top in (True, False)
}
_LINES_BEFORE = {
    top: select(ITEM.c.id).where(_before(top), ~ITEM.c.numbered, _HOLDS) for top in (True, False)
}


class Where(Enum):
    BEFORE = "before"
    AFTER = "after"
    CHILD = "child"  # as the last child


class _Agenda:
    """The agenda of one meeting as read in the transaction, and the changes staged on it.

    Items are read as the action needs them, a level of siblings at a time: moving 7.3 up
    reads the items under 7 and the top level (to name it "7.3"), not the whole agenda.
    Only the few items an action names are read with every column; levels are read with
    the columns that placing and numbering use.
    """

    def __init__(self, connection: Connection, meeting_id: uuid.UUID) -> None:
        self.connection = connection
        self.meeting_id = meeting_id
        meeting = connection.execute(_MEETING_ROW, {"meeting": meeting_id}).mappings().first()
        if meeting is None:
            raise ActionError("the meeting no longer exists")
        self.meeting: Row = dict(meeting)
        self.items: dict[uuid.UUID, Row] = {}  # the items read so far, as stored
        self._full: set[uuid.UUID] = set()  # those read with every column
        self._stored: dict[uuid.UUID | None, list[uuid.UUID]] = {}  # children as stored
        self._placed: dict[uuid.UUID | None, list[uuid.UUID]] = {}  # children as staged
        self._updates: dict[uuid.UUID, RowChange] = {}
        self._before: list[RowChange] = []  # inserts, run before the updates
        self._after: list[RowChange] = []  # deletes, run after the updates

    # --- reading ----------------------------------------------------------------------

    def _read(self, query: Select[Any], full: bool = False, **parameters: Any) -> list[Row]:
        """Items of this meeting that ``query`` finds, kept (and returned) as stored."""
        out = []
        found_rows = self.connection.execute(query, {"meeting": self.meeting_id, **parameters})
        for found in found_rows.mappings():
            key = found["id"]
            row = self.items.setdefault(key, dict(found))
            if full and key not in self._full:
                row.update(found)
                self._full.add(key)
            out.append(row)
        return out

    def row(self, item_id: uuid.UUID) -> Row:
        if item_id not in self.items:
            self._read(_ONE, item=item_id)
            if item_id not in self.items:
                raise ActionError("an item to change is no longer on this agenda")
        return self.items[item_id]

    def stored_children(self, parent: uuid.UUID | None) -> list[uuid.UUID]:
        """The children of ``parent`` as stored, in order (read on first use)."""
        group = self._stored.get(parent)
        if group is None:
            rows = self._read(_LEVEL[parent is None], parent=parent)
            group = self._stored[parent] = [r["id"] for r in rows]
        return group

    def children(self, parent: uuid.UUID | None) -> list[uuid.UUID]:
        """The children of ``parent`` with the changes staged so far."""
        staged = self._placed.get(parent)
        return staged if staged is not None else self.stored_children(parent)

    def read_branches(self, tops: Sequence[uuid.UUID]) -> None:
        """Read everything under ``tops`` in one query (to delete or copy whole branches)."""
        below = select(ITEM.c.id).where(ITEM.c.parent_id.in_(tops)).cte("below", recursive=True)
        below = below.union_all(select(ITEM.c.id).where(ITEM.c.parent_id == below.c.id))
        found = self._read(_items(_LEVEL_COLUMNS, ITEM.c.id.in_(select(below.c.id))))
        self._know_levels(tops, found)

    def read_all(self) -> None:
        """Read the whole agenda (to freeze or renumber every item)."""
        found = self._read(_items(_LEVEL_COLUMNS))
        self._know_levels([None], found)

    def _know_levels(self, tops: Iterable[uuid.UUID | None], found: list[Row]) -> None:
        """Record the stored children of every item in a fully read part of the tree."""
        levels: dict[uuid.UUID | None, list[uuid.UUID]] = {key: [] for key in tops}
        levels.update((r["id"], []) for r in found)
        for row in found:  # in position order
            parent = row["parent_id"]
            levels[parent if parent in levels else None].append(row["id"])
        for key, group in levels.items():
            self._stored.setdefault(key, group)

    def parent(self, item_id: uuid.UUID) -> uuid.UUID | None:
        parent: uuid.UUID | None = self.row(item_id)["parent_id"]
        return parent

    def ancestors(self, item_id: uuid.UUID) -> list[uuid.UUID]:
        """The item's parent, grandparent ... as stored (a damaged chain stops early)."""
        out: list[uuid.UUID] = []
        parent = self.parent(item_id)
        while parent is not None and parent not in out and parent != item_id:
            out.append(parent)
            try:
                parent = self.parent(parent)
            except ActionError:
                break
        return out

    def number(self, item_id: uuid.UUID) -> str | None:
        """The number the stored tree gives the item (asking the store to count)."""
        return number_of(item_id, self._parent_or_none, self._numbered, self._count_before)

    def _numbered(self, item_id: uuid.UUID) -> bool:
        return bool(self.row(item_id)["numbered"])

    def _count_before(self, parent: uuid.UUID | None, item_id: uuid.UUID) -> int:
        """Numbers taken by the siblings before the item: counted by SQLite, except in the
        rare unnumbered line that holds numbered items, which is read and walked."""
        top = parent is None
        where = {
            "meeting": self.meeting_id,
            "parent": parent,
            "position": self.row(item_id)["position"],
        }
        numbered, lines = self.connection.execute(_COUNT_BEFORE[top], where).one()
        if lines:
            for line in self.connection.scalars(_LINES_BEFORE[top], where):
                numbered += numbers_taken(line, self.stored_children, self._numbered)
        return int(numbered)

    def _parent_or_none(self, item_id: uuid.UUID) -> uuid.UUID | None:
        ancestors = self.ancestors(item_id)
        return ancestors[0] if ancestors else None

    def numbers(self) -> dict[uuid.UUID, str | None]:
        """Every item's number from the stored tree (reads the whole agenda)."""
        self.read_all()
        return number_outline(self.stored_children, lambda k: self.items[k]["numbered"])

    @property
    def frozen(self) -> bool:
        return bool(self.meeting["numbering_frozen"])

    def label(self, item_id: uuid.UUID) -> str:
        """How a step names an item: its number as shown, else its title."""
        row = self.row(item_id)
        number = row["frozen_number"] if self.frozen else self.number(item_id)
        if row["numbered"] and number:
            return str(number)
        title = row["title"]
        return f'"{title[:40]}…"' if len(title) > 40 else f'"{title}"'

    def labels(self, ids: Sequence[uuid.UUID]) -> str:
        return self.label(ids[0]) if len(ids) == 1 else f"{len(ids)} items"

    def require(self, ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
        """The chosen items, read with every column; refused when one has gone."""
        out = list(dict.fromkeys(ids))
        if not out:
            raise ActionError("no agenda item is selected")
        unread = [i for i in out if i not in self._full]
        if unread:
            self._read(_CHOSEN, full=True, ids=unread)
        if any(i not in self._full for i in out):
            raise ActionError("an item to change is no longer on this agenda")
        return out

    def tops(self, ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
        """The chosen items without those inside another chosen branch, in reading order."""
        chosen = set(ids)
        out = [i for i in ids if not chosen.intersection(self.ancestors(i))]
        return sorted(out, key=self.path)

    def path(self, item_id: uuid.UUID) -> list[int]:
        """Positions from the top down to the item: sorting by them gives reading order."""
        chain = [*reversed(self.ancestors(item_id)), item_id]
        return [self.items[k]["position"] for k in chain]

    def branch(self, item_id: uuid.UUID) -> list[uuid.UUID]:
        """The item and everything under it as stored, parents before children."""
        return branch(item_id, self.stored_children)

    # --- staging ----------------------------------------------------------------------

    def set(self, item_id: uuid.UUID, **values: Any) -> None:
        staged = self._updates.get(item_id)
        if staged is not None:
            assert staged.after is not None
            staged.after.update(values)
            return
        change = changed(ITEM, self.items[item_id], **values)
        if change is not None:
            self._updates[item_id] = change

    def place(self, parent: uuid.UUID | None, ordered: Sequence[uuid.UUID]) -> None:
        """Make ``ordered`` the children of ``parent``, positions 0, 1, 2 ..."""
        self._placed[parent] = list(ordered)
        for position, key in enumerate(ordered):
            self.set(key, parent_id=parent, position=position)

    def insert(self, table: Table, row: Row, *, after_removals: bool = False) -> None:
        """Stage a new row: before the updates, or after the removals staged so far (a
        row that replaces a removed one with the same key)."""
        change = RowChange(table, None, row)
        (self._after if after_removals else self._before).append(change)

    def remove(self, table: Table, row: Row) -> None:
        if table is ITEM:
            self._updates.pop(row["id"], None)
        self._after.append(RowChange(table, dict(row), None))

    def update(self, table: Table, row: Row, **values: Any) -> None:
        """Stage a change to a row of another table (the meeting, say), after the items."""
        change = changed(table, row, **values)
        if change is not None:
            self._after.append(change)

    def freeze(self, frozen: bool) -> None:
        """Give every numbered item its number now as its frozen number (or clear them)."""
        numbers = self.numbers()
        for key, row in self.items.items():
            self.set(key, frozen_number=numbers.get(key) if frozen and row["numbered"] else None)
        self.update(MEETING, self.meeting, numbering_frozen=frozen)

    def step(self, name: str, focus: Sequence[uuid.UUID] = ()) -> Step | None:
        updates = [c for c in self._updates.values() if c.before != c.after]
        rows = self._before + updates + self._after
        if not rows:
            return None
        return Step(name, rows, self.meeting_id, list(focus))


def _build(meeting_id: uuid.UUID, work: Callable[[_Agenda], Step | None]) -> Builder:
    def build(connection: Connection) -> Step | None:
        result: Step | None = work(_Agenda(connection, meeting_id))
        return result

    return build


# --- moving ---------------------------------------------------------------------------


def move(
    meeting_id: uuid.UUID, ids: Sequence[uuid.UUID], parent: uuid.UUID | None, row: int
) -> Builder:
    """Move the items (with their branches) to be children of ``parent`` at ``row``.

    ``row`` counts the parent's children as they are now, as a drop between two rows does.
    """

    def work(a: _Agenda) -> Step | None:
        moved = a.tops(a.require(ids))
        if parent is not None:
            try:
                a.row(parent)
            except ActionError:
                raise ActionError("the place to move to is no longer on this agenda") from None
            if parent in moved or set(moved).intersection(a.ancestors(parent)):
                raise ActionError(f"cannot move {a.labels(moved)} into its own branch")
        name = f"Move {a.labels(moved)}"
        target = a.children(parent)
        anchor = next((k for k in target[max(row, 0) :] if k not in moved), None)
        for old_parent in {a.parent(k) for k in moved}:
            a.place(old_parent, [k for k in a.children(old_parent) if k not in moved])
        remaining = [k for k in a.children(parent) if k not in moved]
        at = remaining.index(anchor) if anchor is not None else len(remaining)
        a.place(parent, remaining[:at] + moved + remaining[at:])
        return a.step(name, moved)

    return _build(meeting_id, work)


def _siblings_groups(a: _Agenda, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID | None, list[int]]:
    groups: dict[uuid.UUID | None, list[int]] = {}
    for key in a.tops(a.require(ids)):
        parent = a.parent(key)
        groups.setdefault(parent, []).append(a.children(parent).index(key))
    return groups


def move_up(meeting_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> Builder:
    """Move each chosen item one place up among its siblings."""
    return _shift(meeting_id, ids, -1)


def move_down(meeting_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> Builder:
    """Move each chosen item one place down among its siblings."""
    return _shift(meeting_id, ids, +1)


def _shift(meeting_id: uuid.UUID, ids: Sequence[uuid.UUID], by: int) -> Builder:
    def work(a: _Agenda) -> Step | None:
        tops = a.tops(a.require(ids))
        name = f"Move {a.labels(tops)} {'up' if by < 0 else 'down'}"
        for parent, rows in _siblings_groups(a, ids).items():
            siblings = list(a.children(parent))
            chosen = {siblings[r] for r in rows}
            if by < 0 and min(rows) == 0:
                raise ActionError(f"{a.label(siblings[0])} is already first at its level")
            if by > 0 and max(rows) == len(siblings) - 1:
                raise ActionError(f"{a.label(siblings[-1])} is already last at its level")
            sequence = siblings if by < 0 else list(reversed(siblings))
            for n in range(1, len(sequence)):
                if sequence[n] in chosen and sequence[n - 1] not in chosen:
                    sequence[n - 1], sequence[n] = sequence[n], sequence[n - 1]
            a.place(parent, sequence if by < 0 else list(reversed(sequence)))
        return a.step(name, tops)

    return _build(meeting_id, work)


def indent(meeting_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> Builder:
    """Make each chosen item the last child of the sibling above it."""

    def work(a: _Agenda) -> Step | None:
        tops = a.tops(a.require(ids))
        name = f"Indent {a.labels(tops)}"
        chosen = set(tops)
        for parent, rows in _siblings_groups(a, ids).items():
            siblings = list(a.children(parent))
            if min(rows) == 0:
                raise ActionError(
                    f"{a.label(siblings[0])} has no item above it at its level to go under"
                )
            kept: list[uuid.UUID] = []
            for key in siblings:
                if key in chosen:
                    host = kept[-1]
                    a.place(host, [*a.children(host), key])
                else:
                    kept.append(key)
            a.place(parent, kept)
        return a.step(name, tops)

    return _build(meeting_id, work)


def outdent(meeting_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> Builder:
    """Move each chosen item out of its parent, to just after that parent."""

    def work(a: _Agenda) -> Step | None:
        tops = a.tops(a.require(ids))
        name = f"Outdent {a.labels(tops)}"
        for key in reversed(tops):  # bottom first, so their order stays as it was
            parent = a.parent(key)
            if parent is None:
                raise ActionError(f"{a.label(key)} is already at the top level")
            grand = a.parent(parent)
            a.place(parent, [k for k in a.children(parent) if k != key])
            siblings = [k for k in a.children(grand) if k != key]
            at = siblings.index(parent) + 1
            a.place(grand, [*siblings[:at], key, *siblings[at:]])
        return a.step(name, tops)

    return _build(meeting_id, work)


# --- inserting, editing, deleting -----------------------------------------------------


def insert_item(
    meeting_id: uuid.UUID,
    relative_to: uuid.UUID | None,
    where: Where,
    title: str,
    *,
    numbered: bool = True,
    new_id: uuid.UUID | None = None,
) -> Builder:
    """Add an item before, after or as the last child of ``relative_to`` (None: at the end)."""
    title = " ".join(title.split())
    item_id = new_id or uuid.uuid4()

    def work(a: _Agenda) -> Step | None:
        if not title:
            raise ActionError("an agenda item needs a title")
        if relative_to is None:
            parent, at = None, len(a.children(None))
            name = "Insert item at the end"
        else:
            a.require([relative_to])
            label = a.label(relative_to)
            if where is Where.CHILD:
                parent, at = relative_to, len(a.children(relative_to))
                name = f"Insert item under {label}"
            else:
                parent = a.parent(relative_to)
                at = a.children(parent).index(relative_to) + (where is Where.AFTER)
                name = f"Insert item {where.value} {label}"
        row: Row = {
            "id": item_id,
            "version": 1,
            "meeting_id": meeting_id,
            "parent_id": parent,
            "position": at,
            "title": title,
            "numbered": numbered,
            "frozen_number": None,
            "status": schema.AgendaStatus.PENDING.value,
            "minutes": None,
            "notes": "",
            "draft_id": _draft_for(a, title),
            "event_id": None,
        }
        a.insert(ITEM, row)
        siblings = list(a.children(parent))
        for position, key in enumerate(siblings[at:], start=at + 1):
            a.set(key, position=position)
        return a.step(name, [item_id])

    return _build(meeting_id, work)


def _draft_for(a: _Agenda, title: str) -> uuid.UUID | None:
    designation = designation_in(title)
    if designation is None:
        return None
    found: uuid.UUID | None = a.connection.scalar(
        select(DRAFT.c.id).where(
            DRAFT.c.meeting_id == a.meeting_id, DRAFT.c.designation == designation
        )
    )
    return found


_FIELDS = {
    "title": "title",
    "notes": "notes",
    "minutes": "time",
    "event_id": "session",
    "numbered": "numbering",
    "status": "status",
}


def edit_item(meeting_id: uuid.UUID, item_id: uuid.UUID, **fields: Any) -> Builder:
    """Change fields of one item: title, notes, minutes, event_id, numbered, status."""
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")

    def work(a: _Agenda) -> Step | None:
        a.require([item_id])
        label = a.label(item_id)
        values = dict(fields)
        if "title" in values:
            title = " ".join(str(values["title"]).split())
            if not title:
                raise ActionError("an agenda item needs a title")
            values["title"] = title
            values["draft_id"] = _draft_for(a, title)
        minutes = values.get("minutes")
        if minutes is not None and (not isinstance(minutes, int) or minutes < 0):
            raise ActionError("time allocated must be a whole number of minutes, 0 or more")
        if values.get("status", schema.AgendaStatus.PENDING.value) not in set(schema.AgendaStatus):
            raise ActionError(f"unknown status {values['status']!r}")
        a.set(item_id, **values)
        what = " and ".join(dict.fromkeys(_FIELDS[k] for k in values if k in _FIELDS))
        return a.step(f"Edit {what} of {label}", [item_id])

    return _build(meeting_id, work)


def edit_items(
    meeting_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    name: Callable[[str, Connection], str],
    **fields: Any,
) -> Builder:
    """Set the same ``fields`` on several items in one step.

    ``name`` names the step from the items' labels ("7.3" or "3 items") and may read the
    store (and refuse with :class:`ActionError`).
    """

    def work(a: _Agenda) -> Step | None:
        chosen = a.require(ids)
        for key in chosen:
            a.set(key, **fields)
        return a.step(name(a.labels(sorted(chosen, key=a.path)), a.connection), chosen)

    return _build(meeting_id, work)


def set_documents(meeting_id: uuid.UUID, item_id: uuid.UUID, text: str) -> Builder:
    """Replace the item's documents with those typed in ``text`` (parsed and normalised).

    An unreadable entry is an :class:`ActionError` naming the item and the entry.
    """

    def work(a: _Agenda) -> Step | None:
        a.require([item_id])
        try:
            wanted = parse_documents(text)
        except DocumentSyntaxError as exc:
            raise ActionError(f"Documents of {a.label(item_id)} not changed: {exc}") from None
        existing = {
            _ref_key(r): r
            for r in rows_of(a.connection, DOCUMENT, DOCUMENT.c.meeting_id == meeting_id)
        }
        links = sorted(
            rows_of(a.connection, LINK, LINK.c.agenda_item_id == item_id),
            key=lambda r: r["position"],
        )
        current = [
            next(d for d in existing.values() if d["id"] == ln["document_id"]) for ln in links
        ]
        if [_ref_key(d) for d in current] == [
            (r.kind.value, r.number, r.revision, r.group) for r in wanted
        ]:
            return None
        for link in links:
            a.remove(LINK, link)
        for position, ref in enumerate(wanted):
            doc = existing.get((ref.kind.value, ref.number, ref.revision, ref.group))
            if doc is None:
                doc = _document_row(meeting_id, ref)
                existing[_ref_key(doc)] = doc
                a.insert(DOCUMENT, doc)
            link = {"agenda_item_id": item_id, "document_id": doc["id"], "position": position}
            a.insert(LINK, link, after_removals=True)
        return a.step(f"Edit documents of {a.label(item_id)}", [item_id])

    return _build(meeting_id, work)


def _ref_key(row: Row) -> tuple[str, str, int | None, str]:
    return (row["kind"], row["number"], row["revision"], row["group"])


def _document_row(meeting_id: uuid.UUID, ref: DocumentRef) -> Row:
    return {
        "id": uuid.uuid4(),
        "version": 1,
        "meeting_id": meeting_id,
        "kind": ref.kind.value,
        "number": ref.number,
        "revision": ref.revision,
        "group": ref.group,
        "title": "",
    }


def delete_items(meeting_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> Builder:
    """Delete the chosen items with everything under them."""

    def work(a: _Agenda) -> Step | None:
        tops = a.tops(a.require(ids))
        a.read_branches(tops)
        doomed = [k for top in tops for k in a.branch(top)]
        below = len(doomed) - len(tops)
        name = f"Delete {a.labels(tops)}" + (f" and {below} sub-items" if below else "")
        for parent in {a.parent(k) for k in tops}:
            a.place(parent, [k for k in a.children(parent) if k not in tops])
        gone = set(doomed)
        for link in rows_of(a.connection, LINK, LINK.c.agenda_item_id.in_(gone)):
            a.remove(LINK, link)
        a.require(doomed)  # every column, to put them back on undo
        for key in reversed(doomed):  # children before parents
            a.remove(ITEM, a.items[key])
        return a.step(name)

    return _build(meeting_id, work)


def count_below(connection: Connection, ids: Sequence[uuid.UUID]) -> int:
    """How many items lie under the given ones (to ask before deleting a branch)."""
    total, frontier = 0, list(ids)
    while frontier:
        found = list(connection.scalars(select(ITEM.c.id).where(ITEM.c.parent_id.in_(frontier))))
        total += len(found)
        frontier = found
    return total


# --- numbering ------------------------------------------------------------------------


def set_frozen(meeting_id: uuid.UUID, frozen: bool) -> Builder:
    """Freeze numbering at the numbers the tree gives now, or let it follow the tree again."""

    def work(a: _Agenda) -> Step | None:
        if a.frozen == frozen:
            return None
        a.freeze(frozen)
        return a.step("Freeze numbering" if frozen else "Let numbering follow the tree")

    return _build(meeting_id, work)


def renumber_plan(
    connection: Connection, meeting_id: uuid.UUID
) -> list[tuple[uuid.UUID, str, str]]:
    """What :func:`renumber` would do: (item, number as shown now, number after), changes only.

    A provisional item's number now is ``new``.
    """
    return [
        (row.id, row.label, row.computed_number)
        for row in queries.agenda(connection, meeting_id)
        if row.numbered and row.computed_number and row.label != row.computed_number
    ]


def renumber(meeting_id: uuid.UUID) -> Builder:
    """Give every numbered item the number its place in the tree gives (numbering stays frozen)."""

    def work(a: _Agenda) -> Step | None:
        if not a.frozen:
            raise ActionError("numbering already follows the tree; there is nothing to renumber")
        count = 0
        numbers = a.numbers()
        for key, row in a.items.items():
            target = numbers.get(key) if row["numbered"] else None
            if row["frozen_number"] != target:
                count += 1
                a.set(key, frozen_number=target)
        return a.step(f"Renumber ({count} {'item' if count == 1 else 'items'})")

    return _build(meeting_id, work)


# --- revisions ------------------------------------------------------------------------


def next_revision_label(connection: Connection, meeting_id: uuid.UUID) -> str:
    """``Draft`` for the first revision issued, then ``Rev.1``, ``Rev.2`` ..."""
    count = connection.scalar(
        select(func.count()).select_from(REVISION).where(REVISION.c.meeting_id == meeting_id)
    )
    return "Draft" if not count else f"Rev.{count}"


def issue_revision(
    meeting_id: uuid.UUID,
    label: str,
    issued_on: date,
    issued_at: datetime,
    snapshot: list[dict[str, Any]],
    *,
    freeze: bool = False,
    notes: str = "",
) -> Builder:
    """Store the agenda as issued under ``label`` (and freeze its numbering if asked)."""
    label = " ".join(label.split())

    def work(a: _Agenda) -> Step | None:
        if not label:
            raise ActionError("a revision needs a label, such as Rev.1")
        taken = a.connection.scalar(
            select(REVISION.c.id).where(
                REVISION.c.meeting_id == meeting_id, REVISION.c.label == label
            )
        )
        if taken is not None:
            raise ActionError(f"this meeting already has a revision called {label}")
        if freeze and not a.frozen:
            a.freeze(True)
        a.insert(
            REVISION,
            {
                "id": uuid.uuid4(),
                "version": 1,
                "meeting_id": meeting_id,
                "label": label,
                "issued_on": issued_on,
                "issued_at": issued_at,
                "snapshot": json.dumps(snapshot, ensure_ascii=False),
                "notes": notes,
            },
        )
        return a.step(f"Issue {label}")

    return _build(meeting_id, work)
