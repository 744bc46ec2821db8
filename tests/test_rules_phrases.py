"""Reading ITU time phrases: every phrase of the two seed documents, variants, and refusals."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sg20desk.rules.deadlines import Anchor, Rule, Unit
from sg20desk.rules.phrases import (
    ClockPhrase,
    DayPhrase,
    DaysPhrase,
    InstantPhrase,
    MeetingDay,
    PhraseError,
    SpanPhrase,
    describe,
    read_phrase,
)
from sg20desk.rules.timezones import GENEVA
from tests.conftest import CIRCULAR, LETTER, seed_text


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def span(day: date, start: tuple[int, int], end: tuple[int, int], zone: str = GENEVA) -> SpanPhrase:
    from sg20desk.rules.timezones import local_to_utc

    return SpanPhrase(
        local_to_utc(day, time(*start), zone), local_to_utc(day, time(*end), zone), zone, day
    )


MEETING = Anchor.MEETING_START

# (document, phrase as printed there, what it means)
SEED_PHRASES = [
    (LETTER, "13 February 2026", DayPhrase(date(2026, 2, 13))),
    (LETTER, "12-21 May 2026", DaysPhrase(date(2026, 5, 12), date(2026, 5, 21))),
    (LETTER, "from 12 to 21 May 2026", DaysPhrase(date(2026, 5, 12), date(2026, 5, 21))),
    (
        LETTER,
        "on 2 March 2026 from 1200 to 1400 hours",
        span(date(2026, 3, 2), (12, 0), (14, 0)),  # winter: 11:00-13:00 UTC
    ),
    (LETTER, "on 7 May 2026 from 1230 to 1400 hours", span(date(2026, 5, 7), (12, 30), (14, 0))),
    (LETTER, "from 11 to 12 May 2026", DaysPhrase(date(2026, 5, 11), date(2026, 5, 12))),
    (LETTER, "on 12 May 2026", DayPhrase(date(2026, 5, 12))),
    (LETTER, "on 13 May 2026 from 0830 to 1030 hours", span(date(2026, 5, 13), (8, 30), (10, 30))),
    (LETTER, "on 14 May 2026 from 1300 to 1430 hours", span(date(2026, 5, 14), (13, 0), (14, 30))),
    (LETTER, "12 February 2026", DayPhrase(date(2026, 2, 12))),
    (
        LETTER,
        "2359 hours UTC on 30 April 2026",
        InstantPhrase(utc(2026, 4, 30, 23, 59), "UTC", date(2026, 4, 30)),
    ),
    (LETTER, "1530 hours on the first day", ClockPhrase(time(15, 30), MeetingDay.FIRST, None)),
    (LETTER, "at 0830 hours", ClockPhrase(time(8, 30), None, None)),
    (LETTER, "13 March 2026", DayPhrase(date(2026, 3, 13))),
    (LETTER, "31 March 2026", DayPhrase(date(2026, 3, 31))),
    (LETTER, "10 April 2026", DayPhrase(date(2026, 4, 10))),
    (LETTER, "29 April 2026", DayPhrase(date(2026, 4, 29))),
    (LETTER, "30 April 2026", DayPhrase(date(2026, 4, 30))),
    (
        LETTER,
        "at least 24 hours in advance",
        Rule(24, Unit.HOURS, Anchor.SESSION_START),
    ),
    (
        LETTER,
        "at least two months before the beginning date of the meeting",
        Rule(2, Unit.MONTHS, MEETING),
    ),
    (LETTER, "at least one month before the start of the meeting", Rule(1, Unit.MONTHS, MEETING)),
    (LETTER, "by 31 March 2026 at the latest", DayPhrase(date(2026, 3, 31))),
    (LETTER, "at least seven weeks before the meeting", Rule(7, Unit.WEEKS, MEETING)),
    (LETTER, "no later than one month before the meeting", Rule(1, Unit.MONTHS, MEETING)),
    (
        LETTER,
        "2 March 2026, 1200 to 1400 hours (Geneva time)",
        span(date(2026, 3, 2), (12, 0), (14, 0)),
    ),
    (
        LETTER,
        "7 May 2026, 1230 to 1400 hours (Geneva time)",
        span(date(2026, 5, 7), (12, 30), (14, 0)),
    ),
    (LETTER, "15-25 September 2025", DaysPhrase(date(2025, 9, 15), date(2025, 9, 25))),
    (LETTER, "26-30 January 2026", DaysPhrase(date(2026, 1, 26), date(2026, 1, 30))),
    (CIRCULAR, "13 February 2026", DayPhrase(date(2026, 2, 13))),
    (CIRCULAR, "from 12 to 21 May 2026", DaysPhrase(date(2026, 5, 12), date(2026, 5, 21))),
    (
        CIRCULAR,
        "by 2359 hours UTC on 30 April 2026",
        InstantPhrase(utc(2026, 4, 30, 23, 59), "UTC", date(2026, 4, 30)),
    ),
]


@pytest.mark.parametrize(("document", "phrase", "meaning"), SEED_PHRASES)
def test_every_phrase_of_the_seed_documents(document: str, phrase: str, meaning: object) -> None:
    assert phrase in " ".join(seed_text(document).split()), "the phrase is printed there"
    assert read_phrase(phrase) == meaning


# phrases as other letters write them
VARIANTS = [
    # the issue's own list
    (
        "2400 hours UTC on 11 January 2001",
        InstantPhrase(utc(2001, 1, 12), "UTC", date(2001, 1, 11)),
    ),
    ("two months before", Rule(2, Unit.MONTHS, MEETING)),
    ("six weeks before", Rule(6, Unit.WEEKS, MEETING)),
    ("12 calendar days before", Rule(12, Unit.CALENDAR_DAYS, MEETING)),
    (
        "seven working days before the beginning of the meeting",
        Rule(7, Unit.WORKING_DAYS, MEETING),
    ),
    # other months and years, spacing, dashes, case
    ("1 December 2027", DayPhrase(date(2027, 12, 1))),
    ("  13   March  2026 ", DayPhrase(date(2026, 3, 13))),
    ("13 MARCH 2026.", DayPhrase(date(2026, 3, 13))),
    ("Tuesday, 12 May 2026", DayPhrase(date(2026, 5, 12))),
    ("12th May 2026", DayPhrase(date(2026, 5, 12))),
    ("May 12, 2026", DayPhrase(date(2026, 5, 12))),
    ("12 Sept 2026", DayPhrase(date(2026, 9, 12))),
    ("2026-05-12", DayPhrase(date(2026, 5, 12))),
    ("25/05/2026", DayPhrase(date(2026, 5, 25))),  # only one reading is a date
    ("from 11 \u2013 12 May 2026", DaysPhrase(date(2026, 5, 11), date(2026, 5, 12))),
    ("11\u201312 May 2026", DaysPhrase(date(2026, 5, 11), date(2026, 5, 12))),
    ("from 28 April to 3 May 2026", DaysPhrase(date(2026, 4, 28), date(2026, 5, 3))),
    ("29 December 2026 - 2 January 2027", DaysPhrase(date(2026, 12, 29), date(2027, 1, 2))),
    (
        "2400 hours on 29 February 2028",
        InstantPhrase(utc(2028, 2, 29, 23), GENEVA, date(2028, 2, 29)),
    ),
    (
        "2359 hours on 30 October 2026",
        InstantPhrase(utc(2026, 10, 30, 22, 59), GENEVA, date(2026, 10, 30)),
    ),
    ("23:59 UTC, 30 April 2026", InstantPhrase(utc(2026, 4, 30, 23, 59), "UTC", date(2026, 4, 30))),
    (
        "30 April 2026 at 23.59 GMT",
        InstantPhrase(utc(2026, 4, 30, 23, 59), "UTC", date(2026, 4, 30)),
    ),
    ("on 2 March 2026 from 12:00\u201314:00", span(date(2026, 3, 2), (12, 0), (14, 0))),
    ("from 0900 to 1200 hours on 3 March 2026", span(date(2026, 3, 3), (9, 0), (12, 0))),
    ("on 3 March 2026 from 0900 to 1200 hours UTC", span(date(2026, 3, 3), (9, 0), (12, 0), "UTC")),
    (
        "0930 hours on the first day of the meeting",
        ClockPhrase(time(9, 30), MeetingDay.FIRST, None),
    ),
    ("1200 hours UTC on the last day", ClockPhrase(time(12, 0), MeetingDay.LAST, "UTC")),
    ("one month before the start of the meeting", Rule(1, Unit.MONTHS, MEETING)),
    ("at least 6 weeks before the meeting", Rule(6, Unit.WEEKS, MEETING)),
    ("at least twelve calendar days before the meeting", Rule(12, Unit.CALENDAR_DAYS, MEETING)),
    ("10 working days prior to the meeting", Rule(10, Unit.WORKING_DAYS, MEETING)),
    ("three months before the opening of the meeting", Rule(3, Unit.MONTHS, MEETING)),
    ("24 hours in advance", Rule(24, Unit.HOURS, Anchor.SESSION_START)),
    ("48 hours before the session", Rule(48, Unit.HOURS, Anchor.SESSION_START)),
    ("four weeks after the end of the meeting", Rule(4, Unit.WEEKS, Anchor.MEETING_END, False)),
]


@pytest.mark.parametrize(("phrase", "meaning"), VARIANTS)
def test_variants_other_letters_write(phrase: str, meaning: object) -> None:
    assert read_phrase(phrase) == meaning


def test_times_without_a_zone_are_in_the_meetings_zone() -> None:
    tokyo = read_phrase("on 2 March 2026 from 1200 to 1400 hours", "Asia/Tokyo")
    assert isinstance(tokyo, SpanPhrase)
    assert tokyo.start == utc(2026, 3, 2, 3) and tokyo.zone == "Asia/Tokyo"
    # a zone the phrase names wins over the meeting's
    stated = read_phrase("2359 hours UTC on 30 April 2026", "Asia/Tokyo")
    assert isinstance(stated, InstantPhrase) and stated.zone == "UTC"


def test_summer_time_is_applied_to_the_day_of_the_phrase() -> None:
    winter = read_phrase("on 2 March 2026 from 1200 to 1400 hours")
    summer = read_phrase("on 7 May 2026 from 1230 to 1400 hours")
    assert isinstance(winter, SpanPhrase) and isinstance(summer, SpanPhrase)
    assert winter.start == utc(2026, 3, 2, 11) and summer.start == utc(2026, 5, 7, 10, 30)


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("04/05/2026", "could be 4 May or 5 April 2026"),
        ("05.04.2026", "could be 5 April or 4 May 2026"),
        ("4/5/26", "two-digit year"),
        ("13 March", "without a year"),
        ("31 April 2026", "April 2026 has no day 31"),
        ("29 February 2026", "February 2026 has no day 29"),
        ("Monday 12 May 2026", "is a Tuesday, not a Monday"),
        ("2500 hours on 1 May 2026", "not a time of day"),
        ("on 1 May 2026 from 1400 to 1200 hours", "ends before it starts"),
        ("from 12 to 11 May 2026", "ends before it starts"),
        ("2359 hours UTC on 30 April 2026 (Geneva time)", "two different time zones"),
        ("24 hours before the meeting", "counted from a session"),
        ("0 days before the meeting", "above zero"),
        ("2400 hours", "needs a date"),
        ("soon", "not a date, time or rule"),
        ("next Tuesday", "not a date, time or rule"),
        ("", "no date or time"),
        ("13 March 2026 and 14 March 2026", "not a date, time or rule"),
    ],
)
def test_what_cannot_be_read_without_guessing_is_refused(phrase: str, reason: str) -> None:
    with pytest.raises(PhraseError, match=reason) as caught:
        read_phrase(phrase)
    assert caught.value.ambiguous == ("could be" in reason)


@pytest.mark.parametrize(
    ("phrase", "shown"),
    [
        ("2359 hours UTC on 30 April 2026", "Thu 30 April 2026 23:59 UTC"),
        (
            "2400 hours UTC on 11 January 2001",
            "end of Thu 11 January 2001 (Fri 12 January 2001 00:00 UTC)",
        ),
        ("13 March 2026", "Fri 13 March 2026 (end of the day)"),
        ("at least 24 hours in advance", "24 hours before the session"),
        ("on 7 May 2026 from 1230 to 1400 hours", "Thu 7 May 12:30-14:00 CEST"),
        ("1530 hours on the first day", "15:30 on the first day of the meeting"),
    ],
)
def test_what_was_understood_is_shown_back(phrase: str, shown: str) -> None:
    assert describe(read_phrase(phrase)) == shown


@given(st.text(max_size=80))
def test_any_text_gives_a_value_or_a_phrase_error(text: str) -> None:
    with contextlib.suppress(PhraseError):
        read_phrase(text)


PIECES = [*"0123456789 /.-:\u2013,()", "hours", "UTC", " May ", "to", "from", "on", "at least"]
PIECES += ["before", "the meeting", "2400", "on the first day", "in advance", "weeks", "Monday"]


@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_phrase_soup_gives_a_value_or_a_phrase_error(text: str) -> None:
    with contextlib.suppress(PhraseError):
        read_phrase(text)


def test_letters_are_read_in_english_whatever_the_desktops_locale() -> None:
    """Qt sets the process's locale from the desktop's when the window starts; the month
    and day names the letters use, and those the program shows, must not follow it (here
    the calendar module is made to name months and days in French before the phrases are
    first loaded; strftime follows the same locale)."""
    import subprocess
    import sys

    script = (
        "import calendar\n"
        "calendar.month_name = ['', 'janvier', 'février', 'mars'] + ['x'] * 9\n"
        "calendar.month_abbr = ['', 'janv.', 'févr.', 'mars'] + ['x'] * 9\n"
        "calendar.day_name = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', "
        "'dimanche']\n"
        "calendar.day_abbr = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.']\n"
        "from sg20desk.rules.phrases import read_phrase\n"
        "print(read_phrase('Friday, 13 March 2026'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "2026, 3, 13" in done.stdout


def test_dates_are_shown_in_english_under_a_french_locale() -> None:
    """What Qt does when the window starts on a French desktop (.ci/run makes the locale)."""
    import locale
    from datetime import UTC, date, datetime

    from sg20desk.rules.timezones import format_date, format_days, format_instant

    saved = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, "fr_FR.UTF-8")
    except locale.Error:
        pytest.skip("no fr_FR.UTF-8 locale on this machine (.ci/run generates it)")
    try:
        assert f"{date(2026, 3, 13):%B}" == "mars"  # the locale is in force
        assert format_date(date(2026, 3, 13)) == "Fri 13 March 2026"
        assert format_days(date(2026, 5, 12), date(2026, 5, 21)) == "12-21 May 2026"
        shown = format_instant(datetime(2026, 4, 30, 23, 59, tzinfo=UTC), "Europe/Zurich")
        assert shown == "Fri 1 May 2026 01:59 CEST"
    finally:
        locale.setlocale(locale.LC_TIME, saved)
