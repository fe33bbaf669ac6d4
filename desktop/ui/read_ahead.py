"""Pages read ahead: a while after the window's first paint, when the start-up's own work is
done, a page that is slow to read is built hidden and reads what it first shows, so its first
showing only paints (``LazyPage``'s modules are imported right after start-up already).

Listed in ``window_parts.py`` for the pages that have a ``prepare()``: the board reads its
columns' first cards, the Insights page its first part and its filters' choices (the Agenda
has its own, ``AgendaCommands``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

from desktop.ui.lazy_page import LazyPage
from desktop.ui.pages import WindowParts


class ReadAhead(QObject):
    """Calls ``page.prepare()`` ``after_ms`` after the window's first paint, unless the page
    was built (shown) by then or the window is hidden."""

    def __init__(self, parts: WindowParts, page: LazyPage, after_ms: int) -> None:
        super().__init__(parts.window)
        self._parts, self._page, self._after_ms = parts, page, after_ms
        parts.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._parts.window and event.type() == QEvent.Type.Paint:
            self._parts.window.removeEventFilter(self)
            QTimer.singleShot(self._after_ms, self, self.prepare)
        return False

    def prepare(self) -> None:
        if not self._page.built and self._parts.window.isVisible():
            self._page.page().prepare()
