"""Undoable operations for Ctrl+Z / Ctrl+Shift+Z: card moves, labels, and stage edits.

Each command calls the services and hands the Changes they report to ``apply``, so undo and redo
refresh the views exactly as the first time. An operation that cannot be done any more (its
posting was deleted meanwhile) reports why and removes itself from the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.core.board import MoveRecord
from desktop.services import board, stages
from desktop.services.changes import Changes
from desktop.services.errors import ServiceError
from desktop.services.library import Library

Apply = Callable[[Changes], None]
Report = Callable[[str], None]
FAILURES = (ServiceError,)  # the services' one error family, always in a user's words


class ServiceCommand(QUndoCommand):
    """A do/undo pair of service calls, each returning the Changes it made."""

    def __init__(
        self,
        text: str,
        do: Callable[[], Changes],
        undo: Callable[[], Changes],
        apply: Apply,
        report: Report,
    ) -> None:
        super().__init__(text)
        self._do, self._undo, self._apply, self._report = do, undo, apply, report

    def _run(self, call: Callable[[], Changes]) -> None:
        try:
            changes = call()
        except FAILURES as error:
            self.setObsolete(True)
            self._report(f"{self.text()}: {error}")
            return
        self._apply(changes)

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


class MoveCardCommand(QUndoCommand):
    def __init__(
        self,
        db: Library,
        posting_id: int,
        stage_id: int,
        index: int,
        text: str,
        apply: Apply,
        report: Report,
    ) -> None:
        super().__init__(text)
        self._db, self._posting_id, self._stage_id, self._index = db, posting_id, stage_id, index
        self._apply, self._report = apply, report
        self._record: MoveRecord | None = None

    def redo(self) -> None:
        try:
            self._record, changes = board.move_application(
                self._db, self._posting_id, self._stage_id, index=self._index
            )
        except FAILURES as error:
            self.setObsolete(True)
            self._report(f"{self.text()}: {error}")
            return
        self._apply(changes)

    def undo(self) -> None:
        if self._record is not None:
            self._apply(board.undo_move(self._db, self._record))


def delete_stage_command(
    db: Library, stage_id: int, name: str, move_to: int | None, apply: Apply, report: Report
) -> ServiceCommand:
    deleted: list[stages.DeletedStage] = []

    def do() -> Changes:
        deleted.append(stages.delete_stage(db, stage_id, move_to))
        moved = frozenset(posting for posting, _ in deleted[-1].moved)
        return Changes(updated=moved, stages=True)

    def undo() -> Changes:
        return stages.restore_stage(db, deleted.pop())

    return ServiceCommand(f"Delete stage “{name}”", do, undo, apply, report)


def add_stage_command(
    db: Library, name: str, color: str, is_closed: bool, apply: Apply, report: Report
) -> ServiceCommand:
    added: list[int] = []

    def do() -> Changes:
        stage_id, changes = stages.add_stage(db, name, color, is_closed=is_closed)
        added.append(stage_id)
        return changes

    def undo() -> Changes:
        stages.delete_stage(db, added.pop())
        return stages.STAGES_CHANGED

    return ServiceCommand(f"Add stage “{name}”", do, undo, apply, report)
