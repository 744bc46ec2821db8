"""Start-up time: launch until the main window is shown and filled with the current meeting.

Two stores: a fresh one holding the built-in meeting, and a large generated one (50
meetings, 10,000 agenda items, 5,000 deadlines). The baseline, measured in the same run, is
a bare PySide6 window in a process that also imports SQLAlchemy's ORM. Every case is a new
process, timed from spawn to exit, several times; medians are compared.

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import program_env

TARGET_RATIO = 1.30
BASELINE = """
import sqlalchemy.orm
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
print("baseline: window shown")
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return (time.perf_counter() - start) * 1000


def build_large_store(
    path: Path, meetings: int = 50, items: int = 10_000, deadlines: int = 5_000
) -> None:
    """Fill a store through the real opening path, then bulk-insert generated rows."""
    from sqlalchemy import insert

    from sg20desk.actions.workspace import open_workspace
    from sg20desk.db import models as m

    store = open_workspace(path)
    items_each, deadlines_each = items // meetings, deadlines // meetings
    with store.write() as session:
        for n in range(meetings):
            first = date(2025, 1, 13) + timedelta(weeks=3 * n)
            meeting_id = uuid.uuid4()
            session.execute(
                insert(m.Meeting).values(
                    id=meeting_id,
                    version=1,
                    code=f"GEN-{n:02d}",
                    group=f"SG{n % 20 + 1}",
                    title=f"Generated meeting {n}",
                    place="Geneva, Switzerland",
                    timezone="Europe/Zurich",
                    first_day=first,
                    last_day=first + timedelta(days=9),
                    numbering_frozen=False,
                    source_document="",
                    notes="",
                )
            )
            rows, parents = [], []
            for i in range(items_each):
                item_id = uuid.uuid4()
                top = i % 5 == 0
                parent = None if top else parents[-1]
                if top:
                    parents.append(item_id)
                rows.append(
                    dict(
                        id=item_id,
                        version=1,
                        meeting_id=meeting_id,
                        parent_id=parent,
                        position=i,
                        title=f"Agenda item {i} of meeting {n}",
                        numbered=True,
                        status="pending",
                        notes="",
                    )
                )
            session.execute(insert(m.AgendaItem), rows)
            session.execute(
                insert(m.Deadline),
                [
                    dict(
                        id=uuid.uuid4(),
                        version=1,
                        meeting_id=meeting_id,
                        title=f"Deadline {d}",
                        due_at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=3 * n, hours=d),
                        timezone="Europe/Zurich",
                        source_text="",
                        status="open",
                        notes="",
                        origin="user",
                    )
                    for d in range(deadlines_each)
                ],
            )
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = program_env(QT_QPA_PLATFORM="offscreen")
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        builtin = Path(folder) / "builtin.sqlite3"
        large = Path(folder) / "large.sqlite3"
        subprocess.run(
            [python, "-m", "sg20desk", "--db", str(builtin), "info"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        build_large_store(large)
        cases = {
            "baseline": [python, "-c", BASELINE],
            "startup_builtin_store": [python, "-m", "sg20desk", "--smoke", "--db", str(builtin)],
            "startup_large_store": [python, "-m", "sg20desk", "--smoke", "--db", str(large)],
        }
        for command in cases.values():  # warm the file cache once
            timed(command, env)
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):  # interleaved, so drift hits every case alike
            for name, command in cases.items():
                samples[name].append(timed(command, env))
    baseline = statistics.median(samples["baseline"])
    worst = 0.0
    for name in ("startup_builtin_store", "startup_large_store"):
        value = statistics.median(samples[name])
        ratio = value / baseline
        worst = max(worst, ratio)
        print(
            f"bench: {name} value={value:.1f}ms baseline={baseline:.1f}ms "
            f"ratio={ratio:.2f} target=<{TARGET_RATIO:.2f}x"
        )
    return 0 if worst < TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
