"""The sessions and side events a collective letter announces, and the meeting's own opening and
registration.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sg20desk.db.schema import EventKind
from sg20desk.exchange.letters.heading import (
    BODY,
    BULLET,
    IN_PLACE,
    NUMBERED,
    SALUTATION,
    VIRTUAL,
    annex_a,
    body_named,
)
from sg20desk.exchange.letters.model import EventFact, Line, Meeting, ReadWarning, uid, wall
from sg20desk.exchange.letters.text import paragraphs, sentence_case, sentences
from sg20desk.rules.phrases import (
    DATE_TEXT,
    MONTH_NAMES,
    MONTHS,
    ON_WEEKDAY,
    WEEKDAY_NAMES,
    DayPhrase,
    DaysPhrase,
    PhraseError,
    SpanPhrase,
    find_when,
)
from sg20desk.rules.timezones import (
    DAY_LIST,
    GENEVA,
    UTC_NAME,
    format_days,
)


def _event_kind(text: str) -> EventKind:
    lowered = text.casefold()
    if "newcomer" in lowered:
        return EventKind.NEWCOMERS
    if "joint coordination activity" in lowered or re.search(r"\bJCA\b", text):
        return EventKind.JCA
    if "workshop" in lowered or "forum" in lowered:
        return EventKind.WORKSHOP
    if (
        "training" in lowered
        or "bridging the standardization gap" in lowered
        or "clinic" in lowered
    ):
        return EventKind.TRAINING
    if "working party" in lowered:
        return EventKind.WORKING_PARTY
    if "e-meeting" in lowered:
        return EventKind.E_MEETING
    return EventKind.SIDE_EVENT


_EVENT_VERB = re.compile(
    r",?\s+(?:will\s+(?:be\s+(?:held|convened|hosted|organized|organised|given|offered|collocated"
    r"|co-located)|take\s+place|run|meet|hold\s+(?:its\s+|their\s+)?(?:e-)?meetings?)"
    r"|(?:is|are)\s+(?:planned|scheduled|due\s+to\s+take\s+place|to\s+be\s+held|organi[sz]ed"
    r"|being\s+organi[sz]ed|collocated|co-located|hosted)"
    r"|due\s+to\s+take\s+place|takes\s+place|will\s+be\s+meeting)\b",
    re.I,
)
# "The meeting will be preceded by a Regional Economic Dialogue on ... on 13 November"
_AROUND = re.compile(r"\b(?:preceded|followed)\s+by\s+", re.I)
# what a sentence announcing an event names: a workshop, a training, a JCA's meeting ...
_EVENT_NOUN = re.compile(
    r"\b(?:workshops?|forums?|symposi(?:um|a)|training|tutorials?|hackathons?|seminars?"
    r"|webinars?|summits?|clinics?|newcomers?|celebrations?|assembl(?:y|ies)|briefings?"
    r"|Joint\s+Coordination\s+Activity|JCA(?:-[\w-]+)?|Focus\s+Group(?:\s+on\s+[\w-]+)?"
    r"|FG-[\w-]+|Bridging\s+the\s+Standardization\s+Gap|BSG|side\s+events?|sessions?"
    r"|Regional\s+Group|Rapporteur\s+Group|meeting\s+of\s+the|demonstrations?|receptions?"
    r"|exhibitions?|showcases?|ceremon(?:y|ies)|dinners?|cocktails?|excursions?|visits?"
    r"|tours?|competitions?|challenges?|awards?|dialogues?|round-?tables?|panels?|conferences?"
    r"|Working\s+Party\s+\d|Joint\s+Rapporteur\s+Group|experts?\s+team|JVET|JCT-\w+"
    r"|Rapporteur\s+groups|(?:coordination|preparatory|informal|editing)\s+meetings?"
    r"|Group(?:\s+\([A-Z][A-Z0-9-]{1,12}\))?\s+meeting)\b",
    re.I,
)
# sentences about the meeting itself, which the heading and the opening already read
_ABOUT_MEETING = re.compile(
    r"\b(?:the\s+meeting\s+will\s+open|Question\s+meetings|plenary|registration\s+will"
    r"|^(?:The\s+)?(?:ITU-T\s+)?(?:Study\s+Group|Working\s+Party|TSAG)\s+[\d/]*\s*"
    r"(?:meeting\s+)?will\s+(?:be|meet)"
    r"|^(?:The\s+)?(?:ITU-T\s+)?Study\s+Group\s+\d+\s+(?:itself\s+|also\s+|plenary\s+)?"
    r"(?:will\s+meet|meets|is\s+to\s+meet)"
    r"|is\s+to\s+meet|invite\s+you|pleasure\s+to\s+invite)\b",
    re.I,
)
_ENTITLED = re.compile(r"\bentitled\s+[\"“‘']([^\"”’']{3,200})[\"”’']", re.I)
_LEAD_IN = re.compile(
    r"^(?:(?:Your|The)\s+attention\s+is\s+(?:also\s+)?drawn\s+to\s+|I\s+(?:also\s+)?wish\s+to"
    r"\s+(?:inform\s+you|draw\s+your\s+attention\s+to)\s+(?:that\s+)?|Please\s+note\s+that\s+"
    r"|In\s+addition,?\s+|Furthermore,?\s+|Also,?\s+"
    r"|(?:Immediately\s+|Just\s+)?(?:before|after|during)\s+the\s+meeting,?\s+"
    r"|On\s+the\s+(?:morning|afternoon|evening)\s+of\s+the\s+same\s+day,?\s+"
    r"|In\s+conjunction\s+with\s+the\s+meeting,?\s+|Alongside\s+the\s+meeting,?\s+"
    rf"|On\s+{ON_WEEKDAY}\d{{1,2}}\s+(?:{MONTH_NAMES})"
    r"(?:\s+\d{4})?,\s+)",
    re.I,
)
_LENGTH = re.compile(r"^(?:(?:one|two|three|half|full|1|2|3)[- ]days?|(?:half|full)-day)\s+", re.I)
# "9 November" with no year after it
_NO_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_NAMES})\b"
    r"(?!,?\s+(?:19|20)\d\d\b(?!\s*(?:-|–|to\b|hours|hrs|h\b)))"  # "30 August, 1230-1330 hours"
)


def _event(
    text: str,
    line: Line,
    source: str,
    meeting: Meeting,
    zone_name: str,
    warnings: list[ReadWarning],
) -> EventFact | None:
    """One side event of a bullet ("The 2nd Citiverse Assembly will take place on ...")."""
    zone_name = _zone_said(text, meeting) or zone_name
    verb = _EVENT_VERB.search(text)
    title = _title(text, verb)
    when = None
    for _words, value in find_when(text, zone_name):
        if isinstance(value, PhraseError):
            warnings.append(ReadWarning(source, line.number, f"{title}: {value}"))
            continue
        when = value
        break
    if not isinstance(when, DayPhrase | DaysPhrase | SpanPhrase):
        warnings.append(
            ReadWarning(source, line.number, f"not read: no date found for the event {title!r}")
        )
        return None
    after = text[verb.end() :] if verb else text
    virtual = bool(VIRTUAL.search(after))
    # in a room and online at once: held in person, open to remote participants
    hybrid = virtual and bool(_IN_PERSON.search(text))
    virtual = virtual and not hybrid
    via = re.search(r"\bvia\s+([A-Z][\w-]*(?:\s[A-Z][\w-]*)*)", text)
    if virtual:
        place = f"{via[1]} (virtual)" if via else "online"
    else:
        in_place = IN_PLACE.search(after)
        place = in_place[1].strip().rstrip(".") if in_place else meeting.place
    registration = _registration_note(text)
    notes = [_sentence_case_note(registration)] if registration else []
    if hybrid:
        notes.append("In person, and online for remote participants.")
    event = EventFact(
        uid(meeting.code, "event", title),
        _event_kind(title),
        title,
        zone_name,
        line.number,
        place,
        virtual,
        registration is not None,
        "\n\n".join(notes),
    )
    if isinstance(when, SpanPhrase):
        event.start, event.end = wall(when.start, zone_name), wall(when.end, zone_name)
    elif isinstance(when, DaysPhrase):
        event.first_day, event.last_day = when.first, when.last
    else:
        at = _AT_HOURS.search(text)
        if at is not None:  # "on 7 June at 1300 hours": a start without an end
            event.start = datetime.combine(when.day, time(int(at[1][:2]), int(at[1][2:])))
        else:
            event.first_day = event.last_day = when.day
    return event


_IN_PERSON = re.compile(r"\bin[\s-]person\b|\bheadquarters\b|\bhybrid\b|\broom\b", re.I)


def _sentence_case_note(registration: str) -> str:
    return sentence_case(registration.strip().removeprefix("Please note that "))


def _zone_said(text: str, meeting: Meeting) -> str | None:
    """The zone an event's own words give its times in, over the list's: "Geneva time",
    "local time", "UTC"."""
    if re.search(r"\bGeneva\s+time\b|\bC(?:E|ES)T\b", text, re.I):
        return GENEVA
    if re.search(r"\blocal\s+time\b", text, re.I):
        return meeting.zone
    if re.search(r"\b(?:UTC|GMT)\b", text):
        return UTC_NAME
    return None


def _title(text: str, verb: re.Match[str] | None) -> str:
    """An event's title: the name it is "entitled", else the words before its verb."""
    entitled = _ENTITLED.search(text)
    if entitled:
        words = entitled[1]
        before = text[: entitled.start()]
        kind = re.search(r"\b(workshop|forum|symposium|seminar|training|session)\b", before, re.I)
        if kind and kind[1].casefold() not in words.casefold():
            words = f"{kind[1].capitalize()}: {words}"
    elif verb is not None:
        words = text[: verb.start()]
    else:
        words = _title_beside_date(text)
    words = _LEAD_IN.sub("", words.strip())
    words = re.sub(r"^(?:A|An|The)\s+", "", words, flags=re.I)
    words = _LENGTH.sub("", words).strip(" ,.")
    return sentence_case(words.replace("’", "'"))


