"""A board column: its stage's header (dot, name, count, collapse button), the list of its
cards (a QListView over BoardColumnModel), and the narrow strip a collapsed closed column
becomes (its name and count written down it)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.pipeline import StageInfo
from desktop.ui.models.board_column_model import ID_ROLE, BoardColumnModel
from desktop.ui.views.card_delegate import CARD_HEIGHT, CardDelegate

COLUMN_WIDTH, COLLAPSED_WIDTH = 250, 56


class VerticalTitle(QWidget):
    """A collapsed column's name and count, written bottom to top down a narrow strip."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        metrics = self.fontMetrics()
        self.setFixedWidth(metrics.height() + 8)
        self.setMinimumHeight(metrics.horizontalAdvance(text) + 16)

    def set_text(self, text: str) -> None:
        self.text = text
        self.setMinimumHeight(self.fontMetrics().horizontalAdvance(text) + 16)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        metrics = self.fontMetrics()
        # Turned a quarter clockwise, the letters stand to the right of the baseline: centre
        # the line's height (descent left of the baseline, ascent right of it) in the strip.
        painter.translate((self.width() - metrics.height()) / 2 + metrics.descent(), 8)
        painter.rotate(90)
        painter.drawText(0, 0, self.text)
        painter.end()


class StageDot(QWidget):
    def __init__(self, color: str) -> None:
        super().__init__()
        self._color = QColor(color)
        self.setFixedSize(12, 12)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._color)
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()


class BoardColumnView(QListView):
    """A column's cards. Ctrl+Left/Right move a card between stages, Ctrl+Up/Down within one."""

    step_requested = Signal(int, int)  # posting id, -1 or +1 stage
    across_requested = Signal(int)  # plain Left/Right: the selection to the column beside
    reorder_requested = Signal(int, int)  # posting id, -1 or +1 place
    menu_requested = Signal(int, QPoint)  # posting id, global position

    def __init__(self, model: BoardColumnModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(True)  # every card is CARD_HEIGHT: fast with 10,000 cards
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(CARD_HEIGHT // 3)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def current_id(self) -> int | None:
        index = self.currentIndex()
        selected = self.selectionModel().selectedIndexes()
        if not selected or not index.isValid():
            return None
        return index.data(ID_ROLE)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        posting_id = self.current_id()
        if posting_id is not None and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            steps = {
                Qt.Key.Key_Left: (self.step_requested, -1),
                Qt.Key.Key_Right: (self.step_requested, 1),
                Qt.Key.Key_Up: (self.reorder_requested, -1),
                Qt.Key.Key_Down: (self.reorder_requested, 1),
            }
            if event.key() in steps:
                signal, step = steps[Qt.Key(event.key())]
                signal.emit(posting_id, step)
                event.accept()
                return
        across = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in across:
            self.across_requested.emit(across[Qt.Key(event.key())])
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            self.setCurrentIndex(index)
            self.menu_requested.emit(index.data(ID_ROLE), event.globalPos())


class BoardColumn(QFrame):
    def __init__(self, stage: StageInfo, collapsed: bool) -> None:
        super().__init__()
        self.stage = stage
        self.setObjectName(f"board-column-{stage.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model = BoardColumnModel(stage.id, self)
        self.view = BoardColumnView(self.model)
        self.view.setAccessibleName(f"{stage.name} column")

        header = QHBoxLayout()
        header.setContentsMargins(8, 6, 4, 2)
        header.addWidget(StageDot(stage.color))
        self.title = QLabel(stage.name)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        self.count = QLabel()
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        header.addWidget(self.count)
        header.addStretch(1)
        self.collapse = QToolButton()
        self.collapse.setObjectName("collapse-button")
        self.collapse.setAutoRaise(True)
        self.collapse.setCheckable(True)
        self.collapse.setVisible(stage.is_closed)
        self.collapse.toggled.connect(self.set_collapsed)
        header.addWidget(self.collapse)

        self.strip = VerticalTitle(stage.name)  # the column's name when it is collapsed
        self.strip.setObjectName("collapsed-title")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.strip, 1, Qt.AlignmentFlag.AlignHCenter)
        self.collapse.setChecked(collapsed)
        self.set_collapsed(collapsed)

    def set_count(self, count: int) -> None:
        self.count.setText(str(count))
        self.strip.set_text(f"{self.stage.name} · {count}")

    def is_collapsed(self) -> bool:
        return self.collapse.isChecked()

    def set_collapsed(self, collapsed: bool) -> None:
        """Collapsed, the column is a narrow strip: its dot, the expand button, and its name
        and count written down the strip."""
        self.view.setVisible(not collapsed)
        self.title.setVisible(not collapsed)
        self.count.setVisible(not collapsed)
        self.strip.setVisible(collapsed)
        self.collapse.setText("▸" if collapsed else "▾")
        self.collapse.setToolTip("Show this stage's cards" if collapsed else "Collapse")
        self.setFixedWidth(COLLAPSED_WIDTH if collapsed else COLUMN_WIDTH)
