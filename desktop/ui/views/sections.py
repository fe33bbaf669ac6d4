"""The building blocks of the detail pane: plain-text labels, titled sections, bullets, keys."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QMouseEvent, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

SELECTABLE = "jobdeck-selectable"  # the label's words can be selected once the pointer is on it


def plain_label(
    text: str,
    *,
    point_delta: int = 0,
    bold: bool = False,
    muted: bool = False,
    selectable: bool = True,
    on_hover: bool = False,
) -> QLabel:
    """A label showing ``text`` as plain text. The posting's own words are ``selectable`` (to
    copy a requirement, say); Jobdeck's headings, keys and bullets are not. A selectable label
    carries a text document of its own, which made up half the cost of showing a posting: with
    ``on_hover`` it becomes selectable only when the pointer reaches it (inside a ``Page``)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    if selectable and on_hover:
        label.setProperty(SELECTABLE, True)
    elif selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if point_delta or bold:
        font = QFont(label.font())
        if point_delta:
            font.setPointSizeF(font.pointSizeF() + point_delta)
        font.setBold(bold)
        label.setFont(font)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def make_selectable(widget: QWidget | None) -> None:
    """Let the mouse select ``widget``'s words, if it is a label made ``selectable``."""
    if (
        isinstance(widget, QLabel)
        and widget.property(SELECTABLE)
        and not widget.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    ):
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


class Page(QWidget):
    """The pane's page. It follows the pointer and makes the label under it selectable before
    the user can press to select."""

    def follow_pointer(self) -> None:
        """Call once its widgets are in place. Qt drops a move with no button pressed at the
        first widget that does not track the mouse, so every widget on the page tracks it
        (labels and boxes ignore the moves, which then reach the page)."""
        self.setMouseTracking(True)
        for widget in self.findChildren(QWidget):
            widget.setMouseTracking(True)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        make_selectable(self.childAt(event.position().toPoint()))
        super().mouseMoveEvent(event)


class Section(QFrame):
    """A titled block of the pane; its object name is ``section-<name>``."""

    def __init__(self, name: str, title: str | None) -> None:
        super().__init__()
        self.setObjectName(f"section-{name}")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 6, 0, 6)
        self.body.setSpacing(4)
        if title:
            self.body.addWidget(plain_label(title, point_delta=2, bold=True, selectable=False))


def bullet_list(items: tuple[str, ...]) -> QWidget:
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(4, 0, 0, 0)
    grid.setHorizontalSpacing(8)
    grid.setVerticalSpacing(3)
    grid.setColumnStretch(1, 1)
    for row, item in enumerate(items):
        bullet = plain_label("•", selectable=False)
        bullet.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.addWidget(bullet, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(plain_label(item, on_hover=True), row, 1)
    return box


def key_values(pairs: list[tuple[str, str]]) -> QWidget:
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(12)
    grid.setColumnStretch(1, 1)
    for row, (key, value) in enumerate(pairs):
        grid.addWidget(
            plain_label(key, muted=True, selectable=False), row, 0, Qt.AlignmentFlag.AlignTop
        )
        grid.addWidget(plain_label(value, on_hover=True), row, 1)
    return box


# The pane's own words: selectable once the pointer reaches them (see ``plain_label``).
pane_label = functools.partial(plain_label, on_hover=True)
