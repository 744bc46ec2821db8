"""Agenda section: the numbered tree with its documents, and the selected item in full."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from sg20desk.actions.queries import AgendaRow
from sg20desk.ui.models.agenda_model import DOCUMENTS, NUMBER, TITLE, AgendaModel
from sg20desk.ui.sections.common import name, plain_label, titled_split, tree


class AgendaSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AgendaModel(self)
        self.view = tree(self)
        self.view.setModel(self.model)
        name(self.view, "agendaView", "Agenda", "Agenda items with their numbers and documents")
        header = self.view.header()
        header.setSectionResizeMode(NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DOCUMENTS, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(DOCUMENTS, 160)
        self.detail = plain_label("", self)
        name(self.detail, "agendaDetail", "Selected agenda item")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMargin(8)
        titled_split(self, "Agenda", self.view, self.detail, (5, 1))
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def show_rows(self, rows: list[AgendaRow]) -> None:
        self.model.set_rows(rows)
        self.view.expandAll()
        self.detail.setText(
            f"{sum(1 for r in rows if r.numbered)} numbered items" if rows else "No agenda yet."
        )

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        row = self.model.row_for(indexes[0]) if indexes else None
        if row is None:
            return
        parts = [f"{row.label}  {row.title}"]
        if row.draft_designation:
            parts.append(f"Draft Recommendation: {row.draft_designation}")
        if row.documents:
            parts.append(f"Documents: {', '.join(row.documents)}")
        self.detail.setText("\n".join(parts))
