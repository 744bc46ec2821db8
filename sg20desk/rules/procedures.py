"""How a draft Recommendation is approved: its stages, the moves allowed between them, the
dates each procedure sets, and the tally of a TAP consultation.

Two procedures exist (see DESIGN.md, "Domain rules"):

- TAP, the Traditional Approval Procedure of WTSA Resolution 1, section 9. A study group or
  working party *determines* a draft; the Director announces it at least three months
  before the meeting that is to approve it and makes the texts available a month before;
  Member States reply to a consultation that closes seven working days before the meeting
  opens unless the circular states the deadline; the meeting may consider the draft when
  70 % or more of the replies received assign authority to the study group (or when none
  arrive); a delegation may ask for more time, and its Member State then has four weeks to
  object; the result circular follows within four weeks of the meeting's close.
- AAP, the Alternative Approval Procedure of Recommendation ITU-T A.8. A meeting *consents*
  a draft; a four-week Last Call follows; comments other than typing errors lead to comment
  resolution and then a three-week Additional Review, or to a study-group meeting announced
  at least three weeks ahead; the result is announced within two weeks. A Member State may
  move the draft to TAP by stating that it has policy or regulatory implications.

The periods and the threshold are data, not literals here: :func:`read_terms` reads them
from ``resources/rules/procedures.json``, where each carries its source. Everything in this
module is pure: dates in, dates out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from sg20desk.rules.approval import Procedure as Procedure
from sg20desk.rules.deadlines import Unit, shift_date
from sg20desk.rules.timezones import format_date, format_instant, local_to_utc


class Stage(StrEnum):
    # TAP
    DETERMINED = "determined"
    ANNOUNCED = "announced"
    CONSULTATION_OPEN = "consultation_open"
    CONSULTATION_CLOSED = "consultation_closed"
    MORE_TIME_REQUESTED = "more_time_requested"
    # AAP
    CONSENTED = "consented"
    LAST_CALL = "last_call"
    COMMENT_RESOLUTION = "comment_resolution"
    ADDITIONAL_REVIEW = "additional_review"
    REFERRED_TO_MEETING = "referred_to_meeting"
    MOVED_TO_TAP = "moved_to_tap"
    # both
    APPROVED = "approved"
    NOT_APPROVED = "not_approved"
    PUBLISHED = "published"


STAGE_LABELS: dict[str, str] = {
    Stage.DETERMINED: "Determined",
    Stage.ANNOUNCED: "Announced",
    Stage.CONSULTATION_OPEN: "Consultation open",
    Stage.CONSULTATION_CLOSED: "Consultation closed",
    Stage.MORE_TIME_REQUESTED: "More time requested",
    Stage.CONSENTED: "Consented",
    Stage.LAST_CALL: "Last Call",
    Stage.COMMENT_RESOLUTION: "Comment resolution",
    Stage.ADDITIONAL_REVIEW: "Additional Review",
    Stage.REFERRED_TO_MEETING: "Referred to a study-group meeting",
    Stage.MOVED_TO_TAP: "Moved to TAP",
    Stage.APPROVED: "Approved",
    Stage.NOT_APPROVED: "Not approved",
    Stage.PUBLISHED: "Published",
}

#: The stages of each procedure, in the order a draft usually passes them.
STAGES: dict[Procedure, tuple[Stage, ...]] = {
    Procedure.TAP: (
        Stage.DETERMINED,
        Stage.ANNOUNCED,
        Stage.CONSULTATION_OPEN,
        Stage.CONSULTATION_CLOSED,
        Stage.MORE_TIME_REQUESTED,
        Stage.APPROVED,
        Stage.NOT_APPROVED,
        Stage.PUBLISHED,
    ),
    Procedure.AAP: (
        Stage.CONSENTED,
        Stage.LAST_CALL,
        Stage.COMMENT_RESOLUTION,
        Stage.ADDITIONAL_REVIEW,
        Stage.REFERRED_TO_MEETING,
        Stage.MOVED_TO_TAP,
        Stage.APPROVED,
        Stage.NOT_APPROVED,
        Stage.PUBLISHED,
    ),
}

_TAP_ENTRY = (Stage.DETERMINED, Stage.ANNOUNCED, Stage.CONSULTATION_OPEN)

#: The stages of a TAP draft whose consultation may still be open ("": not yet set).
BEFORE_CLOSE: frozenset[str] = frozenset({"", *_TAP_ENTRY})

#: Where a draft may go from each stage. A TAP draft whose consultation has closed is
#: approved, not approved, or waits for the objection period after a request for more
#: time. An AAP draft leaves Last Call approved (no comments, or typing errors only), into
#: comment resolution, or to TAP; after comment resolution comes Additional Review or a
#: study-group meeting. A draft moved to TAP re-enters TAP where the Director puts it.
_MOVES: dict[tuple[Procedure, Stage], tuple[Stage, ...]] = {
    (Procedure.TAP, Stage.DETERMINED): (Stage.ANNOUNCED, Stage.CONSULTATION_OPEN),
    (Procedure.TAP, Stage.ANNOUNCED): (Stage.CONSULTATION_OPEN,),
    (Procedure.TAP, Stage.CONSULTATION_OPEN): (Stage.CONSULTATION_CLOSED,),
    (Procedure.TAP, Stage.CONSULTATION_CLOSED): (
        Stage.APPROVED,
        Stage.NOT_APPROVED,
        Stage.MORE_TIME_REQUESTED,
    ),
    (Procedure.TAP, Stage.MORE_TIME_REQUESTED): (Stage.APPROVED, Stage.NOT_APPROVED),
    (Procedure.AAP, Stage.CONSENTED): (Stage.LAST_CALL, Stage.MOVED_TO_TAP),
    (Procedure.AAP, Stage.LAST_CALL): (
        Stage.APPROVED,
        Stage.COMMENT_RESOLUTION,
        Stage.MOVED_TO_TAP,
    ),
    (Procedure.AAP, Stage.COMMENT_RESOLUTION): (
        Stage.ADDITIONAL_REVIEW,
        Stage.REFERRED_TO_MEETING,
    ),
    (Procedure.AAP, Stage.ADDITIONAL_REVIEW): (Stage.APPROVED, Stage.REFERRED_TO_MEETING),
    (Procedure.AAP, Stage.REFERRED_TO_MEETING): (Stage.APPROVED, Stage.NOT_APPROVED),
    (Procedure.AAP, Stage.MOVED_TO_TAP): _TAP_ENTRY,
    (Procedure.TAP, Stage.APPROVED): (Stage.PUBLISHED,),
    (Procedure.AAP, Stage.APPROVED): (Stage.PUBLISHED,),
}


def stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, stage.replace("_", " ").capitalize() or "Not set")


def next_stages(procedure: str, stage: str) -> tuple[Stage, ...]:
    """The stages a draft may move to; any stage of its procedure while none is set."""
    proc = Procedure(procedure)
    if not stage:
        return STAGES[proc]
    return _MOVES.get((proc, Stage(stage)), ())


class StageError(ValueError):
    """A move the procedure does not allow; the message gives the reason."""


def check_move(procedure: str, stage: str, target: str) -> Procedure:
    """The procedure the draft follows once moved from ``stage`` to ``target``.

    Raises :class:`StageError` naming the stages allowed when the move is not one of them.
    """
    try:
        proc = Procedure(procedure)
    except ValueError:
        raise StageError(f"{procedure!r} is not a procedure; use TAP or AAP") from None
    if target not in STAGE_LABELS:
        raise StageError(f"{target!r} is not a stage")
    allowed = next_stages(proc, stage)
    if target == stage:
        raise StageError(f"the draft is already at {stage_label(stage)}")
    if target not in allowed:
        where = f"{proc.value} draft at {stage_label(stage)}"
        if not allowed:
            raise StageError(f"a {where} has finished its procedure; it moves no further")
        options = ", ".join(stage_label(s) for s in allowed)
        raise StageError(
            f"a {where} cannot move to {stage_label(target)}; it can move to {options}"
        )
    if proc is Procedure.AAP and stage == Stage.MOVED_TO_TAP:
        return Procedure.TAP
    return proc


# --- the periods, as data ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    amount: int
    unit: Unit

    def after(self, day: date, closed: Collection[date] = ()) -> date:
        return shift_date(day, self.amount, self.unit, before=False, closed=closed)

    def before(self, day: date, closed: Collection[date] = ()) -> date:
        return shift_date(day, self.amount, self.unit, before=True, closed=closed)

    def describe(self) -> str:
        word = self.unit.value.replace("_", " ")
        return f"{self.amount} {word[:-1] if self.amount == 1 else word}"


@dataclass(frozen=True, slots=True)
class Terms:
    """The periods and the threshold of both procedures (see ``procedures.json``)."""

    announcement: Period  # TAP: announcement received this long before the meeting
    texts: Period  # TAP: texts available this long before the meeting
    consultation: Period  # TAP: consultation closes this long before the opening
    close_time: time  # TAP: the time of day, in close_zone, the consultation closes
    close_zone: str
    threshold_percent: int  # TAP: share of replies received that must assign authority
    objection: Period  # TAP: after a request for more time
    tap_result: Period  # TAP: result circular after the meeting's close
    last_call: Period  # AAP
    additional_review: Period  # AAP
    meeting_notice: Period  # AAP: a meeting considering the draft is announced this early
    aap_result: Period  # AAP: result after the decision
    closed_days: frozenset[date] = field(default_factory=frozenset)


class TermsError(ValueError):
    """The procedure data is not as expected; the message names the field."""


def read_terms(text: str, source: str = "procedures.json") -> Terms:
    """Read the procedure data; :class:`TermsError` names the field that is wrong."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise TermsError(f"{source}: not JSON ({exc})") from None

    def part(path: str) -> Any:
        node: Any = data
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                raise TermsError(f"{source}: {path} is missing")
            node = node[key]
        return node

    def period(path: str) -> Period:
        node = part(path)
        try:
            amount, unit = node["amount"], Unit(node["unit"])
        except (KeyError, TypeError, ValueError):
            raise TermsError(f"{source}: {path} needs an amount and a unit") from None
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            raise TermsError(f"{source}: {path}.amount must be a whole number of {unit}")
        return Period(amount, unit)

    threshold = part("TAP.threshold_percent.value")
    if not isinstance(threshold, int) or isinstance(threshold, bool) or not 0 <= threshold <= 100:
        raise TermsError(f"{source}: TAP.threshold_percent.value must be 0 to 100")
    try:
        close_time = time.fromisoformat(part("TAP.consultation_close_time.time"))
        closed = frozenset(date.fromisoformat(d) for d in part("closed_days.dates"))
    except (TypeError, ValueError) as exc:
        raise TermsError(f"{source}: {exc}") from None
    return Terms(
        announcement=period("TAP.announcement_before_meeting"),
        texts=period("TAP.texts_before_meeting"),
        consultation=period("TAP.consultation_closes_before_opening"),
        close_time=close_time,
        close_zone=str(part("TAP.consultation_close_time.timezone")),
        threshold_percent=threshold,
        objection=period("TAP.objection_period"),
        tap_result=period("TAP.result_after_meeting"),
        last_call=period("AAP.last_call"),
        additional_review=period("AAP.additional_review"),
        meeting_notice=period("AAP.meeting_notice"),
        aap_result=period("AAP.result_after_decision"),
        closed_days=closed,
    )


