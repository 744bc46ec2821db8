"""The dialogs of the Drafts section: a draft's fields, a move to the next stage, a reply
received, and the Administration's profile. Each returns the answer or None (cancelled);
the section checks the answer through its action and asks again, keeping what was typed,
when the action refuses it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions.drafts import DraftFields, Profile
from sg20desk.rules.procedures import Procedure, ReplyChoice, Stage, stage_label
from sg20desk.ui.sections.common import name, ok_cancel, plain_label


def _text_box(text: str, parent: QWidget, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(text, parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def _dialog(parent: QWidget, title: str, width: int = 520) -> tuple[QDialog, QFormLayout]:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(width)
    return dialog, QFormLayout(dialog)


def _run(dialog: QDialog, form: QFormLayout) -> bool:
    form.addRow(ok_cancel(dialog))
    return dialog.exec() == QDialog.DialogCode.Accepted


def member_state_box(states: Sequence[str], current: str, parent: QWidget) -> QComboBox:
    """An editable list of the Member States: pick one, or type a name not listed."""
    box = QComboBox(parent)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(list(states))
    completer = QCompleter(list(states), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    box.setCompleter(completer)
    box.setCurrentText(current)
    return box


# --- a draft --------------------------------------------------------------------------------

#: (agenda item id, "7.1 Title") for the agenda item box
ItemChoice = tuple[uuid.UUID, str]


def ask_draft(
    parent: QWidget, title: str, proposed: DraftFields, items: Sequence[ItemChoice]
) -> DraftFields | None:
    dialog, form = _dialog(parent, title, 620)
    designation = QLineEdit(proposed.designation, dialog)
    designation.setPlaceholderText("ITU-T Y.4241")
    name(designation, "draftDesignation", "Designation")
    former = QLineEdit(proposed.former_name, dialog)
    former.setPlaceholderText("Y.dt-SComCam")
    name(former, "draftFormerName", "Former name")
    new = QCheckBox("Draft &new Recommendation (clear for a revised one)", dialog)
    new.setChecked(proposed.is_new)
    heading = QLineEdit(proposed.title, dialog)
    name(heading, "draftTitle", "Title")
    procedure = QComboBox(dialog)
    procedure.addItems([p.value for p in Procedure])
    procedure.setCurrentText(proposed.procedure)
    name(procedure, "draftProcedure", "Approval procedure")
    question = QLineEdit(proposed.question, dialog)
    question.setPlaceholderText("Q2/20")
    report = QLineEdit(proposed.report_number, dialog)
    report.setPlaceholderText("SG20-R12")
    item = QComboBox(dialog)
    item.addItem("(none)", None)
    for item_id, label in items:
        item.addItem(label, str(item_id))
    if proposed.agenda_item_id is not None:
        item.setCurrentIndex(max(0, item.findData(str(proposed.agenda_item_id))))
    name(item, "draftAgendaItem", "Agenda item")
    summary = _text_box(proposed.summary, dialog, 140)
    name(summary, "draftSummaryEdit", "Summary")
    ipr = _text_box(proposed.ipr_statements, dialog, 50)
    form.addRow("&Designation:", designation)
    form.addRow("&Former name:", former)
    form.addRow("", new)
    form.addRow("&Title:", heading)
    form.addRow("&Procedure:", procedure)
    form.addRow("&Question:", question)
    form.addRow("&Report:", report)
    form.addRow("&Agenda item:", item)
    form.addRow("&Summary:", summary)
    form.addRow("&IPR statements:", ipr)
    if not _run(dialog, form):
        return None
    chosen = item.currentData()
    return DraftFields(
        designation=designation.text(),
        title=heading.text(),
        former_name=former.text(),
        is_new=new.isChecked(),
        summary=summary.toPlainText(),
        question=question.text(),
        report_number=report.text(),
        ipr_statements=ipr.toPlainText(),
        procedure=procedure.currentText(),
        agenda_item_id=uuid.UUID(chosen) if chosen else None,
    )


# --- a move to another stage ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StageForm:
    stage: str
    on: date
    note: str


def ask_stage(
    parent: QWidget, heading: str, allowed: Sequence[Stage], today: date
) -> StageForm | None:
    dialog, form = _dialog(parent, f"Move {heading}")
    stages = QComboBox(dialog)
    for stage in allowed:
        stages.addItem(stage_label(stage), stage.value)
    name(stages, "stageChoice", "Next stage")
    when = QDateEdit(QDate(today.year, today.month, today.day), dialog)
    when.setCalendarPopup(True)
    when.setDisplayFormat("d MMMM yyyy")
    name(when, "stageDate", "Reached on")
    note = QLineEdit(dialog)
    name(note, "stageNote", "Note")
    form.addRow("&Move to:", stages)
    form.addRow("&Reached on:", when)
    form.addRow("&Note:", note)
    form.addRow("", plain_label("The stages listed are those the procedure allows next.", dialog))
    if not _run(dialog, form):
        return None
    day = when.date()
    return StageForm(stages.currentData(), date(day.year(), day.month(), day.day()), note.text())


# --- a reply received -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReplyForm:
    member_state: str
    choice: ReplyChoice
    received_at: datetime  # UTC
    note: str


def choice_buttons(
    parent: QWidget, layout: QVBoxLayout, group: QButtonGroup | None = None
) -> QButtonGroup:
    """The three boxes of the reply form as radio buttons in ``group`` (a new one if None);
    each button's id is its choice's place in :class:`ReplyChoice`."""
    group = group or QButtonGroup(parent)
    for number, choice in enumerate(ReplyChoice):
        button = QRadioButton(choice.label, parent)
        button.setObjectName(f"reply_{choice.value}")
        group.addButton(button, number)
        layout.addWidget(button)
    return group


def ask_reply(
    parent: QWidget, heading: str, states: Sequence[str], proposed: ReplyForm
) -> ReplyForm | None:
    dialog, form = _dialog(parent, f"Reply received on {heading}")
    state = member_state_box(states, proposed.member_state, dialog)
    name(state, "replyMemberState", "Member State")
    boxes = QWidget(dialog)
    column = QVBoxLayout(boxes)
    column.setContentsMargins(0, 0, 0, 0)
    group = choice_buttons(boxes, column)
    group.button(list(ReplyChoice).index(proposed.choice)).setChecked(True)
    received = QDateTimeEdit(dialog)
    received.setTimeZone(QTimeZone.utc())
    received.setDateTime(QDateTime.fromSecsSinceEpoch(int(proposed.received_at.timestamp())))
    received.setDisplayFormat("d MMMM yyyy HH:mm 'UTC'")
    received.setCalendarPopup(True)
    name(received, "replyReceived", "Received, UTC")
    note = _text_box(proposed.note, dialog, 50)
    form.addRow("&Member State:", state)
    form.addRow("Reply:", boxes)
    form.addRow("&Received:", received)
    form.addRow("&Note:", note)
    if not _run(dialog, form):
        return None
    at = datetime.fromtimestamp(received.dateTime().toSecsSinceEpoch(), UTC)
    return ReplyForm(
        state.currentText(), list(ReplyChoice)[group.checkedId()], at, note.toPlainText()
    )


# --- the Administration's profile -------------------------------------------------------------


def ask_profile(parent: QWidget, proposed: Profile, states: Sequence[str]) -> Profile | None:
    dialog, form = _dialog(parent, "Administration profile")
    fields = {
        "name": QLineEdit(proposed.name, dialog),
        "role": QLineEdit(proposed.role, dialog),
        "member_state": member_state_box(states, proposed.member_state, dialog),
        "email": QLineEdit(proposed.email, dialog),
        "fax": QLineEdit(proposed.fax, dialog),
        "place": QLineEdit(proposed.place, dialog),
    }
    address = _text_box(proposed.address, dialog, 70)
    name(fields["member_state"], "profileMemberState", "Member State")
    form.addRow(
        plain_label(
            "Who signs your Administration's reply to a consultation (the Annex 2 form).",
            dialog,
        )
    )
    form.addRow("&Name:", fields["name"])
    form.addRow("Official &role or title:", fields["role"])
    form.addRow("&Address:", address)
    form.addRow("&Member State:", fields["member_state"])
    form.addRow("&E-mail:", fields["email"])
    form.addRow("&Fax:", fields["fax"])
    form.addRow("&Place of signature:", fields["place"])
    if not _run(dialog, form):
        return None

    def text(key: str) -> str:
        widget = fields[key]
        return widget.currentText() if isinstance(widget, QComboBox) else widget.text()

    return Profile(
        name=text("name"),
        role=text("role"),
        address=address.toPlainText(),
        member_state=text("member_state"),
        email=text("email"),
        fax=text("fax"),
        place=text("place"),
    )
