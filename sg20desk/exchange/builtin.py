"""The meeting that ships with sg20desk (SG20, Geneva, 12-21 May 2026).

Its data lives in ``resources/meetings``: what the letter reader gives for TSB Collective
letter 3/20 and TSB Circular 106 (``scripts/regenerate_builtin.py`` writes it, a test
checks it is current), so the program has one way of turning letters into a meeting.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from sg20desk.exchange import meeting_json

BUILTIN_FILE = "sg20-geneva-2026-05.json"


def builtin_text() -> str:
    return (files("sg20desk.resources") / "meetings" / BUILTIN_FILE).read_text("utf-8")


def document_from_letters(folder: Path) -> tuple[dict[str, Any], list[Any]]:
    """The meeting document the letter reader makes of the letters (``*.txt``) in
    ``folder``, with its warnings."""
    from sg20desk.exchange import letters

    readings = [
        letters.read_letter(path.read_text("utf-8-sig"), path.name)
        for path in sorted(folder.glob("*.txt"))
    ]
    document, warnings = letters.combine(readings)
    return document, list(warnings)


def dump(document: dict[str, Any]) -> str:
    """A meeting document as the built-in file is written."""
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def builtin_document() -> meeting_json.MeetingDocument:
    return meeting_json.parse(builtin_text(), BUILTIN_FILE)