# --- timelines -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facts:
    """What is known of one draft: its procedure and stage, the date it reached each stage
    so far, the circular announcing it, a deadline the circular states, and the meeting."""

    procedure: str
    stage: str
    reached: Mapping[str, date] = field(default_factory=dict)
    announced_on: date | None = None
    stated_close: datetime | None = None  # UTC
    first_day: date | None = None
    last_day: date | None = None


@dataclass(frozen=True, slots=True)
class Milestone:
    """One date of a draft's timeline.

    ``on`` is a whole day in the meeting's zone, or ``at`` an instant (UTC) when the
    procedure fixes the time of day. ``known`` milestones happened; the others are computed,
    and ``basis`` says from what. A ``limit`` is a bound to check against, not something
    that happens on the day. ``warning`` flags a date the procedure is not met by.
    """

    key: str
    label: str
    on: date
    basis: str
    at: datetime | None = None
    known: bool = False
    warning: str = ""
    limit: bool = False

    @property
    def expected(self) -> bool:
        """A date the procedure sets for something still to happen (not recorded, not a bound)."""
        return not self.known and not self.limit


def consultation_close(facts: Facts, terms: Terms) -> tuple[datetime, str] | None:
    """When the TAP consultation closes (UTC) and why: as stated, or by the rule."""
    if facts.stated_close is not None:
        return facts.stated_close, "as the circular states"
    if facts.first_day is None:
        return None
    day = terms.consultation.before(facts.first_day, terms.closed_days)
    at = local_to_utc(day, terms.close_time, terms.close_zone)
    return at, f"{terms.consultation.describe()} before the meeting opens"


