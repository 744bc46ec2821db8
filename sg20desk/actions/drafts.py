"""Draft Recommendations: the registry, their stages, the user's Administration's reply and
the replies the secretariat receives. Every change is one undoable step.

Where a draft stands is read with :func:`standings`: its timeline under its procedure
(:mod:`sg20desk.rules.procedures`), the next date, the user's own reply, and for a TAP draft
the tally of the replies received against the threshold the circular states.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from sg20desk.actions import preferences, queries
from sg20desk.actions.history import (
    ActionError,
    Builder,
    Row,
    RowChange,
    Step,
    changed,
    meeting_row,
    rows_of,
)
from sg20desk.actions.queries import DraftRow, MeetingRow, ReplyRow
from sg20desk.db import schema
from sg20desk.db.store import Store
from sg20desk.exchange.reference import PROFILE_FIELDS, known_member_state, procedure_terms
from sg20desk.rules.procedures import (
    BEFORE_CLOSE,
    STAGES,
    DesignationError,
    Facts,
    Milestone,
    Procedure,
    ReplyChoice,
    StageError,
    Tally,
    Vote,
    check_move,
    consultation_close,
    designation,
    is_late,
    next_milestone,
    stage_label,
    tally,
    timeline,
)

DRAFT = schema.draft_recommendation
STAGE = schema.draft_stage
REPLY = schema.consultation_reply
ITEM = schema.agenda_item


# --- the registry -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftFields:
    """What the user types for a draft. ``agenda_item_id`` links it to its agenda item."""

    designation: str
    title: str
    former_name: str = ""
    is_new: bool = True
    summary: str = ""
    question: str = ""
    report_number: str = ""
    ipr_statements: str = ""
    procedure: str = Procedure.TAP.value
    agenda_item_id: uuid.UUID | None = None

    @classmethod
    def of(cls, row: DraftRow) -> DraftFields:
        return cls(
            designation=row.designation,
            title=row.title,
            former_name=row.former_name,
            is_new=row.is_new,
            summary=row.summary,
            question=row.question,
            report_number=row.report_number,
            ipr_statements=row.ipr_statements,
            procedure=row.procedure,
            agenda_item_id=row.agenda_item_id,
        )

    def checked(self) -> dict[str, Any]:
        """The stored values, or :class:`ActionError` naming the field that is wrong."""
        try:
            name = designation(self.designation)
        except DesignationError as exc:
            raise ActionError(f"Designation: {exc}") from None
        title = " ".join(self.title.split())
        if not title:
            raise ActionError("Title: give the draft's title as the circular prints it")
        if self.procedure not in {p.value for p in Procedure}:
            raise ActionError(f"Procedure: {self.procedure!r} is not TAP or AAP")
        paragraphs = [" ".join(p.split()) for p in self.summary.split("\n\n")]
        return {
            "designation": name,
            "title": title,
            "former_name": " ".join(self.former_name.split()),
            "is_new": self.is_new,
            "summary": "\n\n".join(p for p in paragraphs if p),
            "question": " ".join(self.question.split()),
            "report_number": " ".join(self.report_number.split()),
            "ipr_statements": self.ipr_statements.strip(),
            "procedure": self.procedure,
        }


def _unique(connection: Connection, meeting_id: Any, name: str, draft_id: Any = None) -> None:
    clash = connection.scalar(
        select(func.count())
        .select_from(DRAFT)
        .where(
            DRAFT.c.meeting_id == meeting_id, DRAFT.c.designation == name, DRAFT.c.id != draft_id
        )
    )
    if clash:
        raise ActionError(f"Designation: {name} is already a draft of this meeting")


def _link(
    connection: Connection, meeting_id: Any, draft_id: uuid.UUID, item_id: uuid.UUID | None
) -> list[RowChange]:
    """Point ``item_id`` (one of the meeting's items) at the draft, and no other item."""
    out: list[RowChange] = []
    for row in rows_of(connection, ITEM, ITEM.c.draft_id == draft_id):
        if row["id"] != item_id and (change := changed(ITEM, row, draft_id=None)):
            out.append(change)
    if item_id is not None:
        found = rows_of(connection, ITEM, ITEM.c.id == item_id, ITEM.c.meeting_id == meeting_id)
        if not found:
            raise ActionError("Agenda item: that item is no longer on this meeting's agenda")
        if change := changed(ITEM, found[0], draft_id=draft_id):
            out.append(change)
    return out


def add_draft(
    meeting_id: uuid.UUID, fields: DraftFields, stage: str = "", reached_on: date | None = None
) -> Builder:
    """A new draft of the meeting, at ``stage`` (reached on ``reached_on``) if given."""
    values = fields.checked()
    if stage and stage not in STAGES[Procedure(values["procedure"])]:
        raise ActionError(f"Stage: {stage_label(stage)} is not a stage of {values['procedure']}")

    def build(connection: Connection) -> Step:
        meeting_row(connection, meeting_id)
        _unique(connection, meeting_id, values["designation"])
        position = connection.scalar(
            select(func.coalesce(func.max(DRAFT.c.position) + 1, 0)).where(
                DRAFT.c.meeting_id == meeting_id
            )
        )
        draft_id = uuid.uuid4()
        row = {
            "id": draft_id,
            "version": 1,
            "meeting_id": meeting_id,
            "position": position,
            **values,
            "stage": stage,
            "circular": "",
            "circular_date": None,
            "consultation_deadline": None,
            "consultation_deadline_tz": "UTC",
            "consultation_threshold_percent": procedure_terms().threshold_percent,
        }
        rows = [RowChange(DRAFT, None, row)]
        if stage and reached_on is not None:
            rows.append(RowChange(STAGE, None, _stage_row(draft_id, stage, reached_on, "")))
        rows += _link(connection, meeting_id, draft_id, fields.agenda_item_id)
        return Step(f"Add draft {values['designation']}", rows, meeting_id, [draft_id])

    return build


def _drafts(connection: Connection, ids: Sequence[uuid.UUID]) -> list[Row]:
    found = rows_of(connection, DRAFT, DRAFT.c.id.in_(list(ids)))
    if len(found) != len(set(ids)):
        raise ActionError("a draft was deleted elsewhere since; nothing was changed")
    order = {draft_id: n for n, draft_id in enumerate(ids)}
    return sorted(found, key=lambda r: order[r["id"]])


def edit_draft(draft_id: uuid.UUID, fields: DraftFields) -> Builder:
    """Change what the user typed for a draft; its stage moves with :func:`move_stage`."""
    values = fields.checked()

    def build(connection: Connection) -> Step | None:
        (row,) = _drafts(connection, [draft_id])
        _unique(connection, row["meeting_id"], values["designation"], draft_id)
        if row["stage"] and row["stage"] not in STAGES[Procedure(values["procedure"])]:
            raise ActionError(
                f"Procedure: {stage_label(row['stage'])} is not a stage of "
                f"{values['procedure']}; move the draft to a stage of it first"
            )
        rows = [c for c in [changed(DRAFT, row, **values)] if c]
        rows += _link(connection, row["meeting_id"], draft_id, fields.agenda_item_id)
        if not rows:
            return None
        return Step(f"Edit draft {values['designation']}", rows, row["meeting_id"], [draft_id])

    return build


def delete_drafts(ids: Sequence[uuid.UUID]) -> Builder:
    """Delete drafts with their replies and stage dates; agenda items lose the link."""

    def build(connection: Connection) -> Step | None:
        drafts = _drafts(connection, ids)
        if not drafts:
            return None
        wanted = [d["id"] for d in drafts]
        rows = [
            change
            for item in rows_of(connection, ITEM, ITEM.c.draft_id.in_(wanted))
            if (change := changed(ITEM, item, draft_id=None))
        ]
        for table in (REPLY, STAGE):
            found = rows_of(connection, table, table.c.draft_id.in_(wanted))
            rows += [RowChange(table, r, None) for r in found]
        rows += [RowChange(DRAFT, d, None) for d in drafts]
        name = drafts[0]["designation"] if len(drafts) == 1 else f"{len(drafts)} drafts"
        return Step(f"Delete draft {name}", rows, drafts[0]["meeting_id"], [])

    return build


# --- stages ---------------------------------------------------------------------------------


def _stage_row(draft_id: uuid.UUID, stage: str, on: date, note: str) -> Row:
    return {
        "id": uuid.uuid4(),
        "version": 1,
        "draft_id": draft_id,
        "stage": stage,
        "reached_on": on,
        "note": note.strip(),
    }


def move_stage(draft_id: uuid.UUID, target: str, on: date, note: str = "") -> Builder:
    """Move a draft to the next stage of its procedure, reached on ``on``.

    A move the procedure does not allow is refused with the reason; a draft moved out of
    AAP into TAP follows TAP from then on.
    """

    def build(connection: Connection) -> Step:
        (row,) = _drafts(connection, [draft_id])
        try:
            procedure = check_move(row["procedure"], row["stage"], target)
        except StageError as exc:
            raise ActionError(f"Stage: {row['designation']}: {exc}") from None
        change = changed(DRAFT, row, stage=target, procedure=procedure.value)
        assert change is not None
        rows = [change, RowChange(STAGE, None, _stage_row(draft_id, target, on, note))]
        name = f"Move {row['designation']} to {stage_label(target)}"
        return Step(name, rows, row["meeting_id"], [draft_id])

    return build


# --- replies --------------------------------------------------------------------------------


def _reply_rows(connection: Connection, draft_id: uuid.UUID) -> list[Row]:
    return rows_of(connection, REPLY, REPLY.c.draft_id == draft_id)


def set_own_reply(
    draft_id: uuid.UUID, member_state: str, choice: ReplyChoice | None, note: str = ""
) -> Builder:
    """Record (or, with ``choice`` None, withdraw) the reply of the user's Administration."""
    state = " ".join(member_state.split())
    if choice is not None and not state:
        raise ActionError(
            "Member State: set your Administration's Member State in the profile first"
        )

    def build(connection: Connection) -> Step | None:
        (draft,) = _drafts(connection, [draft_id])
        existing = _reply_rows(connection, draft_id)
        own = next((r for r in existing if r["own_administration"]), None)
        same = next((r for r in existing if r["member_state"] == state), None)
        row = own or same
        name = f"Your reply on {draft['designation']}"
        if choice is None:
            if own is None:
                return None
            return Step(name, [RowChange(REPLY, own, None)], draft["meeting_id"], [draft_id])
        values = {
            "member_state": state,
            "assigns_authority": choice.assigns,
            "comments_attached": choice.attachment,
            "note": note.strip(),
            "own_administration": True,
        }
        rows: list[RowChange] = []
        if own is not None and same is not None and own["id"] != same["id"]:
            rows.append(RowChange(REPLY, same, None))  # the profile's state changed since
        if row is None:
            rows.append(
                RowChange(
                    REPLY,
                    None,
                    {"id": uuid.uuid4(), "version": 1, "draft_id": draft_id, "received_at": None}
                    | values,
                )
            )
        elif change := changed(REPLY, row, **values):
            rows.append(change)
        if not rows:
            return None
        return Step(name, rows, draft["meeting_id"], [draft_id])

    return build


def record_reply(
    draft_id: uuid.UUID,
    member_state: str,
    *,
    assigns: bool,
    attachment: bool,
    received_at: datetime,
    note: str = "",
) -> Builder:
    """Record a Member State's reply as the secretariat received it; a second reply from
    the same Member State replaces the first. A name from the list of Member States is
    spelled as listed; any other name is kept as typed."""
    state = known_member_state(member_state) or " ".join(member_state.split())
    if not state:
        raise ActionError("Member State: say whose reply this is")
    if received_at.tzinfo is None:
        raise ActionError("Received: give the time with its zone")

    def build(connection: Connection) -> Step:
        (draft,) = _drafts(connection, [draft_id])
        values = {
            "assigns_authority": assigns,
            "comments_attached": attachment or not assigns,
            "note": note.strip(),
            "received_at": received_at,
        }
        wanted = state.casefold()
        existing = next(
            (
                r
                for r in _reply_rows(connection, draft_id)
                if r["member_state"].casefold() == wanted
            ),
            None,
        )
        if existing is None:
            row = {
                "id": uuid.uuid4(),
                "version": 1,
                "draft_id": draft_id,
                "member_state": state,
                "own_administration": False,
            } | values
            change: RowChange | None = RowChange(REPLY, None, row)
        else:
            change = changed(REPLY, existing, **values)
        rows = [change] if change else []
        shown = existing["member_state"] if existing is not None else state
        name = f"Record the reply of {shown} on {draft['designation']}"
        return Step(name, rows, draft["meeting_id"], [draft_id])

    return build


def delete_replies(ids: Sequence[uuid.UUID]) -> Builder:
    def build(connection: Connection) -> Step | None:
        found = rows_of(connection, REPLY, REPLY.c.id.in_(list(ids)))
        if len(found) != len(set(ids)):
            raise ActionError("a reply was deleted elsewhere since; nothing was changed")
        if not found:
            return None
        (draft,) = _drafts(connection, [found[0]["draft_id"]])
        name = (
            f"Delete the reply of {found[0]['member_state']}"
            if len(found) == 1
            else f"Delete {len(found)} replies"
        )
        return Step(name, [RowChange(REPLY, r, None) for r in found], draft["meeting_id"], [])

    return build


def find_draft(rows: Sequence[DraftRow], text: str) -> DraftRow:
    """The draft named ``text``, with or without "ITU-T ", or by its former name."""
    try:
        wanted = designation(text)
    except DesignationError:
        wanted = ""
    for row in rows:
        if row.designation == wanted or (row.former_name and row.former_name == text.strip()):
            return row
    known = ", ".join(r.designation for r in rows) or "none"
    raise ActionError(f"{text.strip()!r} is not a draft of this meeting (drafts: {known})")


# --- where each draft stands ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Standing:
    """A draft with its timeline, next date, own reply and (TAP) the tally so far.

    ``close`` is when the consultation closes, as stated or by the rule; replies received
    after it are ``late`` and left out of ``tally``.
    """

    draft: DraftRow
    milestones: tuple[Milestone, ...]
    next: Milestone | None
    close: datetime | None
    own: ReplyRow | None
    received: tuple[ReplyRow, ...]
    tally: Tally | None

    @property
    def id(self) -> uuid.UUID:
        return self.draft.id

    @property
    def own_choice(self) -> ReplyChoice | None:
        own = self.own
        return None if own is None else ReplyChoice.of(own.assigns, own.comments_attached)

    def is_late(self, reply: ReplyRow) -> bool:
        return reply.received_at is not None and is_late(reply.received_at, self.close)

    @property
    def consulted(self) -> bool:
        """Whether Member States reply on this draft: only under TAP."""
        return self.draft.procedure == Procedure.TAP

    @property
    def consultation_open(self) -> bool:
        return self.consulted and self.draft.stage in BEFORE_CLOSE


def standing(
    draft: DraftRow, meeting: MeetingRow | None, replies: Sequence[ReplyRow], today: date
) -> Standing:
    terms = procedure_terms()
    facts = Facts(
        procedure=draft.procedure,
        stage=draft.stage,
        reached=draft.reached,
        announced_on=draft.circular_date,
        stated_close=draft.consultation_deadline,
        first_day=meeting.first_day if meeting else None,
        last_day=meeting.last_day if meeting else None,
    )
    milestones = tuple(timeline(facts, terms))
    consulted = draft.procedure == Procedure.TAP
    found = consultation_close(facts, terms) if consulted else None
    close = found[0] if found else None
    received = tuple(r for r in replies if r.received_at is not None)
    votes = [Vote(r.member_state, r.assigns, r.received_at) for r in received if r.received_at]
    return Standing(
        draft=draft,
        milestones=milestones,
        next=next_milestone(milestones, today),
        close=close,
        own=next((r for r in replies if r.own), None),
        received=received,
        tally=tally(votes, close, draft.threshold_percent) if consulted else None,
    )


def standings(connection: Connection, meeting_id: uuid.UUID, today: date) -> list[Standing]:
    """Every draft of the meeting with where it stands on ``today``."""
    meeting = queries.meeting(connection, meeting_id, today)
    by_draft = queries.replies(connection, meeting_id)
    return [
        standing(d, meeting, by_draft.get(d.id, []), today)
        for d in queries.drafts(connection, meeting_id)
    ]


def select_standings(
    rows: Sequence[Standing], stage: str | None = None, text: str = ""
) -> list[Standing]:
    """The drafts at ``stage`` (None: any) whose text holds every word of ``text``."""
    words = text.casefold().split()
    out = []
    for row in rows:
        draft = row.draft
        if stage is not None and draft.stage != stage:
            continue
        if words:
            found = " ".join(
                (
                    draft.designation,
                    draft.former_name,
                    draft.title,
                    draft.summary,
                    draft.question,
                    draft.report_number,
                    stage_label(draft.stage),
                )
            ).casefold()
            if not all(word in found for word in words):
                continue
        out.append(row)
    return out


# --- the Administration's profile ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Profile:
    """Who replies for the Administration, as the Annex 2 form asks: the signatory's name
    and official role, the address, the Member State, contact details and the place the
    form is signed in."""

    name: str = ""
    role: str = ""
    address: str = ""
    member_state: str = ""
    email: str = ""
    fax: str = ""
    place: str = ""


def profile(connection: Connection) -> Profile:
    values = {
        f: preferences.setting(connection, preferences.PROFILE_KEY.format(f)) or ""
        for f in PROFILE_FIELDS
    }
    return Profile(**values)


def save_profile(store: Store, value: Profile) -> Profile:
    """Store the profile (not an undo step, like the preferences); the Member State is
    spelled as listed when it is a listed one."""
    state = known_member_state(value.member_state) or " ".join(value.member_state.split())
    if value.email.strip() and "@" not in value.email:
        raise ActionError(f"E-mail: {value.email.strip()!r} is not an e-mail address")
    clean = Profile(
        name=" ".join(value.name.split()),
        role=" ".join(value.role.split()),
        address="\n".join(line.strip() for line in value.address.strip().splitlines()),
        member_state=state,
        email=value.email.strip(),
        fax=" ".join(value.fax.split()),
        place=" ".join(value.place.split()),
    )
    preferences.save_settings(
        store,
        {preferences.PROFILE_KEY.format(f): getattr(clean, f) or None for f in PROFILE_FIELDS},
    )
    return clean
