"""The agenda as a tree model: No. / Item / Documents / Renumbered.

The model is a QStandardItemModel, so the tree view lays out and paints two thousand items
from C++ without calling Python for each one. It is filled once from the store
(:meth:`AgendaModel.load`) and afterwards patched with what each step changed
(:meth:`AgendaModel.apply`): moved rows are taken and put back in their new places, touched
items are redrawn, and only the levels whose numbers can have changed are renumbered.

The model never writes to the store itself. Edits typed in place and rows dropped by drag
and drop are handed on as signals; the section turns them into undoable actions.

Signals:
    editRequested(str, int, str): item id, column (TITLE, DOCUMENTS or MINUTES), text typed.
    moveRequested(list, str, int): item ids, new parent id ("" for the top level), row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from sg20desk.actions.agenda_rows import AgendaEntry, AgendaPatch, AgendaRow, agenda_row
from sg20desk.rules.numbering import branch, number_outline
from sg20desk.ui.models.base import ID_ROLE

Index = QModelIndex | QPersistentModelIndex
Key = uuid.UUID | None  # an item, or None for the top level

COLUMNS = ("No.", "Item", "Documents", "Min.", "Starts", "Renumbered")
NUMBER, TITLE, DOCUMENTS, MINUTES, STARTS, RENUMBERED = range(6)
EDITABLE = (TITLE, DOCUMENTS, MINUTES)
MIME_TYPE = "application/x-sg20desk-agenda-items"

_ROLE = Qt.ItemDataRole
_BASE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
)
_FLAGS = [
    _BASE_FLAGS | Qt.ItemFlag.ItemIsEditable if column in EDITABLE else _BASE_FLAGS
    for column in range(len(COLUMNS))
]
_TIPS = {
    DOCUMENTS: "Contributions and TDs, e.g. C 005, TD414 Rev.1 (F2 to edit)",
    MINUTES: "Minutes allocated, e.g. 20 or 1:30; they cover the item's sub-items",
}
LATE = QColor("#a40000")  # an item planned past its session's end


@dataclass(frozen=True, slots=True)
class Start:
    """What the Starts column shows for an item in a session."""

    text: str  # 16:05
    tip: str  # SG20 opening plenary, 16:05-16:25 CEST
    late: bool  # planned past the session's end


@dataclass(frozen=True, slots=True)
class Patched:
    """What :meth:`AgendaModel.apply` did."""

    placed: list[uuid.UUID]  # rows put in a new place: a view shows them collapsed
    redrawn: set[uuid.UUID]  # rows whose texts were rewritten (numbers, titles ...)


class AgendaModel(QStandardItemModel):
    editRequested = Signal(str, int, str)
    moveRequested = Signal(list, str, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.frozen = False
        self._entries: dict[uuid.UUID, AgendaEntry] = {}
        self._numbers: dict[uuid.UUID, str | None] = {}
        self._children: dict[Key, list[uuid.UUID]] = {None: []}
        self._parent: dict[uuid.UUID, Key] = {}
        self._cells: dict[uuid.UUID, list[QStandardItem]] = {}
        self._starts: dict[uuid.UUID, Start] = {}
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- filling and patching ---------------------------------------------------------

    def load(self, entries: Iterable[AgendaEntry], frozen: bool) -> None:
        """Show a whole agenda (entries as ``agenda_entries`` reads them)."""
        self.setRowCount(0)
        self.frozen = frozen
        self._entries = {e.id: e for e in entries}
        self._children = {None: []}
        self._parent = {}
        self._cells = {}
        self._starts = {}
        for entry in self._entries.values():  # siblings come in their order
            parent = entry.parent_id if entry.parent_id in self._entries else None
            self._children.setdefault(parent, []).append(entry.id)
        self._numbers = number_outline(self._children_of, self._is_numbered)
        # build every branch away from the model, then hand each top-level row over once
        pending = [(key, None) for key in reversed(self._children[None])]
        tops: list[list[QStandardItem]] = []
        while pending:
            key, parent = pending.pop()
            if key in self._cells:  # a cycle in damaged data: show each item once
                continue
            cells = self._make_cells(key)
            self._paint(key)
            self._parent[key] = parent
            if parent is None:
                tops.append(cells)
            else:
                self._cells[parent][0].appendRow(cells)
            pending.extend((child, key) for child in reversed(self._children.get(key, [])))
        self._children[None] = [k for k in self._children[None] if k in self._cells]
        for row, cells in enumerate(tops):
            self.insertRow(row, cells)

    def apply(self, patch: AgendaPatch) -> Patched | None:
        """Bring the tree up to date with one step.

        Returns None when the patch needs a full :meth:`load` instead: numbering was frozen
        or let go (every number shown changes), or the levels did not add up.
        """
        if patch.frozen != self.frozen:
            return None
        for key in patch.removed:
            if key in self._parent:
                self._remove(key)
        for key in patch.entries:
            if key not in self._cells:
                self._make_cells(key)
        placed = self._place_levels(patch.children)
        if placed is None:
            return None
        renumber_under: set[Key] = set(patch.children)
        for key, entry in patch.entries.items():
            old = self._entries.get(key)
            self._entries[key] = entry
            if old is None or old.numbered != entry.numbered:
                renumber_under.add(self._parent.get(key))
        redrawn = {
            k for k in self._renumber(renumber_under) | set(patch.entries) if k in self._cells
        }
        for key in redrawn:
            self._paint(key)
        return Patched(placed, redrawn)

    def _place_levels(self, levels: dict[Key, list[uuid.UUID]]) -> list[uuid.UUID] | None:
        """Give each level its new order, moving rows between levels as needed."""
        placed: list[uuid.UUID] = []
        pending = dict(levels)
        while pending:
            ready = [p for p in pending if p is None or self._attached(p)]
            if not ready:
                return None
            for parent in ready:
                order = pending.pop(parent)
                current = self._children.setdefault(parent, [])
                for at, key in enumerate(order):
                    if at < len(current) and current[at] == key:
                        continue
                    cells = self._take(key)
                    self._container(parent).insertRow(at, cells)
                    current.insert(at, key)
                    self._parent[key] = parent
                    placed.append(key)
        if any(self._children.get(p, []) != order for p, order in levels.items()):
            return None
        return placed

    def _attached(self, key: uuid.UUID) -> bool:
        seen = set()
        parent: Key = key
        while parent is not None:
            if parent in seen or parent not in self._parent:
                return False
            seen.add(parent)
            parent = self._parent[parent]
        return True

    def _container(self, parent: Key) -> QStandardItem:
        return self.invisibleRootItem() if parent is None else self._cells[parent][0]

    def _take(self, key: uuid.UUID) -> list[QStandardItem]:
        """Take an item's row (with its branch) out of its level, or a new item's cells."""
        if key not in self._parent:
            return self._cells[key]
        parent = self._parent.pop(key)
        siblings = self._children[parent]
        row = siblings.index(key)
        del siblings[row]
        taken: list[QStandardItem] = self._container(parent).takeRow(row)
        return taken

    def _remove(self, key: uuid.UUID) -> None:
        parent = self._parent[key]
        siblings = self._children[parent]
        row = siblings.index(key)
        del siblings[row]
        self._container(parent).removeRow(row)
        for gone in branch(key, self._children_of):
            self._children.pop(gone, None)
            self._parent.pop(gone, None)
            self._cells.pop(gone, None)
            self._entries.pop(gone, None)
            self._numbers.pop(gone, None)
            self._starts.pop(gone, None)

    def _renumber(self, levels: set[Key]) -> set[uuid.UUID]:
        """Renumber below each level's numbering owner; return the items whose number moved."""
        owners: set[Key] = set()
        for level in levels:
            owner = level
            while owner is not None and not self._is_numbered(owner):
                owner = self._parent.get(owner)
            owners.add(owner)
        if None in owners:
            owners = {None}
        changed: set[uuid.UUID] = set()
        for owner in owners:
            prefix = self._numbers.get(owner) if owner is not None else None
            for key, number in number_outline(
                self._children_of, self._is_numbered, owner, prefix
            ).items():
                if self._numbers.get(key) != number:
                    self._numbers[key] = number
                    changed.add(key)
        return changed

    def set_starts(self, starts: dict[uuid.UUID, Start]) -> None:
        """Show when items start in their sessions (only the cells that change)."""
        for key in set(self._starts) | set(starts):
            value = starts.get(key)
            if self._starts.get(key) == value or key not in self._cells:
                continue
            cell = self._cells[key][STARTS]
            cell.setData(value.text if value else None, _ROLE.DisplayRole)
            cell.setData(value.tip if value else None, _ROLE.ToolTipRole)
            late = QBrush(LATE) if value is not None and value.late else None
            cell.setData(late, _ROLE.ForegroundRole)
        self._starts = {k: v for k, v in starts.items() if k in self._cells}

    def scheduled(self) -> bool:
        """Whether any item has a session of its own (a timetable is worth planning)."""
        return any(entry.event_id is not None for entry in self._entries.values())

    def _children_of(self, key: Key) -> list[uuid.UUID]:
        return self._children.get(key, [])

    def _is_numbered(self, key: uuid.UUID) -> bool:
        return self._entries[key].numbered

    # --- cells ------------------------------------------------------------------------

    def _make_cells(self, key: uuid.UUID) -> list[QStandardItem]:
        """An item's blank cells (the caller paints them once its entry and number are in)."""
        cells = [QStandardItem() for _ in COLUMNS]
        for column, cell in enumerate(cells):
            cell.setFlags(_FLAGS[column])
            cell.setData(str(key), ID_ROLE)
        for column, tip in _TIPS.items():
            cells[column].setToolTip(tip)
        self._cells[key] = cells
        return cells

    def _paint(self, key: uuid.UUID) -> None:
        """Write the item's texts into its cells (Qt ignores values that did not change)."""
        row = self._row(key, depth=0)
        number, title, documents, minutes, _starts, renumbered = self._cells[key]
        number.setText(row.label)
        number.setData(self._italic if row.provisional else None, _ROLE.FontRole)
        if not row.numbered:
            number.setToolTip("Unnumbered line")
        elif row.provisional:
            number.setToolTip(
                f"Added since numbering was frozen; renumbering makes it {row.computed_number}"
            )
        else:
            number.setData(None, _ROLE.ToolTipRole)
        title.setText(row.title)
        draft = f"\nDraft: {row.draft_designation}" if row.draft_designation else ""
        title.setToolTip(row.title + draft)
        spoken = row.number if row.numbered else "unnumbered line"
        title.setData(f"{spoken}: {row.title}", _ROLE.AccessibleTextRole)
        documents.setText(", ".join(row.documents))
        minutes.setData(None if row.minutes is None else str(row.minutes), _ROLE.DisplayRole)
        moved = row.numbered and row.computed_number != row.label
        renumbered.setData(row.computed_number if moved else None, _ROLE.DisplayRole)

    # --- reading ----------------------------------------------------------------------

    def _row(self, key: uuid.UUID, depth: int | None = None) -> AgendaRow:
        depth = self.depth_of(key) if depth is None else depth
        return agenda_row(self._entries[key], depth, self._numbers.get(key), self.frozen)

    def depth_of(self, item_id: uuid.UUID) -> int:
        """0 for a top-level item, 1 for its children ..."""
        depth, parent = 0, self._parent.get(item_id)
        while parent is not None and depth <= len(self._parent):
            depth, parent = depth + 1, self._parent.get(parent)
        return depth

    def rows(self) -> list[AgendaRow]:
        """Every row in reading order, with its depth."""
        out: list[AgendaRow] = []
        stack = [(key, 0) for key in reversed(self._children[None])]
        while stack:
            key, depth = stack.pop()
            out.append(self._row(key, depth))
            stack.extend((child, depth + 1) for child in reversed(self._children_of(key)))
        return out

    def row_by_id(self, item_id: uuid.UUID) -> AgendaRow | None:
        return self._row(item_id) if item_id in self._cells else None

    def row_for(self, index: Index) -> AgendaRow | None:
        key = index.data(ID_ROLE) if index.isValid() else None
        return self.row_by_id(uuid.UUID(key)) if key else None

    def index_of(self, item_id: uuid.UUID, column: int = 0) -> QModelIndex:
        cells = self._cells.get(item_id)
        return cells[column].index() if cells is not None else QModelIndex()

    # --- editing and drag and drop ----------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = _ROLE.EditRole) -> bool:
        """An edit typed in place: ask for it (the step's patch then shows it)."""
        row = self.row_for(index)
        if row is None or role != _ROLE.EditRole or index.column() not in EDITABLE:
            return False
        self.editRequested.emit(str(row.id), index.column(), str(value))
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids = dict.fromkeys(str(r.id) for i in indexes if (r := self.row_for(i)) is not None)
        data = QMimeData()
        data.setData(MIME_TYPE, "\n".join(ids).encode("ascii"))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask for the move, after the view has finished its drop (the step's patch then
        moves the rows); return False so the view removes nothing itself."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = bytes(data.data(MIME_TYPE).data()).decode("ascii").split()
        target = self.row_for(parent)
        parent_id = str(target.id) if target is not None else ""
        if row < 0:  # dropped onto an item: it becomes the item's last child
            row = len(self._children_of(target.id if target is not None else None))
        QTimer.singleShot(0, lambda: self.moveRequested.emit(ids, parent_id, row))
        return False
