"""Postings deleted in this window, kept for Undo.

Deleting a posting (the Delete command, or undoing "New posting") copies everything that hung
on it (``services.posting_removal``); Undo puts it back whole, under its old id. The passwords
of their portal logins stay in the keyring meanwhile, since the login rows Undo brings back
point at them: ``forget_unused_secrets`` removes those nothing points at when the window closes
(or its library is replaced). Their documents' files are held too (``posting_removal.hold``):
"Remove unused files…" leaves them while Undo can bring the postings back. A file removed all the
same (``jobdeck documents --remove-unused`` from another process) cannot come back with Undo:
``on_missing`` is told which, so the user hears it plainly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.services import posting_removal
from desktop.services.changes import Changes, Result
from desktop.services.library import Library
from desktop.services.posting_removal import RemovedPosting
from desktop.services.postings import PostingNotFound

if TYPE_CHECKING:
    from desktop.core.documents import Document


class RemovedPostings:
    def __init__(
        self,
        library: Library,
        on_missing: Callable[[str, list[Document]], None] | None = None,
    ) -> None:
        self._library = library
        self._removed: list[RemovedPosting] = []
        # Told (the posting's title, its documents without their file) when Undo brings a
        # posting back whose files were removed meanwhile.
        self._on_missing = on_missing

    def remove(self, posting_id: int) -> Result[RemovedPosting | None]:
        """Delete the posting; the value is what ``put_back`` needs (None: it was gone
        already, which is what the user wanted)."""
        try:
            result = posting_removal.remove_posting(self._library, posting_id)
        except PostingNotFound:
            return Result(None, Changes(deleted=frozenset({posting_id})))
        self._removed.append(result.value)
        posting_removal.hold(self._library, result.value)
        return result

    def put_back(self, removed: RemovedPosting | None) -> Result[int | None]:
        if removed is None:
            return Result(None)
        result = posting_removal.put_back_posting(self._library, removed)
        if self._on_missing is not None and posting_removal.file_hashes(removed):
            from desktop.services import documents  # only for a posting that had documents

            missing = documents.missing_files(self._library, result.value)
            if missing:
                posting = removed.tables[0]
                title = posting.rows[0][posting.columns.index("title")]
                self._on_missing(str(title or ""), missing)
        return result  # type: ignore[return-value]

    def forget_unused_secrets(self) -> None:
        """Remove from the keyring the passwords of deleted postings that were not put back."""
        removed, self._removed = self._removed, []
        if removed:
            posting_removal.let_go(self._library, removed)
            posting_removal.forget_unused_secrets(self._library, removed)
