"""The agenda as a tree model: No. / Item / Documents.

Nodes are addressed by integer internal ids (never Python pointers), so indexes stay
valid however Qt copies them.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from sg20desk.actions.queries import AgendaRow
from sg20desk.ui.models.base import ID_ROLE, HeaderedTreeModel

Index = QModelIndex | QPersistentModelIndex
ROOT = 0

COLUMNS = ("No.", "Item", "Documents")
NUMBER, TITLE, DOCUMENTS = range(3)


class AgendaModel(HeaderedTreeModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self._rows: list[AgendaRow] = []
        self._children: dict[int, list[int]] = {ROOT: []}
        self._parent: dict[int, int] = {}
        self._row_in_parent: dict[int, int] = {}

    # --- loading -------------------------------------------------------------------------

    def set_rows(self, rows: list[AgendaRow]) -> None:
        """Rows in depth-first order, as ``queries.agenda`` returns them."""
        self.beginResetModel()
        self._rows = list(rows)
        self._children = {ROOT: []}
        self._parent = {}
        self._row_in_parent = {}
        key_of: dict[uuid.UUID, int] = {}
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
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TITLE:
                extra = f"\nDraft: {row.draft_designation}" if row.draft_designation else ""
                return row.title + extra
            if column == NUMBER and not row.numbered:
                return "Unnumbered line"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == TITLE:
            label = row.number if row.numbered else "unnumbered line"
            return f"{label}: {row.title}"
        if role == ID_ROLE:
            return str(row.id)
        return None