def _fact(key: str, label: str, on: date, basis: str = "recorded") -> Milestone:
    return Milestone(key, label, on, basis, known=True)


def _tap(facts: Facts, terms: Terms) -> list[Milestone]:
    out: list[Milestone] = []
    reached = facts.reached
    first, last = facts.first_day, facts.last_day
    if Stage.DETERMINED in reached:
        out.append(_fact("determined", "Determined", reached[Stage.DETERMINED]))
    announced = facts.announced_on or reached.get(Stage.ANNOUNCED)
    if announced is not None:
        out.append(_fact("announced", "Announced", announced, "date of the circular"))
        earliest = terms.announcement.after(announced)
        warning = ""
        if first is not None and first < earliest:
            warning = (
                f"the meeting opens before {terms.announcement.describe()} have passed "
                "since the announcement"
            )
        out.append(
            Milestone(
                "earliest_meeting",
                "Earliest meeting for this announcement",
                earliest,
                f"{terms.announcement.describe()} after the announcement",
                warning=warning,
                limit=True,
            )
        )
    elif first is not None:
        out.append(
            Milestone(
                "announce_by",
                "Announcement received by",
                terms.announcement.before(first),
                f"{terms.announcement.describe()} before the meeting",
            )
        )
    if first is not None:
        out.append(
            Milestone(
                "texts_by",
                "Texts in the official languages by",
                terms.texts.before(first),
                f"{terms.texts.describe()} before the meeting",
            )
        )
    close = consultation_close(facts, terms)
    if close is not None:
        at, basis = close
        out.append(Milestone("consultation_closes", "Consultation closes", at.date(), basis, at=at))
    if first is not None:
        out.append(
            Milestone("meeting", "Meeting opens; it considers the draft", first, "the meeting")
        )
    for stage in (Stage.APPROVED, Stage.NOT_APPROVED):
        if stage in reached:
            out.append(_fact(stage.value, stage_label(stage), reached[stage]))
    asked = reached.get(Stage.MORE_TIME_REQUESTED)
    if asked is not None:
        out.append(_fact("more_time", "More time requested", asked))
        out.append(
            Milestone(
                "objection_ends",
                "Objection period ends",
                terms.objection.after(asked),
                f"{terms.objection.describe()} after the request for more time",
            )
        )
    if last is not None:
        out.append(
            Milestone(
                "result",
                "Result circular by",
                terms.tap_result.after(last),
                f"{terms.tap_result.describe()} after the meeting closes",
            )
        )
    return out


