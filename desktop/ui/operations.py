"""The one door: every change the window makes to the library goes through ``Operations``.

Modelled on Anki's ``CollectionOp`` and its ``operation_did_execute`` hook. ``run`` calls a
service (in the background when asked), pushes the undo step when there is one, catches the
services' error family once and names it to the user, then broadcasts
``changed(changes, initiator)``. Views subscribe to ``changed``, look only at the kinds they
show (``Changes.kinds``), skip what they initiated themselves (they have already shown it), and,
when hidden, only mark themselves stale.

A service returns ``Changes`` or ``Result(value, changes)``; ``success`` gets the value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.services.changes import Changes, Result
from desktop.services.errors import ServiceError
from desktop.services.library import Library
from desktop.ui.background import BackgroundJob
from desktop.ui.dialogs import messages

Outcome = Changes | Result[Any]
Do = Callable[[], Outcome]
Undo = Callable[[Any], Outcome]  # gets the value ``do`` returned (what undo needs to know)
Success = Callable[[Any], None]
Failure = Callable[[ServiceError | str], None]


def changes_of(outcome: Outcome) -> Changes:
    return outcome if isinstance(outcome, Changes) else outcome.changes


def value_of(outcome: Outcome) -> Any:
    return None if isinstance(outcome, Changes) else outcome.value


class _Failed:
    """What ``_call`` returns when the service refused: the error has been reported."""


FAILED = _Failed()


class Operations(QObject):
    """The door. ``changed(Changes, initiator)`` is emitted after every operation that changed
    something, on the UI thread, after the undo stack is up to date."""

    changed = Signal(object, object)  # Changes, the object that asked (or None: undo, redo)
    # Right after ``changed``: every view has caught up, the ones connected later too (a page
    # built when first shown connects then, after the window's own listener).
    settled = Signal(object, object)

    def __init__(self, library: Library, window: QWidget, undo_stack: QUndoStack) -> None:
        super().__init__(window)
        self.library = library
        self.undo_stack = undo_stack
        self._window = window

    # -- running -------------------------------------------------------------------------------

    def run(
        self,
        title: str,
        do: Do,
        *,
        undo: Undo | None = None,
        initiator: object | None = None,
        success: Success | None = None,
        failure: Failure | None = None,
        background: bool = False,
        undone: Success | None = None,
    ) -> None:
        """Run ``do`` as one operation named ``title`` (the undo step's name, the error's title).

        With ``undo``, the operation is an undo step: Ctrl+Z calls ``undo(value)``. With
        ``background``, ``do`` runs off the UI thread (it must not touch widgets) behind a
        progress dialog. ``failure`` replaces the default error box (a form shows it inline).
        ``undone`` gets what ``undo`` returned once every view has its changes (select what
        Undo brought back, say).
        """
        if undo is not None:
            step = _UndoStep(self, title, do, undo, initiator, success, failure)
            step.undone = undone
            self.undo_stack.push(step)
            return
        if background:
            job = BackgroundJob(title, lambda _progress, _cancelled: do(), self._window)
            job.finished.connect(lambda outcome: self._done(outcome, initiator, success))
            job.failed.connect(lambda message: self._fail(title, message, failure))
            job.start()
            return
        outcome = self._call(title, do, failure)
        if not isinstance(outcome, _Failed):
            self._done(outcome, initiator, success)

    def broadcast(self, changes: Changes, initiator: object | None = None) -> None:
        """Tell every view what changed. Only for changes made outside ``run`` (a dialog that
        saves and shows its own errors inline, a background job of its own)."""
        if changes != Changes():
            self.changed.emit(changes, initiator)
            self.settled.emit(changes, initiator)

    def report(self, title: str, message: str) -> None:
        messages.show_error(self._window, title, message)

    # -- inside --------------------------------------------------------------------------------

    def _call(self, title: str, do: Callable[[], Outcome], failure: Failure | None) -> Any:
        try:
            return do()
        except ServiceError as error:  # the one family, always worded for the user
            self._fail(title, error, failure)
            return FAILED

    def _fail(self, title: str, error: ServiceError | str, failure: Failure | None) -> None:
        if failure is not None:
            failure(error)
        else:
            self.report(title, f"{title}: {error}")

    def _done(self, outcome: Outcome, initiator: object | None, success: Success | None) -> None:
        self.broadcast(changes_of(outcome), initiator)
        if success is not None:
            success(value_of(outcome))


class _UndoStep(QUndoCommand):
    """One operation on the undo stack. A step that cannot be done or undone any more (its
    posting was deleted meanwhile) says why and leaves the stack."""

    def __init__(
        self,
        operations: Operations,
        title: str,
        do: Do,
        undo: Undo,
        initiator: object | None,
        success: Success | None,
        failure: Failure | None,
    ) -> None:
        super().__init__(title)
        self._operations = operations
        self._do, self._undo = do, undo
        self._initiator, self._success, self._failure = initiator, success, failure
        self._value: Any = None
        self._first = True
        self.undone: Success | None = None  # told what undo returned, after the broadcast

    def redo(self) -> None:
        first, self._first = self._first, False
        title = self.text() if first else f"Redo {self.text()}"
        outcome = self._operations._call(title, self._do, self._failure if first else None)
        if isinstance(outcome, _Failed):
            self.setObsolete(True)
            return
        self._value = value_of(outcome)
        # Only the first time is the change the initiator's own; redo is the user's, from a menu.
        self._operations._done(
            outcome, self._initiator if first else None, self._success if first else None
        )

    def undo(self) -> None:
        outcome = self._operations._call(
            f"Undo {self.text()}", lambda: self._undo(self._value), None
        )
        if isinstance(outcome, _Failed):
            self.setObsolete(True)
            return
        self._operations._done(outcome, None, self.undone)
