"""The pipeline commands: move an application (drag, keys, menu), edit the stages, correct
when it entered a stage. Each is one undoable operation through the door."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.services import pipeline, stages
from desktop.ui.actions import ActionSpec, ShortcutHost
from desktop.ui.lazy_page import LazyPage
from desktop.ui.pages import WindowParts

if TYPE_CHECKING:
    from desktop.ui.board_page import BoardPage
    from desktop.ui.dialogs.stage_date_dialog import StageDateDialog
    from desktop.ui.dialogs.stages_dialog import StagesDialog


class PipelineCommands(QObject):
    def __init__(self, parts: WindowParts, board_page: LazyPage) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self.stages_dialog: StagesDialog | None = None
        self.stage_date_dialog: StageDateDialog | None = None
        board_page.when_built(self._board_built)  # moves come from its cards

    def _board_built(self, board: BoardPage) -> None:
        self._board = board
        board.view.move_requested.connect(self.move)

    def actions(self, local_to: Sequence[QWidget | ShortcutHost] = ()) -> list[ActionSpec]:
        """``local_to``: where Ctrl+Enter marks applied (the pages: in a text box, such as a
        note, Ctrl+Enter is that box's own)."""
        return [
            ActionSpec("pipeline.stages", "&Stages…", self.edit_stages, "Edit", group=3),
            ActionSpec(
                "pipeline.applied_today",
                "Mark &applied today",
                self.mark_applied_today,
                "Edit",
                group=1,
                shortcuts=("Ctrl+Return", "Ctrl+Enter"),
                needs_selection=True,
                local_to=tuple(local_to),
            ),
        ]

    def move_to(self, posting_id: int, stage_id: int) -> None:
        """A move from outside the board (the detail pane's stage, the list's menu): last in
        its new column, dated now; every page catches up from the change."""
        library = self._parts.library
        names = {s.id: s.name for s in stages.list_stages(library)}
        self._parts.operations.run(
            f"Move to {names.get(stage_id, 'another stage')}",
            lambda: pipeline.move_application(library, posting_id, stage_id),
            undo=lambda record: pipeline.undo_move(library, record),
        )

    def mark_applied_today(self) -> None:
        """Ctrl+Enter: the selected posting moves to Applied, dated now (undoable)."""
        posting_id = self._parts.selected_id()
        if posting_id is None:
            return
        library = self._parts.library
        try:
            applied = pipeline.resolve_stage(library, "Applied")
        except pipeline.UnknownStage:
            self._parts.operations.report(
                "No stage named Applied",
                "There is no stage named “Applied” (it was renamed or deleted). "
                "Choose the stage in the detail pane instead.",
            )
            return
        if pipeline.application(library, posting_id).stage == applied.name:
            return  # already there: a second Ctrl+Enter changes nothing
        self.move_to(posting_id, applied.id)

    def move(self, posting_id: int, stage_id: int, index: int) -> None:
        """Every move (drop, menu, keys) goes through here, as one undoable step."""
        library, page = self._parts.library, self._board
        stage = next((c.stage.name for c in page.view.columns if c.stage.id == stage_id), "")

        def placed(_record: Any) -> None:
            # The board shows its own move where the card was put, without reading the board.
            if not page.show_move(posting_id, stage_id, index):
                page.reload()
                page.select(posting_id)

        self._parts.operations.run(
            f"Move to {stage}",
            lambda: pipeline.move_application(library, posting_id, stage_id, index=index),
            undo=lambda record: pipeline.undo_move(library, record),
            initiator=page,
            success=placed,
        )

    def edit_stages(self) -> None:
        from desktop.ui.dialogs.stages_dialog import StagesDialog

        dialog = StagesDialog(self._parts.operations, self._parts.window)
        dialog.finished.connect(dialog.deleteLater)
        self.stages_dialog = dialog
        dialog.open()

    def ask_stage_date(self, change_id: int, stage: str, at: object) -> None:
        from desktop.ui.dialogs.stage_date_dialog import StageDateDialog

        library = self._parts.library
        dialog = StageDateDialog(
            change_id,
            stage,
            at,  # type: ignore[arg-type]
            lambda when: pipeline.stage_time_effect(library, change_id, when),
            self._parts.window,
        )
        dialog.chosen.connect(self.correct_stage_date)
        dialog.finished.connect(dialog.deleteLater)
        self.stage_date_dialog = dialog
        dialog.open()

    def correct_stage_date(self, change_id: int, at: Any) -> None:
        library = self._parts.library
        self._parts.operations.run(
            "Change the date",
            lambda: pipeline.correct_stage_time(library, change_id, at),
            undo=lambda dating: pipeline.undo_stage_time(library, dating),
        )
