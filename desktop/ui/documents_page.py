"""The documents page (View > Documents, Ctrl+6): each stored file, one row per version, with
the applications it went to ("which applications got resume v3?"); search by label or name;
files no application uses any more are removed only after the user agrees; every file in use
can be written to one zip (the files of a JSON export; ``jobdeck import --documents`` reads it).

Built the first time it is shown (``LazyPage``); listens to the door for documents.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import documents
from desktop.services.changes import Changes, Kind, Result
from desktop.ui.actions import ActionSpec
from desktop.ui.dialogs import messages
from desktop.ui.models.document_table_model import DocumentTableModel
from desktop.ui.pages import WindowParts


class DocumentsPage(QObject):
    key = "documents"
    title = "&Documents"
    shortcut = "Ctrl+6"
    selection_changed = Signal(object)  # always None: a file is not a posting

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self.stale = True
        self.widget = QWidget()
        self.widget.setObjectName("documents-page")
        self.search = QLineEdit()
        self.search.setObjectName("documents-search")
        self.search.setPlaceholderText("Search documents by label or file name (resume v3)")
        self.search.setClearButtonEnabled(True)
        self.model = DocumentTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.tidy_button = QPushButton("Remove unused files…")
        self.tidy_button.setToolTip("Files no application uses any more (asks first)")
        self.zip_button = QPushButton("Export files as zip…")
        self.zip_button.setObjectName("documents-zip")
        self.zip_button.setToolTip(
            "Every document file in use, in one zip: keep it with a JSON export "
            "(jobdeck import export.json --documents files.zip brings both back)"
        )
        self.unzip_button = QPushButton("Import files from zip…")
        self.unzip_button.setObjectName("documents-unzip")
        self.unzip_button.setToolTip(
            "The files of a zip made by Export files as zip, each checked against its SHA-256 "
            "(import the JSON export for the applications they go with)"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.zip_button)
        buttons.addWidget(self.unzip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.tidy_button)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.tidy_button.clicked.connect(self.remove_unused)
        self.zip_button.clicked.connect(lambda: self.export_zip())
        self.unzip_button.clicked.connect(lambda: self.import_zip())
        parts.operations.changed.connect(self._changed)

    def actions(self) -> list[ActionSpec]:
        return []

    def selected_id(self) -> int | None:
        return None

    def select(self, posting_id: int) -> bool:
        return False

    def shown(self, keep: int | None) -> None:
        self.widget.show()  # see ContactsPage.shown
        if self.stale:
            self.reload()
        self.table.setFocus()
        self.selection_changed.emit(None)

    def searched(self) -> None:
        """The postings' search changed: this page has its own."""

    def reload(self) -> None:
        self.model.set_rows(documents.list_versions(self._parts.library, self.search.text()))
        self.tidy_button.setEnabled(bool(documents.unused_files(self._parts.library)))
        self.stale = False

    def export_zip(self, target: Path | None = None) -> None:
        """Write every file in use to a zip (``target``, or where the user says)."""
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self.widget,
                "Export document files",
                str(Path.home() / "jobdeck-documents.zip"),
                "Zip archives (*.zip)",
            )
            if not chosen:
                return
            target = Path(chosen)
        from desktop.services import document_zip

        library = self._parts.library

        def done(written: document_zip.ZipWritten) -> None:
            text = f"{written.files} file(s) written to {target}."
            if written.missing:
                text += "\n\nMissing from the library folder, left out:\n" + "\n".join(
                    written.missing
                )
            self.zip_message = messages.show_info(self.widget, "Export document files", text)

        self._parts.operations.run(
            "Export document files",
            lambda: Result(document_zip.write_documents_zip(library, target)),
            success=done,
        )

    def import_zip(self, source: Path | None = None) -> None:
        """Store the files of a documents zip (``source``, or the one the user picks)."""
        if source is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self.widget, "Import document files", str(Path.home()), "Zip archives (*.zip)"
            )
            if not chosen:
                return
            source = Path(chosen)
        from desktop.services import document_zip

        library = self._parts.library

        def done(read: document_zip.ZipRead) -> None:
            text = f"{read.stored} file(s) stored, {read.already} already in the library."
            if read.refused:
                text += "\n\nNot stored:\n" + "\n".join(read.refused)
            self.zip_message = messages.show_info(self.widget, "Import document files", text)
            self.reload()

        self._parts.operations.run(
            "Import document files",
            lambda: Result(document_zip.read_documents_zip(library, source)),
            success=done,
        )

    def remove_unused(self) -> None:
        library = self._parts.library
        unused = documents.unused_files(library)
        if not unused:
            self.reload()
            return
        size = sum(path.stat().st_size for path in unused if path.exists())
        messages.confirm(
            self.widget,
            "Remove unused files",
            f"{len(unused):,} file(s), {size / 1024 / 1024:.1f} MB, are no longer sent with any "
            "application. Remove them from the library folder? This cannot be undone.",
            "Remove",
            lambda: (documents.remove_unused_files(library, unused), self.reload()),
        )

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if Kind.DOCUMENTS not in changes.kinds and not changes.deleted and not changes.updated:
            return
        if self.widget.isVisibleTo(self._parts.window):
            self.reload()
        else:
            self.stale = True
