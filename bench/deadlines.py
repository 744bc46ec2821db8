"""Deadlines on a large meeting: recompute after the meeting moves, and filter the list.

A meeting with 5,000 deadlines, each a rule relative to the meeting (months, weeks,
calendar days and working days before it). Two figures:

- recompute: after the meeting's dates change, reading every deadline with the due time
  its rule now gives (what the Deadlines section and the command line read), from the
  store; the baseline is the same rule arithmetic (the date the rule gives, then the end
  of that day in Geneva) in a plain loop over the 5,000 rules held in memory.
- filter: typing a word into the Deadlines section's filter, from the text change until
  the window has painted the list; the baseline is the same word test in a plain loop
  over the 5,000 titles.

Both figures and baselines are medians of interleaved runs in the same process.

    python bench/deadlines.py [--runs N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import add_meeting, timed_ms
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert, update

from sg20desk.actions import queries
from sg20desk.actions.workspace import open_workspace
from sg20desk.db import schema
from sg20desk.db.store import Store
from sg20desk.rules.deadlines import Rule, Unit, date_due_instant, due_for_meeting
from sg20desk.ui.main_window import MainWindow

COUNT = 5000
TARGETS = {"recompute": 100.0, "filter": 30.0}
UNITS = [Unit.MONTHS, Unit.WEEKS, Unit.CALENDAR_DAYS, Unit.WORKING_DAYS]
WORDS = ["contributions", "registration", "fellowship", "visa", "captioning", "comments"]


def build_meeting(store: Store) -> tuple[uuid.UUID, list[Rule]]:
    rules = [Rule(1 + n % 12, UNITS[n % len(UNITS)]) for n in range(COUNT)]
    with store.transaction() as c:
        meeting_id = add_meeting(c, "BENCH-DEADLINES", date(2027, 3, 9), days=9)
        c.execute(
            insert(schema.deadline),
            [
                dict(
                    id=uuid.uuid4(),
                    meeting_id=meeting_id,
                    title=f"Submit {WORDS[n % len(WORDS)]} batch {n}",
                    rule_amount=rule.amount,
                    rule_unit=rule.unit.value,
                    rule_anchor=rule.anchor.value,
                    source_text=rule.describe(),
                )
                for n, rule in enumerate(rules)
            ],
        )
    return meeting_id, rules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        store = open_workspace(Path(folder) / "bench.sqlite3")
        meeting_id, rules = build_meeting(store)
        shifts = itertools.cycle([timedelta(days=7), timedelta(days=-7)])
        first = [date(2027, 3, 9)]

        def move_meeting() -> None:
            first[0] += next(shifts)
            with store.transaction() as c:
                c.execute(
                    update(schema.meeting)
                    .where(schema.meeting.c.id == meeting_id)
                    .values(first_day=first[0], last_day=first[0] + timedelta(days=9))
                )

        def recompute() -> None:
            with store.read() as c:
                rows = queries.deadlines(c, meeting_id)
            assert len(rows) == COUNT and rows[0].due is not None

        def recompute_baseline() -> None:
            dues = [date_due_instant(due_for_meeting(r, first[0]), "Europe/Zurich") for r in rules]
            dues.sort()

        window = MainWindow(store)
        window.resize(1280, 800)
        window.show()
        window.load("BENCH-DEADLINES")
        window.show_section(3)
        section = window.deadlines
        app.processEvents()
        titles = [r.title for r in section._search.rows]
        words = itertools.cycle(WORDS)

        def filter_list() -> None:
            section.text_filter.setText(next(words))
            app.processEvents()

        def filter_baseline() -> None:
            word = next(words)
            [t for t in titles if word in t.casefold()]

        figures: dict[str, list[float]] = {k: [] for k in ("recompute", "filter")}
        baselines: dict[str, list[float]] = {k: [] for k in ("recompute", "filter")}
        for _ in range(args.runs):  # interleaved, so drift hits every case alike
            move_meeting()
            baselines["recompute"].append(timed_ms(recompute_baseline))
            figures["recompute"].append(timed_ms(recompute))
            baselines["filter"].append(timed_ms(filter_baseline))
            figures["filter"].append(timed_ms(filter_list))
        assert 0 < section.model.rowCount() < COUNT
        window.close()
        store.close()
    ok = True
    for case, target in TARGETS.items():
        value = statistics.median(figures[case])
        base = statistics.median(baselines[case])
        ok &= value < target
        print(
            f"bench: deadlines_{case}_{COUNT} value={value:.1f}ms baseline={base:.1f}ms "
            f"ratio={value / base:.2f} target=<{target:.0f}ms"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
