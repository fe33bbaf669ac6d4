"""The building blocks of the detail pane: plain-text labels, titled sections, bullets, keys."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

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
    """A titled block of the pane; its object name is ``section-<name>``. The pane makes each
    once and fills it again for every posting (``heading`` is its title label, if titled)."""

    def __init__(self, name: str, title: str | None) -> None:
        super().__init__()
        self.setObjectName(f"section-{name}")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 6, 0, 6)
        self.body.setSpacing(4)
        self.heading: QLabel | None = None
        if title:
            self.heading = plain_label(title, point_delta=2, bold=True, selectable=False)
            self.body.addWidget(self.heading)


Row = tuple[QWidget, ...]


class Rows:
    """Rows of widgets made once and filled again for every posting (making and showing new
    widgets was most of the cost of showing a posting). The rows not needed are hidden and
    emptied, so no look-up finds the words or names of the posting before; beyond ``SPARE``
    they are let go (a posting with a thousand bullets does not weigh on the next ones)."""

    SPARE = 30

    def __init__(self, make: Callable[[int], Row], fill: Callable[[Row, Any], None]) -> None:
        self._make, self._fill = make, fill
        self.rows: list[Row] = []
        self.count = 0  # how many rows show

    def show(self, values: Sequence[Any]) -> None:
        while len(self.rows) < len(values):
            row = self._make(len(self.rows))
            for widget in row:
                widget.setMouseTracking(True)  # see Page.follow_pointer
            self.rows.append(row)
        for row, value in zip(self.rows, values, strict=False):
            self._fill(row, value)
        for row in self.rows[len(values) : self.count]:
            for widget in row:
                _empty(widget)
        self.count = len(values)
        keep = max(len(values), self.SPARE)
        for row in self.rows[keep:]:
            row[0].deleteLater()  # the row's first widget holds it, or is all of it
            for widget in row[1:]:
                if widget.parentWidget() is not row[0]:
                    widget.deleteLater()
        del self.rows[keep:]


def _empty(widget: QWidget) -> None:
    widget.hide()
    widget.setObjectName("")
    if isinstance(widget, QLabel):
        widget.setTextFormat(Qt.TextFormat.PlainText)  # a link made plain: no markup left
        widget.setText("")
        widget.setToolTip("")


class BulletList(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(4, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(3)
        self._grid.setColumnStretch(1, 1)
        self._rows = Rows(self._make, self._fill)

    def show_items(self, items: Sequence[str]) -> None:
        self._rows.show(items)

    def _make(self, row: int) -> Row:
        bullet = plain_label("", selectable=False)
        bullet.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(bullet, row, 0, Qt.AlignmentFlag.AlignTop)
        item = plain_label("", on_hover=True)
        self._grid.addWidget(item, row, 1)
        return bullet, item

    @staticmethod
    def _fill(row: Row, text: str) -> None:
        bullet, item = row
        assert isinstance(bullet, QLabel) and isinstance(item, QLabel)
        bullet.setText("•")
        item.setText(text)
        bullet.show()
        item.show()


class KeyValues(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setColumnStretch(1, 1)
        self._rows = Rows(self._make, self._fill)

    def show_pairs(self, pairs: Sequence[tuple[str, str]]) -> None:
        self._rows.show(pairs)
        self.setVisible(bool(pairs))

    def _make(self, row: int) -> Row:
        key = plain_label("", muted=True, selectable=False)
        self._grid.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
        value = plain_label("", on_hover=True)
        self._grid.addWidget(value, row, 1)
        return key, value

    @staticmethod
    def _fill(row: Row, pair: tuple[str, str]) -> None:
        key, value = row
        assert isinstance(key, QLabel) and isinstance(value, QLabel)
        key.setText(pair[0])
        value.setText(pair[1])
        key.show()
        value.show()


# The pane's own words: selectable once the pointer reaches them (see ``plain_label``).
pane_label = functools.partial(plain_label, on_hover=True)