_DAY_AT = re.compile(rf"{ON_WEEKDAY}{DATE_TEXT}", re.I)


_HOURS_AFTER = re.compile(
    r"^,?\s*(?:from\s+)?(?:\d{1,2}[:.]\d{2}|\d{4})(?:\s*(?:-|–|to)\s*(?:\d{1,2}[:.]\d{2}|\d{4}))?"
    r"(?:\s*(?:hours|hrs|h)\b)?(?:\s*\(?(?:CES?T|UTC|GMT|Geneva\s+time|local\s+time)\)?)?"
    r"|^,?\s*(?:in\s+the\s+)?(?:morning|afternoon|evening)\b",
    re.I,
)


def _title_beside_date(text: str) -> str:
    """The title of a bullet that names an event beside its date, with no verb: after the
    date and what follows it ("7 April 2014, 1300-1400 hours: Newcomers' orientation"), or
    before it ("Technical visit to the operations centre – 16 November 2023, afternoon")."""
    day = _DAY_AT.search(text)
    if day is None:
        return text.split(",")[0]
    if not text[: day.start()].strip(" -–,:("):
        rest = _HOURS_AFTER.sub("", text[day.end() :], count=1)  # ", 12:30-13:30", ", evening"
        after = re.search(r"(?::|\s[-–]\s)\s*(\S.*)$", rest)
        words = after[1] if after else rest.strip(" ,")
        # up to the sentence's end and before where it is held ("..., ITU headquarters")
        words = re.split(r"(?<=[\"”\w)])\.\s", words)[0]
        words = re.split(r",\s+(?:ITU\s+headquarters|online|in\s+person|hybrid|room\b)", words)[0]
        if words.count("(") > words.count(")"):  # a bracket the cut left open: up to it
            words = words[: words.rfind("(")].rstrip()
        return words
    before = text[: day.start()].rstrip()
    return re.sub(r"(?:\s*[-–,:(]|\s+on)$", "", before).rstrip(" -–,:(")