def _aap(facts: Facts, terms: Terms) -> list[Milestone]:
    out: list[Milestone] = []
    reached = facts.reached
    if Stage.CONSENTED in reached:
        out.append(_fact("consented", "Consented", reached[Stage.CONSENTED]))
    decided: tuple[date, str] | None = None
    for stage, label, period in (
        (Stage.LAST_CALL, "Last Call", terms.last_call),
        (Stage.ADDITIONAL_REVIEW, "Additional Review", terms.additional_review),
    ):
        began = reached.get(stage)
        if began is None:
            continue
        ends = period.after(began)
        out.append(_fact(stage.value, f"{label} begins", began))
        out.append(
            Milestone(
                f"{stage.value}_ends", f"{label} ends", ends, f"{period.describe()} after it begins"
            )
        )
        decided = ends, f"the end of the {label}"
    referred = reached.get(Stage.REFERRED_TO_MEETING)
    if referred is not None and facts.first_day is not None:
        out.append(_fact("referred", "Referred to a study-group meeting", referred))
        notice = terms.meeting_notice.before(facts.first_day)
        out.append(
            Milestone(
                "meeting_notice",
                "Meeting announced by",
                notice,
                f"{terms.meeting_notice.describe()} before the meeting",
                warning="referred too late for this meeting" if referred > notice else "",
            )
        )
        decided = facts.last_day or facts.first_day, "the meeting"
    if Stage.MOVED_TO_TAP in reached:
        out.append(_fact("moved_to_tap", "Moved to TAP", reached[Stage.MOVED_TO_TAP]))
    approved = reached.get(Stage.APPROVED)
    if approved is not None:
        out.append(_fact("approved", "Approved", approved))
        decided = approved, "the approval"
    if decided is not None and Stage.MOVED_TO_TAP not in reached:
        day, what = decided
        out.append(
            Milestone(
                "result",
                "Result announced by",
                terms.aap_result.after(day),
                f"{terms.aap_result.describe()} after {what}",
            )
        )
    return out


def timeline(facts: Facts, terms: Terms) -> list[Milestone]:
    """The known and computed dates of a draft, in date order."""
    out = _aap(facts, terms) if facts.procedure == Procedure.AAP else _tap(facts, terms)
    if Stage.PUBLISHED in facts.reached:
        out.append(_fact("published", "Published", facts.reached[Stage.PUBLISHED]))
    return sorted(out, key=lambda m: m.on)  # stable: same-day dates keep their order


def next_milestone(milestones: Iterable[Milestone], today: date) -> Milestone | None:
    """The first date still to come from ``today`` on, if any."""
    ahead = [m for m in milestones if m.expected and m.on >= today]
    return ahead[0] if ahead else None


