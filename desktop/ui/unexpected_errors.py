"""The last resort: an error no code path expected is shown to the user, not lost on stderr.

Qt calls our slots and event handlers from C++. An exception escaping one of them goes to
``sys.excepthook``, whose default prints a traceback to a terminal the user never sees, and the
click seems to have done nothing. While the window runs, the hook below says what went wrong in
a message box; the traceback still goes to stderr, for a bug report. The errors the app expects
(a full disk, a posting deleted meanwhile) are handled where they happen; this catches the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.errors import ServiceError
from desktop.ui.dialogs import messages

TITLE = "Jobdeck"
SAFE = "Your library is safe: every change is saved whole or not at all."


def describe(error: BaseException) -> str:
    if isinstance(error, ServiceError):  # already in a user's words
        return f"{error}\n\n{SAFE}"
    detail = str(error).strip()
    what = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return f"Something went wrong and that did not finish ({what}).\n\n{SAFE}"


class UnexpectedErrorReporter:
    """Installed as ``sys.excepthook`` while the window runs; one message box at a time."""

    def __init__(self, parent: Callable[[], QWidget | None]) -> None:
        self._parent = parent
        self._previous = sys.excepthook
        self.box: QMessageBox | None = None

    def install(self) -> None:
        sys.excepthook = self.report

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def report(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        self._previous(kind, error, traceback)  # the traceback, on stderr as before
        if not isinstance(error, Exception) or self.box is not None:
            return  # Ctrl+C in a terminal; or an error box is up already (no storm of boxes)
        self.box = messages.show_error(self._parent(), TITLE, describe(error))
        self.box.finished.connect(self._closed)

    def _closed(self) -> None:
        self.box = None
