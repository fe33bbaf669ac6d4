"""What the application's workspace tabs (notes, contacts, documents) share: a list of cards
rebuilt from the library, an "empty" hint, and the rule that a tab not shown only counts its
rows (one cheap query, for its title) and reads them when it is shown.

A panel gives its title word, how to count, and how to make its cards; ``reload`` does the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.pages import WindowParts
from desktop.ui.views.sections import plain_label


class CardList(QScrollArea):
    """Cards stacked top to bottom in a frameless scroll area; ``set_cards`` replaces them."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.setWidget(inner)
        self.cards: list[QWidget] = []

    def set_cards(self, cards: Sequence[QWidget]) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = list(cards)
        for position, card in enumerate(self.cards):
            self._layout.insertWidget(position, card)


class WorkspacePanel(QWidget):
    """Base of a workspace tab for one posting (``show_posting`` picks which)."""

    title_changed = Signal(str)  # "Notes (3)": the tab's title
    TITLE = ""  # the tab's word: "Notes"

    def __init__(self, parts: WindowParts, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self._parts = parts
        self.posting_id: int | None = None
        self._stale = True
        self.card_list = CardList()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 10, 12, 10)
        self.layout_.setSpacing(6)
        self.empty = plain_label("", muted=True, selectable=False)

    def add_card_list(self, empty_text: str) -> None:
        """Put the "empty" hint and the cards below what the panel added to ``layout_``."""
        self.empty.setText(empty_text)
        self.layout_.addWidget(self.empty)
        self.layout_.addWidget(self.card_list, 1)

    @property
    def cards(self) -> list[QWidget]:
        return self.card_list.cards

    # -- what a panel gives ---------------------------------------------------------------------

    def count_rows(self, posting_id: int) -> int:
        """How many cards the posting has (for the title of a tab not shown)."""
        raise NotImplementedError

    def make_cards(self, posting_id: int | None) -> list[QWidget]:
        """Read the posting's rows (None: no posting) and make their cards."""
        raise NotImplementedError

    # -- the shared part ------------------------------------------------------------------------

    def reload(self) -> None:
        # A tab not shown only counts (one indexed query); it reads its rows when shown, so
        # selecting a posting costs no more than the posting itself.
        if not self.isVisible():
            self._stale = True
            self._titled(self.count_rows(self.posting_id) if self.posting_id is not None else 0)
            return
        self._stale = False
        cards = self.make_cards(self.posting_id)
        self.card_list.set_cards(cards)
        self.empty.setVisible(self.posting_id is not None and not cards)
        self._titled(len(cards))

    def _titled(self, count: int) -> None:
        self.title_changed.emit(f"{self.TITLE} ({count})" if count else self.TITLE)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
