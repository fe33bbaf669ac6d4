"""Edit > Stages…: the user's stages, to add, rename, recolour, reorder, close and delete.

Every edit is an undoable operation run through the window's door (``Operations``); the dialog
redraws itself from the services whenever the door reports a change to the stages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.pipeline import StageInfo
from desktop.services import stages
from desktop.services.changes import Changes, Kind
from desktop.services.errors import ServiceError
from desktop.ui.dialogs.return_key import return_presses
from desktop.ui.dialogs.screen_fit import fit_to_screen
from desktop.ui.operations import Operations

STAGE_COLORS = (
    ("Slate", "#7c8aa5"),
    ("Blue", "#3b82f6"),
    ("Cyan", "#06b6d4"),
    ("Violet", "#8b5cf6"),
    ("Amber", "#f59e0b"),
    ("Green", "#10b981"),
    ("Red", "#ef4444"),
    ("Grey", "#6b7280"),
    ("Pink", "#ec4899"),
    ("Lime", "#84cc16"),
)


def swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class StagesDialog(QDialog):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._db = operations.library
        operations.changed.connect(self._changed)
        self._stages: list[StageInfo] = []
        self.setObjectName("stages-dialog")
        self.setWindowTitle("Stages")
        fit_to_screen(self, 680, 440)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_selected)

        self.name = QLineEdit()
        self.rename_button = QPushButton("Rename")
        self.rename_button.clicked.connect(self.rename)
        self.name.returnPressed.connect(self.rename)
        self.color = QComboBox()
        for label, value in STAGE_COLORS:
            self.color.addItem(swatch(value), label, value)
        self.color.activated.connect(self.recolor)
        self.closed = QCheckBox("Closed (rejected, withdrawn …): its column can be collapsed")
        self.closed.clicked.connect(self.toggle_closed)
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.move_to = QComboBox()
        self.delete_button = QPushButton("Delete stage")
        self.delete_button.clicked.connect(self.delete)

        details = QWidget()
        form = QFormLayout(details)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name)
        name_row.addWidget(self.rename_button)
        form.addRow("Name", name_row)
        form.addRow("Colour", self.color)
        form.addRow("", self.closed)
        order_row = QHBoxLayout()
        order_row.addWidget(self.up_button)
        order_row.addWidget(self.down_button)
        form.addRow("Order", order_row)
        form.addRow("Its postings go to", self.move_to)
        form.addRow("", self.delete_button)

        self.new_name = QLineEdit(placeholderText="New stage, e.g. Take-home task")
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton("Add stage")
        self.add_button.clicked.connect(self.add)
        self.hint = QLabel("Every change here can be undone with Ctrl+Z.")
        self.hint.setForegroundRole(self.hint.foregroundRole().PlaceholderText)

        grid = QGridLayout()
        grid.addWidget(self.list, 0, 0)
        grid.addWidget(details, 0, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name)
        add_row.addWidget(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(add_row)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        # Return in "Name" renames and in "New stage" adds: it never presses Delete stage.
        return_presses(self, None)

    # -- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.selected()
        self._stages = stages.list_stages(self._db)
        self.list.blockSignals(True)
        self.list.clear()
        for stage in self._stages:
            suffix = " (closed)" if stage.is_closed else ""
            item = QListWidgetItem(swatch(stage.color), f"{stage.name}{suffix} · {stage.count}")
            item.setData(Qt.ItemDataRole.UserRole, stage.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._fit_list()
        ids = [s.id for s in self._stages]
        self.list.setCurrentRow(ids.index(keep.id) if keep and keep.id in ids else 0)
        self._show_selected()

    def _fit_list(self) -> None:
        """Wide enough for the longest name, its "(closed)" and count: never cut off."""
        metrics = self.list.fontMetrics()
        texts = [self.list.item(row).text() for row in range(self.list.count())]
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        icon = self.list.iconSize().width() or 16
        frame = self.list.frameWidth() * 2 + self.list.verticalScrollBar().sizeHint().width()
        self.list.setMinimumWidth(max(180, widest + icon + frame + 24))

    def selected(self) -> StageInfo | None:
        row = self.list.currentRow()
        return self._stages[row] if 0 <= row < len(self._stages) else None

    def _show_selected(self) -> None:
        stage = self.selected()
        if stage is None:
            return
        self.name.setText(stage.name)
        index = self.color.findData(stage.color)
        if index < 0:
            self.color.addItem(swatch(stage.color), stage.color, stage.color)
            index = self.color.count() - 1
        self.color.setCurrentIndex(index)
        self.closed.setChecked(stage.is_closed)
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < len(self._stages) - 1)
        self.move_to.clear()
        for other in self._stages:
            if other.id != stage.id:
                self.move_to.addItem(other.name, other.id)
        self.move_to.setEnabled(stage.count > 0)
        self.delete_button.setEnabled(len(self._stages) > 1)

    # -- edits (each one undoable) -------------------------------------------------------------

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.kinds & {Kind.STAGES, Kind.PIPELINE, Kind.POSTINGS} and self.isVisible():
            self.refresh()

    def _report(self, message: str) -> None:
        self._operations.report("Stages", message)

    def _command(self, text: str, do: Callable[[], Changes], undo: Callable[[], Changes]) -> None:
        self._operations.run(text, do, undo=lambda _value: undo(), initiator=self)

    def rename(self) -> None:
        stage = self.selected()
        new = self.name.text().strip()
        if stage is None or new == stage.name:
            return

        def refused(error: ServiceError | str) -> None:
            self._report(str(error))
            self.name.setText(stage.name)

        self._operations.run(
            f"Rename stage “{stage.name}”",
            lambda: stages.rename_stage(self._db, stage.id, new),
            undo=lambda _value: stages.rename_stage(self._db, stage.id, stage.name),
            initiator=self,
            failure=refused,
        )

    def recolor(self) -> None:
        stage, color = self.selected(), self.color.currentData()
        if stage is None or color == stage.color:
            return
        self._command(
            f"Recolour stage “{stage.name}”",
            lambda: stages.recolor_stage(self._db, stage.id, color),
            lambda: stages.recolor_stage(self._db, stage.id, stage.color),
        )

    def toggle_closed(self, closed: bool) -> None:
        stage = self.selected()
        if stage is None:
            return
        self._command(
            f"Mark “{stage.name}” {'closed' if closed else 'open'}",
            lambda: stages.set_stage_closed(self._db, stage.id, closed),
            lambda: stages.set_stage_closed(self._db, stage.id, stage.is_closed),
        )

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        old = [s.id for s in self._stages]
        if not 0 <= row + step < len(old):
            return
        new = list(old)
        new[row], new[row + step] = new[row + step], new[row]
        self._command(
            f"Reorder stage “{self._stages[row].name}”",
            lambda: stages.reorder_stages(self._db, new),
            lambda: stages.reorder_stages(self._db, old),
        )

    def add(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            return
        if any(s.name.casefold() == name.casefold() for s in self._stages):
            self._report(f"There is already a stage named {name!r}.")
            return
        color = STAGE_COLORS[len(self._stages) % len(STAGE_COLORS)][1]
        self._operations.run(
            f"Add stage “{name}”",
            lambda: stages.add_stage(self._db, name, color),
            undo=lambda stage_id: stages.delete_stage(self._db, stage_id),
            initiator=self,
        )
        self.new_name.clear()

    def delete(self) -> None:
        stage = self.selected()
        if stage is None:
            return
        target = self.move_to.currentData() if stage.count else None
        self._operations.run(
            f"Delete stage “{stage.name}”",
            lambda: stages.delete_stage(self._db, stage.id, target),
            undo=lambda deleted: stages.restore_stage(self._db, deleted),
            initiator=self,
        )