# --- the consultation tally ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Vote:
    """A Member State's reply as received; ``assigns`` authority to the study group or not."""

    member_state: str
    assigns: bool
    received_at: datetime  # UTC


@dataclass(frozen=True, slots=True)
class Tally:
    """Replies received in time, counted against the threshold; late ones listed apart."""

    in_favour: int
    against: int
    late: tuple[str, ...]
    threshold_percent: int

    @property
    def counted(self) -> int:
        return self.in_favour + self.against

    @property
    def share_percent(self) -> float | None:
        return 100 * self.in_favour / self.counted if self.counted else None

    @property
    def may_be_considered(self) -> bool:
        # exact in whole numbers: 7 of 10 at 70 % passes, 69 of 100 does not
        return self.counted == 0 or 100 * self.in_favour >= self.threshold_percent * self.counted

    def outcome(self) -> str:
        if self.counted == 0:
            return "may be considered (no replies)"
        return "may be considered" if self.may_be_considered else "may not be considered"

    def describe(self) -> str:
        share = self.share_percent
        head = (
            "no replies counted"
            if share is None
            else f"{self.in_favour} of {self.counted} in favour ({format_percent(share)})"
        )
        late = f"; {len(self.late)} late, not counted" if self.late else ""
        return f"{head}{late}: {self.outcome()}"


def format_percent(value: float) -> str:
    rounded = round(value, 1)
    return f"{rounded:.0f} %" if rounded == int(rounded) else f"{rounded:.1f} %"


def is_late(received_at: datetime, deadline: datetime | None) -> bool:
    """A reply counts up to the minute the deadline states (2359 hours is to 23:59:59)."""
    if deadline is None:
        return False
    return received_at.replace(second=0, microsecond=0) > deadline


def tally(votes: Iterable[Vote], deadline: datetime | None, threshold_percent: int) -> Tally:
    """The outcome of a consultation closing at ``deadline`` (UTC; None: no close known)."""
    in_favour = against = 0
    late: list[str] = []
    for vote in votes:
        if is_late(vote.received_at, deadline):
            late.append(vote.member_state)
        elif vote.assigns:
            in_favour += 1
        else:
            against += 1
    return Tally(in_favour, against, tuple(sorted(late)), threshold_percent)


# --- the Annex 2 reply -----------------------------------------------------------------


class ReplyChoice(StrEnum):
    """The boxes of the reply form a TAP circular annexes, one choice per draft."""

    ASSIGNS = "assigns"
    ASSIGNS_WITH_COMMENTS = "assigns_with_comments"
    DOES_NOT_ASSIGN = "does_not_assign"

    @property
    def label(self) -> str:
        return _CHOICE_LABELS[self]

    @property
    def assigns(self) -> bool:
        return self is not ReplyChoice.DOES_NOT_ASSIGN

    @property
    def attachment(self) -> bool:
        """Whether comments (or, against, reasons) go with the reply."""
        return self is not ReplyChoice.ASSIGNS

    @classmethod
    def of(cls, assigns: bool, attachment: bool) -> ReplyChoice:
        if not assigns:
            return cls.DOES_NOT_ASSIGN
        return cls.ASSIGNS_WITH_COMMENTS if attachment else cls.ASSIGNS


_CHOICE_LABELS = {
    ReplyChoice.ASSIGNS: "Assigns authority, no comments",
    ReplyChoice.ASSIGNS_WITH_COMMENTS: "Assigns authority, comments attached",
    ReplyChoice.DOES_NOT_ASSIGN: "Does not assign authority, reasons attached",
}


class DesignationError(ValueError):
    """Text that is not a Recommendation designation."""


_SERIES = re.compile(r"^[A-Z]{1,2}\.\S+$")


def designation(text: str) -> str:
    """``ITU-T Y.4241`` from ``Y.4241``, ``itu-t y.4241`` or ``ITU-T  Y.4241``."""
    words = text.split()
    if words and words[0].upper().replace("\u2011", "-") == "ITU-T":  # also a no-break hyphen
        words = words[1:]
    rest = " ".join(words)
    rest = rest[:1].upper() + rest[1:]  # the series letter: y.4241 is Y.4241
    if not _SERIES.match(rest.split(" ")[0]):
        raise DesignationError(
            f"{text.strip()!r} is not a Recommendation designation such as ITU-T Y.4241"
        )
    return f"ITU-T {rest}"


def milestone_when(milestone: Milestone, zone_name: str) -> str:
    """``Fri 1 May 2026 01:59 CEST`` for an instant (in ``zone_name``), else the day."""
    if milestone.at is not None:
        return format_instant(milestone.at, zone_name)
    return format_date(milestone.on)