# a day given by the meeting's own: "on the day before the meeting", "on the Friday before
# the meeting", "on the first day of the meeting"
_MEETING_DAY = re.compile(
    r"\bon\s+the\s+(?:(?P<eve>day\s+before|eve\s+of)|(?P<which>first|last|final)\s+day\s+of"
    rf"|(?P<weekday>{WEEKDAY_NAMES})\s+"
    r"(?P<side>before|after|preceding|following))\s+the\s+(?:meeting|study\s+group\s+meeting)\b",
    re.I,
)


def with_meeting_days(text: str, meeting: Meeting) -> str:
    """A sentence's days given by the meeting's written as dates: "on the day before the
    meeting" of a meeting opening on 6 October 2027 is "on 5 October 2027"."""
    assert meeting.first is not None and meeting.last is not None
    first, last = meeting.first, meeting.last

    def day(match: re.Match[str]) -> str:
        if match["eve"]:
            found = first - timedelta(days=1)
        elif match["which"]:
            found = first if match["which"].casefold() == "first" else last
        else:
            weekday = DAY_LIST.index(match["weekday"].capitalize())
            if match["side"].casefold() in ("before", "preceding"):
                found = first - timedelta(days=(first.weekday() - weekday - 1) % 7 + 1)
            else:
                found = last + timedelta(days=(weekday - last.weekday() - 1) % 7 + 1)
        return f"on {format_days(found, found)}"

    return _MEETING_DAY.sub(day, text)


