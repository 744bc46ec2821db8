"""A letter's heading and frame: which letter it is, its date, the meeting it names, where its body
and annexes are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sg20desk.exchange.letters.model import Body, Kind, LetterError, Line, Meeting, ReadWarning
from sg20desk.exchange.letters.text import find, paragraphs
from sg20desk.rules.documents import (
    CIRCULAR_REF,
)
from sg20desk.rules.phrases import (
    DATE_TEXT,
    DAYS_TEXT,
    DayPhrase,
    DaysPhrase,
    PhraseError,
    read_phrase,
)
from sg20desk.rules.places import zone_of_place
from sg20desk.rules.timezones import (
    GENEVA,
)

# --- what kind of letter -----------------------------------------------------------------

COLLECTIVE_REF = re.compile(
    r"\bCollective[\s-]+letter\s+(\d{1,3})\s*/\s*(\d{1,3}|TSAG|(?:SG)?\d{1,3}RG-?[A-Z]{2,6})\b",
    re.I,
)


#: "Addendum 1 to TSB Collective letter 3/20", "Corrigendum to Collective-letter 2/TSAG"
AMENDMENT_REF = re.compile(
    r"\b(Addendum|Corrigendum)\s*(\d{1,2})?\s+to\s+(?:TSB\s+)?Collective[\s-]+letter\s+"
    r"(\d{1,3})\s*/\s*(\d{1,3}|TSAG)\b",
    re.I,
)
SALUTATION = re.compile(r"^Dear\b", re.I)
_REF_LABEL = re.compile(r"^Ref\s*[.:]", re.I)
_HEADING_LINES = 150  # a copy's page title and the heading come before this
_DATED = re.compile(r"^(?:[A-Z][\w .'-]*,\s*)?(\d{1,2}\s+[A-Za-z]+\s+\d{4})$")


def salutation(lines: Sequence[Line]) -> int | None:
    """Where the letter's "Dear ..." stands: the first after its reference (a web page's
    title above a copied letter may say "Dear Sir/Madam" too), else the first."""
    first = find(lines, SALUTATION)
    for index, line in enumerate(lines[:_HEADING_LINES]):
        if COLLECTIVE_REF.search(line.plain) or CIRCULAR_REF.search(line.plain):  # or addendum
            return find(lines, SALUTATION, index) if first is not None else None
    return first


def kind_of(lines: Sequence[Line], source: str) -> tuple[Kind, str, int]:
    """Which letter this is, by the reference in its heading (before "Dear ...")."""
    end = salutation(lines)
    heading = lines[: end if end is not None else min(len(lines), 80)]
    ref = find(heading, _REF_LABEL)
    # the reference follows "Ref:"; without that label, the heading's first reference
    ordered = list(heading[ref:]) + list(heading[:ref]) if ref is not None else list(heading)
    for line in ordered:
        amended = AMENDMENT_REF.search(line.plain)
        if amended:
            which = f"{amended[1].capitalize()}{f' {amended[2]}' if amended[2] else ''}"
            letter = f"TSB Collective letter {amended[3]}/{amended[4]}"
            return Kind.ADDENDUM, f"{which} to {letter}", line.number
        collective = COLLECTIVE_REF.search(line.plain)
        if collective:
            number = f"{collective[1]}/{collective[2]}"
            return Kind.COLLECTIVE_LETTER, f"TSB Collective letter {number}", line.number
        circular = CIRCULAR_REF.search(line.plain)
        if circular:
            return Kind.CIRCULAR, f"TSB Circular {circular[1]}", line.number
    what = _what_it_is(lines[:_HEADING_LINES])
    if what is not None:
        raise LetterError(
            f"{source}: appears to be {what}, not a TSB Collective letter or Circular; "
            "sg20desk reads the letters TSB sends for ITU-T meetings"
        )
    raise LetterError(
        f"{source}: not a TSB Collective letter or Circular: its heading names neither "
        "(such as 'Ref: TSB Collective letter 3/20' or 'Ref: TSB Circular 106')"
    )


# documents that come to delegates beside TSB's letters, by what their opening says
_OTHER_DOCUMENTS = (
    (
        re.compile(r"Radiocommunication\s+Bureau|\bCircular\s+Letter\s*\d+/\w+|\bITU-R\b"),
        "a letter of the Radiocommunication Bureau (ITU-R)",
    ),
    (
        re.compile(r"Telecommunication\s+Development\s+Bureau|\bBDT\b|\bITU-D\b"),
        "a letter of the Telecommunication Development Bureau (ITU-D)",
    ),
    (re.compile(r"\bTEMPORARY\s+DOCUMENT\b|^TD\s*\d+\b", re.I), "a temporary document (TD)"),
    (re.compile(r"\bLIAISON\s+STATEMENT\b", re.I), "a liaison statement"),
    (re.compile(r"^CONTRIBUTION\b|\bContribution\s+\d+\b"), "a contribution"),
    (re.compile(r"\bExecutive\s+summary\b", re.I), "an executive summary"),
    (re.compile(r"\bGeneral\s+Secretariat\b|\bDM-\d+"), "a letter of the ITU General Secretariat"),
)


def _what_it_is(lines: Sequence[Line]) -> str | None:
    """What a document that names no TSB letter appears to be, from its opening lines."""
    for pattern, what in _OTHER_DOCUMENTS:
        if any(pattern.search(line.plain) for line in lines):
            return what
    return None


def date_of(lines: Sequence[Line], ref_line: int) -> date | None:
    """The letter's date: the heading's "Geneva, 13 February 2026"."""
    for line in lines[: max(ref_line + 10, 40)]:
        match = _DATED.match(line.plain)
        if match:
            try:
                value = read_phrase(match[1])
            except PhraseError:
                continue
            if isinstance(value, DayPhrase):
                return value.day
    return None


SUBJECT_LABEL = re.compile(r"^Subject\s*(?::|$)", re.I)  # also "Subject" on a line alone
GROUP = re.compile(r"\bStudy\s+Group\s+(\d{1,3})\b", re.I)
NUMBERED = re.compile(r"^(\d{1,2})(?:\.|\t| )\s*(\S.*)$")
BULLET = re.compile(r"^[-–•·*]\s*(\S.*)$")
KEY_DEADLINES = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:(?:Key|Important|Main)\s+)?deadlines(?:\s+for\s+(?:the\s+)?meeting)?"
    r"\s*:?$"
    # "6 Please note the following deadlines:", "The deadlines are as follows:"
    r"|^(?:\d{1,2}\.?\s+)?[^.:]{0,50}\b(?:following|key|these)\s+(?:deadlines|dates)\b"
    r"[^.:]{0,30}:$"
    r"|^(?:\d{1,2}\.?\s+)?[^.:]{0,30}\bdeadlines\s+are\s+as\s+follows\s*:$",
    re.I,
)
ANNEX = re.compile(r"^ANNEX\s+([A-Z0-9]{1,2})\b\s*(.*)$", re.I)
CLOSING = re.compile(r"^(?:I wish you|Yours (?:faithfully|sincerely)|\(signed\))", re.I)
ADVICE = re.compile(r"\b(?:recommended|suggested|encouraged|advised)\b", re.I)
_NAME = r"[A-Z][\w'-]*(?:\s(?:(?:of|and|the|de|del|do|da|el|la|es)\s)?[A-Z][\w'-]*)*"
IN_PLACE = re.compile(rf"\bin\s+({_NAME},\s*{_NAME})")
VIRTUAL = re.compile(
    r"\bvirtual(?:ly)?\b(?!\s+worlds?\b)|\bvia\s+MyMeetings\b|\be-meeting\b|\bremotely\b"
    r"|\bonline\b(?!\s+(?:registration|form))",
    re.I,
)


# the body that meets: a study group, one of its Working Parties, TSAG, a regional group
# a region's name in capitals ("Africa", "Latin America and the Caribbean"), whatever the
# case of the words around it
_REGION = r"(?P<region>(?-i:[A-Z][\w-]*(?:\s+(?:and\s+(?:the\s+)?)?[A-Z][\w-]*){0,4}))"
BODY = re.compile(
    r"\b(?:Working\s+Party\s+(?P<wp>\d{1,2})\s*/\s*(?P<wp_group>\d{1,3})"
    r"|(?P<tsag>Telecommunication\s+Standardization\s+Advisory\s+Group|TSAG)\b"
    r"|(?:(?:ITU-T\s+)?Study\s+Group\s+(?P<rg_before>\d{1,3})\s+)?Regional\s+Group\s+"
    r"(?:of\s+(?:ITU-T\s+)?Study\s+Group\s+(?P<rg_group>\d{1,3})\s+)?"
    rf"for\s+(?:the\s+)?{_REGION}(?:\s*\((?P<rg_code>SG\d{{1,3}}RG-[A-Z]{{2,6}})\))?"
    r"|(?P<code_only>SG(?P<code_group>\d{1,3})RG-[A-Z]{2,6})\b"  # "the SG3RG-AFR"
    r"|Study\s+Group\s+(?P<group>\d{1,3})\b)",
    re.I,
)


_TSAG = r"(?:Telecommunication\s+Standardization\s+Advisory\s+Group|TSAG)"


def body_named(match: re.Match[str]) -> Body:
    """The body a match of :data:`BODY` names."""
    if match["wp"]:
        group = f"SG{int(match['wp_group'])}"
        name = f"Working Party {int(match['wp'])}/{int(match['wp_group'])}"
        pattern = rf"Working\s+Party\s+{int(match['wp'])}\s*/\s*{int(match['wp_group'])}"
        return Body(group, name, pattern, str(int(match["wp"])))
    if match["tsag"]:
        return Body("TSAG", "TSAG", _TSAG)
    if match["region"]:
        region = " ".join(match["region"].split())
        code_group = re.match(r"SG(\d{1,3})", match["rg_code"] or "")
        number = match["rg_group"] or match["rg_before"] or (code_group[1] if code_group else None)
        group = f"SG{int(number)}" if number else "RG"
        name = (
            f"Study Group {int(number)} Regional Group for {region}"
            if number
            else (f"Regional Group for {region}")
        )
        # its own code, so that it is never taken for its study group's meeting
        code = match["rg_code"] or f"{group}RG-{region.split()[0][:3].upper()}"
        if match["rg_code"]:
            name = f"{name} ({match['rg_code']})"
        return Body(group, name, re.escape(match[0]).replace(r"\ ", r"\s+"), regional=code)
    if match["code_only"]:
        code = match["code_only"].upper()
        group = f"SG{int(match['code_group'])}"
        name = f"Study Group {int(match['code_group'])} Regional Group ({code})"
        return Body(group, name, re.escape(code), regional=code)
    number = int(match["group"])
    return Body(f"SG{number}", f"Study Group {number}", rf"Study\s+Group\s+{number}")


def group_of(reference: str, lines: Sequence[Line]) -> str:
    match = re.search(r"/(\d+|TSAG|(?:SG)?(\d{1,3})RG-?[A-Z]+)$", reference)
    if match:
        if match[2]:  # "TSB Collective letter 2/SG20RG-AFR": the regional group's
            return f"SG{int(match[2])}"
        return "TSAG" if match[1] == "TSAG" else f"SG{int(match[1])}"
    for line in lines:
        found = GROUP.search(line.plain)
        if found:
            return f"SG{int(found[1])}"
    return ""


_FIELD = re.compile(r"^[A-Z][\w .-]{0,20}:(?:\s|$)")  # "Tel:", "Copy:", "E-mail:"


def after_label(lines: Sequence[Line], label: re.Pattern[str]) -> tuple[Line, str] | None:
    """The text of a heading field: on the label's line after it, or the next lines; a
    field wrapped over lines ("Subject: ... of ITU-T Study" / "Group 13 (Busan, ...)") is
    joined, up to the next field, an empty line or the salutation."""
    index = find(lines, label)
    if index is None:
        return None
    line = lines[index]
    rest = label.sub("", line.plain, count=1).strip()
    start = index + 1
    if not rest:
        following = next(
            (i for i in range(index + 1, min(index + 4, len(lines))) if lines[i].plain), None
        )
        if following is None:
            return None
        line, rest, start = lines[following], lines[following].plain, following + 1
    parts = [rest]
    for more in lines[start : start + 4]:
        text = more.plain
        if not text or _FIELD.match(text) or SALUTATION.match(text) or "\t" in more.raw:
            break
        parts.append(text)
    return line, " ".join(parts)


def _mandate(text: str, body: Body) -> str:
    """The words in brackets after the body's name ("Study Group 13 (Future networks)")."""
    match = re.search(rf"{body.pattern}\s*\(", text, re.I)
    if not match:
        return ""
    depth, start = 0, match.end() - 1
    for index in range(start, min(len(text), start + 400)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            mandate = text[start + 1 : index].strip()
            mandate = re.sub(r"^[A-Z]{2,5}\d*(?:/\d+)?:\s*", "", mandate)  # "SG20: ..."
            if re.fullmatch(r"[A-Z]{2,6}", mandate):  # "(TSAG)": the name, not a mandate
                return ""
            # a place and days in brackets are not a mandate ("(Sophia Antipolis, 13-22 ...)")
            if re.search(DAYS_TEXT + "|" + DATE_TEXT, mandate, re.I) or re.match(
                r"^(?:Mr|Ms|Mrs|Dr|Prof)\b", mandate
            ):
                return ""
            return mandate
    return ""


def _place_in(text: str) -> str:
    """The place a paragraph says the meeting is held at ("at ITU headquarters, Geneva")."""
    found = IN_PLACE.search(text)
    if found:
        place = found[1].strip().rstrip(",")
        if re.search(r"\bheadquarters\b", text, re.I) and "ITU" in text:
            return f"ITU headquarters, {place}"
        return place
    if re.search(r"\bITU\s+headquarters\b", text, re.I):
        at = re.search(r"\bITU\s+headquarters,?\s+(?:in\s+)?([A-Z][a-z]+)\b", text)
        return f"ITU headquarters, {at[1]}" if at else "ITU headquarters, Geneva"
    return ""


_SUBJECT_WHEN = re.compile(
    rf"(?:[;(]|\)\s|\s[-–]\s|,)\s*(?P<place>[^;()\d]{{2,60}}?),\s*(?P<days>{DAYS_TEXT}|{DATE_TEXT})",
    re.I,
)
_WHEN_ONLY = re.compile(rf"(?P<days>{DAYS_TEXT}|{DATE_TEXT})", re.I)
_ONLINE = re.compile(
    r"\b(?:e-?meetings?|virtual(?:ly)?|fully\s+(?:electronic|online|remote)|online\s+meeting)\b",
    re.I,
)


def _city_words(text: str) -> str:
    """The place at the end of a subject's words: "... of the WTSA Geneva" is Geneva."""
    text = re.sub(r"^(?:and|in|at)\s+", "", text.strip("[]{}<> "))
    words = set(re.findall(r"\b[a-z]{3,}\b", text)) - {"del", "los", "las", "dos", "das"}
    if _ONLINE.search(text) or not words:
        return text
    word = r"[A-Z][a-z'’-][\w'’-]*"  # a capitalised word, not an acronym ("WTSA")
    city = re.search(rf"({word}(?:[\s-](?:{word}|de|del|el|es|la))*)$", text)
    return city[1] if city else text


def meeting_of(
    lines: Sequence[Line], source: str, group: str, warnings: list[ReadWarning]
) -> Meeting:
    """The meeting as the subject and the first paragraph state it."""
    found = Meeting(group=group)
    subject = after_label(lines, SUBJECT_LABEL)
    subject_days: DaysPhrase | None = None
    body: Body | None = None
    subject_online = False
    if subject is not None:
        line, text = subject
        named = BODY.search(text)
        body = body_named(named) if named else None
        match = _SUBJECT_WHEN.search(text) or _WHEN_ONLY.search(text)
        if match:
            place = _city_words((match.groupdict().get("place") or "").strip(" ,;-–"))
            if place and not BODY.search(place):
                found.place = place
            subject_days = days_of(match["days"], line, source, warnings)
        subject_online = bool(_ONLINE.search(text))
    start = salutation(lines) or 0
    first_para = next(
        (
            (line, text)
            for line, text in paragraphs(lines[start + 1 :])
            if BODY.search(text) and re.search(DATE_TEXT, text, re.I)
        ),
        None,
    )
    para_days: DaysPhrase | None = None
    if first_para is not None:
        line, text = first_para
        if body is None or (body.group != group and group):
            named = BODY.search(text)
            body = body_named(named) if named else body
        match = re.search(rf"\bfrom\s+(?:{DAYS_TEXT}|{DATE_TEXT})", text, re.I) or re.search(
            rf"\b(?:meets?|meeting|held|take\s+place|convened?)\b[^.;]{{0,60}}?\bon\s+{DATE_TEXT}",
            text,
            re.I,
        )
        if match:
            para_days = days_of(match[0], line, source, warnings)
        found.place = _place_in(text) or found.place
        if body is not None:
            found.title = _mandate(text, body)
    if body is None:
        number = group.removeprefix("SG")
        body = Body(group, f"Study Group {number}" if number.isdigit() else group, re.escape(group))
    found.body, found.group = body, body.group if body.group != "RG" else (group or "RG")
    mandate = found.title
    found.title = f"Meeting of ITU-T {body.name}" + (f" ({mandate})" if mandate else "")
    days = subject_days or para_days
    if subject_days and para_days and subject_days != para_days:
        assert first_para is not None
        if subject_days.first == subject_days.last == para_days.first:
            days = para_days  # the subject names the first day, the paragraph all of them
        else:
            warnings.append(
                ReadWarning(
                    source,
                    first_para[0].number,
                    f"the subject gives the meeting as {subject_days.first} to "
                    f"{subject_days.last} but this paragraph {para_days.first} to "
                    f"{para_days.last}; keeping the subject's",
                )
            )
    if days is None:
        raise LetterError(
            f"{source}: the meeting's dates are given neither in the subject nor "
            "in a paragraph naming the study group ('from 12 to 21 May 2026')"
        )
    found.first, found.last = days.first, days.last
    online = subject_online or bool(found.place and _ONLINE.search(found.place))
    if online and (not found.place or _ONLINE.search(found.place)):
        found.place, found.virtual = "online (e-meeting)", True
        found.zone = GENEVA  # an e-meeting keeps Geneva time unless the letter says otherwise
        return found
    found.virtual = online
    city_zone = zone_of_place(found.place) if found.place else GENEVA
    if city_zone is None:
        warnings.append(
            ReadWarning(
                source,
                subject[0].number if subject else 1,
                f"sg20desk does not know the time zone of {found.place!r}: times are read as "
                "Geneva time; set the meeting's zone in the preview or after importing",
            )
        )
    found.zone = city_zone or GENEVA
    return found


def days_of(text: str, line: Line, source: str, warnings: list[ReadWarning]) -> DaysPhrase | None:
    try:
        value = read_phrase(text)
    except PhraseError as exc:
        warnings.append(ReadWarning(source, line.number, str(exc)))
        return None
    if isinstance(value, DayPhrase):
        return DaysPhrase(value.day, value.day)
    return value if isinstance(value, DaysPhrase) else None


def body_of(lines: Sequence[Line]) -> tuple[int, int]:
    """The letter's body: from "Dear ..." to its closing, or to the first annex."""
    start = salutation(lines)
    start = 0 if start is None else start + 1
    end = len(lines)
    for index in range(start, len(lines)):
        if ANNEX.match(lines[index].plain) or re.match(
            r"^Yours (?:faithfully|sincerely)", lines[index].plain, re.I
        ):
            end = index
            break
    return start, end


_ANNEX_TO = re.compile(r"^\(to\s+TSB\s+Collective[\s-]+letter\s+\S+\)$", re.I)


# an annex's heading on a line of its own: "ANNEX A", "Annex 2", "ANNEX", "Annex B - Agenda"
ANNEX_LINE = re.compile(
    # (a title after it without a dash is short and no sentence: "ANNEX B Draft agenda")
    r"^(?:ANNEX|Annex)(?:\s+([A-Z0-9]{1,2}))?\.?(?:\s*[-–:]\s*(.{0,80})|\s+[^.]{1,40})?$"
)
_PRACTICAL = re.compile(
    r"practical|general\s+information|meeting\s+(?:arrangements|information)|working\s+methods"
    r"|logistic|deadlines\s+for\s+contributions",
    re.I,
)


def annexes(lines: Sequence[Line]) -> list[tuple[str, int, int]]:
    """The annexes after the letter's body: (their letter or number, first line, end), from
    each heading on a line of its own to the next."""
    starts = [
        (match[1] or "", index)
        for index, line in enumerate(lines)
        if (match := ANNEX_LINE.match(line.plain)) is not None
    ]
    return [
        (name, index, starts[position + 1][1] if position + 1 < len(starts) else len(lines))
        for position, (name, index) in enumerate(starts)
    ]


def annex_about(
    lines: Sequence[Line], about: re.Pattern[str], default: str
) -> tuple[int, int] | None:
    """Where the annex a letter gives for something is: the first whose heading or first
    lines say what it is about, else the one named ``default`` ("A", "B")."""
    found = annexes(lines)
    for _name, start, end in found:
        head = [lines[start].plain, *(line.plain for line in lines[start + 1 : end] if line.plain)][
            :4
        ]
        if any(about.search(text) for text in head):
            return start, end
    for name, start, end in found:
        if name.upper() == default:
            return start, end
    return None


def annex_a(lines: Sequence[Line]) -> Sequence[Line]:
    """The lines of the practical information (Annex A, or the annex titled so), none
    when there is none."""
    where = annex_about(lines, _PRACTICAL, "A")
    if where is not None:
        return lines[where[0] + 1 : where[1]]
    # a copy that lost the heading keeps its "(to TSB Collective letter 5/9)"
    start = next((i for i, line in enumerate(lines) if _ANNEX_TO.match(line.plain)), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if ANNEX.match(lines[i].plain)), len(lines))
    return lines[start + 1 : end]
