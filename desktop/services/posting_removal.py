"""Deleting a posting so that Undo brings all of it back.

``remove_posting`` deletes the posting and everything that hangs on it and returns a copy of
those rows (``RemovedPosting``, kept by the undo step); ``put_back_posting`` writes them again.
The password of the posting's portal login stays in the keyring while the delete can still be
undone (the copied login row points at it); ``forget_unused_secrets`` removes those that no
login points at any more once nothing can bring them back (the window does so on closing).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

from desktop.services.changes import Changes, Result
from desktop.services.errors import Refused
from desktop.services.library import Library
from desktop.storage import login_sql, posting_removal
from desktop.storage.posting_removal import RemovedPosting
from desktop.storage.record_errors import PostingMissing

if TYPE_CHECKING:
    from desktop.services import logins
else:
    from desktop.deferred_import import deferred

    logins = deferred("desktop.services.logins")


class PostingNotRestored(Refused):
    """The deleted posting cannot be put back whole; the message says what is missing."""


# Which rows brought back tell which views to refresh (table -> Changes field).
_KINDS = {
    "notes": "notes",
    "tasks": "tasks",
    "interviews": "interviews",
    "documents": "documents",
    "application_contacts": "contacts",
    "application_facts": "facts",
    "portal_logins": "logins",
}


def remove_posting(db: Library, posting_id: int) -> Result[RemovedPosting]:
    """Delete the posting with its history, notes, contact links, documents' records,
    interviews, tasks, login and facts (and its company when nothing else uses it); the value
    is what ``put_back_posting`` needs. The login's password stays in the keyring.

    Raises ``PostingNotFound``, ``WriteFailed``.
    """
    from desktop.services.postings import PostingNotFound

    with db.plain_writing() as connection:
        try:
            removed = posting_removal.take_out(connection, posting_id)
        except PostingMissing as error:
            raise PostingNotFound(str(error)) from None
    return Result(removed, Changes(deleted=frozenset({posting_id})))


def put_back_posting(db: Library, removed: RemovedPosting) -> Result[int]:
    """Write a removed posting and all it took with it again; the value is its id (its old
    one, unless a posting added meanwhile took it).

    Raises ``PostingNotRestored`` (its stage was deleted since), ``WriteFailed``.
    """
    with db.plain_writing() as connection:
        try:
            posting_id = posting_removal.put_back(connection, removed)
        except posting_removal.RestoreRefused as error:
            raise PostingNotRestored(str(error)) from None
    ids = frozenset({posting_id})
    kinds = {field: ids for table, field in _KINDS.items() if removed.kept(table)}
    return Result(posting_id, Changes(created=ids, moved=ids, **kinds))  # type: ignore[arg-type]


def secret_key(removed: RemovedPosting) -> str | None:
    """The keyring key of the removed login's password, if it had one."""
    login = removed.table("portal_logins")
    if login is None or not login.rows:
        return None
    values = dict(zip(login.columns, login.rows[0], strict=True))
    return str(values["secret_key"]) if values.get("has_password") else None


def file_hashes(removed: RemovedPosting) -> frozenset[str]:
    """The files (by SHA-256) the removed posting's documents use."""
    documents = removed.table("documents")
    if documents is None:
        return frozenset()
    column = documents.columns.index("sha256")
    return frozenset(str(row[column]) for row in documents.rows)


# Postings deleted in this process that Undo may still bring back, per library (the window's
# undo history lives as long as the process): their documents' files are not unused while they
# wait (documents.unused_files), so "Remove unused files…" cannot take them from under the Undo.
_held: weakref.WeakKeyDictionary[Library, list[RemovedPosting]] = weakref.WeakKeyDictionary()


def hold(db: Library, removed: RemovedPosting) -> None:
    """Keep the removed posting's files while its delete can be undone."""
    _held.setdefault(db, []).append(removed)


def let_go(db: Library, removed: Iterable[RemovedPosting]) -> None:
    """Nothing can bring these back any more: their files may count as unused."""
    gone = {id(r) for r in removed}
    _held[db] = [r for r in _held.get(db, []) if id(r) not in gone]


def held_files(db: Library) -> frozenset[str]:
    """The files (by SHA-256) deleted postings that Undo may bring back use."""
    return frozenset().union(*(file_hashes(r) for r in _held.get(db, [])))


def forget_unused_secrets(db: Library, removed: Iterable[RemovedPosting]) -> None:
    """Remove from the keyring the passwords of removed postings that no login points at now
    (never put back). Best effort: a keyring problem leaves the entry under its random key."""
    keys = {key for key in map(secret_key, removed) if key is not None}
    if not keys:
        return
    with db.querying() as connection:
        used = login_sql.secret_keys_in_use(connection, keys)
    for key in keys - used:
        logins.forget_secret(key)


__all__ = [
    "PostingNotRestored",
    "RemovedPosting",
    "file_hashes",
    "forget_unused_secrets",
    "held_files",
    "hold",
    "let_go",
    "put_back_posting",
    "remove_posting",
    "secret_key",
]
