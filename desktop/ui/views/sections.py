"""The building blocks of the detail pane: plain-text labels, titled sections, bullets, keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget


def plain_label(
    text: str,
    *,
    point_delta: int = 0,
    bold: bool = False,
    muted: bool = False,
    selectable: bool = True,
) -> QLabel:
    """A label showing ``text`` as plain text. The posting's own words are ``selectable`` (to
    copy a requirement, say); Jobdeck's headings, keys and bullets are not: a selectable label
    carries a text document of its own, and they made up half the cost of showing a posting."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    if selectable:
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
        grid.addWidget(plain_label(item), row, 1)
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
        grid.addWidget(plain_label(value), row, 1)
    return box
