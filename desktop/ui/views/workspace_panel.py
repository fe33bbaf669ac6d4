"""What the application's workspace tabs (notes, contacts, documents) share: a list of cards
filled from the library, an "empty" hint, and the rule that a tab not shown only counts its
rows (for its title; the side counts every tab in one query) and reads them when it is shown.

A panel gives its title word, how to count, how to read its rows, and how to make and fill a
card; ``reload`` does the rest. Cards are kept from one posting to the next and filled again:
clicking through applications with the notes open costs a few texts set, not ten new cards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from desktop.core.application_facts import WorkspaceCounts
from desktop.ui.pages import WindowParts
from desktop.ui.views.sections import plain_label

SPARE_CARDS = 20  # cards kept hidden for the next posting; beyond that they are let go


class CardList(QScrollArea):
    """Cards stacked top to bottom in a frameless scroll area; ``show_rows`` fills them."""

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
        self.cards: list[QWidget] = []  # the cards shown, one per row, in order
        self._made: list[QWidget] = []  # those and the hidden spares after them

    def show_rows(
        self,
        rows: Sequence[Any],
        new_card: Callable[[], QWidget],
        fill_card: Callable[[Any, Any], None],
    ) -> None:
        """One card per row, in order: the cards made before are filled again, more are made
        with ``new_card`` when there are more rows, the rest are hidden (and named nothing, so
        a look-up by name finds only the cards shown)."""
        while len(self._made) < len(rows):
            card = new_card()
            self._layout.insertWidget(len(self._made), card)
            self._made.append(card)
        for card, row in zip(self._made, rows, strict=False):
            fill_card(card, row)
            if card.isHidden():
                card.show()
        for card in self._made[len(rows) :]:
            card.hide()
            card.setObjectName("")
        keep = max(len(rows), SPARE_CARDS)
        for card in self._made[keep:]:
            card.deleteLater()
        del self._made[keep:]
        self.cards = self._made[: len(rows)]


class WorkspacePanel(QWidget):
    """Base of a workspace tab for one posting (``show_posting`` picks which)."""

    title_changed = Signal(str)  # "Notes (3)": the tab's title
    TITLE = ""  # the tab's word: "Notes"
    COUNTED = ""  # its field of ``WorkspaceCounts``: "notes"

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
    def cards(self) -> list[Any]:
        return self.card_list.cards

    # -- what a panel gives ---------------------------------------------------------------------

    def count_rows(self, posting_id: int) -> int:
        """How many cards the posting has (for the title of a tab not shown)."""
        raise NotImplementedError

    def read_rows(self, posting_id: int | None) -> Sequence[Any]:
        """The posting's rows, one per card (None: no posting, no rows)."""
        raise NotImplementedError

    def new_card(self) -> QWidget:
        """An empty card, its signals connected to the panel (it is filled by ``fill_card``,
        again and again: what it emits must come from what it was last filled with)."""
        raise NotImplementedError

    def fill_card(self, card: Any, row: Any) -> None:
        raise NotImplementedError

    # -- the shared part ------------------------------------------------------------------------

    def show_posting(self, posting_id: int | None, counts: WorkspaceCounts | None = None) -> None:
        """Show ``posting_id``'s rows (None: none); ``counts``, when the side read them, spare
        a tab not in sight its own count."""
        self.posting_id = posting_id
        self.setEnabled(posting_id is not None)
        self.reload(counts)

    def reload(self, counts: WorkspaceCounts | None = None) -> None:
        # A tab not shown only counts (one indexed query, or none when the side counted); it
        # reads its rows when shown, so selecting a posting costs no more than the posting.
        if not self.isVisible():
            self._stale = True
            if self.posting_id is None:
                self._titled(0)
            elif counts is not None:
                self._titled(getattr(counts, self.COUNTED))
            else:
                self._titled(self.count_rows(self.posting_id))
            return
        self._stale = False
        rows = self.read_rows(self.posting_id)
        self.card_list.show_rows(rows, self.new_card, self.fill_card)
        self.empty.setVisible(self.posting_id is not None and not rows)
        self._titled(len(rows))

    def _titled(self, count: int) -> None:
        self.title_changed.emit(f"{self.TITLE} ({count})" if count else self.TITLE)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
