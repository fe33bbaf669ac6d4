"""The Agenda page (Ctrl+3): overdue, today, this week, later, and suggested follow-ups.

Each row opens its application (selecting it shows it beside the page; Enter or a double
click opens it in the list); Space ticks a task done; + and − (or Ctrl+→ and Ctrl+←) move a
task or an interview a day later or earlier, and either can be dragged to another day (an
interview keeps its time of day). Suggestions are
accepted with Enter and dismissed with Delete. Every change goes through the door and can be
undone.

Built when first shown (``LazyPage``): nothing here is imported before the window's first paint.
"""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import QEvent, QItemSelection, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.agenda import AgendaItem, Bucket, ItemKind, Suggestion
from desktop.services import agenda, interviews, suggestions, tasks
from desktop.services.changes import Changes, Kind
from desktop.services.errors import ServiceError
from desktop.ui import agenda_menu
from desktop.ui.actions import ActionSpec
from desktop.ui.agenda_commands import AgendaCommands
from desktop.ui.agenda_state import AgendaState
from desktop.ui.models.agenda_model import (
    COL_APPLICATION,
    COL_WHAT,
    COL_WHEN,
    ITEM_ROLE,
    AgendaModel,
)
from desktop.ui.pages import WindowParts

# The agenda is read while the page is hidden (after start-up, after a change, and again when
# the read is older than this), so Ctrl+3 lays it out and paints it without reading it.
FRESH_S = 60.0
PREPARE_AFTER_CHANGE_MS = 1500
SHOWN_KINDS = frozenset({Kind.TASKS, Kind.INTERVIEWS, Kind.POSTINGS, Kind.PIPELINE, Kind.STAGES})
EMPTY_TEXT = (
    "Nothing on the agenda.\n\n"
    "Add a task with Edit > New task (Ctrl+T), or an interview for the selected posting with\n"
    "Edit > Add interview (Ctrl+Shift+I). Deadlines of saved postings show up here by themselves."
)


