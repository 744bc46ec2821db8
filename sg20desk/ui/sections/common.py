"""Small helpers the sections share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sg20desk.actions.history import ActionError, Builder, History, StaleEditError, Step


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
