"""The list's context menu: what the board's card menu and the Edit menu offer, where the user
right-clicks a row. Move to, Mark applied today, Edit, Open posting, Copy link, Delete.

Built when opened from the window's own actions (one command, one QAction, one shortcut), so it
says and does exactly what the menus do; only "Move to" and "Copy link" are its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QTableView

from desktop.core.text import safe_link
from desktop.services import pipeline, postings, stages
from desktop.services.library import Library


class ListMenu(QObject):
    def __init__(
        self,
        table: QTableView,
        library: Library,
        selected_id: Callable[[], int | None],
        action: Callable[[str], QAction],
        move_to: Callable[[int, int], None],
    ) -> None:
        super().__init__(table)
        self._table = table
        self._library = library
        self._selected_id = selected_id
        self._action = action
        self._move_to = move_to
        self.menu: QMenu | None = None  # kept while it is open (and for tests)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._requested)

    def _requested(self, where: QPoint) -> None:
        index = self._table.indexAt(where)
        if not index.isValid():
            return
        self._table.selectRow(index.row())  # the row right-clicked is the one acted on
        posting_id = self._selected_id()
        if posting_id is None:
            return
        self.menu = self.menu_for(posting_id)
        self.menu.popup(self._table.viewport().mapToGlobal(where))

    def menu_for(self, posting_id: int) -> QMenu:
        menu = QMenu(self._table)
        menu.setObjectName("list-menu")
        move_to = menu.addMenu("&Move to")
        current = pipeline.application(self._library, posting_id).stage
        for stage in stages.list_stages(self._library):
            entry = move_to.addAction(stage.name)
            entry.setEnabled(stage.name != current)
            entry.triggered.connect(lambda _checked=False, s=stage.id: self._move_to(posting_id, s))
        menu.addAction(self._action("pipeline.applied_today"))
        menu.addSeparator()
        menu.addAction(self._action("posting.edit"))
        menu.addAction(self._action("posting.open_in_browser"))
        link = postings.get_posting(self._library, posting_id).url
        copy = menu.addAction("&Copy link")
        copy.setEnabled(safe_link(link) is not None if link else False)
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(link or ""))
        menu.addSeparator()
        menu.addAction(self._action("posting.delete"))
        return menu
