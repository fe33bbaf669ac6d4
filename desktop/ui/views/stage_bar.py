"""The selected posting's stage, changeable where the user reads it: a stage menu above the
detail pane and "Mark applied today". The board is not the only place a stage can change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.core.pipeline import StageInfo


class StageBar(QWidget):
    move_requested = Signal(int, int)  # posting id, stage id
    applied_today_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stage-bar")
        self.posting_id: int | None = None
        self._stages: list[StageInfo] = []
        self.stage = QComboBox()
        self.stage.setObjectName("stage-bar-stage")
        self.stage.setToolTip("Move this application to another stage (undo with Ctrl+Z)")
        self.stage.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.stage.activated.connect(self._chosen)  # the user's choice only, not set_stage
        self.applied_today = QPushButton("Mark applied today")
        self.applied_today.setObjectName("stage-bar-applied-today")
        self.applied_today.setToolTip("Move to Applied, dated now (Ctrl+Enter)")
        self.applied_today.clicked.connect(self.applied_today_requested)
        label = QLabel("&Stage")
        label.setBuddy(self.stage)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 2)
        layout.addWidget(label)
        layout.addWidget(self.stage)
        layout.addStretch(1)
        layout.addWidget(self.applied_today)
        self.show_application(None, None, [])

    def show_application(
        self, posting_id: int | None, stage: str | None, stages: list[StageInfo]
    ) -> None:
        """Show ``posting_id``'s ``stage`` among ``stages`` (None: nothing selected)."""
        self.posting_id = posting_id
        if [s.id for s in stages] != [s.id for s in self._stages] or any(
            a.name != b.name for a, b in zip(stages, self._stages, strict=False)
        ):
            self._stages = list(stages)
            self.stage.blockSignals(True)
            self.stage.clear()
            self.stage.addItems([s.name for s in stages])
            self.stage.blockSignals(False)
        names = [s.name for s in self._stages]
        self.stage.setCurrentIndex(names.index(stage) if stage in names else -1)
        shown = posting_id is not None and stage is not None
        self.stage.setEnabled(shown)
        self.applied_today.setEnabled(shown and stage != "Applied")

    def _chosen(self, index: int) -> None:
        if self.posting_id is not None and 0 <= index < len(self._stages):
            self.move_requested.emit(self.posting_id, self._stages[index].id)
