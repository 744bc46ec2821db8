"""Write the built-in meeting (resources/meetings) from the two seed letters, with the
program's own letter reader, so that the file is exactly what importing them gives.

    python scripts/regenerate_builtin.py [SEEDS_FOLDER]

The seeds are the TSB Collective letter 3/20 and TSB Circular 106 as text
(../shared/seeds by default). tests/test_builtin_meeting.py checks the file is current.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sg20desk.exchange.builtin import BUILTIN_FILE, document_from_letters, dump

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    seeds = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "seeds"
    target = ROOT / "resources" / "meetings" / BUILTIN_FILE
    document, warnings = document_from_letters(seeds)
    target.write_text(dump(document), encoding="utf-8")
    print(f"wrote {target} ({len(warnings)} warnings from the letters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
