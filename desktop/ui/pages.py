"""What the shell needs from a page (the list, the board; later the agenda, insights), and
what every part of the window is handed to reach the rest (``WindowParts``).

A page is one entry in the shell's list: its widget goes into the stack, its ``View`` menu entry
and shortcut are made for it, and the shell asks it for the selected posting. Adding a page is
a new module with a class like these and one line where the window's pages are listed
(``desktop/ui/window_parts.py``), not an edit of the shell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QMimeData, QSettings, SignalInstance
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop.services.library import Library
from desktop.ui.actions import ActionSpec
from desktop.ui.operations import Operations


@dataclass
class WindowParts:
    """What a part of the window may reach: the door, the library, settings, the selection."""

    window: QMainWindow
    library: Library
    operations: Operations
    settings: QSettings
    selected_id: Callable[[], int | None]  # the posting selected on the page shown
    select: Callable[[int], None]  # select a posting on the page shown
    search: Callable[[], str]  # what the search box filters by


class Page(Protocol):
    key: str  # saved as the window's view ("list", "board")
    title: str  # its View menu entry, with its mnemonic
    shortcut: str
    widget: QWidget
    selection_changed: SignalInstance  # emits the selected posting id, or None

    def selected_id(self) -> int | None: ...

    def select(self, posting_id: int) -> bool: ...

    def shown(self, keep: int | None) -> None:
        """Became the page shown: catch up if stale, select ``keep`` if it can, take focus."""

    def searched(self) -> None:
        """The search changed."""

    def actions(self) -> list[ActionSpec]: ...


class DropTarget(Protocol):
    """A part that takes what is dropped on the window (postings to import, say)."""

    def accepts(self, mime: QMimeData) -> bool: ...

    def take(self, mime: QMimeData) -> None: ...
