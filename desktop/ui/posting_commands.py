"""The posting commands: new, edit, delete, and bringing postings in (paste, drop, import).

Each runs through the door (``Operations``) or, for the form and the import preview that show
their errors inline, saves there and broadcasts through it. They contribute their actions to
the menus and the toolbar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from desktop.services import postings
from desktop.services.changes import Changes
from desktop.ui.actions import ActionSpec
from desktop.ui.dialogs import messages
from desktop.ui.import_flow import ImportFlow, can_import
from desktop.ui.pages import WindowParts
from desktop.ui.posting_link import open_posting_in_browser
from desktop.ui.removed_postings import RemovedPostings

# Dialogs are imported when first opened: PySide makes a Qt class's enums when the class is
# first used, and the window's start need not pay for the dialogs' classes.
if TYPE_CHECKING:
    from desktop.core.documents import Document
    from desktop.ui.dialogs.posting_form import PostingForm


class PostingCommands(QObject):
    def __init__(self, parts: WindowParts, title_of: object) -> None:
        """``title_of(posting_id)`` gives the title to name in the delete question."""
        super().__init__(parts.window)
        self._parts = parts
        self._title_of = title_of
        self.form: PostingForm | None = None
        # Deleted here: Undo brings them back (and says which files could not come with them).
        self.removed = RemovedPostings(parts.library, on_missing=self._files_not_back)
        self._files_to_remove: set[Path] = set()  # removed once Undo cannot want them
        self.refresh_dialog: QDialog | None = None
        self.imports = ImportFlow(parts.library, parts.window, parts.settings)
        self.imports.changes.connect(self._imported)
        self.imports.open_requested.connect(parts.select)
        self.imports.refresh_wanted.connect(self._refresh)
        self.imports.form_requested.connect(self.new_with_text)

    def actions(self, local_to: list) -> list[ActionSpec]:
        """``local_to``: the widgets the Delete key works in (the pages, never the search)."""
        key = QKeySequence.StandardKey
        return [
            ActionSpec("posting.new", "&New posting…", self.new, "File", 0, (key.New,), 0),
            ActionSpec(
                "posting.paste", "&Paste posting", self.imports.paste, "File", 0, (key.Paste,), 1
            ),
            ActionSpec(
                "posting.import", "&Import…", self.imports.choose_files, "File", 0, (key.Open,), 2
            ),
            ActionSpec(
                "posting.import_link",
                "Import from &link…",
                lambda: self.imports.import_links(),
                "File",
                0,
                ("Ctrl+Shift+O",),
            ),
            ActionSpec(
                "posting.edit",
                "&Edit posting…",
                self.edit,
                "Edit",
                group=1,
                shortcuts=("Ctrl+E",),
                toolbar=3,
                needs_selection=True,
            ),
            ActionSpec(
                "posting.open_in_browser",
                "Open posting in &browser",
                self.open_in_browser,
                "Edit",
                group=1,
                shortcuts=("Ctrl+Shift+B",),
                needs_selection=True,
            ),
            ActionSpec(
                "posting.delete",
                "&Delete posting…",
                self.delete,
                "Edit",
                group=1,
                shortcuts=(key.Delete,),
                toolbar=4,
                needs_selection=True,
                local_to=tuple(local_to),
            ),
        ]

    # -- commands ------------------------------------------------------------------------------

    def new(self) -> None:
        self._open_form(None)

    def new_with_text(self, text: str) -> None:
        """The New posting form with ``text`` as its description (a paste that did not read as
        a posting). The text counts as an edit: closing the form asks before dropping it."""
        opened = self.form is None
        self._open_form(None)
        if opened and self.form is not None:
            self.form.editor.description.setPlainText(text)
            self.form.editor.title.setFocus()

    def edit(self) -> None:
        posting_id = self._parts.selected_id()
        if posting_id is None:
            return
        try:
            self._open_form(postings.get_posting(self._parts.library, posting_id))
        except postings.PostingNotFound as error:
            messages.show_error(self._parts.window, "Posting not found", str(error))

    def open_in_browser(self) -> None:
        posting_id = self._parts.selected_id()
        if posting_id is not None:
            open_posting_in_browser(self._parts.window, self._parts.library, posting_id)

    def delete(self) -> None:
        """Delete the selected posting after asking; Undo brings all of it back (its history,
        notes, contacts' roles, documents, interviews, tasks, facts, login and password)."""
        posting_id = self._parts.selected_id()
        if posting_id is None:
            return
        messages.confirm(
            self._parts.window,
            "Delete posting?",
            f"Delete “{self._title_of(posting_id)}” with its application history, notes, "  # type: ignore[operator]
            "interviews, tasks and documents? Edit > Undo brings it back.",
            "Delete",
            lambda: self._delete_confirmed(posting_id),
        )

    def _delete_confirmed(self, posting_id: int) -> None:
        files = self._sole_files(posting_id)  # read before the delete takes the documents away
        self._parts.operations.run(
            "Delete posting",
            lambda: self.removed.remove(posting_id),
            undo=self.removed.put_back,
            success=lambda _removed: self._ask_files(files),
            undone=self._brought_back,
        )

    def _brought_back(self, posting_id: int | None) -> None:
        """Undo of a delete selects the posting it brought back: the card or row shows
        where it is again and the detail pane shows it, not "Select a posting…"."""
        if posting_id is not None:
            self._parts.select(posting_id)

    def _sole_files(self, posting_id: int) -> list[tuple[str, Path]]:
        from desktop.services import documents

        return documents.sole_files(self._parts.library, posting_id)

    def _ask_files(self, files: list[tuple[str, Path]]) -> None:
        """The deleted application was the last to use these files: they are removed only if
        the user says so (issue 17), and not before the window closes, so that Undo of the
        delete still brings the application back with them; otherwise they wait for Documents
        > Remove unused files…."""
        if not files:
            return
        shown = ", ".join(f"“{name}”" for name, _path in files)
        self.files_question = messages.confirm(
            self._parts.window,
            "Remove its files too?",
            f"No other application uses {shown}. Remove the file(s) from the library folder "
            "as well? They are removed when Jobdeck closes: until then Undo of the delete "
            "brings the application back with them. (Cancel keeps them until Documents > "
            "Remove unused files….)",
            "Remove files",
            lambda: self._files_to_remove.update(path for _name, path in files),
        )

    def _files_not_back(self, title: str, missing: list[Document]) -> None:
        """Undo brought a posting back whose files were removed from the library folder while
        it was deleted (by ``jobdeck documents --remove-unused``, say): its documents are
        listed again, their files are not, and the user is told which."""
        shown = ", ".join(f"“{d.label}” ({d.file_name})" for d in missing)
        self.files_missing_message = messages.show_info(
            self._parts.window,
            "Files not brought back",
            f"“{title}” is back, but the file(s) of {shown} were removed "
            "from the library folder while it was deleted, so they could not come back with "
            "it. The documents stay listed on its Documents tab, marked “file missing”: "
            "attach the files again to keep them with the application.",
        )

    def let_go_of_deleted(self) -> None:
        """What deleted postings left for Undo goes when the window closes (or its library is
        replaced, which ends the undo history): the passwords no login points at any more, and
        the files the user agreed to remove that no document uses any more (one Undo brought
        back keeps its files)."""
        self.removed.forget_unused_secrets()
        files, self._files_to_remove = sorted(self._files_to_remove), set()
        if files:
            from desktop.services import documents

            documents.remove_unused_files(self._parts.library, files)

    def close_form_first(self, then: object) -> bool:
        """An edited form open: ask there first (True), and call ``then`` if the user agrees."""
        form = self.form
        if form is None or not form.unsaved.changed():
            return False
        form.raise_()
        form.unsaved.close_or_ask(lambda: (QDialog.reject(form), then()))  # type: ignore[operator]
        return True

    # -- the form ------------------------------------------------------------------------------

    def _open_form(self, original: object) -> None:
        if self.form is not None:
            self.form.raise_()
            return
        from desktop.ui.dialogs.posting_form import PostingForm

        form = PostingForm(
            self._parts.operations,
            self.removed,
            original,  # type: ignore[arg-type]
            self._parts.window,
        )
        form.saved.connect(self._saved)
        form.finished.connect(self._form_closed)
        self.form = form
        form.open()

    def _saved(self, posting_id: int) -> None:
        if self.form is not None and self.form.is_new:  # a new posting: show it
            self._parts.select(posting_id)

    def _form_closed(self) -> None:
        if self.form is not None:
            self.form.deleteLater()
            self.form = None

    # -- importing -----------------------------------------------------------------------------

    def _imported(self, changes: Changes) -> None:
        self._parts.operations.broadcast(changes, self.imports)
        first = next(iter(sorted(changes.created | changes.updated)), None)
        if first is not None:
            self._parts.select(first)

    def _refresh(self, posting_id: int, draft: object) -> None:
        """A saved posting fetched anew: pick the fields to take from the source."""
        from desktop.services import link_import
        from desktop.ui.dialogs.refresh_posting import RefreshDialog

        library = self._parts.library
        try:
            saved = postings.get_posting(library, posting_id)
        except postings.PostingNotFound as error:
            messages.show_error(self._parts.window, "Posting not found", str(error))
            return
        fetched = draft.document  # type: ignore[attr-defined]
        dialog = RefreshDialog(saved, fetched, self._parts.window)
        self.refresh_dialog = dialog
        dialog.refresh_requested.connect(
            lambda fields: self._parts.operations.run(
                "Refresh from source",
                lambda: link_import.refresh_posting(library, posting_id, fetched, fields),
                undo=lambda before: link_import.restore_posting(library, posting_id, before),
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- a drop target: postings dropped anywhere on the window are imported -----------------

    def accepts(self, mime: QMimeData) -> bool:
        return can_import(mime)

    def take(self, mime: QMimeData) -> None:
        self.imports.import_mime(mime, "dropped text")
