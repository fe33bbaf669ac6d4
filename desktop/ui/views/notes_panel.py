"""The notes of the selected application, newest first: write, edit and delete them.

Every change goes through the door (``Operations``) as an undo step; the panel reads the notes
again whenever the door says the shown posting's notes changed, whoever changed them (the
panel, undo, the command line's import of an export). A note's text is shown as plain text:
the only markup is the links this module builds (escaped, http(s)/mailto/tel only, opened
after a click).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.application_facts import WorkspaceCounts
from desktop.core.display import day_and_time
from desktop.core.notes import Note, openable_link, text_and_links
from desktop.services import notes
from desktop.services.changes import Changes
from desktop.services.errors import ServiceError
from desktop.ui.pages import WindowParts
from desktop.ui.views.sections import plain_label
from desktop.ui.views.workspace_panel import WorkspacePanel

_NO_TIME = datetime(1970, 1, 1, tzinfo=UTC)


def note_markup(text: str) -> str:
    """A note's text as the label's rich text: everything escaped, line breaks kept, links made
    only for the addresses ``core.notes`` accepts."""
    out: list[str] = []
    for piece, target in text_and_links(text):
        shown = html.escape(piece).replace("\n", "<br>")
        if target is None:
            out.append(shown)
        else:
            out.append(f'<a href="{html.escape(target, quote=True)}">{shown}</a>')
    # pre-wrap keeps the user's own spacing (indents, several spaces) as they typed it
    return f'<span style="white-space: pre-wrap">{"".join(out)}</span>'


def open_note_link(url: str) -> bool:
    """Open a link clicked in a note with the desktop's handler, if it is one Jobdeck opens."""
    target = openable_link(url)
    if target is None:
        return False
    return QDesktopServices.openUrl(QUrl(target, QUrl.ParsingMode.StrictMode))


def _editor(placeholder: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setPlaceholderText(placeholder)
    editor.setTabChangesFocus(True)
    line = editor.fontMetrics().lineSpacing()
    editor.setFixedHeight(line * 4 + 12)
    return editor


class NoteCard(QFrame):
    """One note: its time, its text, and Edit / Delete; Edit turns the text into an editor."""

    edit_saved = Signal(int, str)  # note id, new text
    delete_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.note = Note(0, 0, "", _NO_TIME, _NO_TIME)  # until ``show_note``
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.when = plain_label("", muted=True, selectable=False)
        header.addWidget(self.when, 1)
        self.edit_button = self._tool("Edit", "Edit this note")
        self.delete_button = self._tool("Delete", "Delete this note (Ctrl+Z brings it back)")
        header.addWidget(self.edit_button)
        header.addWidget(self.delete_button)
        layout.addLayout(header)
        self.text = QLabel()
        self.text.setObjectName("note-text")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setOpenExternalLinks(False)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.text.linkActivated.connect(open_note_link)
        layout.addWidget(self.text)
        self.editor: QPlainTextEdit | None = None
        self._editing = QWidget()
        self._editing.hide()
        layout.addWidget(self._editing)
        self.edit_button.clicked.connect(self.start_editing)
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.note.id))

    def show_note(self, note: Note) -> None:
        """Show ``note`` (the card is filled again for each posting shown: nothing of the note
        before stays, an edit under way included)."""
        self.note = note
        self.setObjectName(f"note-{note.id}")
        when = day_and_time(note.created_at)
        if note.updated_at != note.created_at:
            when += f"  · edited {day_and_time(note.updated_at)}"
        self.when.setText(when)
        self.text.setText(note_markup(note.text))
        self.cancel_edit()

    def _tool(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def start_editing(self) -> None:
        if self.editor is None:
            self.editor = _editor("")
            self.editor.setObjectName("note-editor")
            save = QPushButton("Save")
            save.setObjectName("note-save")
            cancel = QPushButton("Cancel")
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(cancel)
            row.addWidget(save)
            box = QVBoxLayout(self._editing)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self.editor)
            box.addLayout(row)
            save.clicked.connect(self.save_edit)
            cancel.clicked.connect(self.cancel_edit)
            QShortcut(QKeySequence("Ctrl+Return"), self.editor, self.save_edit)
            QShortcut(QKeySequence("Escape"), self.editor, self.cancel_edit)
        self.editor.setPlainText(self.note.text)
        self.text.hide()
        self._editing.show()
        self.editor.setFocus()

    def save_edit(self) -> None:
        if self.editor is not None:
            self.edit_saved.emit(self.note.id, self.editor.toPlainText())

    def cancel_edit(self) -> None:
        if not self._editing.isHidden():
            self._editing.hide()
            self.text.show()


