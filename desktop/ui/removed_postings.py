"""Postings deleted in this window, kept for Undo.

Deleting a posting (the Delete command, or undoing "New posting") copies everything that hung
on it (``services.posting_removal``); Undo puts it back whole, under its old id. The passwords
of their portal logins stay in the keyring meanwhile, since the login rows Undo brings back
point at them: ``forget_unused_secrets`` removes those nothing points at when the window closes
(or its library is replaced).
"""

from __future__ import annotations

from desktop.services import posting_removal
from desktop.services.changes import Changes, Result
from desktop.services.library import Library
from desktop.services.posting_removal import RemovedPosting
from desktop.services.postings import PostingNotFound


class RemovedPostings:
    def __init__(self, library: Library) -> None:
        self._library = library
        self._removed: list[RemovedPosting] = []

    def remove(self, posting_id: int) -> Result[RemovedPosting | None]:
        """Delete the posting; the value is what ``put_back`` needs (None: it was gone
        already, which is what the user wanted)."""
        try:
            result = posting_removal.remove_posting(self._library, posting_id)
        except PostingNotFound:
            return Result(None, Changes(deleted=frozenset({posting_id})))
        self._removed.append(result.value)
        return result

    def put_back(self, removed: RemovedPosting | None) -> Result[int | None]:
        if removed is None:
            return Result(None)
        return posting_removal.put_back_posting(self._library, removed)

    def forget_unused_secrets(self) -> None:
        """Remove from the keyring the passwords of deleted postings that were not put back."""
        removed, self._removed = self._removed, []
        if removed:
            posting_removal.forget_unused_secrets(self._library, removed)
