"""Agenda editing on a large agenda: one move and one undo, as the chair sees them.

A meeting with a 2,000-item agenda (200 top-level items with 9 sub-items each), shown fully
expanded in the real window's Agenda section. A move is timed from the Move down (or up)
command, as the key triggers it, until the window has painted the result: the step is
built and written in one transaction, what it changed is read back, the tree is patched
and renumbered, and Qt has processed the repaint. An undo (Edit > Undo) is timed the same
way. The baseline, measured in the same run on the same store, is a single committed
UPDATE of one agenda item.

    python bench/agenda.py [--runs N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import uuid
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import add_meeting, timed_ms
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert, update

from sg20desk.actions.workspace import open_workspace
from sg20desk.db import schema
from sg20desk.db.store import Store
from sg20desk.ui.main_window import MainWindow

TARGET_MS = 30.0
TARGET_RATIO = 10.0


def build_meeting(store: Store, tops: int = 200, subs: int = 9) -> uuid.UUID:
    with store.transaction() as c:
        meeting_id = add_meeting(c, "BENCH-2000", date(2027, 1, 10), days=10)
        rows = []
        for t in range(tops):
            top = uuid.uuid4()
            rows.append(
                dict(
                    id=top, meeting_id=meeting_id, parent_id=None, position=t, title=f"Item {t + 1}"
                )
            )
            rows.extend(
                dict(
                    id=uuid.uuid4(),
                    meeting_id=meeting_id,
                    parent_id=top,
                    position=s,
                    title=f"Sub-item {s + 1} of item {t + 1}",
                )
                for s in range(subs)
            )
        c.execute(insert(schema.agenda_item), rows)
    return meeting_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=41)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        store = open_workspace(Path(folder) / "bench.sqlite3")
        build_meeting(store)
        window = MainWindow(store)
        window.resize(1280, 800)
        window.show()
        window.load("BENCH-2000")
        window.show_section(1)
        section = window.agenda
        app.processEvents()
        rows = [r for r in section.model.rows() if r.depth == 1]
        victim = rows[len(rows) // 2].id
        section.select([victim])
        commands = itertools.cycle(
            [section.actions_by_name["move_down"], section.actions_by_name["move_up"]]
        )
        counter = itertools.count()

        def move() -> None:
            next(commands).trigger()
            app.processEvents()

        def undo() -> None:
            window.undo()
            app.processEvents()

        def baseline() -> None:
            with store.transaction() as c:
                c.execute(
                    update(schema.agenda_item)
                    .where(schema.agenda_item.c.id == victim)
                    .values(notes=f"n{next(counter)}")
                )

        figures: dict[str, list[float]] = {"baseline": [], "move": [], "undo": []}
        for _ in range(args.runs):  # interleaved, so drift hits every case alike
            figures["baseline"].append(timed_ms(baseline))
            figures["move"].append(timed_ms(move))
            figures["undo"].append(timed_ms(undo))
            window.redo()
            app.processEvents()
        shown = {r.id: r for r in section.model.rows()}
        assert section.selected_ids() == [victim], "the moved item should stay selected"
        assert window.history.undo_name is not None and len(shown) == 2000
        window.close()
        store.close()
    base = statistics.median(figures["baseline"])
    ok = True
    for case in ("move", "undo"):
        value = statistics.median(figures[case])
        ratio = value / base
        ok &= value < TARGET_MS and ratio < TARGET_RATIO
        print(
            f"bench: agenda_{case}_2000 value={value:.1f}ms baseline={base:.1f}ms "
            f"ratio={ratio:.2f} target=<{TARGET_MS:.0f}ms and <{TARGET_RATIO:.0f}x"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
