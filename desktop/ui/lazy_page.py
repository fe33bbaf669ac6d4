"""A page whose module is imported, and whose widgets are made, when it is first needed.

The window paints its list before anything else is loaded (``make bench`` times it). Every other
page (the board, and the pages later issues add) is listed in ``window_parts.py`` as a
``LazyPage``: it has its View menu entry and shortcut from the start, an empty place in the page
stack, and becomes the real page the first time it is shown, or the first time a part reaches
into it (``lazy.view``, ``lazy.when_built(...)``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.ui.actions import ActionSpec
from desktop.ui.pages import Page, WindowParts


class LazyPage(QObject):
    """Stands in for the page class ``factory`` names ("package.module:Class").

    The class is called with the ``WindowParts`` when the page is built; it must have what
    ``pages.Page`` lists.
    """

    selection_changed = Signal(object)  # forwarded from the page once it is built

    def __init__(
        self,
        parts: WindowParts,
        *,
        key: str,
        title: str,
        shortcut: str,
        factory: str,
        actions: Callable[[LazyPage], list[ActionSpec]] | None = None,
    ) -> None:
        super().__init__(parts.window)
        self.key, self.title, self.shortcut = key, title, shortcut
        self._parts = parts
        self._factory = factory
        self._actions = actions
        self._page: Page | None = None
        self._waiting: list[Callable[[Any], None]] = []
        self.widget = QWidget()
        self.widget.setObjectName(f"{key}-page-place")
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)

    # -- building ------------------------------------------------------------------------------

    @property
    def built(self) -> bool:
        return self._page is not None

    def page_class(self) -> type:
        """The page's class, its module imported now (``--self-test`` checks every page's
        module is there, in the bundle too, without building the pages)."""
        module_name, class_name = self._factory.split(":")
        return getattr(importlib.import_module(module_name), class_name)

    def page(self) -> Any:
        """The real page, built now if it was not yet."""
        if self._page is None:
            page_class = self.page_class()
            page = page_class(self._parts)
            self._page = page
            self.widget.layout().addWidget(page.widget)
            # Shown now with its place, not on the layout's next turn of the event loop: what
            # follows (select a card, then read it on a change) sees it in sight at once.
            page.widget.show()
            page.selection_changed.connect(self.selection_changed)
            waiting, self._waiting = self._waiting, []
            for callback in waiting:
                callback(page)
        return self._page

    def later(self, name: str) -> LaterWidget:
        """The page's widget ``name`` (its ``view``, say) for a shortcut local to it, without
        building the page: reaching into it before the first paint built the whole board."""
        return LaterWidget(self, name)

    def when_built(self, callback: Callable[[Any], None]) -> None:
        """Call ``callback(page)`` once the page is built (now, if it is): how other parts
        connect to a page's signals without building it."""
        if self._page is not None:
            callback(self._page)
        else:
            self._waiting.append(callback)

    def __getattr__(self, name: str) -> Any:
        # Only for names this stand-in does not have: reaching into the page builds it.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.page(), name)

    # -- pages.Page ----------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        return self._page.selected_id() if self._page is not None else None

    def select(self, posting_id: int) -> bool:
        return self._page.select(posting_id) if self._page is not None else False

    def shown(self, keep: int | None) -> None:
        self.page().shown(keep)

    def searched(self) -> None:
        if self._page is not None:  # built later, it reads with the search of that moment
            self._page.searched()

    def actions(self) -> list[ActionSpec]:
        return self._actions(self) if self._actions is not None else []


class LaterWidget:
    """A widget of a ``LazyPage``: ``addAction`` waits until the page is built (a shortcut local
    to a page nobody has shown yet cannot be pressed in it anyway)."""

    def __init__(self, page: LazyPage, name: str) -> None:
        self._page, self._name = page, name

    def addAction(self, action: QAction) -> None:
        self._page.when_built(lambda page: getattr(page, self._name).addAction(action))