def with_year(text: str, meeting: Meeting) -> str:
    """A sentence's dates without a year given the meeting's: the year that puts the day
    nearest the meeting ("9 November" of a meeting in November 2026 is 9 November 2026)."""
    assert meeting.first is not None
    first = meeting.first

    def year(match: re.Match[str]) -> str:
        month = MONTHS[match[2].lower()]
        candidates = [first.year - 1, first.year, first.year + 1]
        best = min(candidates, key=lambda y: abs((y - first.year) * 12 + month - first.month))
        return f"{match[1]} {match[2]} {best}"

    # "Saturday 14 and Sunday 15 October": the days without their names
    text = re.sub(
        rf"\b(\d{{1,2}})\s+and\s+(?:(?:{WEEKDAY_NAMES}),?\s+)(?=\d)",
        r"\1 and ",
        text,
        flags=re.I,
    )
    return _NO_YEAR.sub(year, text)


_AT_HOURS = re.compile(r"\bat\s+([01]\d[0-5]\d|2[0-3][0-5]\d)\s*(?:hours|hrs|h)\b", re.I)
_REGISTRATION = re.compile(r"\bregist(?:ration|er)\b", re.I)
_MANDATORY = re.compile(
    r"\b(?:is|are)\s+(?:mandatory|required|compulsory|necessary|separate)\b|\brequired\b"
    r"|\bmust\b|\bseparate(?:ly)?\b",
    re.I,
)


def _registration_note(text: str) -> str | None:
    """The sentence of an event's bullet saying registration is required, if one does.

    Cut at full stops first, then searched: one pattern over the whole bullet would take
    time growing with the square of a sentence's length."""
    parts = text.split(".")
    for index, part in enumerate(parts):
        word = _REGISTRATION.search(part)
        if word and (
            _MANDATORY.search(part, word.end())
            or re.search(r"\bmust\s+(?:pre-?)?register", part, re.I)
        ):
            return part + ("." if index < len(parts) - 1 else "")
    return None


_INTRO = re.compile(r"\b(?:sessions?|events?|workshops?|meetings?)\b", re.I)
_INTRO_WORDS = re.compile(r"\b(?:related|following|also|side|collocated|co-located)\b", re.I)


