#!/usr/bin/env python3
"""Score the letter reader on a folder of letters and the facts each states.

    python scripts/score_letters.py FOLDER [--expected FILE] [--verbose]

FOLDER holds letters (.txt, .docx, .pdf) and an ``expected.json`` that maps each file's name
to the facts it states, by kind:

- ``meeting``: the meeting's first and last day (ISO dates; a letter for several meetings
  may list more, of which the first two are scored);
- ``events``: the days of side events and sessions the letter states with a date;
- ``deadlines``: the days of deadlines the letter states (as printed, not as a rule);
- ``drafts``: the designations of draft Recommendations it names;
- ``kind``: ``collective``, ``circular-tap``, ``circular-result``, ``circular-deletion``
  or ``out-of-scope`` (a document the importer must refuse in one line).

Each letter is imported as a user would, with ``sg20desk --demo import --dry-run --format
json`` in a process of its own, so a traceback or a hang counts against the reader. A fact
is found when the preview holds it: a meeting whose first and last days are those stated,
an event other than the meeting's own (its registration, opening and plenaries:
"SG13 meeting opens") on a stated day (each day of one that runs over several), a
deadline due on a stated day, a draft of that designation. What the preview holds beyond
the stated facts is listed as *extra* for a person to judge (a deadline given by a rule is
not counted there). The script prints a line per letter and then, per kind, the facts found
of those stated.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

KINDS = ("meeting", "events", "deadlines", "drafts")
SUFFIXES = {".txt", ".docx", ".pdf", ".text"}
# what the reader calls a document, for each kind the expected facts name
READ_KINDS = {
    "collective": {"collective letter"},
    "circular-tap": {"circular"},
    "circular-result": {"circular"},
    "circular-deletion": {"circular"},
}
# the meeting's own events, made from its opening time: "SG13 opening plenary", "WP2/5
# meeting opens"
OWN_EVENTS = {"registration", "plenary"}
OWN_TITLES = ("meeting opens", "registration opens", "opening plenary", "closing plenary")


def _import(path: Path, timeout: float) -> tuple[int | None, dict[str, Any] | None, str]:
    command = [sys.executable, "-m", "sg20desk", "--demo", "import", "--dry-run"]
    command += ["--format", "json", str(path)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        return None, None, f"no answer within {timeout:.0f} s"
    preview = None
    if done.returncode == 0:
        try:
            preview = json.loads(done.stdout)
        except json.JSONDecodeError:
            return done.returncode, None, "the preview is not JSON"
    return done.returncode, preview, done.stderr.strip()


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def _days(event: dict[str, Any]) -> list[str]:
    """Each day an event is on: a run of days counts each of its days (a week at most)."""
    first = _day(event.get("first_day")) or _day(event.get("start"))
    last = _day(event.get("last_day")) or _day(event.get("end")) or first
    if first is None or last is None:
        return []
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    count = min(max((end - start).days, 0), 6)
    return [(start + timedelta(days=n)).isoformat() for n in range(count + 1)]


def _found(preview: dict[str, Any]) -> dict[str, set[str]]:
    meeting = preview["meeting"]
    events = {
        day
        for event in preview["events"]
        if event["kind"] not in OWN_EVENTS and not event["title"].endswith(OWN_TITLES)
        for day in _days(event)
    }
    deadlines = set()
    for entry in preview["deadlines"]:
        if entry.get("due_date"):
            deadlines.add(entry["due_date"])
        elif entry.get("due_at"):
            deadlines.add(_day(entry["due_at"]) or "")
    return {
        "meeting": {f"{meeting['first_day']}/{meeting['last_day']}"},
        "events": events,
        "deadlines": deadlines,
        "drafts": {d["designation"] for d in preview["drafts"]},
    }


def _stated(facts: dict[str, Any]) -> dict[str, set[str]]:
    meeting = facts.get("meeting") or []
    return {
        "meeting": {f"{meeting[0]}/{meeting[1]}"} if len(meeting) >= 2 else set(),
        "events": set(facts.get("events") or []),
        "deadlines": set(facts.get("deadlines") or []),
        "drafts": set(facts.get("drafts") or []),
    }


def score(folder: Path, expected: dict[str, Any], *, verbose: bool, timeout: float) -> int:
    totals: Counter[str] = Counter()
    found_totals: Counter[str] = Counter()
    failures = 0
    for name in sorted(expected):
        facts = expected[name]
        path = folder / name
        if not path.exists():
            print(f"{name}: missing from {folder}")
            failures += 1
            continue
        started = datetime.now()
        code, preview, errors = _import(path, timeout)
        took = (datetime.now() - started).total_seconds()
        kind = facts.get("kind", "collective")
        if "Traceback" in errors:
            print(f"{name}: TRACEBACK\n{errors}")
            failures += 1
            continue
        if kind == "out-of-scope":
            refused = code == 1 and preview is None and len(errors.splitlines()) == 1
            print(f"{name}: out of scope, {'refused' if refused else 'NOT REFUSED'}: {errors}")
            totals["refusals"] += 1
            found_totals["refusals"] += refused
            continue
        stated = _stated(facts)
        if preview is None:
            print(f"{name}: not read ({errors or f'exit {code}'})")
            for what in KINDS:
                totals[what] += len(stated[what])
            continue
        got = _found(preview)
        kinds_read = {f["kind"] for f in preview["files"]}
        parts = []
        for what in KINDS:
            hit = stated[what] & got[what]
            totals[what] += len(stated[what])
            found_totals[what] += len(hit)
            if stated[what]:
                parts.append(f"{what} {len(hit)}/{len(stated[what])}")
            missed = sorted(stated[what] - got[what])
            extra = sorted(got[what] - stated[what]) if what != "meeting" else []
            if verbose and (missed or extra):
                parts.append(f"[{what}: missed {missed}, extra {extra}]")
        wrong_kind = kinds_read != READ_KINDS.get(kind, kinds_read)
        if wrong_kind:
            parts.append(f"READ AS {', '.join(sorted(kinds_read))}")
        warnings = len(preview.get("warnings", []))
        print(f"{name}: {', '.join(parts) or 'no facts'}; {warnings} warnings; {took:.2f} s")
    print()
    print("facts found, by kind:")
    for what in (*KINDS, "refusals"):
        if totals[what]:
            share = 100 * found_totals[what] / totals[what]
            print(f"  {what}: {found_totals[what]}/{totals[what]} ({share:.0f} %)")
    all_stated = sum(totals[k] for k in KINDS)
    all_found = sum(found_totals[k] for k in KINDS)
    if all_stated:
        print(f"  all: {all_found}/{all_stated} ({100 * all_found / all_stated:.0f} %)")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--expected", type=Path, help="default: FOLDER/expected.json")
    parser.add_argument("--verbose", action="store_true", help="list facts missed and extra")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per letter")
    args = parser.parse_args()
    expected_path = args.expected or args.folder / "expected.json"
    try:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"score_letters: {expected_path}: {exc}", file=sys.stderr)
        return 2
    return score(args.folder, expected, verbose=args.verbose, timeout=args.timeout)


if __name__ == "__main__":
    sys.exit(main())
