"""Importing: the two seed letters from the command, the SG13 test letters as .docx and
PDF, and a calendar of 12,000 entries.

Three figures:

- letters: `sg20desk import LETTER --dry-run` for each seed letter (read, joined,
  validated and compared with a store holding the built-in meeting), from starting the
  process until it exits; the baseline is `python -c pass` started the same way.
- letter forms: the same command for each SG13 test letter (tests/data/letters) as .docx
  (built by tests/data/letters/pdf/make_pdfs.py, as its PDF was) and as the committed PDF,
  against the same letter as .txt, all in the same run, interleaved.
- calendar: previewing the import of a 12,000-entry .ics into the built-in meeting (read,
  validated as a meeting document, compared with the store), against icalendar's own
  parse of the same file (`Calendar.from_ical`) in the same run. Medians of interleaved
  runs.

    python bench/import.py [--runs N]

The seed letters are read from ../shared/seeds (or SG20DESK_SEEDS); without them only
their case is left out.
"""

from __future__ import annotations

import argparse
import importlib.util
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
TEST_LETTERS = ROOT / "tests" / "data" / "letters"
#: the SG13 test letters, with the name their forms are printed under
FORMS = {"sg13-collective-letter": "letter", "sg13-circular": "circular"}
FORM_TARGETS = {"docx": 1.3, "pdf": 3}
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


def letter_forms(program: list[str], folder: Path, runs: int) -> None:
    """Each SG13 test letter as .txt, .docx and PDF, from the command, interleaved."""
    spec = importlib.util.spec_from_file_location(
        "make_pdfs", TEST_LETTERS / "pdf" / "make_pdfs.py"
    )
    assert spec is not None and spec.loader is not None
    make_pdfs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_pdfs)
    files: dict[str, dict[str, Path]] = {}
    for name in FORMS:
        docx = folder / f"{name}.docx"
        docx.write_bytes(make_pdfs.letter_docx(name))
        files[name] = {
            "txt": TEST_LETTERS / f"{name}.txt",
            "docx": docx,
            "pdf": TEST_LETTERS / "pdf" / f"{name}.pdf",
        }
    for forms in files.values():  # bytecode written, files cached
        for path in forms.values():
            command_ms([*program, "import", str(path), "--dry-run"])
    times = {(name, form): [] for name, forms in files.items() for form in forms}
    for _ in range(runs):
        for name, forms in files.items():
            for form, path in forms.items():
                times[name, form].append(command_ms([*program, "import", str(path), "--dry-run"]))
    for name, case in FORMS.items():
        baseline = statistics.median(times[name, "txt"])
        for form, target in FORM_TARGETS.items():
            value = statistics.median(times[name, form])
            print(
                f"sg20desk import {name}.{form} --dry-run: {value:.0f} ms; "
                f"the same letter as .txt {baseline:.0f} ms"
            )
            print(
                f"bench: {case}-{form} value={value:.1f}ms baseline={baseline:.1f}ms "
                f"ratio={value / baseline:.2f} target=<{target:g}x"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    from icalendar import Calendar

    from sg20desk.actions import importing
    from sg20desk.actions.workspace import open_workspace

    letters = sorted(SEEDS.glob("*.txt"))
    if len(letters) != 2:
        print(f"the two seed letters are not in {SEEDS}: their case is left out")
        letters = []
    with tempfile.TemporaryDirectory() as folder:
        store_path = Path(folder) / "store.sqlite3"
        program = [sys.executable, "-m", "sg20desk", "--db", str(store_path)]
        subprocess.run([*program, "info"], check=True, stdout=subprocess.DEVNULL)
        letter_forms(program, Path(folder), runs)
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
