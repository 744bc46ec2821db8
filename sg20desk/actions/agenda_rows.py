"""The agenda as screens and the command line read it, whole or as a patch after a step.

An :class:`AgendaEntry` is one item as stored, with its documents and linked draft. An
:class:`AgendaRow` adds what the tree gives it: depth and numbers. :func:`agenda` reads a
whole agenda as rows; :func:`agenda_patch` reads only what one undo step changed (the items
it touched and the order of the levels it rearranged) so a window can bring its tree up to
date without reading, numbering and redrawing two thousand items.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, literal_column, select

from sg20desk.db import schema
from sg20desk.rules.documents import format_document
from sg20desk.rules.numbering import Node, compute_numbers, walk

if TYPE_CHECKING:  # the window reads agendas long before it first writes
    from sg20desk.actions.history import RowChange

MEETING = schema.meeting
ITEM = schema.agenda_item
LINK = schema.agenda_item_document
DOCUMENT = schema.document_ref
DRAFT = schema.draft_recommendation
REVISION = schema.agenda_revision
#: siblings in order; ties in position (never written by the program) keep the order of entry
SIBLING_ORDER: tuple[ColumnElement[Any], ...] = (
    ITEM.c.position,
    literal_column("agenda_item.rowid"),
)

_AGENDA_TABLES = frozenset(t.name for t in (ITEM, LINK, DOCUMENT, REVISION))
_FREEZING = frozenset({"numbering_frozen", "version"})


def agenda_only(changes: Iterable[RowChange]) -> bool:
    """Whether a step changed the agenda and nothing else (freezing its numbers counts)."""
    for change in changes:
        name = change.table.name
        if name == MEETING.name:
            before, after = change.before or {}, change.after or {}
            if not before or not after:
                return False
            if any(before.get(k) != after.get(k) for k in (set(before) | set(after)) - _FREEZING):
                return False
        elif name not in _AGENDA_TABLES:
            return False
    return True


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One agenda item as stored, with its documents (as printed) and linked draft."""

    id: uuid.UUID
    parent_id: uuid.UUID | None
    position: int
    numbered: bool
    frozen_number: str | None
    title: str
    documents: tuple[str, ...]
    draft_designation: str | None
    minutes: int | None
    status: str
    notes: str
    event_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class AgendaRow(AgendaEntry):
    """An entry as shown: where it stands in the tree and the numbers it has."""

    depth: int
    number: str | None  # shown: the frozen number if frozen, else the computed one
    computed_number: str | None  # what the tree gives (and a renumbering would give)
    provisional: bool  # numbering is frozen and this item was added since: no number yet

    @property
    def label(self) -> str:
        """The number column as printed: ``7.3``, ``new`` (provisional) or ``–`` (a line)."""
        if not self.numbered:
            return "–"
        return "new" if self.provisional else (self.number or "")

    def snapshot(self) -> dict[str, Any]:
        """The entry an issued revision stores (see :mod:`sg20desk.rules.agenda_diff`)."""
        return {
            "id": str(self.id),
            "parent": str(self.parent_id) if self.parent_id else None,
            "number": self.number if self.numbered and not self.provisional else None,
            "numbered": self.numbered,
            "title": self.title,
            "documents": list(self.documents),
            "draft": self.draft_designation,
            "minutes": self.minutes,
        }


def agenda_row(entry: AgendaEntry, depth: int, computed: str | None, frozen: bool) -> AgendaRow:
    """The row shown for ``entry`` at ``depth`` with the number the tree gives it."""
    return AgendaRow(
        **{f.name: getattr(entry, f.name) for f in fields(AgendaEntry)},
        depth=depth,
        number=entry.frozen_number if frozen and entry.numbered else computed,
        computed_number=computed,
        provisional=frozen and entry.numbered and entry.frozen_number is None,
    )


_ENTRY_COLUMNS = [
    ITEM.c[name]
    for name in (
        "id",
        "parent_id",
        "position",
        "numbered",
        "frozen_number",
        "title",
        "draft_id",
        "minutes",
        "status",
        "notes",
        "event_id",
    )
]


@cache
def _statements() -> _Statements:
    """The statements reading an agenda, built once on first use (not at start-up)."""
    all_items = (
        select(*_ENTRY_COLUMNS)
        .where(ITEM.c.meeting_id == bindparam("meeting"))
        .order_by(*SIBLING_ORDER)
    )
    some_items = all_items.where(ITEM.c.id.in_(bindparam("ids", expanding=True)))
    documents = (
        select(LINK.c.agenda_item_id, DOCUMENT.c.kind, DOCUMENT.c.number, DOCUMENT.c.revision)
        .add_columns(DOCUMENT.c.group)
        .join(DOCUMENT, DOCUMENT.c.id == LINK.c.document_id)
        .join(ITEM, ITEM.c.id == LINK.c.agenda_item_id)
        .where(ITEM.c.meeting_id == bindparam("meeting"))
        .order_by(LINK.c.position)
    )
    some_documents = documents.where(LINK.c.agenda_item_id.in_(bindparam("ids", expanding=True)))
    drafts = select(DRAFT.c.id, DRAFT.c.designation).where(
        DRAFT.c.meeting_id == bindparam("meeting")
    )
    frozen = select(MEETING.c.numbering_frozen).where(MEETING.c.id == bindparam("meeting"))
    level = {
        top: select(ITEM.c.id)
        .where(
            ITEM.c.meeting_id == bindparam("meeting"),
            ITEM.c.parent_id.is_(None) if top else ITEM.c.parent_id == bindparam("parent"),
        )
        .order_by(*SIBLING_ORDER)
        for top in (True, False)
    }
    return _Statements(all_items, some_items, documents, some_documents, drafts, frozen, level)


