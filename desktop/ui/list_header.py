"""The list's column header: a right-click menu to choose the columns shown, and a sort arrow
that points the way the values grow.

Qt draws an ascending sort as a downward arrow (the Windows habit); on Linux and macOS a user
reads "▲" as "smallest first", so the list said "▲" over its newest-first default. The header's
style here flips the arrow, the sort itself is untouched. Which columns are hidden is part of
the header's state, saved with the window (``ListPage.save_state``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QProxyStyle, QStyle, QStyleOptionHeader

SortIndicator = QStyleOptionHeader.SortIndicator
_FLIPPED = {
    SortIndicator.SortUp: SortIndicator.SortDown,
    SortIndicator.SortDown: SortIndicator.SortUp,
}


class SortArrowStyle(QProxyStyle):
    """The application's style with the header's sort arrow pointing the way values grow."""

    def drawPrimitive(self, element: Any, option: Any, painter: Any, widget: Any = None) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            option = QStyleOptionHeader(option)
            option.sortIndicator = _FLIPPED.get(option.sortIndicator, option.sortIndicator)
        super().drawPrimitive(element, option, painter, widget)


class ListHeader:
    """Installs the column menu and the arrow style on ``header``; kept by the list page."""

    def __init__(self, header: QHeaderView, names: tuple[str, ...]) -> None:
        self.header = header
        self.names = names
        self.style = SortArrowStyle()  # kept: the header does not own its style
        header.setStyle(self.style)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._requested)
        self.menu: QMenu | None = None

    def _requested(self, where: QPoint) -> None:
        self.menu = self.column_menu()
        self.menu.popup(self.header.mapToGlobal(where))

    def column_menu(self) -> QMenu:
        """A checkable entry per column; the last one shown cannot be hidden."""
        menu = QMenu(self.header)
        menu.setObjectName("column-menu")
        shown = [c for c in range(len(self.names)) if not self.header.isSectionHidden(c)]
        for column, name in enumerate(self.names):
            entry = menu.addAction(name)
            entry.setCheckable(True)
            entry.setChecked(column in shown)
            entry.setEnabled(shown != [column])
            entry.toggled.connect(lambda on, c=column: self.header.setSectionHidden(c, not on))
        return menu


class TitleFill(QObject):
    """The Title column takes the room the other columns leave (it is not the last column, so
    Qt's "stretch last section" cannot do it), but never less than ``least`` pixels: with many
    columns shown the list scrolls sideways instead of squeezing the titles to nothing (what
    Qt's own Stretch mode does)."""

    def __init__(self, header: QHeaderView, column: int, least: int = 300) -> None:
        super().__init__(header)
        self.header = header
        self.column = column
        self.least = least
        self._fitting = False
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._resized)
        # The header itself, not its viewport (which fills it: a header has no frame and no
        # scroll bars): asking for the viewport, a widget Qt made, had PySide look through
        # every kind of widget for its type, 11 ms of the window's start.
        header.installEventFilter(self)
        parent = header.parentWidget()
        if parent is not None:
            parent.installEventFilter(self)  # the table's viewport width changes with it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _resized(self, section: int, _old: int, _new: int) -> None:
        if section != self.column:  # another column changed width, or came or went
            self.fit()

    def fit(self) -> None:
        header = self.header
        if self._fitting or header.isSectionHidden(self.column):
            return
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.column and not header.isSectionHidden(c)
        )
        width = max(self.least, header.width() - others)
        if header.sectionSize(self.column) != width:
            self._fitting = True
            try:
                header.resizeSection(self.column, width)
            finally:
                self._fitting = False
