"""Drafts section: the draft Recommendations, and the selected one's summary in full."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import QTextBrowser, QWidget

from sg20desk.actions.queries import DraftRow
from sg20desk.rules.procedures import stage_label
from sg20desk.rules.timezones import format_instant, zone_label
from sg20desk.ui.models.drafts_model import DraftsModel
from sg20desk.ui.sections.common import name, table, titled_split


class DraftsSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home_zone = self.user_zone = "Europe/Zurich"
        self.model = DraftsModel(self)
        self.view = table(self)
        self.view.setModel(self.model)
        name(self.view, "draftsView", "Draft Recommendations")
        self.summary = QTextBrowser(self)
        self.summary.setOpenLinks(False)
        name(self.summary, "draftSummary", "Summary of the selected draft")
        titled_split(self, "Draft Recommendations", self.view, self.summary, (3, 2))
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def show_rows(self, rows: list[DraftRow], home_zone: str, user_zone: str) -> None:
        self.home_zone, self.user_zone = home_zone, user_zone
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(3, min(self.view.columnWidth(3), 420))
        if rows:
            self.view.selectRow(0)
        else:
            self.summary.setPlainText("No draft Recommendations for this meeting.")

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        if rows:
            self.summary.setHtml(self.describe(self.model.row_at(min(rows))))

    def describe(self, draft: DraftRow) -> str:
        """The draft in full, as HTML built from escaped text only."""
        kind = "Draft new" if draft.is_new else "Draft revised"
        parts = [
            f"<h3>{escape(kind)} Recommendation {escape(draft.heading)}</h3>",
            f"<p><b>{escape(draft.title)}</b></p>",
            "<p>"
            + " · ".join(
                escape(x)
                for x in (
                    draft.procedure,
                    stage_label(draft.stage),
                    draft.report_number,
                    draft.circular,
                    f"agenda item {draft.agenda_number}" if draft.agenda_number else "",
                )
                if x
            )
            + "</p>",
        ]
        if draft.consultation_deadline:
            due = draft.consultation_deadline
            when = [f"{format_instant(due, self.home_zone)} ({zone_label(self.home_zone)})"]
            if self.user_zone != self.home_zone:
                when.append(f"{format_instant(due, self.user_zone)} (your zone, {self.user_zone})")
            stated = format_instant(due, draft.consultation_deadline_tz)
            parts.append(
                f"<p>Replies to the consultation due: {escape(' = '.join(when))}"
                f" — stated as {escape(stated)}. Consideration needs "
                f"{draft.threshold_percent} % of replies in favour.</p>"
            )
        parts.append("<h4>Summary</h4>")
        parts.extend(f"<p>{escape(p)}</p>" for p in draft.summary.split("\n\n") if p.strip())
        if draft.ipr_statements:
            parts.append(f"<p><i>IPR: {escape(draft.ipr_statements)}</i></p>")
        return "".join(parts)