class NotesPanel(WorkspacePanel):
    """The notes of one posting; ``show_posting`` picks which."""

    TITLE = "Notes"
    COUNTED = "notes"

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts, "notes-panel")
        layout = self.layout_
        self.editor = _editor(
            "Write a note: a call, a name, what to ask next… (Ctrl+Enter adds it)"
        )
        self.editor.setObjectName("new-note")
        self.add_button = QPushButton("Add note")
        self.add_button.setObjectName("add-note")
        self.add_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.error = plain_label("", selectable=False)
        self.error.setObjectName("note-error")
        self.error.setForegroundRole(QPalette.ColorRole.BrightText)
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(self.add_button)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        self.add_card_list("No notes yet. What you write here is found by the search box.")
        self.empty.setObjectName("notes-empty")
        self.add_button.clicked.connect(self.add_from_editor)
        QShortcut(QKeySequence("Ctrl+Return"), self.editor, self.add_from_editor)
        parts.operations.changed.connect(self._changed)
        self.setEnabled(False)

    # -- what the side and tests use -----------------------------------------------------------

    def show_posting(self, posting_id: int | None, counts: WorkspaceCounts | None = None) -> None:
        if posting_id != self.posting_id:
            self.editor.clear()
            self._show_error(None)
        super().show_posting(posting_id, counts)

    def count_rows(self, posting_id: int) -> int:
        return notes.count_notes(self._parts.library, posting_id)

    def read_rows(self, posting_id: int | None) -> list[Note]:
        return notes.list_notes(self._parts.library, posting_id) if posting_id else []

    def new_card(self) -> NoteCard:
        card = NoteCard()
        card.edit_saved.connect(self.edit)
        card.delete_requested.connect(self.delete)
        return card

    def fill_card(self, card: NoteCard, row: Note) -> None:
        card.show_note(row)

    def start_writing(self) -> None:
        self.editor.setFocus()

    # -- changes, through the door ------------------------------------------------------------

    def add_from_editor(self) -> None:
        posting_id, text = self.posting_id, self.editor.toPlainText()
        if posting_id is None:
            return
        library = self._parts.library

        def added(_note: Note) -> None:
            self.editor.clear()
            self._show_error(None)

        self._parts.operations.run(
            "Add note",
            lambda: notes.add_note(library, posting_id, text),
            undo=lambda note: notes.delete_note(library, note.id),
            initiator=self,
            success=added,
            failure=self._show_error,
        )

    def edit(self, note_id: int, text: str) -> None:
        library = self._parts.library
        self._parts.operations.run(
            "Edit note",
            lambda: notes.edit_note(library, note_id, text),
            undo=lambda before: notes.put_back_text(library, before),
            initiator=self,
            failure=self._show_error,
        )

    def delete(self, note_id: int) -> None:
        library = self._parts.library
        self._parts.operations.run(
            "Delete note",
            lambda: notes.delete_note(library, note_id),
            undo=lambda note: notes.restore_note(library, note),
            initiator=self,
        )

    def _show_error(self, error: ServiceError | str | None) -> None:
        self.error.setText("" if error is None else str(error))
        self.error.setVisible(error is not None)

    def _changed(self, changes: Changes, initiator: object) -> None:
        if self.posting_id is None:
            return
        if self.posting_id in changes.deleted:
            self.show_posting(None)
        elif self.posting_id in changes.notes:
            self.reload()
