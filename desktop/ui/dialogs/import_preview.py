"""The import preview: what the reader made of the input, beside the input itself.

Every field is editable before saving. Each piece of the input the reader could not place is
listed, never silently dropped. A posting that is already saved offers: update it, keep both, or
skip. Several postings (a multi-file import) are previewed one after another, or saved at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.document import DocumentError
from desktop.services import importing
from desktop.services.errors import ServiceError
from desktop.services.library import Library
from desktop.ui.dialogs.posting_form import error_label
from desktop.ui.dialogs.return_key import return_presses
from desktop.ui.dialogs.screen_fit import fit_to_screen
from desktop.ui.views.posting_editor import PostingEditor
from desktop.ui.views.reapply_note import EditorWatch, ReapplyNote

Decision = importing.Decision
# Readers prefix a warning about one field with its name ("title: ..."); the preview shows it
# beside that field instead of in the list of unplaced parts.
NOTED_FIELDS = ("title", "company", "salary")


def field_notes(warnings: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """({field: note} for the warnings about a field, the other warnings)."""
    notes: dict[str, str] = {}
    rest: list[str] = []
    for warning in warnings:
        name, _, note = warning.partition(": ")
        if name in NOTED_FIELDS and note:
            notes[name] = f"{notes[name]} {note}" if name in notes else note
        else:
            rest.append(warning)
    return notes, rest


def _panel(object_name: str, background: str) -> tuple[QFrame, QLabel]:
    frame = QFrame()
    frame.setObjectName(object_name)
    frame.setStyleSheet(
        f"#{object_name} {{ background: {background}; border-radius: 6px; }}"
        f" #{object_name} QLabel {{ color: #1f1f1f; }}"
    )
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(10, 8, 10, 8)
    layout.addWidget(label)
    return frame, label


class ImportPreview(QDialog):
    """Emits ``changes_made`` after each save; closes when every draft is decided."""

    changes_made = Signal(object)  # Changes
    save_all_requested = Signal(object)  # list of (document, Decision, duplicate id or None)

    def __init__(
        self, db: Library, drafts: list[importing.ImportDraft], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._queue = list(drafts)
        self._index = 0
        self.setObjectName("import-preview")
        self.setWindowTitle("Import posting")
        fit_to_screen(self, 1100, 720)
        self._build()
        self._show_current()

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.heading.setFont(font)

        self.warnings_panel, self.warnings = _panel("import-warnings", "#fff4ce")
        self.duplicate_panel, self.duplicate_text = _panel("import-duplicate", "#dbeafe")
        self.update_choice = QRadioButton("Update the saved posting with this copy")
        self.keep_choice = QRadioButton("Keep both")
        self.skip_choice = QRadioButton("Skip this one")
        self.choices = QButtonGroup(self)
        for button in (self.update_choice, self.keep_choice, self.skip_choice):
            self.choices.addButton(button)
            button.setStyleSheet("color: #1f1f1f;")
            self.duplicate_panel.layout().addWidget(button)

        self.editor = PostingEditor()
        # What the library already holds at this employer, kept up to date as it is edited.
        self.reapply_note = ReapplyNote()
        self.reapply = EditorWatch(self._db, self.editor, self.reapply_note)
        # Notes beside fields are made the first time a posting needs one: most need none.
        self.notes: dict[str, QLabel] = {}
        self.raw = QPlainTextEdit()
        self.raw.setObjectName("import-raw")
        self.raw.setReadOnly(True)
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        raw_box = QWidget()
        raw_layout = QVBoxLayout(raw_box)
        raw_layout.setContentsMargins(0, 0, 0, 0)
        raw_layout.addWidget(QLabel("As received (kept unchanged with the posting)"))
        raw_layout.addWidget(self.raw)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(raw_box)
        splitter.setSizes([640, 420])

        self.error = error_label()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = QPushButton("Skip")
        self.buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_all_button = QPushButton()
        self.buttons.addButton(self.save_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save_current)
        self.skip_button.clicked.connect(self.skip_current)
        self.save_all_button.clicked.connect(self.save_all)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.warnings_panel)
        layout.addWidget(self.duplicate_panel)
        layout.addWidget(self.reapply_note)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Return never discards: it saves the posting on show, edits and all, never skips it.
        return_presses(self, self.save_button)

    def _note_beside(self, name: str) -> QLabel:
        """A note under a field of the editor's form, hidden until the reader is unsure."""
        note = QLabel()
        note.setObjectName(f"import-note-{name}")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a4b00;")
        widget = getattr(self.editor, "salary_min" if name == "salary" else name)
        form = widget.parentWidget().layout()
        if isinstance(form, QFormLayout):
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                inside = item is not None and (
                    item.widget() is widget
                    or (item.layout() is not None and item.layout().indexOf(widget) >= 0)
                )
                if inside:
                    form.insertRow(row + 1, "", note)
                    break
        note.hide()
        return note

    def _show_notes(self, draft: importing.ImportDraft) -> list[str]:
        notes, rest = field_notes(draft.warnings)
        doc = draft.document
        if doc.title is None and "title" not in notes:
            notes["title"] = "The input has no title line: enter the job title."
        if doc.company is None and "company" not in notes:
            notes["company"] = "The input does not name the company: enter it."
        for name in NOTED_FIELDS:
            if name in notes and name not in self.notes:
                self.notes[name] = self._note_beside(name)
            if name in self.notes:
                self.notes[name].setText(f"⚠ {notes[name]}" if name in notes else "")
                self.notes[name].setVisible(name in notes)
        return rest

    # -- the draft on show -----------------------------------------------------------------

    @property
    def current(self) -> importing.ImportDraft:
        return self._queue[self._index]

    def remaining(self) -> int:
        return len(self._queue) - self._index

    def _show_current(self) -> None:
        draft = self.current
        total = len(self._queue)
        where = f"Posting {self._index + 1:,} of {total:,} · " if total > 1 else ""
        self.heading.setText(f"{where}from {draft.source}")
        self.error.hide()
        unplaced = self._show_notes(draft)
        if unplaced:
            lines = "\n".join(f"• {w}" for w in unplaced)
            self.warnings.setText(f"Jobdeck could not place these parts of the input:\n{lines}")
            self.warnings_panel.show()
        else:
            self.warnings_panel.hide()
        duplicate = draft.duplicate
        if duplicate is not None:
            company = f" at {duplicate.company}" if duplicate.company else ""
            self.duplicate_text.setText(
                f"You already saved this posting ({duplicate.reason}): "
                f"“{duplicate.title}”{company}."
            )
            self.update_choice.setChecked(True)
            self.duplicate_panel.show()
        else:
            self.duplicate_panel.hide()
        self.editor.set_document(draft.document)
        # The posting it repeats is not an earlier application: it is this one.
        self.reapply.excluding = frozenset({duplicate.posting_id} if duplicate else ())
        self.reapply.check()
        self.raw.setPlainText(draft.document.raw)
        self.save_all_button.setText(f"Save all {self.remaining():,}")
        self.save_all_button.setVisible(self.remaining() > 1)
        self.skip_button.setVisible(total > 1)
        self.editor.title.setCursorPosition(0)  # a long title shows its beginning
        self.save_button.setFocus()  # Return saves what was read; Tab reaches the fields

    def decision(self) -> Decision:
        if self.current.duplicate is None or self.keep_choice.isChecked():
            return Decision.SAVE_NEW
        if self.skip_choice.isChecked():
            return Decision.SKIP
        return Decision.UPDATE_EXISTING

    def _advance(self) -> None:
        self._index += 1
        if self._index >= len(self._queue):
            self.accept()
        else:
            self._show_current()

    # -- commands ------------------------------------------------------------------------------

    def save_current(self) -> None:
        duplicate = self.current.duplicate
        try:
            changes = importing.save_draft(
                self._db,
                self.editor.document(),
                self.decision(),
                duplicate.posting_id if duplicate else None,
            )
        # ServiceError: a bad field, a posting deleted meanwhile, a full disk: the posting read
        # stays here, corrections and all.
        except (DocumentError, ServiceError) as error:
            self.error.setText(str(error))
            self.error.show()
            return
        if changes.postings:
            self.changes_made.emit(changes)
        self._advance()

    def skip_current(self) -> None:
        self._advance()

    def save_all(self) -> None:
        """Save the one on show as edited, and every remaining one as read (duplicates skipped)."""
        try:
            first = self.editor.document()
        except DocumentError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        duplicate = self.current.duplicate
        jobs = [(first, self.decision(), duplicate.posting_id if duplicate else None)]
        for draft in self._queue[self._index + 1 :]:
            dup = draft.duplicate
            jobs.append(
                (
                    draft.document,
                    Decision.SKIP if dup else Decision.SAVE_NEW,
                    dup.posting_id if dup else None,
                )
            )
        self.save_all_requested.emit(jobs)
        self.accept()
