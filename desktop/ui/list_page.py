"""The postings list page: the table with its search box, and what it shows when empty.

It listens to the door (``Operations.changed``): the model updates the rows it holds
(``dataChanged``) and resets only when rows come or go, so scroll position and selection stay.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import postings
from desktop.services.changes import Changes, Kind
from desktop.ui.actions import ActionSpec
from desktop.ui.list_filters import add_list_filters
from desktop.ui.list_header import ListHeader, TitleFill
from desktop.ui.models.posting_table_model import (
    COL_APPLIED,
    COL_COMPANY,
    COL_DAYS_IN_STAGE,
    COL_DEADLINE,
    COL_LABELS,
    COL_LAST_ACTIVITY,
    COL_LOCATION,
    COL_POSTED,
    COL_SALARY,
    COL_STAGE,
    COL_TITLE,
    COL_WORK_MODEL,
    HEADERS,
    HIDDEN_AT_FIRST,
    PostingTableModel,
)
from desktop.ui.pages import WindowParts
from desktop.ui.views.filter_bar import FilterBar
from desktop.ui.views.search_field import SearchField

# Starting widths; the user's own widths come back from the settings after the first run.
COLUMN_WIDTHS = {
    COL_COMPANY: 120,
    COL_TITLE: 300,
    COL_STAGE: 108,
    COL_POSTED: 92,
    COL_LOCATION: 140,
    COL_SALARY: 140,
    COL_WORK_MODEL: 100,
    COL_APPLIED: 100,
    COL_DAYS_IN_STAGE: 112,
    COL_LAST_ACTIVITY: 110,
    COL_DEADLINE: 100,
    COL_LABELS: 110,
}
SEARCH_DELAY_MS = 120  # filter as the user types, without a query per keystroke
SHOWN_KINDS = frozenset({Kind.POSTINGS, Kind.PIPELINE, Kind.STAGES})

EMPTY_TEXT = (
    "No postings yet.\n\n"
    "Copy a posting from a job board and paste it here (Ctrl+V), drop a saved page or file\n"
    "onto this window, or type one in with File > New posting (Ctrl+N).\n"
    "Everything stays on this computer."
)


class ListPage(QStackedWidget):
    """The list (or, with nothing to list, the empty state). ``search`` sits above all pages."""

    key = "list"
    title = "&Postings list"
    shortcut = "Ctrl+1"
    selection_changed = Signal(object)  # posting id or None
    searched_for = Signal()  # the search text was applied (the other pages follow it)
    open_requested = Signal()  # a row was double-clicked: edit it
    new_requested = Signal()
    paste_requested = Signal()

    def __init__(self, parts: WindowParts) -> None:
        super().__init__()
        self._parts = parts
        self.widget = self
        self._kept: int | None = None
        # After a search the side learns the selection on the next turn of the event loop: the
        # list paints its matches first, and a burst of searches fills the side once, for the
        # selection they end with. Other reloads (an edit, say) tell it at once.
        self._resetting = False
        self._searching = False
        self._announce = QTimer(self, singleShot=True, interval=0)
        self._announce.timeout.connect(lambda: self.selection_changed.emit(self.selected_id()))
        self.count_label: QLabel | None = None  # made with the first count
        self.model = PostingTableModel(parts.library, self)
        parts.operations.changed.connect(self._changed)

        self.search = SearchField()
        self.search.posting_pasted.connect(self.paste_requested)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        # Filters under the search box; another part may add a choice (filters.add_choice).
        self.filters = FilterBar()
        add_list_filters(self.filters, parts.library)
        self.filters.changed.connect(self.apply_search)

        self.table = self._make_table()
        self.empty_page, self.empty_label, self.empty_button, self.empty_paste_button = (
            self._make_empty_page()
        )
        self.no_match = QLabel()
        self.no_match.setWordWrap(True)
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for page in (self.table, self.empty_page, self.no_match):
            self.addWidget(page)
        self.model.modelReset.connect(self._after_reset)

    # -- building ------------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("postings-table")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(True)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setSortIndicator(COL_POSTED, Qt.SortOrder.DescendingOrder)
        for column, width in COLUMN_WIDTHS.items():
            table.setColumnWidth(column, width)
        for column in HIDDEN_AT_FIRST:  # until the header's menu shows them
            table.setColumnHidden(column, True)
        # Labels (issue 17) right after the title, where they are seen without scrolling.
        header.moveSection(header.visualIndex(COL_LABELS), header.visualIndex(COL_TITLE) + 1)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.header_menu = ListHeader(header, HEADERS)  # choose columns; the arrow's direction
        self.title_fill = TitleFill(header, COL_TITLE)  # Title takes the room left
        table.doubleClicked.connect(lambda _index: self.open_requested.emit())
        return table

    def _make_empty_page(self) -> tuple[QWidget, QLabel, QPushButton, QPushButton]:
        page = QWidget()
        page.setObjectName("empty-state")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        label = QLabel(EMPTY_TEXT)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout.addWidget(label)
        new_button = QPushButton("New posting…")
        new_button.clicked.connect(self.new_requested)
        paste_button = QPushButton("Paste posting")
        paste_button.clicked.connect(self.paste_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(paste_button)
        buttons.addWidget(new_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page, label, new_button, paste_button

    def actions(self) -> list[ActionSpec]:
        return [
            ActionSpec(
                "list.find",
                "&Find",
                self.focus_search,
                "Edit",
                group=3,
                shortcuts=(QKeySequence.StandardKey.Find,),
            )
        ]

    # -- the page's interface ------------------------------------------------------------------

    def load(self) -> None:
        """The first read (at start, after the saved sort order is applied)."""
        self.model.reload()
        if self.model.rowCount() and self.selected_id() is None:
            self.table.selectRow(0)

    def first_focus(self) -> QWidget:
        """Where the keyboard starts: the list, or Paste when there is nothing yet (so Ctrl+V
        imports a posting rather than typing it into the search box)."""
        return self.table if self.model.rowCount() else self.empty_paste_button

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.posting_id(rows[0].row()) if rows else None

    def select(self, posting_id: int) -> bool:
        row = self.model.row_of(posting_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        if self._announce.isActive() and not self._resetting:
            self._announce.stop()  # asked for by name: the side shows it now
            self.selection_changed.emit(self.selected_id())
        return True

    def shown(self, keep: int | None) -> None:
        if keep is not None:
            self.select(keep)
        self.table.setFocus()

    def searched(self) -> None:
        pass  # the list is what applies the search (``apply_search``)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- keeping up ----------------------------------------------------------------------------

    def _changed(self, changes: Changes, _initiator: object) -> None:
        # The list is never hidden long and its reads are a page: it always keeps up.
        if changes.kinds & SHOWN_KINDS:
            self.model.apply_changes(changes)

    def query(self) -> str:
        """What the list is narrowed by: the words typed and the filters' terms."""
        return " ".join(part for part in (self.search.text(), self.filters.terms()) if part)

    def apply_search(self) -> None:
        """Apply the words typed and the filters (a short pause after the last keystroke does)."""
        self._search_timer.stop()
        self._searching = True
        try:
            self.model.set_search(self.query())
        finally:
            self._searching = False
        self.searched_for.emit()

    def _after_reset(self) -> None:
        """After a reload: the right page of the stack, the selection kept where it can be."""
        keep = self._kept
        self._update_empty_state()
        self._resetting = True
        try:
            if keep is None or not self.select(keep):
                self.table.clearSelection()
                if self.model.rowCount():
                    self.table.selectRow(0)
        finally:
            self._resetting = False
        self._kept = self.selected_id()
        if self._searching:
            self._announce.start()
        else:
            self._announce.stop()
            self.selection_changed.emit(self._kept)

    def _show_count(self) -> None:
        """ "12 of 80 postings" in the window's status line (searching), else "80 postings"."""
        if self.count_label is None:
            self.count_label = QLabel()
            self.count_label.setObjectName("list-count")
            self._parts.window.statusBar().addPermanentWidget(self.count_label)
        shown = self.model.rowCount()
        if self.model.search.strip():
            total = postings.count_postings(self._parts.library)
            self.count_label.setText(f"{shown:,} of {total:,} postings")
        else:
            self.count_label.setText(f"{shown:,} posting{'' if shown == 1 else 's'}")

    def _update_empty_state(self) -> None:
        self._show_count()
        if self.model.rowCount():
            self.setCurrentWidget(self.table)
        elif self.model.search.strip():
            self.no_match.setText(self._no_match_text())
            self.setCurrentWidget(self.no_match)
        else:
            self.setCurrentWidget(self.empty_page)

    def _no_match_text(self) -> str:
        words = self.search.text().strip()
        shown = words if len(words) <= 60 else words[:57] + "…"
        filtered = bool(self.filters.terms())
        if words and filtered:
            return f"No postings match “{shown}” with the filters set (Clear filters shows all)."
        if filtered:
            return "No postings pass the filters set (Clear filters shows all)."
        return f"No postings match “{shown}”."

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._kept = self.selected_id()
        if not self._resetting:
            self._announce.stop()  # the user's own choice wins over a pending one
            self.selection_changed.emit(self._kept)

    def title_of(self, posting_id: int) -> str:
        """The title the list shows for ``posting_id`` ("" when it is not listed)."""
        row = self.model.row_of(posting_id)
        if row is None:
            return ""
        return str(self.model.data(self.model.index(row, COL_TITLE)) or "")

    # -- state that outlives the window --------------------------------------------------------

    def restore_state(self) -> None:
        value = self._parts.settings.value("window/columns")
        header = self.table.horizontalHeader()
        if isinstance(value, QByteArray):
            header.restoreState(value)
            # A state saved before the list had some columns shows those: hide them as a new
            # window does.
            known = _int(self._parts.settings.value("window/column_count"), 7)
            for column in HIDDEN_AT_FIRST:
                if column >= known:
                    self.table.setColumnHidden(column, True)
            header.setStretchLastSection(False)  # a state saved before Title took the room
            self.title_fill.fit()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.filters.restore(_filters_from(self._parts.settings.value("window/filters")))
        self.model.set_search(self.query())  # the first load is filtered as the last was

    def save_state(self) -> None:
        self._parts.settings.setValue("window/columns", self.table.horizontalHeader().saveState())
        self._parts.settings.setValue("window/column_count", len(HEADERS))
        self._parts.settings.setValue("window/filters", json.dumps(self.filters.state()))


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default


def _filters_from(value: object) -> dict[str, list[str]]:
    """The saved filters, or none when the setting is missing or not what we wrote."""
    try:
        state = json.loads(value) if isinstance(value, str) else {}
    except ValueError:
        return {}
    return state if isinstance(state, dict) else {}
