"""Menus and the toolbar, assembled from the actions each part of the window contributes.

napari's ``qactions`` lists are the model: a part (the list, the board, the posting commands)
returns a list of ``ActionSpec``; the shell makes one ``QAction`` per spec and puts it in the
menu, group and toolbar the spec names. A new command is a new spec in its part's list: the
shell does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar, QWidget

# The menu bar, in order. A spec names one of these.
MENUS = ("File", "Edit", "View", "Help")
Shortcut = QKeySequence.StandardKey | str


class ShortcutHost(Protocol):
    """Where a shortcut can be local to: a widget, or a stand-in for the widget of a page not
    built yet (``lazy_page.LaterWidget``), which adds the action once the page is built."""

    def addAction(self, action: QAction) -> None: ...


@dataclass(frozen=True)
class ActionSpec:
    """One command: where it shows, how it is reached, what it does."""

    id: str  # "posting.new": part.command, unique in the window
    text: str  # with the & of its mnemonic
    callback: Callable[[], object]
    menu: str  # one of MENUS
    group: int = 0  # menus are sorted by group, then by contribution order; groups separated
    shortcuts: Sequence[Shortcut] = ()
    toolbar: int | None = None  # the toolbar's order, or None: not on the toolbar
    checkable: bool = False
    checked: bool = False
    exclusive_group: str | None = None  # checkable specs sharing this name exclude each other
    needs_selection: bool = False  # disabled while no posting is selected
    # Widgets the shortcut is limited to (with their children), e.g. Delete: only the list and
    # the board, never the search box. Empty: the shortcut works anywhere in the window.
    local_to: Sequence[QWidget | ShortcutHost] = field(default_factory=tuple)
    # Makes the QAction when Qt has its own (the undo stack's Undo and Redo); else a plain one.
    factory: Callable[[QMainWindow], QAction] | None = None


class Actions:
    """The window's actions by id, made from the specs, and their menus and toolbar."""

    def __init__(self, window: QMainWindow, specs: Iterable[ActionSpec]) -> None:
        self._window = window
        self.specs = list(specs)
        self.by_id: dict[str, QAction] = {}
        groups: dict[str, QActionGroup] = {}
        for spec in self.specs:
            if spec.id in self.by_id:
                raise ValueError(f"two actions have the id {spec.id!r}")
            self.by_id[spec.id] = action = self._make(spec)
            if spec.exclusive_group is not None:
                if spec.exclusive_group not in groups:
                    groups[spec.exclusive_group] = QActionGroup(window)
                groups[spec.exclusive_group].addAction(action)
        self._build_menus()
        self._build_toolbar()

    def __getitem__(self, action_id: str) -> QAction:
        return self.by_id[action_id]

    def _make(self, spec: ActionSpec) -> QAction:
        if spec.factory is not None:
            action = spec.factory(self._window)
        else:
            action = QAction(spec.text, self._window)
            action.triggered.connect(lambda _checked=False, call=spec.callback: call())
        action.setObjectName(spec.id)
        if spec.shortcuts:
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setCheckable(spec.checkable)
        if spec.checkable:
            action.setChecked(spec.checked)
        if spec.local_to:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for widget in spec.local_to:
                widget.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self._window.menuBar()
        for title in MENUS:
            specs = sorted(
                (s for s in self.specs if s.menu == title), key=lambda s: s.group
            )  # sorted() is stable: within a group, the order of contribution
            if not specs:
                continue
            menu = bar.addMenu(f"&{title}")
            menu.setObjectName(f"menu-{title.lower()}")
            previous = specs[0].group
            for spec in specs:
                if spec.group != previous:
                    menu.addSeparator()
                    previous = spec.group
                menu.addAction(self.by_id[spec.id])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for spec in sorted(
            (s for s in self.specs if s.toolbar is not None), key=lambda s: s.toolbar or 0
        ):
            toolbar.addAction(self.by_id[spec.id])
        self._window.addToolBar(toolbar)

    def update_enabled(self, has_selection: bool) -> None:
        for spec in self.specs:
            if spec.needs_selection:
                self.by_id[spec.id].setEnabled(has_selection)
