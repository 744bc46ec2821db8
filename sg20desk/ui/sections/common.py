"""Small helpers the sections share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


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
