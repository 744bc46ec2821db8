"""Draft Recommendations as a table."""

from __future__ import annotations

from typing import Any

from sg20desk.actions.queries import DraftRow
from sg20desk.rules.procedures import stage_label
from sg20desk.ui.models.base import RowTableModel


class DraftsModel(RowTableModel[DraftRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                ("Designation", lambda r: r.designation),
                ("Former name", lambda r: r.former_name),
                ("New / revised", lambda r: "new" if r.is_new else "revised"),
                ("Title", lambda r: r.title),
                ("Procedure", lambda r: r.procedure),
                ("Stage", lambda r: stage_label(r.stage)),
                ("Report", lambda r: r.report_number),
                ("Agenda item", lambda r: r.agenda_number or ""),
            ],
            parent,
        )
