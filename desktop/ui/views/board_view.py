"""The kanban board: one column per stage, cards moved by drag and drop, menu or keyboard.

Each column is a QListView over a BoardColumnModel with a painted card delegate. Every way of
moving a card (drop, "Move to", Ctrl+arrows) asks through ``move_requested``; the window turns
that into an undoable move, and the Changes it reports reload the board.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QPixmap,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QScrollArea,
    QWidget,
)

from desktop.core.labels import Label
from desktop.core.pipeline import Card, StageInfo
from desktop.services.pipeline import Board
from desktop.ui.views.board_column import BoardColumn

EDGE_ZONE = 48  # pixels from the board's edge where a drag scrolls it
EDGE_SCROLL_STEP, EDGE_SCROLL_MS = 24, 30


def swatch(color: str) -> QIcon:
    """A label's colour as a small square, for its menu entry."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class BoardView(QScrollArea):
    card_selected = Signal(object)  # posting id or None
    move_requested = Signal(int, int, int)  # posting id, stage id, index
    label_toggled = Signal(int, int, bool)  # posting id, label id, carried or not
    edit_labels_requested = Signal(int)  # posting id: the labels dialog for it
    collapsed_changed = Signal(object)  # set of collapsed stage names
    open_link_requested = Signal(int)  # posting id: open its page in the browser

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board")
        self.setWidgetResizable(True)
        self.columns: list[BoardColumn] = []
        self.collapsed_names: set[str] = set()
        # The window's own actions added to a card's menu (Edit, Delete); set by the page.
        self.more_actions: Callable[[], list[QAction]] = list
        self.all_labels: Callable[[], list[Label]] = list  # the labels a card may carry
        self._stages: list[StageInfo] = []
        self._selected: int | None = None
        self._stage_signature: tuple[object, ...] = ()
        # Reads more of a column when it is scrolled down: (stage id, offset) -> cards.
        self.page_source: Callable[[int, int], list[Card]] | None = None
        # A card dragged near the board's left or right edge scrolls the board that way, on a
        # timer, so holding it there keeps scrolling to the columns out of view.
        self._edge_step = 0
        self.edge_timer = QTimer(self, interval=EDGE_SCROLL_MS)
        self.edge_timer.timeout.connect(self._edge_scroll)

    # -- loading -------------------------------------------------------------------------------

    def load(self, board: Board) -> None:
        signature = tuple((s.id, s.name, s.color, s.is_closed) for s in board.stages)
        if signature != self._stage_signature:
            self._build_columns(board.stages)
            self._stage_signature = signature
        by_stage: dict[int, list] = defaultdict(list)
        for card in board.cards:
            by_stage[card.stage_id].append(card)
        for column, stage in zip(self.columns, board.stages, strict=True):
            column.model.fetch_page = self.page_source
            column.model.set_cards(by_stage.get(stage.id, []), stage.count)
            column.set_count(stage.count)
        if self._selected is not None:
            self.select_card(self._selected)

    def _build_columns(self, stages: list[StageInfo]) -> None:
        self._stages = stages
        self.columns = []
        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(8, 8, 8, 8)
        row.setSpacing(8)
        for stage in stages:
            column = BoardColumn(stage, stage.name in self.collapsed_names)
            column.model.move_requested.connect(
                self.move_requested.emit, Qt.ConnectionType.QueuedConnection
            )
            column.view.selectionModel().selectionChanged.connect(
                lambda *_args, c=column: self._column_selected(c)
            )
            column.view.step_requested.connect(self._step)
            column.view.across_requested.connect(lambda step, c=column: self.select_beside(c, step))
            column.view.reorder_requested.connect(self._reorder)
            column.view.menu_requested.connect(self._menu)
            column.view.viewport().installEventFilter(self)
            column.collapse.toggled.connect(self._collapsed_toggled)
            row.addWidget(column)
            self.columns.append(column)
        row.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(content)

    # -- selection -----------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        return self._selected

    def forget(self, posting_ids: Iterable[int]) -> None:
        """Deleted postings are no longer the selection: the window's actions and the detail
        pane stop pointing at them, and a card Undo brings back is selected afresh."""
        if self._selected in set(posting_ids):
            self._selected = None
            self.card_selected.emit(None)

    def select_card(self, posting_id: int) -> bool:
        for column in self.columns:
            row = column.model.row_of(posting_id)
            if row is not None:
                index = column.model.index(row)
                column.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                column.view.scrollTo(index)
                return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragMove and isinstance(watched, QWidget):
            where = watched.mapTo(self.viewport(), event.position().toPoint())  # type: ignore[attr-defined]
            self.drag_at(where.x())
        elif kind in (QEvent.Type.DragLeave, QEvent.Type.Drop):
            self.drag_at(None)
        return super().eventFilter(watched, event)

    def drag_at(self, x: int | None) -> None:
        """A drag is at ``x`` in the board's viewport (None: it left or dropped)."""
        width = self.viewport().width()
        if x is None or EDGE_ZONE <= x <= width - EDGE_ZONE:
            self._edge_step = 0
            self.edge_timer.stop()
            return
        self._edge_step = -EDGE_SCROLL_STEP if x < EDGE_ZONE else EDGE_SCROLL_STEP
        self._edge_scroll()
        self.edge_timer.start()

    def _edge_scroll(self) -> None:
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + self._edge_step)
        if bar.value() in (bar.minimum(), bar.maximum()):
            self.edge_timer.stop()

    def select_beside(self, column: BoardColumn, step: int) -> bool:
        """Select a card in the nearest open column with cards to the left (-1) or right (+1)
        of ``column``, at the same height as far as it goes, and give that column the focus."""
        if column not in self.columns:
            return False
        row = max(column.view.currentIndex().row(), 0)
        number = self.columns.index(column) + step
        while 0 <= number < len(self.columns):
            target = self.columns[number]
            count = target.model.rowCount()
            if count and not target.is_collapsed():
                index = target.model.index(min(row, count - 1))
                target.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                target.view.scrollTo(index)
                target.view.setFocus()
                self.ensureWidgetVisible(target)
                return True
            number += step
        return False

    def focus_selected(self) -> None:
        for column in self.columns:
            if column.view.current_id() is not None:
                column.view.setFocus()
                return

    def _column_selected(self, column: BoardColumn) -> None:
        posting_id = column.view.current_id()
        if posting_id is None:
            return
        for other in self.columns:
            if other is not column:
                other.view.selectionModel().clearSelection()
        if posting_id != self._selected:
            self._selected = posting_id
            self.card_selected.emit(posting_id)

    # -- changes shown without reading the board again ------------------------------------------

    def place_card(self, posting_id: int, stage_id: int, index: int, now: datetime) -> bool:
        """Show a move this view asked for where the user put the card, with no read.

        ``index`` is the card's place among the others in the target column, as the services
        take it. False when the card or the column is not on the board (read it again then).
        """
        found = self._column_of(posting_id)
        target = next((c for c in self.columns if c.stage.id == stage_id), None)
        if found is None or target is None:
            return False
        source = self.columns[found[0]]
        had_focus = source.view.hasFocus()
        card = source.model.take(found[1])
        if card.stage_id != stage_id:
            card = replace(card, stage_id=stage_id, entered_at=now)
        shown = target.model.put(max(0, min(index, target.model.rowCount())), card)
        source.set_count(source.model.total())
        target.set_count(target.model.total())
        if shown:
            self.select_card(posting_id)
            if had_focus:  # Ctrl+Right again moves it on: the focus goes with the card
                target.view.setFocus()
        return True

    def update_cards(self, cards: Iterable[Card]) -> None:
        """Show new states of cards on the board (a label) in place."""
        for card in cards:
            for column in self.columns:
                column.model.replace(card)

    # -- moves ---------------------------------------------------------------------------------

    def _card(self, posting_id: int) -> Card | None:
        found = self._column_of(posting_id)
        if found is None:
            return None
        number, row = found
        return self.columns[number].model.cards()[row]

    def _column_of(self, posting_id: int) -> tuple[int, int] | None:
        for number, column in enumerate(self.columns):
            row = column.model.row_of(posting_id)
            if row is not None:
                return number, row
        return None

    def _step(self, posting_id: int, step: int) -> None:
        found = self._column_of(posting_id)
        if found is None:
            return
        target = found[0] + step
        if 0 <= target < len(self.columns):
            self.move_requested.emit(posting_id, self.columns[target].stage.id, 0)

    def _reorder(self, posting_id: int, step: int) -> None:
        found = self._column_of(posting_id)
        if found is None:
            return
        number, row = found
        new_row = row + step
        if 0 <= new_row < self.columns[number].model.rowCount():
            self.move_requested.emit(posting_id, self.columns[number].stage.id, new_row)

    def _menu(self, posting_id: int, where: QPoint) -> None:
        self.select_card(posting_id)  # the card right-clicked is the one Edit and Delete act on
        self.context_menu = self.card_menu(posting_id)  # kept so it lives while it is open
        self.context_menu.popup(where)

    def card_menu(self, posting_id: int) -> QMenu:
        """The card's context menu: Move to (every other stage), Labels (tick, or edit them),
        and Open posting in browser."""
        menu = QMenu(self)
        move_to = menu.addMenu("Move to")
        found = self._column_of(posting_id)
        for number, column in enumerate(self.columns):
            action = move_to.addAction(column.stage.name)
            action.setEnabled(found is None or found[0] != number)
            action.triggered.connect(
                lambda _checked=False, s=column.stage.id: self.move_requested.emit(posting_id, s, 0)
            )
        labels = menu.addMenu("Labels")
        card = self._card(posting_id)
        carried = {label.id for label in card.labels} if card else set()
        for label in self.all_labels():
            action = labels.addAction(swatch(label.color), label.name)
            action.setCheckable(True)
            action.setChecked(label.id in carried)
            action.toggled.connect(
                lambda on, i=label.id: self.label_toggled.emit(posting_id, i, on)
            )
        if labels.actions():
            labels.addSeparator()
        labels.addAction("Edit labels…").triggered.connect(
            lambda: self.edit_labels_requested.emit(posting_id)
        )
        menu.addSeparator()
        menu.addAction("Open posting in browser").triggered.connect(
            lambda: self.open_link_requested.emit(posting_id)
        )
        more = self.more_actions()
        if more:  # the window's Edit and Delete, acting on the selected card
            menu.addSeparator()
            for action in more:
                menu.addAction(action)
        return menu

    def _collapsed_toggled(self) -> None:
        self.collapsed_names = {c.stage.name for c in self.columns if c.is_collapsed()}
        self.collapsed_changed.emit(set(self.collapsed_names))
