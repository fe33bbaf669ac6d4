"""The main window is a shell: the layout, the pages registered in a list, the menus assembled
from the actions the parts contribute, the undo stack, saved state and the start-up paint.

What the window shows and does lives in its parts (``window_parts.py`` lists them): the list
page, the board page, the side panels, the posting, pipeline and library commands. They reach
the library only through the door (``Operations``) and listen to what it reports.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from desktop.deferred_import import load_deferred
from desktop.services.changes import Changes
from desktop.services.library import Library
from desktop.ui.actions import Actions, ActionSpec
from desktop.ui.dialogs.screen_fit import fit_to_screen
from desktop.ui.lazy_page import LazyPage
from desktop.ui.operations import Operations
from desktop.ui.pages import DropTarget, Page, WindowParts
from desktop.ui.window_parts import build_parts


class MainWindow(QMainWindow):
    changes_applied = Signal(object)  # Changes, after every view has caught up

    def __init__(
        self,
        db: Library,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        paint_first: bool = False,
    ) -> None:
        """With ``paint_first`` (the app's start), the window paints its list before the ORM, the
        keyring and the readers are loaded; just after the first frame, the detail pane fills
        and they load (``finish_start_up``). Without it, the window is complete at once.
        """
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._finish_scheduled = False
        self.setObjectName("main-window")
        self.setWindowTitle("Jobdeck")
        fit_to_screen(self, 1200, 760)  # a 1024x640 laptop gets all of it, not more
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.operations = Operations(db, self, self.undo_stack)
        self.parts = build_parts(
            WindowParts(
                self, db, self.operations, settings, self.selected_id, self.select, self._search
            ),
            waits=paint_first,
            restored=self._library_restored,
        )
        self.pages: list[Page] = self.parts.pages
        self.list_page, self.board_page = self.parts.list_page, self.parts.board_page
        self.side = self.parts.side
        self.operations.settled.connect(self._after_change)  # after every part has caught up
        self._build_layout()
        self._actions = Actions(self, [*self._own_actions(), *self.parts.contributions])
        for page in self.pages:
            page.selection_changed.connect(lambda posting_id, p=page: self._selected(p, posting_id))
        self._restore_state()
        self.list_page.load()
        self._update_actions()
        self.list_page.first_focus().setFocus()
        saved = self._settings.value("window/view")
        if saved != self.current_page().key:
            for page in self.pages:
                if page.key == saved:
                    self.show_page(page)

    # -- building ------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.page_stack = QStackedWidget()
        for page in self.pages:
            self.page_stack.addWidget(page.widget)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.list_page.search)
        left_layout.addWidget(self.list_page.filters)
        left_layout.addWidget(self.page_stack)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([740, 460])
        self.setCentralWidget(self.splitter)

    def _own_actions(self) -> list[ActionSpec]:
        """Undo, Redo, and one View entry per page: what the shell itself owns."""
        key = QKeySequence.StandardKey
        own = [
            ActionSpec(
                "window.undo",
                "&Undo",
                self.undo_stack.undo,
                "Edit",
                shortcuts=(key.Undo,),
                factory=lambda window: self.undo_stack.createUndoAction(window, "&Undo"),
            ),
            ActionSpec(
                "window.redo",
                "&Redo",
                self.undo_stack.redo,
                "Edit",
                shortcuts=("Ctrl+Shift+Z", key.Redo),
                factory=lambda window: self.undo_stack.createRedoAction(window, "&Redo"),
            ),
        ]
        for number, page in enumerate(self.pages):
            own.append(
                ActionSpec(
                    f"page.{page.key}",
                    page.title,
                    lambda p=page: self.show_page(p),
                    "View",
                    shortcuts=(page.shortcut,),
                    checkable=True,
                    checked=number == 0,
                    exclusive_group="pages",
                )
            )
        return own

    def action(self, action_id: str) -> QAction:
        """The window's action ``action_id`` ("posting.new", "window.undo", "page.board")."""
        return self._actions[action_id]

    # -- pages and the selection ---------------------------------------------------------------

    def current_page(self) -> Page:
        shown = self.page_stack.currentWidget()
        return next(page for page in self.pages if page.widget is shown)

    def show_page(self, page: Page) -> None:
        keep = self.selected_id()
        self.page_stack.setCurrentWidget(page.widget)
        self._actions[f"page.{page.key}"].setChecked(True)
        self._settings.setValue("window/view", page.key)
        page.shown(keep)
        self.side.show_posting(page.selected_id())
        self._update_actions()

    def selected_id(self) -> int | None:
        return self.current_page().selected_id()

    def select(self, posting_id: int) -> None:
        self.current_page().select(posting_id)

    def _search(self) -> str:
        return self.list_page.model.search

    def _selected(self, page: Page, posting_id: int | None) -> None:
        if page is self.current_page():
            self.side.show_posting(posting_id)
            self._update_actions()

    def _update_actions(self) -> None:
        self._actions.update_enabled(self.selected_id() is not None)

    def _after_change(self, changes: Changes, _initiator: object) -> None:
        self._update_actions()
        self.changes_applied.emit(changes)

    def _library_restored(self) -> None:
        self.undo_stack.clear()  # its steps refer to the library that was replaced
        self.parts.posting_commands.let_go_of_deleted()  # unless the backup points at them
        everything = Changes(stages=True)  # every view reads again what it shows
        self.list_page.model.reload()
        self.operations.broadcast(everything)

    # -- state that outlives the window --------------------------------------------------------

    def _restore_state(self) -> None:
        for key, restore in (
            ("window/geometry", self.restoreGeometry),
            ("window/state", self.restoreState),
            ("window/splitter", self.splitter.restoreState),
        ):
            value = self._settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        self.list_page.restore_state()

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        self.list_page.save_state()
        self._settings.sync()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.side.waits and not self._finish_scheduled:
            # The window and its children are painted in this same pass: what is left of the
            # start-up runs right after the first frame is on the screen.
            self._finish_scheduled = True
            QTimer.singleShot(0, self.finish_start_up)

    def finish_start_up(self) -> None:
        """Show the selected posting in full (reading it loads the ORM), then load the rest."""
        if not self.side.waits:
            return
        self.side.stop_waiting()
        # The keyring and the readers, a tenth of a second, before the user can need them;
        # then the other pages' modules, one per turn of the event loop, so the first Ctrl+2
        # builds the board without waiting for its imports.
        QTimer.singleShot(0, load_deferred)
        for page in self.pages:
            if isinstance(page, LazyPage):
                QTimer.singleShot(0, page.page_class)

    # -- drops: handed to the first part that takes them ----------------------------------------

    def _drop_target(self, event: QDragMoveEvent | QDropEvent) -> DropTarget | None:
        mime = event.mimeData()
        if mime is None:
            return None
        return next((t for t in self.parts.drop_targets if t.accepts(mime)), None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._drop_target(event) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._drop_target(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        target = self._drop_target(event)
        if target is not None:
            event.acceptProposedAction()
            target.take(event.mimeData())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.parts.posting_commands.close_form_first(self.close):
            event.ignore()  # an edited form is open: it asks first, then closes the window
            return
        if self.side.login_panel.leave_or_ask(self.close, lambda: None):
            event.ignore()  # unsaved login edits: asked first, as the form does
            return
        self.save_state()
        self.parts.posting_commands.let_go_of_deleted()  # deleted postings' passwords, files
        super().closeEvent(event)
