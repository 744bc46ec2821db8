"""The agenda as a tree model: No. / Item / Documents / Renumbered.

Nodes are addressed by integer internal ids (never Python pointers), so indexes stay
valid however Qt copies them.

The model never writes to the store itself. Edits typed in place and rows dropped by drag
and drop are handed on as signals; the section turns them into undoable actions and the
model is refilled from the store afterwards.

Signals:
    editRequested(str, int, str): item id, column (TITLE or DOCUMENTS), text typed.
    moveRequested(list, str, int): item ids, new parent id ("" for the top level), row.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont

from sg20desk.actions.queries import AgendaRow
from sg20desk.ui.models.base import ID_ROLE, HeaderedTreeModel

Index = QModelIndex | QPersistentModelIndex
ROOT = 0

COLUMNS = ("No.", "Item", "Documents", "Renumbered")
NUMBER, TITLE, DOCUMENTS, RENUMBERED = range(4)
MIME_TYPE = "application/x-sg20desk-agenda-items"


class AgendaModel(HeaderedTreeModel):
    editRequested = Signal(str, int, str)
    moveRequested = Signal(list, str, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self._rows: list[AgendaRow] = []
        self._children: dict[int, list[int]] = {ROOT: []}
        self._parent: dict[int, int] = {}
        self._row_in_parent: dict[int, int] = {}
        self._key_of: dict[uuid.UUID, int] = {}

    # --- loading -------------------------------------------------------------------------

    def set_rows(self, rows: list[AgendaRow]) -> None:
        """Rows in depth-first order, as ``queries.agenda`` returns them."""
        self.beginResetModel()
        self._rows = list(rows)
        self._children = {ROOT: []}
        self._parent = {}
        self._row_in_parent = {}
        self._key_of = key_of = {}
        for offset, row in enumerate(self._rows):
            key = offset + 1
            key_of[row.id] = key
            parent_key = key_of.get(row.parent_id, ROOT) if row.parent_id else ROOT
            siblings = self._children.setdefault(parent_key, [])
            self._parent[key] = parent_key
            self._row_in_parent[key] = len(siblings)
            siblings.append(key)
            self._children.setdefault(key, [])
        self.endResetModel()

    def index_of(self, item_id: uuid.UUID, column: int = 0) -> QModelIndex:
        key = self._key_of.get(item_id)
        if key is None:
            return QModelIndex()
        return self.createIndex(self._row_in_parent[key], column, key)

    def rows(self) -> list[AgendaRow]:
        return list(self._rows)

    def row_for(self, index: Index) -> AgendaRow | None:
        if not index.isValid():
            return None
        return self._rows[index.internalId() - 1]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_key = parent.internalId() if parent.isValid() else ROOT
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        siblings = self._children.get(parent_key, [])
        if not (0 <= row < len(siblings) and 0 <= column < len(self.headers)):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_key = self._parent.get(index.internalId(), ROOT)
        if parent_key == ROOT:
            return QModelIndex()
        return self.createIndex(self._row_in_parent[parent_key], 0, parent_key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        key = parent.internalId() if parent.isValid() else ROOT
        return len(self._children.get(key, []))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_for(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER:
                return row.label
            if column == TITLE:
                return row.title
            if column == DOCUMENTS:
                return ", ".join(row.documents)
            if column == RENUMBERED and row.numbered and row.computed_number != row.label:
                return row.computed_number
        if role == Qt.ItemDataRole.EditRole:
            if column == TITLE:
                return row.title
            if column == DOCUMENTS:
                return ", ".join(row.documents)
        if role == Qt.ItemDataRole.FontRole and column == NUMBER and row.provisional:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TITLE:
                extra = f"\nDraft: {row.draft_designation}" if row.draft_designation else ""
                return row.title + extra
            if column == NUMBER and not row.numbered:
                return "Unnumbered line"
            if column == NUMBER and row.provisional:
                return (
                    f"Added since numbering was frozen; renumbering makes it {row.computed_number}"
                )
            if column == DOCUMENTS:
                return "Contributions and TDs, e.g. C 005, TD414 Rev.1 (F2 to edit)"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == TITLE:
            label = row.number if row.numbered else "unnumbered line"
            return f"{label}: {row.title}"
        if role == ID_ROLE:
            return str(row.id)
        return None

    # --- editing and drag and drop ----------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )
        if index.column() in (TITLE, DOCUMENTS):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_for(index)
        if row is None or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() not in (TITLE, DOCUMENTS):
            return False
        self.editRequested.emit(str(row.id), index.column(), str(value))
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
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
        """Ask for the move, after the view has finished its drop (the model is then
        refilled); return False so the view removes nothing itself."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = bytes(data.data(MIME_TYPE).data()).decode("ascii").split()
        target = self.row_for(parent)
        parent_id = str(target.id) if target is not None else ""
        if row < 0:  # dropped onto an item: it becomes the item's last child
            row = self.rowCount(parent.siblingAtColumn(0) if parent.isValid() else QModelIndex())
        QTimer.singleShot(0, lambda: self.moveRequested.emit(ids, parent_id, row))
        return False
