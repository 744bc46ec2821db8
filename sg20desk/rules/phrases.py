"""Reading the time phrases of ITU letters: dates, instants, spans and relative rules.

Collective letters and circulars write times in a few fixed ways: "13 March 2026",
"2359 hours UTC on 30 April 2026", "on 2 March 2026 from 1200 to 1400 hours", "1530 hours
on the first day", "from 11 to 12 May 2026", and, in their practical information, rules
such as "at least one month before the start of the meeting" or "at least 24 hours in
advance". :func:`read_phrase` turns one such phrase into a value; anything it does not
understand, and anything it could only guess (a numeric date such as 04/05/2026), raises
:class:`PhraseError` saying why. It never guesses.

A time without a zone named is in ``zone_name``, the meeting's zone the caller passes. Older
letters write "2400 hours" for the end of a day: that is midnight at the end of the date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sg20desk.rules.deadlines import Anchor, Rule, Unit
from sg20desk.rules.timezones import (
    DAY_LIST,
    GENEVA,
    MONTH_LIST,
    UTC_NAME,
    format_date,
    format_instant,
    format_span,
    local_to_utc,
    month_name,
    zone,
)


class PhraseError(ValueError):
    """A phrase that cannot be read without guessing; the message says what is wrong."""

    def __init__(self, text: str, reason: str, *, ambiguous: bool = False) -> None:
        super().__init__(f"{reason}: {text.strip()!r}")
        self.text = text
        self.reason = reason
        self.ambiguous = ambiguous


@dataclass(frozen=True, slots=True)
class DayPhrase:
    """A date without a time ("13 March 2026"); as a deadline, the end of that day."""

    day: date


@dataclass(frozen=True, slots=True)
class DaysPhrase:
    """A run of whole days ("from 11 to 12 May 2026", "12-21 May 2026")."""

    first: date
    last: date


@dataclass(frozen=True, slots=True)
class InstantPhrase:
    """A moment with the zone it was stated in ("2359 hours UTC on 30 April 2026").

    ``at`` is in UTC. ``day`` is the date as written: "2400 hours on 11 January" is at
    midnight starting 12 January, but the letter's day is 11 January.
    """

    at: datetime
    zone: str
    day: date


@dataclass(frozen=True, slots=True)
class SpanPhrase:
    """A time span on one day ("on 2 March 2026 from 1200 to 1400 hours")."""

    start: datetime
    end: datetime
    zone: str
    day: date


class MeetingDay(StrEnum):
    FIRST = "first"
    LAST = "last"


@dataclass(frozen=True, slots=True)
class ClockPhrase:
    """A time of day whose date is the meeting's ("1530 hours on the first day").

    ``day`` is None when the phrase names no day ("at 0830 hours"): the date comes from
    the sentence around it. ``zone`` is None when the phrase names no zone.
    """

    clock: time
    day: MeetingDay | None
    zone: str | None


Phrase = DayPhrase | DaysPhrase | InstantPhrase | SpanPhrase | ClockPhrase | Rule

MONTHS = {name.lower(): number for number, name in enumerate(MONTH_LIST, start=1)}
MONTHS.update({name[:3].lower(): number for number, name in enumerate(MONTH_LIST, start=1)})
MONTHS["sept"] = 9
#: the months' names as letters write them, for patterns that match them as written
MONTH_NAMES = "|".join(MONTH_LIST)  # English whatever the locale (see timezones)
WEEKDAY_NAMES = "|".join(DAY_LIST)
#: a day's name before a date, if any ("Tuesday, "), for patterns of dates as written
ON_WEEKDAY = rf"(?:(?:{WEEKDAY_NAMES}),?\s+)?"
WEEKDAYS = {name.lower(): n for n, name in enumerate(DAY_LIST)}
WEEKDAYS.update({name[:3].lower(): n for n, name in enumerate(DAY_LIST)})

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
NUMBER_WORDS.update({"twenty-one": 21, "twenty-four": 24, "thirty": 30, "forty-eight": 48})

#: Words of a zone named in a phrase, and the IANA zone they mean.
ZONE_WORDS = {
    "utc": UTC_NAME,
    "gmt": UTC_NAME,
    "geneva time": GENEVA,
    "swiss time": GENEVA,
    "cet": GENEVA,
    "cest": GENEVA,
}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUMBER = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

# Token patterns. Each recognised piece of the phrase is replaced by a placeholder such as
# "<d0>" so that the phrase's shape can then be matched as a whole.
_DAY_RANGE = re.compile(
    rf"(?:(?:{_WEEKDAY})\.?,? )?(\d{{1,2}})(?:st|nd|rd|th)?(?: ({_MONTH})\.?)?(?: (\d{{4}}))?"
    rf" ?(-|to|until|till|and) ?(?:(?:{_WEEKDAY})\.?,? )?"
    rf"(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})\.?,? (\d{{4}})"
)
_DATE_DMY = re.compile(
    rf"(?:({_WEEKDAY})\.?,? )?(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})\.?,? (\d{{4}})"
)
_DATE_MDY = re.compile(
    rf"(?:({_WEEKDAY})\.?,? )?({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})"
)
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATE_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})")
_DATE_NO_YEAR = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})\b(?! \d)")
_CLOCK = r"(\d{1,2})[:.h](\d{2})|(\d{4})(?= ?(?:hours|hrs|h)\b)"
_TIME_RANGE = re.compile(
    rf"(?:(\d{{1,2}})[:.h](\d{{2}})|(\d{{4}})) ?(?:-|to|until|till) ?(?:{_CLOCK}|(\d{{4}}))"
    r"(?: ?(?:hours|hrs|h)\b)?"
)
_TIME = re.compile(rf"(?:{_CLOCK})(?: ?(?:hours|hrs|h)\b)?")
_ZONE = re.compile(r"\(?\b(" + "|".join(ZONE_WORDS) + r")\b\)?")

_LEAD = re.compile(r"^(?:(?:due|deadline)[: ] ?)?(?:by|on|no later than|not later than|until) ")
_TAIL = re.compile(r"(?:,? at the latest|,? inclusive)$")


def _normalise(text: str) -> str:
    """Lower case, one space between words, every dash a hyphen, no trailing stop."""
    text = text.replace("<", " ").replace(">", " ")  # they mark tokens (see _tokenise)
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = re.sub(r"(?<=\d) \([a-z-]+\)", "", text)  # "12 (twelve) calendar days"
    text = re.sub(r"\s*-\s*", "-", text)  # "11 - 12 May" and "11-12 May" alike
    text = re.sub(r"(?<=\d)-(?=[a-z])|(?<=[a-z])-(?=\d)", " - ", text)
    return text.rstrip(".;").strip()


def _make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise PhraseError(text, f"{MONTH_LIST[month - 1]} {year} has no day {day}") from None


def _check_weekday(text: str, weekday: str | None, day: date) -> None:
    if weekday and WEEKDAYS[weekday] != day.weekday():
        raise PhraseError(
            text,
            f"{day.day} {MONTH_LIST[day.month - 1]} {day.year} is a {DAY_LIST[day.weekday()]}, "
            f"not a {DAY_LIST[WEEKDAYS[weekday]]}",
        )


def _clock(
    text: str, hours: str | None, minutes: str | None, packed: str | None
) -> tuple[time, bool]:
    """A wall-clock time; the flag says it is 24:00, the end of the day."""
    if packed is not None:
        hours, minutes = packed[:2], packed[2:]
    assert hours is not None and minutes is not None
    h, m = int(hours), int(minutes)
    if (h, m) == (24, 0):
        return time(0, 0), True
    if h > 23 or m > 59:
        raise PhraseError(text, f"{hours}{minutes} is not a time of day")
    return time(h, m), False


@dataclass
class _Tokens:
    """The pieces found in a phrase, in order of appearance, by kind."""

    shape: str
    dates: list[date]
    ranges: list[tuple[date, date]]
    clocks: list[tuple[time, bool]]
    spans: list[tuple[time, time, bool]]
    zone: str | None


def _tokenise(text: str, phrase: str) -> _Tokens:
    dates: list[date] = []
    ranges: list[tuple[date, date]] = []
    clocks: list[tuple[time, bool]] = []
    spans: list[tuple[time, time, bool]] = []
    zones: set[str] = set()

    def day_range(match: re.Match[str]) -> str:
        d1, m1, y1, joined, d2, m2, y2 = match.groups()
        last = _make_date(text, int(y2), MONTHS[m2], int(d2))
        first = _make_date(text, int(y1 or y2), MONTHS[m1 or m2], int(d1))
        if first > last:
            raise PhraseError(text, "the range ends before it starts")
        if joined == "and" and (m1 or y1):  # "13 March 2026 and 14 March 2026": two dates
            raise PhraseError(text, "not a date, time or rule that sg20desk can read")
        if joined == "and" and (last - first).days != 1:
            # "2 and 3 May" is two days running; "2 and 5 May", two days apart
            raise PhraseError(text, "two separate days, not a run of days; give each")
        ranges.append((first, last))
        return f"<r{len(ranges) - 1}>"

    def dmy(match: re.Match[str]) -> str:
        weekday, d, m, y = match.groups()
        found = _make_date(text, int(y), MONTHS[m], int(d))
        _check_weekday(text, weekday, found)
        dates.append(found)
        return f"<d{len(dates) - 1}>"

    def mdy(match: re.Match[str]) -> str:
        weekday, m, d, y = match.groups()
        found = _make_date(text, int(y), MONTHS[m], int(d))
        _check_weekday(text, weekday, found)
        dates.append(found)
        return f"<d{len(dates) - 1}>"

    def iso(match: re.Match[str]) -> str:
        y, m, d = match.groups()
        if not 1 <= int(m) <= 12:
            raise PhraseError(text, f"{m} is not a month")
        dates.append(_make_date(text, int(y), int(m), int(d)))
        return f"<d{len(dates) - 1}>"

    def numeric(match: re.Match[str]) -> str:
        a, b, y = (int(g) for g in match.groups())
        if y < 100:
            raise PhraseError(text, "a two-digit year could be any century; write it in full")
        # day first (as ITU writes), then month first (as some users do)
        readings = list(
            dict.fromkeys(
                (y, month, day)
                for day, month in ((a, b), (b, a))
                if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(y, month)[1]
            )
        )
        if not readings:
            raise PhraseError(text, f"{match.group(0)} is not a date")
        if len(readings) > 1:
            first, second = (date(*r) for r in readings)
            raise PhraseError(
                text,
                f"{match.group(0)} could be {first.day} {month_name(first)} or "
                f"{second.day} {month_name(second)}"
                f" {y}; write the month as a word",
                ambiguous=True,
            )
        dates.append(date(*readings[0]))
        return f"<d{len(dates) - 1}>"

    def time_range(match: re.Match[str]) -> str:
        h1, m1, p1, h2, m2, p2, p2b = match.groups()
        start, start_end = _clock(text, h1, m1, p1)
        end, end_of_day = _clock(text, h2, m2, p2 or p2b)
        if start_end:
            raise PhraseError(text, "a span cannot start at 2400 hours")
        if not end_of_day and end <= start:
            raise PhraseError(text, "the span ends before it starts")
        spans.append((start, end, end_of_day))
        return f"<s{len(spans) - 1}>"

    def single_time(match: re.Match[str]) -> str:
        clocks.append(_clock(text, *match.groups()))
        return f"<t{len(clocks) - 1}>"

    def zone_word(match: re.Match[str]) -> str:
        zones.add(ZONE_WORDS[match.group(1)])
        return ""

    shape = _ZONE.sub(zone_word, phrase)
    shape = _DAY_RANGE.sub(day_range, shape)
    shape = _DATE_DMY.sub(dmy, shape)
    shape = _DATE_MDY.sub(mdy, shape)
    shape = _DATE_ISO.sub(iso, shape)
    shape = _DATE_NUMERIC.sub(numeric, shape)
    if _DATE_NO_YEAR.search(shape):
        raise PhraseError(text, "a date without a year could be any year; add the year")
    shape = _TIME_RANGE.sub(time_range, shape)
    shape = _TIME.sub(single_time, shape)
    if len(zones) > 1:
        raise PhraseError(text, "the phrase names two different time zones")
    shape = re.sub(r"\s+", " ", shape).strip(" ,")
    shape = re.sub(r" ,", ",", shape)
    return _Tokens(shape, dates, ranges, clocks, spans, next(iter(zones), None))


def _at(day: date, clock: tuple[time, bool], zone: str) -> datetime:
    moment, end_of_day = clock
    if end_of_day:
        return local_to_utc(day + timedelta(days=1), time(0, 0), zone)
    return local_to_utc(day, moment, zone)


# The shapes of absolute phrases, once tokenised.
_SHAPE_DAY = re.compile(r"<d0>")
_SHAPE_DAYS = re.compile(r"(?:from )?<r0>|(?:from )?<d0> ?(?:-|to|until) ?<d1>")
_SHAPE_INSTANT = re.compile(r"(?:at )?<t0>(?: on|,) <d0>|(?:on )?<d0>,? (?:at )?<t0>")
_SHAPE_SPAN = re.compile(r"(?:on )?<d0>,? (?:from )?<s0>|(?:from )?<s0>,? on <d0>")
_SHAPE_CLOCK = re.compile(
    r"(?:at )?<t0>(?: on the (first|opening|last|closing) day(?: of the meeting)?)?"
)

_UNITS = {
    "month": Unit.MONTHS,
    "months": Unit.MONTHS,
    "week": Unit.WEEKS,
    "weeks": Unit.WEEKS,
    "day": Unit.CALENDAR_DAYS,
    "days": Unit.CALENDAR_DAYS,
    "calendar day": Unit.CALENDAR_DAYS,
    "calendar days": Unit.CALENDAR_DAYS,
    "working day": Unit.WORKING_DAYS,
    "working days": Unit.WORKING_DAYS,
    "business day": Unit.WORKING_DAYS,
    "business days": Unit.WORKING_DAYS,
    "hour": Unit.HOURS,
    "hours": Unit.HOURS,
}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_MEETING_START = (
    r"(?:the )?(?:(?:start|beginning|opening|first day)(?: date)? of )?the meeting"
    r"|the (?:start|beginning|opening) date|the first day|the meeting opens"
)
_MEETING_END = r"(?:the )?(?:end|close|closing|last day) of the meeting"
_SESSION = r"(?:the )?(?:start of )?(?:the|each|a) session"
_RULE = re.compile(
    rf"(?:at least |no later than |not later than |by |minimum of |is )?(?:a )?({_NUMBER})(?:-| )"
    rf"(?:full )?({_UNIT}) "
    rf"(?:(before|prior to|ahead of|after|from) ?({_MEETING_START}|{_MEETING_END}|{_SESSION})?"
    rf"|in advance(?: of ({_MEETING_START}|{_SESSION}))?)"
)


def _number(text: str, word: str) -> int:
    value = int(word) if word.isdigit() else NUMBER_WORDS[word]
    if value <= 0:
        raise PhraseError(text, "a rule needs an amount above zero")
    return value


def _rule(text: str, phrase: str) -> Rule | None:
    match = _RULE.fullmatch(phrase)
    if match is None:
        return None
    amount, unit_word, side, anchor_text, advance_anchor = match.groups()
    unit = _UNITS[unit_word]
    anchor_text = anchor_text or advance_anchor
    if anchor_text is None:
        # "24 hours in advance" is before a session; "two months before", the meeting
        anchor = Anchor.SESSION_START if unit is Unit.HOURS else Anchor.MEETING_START
    elif re.fullmatch(_SESSION, anchor_text):
        anchor = Anchor.SESSION_START
    elif re.fullmatch(_MEETING_END, anchor_text):
        anchor = Anchor.MEETING_END
    else:
        anchor = Anchor.MEETING_START
    before = side not in ("after", "from")
    if unit is Unit.HOURS and anchor is not Anchor.SESSION_START:
        raise PhraseError(text, "hours are counted from a session; name a day-based amount")
    return Rule(_number(text, amount), unit, anchor, before)


# A rule inside a longer sentence: "... must be requested at least two months before the
# beginning date of the meeting ..." (what is found is then read by _rule)
_RULE_IN_TEXT = re.compile(
    rf"(?:at least|no later than|not later than|minimum of|\bis) (?:a )?(?:{_NUMBER})(?:-| )"
    rf"(?:full )?(?:{_UNIT}) "
    rf"(?:(?:before|prior to|ahead of) ?(?:{_MEETING_START}|{_MEETING_END}|{_SESSION})?"
    rf"|in advance(?: of (?:{_MEETING_START}|{_SESSION}))?)"
)


def find_rule(sentence: str) -> tuple[str, Rule] | None:
    """The first relative rule a sentence states, with the words stating it (lower case).

    Raises :class:`PhraseError` for a rule that cannot hold ("24 hours before the meeting").
    """
    text = _normalise(sentence)
    for match in _RULE_IN_TEXT.finditer(text):
        if _OTHER_ANCHOR.match(text, match.end()):
            continue  # "three weeks before travel": not counted from the meeting
        rule = _rule(sentence, match[0].strip())
        if rule is not None:
            return match[0].strip(), rule
    return None


# what a rule that names no anchor may be counted from instead of the meeting
_OTHER_ANCHOR = re.compile(
    r"\s*(?:your\s+|their\s+|the\s+(?:date\s+of\s+)?)?(?:travel\w*|trip|journey|departure|"
    r"arrival|flight|visit|stay|check-in|event|workshop|hackathon|session)\b"
)


# Phrases as letters print them inside sentences, to find them there; what is found is read
# by read_phrase. Matched without regard to case.
DATE_TEXT = rf"\d{{1,2}}\s+(?:{_MONTH})\.?\s+\d{{4}}"
DAYS_TEXT = (
    rf"(?:\d{{1,2}}(?:\s+(?:{_MONTH})\.?)?(?:\s+\d{{4}})?\s*(?:-|\u2013|to|until)\s*{DATE_TEXT}"
    rf"|\d{{1,2}}\s+and\s+{DATE_TEXT})"  # "2 and 3 May 2009": two days running
)
_HOURS_TEXT = (
    r"(?:from\s+)?(?:\d{4}\s*(?:-|\u2013|to)\s*\d{4}\s*(?:hours(?:\s+(?:UTC|GMT))?|UTC|GMT)"
    r"|\d{1,2}[:.]\d{2}\s*(?:-|\u2013|to)\s*\d{1,2}[:.]\d{2}(?:\s*hours)?)"
)
_WHEN_IN_TEXT = re.compile(
    rf"(?:{_HOURS_TEXT},?\s+on\s+)?(?:(?:on|from)\s+)?(?:{DAYS_TEXT}|{DATE_TEXT})"
    rf"(?:,?\s+{_HOURS_TEXT})?",
    re.I,
)
_INSTANT_IN_TEXT = re.compile(
    rf"\b(?:\d{{4}}\s+hours|[0-2]?\d:[0-5]\d)\s+(?:\(?(?:UTC|GMT|Geneva time)\)?\s*)?"
    rf"(?:on|,)\s+{DATE_TEXT}",
    re.I,
)


def _found(
    pattern: re.Pattern[str], text: str, zone_name: str
) -> Iterator[tuple[str, Phrase | PhraseError]]:
    for match in pattern.finditer(text):
        try:
            yield match[0], read_phrase(match[0], zone_name)
        except PhraseError as exc:
            yield match[0], exc


def find_when(text: str, zone_name: str = GENEVA) -> Iterator[tuple[str, Phrase | PhraseError]]:
    """Each date, run of days or time span a sentence states ("will take place on 13 May
    2026 from 0830 to 1030 hours"), with its words; one that looks like a phrase but cannot
    be read comes with its :class:`PhraseError`."""
    return _found(_WHEN_IN_TEXT, text, zone_name)


def find_instants(text: str, zone_name: str = GENEVA) -> Iterator[tuple[str, Phrase | PhraseError]]:
    """Each instant a sentence states ("by 2359 hours UTC on 30 April 2026"), as
    :func:`find_when` gives dates."""
    return _found(_INSTANT_IN_TEXT, text, zone_name)


def read_phrase(text: str, zone_name: str = GENEVA) -> Phrase:
    """The value of one time phrase; ``zone_name`` is the zone of times that name none.

    Raises :class:`PhraseError` for anything not understood or not readable without a
    guess (``ambiguous`` is then set for numeric dates such as 04/05/2026).
    """
    if len(text) > 500:
        raise PhraseError(text[:60] + "...", "too long for a time phrase")
    phrase = _TAIL.sub("", _LEAD.sub("", _normalise(text)))
    if not phrase:
        raise PhraseError(text, "no date or time given")
    rule = _rule(text, phrase)
    if rule is not None:
        return rule
    tokens = _tokenise(text, phrase)
    shape, stated = tokens.shape, tokens.zone
    where = stated or zone_name
    if _SHAPE_DAY.fullmatch(shape) and not tokens.clocks:
        return DayPhrase(tokens.dates[0])
    if _SHAPE_DAYS.fullmatch(shape):
        if tokens.ranges:
            return DaysPhrase(*tokens.ranges[0])
        first, last = tokens.dates[0], tokens.dates[1]
        if first > last:
            raise PhraseError(text, "the range ends before it starts")
        return DaysPhrase(first, last)
    if _SHAPE_INSTANT.fullmatch(shape):
        day = tokens.dates[0]
        return InstantPhrase(_at(day, tokens.clocks[0], where), where, day)
    if _SHAPE_SPAN.fullmatch(shape):
        day = tokens.dates[0]
        start, end, end_of_day = tokens.spans[0]
        return SpanPhrase(
            local_to_utc(day, start, where), _at(day, (end, end_of_day), where), where, day
        )
    clock_match = _SHAPE_CLOCK.fullmatch(shape)
    if clock_match is not None:
        moment, end_of_day = tokens.clocks[0]
        if end_of_day:
            raise PhraseError(text, "2400 hours needs a date")
        which = clock_match.group(1)
        meeting_day = None
        if which is not None:
            meeting_day = MeetingDay.FIRST if which in ("first", "opening") else MeetingDay.LAST
        return ClockPhrase(moment, meeting_day, stated)
    raise PhraseError(text, "not a date, time or rule that sg20desk can read")


def describe(value: Phrase) -> str:
    """How a read phrase is shown back to the user, to confirm what was understood."""
    if isinstance(value, Rule):
        return value.describe()
    if isinstance(value, DayPhrase):
        return f"{format_date(value.day)} (end of the day)"
    if isinstance(value, DaysPhrase):
        return f"{format_date(value.first)} to {format_date(value.last)}"
    if isinstance(value, InstantPhrase):
        shown = format_instant(value.at, value.zone)
        if value.at.astimezone(zone(value.zone)).date() != value.day:  # "2400 hours"
            return f"end of {format_date(value.day)} ({shown})"
        return shown
    if isinstance(value, SpanPhrase):
        return format_span(value.start, value.end, value.zone)
    where = f" {value.zone}" if value.zone else ""
    day = f" on the {value.day.value} day of the meeting" if value.day else ""
    return f"{value.clock:%H:%M}{where}{day}"