@dataclass(frozen=True, slots=True)
class _Statements:
    all_items: Select[Any]
    some_items: Select[Any]
    documents: Select[Any]
    some_documents: Select[Any]
    drafts: Select[Any]
    frozen: Select[Any]
    level: dict[bool, Select[Any]]


def agenda_entries(
    connection: Connection, meeting_id: uuid.UUID, ids: Collection[uuid.UUID] | None = None
) -> list[AgendaEntry]:
    """The meeting's items (or those of ``ids`` still there), siblings in their order."""
    where: dict[str, Any] = {"meeting": meeting_id}
    if ids is not None:
        if not ids:
            return []
        where["ids"] = list(ids)
    documents: dict[uuid.UUID, list[str]] = {}
    statements = _statements()
    doc_query = statements.documents if ids is None else statements.some_documents
    for item_id, kind, number, revision, group in connection.execute(doc_query, where):
        documents.setdefault(item_id, []).append(format_document(kind, number, revision, group))
    item_query = statements.all_items if ids is None else statements.some_items
    items = connection.execute(item_query, where).all()
    drafts: dict[uuid.UUID, str] = {}
    if any(item.draft_id for item in items):
        drafts = {
            row.id: row.designation
            for row in connection.execute(statements.drafts, {"meeting": meeting_id})
        }
    return [
        AgendaEntry(
            id=item.id,
            parent_id=item.parent_id,
            position=item.position,
            numbered=item.numbered,
            frozen_number=item.frozen_number,
            title=item.title,
            documents=tuple(documents.get(item.id, ())),
            draft_designation=drafts.get(item.draft_id) if item.draft_id else None,
            minutes=item.minutes,
            status=item.status,
            notes=item.notes,
            event_id=item.event_id,
        )
        for item in items
    ]


def numbering_frozen(connection: Connection, meeting_id: uuid.UUID) -> bool:
    return bool(connection.scalar(_statements().frozen, {"meeting": meeting_id}))


def agenda_rows(entries: Sequence[AgendaEntry], frozen: bool) -> list[AgendaRow]:
    """Entries as rows, depth first, numbered from the tree."""
    by_id = {entry.id: entry for entry in entries}
    nodes = [Node(e.id, e.parent_id, e.position, e.numbered) for e in entries]
    numbers = compute_numbers(nodes)
    return [
        agenda_row(by_id[node.key], depth, numbers[node.key], frozen) for node, depth in walk(nodes)
    ]


def agenda(connection: Connection, meeting_id: uuid.UUID) -> list[AgendaRow]:
    """The agenda of a meeting, depth first, numbered from the tree."""
    entries = agenda_entries(connection, meeting_id)
    return agenda_rows(entries, numbering_frozen(connection, meeting_id))


@dataclass(frozen=True, slots=True)
class AgendaPatch:
    """What one step changed in an agenda, read after it was written.

    ``entries`` holds the touched items still there, as stored now; ``removed`` those no
    longer there; ``children`` the order now of every level whose members changed (the top
    level under ``None``). Numbers are left to the reader, which knows the rest of the tree.
    """

    frozen: bool
    entries: dict[uuid.UUID, AgendaEntry]
    removed: frozenset[uuid.UUID]
    children: dict[uuid.UUID | None, list[uuid.UUID]]


def agenda_patch(
    connection: Connection, meeting_id: uuid.UUID, changes: Iterable[RowChange]
) -> AgendaPatch | None:
    """The patch for a step's ``changes``; None when they reach beyond the agenda."""
    changes = list(changes)
    if not agenda_only(changes):
        return None
    touched: set[uuid.UUID] = set()
    levels: set[uuid.UUID | None] = set()
    for change in changes:
        name = change.table.name
        if name == LINK.name:
            row = change.after if change.after is not None else change.before
            assert row is not None
            touched.add(row["agenda_item_id"])
        elif name == ITEM.name:
            before, after = change.before or {}, change.after or {}
            touched.add((after or before)["id"])
            placed = ("parent_id", "position")
            if not before or not after or any(before.get(k) != after.get(k) for k in placed):
                levels.update(row["parent_id"] for row in (before, after) if "parent_id" in row)
    entries = {e.id: e for e in agenda_entries(connection, meeting_id, touched)}
    removed = frozenset(touched - set(entries))
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for parent in levels:
        if parent in removed:
            continue
        query = _statements().level[parent is None]
        found = connection.scalars(query, {"meeting": meeting_id, "parent": parent})
        children[parent] = list(found)
    return AgendaPatch(numbering_frozen(connection, meeting_id), entries, removed, children)
