"""The main window: the postings list with a search box, and the detail pane beside it.

Operations report what they changed (``Changes``); ``apply_changes`` hands that to every view,
so the list and the detail pane stay in step without knowing each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelection, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.deferred_import import load_deferred
from desktop.services import board, export, postings
from desktop.services.changes import Changes
from desktop.services.errors import ServiceError, WriteFailed
from desktop.services.library import Library
from desktop.ui.dialogs import messages
from desktop.ui.import_flow import ImportFlow, can_import
from desktop.ui.models.posting_table_model import (
    COL_COMPANY,
    COL_LOCATION,
    COL_POSTED,
    COL_SALARY,
    COL_STAGE,
    COL_TITLE,
    PostingTableModel,
)
from desktop.ui.undo_commands import MoveCardCommand, ServiceCommand
from desktop.ui.views.board_view import BoardView
from desktop.ui.views.detail_pane import DetailPane
from desktop.ui.views.login_panel import LoginPanel
from desktop.ui.views.search_field import SearchField

# Dialogs are imported when first opened: PySide makes a Qt class's enums when the class is
# first used, and the window's start need not pay for the dialogs' classes.
if TYPE_CHECKING:
    from desktop.ui.dialogs.posting_form import PostingForm

# Starting widths; the user's own widths come back from the settings after the first run.
COLUMN_WIDTHS = {
    COL_COMPANY: 120,
    COL_TITLE: 300,
    COL_STAGE: 108,
    COL_POSTED: 92,
    COL_LOCATION: 140,
    COL_SALARY: 140,
}
SEARCH_DELAY_MS = 120  # filter as the user types, without a query per keystroke

EMPTY_TEXT = (
    "No postings yet.\n\n"
    "Copy a posting from a job board and paste it here (Ctrl+V), drop a saved page or file\n"
    "onto this window, or type one in with File > New posting (Ctrl+N).\n"
    "Everything stays on this computer."
)


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
        self._detail_waits = paint_first
        self._finish_scheduled = False
        self.posting_form: PostingForm | None = None
        self.setObjectName("main-window")
        self.setWindowTitle("Jobdeck")
        self.resize(1200, 760)

        self.model = PostingTableModel(db, self)
        self.undo_stack = QUndoStack(self)
        self._board_stale = True  # the board is read when first shown
        self.imports = ImportFlow(db, self)
        self.imports.changes.connect(self._imported)
        self.setAcceptDrops(True)
        self._build_views()
        if paint_first:
            self.detail.show_blank()  # not "select a posting": one is selected, and on its way
        self._build_actions()
        self._restore_state()
        self.model.reload()
        self._reload_board()
        self._update_empty_state()
        self._select_first_row()
        # Start on the list (or on Paste when there is nothing yet), so Ctrl+V imports a
        # posting rather than typing it into the search box.
        start = self.table if self.model.rowCount() else self.empty_paste_button
        start.setFocus()
        if self._settings.value("window/view") == "board":
            self.show_board()

    # -- building ------------------------------------------------------------------------------

    def _build_views(self) -> None:
        self.search = SearchField()
        self.search.posting_pasted.connect(lambda: self.imports.paste())
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._search_timer.start)

        self.table = QTableView()
        self.table.setObjectName("postings-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSortIndicator(COL_POSTED, Qt.SortOrder.DescendingOrder)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_posting())

        self.empty_page = QWidget()
        self.empty_page.setObjectName("empty-state")
        empty_layout = QVBoxLayout(self.empty_page)
        empty_layout.addStretch(1)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        empty_layout.addWidget(self.empty_label)
        self.empty_button = QPushButton("New posting…")
        self.empty_button.clicked.connect(self.new_posting)
        self.empty_paste_button = QPushButton("Paste posting")
        self.empty_paste_button.clicked.connect(lambda: self.imports.paste())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_paste_button)
        buttons.addWidget(self.empty_button)
        buttons.addStretch(1)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(2)

        self.no_match = QLabel()
        self.no_match.setWordWrap(True)
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_page)
        self.list_stack.addWidget(self.no_match)

        self.board = BoardView()
        self.board.page_source = lambda stage_id, offset: board.column_cards(
            self._db, stage_id, self.model.search, offset
        )
        collapsed = self._settings.value("board/collapsed", [])
        self.board.collapsed_names = set(collapsed if isinstance(collapsed, list) else [collapsed])
        self.board.card_selected.connect(self._board_selected)
        self.board.move_requested.connect(self.move_card)
        self.board.label_requested.connect(self.set_label)
        self.board.collapsed_changed.connect(
            lambda names: self._settings.setValue("board/collapsed", sorted(names))
        )

        self.views = QStackedWidget()
        self.views.addWidget(self.list_stack)
        self.views.addWidget(self.board)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.views)

        self.detail = DetailPane()
        self.detail.change_date_requested.connect(self._ask_stage_date)
        self.login_panel = LoginPanel(self._db)
        self.detail_side = QWidget()
        self.detail_side.setObjectName("detail-side")
        side_layout = QVBoxLayout(self.detail_side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.login_panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail_side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([740, 460])
        self.setCentralWidget(self.splitter)

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action("&New posting…", key.New, self.new_posting)
        self.paste_action = self._action("&Paste posting", key.Paste, self.imports.paste)
        self.import_action = self._action("&Import…", key.Open, self.imports.choose_files)
        self.export_action = self._action("&Export…", "Ctrl+Shift+E", self.export_postings)
        self.backups_action = self._action("&Backups…", None, self.show_backups)
        self.quit_action = self._action("&Quit", key.Quit, self.close)
        self.edit_action = self._action("&Edit posting…", "Ctrl+E", self.edit_posting)
        self.delete_action = self._action("&Delete posting…", key.Delete, self.delete_posting)
        self.find_action = self._action("&Find", key.Find, self.focus_search)
        self.about_action = self._action("&About Jobdeck", None, self.show_about)
        self.detail_action = self._action("Show &details", "Ctrl+D", self._toggle_detail)
        self.detail_action.setCheckable(True)
        self.detail_action.setChecked(True)
        # The Delete key acts on the list and the board only, never in the search box.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_action)
        self.board.addAction(self.delete_action)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(key.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(key.Redo)])
        self.stages_action = self._action("&Stages…", None, self.edit_stages)
        self.list_view_action = self._action("&Postings list", "Ctrl+1", self.show_list)
        self.board_view_action = self._action("&Board", "Ctrl+2", self.show_board)
        views = QActionGroup(self)
        for action in (self.list_view_action, self.board_view_action):
            action.setCheckable(True)
            views.addAction(action)
        self.list_view_action.setChecked(True)

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addActions(
            [self.new_action, self.paste_action, self.import_action, self.export_action]
        )
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menus.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.edit_action, self.delete_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.stages_action])
        view_menu = menus.addMenu("&View")
        view_menu.addActions([self.list_view_action, self.board_view_action])
        view_menu.addSeparator()
        view_menu.addAction(self.detail_action)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.about_action)

        toolbar = QToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions(
            [
                self.new_action,
                self.paste_action,
                self.import_action,
                self.edit_action,
                self.delete_action,
            ]
        )
        self.addToolBar(toolbar)
        self._update_actions()

    # -- state that outlives the window --------------------------------------------------------

    def _restore_state(self) -> None:
        for key, restore in (
            ("window/geometry", self.restoreGeometry),
            ("window/state", self.restoreState),
            ("window/splitter", self.splitter.restoreState),
            ("window/columns", self.table.horizontalHeader().restoreState),
        ):
            value = self._settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        self._settings.setValue("window/columns", self.table.horizontalHeader().saveState())
        self._settings.sync()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._detail_waits and not self._finish_scheduled:
            # The window and its children are painted in this same pass: what is left of the
            # start-up runs right after the first frame is on the screen.
            self._finish_scheduled = True
            QTimer.singleShot(0, self.finish_start_up)

    def finish_start_up(self) -> None:
        """Show the selected posting in full (reading it loads the ORM), then load the rest."""
        if not self._detail_waits:
            return
        self._detail_waits = False
        self._show_detail(self.selected_id())
        # The keyring and the readers, a tenth of a second, before the user can need them.
        QTimer.singleShot(0, load_deferred)

    def closeEvent(self, event: QCloseEvent) -> None:
        form = self.posting_form
        if form is not None and form.unsaved.changed():
            # An edited form open: ask there first, then close the window if the user agrees.
            event.ignore()
            form.raise_()
            form.unsaved.close_or_ask(lambda: (QDialog.reject(form), self.close()))
            return
        self.save_state()
        super().closeEvent(event)

    # -- selection and the detail pane ---------------------------------------------------------

    def board_shown(self) -> bool:
        return self.views.currentWidget() is self.board

    def selected_id(self) -> int | None:
        if self.board_shown():
            return self.board.selected_id()
        rows = self.table.selectionModel().selectedRows()
        return self.model.posting_id(rows[0].row()) if rows else None

    def select_posting(self, posting_id: int) -> bool:
        row = self.model.row_of(posting_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _select_first_row(self) -> None:
        if self.model.rowCount() and self.selected_id() is None:
            self.table.selectRow(0)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail(self.selected_id())
        self._update_actions()

    def _show_detail(self, posting_id: int | None) -> None:
        if self._detail_waits:
            return  # finish_start_up shows the posting selected by then
        try:
            doc = postings.get_posting(self._db, posting_id) if posting_id is not None else None
        except postings.PostingNotFound:
            doc = None
        timeline = board.timeline(self._db, doc.id) if doc and doc.id is not None else []
        self.detail.show_posting(doc, timeline)
        self.login_panel.show_posting(self.detail.posting_id)

    def _update_actions(self) -> None:
        has_selection = self.selected_id() is not None
        self.edit_action.setEnabled(has_selection)
        self.delete_action.setEnabled(has_selection)

    def _update_empty_state(self) -> None:
        if self.model.rowCount():
            self.list_stack.setCurrentWidget(self.table)
        elif self.model.search.strip():
            query = self.model.search.strip()
            shown = query if len(query) <= 60 else query[:57] + "…"
            self.no_match.setText(f"No postings match “{shown}”.")
            self.list_stack.setCurrentWidget(self.no_match)
        else:
            self.list_stack.setCurrentWidget(self.empty_page)

    def _toggle_detail(self, visible: bool) -> None:
        self.detail_side.setVisible(visible)

    # -- search --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _run_search(self) -> None:
        keep = self.selected_id()
        self.model.set_search(self.search.text())
        self._reload_board()
        self._after_reload(keep)

    def _after_reload(self, keep: int | None) -> None:
        self._update_empty_state()
        if keep is None or not self.select_posting(keep):
            self.table.clearSelection()
            self._select_first_row()
        if self.selected_id() is None:
            self.detail.show_posting(None)
            self.login_panel.show_posting(None)
        self._update_actions()

    # -- changes from any operation ------------------------------------------------------------

    def apply_changes(self, changes: Changes, select: int | None = None) -> None:
        keep = select if select is not None else self.selected_id()
        if changes.postings or changes.stages:  # a renamed stage shows in the list's column
            self.model.reload()
        self._reload_board()
        if keep is not None and self.board_shown():
            self.board.select_card(keep)
        self._after_reload(keep)
        shown = self.detail.posting_id
        if shown is not None and shown in changes.updated:
            self._show_detail(shown)
        self.changes_applied.emit(changes)

    # -- the board -----------------------------------------------------------------------------

    def _reload_board(self) -> None:
        """Bring the board up to date now if it is shown, else when it is next shown."""
        if self.board_shown():
            self.board.load(board.load_board(self._db, self.model.search))
            self._board_stale = False
        else:
            self._board_stale = True

    def show_list(self) -> None:
        keep = self.board.selected_id()
        self.views.setCurrentWidget(self.list_stack)
        self.list_view_action.setChecked(True)
        self._settings.setValue("window/view", "list")
        if keep is not None:
            self.select_posting(keep)
        self.table.setFocus()

    def show_board(self) -> None:
        keep = self.selected_id()
        self.views.setCurrentWidget(self.board)
        if self._board_stale:
            self._reload_board()
        self.board_view_action.setChecked(True)
        self._settings.setValue("window/view", "board")
        if keep is not None:
            self.board.select_card(keep)
        self.board.focus_selected()
        self._show_detail(self.board.selected_id())
        self._update_actions()

    def _board_selected(self, posting_id: int | None) -> None:
        if self.board_shown():
            self._show_detail(posting_id)
            self._update_actions()

    def _report(self, message: str) -> None:
        messages.show_error(self, "Jobdeck", message)

    def move_card(self, posting_id: int, stage_id: int, index: int) -> None:
        """Every move (drop, menu, keys) goes through here, as one undoable step."""
        stage = next((c.stage.name for c in self.board.columns if c.stage.id == stage_id), "")
        self.undo_stack.push(
            MoveCardCommand(
                self._db,
                posting_id,
                stage_id,
                index,
                f"Move to {stage}",
                lambda changes: self.apply_changes(changes, select=posting_id),
                self._report,
            )
        )

    def set_label(self, posting_id: int, color: str | None) -> None:
        card = next(
            (c for col in self.board.columns for c in col.model.cards() if c.id == posting_id),
            None,
        )
        old = card.label_color if card else None
        self.undo_stack.push(
            ServiceCommand(
                "Colour label",
                lambda: board.set_label(self._db, posting_id, color),
                lambda: board.set_label(self._db, posting_id, old),
                self.apply_changes,
                self._report,
            )
        )

    def edit_stages(self) -> None:
        from desktop.ui.dialogs.stages_dialog import StagesDialog

        dialog = StagesDialog(
            self._db, self.undo_stack.push, self.apply_changes, self._report, self
        )
        self.changes_applied.connect(dialog.refresh)
        dialog.finished.connect(lambda: self.changes_applied.disconnect(dialog.refresh))
        dialog.finished.connect(dialog.deleteLater)
        self.stages_dialog = dialog
        dialog.open()

    def _ask_stage_date(self, change_id: int, stage: str, at: object) -> None:
        from desktop.ui.dialogs.stage_date_dialog import StageDateDialog

        dialog = StageDateDialog(change_id, stage, at, self)  # type: ignore[arg-type]
        dialog.chosen.connect(self._correct_stage_date)
        dialog.finished.connect(dialog.deleteLater)
        self.stage_date_dialog = dialog
        dialog.open()

    def _correct_stage_date(self, change_id: int, at: object) -> None:
        try:
            changes = board.correct_stage_time(self._db, change_id, at)  # type: ignore[arg-type]
        except ServiceError as error:
            self._report(str(error))
            return
        self.apply_changes(changes)

    # -- importing -----------------------------------------------------------------------------

    def _imported(self, changes: Changes) -> None:
        first = next(iter(sorted(changes.created | changes.updated)), None)
        self.apply_changes(changes, select=first)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime is not None and can_import(mime):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        if mime is not None and can_import(mime):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime is None or not can_import(mime):
            return
        event.acceptProposedAction()
        self.imports.import_mime(mime, "dropped text")

    # -- commands ------------------------------------------------------------------------------

    def _open_form(self, original: object) -> None:
        if self.posting_form is not None:
            self.posting_form.raise_()
            return
        from desktop.ui.dialogs.posting_form import PostingForm

        form = PostingForm(self._db, original, self)  # type: ignore[arg-type]
        form.saved.connect(self._form_saved)
        form.finished.connect(self._form_closed)
        self.posting_form = form
        form.open()

    def _form_saved(self, changes: Changes) -> None:
        created = next(iter(changes.created), None)
        self.apply_changes(changes, select=created)

    def _form_closed(self) -> None:
        if self.posting_form is not None:
            self.posting_form.deleteLater()
            self.posting_form = None

    def new_posting(self) -> None:
        self._open_form(None)

    def edit_posting(self) -> None:
        posting_id = self.selected_id()
        if posting_id is None:
            return
        try:
            self._open_form(postings.get_posting(self._db, posting_id))
        except postings.PostingNotFound as error:
            messages.show_error(self, "Posting not found", str(error))

    def delete_posting(self) -> None:
        posting_id = self.selected_id()
        if posting_id is None:
            return
        index = self.model.index(self.model.row_of(posting_id) or 0, COL_TITLE)
        title = self.model.data(index)

        def really_delete() -> None:
            try:
                changes = postings.delete_posting(self._db, posting_id)
            except postings.PostingNotFound:
                changes = Changes(deleted=frozenset({posting_id}))
            except ServiceError as error:
                self._report(str(error))
                return
            self.apply_changes(changes)

        messages.confirm(
            self,
            "Delete posting?",
            f"Delete “{title}” and its application history? This cannot be undone.",
            "Delete",
            really_delete,
        )

    def export_postings(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export postings", "jobdeck-export.json", "JSON (*.json);;CSV (*.csv)"
        )
        if not path:
            return
        as_csv = chosen.startswith("CSV") or path.lower().endswith(".csv")
        try:
            export.export_to_file(self._db, Path(path), as_csv=as_csv)
        except WriteFailed as error:
            messages.show_error(self, "Export failed", str(error))

    def show_backups(self) -> None:
        from desktop.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self._db, self)
        dialog.restored.connect(self._library_restored)
        dialog.finished.connect(dialog.deleteLater)
        self.backups_dialog = dialog
        dialog.open()

    def _library_restored(self, _restored: object) -> None:
        self.undo_stack.clear()  # its steps refer to the library that was replaced
        self.model.reload()
        self._reload_board()
        self._after_reload(None)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Jobdeck",
            f"Jobdeck {__version__}\n\nTrack job postings and applications. "
            "Your data stays on this computer.\n\nLibrary: "
            f"{self._db.path}",
        )
