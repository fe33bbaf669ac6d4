"""The documents sent with the selected application: attach a file (a label and the day sent),
open it with the desktop's program, take it off; every change is an undo step.

Jobdeck never shows or runs a document itself: it asks the desktop to open the library's copy,
and refuses for programs and scripts. A file over 50 MB is attached only after a yes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QUrl, Signal, SignalInstance
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.application_facts import WorkspaceCounts
from desktop.core.documents import Document, may_open
from desktop.services import application_facts, documents
from desktop.services.changes import Changes
from desktop.services.errors import ServiceError
from desktop.ui.dialogs import messages
from desktop.ui.pages import WindowParts
from desktop.ui.views.sections import plain_label
from desktop.ui.views.workspace_panel import WorkspacePanel


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _ask_file(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Attach a document", "", "All files (*)")
    return Path(name) if name else None


class DocumentCard(QFrame):
    open_requested = Signal(int)
    remove_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.document: Document | None = None  # until ``show_document``
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        text = QVBoxLayout()
        self.label = plain_label("", bold=True)
        self.about = plain_label("", muted=True)
        text.addWidget(self.label)
        text.addWidget(self.about)
        layout.addLayout(text, 1)
        self.open_button = QToolButton()
        self.open_button.setText("Open")
        remove = QToolButton()
        remove.setText("Remove")
        remove.setToolTip("Take it off this application (Ctrl+Z brings it back)")
        self.remove_button = remove
        layout.addWidget(self.open_button)
        layout.addWidget(remove)
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        remove.clicked.connect(lambda: self._emit(self.remove_requested))

    def show_document(self, document: Document, *, missing: bool = False) -> None:
        """``missing``: its file is not in the library folder (removed while the application
        was deleted, say): listed, marked, and not offered to open."""
        self.document = document
        self.setObjectName(f"document-{document.id}")
        self.label.setText(document.label)
        sent = f"sent {document.sent_on.isoformat()} · " if document.sent_on else ""
        gone = " · file missing" if missing else ""
        self.about.setText(f"{sent}{document.file_name} · {size_text(document.size)}{gone}")
        openable = may_open(document.file_name) and not missing
        self.open_button.setEnabled(openable)
        if missing:
            tip = "The file is no longer in the library folder: attach it again"
        elif openable:
            tip = "Open with the desktop's program"
        else:
            tip = "A program or script: Jobdeck does not open it"
        self.open_button.setToolTip(tip)

    def _emit(self, signal: SignalInstance) -> None:
        if self.document is not None:
            signal.emit(self.document.id)


class DocumentsPanel(WorkspacePanel):
    TITLE = "Documents"
    COUNTED = "documents"

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts, "documents-panel")
        # Tests replace these: the file dialog, and opening with the desktop.
        self.ask_file: Callable[[QWidget], Path | None] = _ask_file
        self.open_path: Callable[[Path], bool] = lambda path: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path))
        )
        self.label = QLineEdit()
        self.label.setObjectName("document-label")
        self.label.setPlaceholderText("Label, e.g. Resume v3 (default: the file's name)")
        self.sent_on = QDateEdit(QDate.currentDate())
        self.sent_on.setObjectName("document-sent-on")
        self.sent_on.setCalendarPopup(True)
        self.sent_on.setDisplayFormat("yyyy-MM-dd")
        self.sent_on.setToolTip("The day it was sent")
        self.attach_button = QPushButton("Attach file…")
        self.attach_button.setObjectName("attach-document")
        self.error = plain_label("", selectable=False)
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.sent_on)
        row.addWidget(self.attach_button)
        layout = self.layout_
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.add_card_list("No documents yet: attach the resume and cover letter you sent.")
        self.attach_button.clicked.connect(self.attach)
        parts.operations.changed.connect(self._changed)
        self.setEnabled(False)

    def show_posting(self, posting_id: int | None, counts: WorkspaceCounts | None = None) -> None:
        if posting_id != self.posting_id:
            self._show_error(None)
        super().show_posting(posting_id, counts)

    def start_writing(self) -> None:
        self.attach_button.setFocus()

    def count_rows(self, posting_id: int) -> int:
        return application_facts.workspace_counts(self._parts.library, posting_id).documents

    def read_rows(self, posting_id: int | None) -> list[Document]:
        return documents.documents_of(self._parts.library, posting_id) if posting_id else []

    def new_card(self) -> DocumentCard:
        card = DocumentCard()
        card.open_requested.connect(self.open_document)
        card.remove_requested.connect(self.remove)
        return card

    def fill_card(self, card: DocumentCard, row: Document) -> None:
        missing = not documents.file_of(self._parts.library, row).is_file()
        card.show_document(row, missing=missing)

    # -- changes, through the door ------------------------------------------------------------

    def attach(self) -> None:
        path = self.ask_file(self)
        if path is not None:
            self.attach_file(path)

    def attach_file(self, path: Path, *, large_ok: bool = False) -> None:
        posting_id, library = self.posting_id, self._parts.library
        if posting_id is None:
            return
        label = self.label.text() or None
        sent_on = self.sent_on.date().toPython()

        def failed(error: ServiceError | str) -> None:
            if isinstance(error, documents.LargeDocument):
                messages.confirm(
                    self,
                    "Attach a large file",
                    str(error),
                    "Attach",
                    lambda: self.attach_file(path, large_ok=True),
                    destructive=False,
                )
            else:
                self._show_error(error)

        def attached(_document: Document) -> None:
            self.label.clear()
            self._show_error(None)

        self._parts.operations.run(
            "Attach document",
            lambda: documents.attach_document(
                library, posting_id, path, label=label, sent_on=sent_on, large_ok=large_ok
            ),
            undo=lambda document: documents.remove_document(library, document.id),
            initiator=self,
            success=attached,
            failure=failed,
        )

    def remove(self, document_id: int) -> None:
        library = self._parts.library
        self._parts.operations.run(
            "Remove document",
            lambda: documents.remove_document(library, document_id),
            undo=lambda document: documents.restore_document(library, document),
            initiator=self,
        )

    def open_document(self, document_id: int) -> None:
        document = next((c.document for c in self.cards if c.document.id == document_id), None)
        if document is None:
            return
        try:
            path = documents.openable_file(self._parts.library, document)
        except ServiceError as error:
            self._show_error(error)
            return
        if not self.open_path(path):
            self._show_error(f"The desktop has no program to open {document.file_name}.")

    def _show_error(self, error: ServiceError | str | None) -> None:
        self.error.setText("" if error is None else str(error))
        self.error.setVisible(error is not None)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if self.posting_id is None:
            return
        if self.posting_id in changes.deleted:
            self.show_posting(None)
        elif self.posting_id in changes.documents:
            self.reload()