def side_events(
    lines: Sequence[Line],
    source: str,
    meeting: Meeting,
    body: tuple[int, int],
    warnings: list[ReadWarning],
) -> list[EventFact]:
    """The events the body announces: the bullets under a paragraph that invites to
    related sessions and events, and sentences of other paragraphs that announce one
    ("A one-day workshop on ... will be held on 28 August 2027")."""
    out: list[EventFact] = []
    used: set[int] = set()
    start, end = body
    index = start
    while index < end:
        line = lines[index]
        intro = line.plain
        index += 1
        if not intro or BULLET.match(intro) or not _INTRO.search(intro):
            continue
        if not _INTRO_WORDS.search(intro) or not _bullets_follow(lines, index, end):
            continue
        numbered = bool(NUMBERED.match(line.text))
        zone_name = GENEVA if re.search(r"all times (?:are )?Geneva", intro, re.I) else meeting.zone
        used.add(line.number)
        while index < end:
            item = lines[index]
            if (numbered and NUMBERED.match(item.text)) or SALUTATION.match(item.plain):
                break
            bullet = BULLET.match(item.plain)
            if bullet is None and item.plain:
                if not numbered:
                    break
                warnings.append(ReadWarning(source, item.number, f"not read: {item.plain[:80]}"))
                used.add(item.number)
            index += 1
            if bullet is None:
                continue
            used.add(item.number)
            text = with_year(bullet[1], meeting)
            event = _event(text, item, source, meeting, zone_name, warnings)
            if event is not None:
                out.append(event)
    for line in lines[start:end]:
        if line.number in used or not line.plain or BULLET.match(line.plain):
            continue
        heading = NUMBERED.match(line.text)  # "3<tab>A briefing ..." without its number
        for sentence in _announcements(heading[2] if heading else line.plain):
            event = _announced(sentence, line, source, meeting, warnings)
            if event is not None and not _known(event, out):
                out.append(event)
                used.add(line.number)
    return out


# "... on 2 and 3 May 2009, and a Workshop on ... will take place on 9 May": two events
_AND_ANOTHER = re.compile(
    r",?\s+and\s+(?:that\s+)?(?=(?:a|an|the|another)\s|Working\s+Party\s+\d|Study\s+Group\s+\d)",
    re.I,
)


_WHEN_STARTS = re.compile(rf"\b(?:from|on)\s+(?=\d|(?:{WEEKDAY_NAMES})\b)", re.I)


def _announcements(text: str) -> list[str]:
    """The sentences of a paragraph, one announcing two events parted at its "and" (each
    part giving a date); a part without its own verb takes the first part's."""
    out: list[str] = []
    for sentence in sentences(text):
        parts = _AND_ANOTHER.split(sentence) if len(sentence) <= 1000 else [sentence]
        dated = [
            part for part in parts if re.search(DATE_TEXT, part, re.I) or _NO_YEAR.search(part)
        ]
        if len(parts) < 2 or len(dated) < 2:
            out.append(sentence)
            continue
        verb = _EVENT_VERB.search(parts[0])
        for part in parts:
            if verb is not None and _EVENT_VERB.search(part) is None:
                when = _WHEN_STARTS.search(part) or _DAY_AT.search(part)
                at = when.start() if when else len(part)
                part = f"{part[:at].rstrip(' ,')}{verb[0]} {part[at:]}"
            out.append(part)
    return out


def _bullets_follow(lines: Sequence[Line], index: int, end: int) -> bool:
    for line in lines[index:end]:
        if line.plain:
            return bool(BULLET.match(line.plain))
    return False


def _announced(
    sentence: str, line: Line, source: str, meeting: Meeting, warnings: list[ReadWarning]
) -> EventFact | None:
    """The event a sentence announces, if it announces one: it names an event, says it will
    be held (take place, meet ...) and gives its day."""
    if len(sentence) > 1000 or _ABOUT_MEETING.search(sentence):
        return None
    around = _AROUND.search(sentence)
    if around is not None:  # what precedes or follows the meeting: the words after "by"
        sentence = sentence[around.end() :]
    verb = _EVENT_VERB.search(sentence)
    if (verb is None and around is None) or not _EVENT_NOUN.search(sentence):
        return None
    dated = with_year(with_meeting_days(sentence, meeting), meeting)
    if not re.search(DATE_TEXT, dated, re.I):
        return None
    zone_name = GENEVA if re.search(r"\bGeneva\s+time\b", sentence, re.I) else meeting.zone
    event = _event(dated, line, source, meeting, zone_name, warnings)
    if event is None or _is_the_meeting(sentence, event, meeting):
        return None
    part = re.search(r"\b(morning|afternoon|evening)\s+of\b", sentence, re.I)
    if part and event.start is None:
        event.notes = "\n\n".join(
            n for n in (f"In the {part[1].lower()}; the letter gives no time.", event.notes) if n
        )
    return event


