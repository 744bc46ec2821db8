"""Draft Recommendation reports: the summary of the drafts (as Annex 1 of a TAP circular
lists them) and the Annex 2 reply form, filled in for the Administration."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether

from sg20desk.reports.render import (
    Document,
    MeetingHeading,
    grid,
    para,
    rich,
    spacer,
    styles,
    title_block,
)
from sg20desk.rules.procedures import ReplyChoice

TICKED = "☒"
EMPTY = "☐"


@dataclass(frozen=True, slots=True)
class DraftSummary:
    """A draft as the summary prints it; ``next_date`` already says when and in which zone."""

    designation: str
    former_name: str
    is_new: bool
    title: str
    stage: str
    procedure: str
    report_number: str
    next_date: str
    summary: str
    ipr: str


def _kind(is_new: bool) -> str:
    return "Draft new Recommendation" if is_new else "Draft revised Recommendation"


def _heading(draft: DraftSummary | FormDraft) -> str:
    former = f" (ex {draft.former_name})" if draft.former_name else ""
    return f"{_kind(draft.is_new)} {draft.designation}{former}"


def drafts_summary(meeting: MeetingHeading, drafts: Sequence[DraftSummary]) -> Document:
    """Each draft: designation, former name, title, stage, next date, then its summary."""
    s = styles()
    story = title_block(meeting, "Draft Recommendations", f"{len(drafts)} drafts")
    if drafts:
        story.append(
            grid(
                ["Designation", "Former name", "Title", "Stage", "Next date"],
                [
                    [
                        d.designation,
                        d.former_name,
                        d.title,
                        f"{d.procedure} · {d.stage}",
                        d.next_date or "none ahead",
                    ]
                    for d in drafts
                ],
                [1.6, 2.2, 3.8, 1.5, 2.1],
            )
        )
    for number, draft in enumerate(drafts, start=1):
        report = f" ({draft.report_number})" if draft.report_number else ""
        block: list[Flowable] = [
            para(f"{number}  {_heading(draft)}{report}", s.heading),
            para(draft.title, s.cell_bold),
        ]
        if draft.summary:
            block.append(rich([("i", "Summary")], s.small))
            block += [para(p, s.body) for p in draft.summary.split("\n") if p.strip()]
        if draft.ipr:
            block.append(para(draft.ipr, s.note))
        story.append(KeepTogether(block[:3]))
        story += block[3:]
    return Document("Draft Recommendations", meeting.line, story, meeting.zone)


@dataclass(frozen=True, slots=True)
class FormDraft:
    designation: str
    former_name: str
    is_new: bool
    choice: ReplyChoice | None  # None: not decided yet, left unticked


@dataclass(frozen=True, slots=True)
class ReplyForm:
    """What the Annex 2 form is filled in with (empty fields print as blanks to write on)."""

    circular: str  # "TSB Circular 106"
    group: str  # "ITU-T Study Group 20"
    member_state: str
    name: str
    role: str
    address: str
    email: str
    fax: str
    place: str
    date: str  # "21 November 2026"
    drafts: tuple[FormDraft, ...]


def _box(ticked: bool) -> str:
    return TICKED if ticked else EMPTY


def _or_blank(text: str, blank: str = "_______________") -> str:
    return text.strip() or blank


def reply_form(meeting: MeetingHeading, form: ReplyForm) -> Document:
    """The reply to the consultation, one block per draft with the chosen boxes ticked.
    Drafts without a choice are left unticked and listed on a cover note before the form."""
    s = styles()
    story: list[Flowable] = []
    undecided = [d for d in form.drafts if d.choice is None]
    if undecided:
        story += [
            para("Cover note: not ready to send", s.title),
            para(
                f"{len(undecided)} of the {len(form.drafts)} drafts have no reply chosen yet; "
                "their boxes are left empty on the form. Record the replies in sg20desk "
                "(Drafts, Your reply) and print again, or tick them by hand:",
                s.body,
            ),
        ]
        story += [para(f"• {_heading(d)}", s.body) for d in undecided]
        story.append(spacer(6))
    subject = ", ".join(d.designation for d in form.drafts)
    story += [
        para("ANNEX 2", s.title),
        rich(
            [
                ("b", "Subject: "),
                ("", f"Member State response to {form.circular}: consultation on "),
                ("", f"determined draft Recommendations {subject}"),
            ],
            s.body,
        ),
        spacer(2),
    ]
    sender = [
        _or_blank(form.name, "[Name]"),
        _or_blank(form.role, "[Official role/title]"),
        _or_blank(form.address, "[Address]"),
    ]
    story.append(
        grid(
            ["To:", "From:"],
            [
                [
                    "Director of the Telecommunication Standardization Bureau\n"
                    "International Telecommunication Union\nPlace des Nations\n"
                    "CH 1211 Geneva 20, Switzerland",
                    "\n".join(sender),
                ],
                ["Fax: +41-22-730-5853", f"Fax: {_or_blank(form.fax)}"],
                ["E-mail: tsbdir@itu.int", f"E-mail: {_or_blank(form.email)}"],
                ["", f"Date: {_or_blank(form.place, '[Place]')}, {form.date}"],
            ],
            [1, 1],
        )
    )
    story += [
        spacer(3),
        para("Dear Sir/Madam,", s.body),
        para(
            "With respect to the Member State consultation on the Determined draft texts "
            f"listed in {form.circular}, I would like to advise you of the opinion of this "
            "Administration, which is set out in the table below.",
            s.body,
        ),
    ]
    group = form.group
    rows = []
    for draft in form.drafts:
        choice = draft.choice
        assigns = choice is not None and choice.assigns
        options = "\n".join(
            [
                f"{_box(assigns)} assigns authority to {group} to consider this text for "
                "approval (in which case, select one of the two options):",
                f"      {_box(choice is ReplyChoice.ASSIGNS)} No comments or suggested changes",
                f"      {_box(choice is ReplyChoice.ASSIGNS_WITH_COMMENTS)} Comments and "
                "suggested changes are attached",
                f"{_box(choice is ReplyChoice.DOES_NOT_ASSIGN)} does not assign authority to "
                f"{group} to consider this text for approval (reasons for this opinion and an "
                "outline of possible changes that would enable the work to progress are "
                "attached)",
            ]
        )
        rows.append([_heading(draft), options])
    story.append(grid(["Draft", "Select one of the two boxes"], rows, [3, 7]))
    signatory = [
        _or_blank(form.name, "[Name]"),
        _or_blank(form.role, "[Official role/title]"),
        f"Administration of {_or_blank(form.member_state, '[Member State]')}",
    ]
    story.append(
        KeepTogether(
            [
                spacer(5),
                para("Yours faithfully,", s.body),
                spacer(14),
                para("Signature: ______________________________", s.body),
                *[para(line, s.body) for line in signatory],
            ]
        )
    )
    return Document(
        f"Reply to {form.circular}", meeting.line, story, meeting.zone, keywords=("Annex 2",)
    )
