"""The postings list as a flat Qt table model keyed by posting id.

Sorting and searching happen in SQL through the services (no QSortFilterProxyModel over Python
rows). A reload asks only for the ordered ids; the rows (frozen ``PostingRow`` snapshots) are
read a page at a time as the view shows them, so 100,000 postings open as fast as a hundred.

After an operation (``apply_changes``), rows it holds are re-read and announced with
``dataChanged``; the model resets only when rows come or go, or a changed row would sort
elsewhere (or leave the search): the view keeps its scroll position and selection otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from desktop.core.display import day, deadline_display
from desktop.core.filter_terms import filter_terms
from desktop.core.labels import name_key
from desktop.core.listing import LABEL_NAMES_SEPARATOR, PostingRow, SortKey
from desktop.services import postings
from desktop.services.changes import Changes
from desktop.services.library import Library

(
    COL_COMPANY,
    COL_TITLE,
    COL_STAGE,
    COL_POSTED,
    COL_LOCATION,
    COL_SALARY,
    COL_H1B,
    COL_WORK_MODEL,
    COL_APPLIED,
    COL_DAYS_IN_STAGE,
    COL_LAST_ACTIVITY,
    COL_DEADLINE,
    COL_LABELS,
) = range(13)
HEADERS = (
    "Company",
    "Title",
    "Stage",
    "Posted",
    "Location",
    "Salary",
    "H1B (latest)",
    "Work model",
    "Applied on",
    "Days in stage",
    "Last activity",
    "Apply by",
    "Labels",
)
SORT_KEYS = (
    SortKey.COMPANY,
    SortKey.TITLE,
    SortKey.STAGE,
    SortKey.POSTED,
    SortKey.LOCATION,
    SortKey.SALARY,
    SortKey.H1B,
    SortKey.WORK_MODEL,
    SortKey.APPLIED,
    SortKey.DAYS_IN_STAGE,
    SortKey.LAST_ACTIVITY,
    SortKey.DEADLINE,
    SortKey.LABELS,
)
# Shown when the user picks them from the header's menu (right-click): a new window starts
# with the columns it always had.
HIDDEN_AT_FIRST = (COL_WORK_MODEL, COL_LAST_ACTIVITY, COL_DEADLINE)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
BADGE_ROLE = Qt.ItemDataRole.UserRole + 2  # "overdue", "today" or None (the agenda's badge)
# The roles ``data`` answers. The view asks each cell for a dozen (font, alignment, colours,
# check state, size...): those get None before the row is looked up, a third of a repaint.
ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        ID_ROLE,
        BADGE_ROLE,
    )
)
BADGE_COLORS = {"overdue": "#dc2626", "today": "#f59e0b"}
_BADGE_ICONS: dict[str, QIcon] = {}


def _badge_icon(badge: str) -> QIcon:
    """A small round dot in the badge's colour (not a square: those are the stages')."""
    icon = _BADGE_ICONS.get(badge)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BADGE_COLORS[badge]))
        painter.drawEllipse(2, 2, 8, 8)
        painter.end()
        icon = _BADGE_ICONS[badge] = QIcon(pixmap)
    return icon


PAGE_SIZE = 50  # rows read at once when the view reaches rows not yet read: about a screen
ID_PAGE_SIZE = 1000  # ids read at once; ids are cheap, rows (with joins) are not
EAGER_IDS = 5000  # a list this short has all its ids read on every reload

AnyIndex = QModelIndex | QPersistentModelIndex


def _sort_value(row: PostingRow, key: SortKey) -> object:
    """What the list's SQL orders by for ``key`` (see storage.posting_list), as a row has it."""
    if key is SortKey.COMPANY:
        return (row.company or "").lower()
    if key is SortKey.TITLE:
        return row.title.lower()
    if key is SortKey.STAGE:
        return row.stage
    if key is SortKey.POSTED:
        return row.posted_at
    if key is SortKey.LOCATION:
        return (row.location or "").lower()
    if key is SortKey.SALARY:
        salary = row.salary
        return None if salary is None else (salary.max if salary.max is not None else salary.min)
    if key is SortKey.WORK_MODEL:
        return row.work_model
    if key is SortKey.APPLIED:
        return row.applied_at
    if key is SortKey.DAYS_IN_STAGE:
        return row.stage_since
    if key is SortKey.LAST_ACTIVITY:
        return row.last_activity
    if key is SortKey.DEADLINE:
        return row.deadline
    if key is SortKey.LABELS:  # as storage.posting_list orders them (labels come by name)
        names = LABEL_NAMES_SEPARATOR.join(name_key(label.name) for label in row.labels)
        return names or None
    return row.h1b_latest_count


