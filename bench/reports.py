"""Printing: the agenda sheet for 1,000 items, and the built-in meeting's from the command.

Two figures:

- sheet: laying out the agenda sheet of 1,000 items (titles of a realistic length, some
  with documents, three levels deep) through the program's renderer (escaping, fonts,
  header, "page x of y" footer); the baseline is a plain ReportLab table of the same rows
  (SimpleDocTemplate, one Table of Paragraph cells in Helvetica, no header or footer),
  laid out in the same run. Medians of interleaved runs.
- command: `sg20desk print agenda -o FILE` on a store holding the built-in meeting, from
  starting the process until it exits; the baseline is `python -c pass` started the same
  way, so the ratio shows what the program adds to a bare interpreter.

    python bench/reports.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import program_env, timed_ms
from sg20desk.reports.agenda import AgendaLine, agenda_sheet
from sg20desk.reports.render import MeetingHeading, render

COUNT = 1000
TITLE = (
    "Framework of Internet of things-based monitoring and management for smart sustainable "
    "cities including requirements, architecture and use cases"
)
WORDS = TITLE.split(" ")


def rows(count: int) -> list[AgendaLine]:
    lines = []
    for n in range(count):
        depth = n % 3
        number = ".".join(str(n // 9 + 1) if d == 0 else str(n % 9 + 1) for d in range(depth + 1))
        title = " ".join(WORDS[: 6 + n % 12]) + f" ({n})"
        documents = (f"TD {n:03d}", f"C {n % 97:03d} Rev.1") if n % 4 == 0 else ()
        lines.append(AgendaLine(number, title, documents, depth))
    return lines


def sheet(lines: list[AgendaLine]) -> bytes:
    meeting = MeetingHeading("SG99-2027-01", "Benchmark meeting", "Geneva", "1-10 May 2027", "UTC")
    document = agenda_sheet(meeting, lines, revision="Rev.1", frozen=False)
    return render(document, printed_at=datetime(2027, 1, 1, tzinfo=UTC))


def plain(lines: list[AgendaLine]) -> bytes:
    style = getSampleStyleSheet()["BodyText"]
    data = [["No", "Item", "Documents"]] + [
        [line.label, Paragraph(line.title, style), Paragraph(", ".join(line.documents), style)]
        for line in lines
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4)
    doc.build([Table(data, colWidths=[50, 330, 110], repeatRows=1)])
    return out.getvalue()


def command_ms(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=program_env(), check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    lines = rows(COUNT)
    sheet(lines[:5])  # fonts registered and modules warm, as in a running program
    plain(lines[:5])
    ours, base = [], []
    for _ in range(runs):
        ours.append(timed_ms(lambda: sheet(lines)))
        base.append(timed_ms(lambda: plain(lines)))
    value, baseline = statistics.median(ours), statistics.median(base)
    print(f"agenda sheet, {COUNT} items: {value:.0f} ms; plain ReportLab table {baseline:.0f} ms")
    print(
        f"bench: sheet value={value:.1f}ms baseline={baseline:.1f}ms "
        f"ratio={value / baseline:.2f} target=<1.30x"
    )

    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store.sqlite3"
        out = Path(folder) / "agenda.pdf"
        program = [sys.executable, "-m", "sg20desk", "--db", str(store)]
        subprocess.run([*program, "info"], check=True, stdout=subprocess.DEVNULL)
        command_ms([*program, "print", "agenda", "-o", str(out)])  # bytecode written, files cached
        ours, base = [], []
        for _ in range(runs):
            ours.append(command_ms([*program, "print", "agenda", "-o", str(out)]))
            base.append(command_ms([sys.executable, "-c", "pass"]))
    value, baseline = statistics.median(ours), statistics.median(base)
    print(
        f"sg20desk print agenda (built-in meeting): {value:.0f} ms; bare python {baseline:.0f} ms"
    )
    print(
        f"bench: command value={value:.1f}ms baseline={baseline:.1f}ms "
        f"ratio={value / baseline:.2f} target=<500ms"
    )


if __name__ == "__main__":
    main()