def _is_the_meeting(sentence: str, event: EventFact, meeting: Meeting) -> bool:
    """Whether a sentence announces the meeting itself ("the Regional Group ... will meet
    at the Grand Hyatt on 14 and 15 November"): it names the body that meets, on its days."""
    assert meeting.first is not None and meeting.last is not None
    body = meeting.body
    if body is None:
        return False
    named = next(
        (m for m in BODY.finditer(sentence) if body_named(m).code == body.code), None
    ) or re.search(body.pattern, sentence, re.I)
    if named is None:
        return False
    if _EVENT_NOUN.search(sentence[: named.start()]):
        return False  # "A briefing for delegates attending TSAG ...": an event of its own
    return meeting.first <= event.day <= meeting.last


def _known(event: EventFact, events: list[EventFact]) -> bool:
    title = event.title.casefold()
    return any(
        other.day == event.day
        and (other.title.casefold() in title or title in other.title.casefold())
        for other in events
    )


def _meeting_event(
    meeting: Meeting,
    key: str,
    kind: EventKind,
    title: str,
    place: str,
    notes: str = "",
    *,
    line: int = 0,
    start: datetime | None = None,
    day: date | None = None,
) -> EventFact:
    """An event the meeting itself holds (opening, registration, closing), at its place: at
    ``start``, or on ``day`` at a time the letter does not give."""
    return EventFact(
        uid(meeting.code, "event", key),
        kind,
        f"{meeting.body.label if meeting.body else meeting.group} {title}",
        meeting.zone,
        line,
        place,
        meeting.virtual and place == meeting.place,
        notes=notes,
        start=start,
        first_day=day,
        last_day=day,
    )


_OPENING_PLENARY = re.compile(r"\bopening\s+plenary\b", re.I)


def _plenary_day(
    lines: Sequence[Line], meeting: Meeting
) -> tuple[date, str, time | None, int] | None:
    """The day of an opening plenary a sentence names with a date, the part of the day it
    says, its time when it gives one ("on Wednesday, 18 March 2026 at 1430 hours") and its
    line."""
    for line, text in paragraphs(lines):
        for sentence in sentences(text):
            if not _OPENING_PLENARY.search(sentence):
                continue
            for _words, value in find_when(with_year(sentence, meeting), meeting.zone):
                if isinstance(value, DayPhrase):
                    part = re.search(r"\b(morning|afternoon|evening)\b", sentence, re.I)
                    at = _AT_HOURS.search(sentence)
                    clock = time(int(at[1][:2]), int(at[1][2:])) if at else None
                    return value.day, part[1].lower() if part else "", clock, line.number
    return None


# "The meeting will open at 0930 hours", "Question meetings will start on ... at 0900 hours"
# (not "registration will open at 0800 hours")
_OPENS = re.compile(
    r"(?<!registration )(?<!Registration )\bwill\s+open\s+at\s+(\d{4})\s*hours"
    r"|\b(?:meetings?|opening\s+session)\s+will\s+(?:start|begin)\s+(?:on\s+[^.;]{0,60}?\s+)?"
    r"at\s+(\d{4})\s*hours",
    re.I,
)