class AgendaPage(QObject):
    key = "agenda"
    title = "&Agenda"
    shortcut = "Ctrl+3"
    selection_changed = Signal(object)  # posting id or None

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self.state = AgendaState.of(parts.window)
        self.stale = True
        self._read_at = float("-inf")  # time.monotonic() of the last read
        self._prepare_later = QTimer(self)
        self._prepare_later.setSingleShot(True)
        self._prepare_later.setInterval(PREPARE_AFTER_CHANGE_MS)
        self._prepare_later.timeout.connect(self.prepare)
        self._keep_fresh = QTimer(self)
        self._keep_fresh.setInterval(int(FRESH_S * 1000))
        self._keep_fresh.timeout.connect(self.prepare)
        self._keep_fresh.start()
        self.model = AgendaModel(self)
        self.model.done_requested.connect(self.set_done)
        self.model.reschedule_requested.connect(self.reschedule)
        self.model.interviews_dropped.connect(self.reschedule_interviews)
        self.widget = QWidget()
        self.widget.setObjectName("agenda-page")
        self.summary = QLabel()
        self.summary.setObjectName("agenda-summary")
        self.view = self._make_view()
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("agenda-empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 4, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        for text, action_id in (
            ("New task…", "agenda.new-task"),
            ("Export calendar…", "agenda.export-calendar"),
        ):
            button = QPushButton(text)
            button.setObjectName(action_id)
            button.clicked.connect(lambda _c=False, a=action_id: self._trigger(a))
            header.addWidget(button)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.empty.hide()
        parts.operations.changed.connect(self._changed)

    def _make_view(self) -> QTreeView:
        view = QTreeView()
        view.setObjectName("agenda-view")
        view.setModel(self.model)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setRootIsDecorated(False)
        view.setItemsExpandable(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDropIndicatorShown(True)
        header = view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_WHEN, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(COL_WHEN, 170)
        view.setColumnWidth(COL_WHAT, 280)
        view.setColumnWidth(COL_APPLICATION, 200)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        view.doubleClicked.connect(lambda _index: self.open_selected())
        view.installEventFilter(self)
        # A section reads its next page when its last row comes into sight.
        view.verticalScrollBar().valueChanged.connect(self._read_more_in_sight)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        return view

    # -- the page's interface ------------------------------------------------------------------

    def actions(self) -> list[ActionSpec]:
        return []

    def selected_entry(self) -> AgendaItem | Suggestion | None:
        # The current row, when it is selected (one row at most: SingleSelection of rows);
        # cheaper than listing the selected rows, which every look at the selection did.
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return self.model.data(index.siblingAtColumn(0), ITEM_ROLE)

    def selected_id(self) -> int | None:
        entry = self.selected_entry()
        return entry.posting_id if entry is not None else None

    def select(self, posting_id: int) -> bool:
        current = self.selected_entry()
        if current is not None and current.posting_id == posting_id:
            return True
        index = self.model.index_of_posting(posting_id)
        if index.isValid():
            self.view.setCurrentIndex(index)
        return index.isValid()

    def shown(self, keep: int | None) -> None:
        # Added to the page's place while the window shows it, Qt would show it only later.
        self.widget.show()
        if self.stale or time.monotonic() - self._read_at >= FRESH_S:
            self.reload()
        if keep is not None:
            self.select(keep)
        self.view.setFocus()
        QTimer.singleShot(0, self.view, self._read_more_in_sight)  # read ahead, laid out now
        self.selection_changed.emit(self.selected_id())

    def searched(self) -> None:
        pass  # the agenda shows everything that is due; the search filters postings

    def is_shown(self) -> bool:
        return self.widget.isVisibleTo(self._parts.window)

    def prepare(self) -> None:
        """Read the agenda now if the page is hidden and its read is stale or old, so that the
        next Ctrl+3 only lays it out and paints it. A library that cannot be read now is read
        when the page is shown (which says why if it still cannot)."""
        if self.is_shown() or not self._parts.window.isVisible():
            return  # shown: read as it is shown; a closed window: not read at all
        if not self.stale and time.monotonic() - self._read_at < FRESH_S:
            return
        try:
            self.reload()
        except ServiceError:
            self.stale = True
        self.widget.ensurePolished()  # the style's work on the new widgets, done ahead too

    def reload(self) -> None:
        """Read the agenda again, keeping the selected row where it still is."""
        kept = self.selected_entry()
        now, zone = self.state.now(), self.state.zone()
        library = self._parts.library
        reader = agenda.AgendaReader(library, now, zone)  # a page per section, more on scroll
        groups = reader.first()
        suggested = suggestions.suggestions(library, now, zone)
        self.model.fetch, self.model.has_more = reader.more, reader.has_more
        self.model.load(groups, suggested, now, zone)
        self._read_at = time.monotonic()
        root = self.view.rootIndex()
        for section in range(self.model.rowCount()):
            self.view.setFirstColumnSpanned(section, root, True)
            self.view.setExpanded(self.model.index(section, 0), True)
        self.stale = False
        QTimer.singleShot(0, self.view, self._read_more_in_sight)  # after the paint: a short page

        self._show_summary()
        nothing = not any(groups.values()) and not suggested
        self.view.setVisible(not nothing)
        self.empty.setVisible(nothing)
        if kept is not None:
            index = self.model.index_of(kept.key)
            if index.isValid():
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)  # a row moved by keyboard stays in sight

    # -- what the user does here ---------------------------------------------------------------

    def set_done(self, task_id: int, done: bool) -> None:
        library = self._parts.library
        now = self.state.now()
        self._parts.operations.run(
            "Tick the task done" if done else "Mark the task not done",
            lambda: tasks.set_done(library, task_id, done, now=now),
            undo=lambda before: tasks.restore_done(library, before),
        )

    def reschedule(self, task_ids: list[int], day: date) -> None:
        library, zone = self._parts.library, self.state.zone()  # ``day`` is the user's day
        for task_id in task_ids:
            self._parts.operations.run(
                f"Move the task to {day:%a %d %b}",
                lambda t=task_id: tasks.reschedule(library, t, day, seen_in=zone),
                undo=lambda before: tasks.restore_due(library, before),
            )

    def reschedule_interviews(self, interview_ids: list[int], day: date) -> None:
        library, zone = self._parts.library, self.state.zone()  # ``day`` is the user's day
        for interview_id in interview_ids:
            self._parts.operations.run(
                f"Move the interview to {day:%a %d %b}",
                lambda i=interview_id: interviews.reschedule(library, i, day, seen_in=zone),
                undo=lambda before: interviews.restore_times(library, before),
            )

    def shift_selected(self, days: int) -> None:
        """Move the selected task or interview a day later (or earlier, ``days`` < 0)."""
        entry = self.selected_entry()
        if not isinstance(entry, AgendaItem):
            return
        library = self._parts.library
        which = "later" if days > 0 else "earlier"
        if entry.kind is ItemKind.TASK:
            self._parts.operations.run(
                f"Move the task a day {which}",
                lambda: tasks.shift(library, entry.id, days),
                undo=lambda before: tasks.restore_due(library, before),
            )
        elif entry.kind is ItemKind.INTERVIEW:
            self._parts.operations.run(
                f"Move the interview a day {which}",
                lambda: interviews.shift(library, entry.id, days),
                undo=lambda before: interviews.restore_times(library, before),
            )

    def toggle_selected(self) -> None:
        entry = self.selected_entry()
        if isinstance(entry, AgendaItem) and entry.kind is ItemKind.TASK:
            self.set_done(entry.id, not entry.done)

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        library = self._parts.library
        if isinstance(entry, Suggestion):
            self.dismiss(entry)
        elif isinstance(entry, AgendaItem) and entry.kind is ItemKind.TASK:
            self._parts.operations.run(
                "Delete the task",
                lambda: tasks.delete_task(library, entry.id),
                undo=lambda gone: tasks.restore_task(library, gone),
            )

    def accept(self, suggestion: Suggestion) -> None:
        library = self._parts.library
        now, zone = self.state.now(), self.state.zone()
        self._parts.operations.run(
            "Accept the suggestion",
            lambda: suggestions.accept(library, suggestion, now, zone),
            undo=lambda value: suggestions.undo_accept(library, suggestion, value),
        )

    def dismiss(self, suggestion: Suggestion) -> None:
        library = self._parts.library
        now = self.state.now()
        self._parts.operations.run(
            "Dismiss the suggestion",
            lambda: suggestions.dismiss(library, suggestion, now),
            undo=lambda _value: suggestions.undismiss(library, suggestion.key),
        )

    def open_selected(self) -> None:
        """Enter: accept a suggestion, or open the row's application in the list."""
        entry = self.selected_entry()
        if isinstance(entry, Suggestion):
            self.accept(entry)
        elif entry is not None and entry.posting_id is not None:
            self.open_in_list()

    def open_in_list(self) -> None:
        """Show the list, which selects the posting selected here."""
        self._trigger("page.list")

    def _commands(self) -> AgendaCommands | None:
        return self._parts.window.findChild(AgendaCommands, "agenda-commands")

    def edit_selected_interview(self) -> None:
        entry = self.selected_entry()
        commands = self._commands()
        if isinstance(entry, AgendaItem) and entry.kind is ItemKind.INTERVIEW and commands:
            commands.edit_interview(interviews.get_interview(self._parts.library, entry.id))

    def menu_for(self, entry: AgendaItem | Suggestion | None) -> QMenu:
        """The context menu of a row (made here so tests can read and trigger it)."""
        return agenda_menu.menu_for(self, entry, self._commands())

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = self.menu_for(self.selected_entry())
        if not menu.isEmpty():
            menu.popup(self.view.viewport().mapToGlobal(point))

    def _trigger(self, action_id: str) -> None:
        action = getattr(self._parts.window, "action", None)
        if action is not None:
            action(action_id).trigger()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return agenda_menu.key_pressed(self, event)
        if watched is self.view and event.type() == QEvent.Type.Resize:
            # Taller, the view may show a section's last row with no scrolling to come.
            QTimer.singleShot(0, self.view, self._read_more_in_sight)
        return False

    # -- keeping up ----------------------------------------------------------------------------

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if not changes.kinds & SHOWN_KINDS:
            return
        if self.is_shown():
            self.reload()
        else:
            self.stale = True
            self._prepare_later.start()  # (again: a burst of changes is read once)

    def _read_more_in_sight(self, _value: int = 0) -> None:
        shown = self.view.viewport().rect()
        for index in self.model.last_rows():
            if self.view.visualRect(index).intersects(shown):
                self.model.read_more(index.parent())
                self._show_summary()

    def _show_summary(self) -> None:
        """ "3 overdue · 12 today · 40+ this week": the rows read so far, + where more are."""

        def count(bucket: Bucket) -> str:
            return f"{self.model.count_of(bucket)}{'+' if self.model.has_more(bucket) else ''}"

        overdue = self.model.count_of(Bucket.OVERDUE)
        parts = [f"{count(Bucket.OVERDUE)} overdue"] if overdue else []
        parts.append(f"{count(Bucket.TODAY)} today")
        parts.append(f"{count(Bucket.THIS_WEEK)} this week")
        self.summary.setText(" · ".join(parts))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.is_shown():
            self.selection_changed.emit(self.selected_id())
