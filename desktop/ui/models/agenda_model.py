"""The agenda as a Qt tree model: a row per section (overdue, today, this week, later, and
the suggestions when there are any), the items of each below it.

Tasks and interviews are dragged by id (``TASK_MIME``, ``INTERVIEW_MIME``); a drop on a section
or on a row of a day asks, by ``reschedule_requested`` or ``interviews_dropped``, for them to
move to that day. The model never writes: the page runs the operation through the door.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from desktop.core.agenda import (
    BUCKET_TITLES,
    AgendaItem,
    Bucket,
    ItemKind,
    Suggestion,
)
from desktop.ui.models.agenda_cells import FLAGS, font, tooltip, when_text

COL_WHEN, COL_WHAT, COL_APPLICATION = range(3)
HEADERS = ("When", "What", "Application")
ITEM_ROLE = Qt.ItemDataRole.UserRole.value + 1  # the AgendaItem or Suggestion of a row
POSTING_ROLE = Qt.ItemDataRole.UserRole.value + 2  # its posting id, or None
TASK_MIME = "application/x-jobdeck-task-ids"
INTERVIEW_MIME = "application/x-jobdeck-interview-ids"
SUGGESTED = "Suggested"
OVERDUE_COLOR = QColor("#dc2626")

AnyIndex = QModelIndex | QPersistentModelIndex
# The roles as plain ints, and the agenda's kinds bound once (see data()).
DISPLAY, FONT, FOREGROUND, TOOLTIP, CHECK_STATE = (
    Qt.ItemDataRole.DisplayRole.value,
    Qt.ItemDataRole.FontRole.value,
    Qt.ItemDataRole.ForegroundRole.value,
    Qt.ItemDataRole.ToolTipRole.value,
    Qt.ItemDataRole.CheckStateRole.value,
)
_ANSWERED = frozenset({DISPLAY, FONT, FOREGROUND, TOOLTIP, CHECK_STATE, ITEM_ROLE, POSTING_ROLE})
_TASK, _INTERVIEW = ItemKind.TASK, ItemKind.INTERVIEW
_HORIZONTAL = Qt.Orientation.Horizontal


@dataclass
class _Section:
    title: str
    bucket: Bucket | None  # None: the suggestions
    rows: list[Any]  # AgendaItem, or Suggestion for the suggestions


class AgendaModel(QAbstractItemModel):
    reschedule_requested = Signal(object, object)  # list of task ids, the new day (date)
    done_requested = Signal(int, bool)  # task id, done
    interviews_dropped = Signal(object, object)  # list of interview ids, the new day (date)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sections: list[_Section] = []
        # Set by the page: the next rows of a section, and whether there are more to read.
        self.fetch: Callable[[Bucket], list[AgendaItem]] = lambda _bucket: []
        self.has_more: Callable[[Bucket], bool] = lambda _bucket: False
        self._today = date.today()
        self._zone: tzinfo | None = None
        self._when_texts: dict[tuple[str, int], str] = {}  # by AgendaItem.key, until a load

    # -- loading -------------------------------------------------------------------------------

    def load(
        self,
        groups: dict[Bucket, list[AgendaItem]],
        suggestions: list[Suggestion],
        now: datetime,
        zone: tzinfo,
    ) -> None:
        self.beginResetModel()
        self._today = now.astimezone(zone).date()
        self._zone = zone
        self._sections = [
            _Section(BUCKET_TITLES[bucket], bucket, list(groups.get(bucket, ())))
            for bucket in Bucket
        ]
        # The When texts now (the page reads ahead, while hidden), not as the rows are drawn.
        self._when_texts = {
            item.key: when_text(item, self._today, zone)
            for section in self._sections
            for item in section.rows
        }
        if suggestions:
            self._sections.append(_Section(SUGGESTED, None, list(suggestions)))
        self.endResetModel()

    def read_more(self, section: AnyIndex) -> None:
        """Read the next page of a section (a row of the top level) into it.

        Not Qt's ``fetchMore``: Qt calls that while laying the tree out (reading every
        section's next page before the first paint) and, on scrolling, for the last section
        only. The page calls this when a section's last row comes into sight."""
        if not section.isValid() or section.internalId():
            return
        bucket = self._sections[section.row()].bucket
        if bucket is None or not self.has_more(bucket):
            return
        rows = self.fetch(bucket)
        parent = self.index(section.row(), 0)
        rows_now = self._sections[section.row()].rows
        if rows:
            first = len(rows_now)
            self.beginInsertRows(parent, first, first + len(rows) - 1)
            rows_now.extend(rows)
            self.endInsertRows()
        self.dataChanged.emit(parent, parent, [Qt.ItemDataRole.DisplayRole])

    def count_of(self, bucket: Bucket) -> int:
        """The rows of ``bucket``'s section read so far."""
        return sum(len(s.rows) for s in self._sections if s.bucket is bucket)

    def counts(self) -> dict[str, int]:
        return {s.title: len(s.rows) for s in self._sections}

    def section_index(self, title: str) -> QModelIndex:
        for number, section in enumerate(self._sections):
            if section.title == title:
                return self.index(number, 0)
        return QModelIndex()

    def index_of(self, key: tuple[str, int] | str) -> QModelIndex:
        """The row of an agenda item (by ``AgendaItem.key``) or a suggestion (by its key)."""
        for number, section in enumerate(self._sections):
            for row, entry in enumerate(section.rows):
                if getattr(entry, "key", None) == key:
                    return self.index(row, 0, self.index(number, 0))
        return QModelIndex()

    def index_of_posting(self, posting_id: int) -> QModelIndex:
        """The first row about ``posting_id`` (an invalid index when none is)."""
        for number, section in enumerate(self._sections):
            for row, entry in enumerate(section.rows):
                if entry.posting_id == posting_id:
                    return self.index(row, 0, self.index(number, 0))
        return QModelIndex()

    def last_rows(self) -> list[QModelIndex]:
        """The last row of every section that has more to read (to read it when it is seen)."""
        found = []
        for number, section in enumerate(self._sections):
            if section.bucket is not None and section.rows and self.has_more(section.bucket):
                found.append(self.index(len(section.rows) - 1, 0, self.index(number, 0)))
        return found

    def item(self, index: AnyIndex) -> Any:
        if not index.isValid() or not index.internalId():
            return None
        section = self._sections[index.internalId() - 1]
        return section.rows[index.row()] if index.row() < len(section.rows) else None

    def day_for(self, bucket: Bucket) -> date | None:
        """The day a task dropped on a section goes to (none for the overdue)."""
        if bucket is Bucket.TODAY:
            return self._today
        if bucket is Bucket.THIS_WEEK:
            return self._today + timedelta(days=1)
        if bucket is Bucket.LATER:
            return self._today + timedelta(days=7)
        return None

    # -- Qt's model interface -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or not index.internalId():
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sections)
        if parent.internalId() or parent.column() != 0:
            return 0
        return len(self._sections[parent.row()].rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != DISPLAY or orientation != _HORIZONTAL:  # as data(): ints first
            return None
        return HEADERS[section] if 0 <= section < len(HEADERS) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        # Called for every row as the view lays a section out: the combinations are made
        # once (FLAGS), since combining Qt's flags in Python is slow.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not index.internalId():
            bucket = self._sections[index.row()].bucket
            droppable = bucket is not None and bucket is not Bucket.OVERDUE
            return FLAGS[("section", droppable, False, False)]
        entry = self.item(index)
        droppable = self._sections[index.internalId() - 1].bucket is not Bucket.OVERDUE
        if not isinstance(entry, AgendaItem):
            return FLAGS[("row", False, False, False)]
        task = entry.kind is _TASK
        checkable = task and index.column() == COL_WHAT
        movable = (task and not entry.done) or entry.kind is _INTERVIEW
        return FLAGS[("row", droppable, checkable, movable)]

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        # Called some ten times per cell painted: the roles this model answers are checked
        # first (as plain ints: reading a role off Qt's enum classes costs more than the rest).
        if role not in _ANSWERED or not index.isValid():
            return None
        ident = index.internalId()
        if not ident:
            return self._section_data(index.row(), index.column(), role)
        section = self._sections[ident - 1]
        row = index.row()
        if row >= len(section.rows):
            return None
        entry = section.rows[row]
        if role == ITEM_ROLE:
            return entry
        if role == POSTING_ROLE:
            return entry.posting_id
        if isinstance(entry, Suggestion):
            return self._suggestion_data(entry, index.column(), role)
        return self._item_data(entry, index.column(), role, section.bucket is Bucket.OVERDUE)

    def _section_data(self, number: int, column: int, role: int) -> Any:
        section = self._sections[number]
        if role == DISPLAY and column == COL_WHEN:
            if not section.rows:
                return section.title
            more = "+" if section.bucket is not None and self.has_more(section.bucket) else ""
            return f"{section.title} ({len(section.rows):,}{more})"
        if role == FONT:
            return font("bold")
        if role == FOREGROUND and section.bucket is Bucket.OVERDUE and section.rows:
            return OVERDUE_COLOR
        return None

    def _item_data(self, item: AgendaItem, column: int, role: int, overdue: bool) -> Any:
        if role == DISPLAY:
            if column == COL_WHEN:
                return self._when(item)
            if column == COL_WHAT:
                return item.title
            if column == COL_APPLICATION:
                return item.application
            return None
        if role == CHECK_STATE:
            if column == COL_WHAT and item.kind is _TASK:
                return Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked
            return None
        if role == FONT:
            if item.done:
                return font("struck")
            return font("bold") if item.kind is _INTERVIEW else None
        if role == TOOLTIP:
            return tooltip(item)
        if role == FOREGROUND and column == COL_WHEN and overdue:
            return OVERDUE_COLOR
        return None

    def _suggestion_data(self, suggestion: Suggestion, column: int, role: int) -> Any:
        if role == DISPLAY:
            if column == COL_WHEN:
                return "Suggested"
            if column == COL_WHAT:
                return suggestion.text
            return suggestion.application
        if role == TOOLTIP:
            return "Enter: accept · Delete: dismiss"
        if role == FONT:
            return font("italic")
        return None

    def _when(self, item: AgendaItem) -> str:
        text = self._when_texts.get(item.key)
        if text is None:
            text = self._when_texts[item.key] = when_text(item, self._today, self._zone)
        return text

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entry = self.item(index)
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not isinstance(entry, AgendaItem)
            or entry.kind is not ItemKind.TASK
        ):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        self.done_requested.emit(entry.id, checked)
        return True

    # -- drag and drop -------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [TASK_MIME, INTERVIEW_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids: dict[ItemKind, list[int]] = {_TASK: [], _INTERVIEW: []}
        for index in indexes:
            entry = self.item(index)
            if (
                isinstance(entry, AgendaItem)
                and entry.kind in ids
                and entry.id not in ids[entry.kind]
            ):
                ids[entry.kind].append(entry.id)
        mime = QMimeData()
        for kind, mime_type in ((_TASK, TASK_MIME), (_INTERVIEW, INTERVIEW_MIME)):
            if ids[kind]:
                mime.setData(mime_type, QByteArray(",".join(map(str, ids[kind])).encode()))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        dragged = data.hasFormat(TASK_MIME) or data.hasFormat(INTERVIEW_MIME)
        return dragged and self._drop_day(row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        day = self._drop_day(row, parent)
        if day is None:
            return False
        tasks, interviews = _ids(data, TASK_MIME), _ids(data, INTERVIEW_MIME)
        if tasks:
            self.reschedule_requested.emit(tasks, day)
        if interviews:
            self.interviews_dropped.emit(interviews, day)
        return False  # nothing to remove here: the agenda is read again after the move

    def _drop_day(self, row: int, parent: AnyIndex) -> date | None:
        if not parent.isValid():
            return None
        if parent.internalId():  # on a row: its day
            entry = self.item(parent)
            section = self._sections[parent.internalId() - 1]
            if not isinstance(entry, AgendaItem) or section.bucket is Bucket.OVERDUE:
                return None
            return max(entry.day, self._today)
        section = self._sections[parent.row()]
        if section.bucket is None or section.bucket is Bucket.OVERDUE:
            return None
        if 0 <= row < len(section.rows):  # between rows: the day of the row below
            return max(section.rows[row].day, self._today)
        return self.day_for(section.bucket)


def _ids(data: QMimeData, mime_type: str) -> list[int]:
    """The ids a drag carries as ``mime_type`` (none when it carries no such kind)."""
    if not data.hasFormat(mime_type):
        return []
    text = bytes(data.data(mime_type).data()).decode()
    return [int(part) for part in text.split(",") if part.isdigit()]
