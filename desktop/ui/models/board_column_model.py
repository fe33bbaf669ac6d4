"""One board column: the cards of one stage, as a list model with drag and drop of ids.

A drop does not change the model itself: it asks for a move (``move_requested``), the move is
done (and made undoable) by the board, and the Changes it reports reload every view.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.core.pipeline import Card

CARD_MIME_TYPE = "application/x-jobdeck-posting-ids"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
CARD_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


def card_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(CARD_MIME_TYPE):
        return []
    try:
        ids = json.loads(bytes(mime.data(CARD_MIME_TYPE).data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


class BoardColumnModel(QAbstractListModel):
    move_requested = Signal(int, int, int)  # posting id, stage id, index in the column

    def __init__(self, stage_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self._cards: list[Card] = []
        self._total = 0
        # Reads more cards of this column: (stage id, offset) -> the next page.
        self.fetch_page: Callable[[int, int], list[Card]] | None = None

    def set_cards(self, cards: Sequence[Card], total: int | None = None) -> None:
        """Show the first cards of a column holding ``total`` (more are read on scrolling)."""
        self.beginResetModel()
        self._cards = list(cards)
        self._total = len(self._cards) if total is None else max(total, len(self._cards))
        self.endResetModel()

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return (
            not parent.isValid() and self.fetch_page is not None and len(self._cards) < self._total
        )

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent) or self.fetch_page is None:
            return
        more = self.fetch_page(self.stage_id, len(self._cards))
        if not more:  # the column shrank meanwhile
            self._total = len(self._cards)
            return
        self.beginInsertRows(QModelIndex(), len(self._cards), len(self._cards) + len(more) - 1)
        self._cards.extend(more)
        self.endInsertRows()

    def take(self, row: int) -> Card:
        """Remove the card at ``row`` (a move out of this column); the total drops by one."""
        self.beginRemoveRows(QModelIndex(), row, row)
        card = self._cards.pop(row)
        self._total = max(self._total - 1, len(self._cards))
        self.endRemoveRows()
        return card

    def put(self, index: int, card: Card) -> bool:
        """Add ``card`` at ``index`` (a move into this column); False when that place is past
        the cards read so far (it is counted, and read when scrolled to)."""
        self._total += 1
        if index > len(self._cards) or (index == len(self._cards) < self._total - 1):
            return False
        self.beginInsertRows(QModelIndex(), index, index)
        self._cards.insert(index, card)
        self.endInsertRows()
        return True

    def replace(self, card: Card) -> None:
        """Show a card's new state (its label, say) where it is: ``dataChanged``, no reset."""
        row = self.row_of(card.id)
        if row is not None:
            self._cards[row] = card
            self.dataChanged.emit(self.index(row), self.index(row))

    def total(self) -> int:
        return self._total

    def cards(self) -> list[Card]:
        return list(self._cards)

    def row_of(self, posting_id: int) -> int | None:
        for row, card in enumerate(self._cards):
            if card.id == posting_id:
                return row
        return None

    # -- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.company or ''}: {card.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if card.others_at_company:
                others = card.others_at_company
                noun = "application" if others == 1 else "applications"
                return f"{card.title}\n↻ {others} other {noun} at {card.company}"
            return card.title
        if role == ID_ROLE:
            return card.id
        if role == CARD_ROLE:
            return card
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # dropping on empty space adds at the end
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        ids = [self._cards[i.row()].id for i in indexes if i.isValid()]
        mime.setData(CARD_MIME_TYPE, QByteArray(json.dumps(ids).encode("utf-8")))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return bool(card_ids(data)) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        ids = card_ids(data)
        if not ids or action != Qt.DropAction.MoveAction:
            return False
        # Dropped onto a card: go before it. Onto empty space: go last.
        index = parent.row() if parent.isValid() else (row if row >= 0 else len(self._cards))
        for offset, posting_id in enumerate(ids):
            self.move_requested.emit(posting_id, self.stage_id, index + offset)
        # The move reloads every column when it is done. The source view then asks to remove
        # the dragged rows; removeRows is not implemented, so it leaves them to that reload.
        return True
