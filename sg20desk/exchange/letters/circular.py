"""A TSB Circular opening a Traditional Approval Procedure consultation: its drafts and reply
deadline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from sg20desk.db.schema import DeadlineOrigin
from sg20desk.exchange.letters.deadlines import stated_instants
from sg20desk.exchange.letters.document import document_of
from sg20desk.exchange.letters.heading import ANNEX, body_of, group_of, meeting_of
from sg20desk.exchange.letters.model import (
    MAX_DRAFTS,
    Kind,
    LetterError,
    Line,
    Meeting,
    Reading,
    ReadWarning,
    Stated,
    uid,
)
from sg20desk.rules.approval import Procedure
from sg20desk.rules.phrases import (
    InstantPhrase,
)
from sg20desk.rules.procedures import Stage
from sg20desk.rules.timezones import (
    UTC_NAME,
    wall_clock,
)

# --- the TAP circular --------------------------------------------------------------------

_DRAFT_HEADING = re.compile(
    r"^(?:\d{1,3}\s+)?Draft\s+(new|revised)\s+Recommendation\s+(ITU-T\s+[A-Z]\.\s?\d+(?:\.\d+)*)"
    r"(?:\s+\(ex\s+([^)]+)\))?(?:\s+\(([A-Z]{1,4}\d{1,3}-R\s?\d+[^)]*)\))?\s*$",
    re.I,
)
_IPR = re.compile(r"^TSB\s+NOTE\s*[-–—:]\s*(.*)$", re.I)


_ABOUT_REPLIES = re.compile(r"Annex\s*2|reply|replies|return the form", re.I)


def read_circular(
    lines: Sequence[Line], source: str, reference: str, dated: date | None
) -> Reading:
    warnings: list[ReadWarning] = []
    reading = Reading(source, Kind.CIRCULAR, reference, dated, {}, warnings)
    group = group_of("", lines)
    if not group:
        raise LetterError(f"{source}: the circular names no study group ('Study Group 20')")
    meeting = meeting_of(lines, source, group, warnings)
    body = body_of(lines)
    text = " ".join(line.plain for line in lines[body[0] : body[1]])
    if not re.search(r"Traditional\s+Approval\s+Procedure|\bTAP\b", text, re.I):
        warnings.append(
            ReadWarning(
                source,
                lines[body[0]].number if body[0] < len(lines) else 1,
                "the circular does not say it applies the Traditional Approval "
                "Procedure; its drafts are read as TAP drafts",
            )
        )
    # each paragraph searched once, not once for each instant it states
    about_replies = cache(lambda paragraph: bool(_ABOUT_REPLIES.search(paragraph)))
    stated = [
        found
        for found in stated_instants(lines[body[0] : body[1]], source, UTC_NAME, warnings)
        if about_replies(found.paragraph)
    ]
    deadline = (stated[0].value, stated[0].line) if stated else None
    if deadline is None:
        warnings.append(
            ReadWarning(
                source,
                lines[body[0]].number if body[0] < len(lines) else 1,
                "no reply deadline found ('by 2359 hours UTC on ...'); the "
                "consultation closes as the procedure gives it",
            )
        )
    else:
        reading.reply_deadline = (deadline[0].at, deadline[0].zone, deadline[1])
    threshold = None
    match = re.search(r"(\d{1,3})\s*%\s+or\s+more\s+of\s+the\s+replies", text, re.I)
    if match and 0 < int(match[1]) <= 100:
        threshold = int(match[1])
    drafts = _annex1(lines, source, meeting, reference, dated, deadline, threshold, warnings)
    _check_annex2(lines, source, drafts, warnings)
    deadlines = [_reply_deadline(meeting, reference, stated[0], len(drafts))] if stated else []
    reading.document = document_of(meeting, reference, dated, [], [], drafts, deadlines)
    return reading


def _reply_deadline(
    meeting: Meeting, reference: str, stated: Stated, drafts: int
) -> dict[str, Any]:
    """The circular's reply deadline as a deadline of the meeting, for the lists and
    reminders (a collective letter that lists it among its key deadlines speaks for it
    instead: see :func:`combine`)."""
    value = stated.value
    count = f"{drafts} draft Recommendation{'' if drafts == 1 else 's'}"
    return {
        "id": uid(meeting.code, "deadline", "reply", reference),
        "title": f"Return the Annex 2 reply form of {reference} ({count})",
        "timezone": value.zone,
        "due_at": wall_clock(value.at, value.zone),
        "source_text": f"{stated.words} ({reference}, line {stated.line})",
        "origin": DeadlineOrigin.CIRCULAR.value,
    }


def _annex1(
    lines: Sequence[Line],
    source: str,
    meeting: Meeting,
    reference: str,
    dated: date | None,
    deadline: tuple[InstantPhrase, int] | None,
    threshold: int | None,
    warnings: list[ReadWarning],
) -> list[dict[str, Any]]:
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"^ANNEX\s+1\b", line.plain, re.I)), None
    )
    if start is None:
        raise LetterError(f"{source}: no Annex 1 (the drafts' titles and summaries)")
    end = next((i for i in range(start + 1, len(lines)) if ANNEX.match(lines[i].plain)), len(lines))
    drafts: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    state = ""
    summary: list[str] = []
    notes: list[str] = []

    def close() -> None:
        if current is not None:
            current["summary"] = "\n\n".join(summary)
            current["ipr_statements"] = "\n\n".join(notes)

    for line in lines[start + 1 : end]:
        text = line.plain
        if not text:
            continue
        heading = _DRAFT_HEADING.match(text)
        if heading:
            close()
            if len(drafts) >= MAX_DRAFTS:
                raise LetterError(f"{source}: line {line.number}: more than {MAX_DRAFTS} drafts")
            summary, notes, state = [], [], "title"
            designation = re.sub(r"\s+", " ", heading[2]).replace(". ", ".")
            if any(d["designation"] == designation for d in drafts):
                current, state = None, "duplicate"  # its lines are skipped, the warning says why
                warnings.append(
                    ReadWarning(
                        source,
                        line.number,
                        f"{designation} is described twice; the first description is kept",
                    )
                )
                continue
            current = {
                "id": uid(meeting.code, "draft", designation),
                "designation": designation,
                "former_name": re.sub(r"\s+", "", heading[3] or ""),
                "is_new": heading[1].casefold() == "new",
                "title": "",
                "summary": "",
                "report_number": re.sub(r"\s+", "", heading[4] or ""),
                "ipr_statements": "",
                "question": "",
                "procedure": Procedure.TAP.value,
                "stage": Stage.CONSULTATION_OPEN.value,
                "circular": reference,
            }
            if dated is not None:
                current["circular_date"] = dated.isoformat()
            if deadline is not None:
                current["consultation_deadline"] = {
                    "at": wall_clock(deadline[0].at, deadline[0].zone),
                    "timezone": deadline[0].zone,
                }
            if threshold is not None:
                current["consultation_threshold_percent"] = threshold
            drafts.append(current)
            continue
        if current is None:  # the annex's title names the drafts; anything else is reported
            if state != "duplicate" and not re.search(r"\bdraft\b", text, re.I):
                warnings.append(ReadWarning(source, line.number, f"not read: {text[:80]}"))
            continue
        if state == "title":
            current["title"] = text
            state = "after title"
        elif re.fullmatch(r"Summary:?", text, re.I):
            state = "summary"
        elif (ipr := _IPR.match(text)) is not None:
            notes.append(ipr[1].strip())
        elif state == "summary":
            summary.append(text)
        else:
            warnings.append(ReadWarning(source, line.number, f"not read: {text[:80]}"))
    close()
    if not drafts:
        raise LetterError(
            f"{source}: line {lines[start].number}: Annex 1 lists no draft "
            "('Draft new Recommendation ITU-T Y.4241 ...')"
        )
    for draft in drafts:
        if not draft["title"]:
            warnings.append(
                ReadWarning(source, lines[start].number, f"{draft['designation']}: no title")
            )
    return drafts


def _check_annex2(
    lines: Sequence[Line], source: str, drafts: list[dict[str, Any]], warnings: list[ReadWarning]
) -> None:
    """The reply form must list the drafts of Annex 1: say which differ."""
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"^ANNEX\s+2\b", line.plain, re.I)), None
    )
    if start is None:
        return
    pattern = re.compile(
        r"^Draft\s+(?:new|revised)\s+Recommendation\s+(ITU-T\s+[A-Z]\.\s?\d+"
        r"(?:\.\d+)*)",
        re.I,
    )
    listed: dict[str, int] = {}
    for line in lines[start + 1 :]:
        match = pattern.match(line.plain)
        if match:
            listed.setdefault(re.sub(r"\s+", " ", match[1]), line.number)
    known = {d["designation"] for d in drafts}
    for designation, number in listed.items():
        if designation not in known:
            warnings.append(
                ReadWarning(
                    source,
                    number,
                    f"the reply form lists {designation}, which Annex 1 does not describe",
                )
            )
    for designation in sorted(known - set(listed)):
        warnings.append(
            ReadWarning(source, lines[start].number, f"the reply form does not list {designation}")
        )
