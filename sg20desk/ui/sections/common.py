"""Small helpers the sections share."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions.history import ActionError, Builder, History, StaleEditError, Step
from sg20desk.ui.models.base import ID_ROLE


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows text as typed: imported text never turns into markup."""
    label = QLabel(parent)
    label.setTextFormat(label.textFormat().PlainText)
    label.setWordWrap(True)
    label.setText(text)
    label.setTextInteractionFlags(label.textInteractionFlags().TextSelectableByMouse)
    return label


def name(widget: QWidget, object_name: str, accessible: str, description: str = "") -> None:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    if description:
        widget.setAccessibleDescription(description)


def table(parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setTabKeyNavigation(False)
    # size columns from a sample of rows, not every row of a long table
    view.horizontalHeader().setResizeContentsPrecision(60)
    return view


def tree(parent: QWidget | None = None) -> QTreeView:
    view = QTreeView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setUniformRowHeights(True)
    view.setAllColumnsShowFocus(True)
    return view


def titled_split(
    section: QWidget, title: str, top: QWidget, bottom: QWidget, ratio: tuple[int, int]
) -> QSplitter:
    """Lay out a section as a heading over ``top`` (a list) and ``bottom`` (its detail)."""
    splitter = QSplitter(Qt.Orientation.Vertical, section)
    splitter.addWidget(top)
    splitter.addWidget(bottom)
    splitter.setStretchFactor(0, ratio[0])
    splitter.setStretchFactor(1, ratio[1])
    layout = QVBoxLayout(section)
    layout.addWidget(heading(title, section))
    layout.addWidget(splitter)
    return splitter


def shortcut_action(
    owner: QWidget,
    text: str,
    keys: str | QKeySequence,
    slot: Callable[[], Any],
    object_name: str,
) -> QAction:
    """An action of a section: its keys work while focus is in ``owner``, its tooltip
    names them, and it is added to ``owner`` (menus and bars add it where they show it)."""
    action = QAction(text, owner)
    action.setObjectName(object_name)
    sequence = QKeySequence(keys)
    action.setShortcut(sequence)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    label = text.replace("&", "").rstrip(".")
    shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{label} ({shown})" if shown else label)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def ok_cancel(dialog: QDialog, accept: Callable[[], None] | None = None) -> QDialogButtonBox:
    """OK and Cancel for a dialog; ``accept`` may check the answer before closing it."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def do_step(parent: QWidget, history: History, build: Builder, title: str) -> Step | None:
    """Do an action through the history; when it cannot be done, say why in a message box
    titled ``title`` (nothing was changed)."""
    try:
        return history.do(build)
    except (ActionError, StaleEditError) as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None


Answer = TypeVar("Answer")


def ask_until_done(
    parent: QWidget,
    history: History,
    ask: Callable[[Answer], Answer | None],
    proposed: Answer,
    build_of: Callable[[Answer], Builder],
    title: str,
) -> None:
    """Ask (offering ``proposed``) and do what the answer builds, until it is done or the
    user cancels. A refusal, whether the action is refused as it is made or as it runs, is
    shown in a message box titled ``title``, and the question comes again with what was
    typed, to correct it. An answer that changes nothing ends it too."""
    while (answer := ask(proposed)) is not None:
        try:
            history.do(build_of(answer))
            return
        except (ActionError, StaleEditError) as exc:
            QMessageBox.warning(parent, title, str(exc))
            proposed = answer


def bar_action(
    bar: QToolBar, text: str, keys: str, slot: Callable[[], Any], object_name: str
) -> QAction:
    """A section action (see :func:`shortcut_action`) shown on ``bar``, in the section
    that holds the bar."""
    owner = bar.parentWidget()
    assert owner is not None
    action = shortcut_action(owner, text, keys, slot, object_name)
    bar.addAction(action)
    return action


def context_menu_from(view: QAbstractItemView, bar: QToolBar) -> None:
    """Offer the bar's actions on the view's context menu too."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for action in bar.actions():
        view.addAction(action)


def filter_row(
    owner: QWidget,
    caption: str,
    choices: QComboBox,
    text: QLineEdit,
    on_change: Callable[[], Any],
    find_name: str,
) -> QHBoxLayout:
    """A labelled chooser beside a text filter, both calling ``on_change``; Ctrl+F (the
    action ``find_name``) goes to the text."""
    label = QLabel(caption, owner)
    label.setBuddy(choices)
    row = QHBoxLayout()
    row.addWidget(label)
    row.addWidget(choices)
    row.addWidget(text, 1)
    text.setClearButtonEnabled(True)
    choices.currentIndexChanged.connect(on_change)
    text.textChanged.connect(on_change)
    shortcut_action(
        owner,
        "&Filter by text",
        QKeySequence(QKeySequence.StandardKey.Find),
        lambda: text.setFocus(Qt.FocusReason.ShortcutFocusReason),
        find_name,
    )
    return row


def selected_ids(view: QAbstractItemView) -> list[uuid.UUID]:
    """The ids of a table's selected rows (its model's ``ID_ROLE``), top to bottom."""
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    model = view.model()
    return [uuid.UUID(model.index(r, 0).data(ID_ROLE)) for r in rows]


def select_ids(view: QAbstractItemView, ids: Sequence[uuid.UUID]) -> None:
    """Select a table's rows with these ids, the first of them current."""
    wanted = {str(i) for i in ids}
    selection = view.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    first = True
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(ID_ROLE) in wanted:
            if first:
                selection.setCurrentIndex(index, flags)
                first = False
            else:
                selection.select(index, flags)


def ask_yes(parent: QWidget, title: str, question: str) -> bool:
    """Ask a yes/no question in a message box; True when the user answers Yes."""
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes
