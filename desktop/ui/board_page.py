"""The board page: the application pipeline as columns of cards, one per stage.

It listens to the door: a move it asked for is already shown (it placed the card itself,
without a read); a change of labels (a tick, a rename, an undo) updates those cards in place;
anything else reads the board again, now if it is shown, else when it is next shown.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from desktop.services import pipeline
from desktop.services.changes import Changes, Kind
from desktop.ui.actions import ActionSpec
from desktop.ui.pages import WindowParts
from desktop.ui.posting_link import open_posting_in_browser
from desktop.ui.views.board_view import BoardView

SHOWN_KINDS = frozenset({Kind.POSTINGS, Kind.PIPELINE, Kind.STAGES})


class BoardPage(QObject):
    key = "board"
    title = "&Board"
    shortcut = "Ctrl+2"
    selection_changed = Signal(object)  # posting id or None

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self.view = BoardView()
        self.widget = self.view
        self.stale = True  # read when first shown
        library = parts.library
        self.view.page_source = lambda stage_id, offset: pipeline.column_cards(
            library, stage_id, parts.search(), offset
        )
        collapsed = parts.settings.value("board/collapsed", [])
        self.view.collapsed_names = set(collapsed if isinstance(collapsed, list) else [collapsed])
        self.view.collapsed_changed.connect(
            lambda names: parts.settings.setValue("board/collapsed", sorted(names))
        )
        self.view.card_selected.connect(self._card_selected)
        self.view.open_link_requested.connect(
            lambda posting_id: open_posting_in_browser(parts.window, library, posting_id)
        )
        window = parts.window
        self.view.more_actions = lambda: [
            window.action("posting.edit"),  # type: ignore[attr-defined]
            window.action("posting.delete"),  # type: ignore[attr-defined]
        ]
        parts.operations.changed.connect(self._changed)

    def actions(self) -> list[ActionSpec]:
        return []

    # -- the page's interface ------------------------------------------------------------------

    def is_shown(self) -> bool:
        return self.view.isVisibleTo(self._parts.window)

    def selected_id(self) -> int | None:
        return self.view.selected_id()

    def select(self, posting_id: int) -> bool:
        return self.view.select_card(posting_id)

    def shown(self, keep: int | None) -> None:
        if self.stale:
            self.reload()
        if keep is not None:
            self.view.select_card(keep)
        self.view.focus_selected()
        self.selection_changed.emit(self.view.selected_id())

    def searched(self) -> None:
        self._reload_or_mark()

    def prepare(self) -> None:
        """Read the board while it is hidden (the window calls this when idle after start-up,
        ``ReadAhead``): the first Ctrl+2 then only paints it. A change or a search before then
        marks it stale again, and it is read when shown, as before."""
        if self.stale and not self.is_shown():
            self.reload()

    def reload(self) -> None:
        self.view.load(pipeline.load_board(self._parts.library, self._parts.search()))
        self.stale = False

    # -- what the board itself asked for, shown before the door reports it --------------------

    def show_move(self, posting_id: int, stage_id: int, index: int) -> bool:
        """Place the card where it was dropped; False if the board must be read instead."""
        return self.view.place_card(posting_id, stage_id, index, datetime.now(UTC))

    # -- keeping up ----------------------------------------------------------------------------

    def _changed(self, changes: Changes, initiator: object) -> None:
        if not changes.kinds & SHOWN_KINDS or initiator is self:
            return
        self.view.forget(changes.deleted)  # shown or not: no action may point at them
        if not self.is_shown():
            self.stale = True  # read when next shown, not now
            return
        if changes == Changes(labelled=changes.labelled, labels=changes.labels):
            # Only labels (a tick, a rename, an undo): those cards are read again, not the board.
            self.view.update_cards(pipeline.cards_of(self._parts.library, changes.labelled))
            return
        self.reload()
        keep = self._parts.selected_id()
        if keep is not None and self.is_shown():
            self.view.select_card(keep)

    def _reload_or_mark(self) -> None:
        if self.is_shown():
            self.reload()
        else:
            self.stale = True

    def _card_selected(self, posting_id: int | None) -> None:
        if self.is_shown():
            self.selection_changed.emit(posting_id)
