"""The list's column header: a right-click menu to choose the columns shown, and a sort arrow
that points the way the values grow.

Qt draws an ascending sort as a downward arrow (the Windows habit); on Linux and macOS a user
reads "▲" as "smallest first", so the list said "▲" over its newest-first default. The header's
style here flips the arrow, the sort itself is untouched. Which columns are hidden is part of
the header's state, saved with the window (``ListPage.save_state``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
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
