"""Importing: the two seed letters from the command, and a calendar of 12,000 entries.

Two figures:

- letters: `sg20desk import LETTER --dry-run` for each seed letter (read, joined,
  validated and compared with a store holding the built-in meeting), from starting the
  process until it exits; the baseline is `python -c pass` started the same way.
- calendar: previewing the import of a 12,000-entry .ics into the built-in meeting (read,
  validated as a meeting document, compared with the store), against icalendar's own
  parse of the same file (`Calendar.from_ical`) in the same run. Medians of interleaved
  runs.

    python bench/import.py [--runs N]

The seed letters are read from ../shared/seeds (or SG20DESK_SEEDS).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import program_env, timed_ms

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("SG20DESK_SEEDS", ROOT.parent / "shared" / "seeds"))
ENTRIES = 12_000


def command_ms(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=program_env(), check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def calendar(count: int) -> bytes:
    """``count`` one-hour entries over the meeting's fortnight, in Geneva time, as another
    calendar program writes them."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    start = datetime(2026, 5, 4, 8, 0)
    for n in range(count):
        at = start + timedelta(minutes=7 * n % (60 * 24 * 20))
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{n}@example.org",
            "DTSTAMP:20260101T000000Z",
            f"SUMMARY:Bilateral meeting {n} on smart sustainable cities",
            f"DTSTART;TZID=Europe/Zurich:{at:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Zurich:{at + timedelta(hours=1):%Y%m%dT%H%M%S}",
            f"LOCATION:Room {n % 40}, Montbrillant",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    from icalendar import Calendar

    from sg20desk.actions import importing
    from sg20desk.actions.workspace import open_workspace

    letters = sorted(SEEDS.glob("*.txt"))
    if len(letters) != 2:
        raise SystemExit(f"the two seed letters are not in {SEEDS}")
    with tempfile.TemporaryDirectory() as folder:
        store_path = Path(folder) / "store.sqlite3"
        program = [sys.executable, "-m", "sg20desk", "--db", str(store_path)]
        subprocess.run([*program, "info"], check=True, stdout=subprocess.DEVNULL)
        for letter in letters:  # bytecode written, files cached
            command_ms([*program, "import", str(letter), "--dry-run"])
        ours: dict[str, list[float]] = {p.name: [] for p in letters}
        base = []
        for _ in range(runs):
            for letter in letters:
                ours[letter.name].append(command_ms([*program, "import", str(letter), "--dry-run"]))
            base.append(command_ms([sys.executable, "-c", "pass"]))
        baseline = statistics.median(base)
        for name, times in ours.items():
            value = statistics.median(times)
            print(
                f"sg20desk import {name} --dry-run: {value:.0f} ms; bare python {baseline:.0f} ms"
            )
            print(
                f"bench: letter value={value:.1f}ms baseline={baseline:.1f}ms "
                f"ratio={value / baseline:.2f} target=<300ms"
            )

        path = Path(folder) / "bench.ics"
        path.write_bytes(calendar(ENTRIES))
        store = open_workspace(store_path)
        try:

            def preview() -> object:
                with store.read() as connection:
                    found = importing.preview(connection, [path], meeting="SG20-2026-05")
                assert found.counts()["events"] == ENTRIES
                return found

            def raw() -> object:
                return Calendar.from_ical(path.read_bytes())

            preview()
            raw()
            ours_ics, base_ics = [], []
            for _ in range(max(3, runs // 2)):
                ours_ics.append(timed_ms(preview))
                base_ics.append(timed_ms(raw))
        finally:
            store.close()
    value, baseline = statistics.median(ours_ics), statistics.median(base_ics)
    print(
        f"import preview of a {ENTRIES}-entry .ics: {value:.0f} ms; "
        f"icalendar's parse {baseline:.0f} ms"
    )
    print(
        f"bench: calendar value={value:.1f}ms baseline={baseline:.1f}ms "
        f"ratio={value / baseline:.2f} target=<1.50x"
    )


if __name__ == "__main__":
    main()