def opening_events(
    lines: Sequence[Line], meeting: Meeting, start: int, end: int
) -> list[EventFact]:
    """The opening time, registration and plenaries, from "will open at 1530 hours ..."."""
    out: list[EventFact] = []
    assert meeting.first is not None and meeting.last is not None
    first, last = meeting.first, meeting.last
    plenary = _plenary_day(lines[start:end], meeting)
    for line, text in paragraphs(lines[start:end]):
        before = len(out)
        opening = _OPENS.search(text)
        if opening and meeting.opening is None:
            hour = opening[1] or opening[2]
            meeting.opening = time(int(hour[:2]), int(hour[2:]))
            at = datetime.combine(first, meeting.opening)
            if plenary is None or plenary[0] == first:
                out.append(
                    _meeting_event(
                        meeting,
                        "opening plenary",
                        EventKind.PLENARY,
                        "opening plenary",
                        meeting.place,
                        start=at,
                    )
                )
            else:  # the meeting opens with other sessions; its plenary is on a later day
                out.append(
                    _meeting_event(
                        meeting,
                        "opening",
                        EventKind.OTHER,
                        "meeting opens",
                        meeting.place,
                        start=at,
                    )
                )
                out.append(_plenary_event(meeting, *plenary))
        registration = re.search(
            r"registration(?:\s+of\s+(?:participants|delegates))?\s+will\s+(?:begin|start|open)"
            r"\s+at\s+(\d{4})\s*hours(?:\s+(?:at|on|in)\s+(?:the\s+)?([^.;]+?))?(?:[.;]|$)",
            text,
            re.I,
        )
        if registration and meeting.registration is None:
            hour = registration[1]
            meeting.registration = time(int(hour[:2]), int(hour[2:]))
            at = datetime.combine(first, meeting.registration)
            # "on 15 May 2028 at the venue": the place, not the day it names
            where = re.sub(
                rf"^(?:{DATE_TEXT}|the\s+same\s+day|the\s+first\s+day)\s*,?\s*(?:at\s+(?:the\s+)?)?",
                "",
                registration[2] or "",
                flags=re.I,
            ).strip()
            if where.casefold() in ("venue", "same day"):
                where = ""
            place = (where or meeting.place).strip()
            out.append(
                _meeting_event(
                    meeting,
                    "registration",
                    EventKind.REGISTRATION,
                    "participant registration opens",
                    place,
                    start=at,
                )
            )
        closing = re.search(r"\bclosing\s+plenary\b", text, re.I)
        if closing and not any(e.title.endswith("closing plenary") for e in out):
            out.append(
                _meeting_event(
                    meeting,
                    "closing plenary",
                    EventKind.PLENARY,
                    "closing plenary",
                    meeting.place,
                    "On the last day of the meeting; the letter gives no time.",
                    day=last,
                )
            )
        for event in out[before:]:
            event.line = event.line or line.number
    if plenary is not None and not any(e.title.endswith("opening plenary") for e in out):
        out.append(_plenary_event(meeting, *plenary))  # a plenary the letter dates, no opening
    return out


def _plenary_event(
    meeting: Meeting, day: date, part: str, clock: time | None, line: int
) -> EventFact:
    """The opening plenary on the day a letter gives it, at its time when it gives one."""
    if clock is not None:
        return _meeting_event(
            meeting,
            "opening plenary",
            EventKind.PLENARY,
            "opening plenary",
            meeting.place,
            line=line,
            start=datetime.combine(day, clock),
        )
    note = f"In the {part}; the letter gives no time." if part else "The letter gives no time."
    return _meeting_event(
        meeting,
        "opening plenary",
        EventKind.PLENARY,
        "opening plenary",
        meeting.place,
        note,
        line=line,
        day=day,
    )


# "· 2 March 2026, 1200 to 1400 hours (Geneva time): BSG session ... - BSG sessions cover ...":
# the hours, then the first dash after them (two searches: one pattern for the whole line
# would take time growing with the square of its length)
_HOURS = re.compile(r"\d{4}\s*hours")
_DASH = re.compile(r"\s[-\u2013\u2014]\s+(?=\S)")


def describe_events(lines: Sequence[Line], meeting: Meeting, events: list[EventFact]) -> None:
    """Annex A's description of a session the letter invites to, as that event's notes: a
    line giving the session's day and hours, then a dash and what it is about."""
    by_start = {(e.start, e.zone): e for e in events if e.start is not None}
    for line in annex_a(lines):
        hours = _HOURS.search(line.plain)
        dash = _DASH.search(line.plain, hours.end()) if hours else None
        if dash is None:
            continue
        head, what = line.plain[: dash.start()], line.plain[dash.end() :].strip()
        zone_name = GENEVA if re.search(r"\bGeneva time\b", head, re.I) else meeting.zone
        for _words, when in find_when(head, zone_name):
            if isinstance(when, SpanPhrase):
                event = by_start.get((wall(when.start, zone_name), zone_name))
                if event is not None:
                    event.notes = "\n\n".join(n for n in (event.notes, what) if n)
                break
