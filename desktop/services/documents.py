"""Documents sent with applications: attach a file (copied into the library folder under its
content's hash), list, remove, and the folder kept tidy.

``attach_document`` checks everything before a row is written: the file must be readable (a
vanished or unreadable one is named), a file over 50 MB needs ``large_ok``. Removing a document
never deletes its file on its own: undo may need it; ``unused_files`` names the files no
document uses any more, and ``remove_unused_files`` deletes them once the user agreed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from desktop.core.documents import (
    LARGE_FILE_BYTES,
    Document,
    DocumentVersion,
    label_for,
    may_open,
)
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound, Refused, WriteFailed
from desktop.services.library import Library
from desktop.storage import document_files, document_records


class InvalidDocument(Invalid):
    """A file that cannot be attached (gone, unreadable, a folder) or a bad label."""


class LargeDocument(Refused):
    """A file over 50 MB: attached only when the user says so (``large_ok``)."""


class DocumentNotFound(NotFound):
    """No document with that id (removed since, say)."""


def _touched(posting_id: int) -> Changes:
    return Changes(documents=frozenset({posting_id}))


def documents_of(db: Library, posting_id: int) -> list[Document]:
    with db.querying() as connection:
        return document_records.documents_of(connection, posting_id)


def list_versions(db: Library, search: str = "") -> list[DocumentVersion]:
    """Every stored file and the applications it went to ("which got resume v3?")."""
    with db.querying() as connection:
        return document_records.versions(connection, search)


def file_of(db: Library, document: Document) -> Path:
    """Where the library keeps the document's file."""
    return document_files.file_path(db.data_dir, document.sha256, document.file_name)


def openable_file(db: Library, document: Document) -> Path:
    """The file to hand to the desktop, or ``Refused`` saying why not: a program or script
    (Jobdeck never runs one), or a file missing from the library folder."""
    if not may_open(document.file_name):
        raise Refused(
            f"{document.file_name} is a program or script: Jobdeck does not open such files. "
            "It is kept in the library folder."
        )
    path = file_of(db, document)
    if not path.is_file():
        raise NotFound(
            f"The file of {document.label} ({document.file_name}) is missing from {path.parent}."
        )
    return path


def attach_document(
    db: Library,
    posting_id: int,
    source: Path,
    *,
    label: str | None = None,
    sent_on: date | None = None,
    large_ok: bool = False,
    now: datetime | None = None,
) -> Result[Document]:
    """Copy ``source`` into the library and attach it to the posting's application.

    Raises ``InvalidDocument`` (no such file, unreadable, a folder, a label too long),
    ``LargeDocument`` (over 50 MB without ``large_ok``), ``NotFound`` (no such posting),
    ``WriteFailed``. On any failure no row is written, and a file copied for it is removed.
    """
    try:
        label_text = label_for(label, source.name)
    except ValueError as error:
        raise InvalidDocument(str(error)) from None
    try:
        size = source.stat().st_size
    except OSError as error:
        raise InvalidDocument(f"Cannot read {source}: {error.strerror or error}.") from None
    if not source.is_file():
        raise InvalidDocument(f"{source} is not a file.")
    if size > LARGE_FILE_BYTES and not large_ok:
        raise LargeDocument(
            f"{source.name} is {size / 1024 / 1024:.0f} MB, over "
            f"{LARGE_FILE_BYTES // 1024 // 1024} MB: attach it anyway?"
        )
    if db.read_only:
        raise WriteFailed("The library is on a read-only disk: nothing can be attached.")
    try:
        sha256, size, new = document_files.store_file(db.data_dir, source)
    except document_files.DocumentFileError as error:
        raise InvalidDocument(str(error)) from None
    try:
        with db.plain_writing() as connection:
            stored = document_records.add_document(
                connection,
                posting_id,
                sha256,
                source.name,
                label_text,
                sent_on,
                size,
                now or datetime.now(UTC),
            )
    except BaseException:
        if new:  # nothing half-saved: the copy made for this row goes with it
            document_files.remove_file(db.data_dir, sha256, source.name)
        raise
    return Result(stored, _touched(posting_id))


def remove_document(db: Library, document_id: int) -> Result[Document]:
    """Take a document off its application; the value is what undo puts back. The file stays
    in the library folder (see ``unused_files``). Raises ``DocumentNotFound``."""
    with db.plain_writing() as connection:
        try:
            before = document_records.remove_document(connection, document_id)
        except document_records.DocumentMissing as error:
            raise DocumentNotFound(str(error)) from None
    return Result(before, _touched(before.posting_id))


def restore_document(db: Library, document: Document) -> Result[Document]:
    """Undo of a remove: the document is back as it was (its file is still in the folder)."""
    with db.plain_writing() as connection:
        stored = document_records.add_document(
            connection,
            document.posting_id,
            document.sha256,
            document.file_name,
            document.label,
            document.sent_on,
            document.size,
            document.attached_at,
            document_id=document.id,
        )
    return Result(stored, _touched(document.posting_id))


def unused_files(db: Library) -> list[Path]:
    """Files in the library's documents folder that no document uses any more (their last
    application was deleted, or the document removed), and no deleted posting that Undo may
    still bring back in this process (``posting_removal.hold``)."""
    from desktop.services import posting_removal

    folder = document_files.documents_dir(db.data_dir)
    if not folder.is_dir():
        return []
    with db.querying() as connection:
        used = set(document_records.used_hashes(connection)) | posting_removal.held_files(db)
    return sorted(
        path
        for path in folder.glob("*/*")
        if path.is_file()
        and not path.name.endswith(".partial")
        and path.name.split(".")[0] not in used
    )


def missing_files(db: Library, posting_id: int) -> list[Document]:
    """The posting's documents whose file is not in the library folder (removed by "Remove
    unused files" or ``jobdeck documents --remove-unused`` while the posting was deleted, or
    by hand)."""
    return [d for d in documents_of(db, posting_id) if not file_of(db, d).is_file()]


def sole_files(db: Library, posting_id: int) -> list[tuple[str, Path]]:
    """(the name it was attached under, the library's file) of each file only this posting's
    documents use and still in the folder: what deleting the posting would leave unused."""
    with db.querying() as connection:
        found = document_records.sole_files(connection, posting_id)
    named = [(name, document_files.file_path(db.data_dir, sha, name)) for sha, name in found]
    return [(name, path) for name, path in named if path.is_file()]


def is_unused(db: Library, sha256: str) -> bool:
    """Whether no document uses this file any more."""
    with db.querying() as connection:
        return document_records.uses_of(connection, sha256) == 0


def remove_unused_files(db: Library, files: list[Path]) -> int:
    """Delete these files (from ``unused_files``, after the user agreed) if still unused;
    returns how many went."""
    still = set(unused_files(db))
    removed = 0
    for path in files:
        if path in still:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