def _display(row: PostingRow, column: int) -> str:
    if column == COL_COMPANY:
        return row.company or ""
    if column == COL_TITLE:
        return row.title
    if column == COL_STAGE:
        return row.stage
    if column == COL_POSTED:
        return day(row.posted_at)  # "25 Nov 2026", as the detail pane shows it
    if column == COL_LOCATION:
        return row.location or ""
    if column == COL_SALARY:
        return row.salary_shown
    if column == COL_H1B and row.h1b_latest_count is not None:
        return f"{row.h1b_latest_count:,} ({row.h1b_latest_year})"
    if column == COL_WORK_MODEL:
        return row.work_model or ""
    if column == COL_APPLIED:
        return day(row.applied_at)
    if column == COL_DAYS_IN_STAGE:
        days = row.days_in_stage(datetime.now(UTC))
        if days is None:
            return ""
        return "today" if days == 0 else f"{days} day{'' if days == 1 else 's'}"
    if column == COL_LAST_ACTIVITY:
        return day(row.last_activity)
    if column == COL_DEADLINE:
        return deadline_display(row.deadline)
    if column == COL_LABELS:
        return row.labels_shown
    return ""


class PostingTableModel(QAbstractTableModel):
    def __init__(self, db: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._count = 0
        self._id_pages: dict[int, list[int]] = {}  # page number -> ids, read as needed
        self._row_of_id: dict[int, int] = {}
        self._rows: dict[int, PostingRow] = {}
        self._search = ""
        self._sort = SortKey.POSTED
        self._descending = True
        self._live = False  # set by the first reload
        # The agenda's badge of a posting ("overdue", "today" or None; ui.agenda_state).
        self.badge_of: Callable[[int], str | None] = lambda _posting_id: None

    # -- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or not index.isValid() or not 0 <= index.row() < self._count:
            return None
        posting_id = self.posting_id(index.row())
        if posting_id is None:
            return None
        if role == ID_ROLE:
            return posting_id
        row = self._row(index.row(), posting_id)
        if row is None:  # deleted since the list was read; the next reload drops it
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TITLE, COL_LOCATION, COL_LABELS):
            return _display(row, column) or None
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STAGE:
            return QColor(row.stage_color)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_LABELS and row.labels:
            return QColor(row.labels[0].color)
        if role in (Qt.ItemDataRole.DecorationRole, BADGE_ROLE) and column == COL_TITLE:
            badge = self.badge_of(posting_id)
            if badge is not None:
                return _badge_icon(badge) if role != BADGE_ROLE else badge
        return None

    def badges_changed(self, posting_ids: Iterable[int]) -> None:
        """The agenda's badges of these postings changed: repaint their titles."""
        for posting_id in posting_ids:
            row = self._row_of_id.get(posting_id)
            if row is not None:
                index = self.index(row, COL_TITLE)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        self._sort = SORT_KEYS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._live:  # before the first load, the view only sets the order to load with
            self.reload()

    # -- reading ids and rows a page at a time ------------------------------------------------

    def _ids_page(self, page: int) -> list[int]:
        if page not in self._id_pages:
            ids = postings.list_posting_ids(
                self._db,
                self._search,
                self._sort,
                self._descending,
                offset=page * ID_PAGE_SIZE,
                limit=ID_PAGE_SIZE,
            )
            self._id_pages[page] = ids
            first = page * ID_PAGE_SIZE
            self._row_of_id.update((posting_id, first + i) for i, posting_id in enumerate(ids))
        return self._id_pages[page]

    def _row(self, number: int, posting_id: int) -> PostingRow | None:
        if posting_id not in self._rows:
            start = number - number % PAGE_SIZE
            page = [self.posting_id(n) for n in range(start, min(start + PAGE_SIZE, self._count))]
            self._rows.update(postings.posting_rows(self._db, [p for p in page if p is not None]))
        return self._rows.get(posting_id)

    # -- Jobdeck's own interface --------------------------------------------------------------

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            if self._live:  # before the first load: the search to load with (saved filters)
                self.reload()

    @property
    def search(self) -> str:
        return self._search

    def reload(self) -> None:
        """Count the matches and read the first page; the rest is read when it is shown."""
        count, first = postings.count_and_first_ids(
            self._db,
            self._search,
            self._sort,
            self._descending,
            page=ID_PAGE_SIZE,
            whole_up_to=EAGER_IDS,
        )
        self._live = True
        self.beginResetModel()
        self._count = count
        self._id_pages = {}
        self._row_of_id = {}
        self._rows = {}
        # A list of up to 5,000 comes whole, so any posting in it can be found (and selected
        # again after an edit); a longer one comes a page at a time, this being the first.
        for page in range(0, len(first), ID_PAGE_SIZE):
            self._id_pages[page // ID_PAGE_SIZE] = first[page : page + ID_PAGE_SIZE]
        self._row_of_id = {posting_id: row for row, posting_id in enumerate(first)}
        self.endResetModel()

    def apply_changes(self, changes: Changes) -> None:
        """Catch up with an operation: update the rows held, or reset when the list changed.

        Rows that came or went, a stage list edit (the stage column and its order) or a row
        that would sort elsewhere or may have left (or joined) the search: a reload. Otherwise
        the changed rows held are read again (one query) and announced with ``dataChanged``.
        """
        if not self._live:
            return
        touched = changes.updated | changes.moved | changes.labelled
        if changes.rows_come_or_go or changes.stages:
            self.reload()
            return
        if not touched:
            return  # a login, a note: nothing the list shows
        if changes.labelled and filter_terms(self._search).labels:
            self.reload()  # a label:name search: a row may have left it, or joined it
        if changes.updated and self._search.strip():
            self.reload()  # an edited posting may now match the search, or no longer
            return
        held = [posting_id for posting_id in touched if posting_id in self._row_of_id]
        if not held:
            return
        fresh = postings.posting_rows(self._db, held)
        if any(self._must_reorder(self._rows.get(p), fresh.get(p), changes) for p in held):
            self.reload()
            return
        self._rows.update(fresh)
        last = len(HEADERS) - 1
        for posting_id in held:
            row = self._row_of_id[posting_id]
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _must_reorder(
        self, old: PostingRow | None, new: PostingRow | None, changes: Changes
    ) -> bool:
        """Whether the list's order must come from SQL again for this changed row."""
        if new is None:
            return True  # gone meanwhile
        if old is None:  # not read yet: its place cannot be checked; a move changes the stage
            return (
                bool(changes.updated)
                or self._sort is SortKey.STAGE
                or (self._sort is SortKey.LABELS and bool(changes.labelled))
            )
        return _sort_value(old, self._sort) != _sort_value(new, self._sort)

    def posting_id(self, row: int) -> int | None:
        if not 0 <= row < self._count:
            return None
        ids = self._ids_page(row // ID_PAGE_SIZE)
        offset = row % ID_PAGE_SIZE
        return ids[offset] if offset < len(ids) else None

    def row_of(self, posting_id: int) -> int | None:
        """The row of a posting among the ids read so far (all of them up to 5,000)."""
        return self._row_of_id.get(posting_id)
