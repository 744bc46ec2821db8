"""The import review as a tree model: every fact the letters were read as, by kind.

Columns: Fact / As understood / Read from. The top rows are the kinds (the meeting, its
events, deadlines, drafts and agenda); under them, one row per fact, and an agenda item's
sub-items under it. A fact the user may leave out has a check box, ticked while it is
imported. A value the user corrected is shown in italics, with what the letter gave in its
tooltip; a fact left out is greyed.

The model is filled from the facts of a preview (:func:`importing.review_facts`) and
refilled after every re-plan: in place when the same facts are listed (so the view keeps
its current row, expansion and scroll), afresh when a fact came or went. It never changes
the reading itself: a check box the user changes is handed on as a signal, and the dialog
turns it into a correction.

Signals:
    includeRequested(str, bool): a fact's key ("kind/id/field") and whether to import it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication

from sg20desk.actions.importing import Fact, FactGroup

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Fact", "As understood", "Read from")
FACT, VALUE, WHERE = range(3)
#: a row's fact key ("kind/id/field"; "group/<kind>" on the kinds' rows)
KEY_ROLE = Qt.ItemDataRole.UserRole + 2

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CHECKABLE = _FLAGS | Qt.ItemFlag.ItemIsUserCheckable


def _grey() -> QBrush:
    palette = QApplication.palette() if QApplication.instance() else QPalette()
    return QBrush(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))


class ReviewModel(QStandardItemModel):
    includeRequested = Signal(str, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self._facts: dict[str, Fact] = {}
        self._cells: dict[str, list[QStandardItem]] = {}
        self._shape: list[tuple[str, int]] = []
        self._filling = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self.itemChanged.connect(self._on_item_changed)

    # --- filling ----------------------------------------------------------------------

    def set_groups(self, groups: Sequence[FactGroup]) -> bool:
        """Show these facts; True when the rows were rebuilt (the view's current row and
        expansion are then gone), False when they were updated in place."""
        shape = list(_shape(groups))
        self._filling = True
        try:
            if shape == self._shape:
                for group in groups:
                    self._paint_group(group)
                    for fact, _depth in _walk(group.facts):
                        if self._facts[fact.key] != fact:
                            self._facts[fact.key] = fact
                            self._paint(fact, self._cells[fact.key])
                return False
            self._rebuild(groups)
            self._shape = shape
            return True
        finally:
            self._filling = False

    def _rebuild(self, groups: Sequence[FactGroup]) -> None:
        self.setRowCount(0)
        self._facts, self._cells = {}, {}
        for group in groups:
            cells = [QStandardItem() for _ in COLUMNS]
            for cell in cells:
                cell.setFlags(_FLAGS)
                cell.setData(f"group/{group.kind}", KEY_ROLE)
            cells[FACT].setFont(self._bold)
            self._cells[f"group/{group.kind}"] = cells
            self._paint_group(group)
            self._add(cells[FACT], group.facts)
            self.appendRow(cells)

    def _add(self, parent: QStandardItem, facts: Sequence[Fact]) -> None:
        for fact in facts:
            cells = [QStandardItem() for _ in COLUMNS]
            for cell in cells:
                cell.setData(fact.key, KEY_ROLE)
            self._facts[fact.key] = fact
            self._cells[fact.key] = cells
            self._paint(fact, cells)
            self._add(cells[FACT], fact.children)
            parent.appendRow(cells)

    def _paint_group(self, group: FactGroup) -> None:
        facts = [f for f, _ in _walk(group.facts)]
        kept = sum(f.included for f in facts)
        if group.kind == "meeting":
            text = group.title
        elif kept == len(facts):
            text = f"{group.title} ({len(facts)})"
        else:
            text = f"{group.title} ({kept} of {len(facts)} imported)"
        cell = self._cells[f"group/{group.kind}"][FACT]
        if cell.text() != text:
            cell.setText(text)

    def _paint(self, fact: Fact, cells: list[QStandardItem]) -> None:
        label = f"{fact.label} (added by you)" if fact.added else fact.label
        texts = (label, fact.value, fact.where)
        tips = [
            label if fact.included else f"{label}\nLeft out: not imported",
            "\n".join(t for t in (fact.value, fact.letter_gave) if t),
            fact.source or fact.where,
        ]
        for column, cell in enumerate(cells):
            if cell.text() != texts[column]:
                cell.setText(texts[column])
            if cell.toolTip() != tips[column]:
                cell.setToolTip(tips[column])
            cell.setFlags(_CHECKABLE if column == FACT and fact.can_leave_out else _FLAGS)
            cell.setForeground(QBrush() if fact.included else _grey())
        cells[VALUE].setFont(self._italic if fact.letter_gave else QFont())
        check = Qt.CheckState.Checked if fact.included else Qt.CheckState.Unchecked
        if fact.can_leave_out:
            if cells[FACT].data(Qt.ItemDataRole.CheckStateRole) != check.value:
                cells[FACT].setCheckState(check)
        elif cells[FACT].data(Qt.ItemDataRole.CheckStateRole) is not None:
            cells[FACT].setData(None, Qt.ItemDataRole.CheckStateRole)
        accessible = f"{label}: {fact.value}" if fact.value else label
        if not fact.included:
            accessible += " (left out)"
        elif fact.letter_gave:
            accessible += f" (your correction; {fact.letter_gave})"
        cells[FACT].setData(accessible, Qt.ItemDataRole.AccessibleTextRole)

    # --- reading ----------------------------------------------------------------------

    def fact_at(self, index: Index) -> Fact | None:
        """The fact of the row ``index`` is on; None on a kind's row."""
        key = index.siblingAtColumn(FACT).data(KEY_ROLE) if index.isValid() else None
        return self._facts.get(key) if isinstance(key, str) else None

    def index_of(self, key: str) -> QModelIndex:
        cells = self._cells.get(key)
        return cells[FACT].index() if cells else QModelIndex()

    def facts(self) -> list[Fact]:
        return list(self._facts.values())

    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._filling or item.column() != FACT:
            return
        fact = self._facts.get(item.data(KEY_ROLE))
        if fact is None or not fact.can_leave_out:
            return
        included = item.checkState() == Qt.CheckState.Checked
        if included != fact.included:
            self.includeRequested.emit(fact.key, included)


def _walk(facts: Sequence[Fact], depth: int = 0) -> Iterator[tuple[Fact, int]]:
    for fact in facts:
        yield fact, depth
        yield from _walk(fact.children, depth + 1)


def _shape(groups: Sequence[FactGroup]) -> Iterator[tuple[str, int]]:
    for group in groups:
        yield f"group/{group.kind}", -1
        yield from ((f.key, d) for f, d in _walk(group.facts))
