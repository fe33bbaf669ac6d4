"""Importing postings: ``jobdeck import``'s stream, and the one name the window and the
command line import from.

Reading input into drafts is ``import_reading``, the duplicate check ``import_duplicates``,
saving a chunk per transaction ``import_saving``; their public names are here too. What is
here is the command line's path: a stream of read postings (an export read as it goes) saved a
chunk per transaction, each posting's outcome reported as it comes.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING

from desktop.core.posting import PostingDocument
from desktop.deferred_import import deferred
from desktop.importers import ImportRefused, ReadResult
from desktop.importers.result import LibraryRecord
from desktop.services import import_duplicates, import_saving
from desktop.services.import_duplicates import Duplicate, find_duplicate
from desktop.services.import_reading import (
    MAX_INPUT_BYTES,
    ImportDraft,
    Progress,
    Read,
    ReadReport,
    clipboard_payload,
    file_bytes,
    read_documents,
    read_file,
    read_files,
    read_input,
    read_limited,
    read_path,
    read_records,
)
from desktop.services.import_saving import (
    BATCH_SIZE,
    BUSY_RETRIES,
    Decision,
    SaveFailure,
    SaveJob,
    SaveReport,
    Written,
    save_draft,
    save_many,
    while_busy,
)
from desktop.services.library import Library
from desktop.services.postings import InvalidPosting, PostingNotFound, checked

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.storage import new_postings, record_errors, stage_lookups
else:  # the ORM, loaded after the window's first paint
    record_errors = deferred("desktop.storage.record_errors")
    stage_lookups = deferred("desktop.storage.stage_lookups")
    new_postings = deferred("desktop.storage.new_postings")  # plain SQL

__all__ = [
    "BATCH_SIZE",
    "BUSY_RETRIES",
    "MAX_INPUT_BYTES",
    "Decision",
    "Duplicate",
    "ImportDraft",
    "Outcome",
    "Progress",
    "Read",
    "ReadReport",
    "SaveFailure",
    "SaveJob",
    "SaveReport",
    "Status",
    "Written",
    "clipboard_payload",
    "file_bytes",
    "find_duplicate",
    "import_documents",
    "read_documents",
    "read_file",
    "read_files",
    "read_input",
    "read_limited",
    "read_path",
    "read_records",
    "save_draft",
    "save_many",
    "while_busy",
]


class Status(Enum):
    SAVED = "saved"
    UPDATED = "updated"
    SKIPPED = "skipped"
    UNCHANGED = "unchanged"  # a duplicate whose empty fields the copy could not fill
    REFUSED = "refused"
    WOULD_SAVE = "would save"  # a dry run
    FREE_TASKS = "free tasks"  # an export's library record: its tasks of no application
    WOULD_UPDATE = "would update"  # a dry run of a table: a saved posting would gain ``gains``


@dataclass(frozen=True)
class Outcome:
    """What became of one posting of an input (or, FREE_TASKS, of its library record)."""

    document: PostingDocument | None  # as read; None when the reader refused it
    warnings: tuple[str, ...]
    status: Status
    posting_id: int | None = None  # saved or updated
    duplicate: Duplicate | None = None
    reason: str | None = None  # why it was refused
    gains: tuple[str, ...] = ()  # what a saved posting would gain (a dry run of a table)


def import_documents(
    db: Library,
    results: Iterable[Read],
    on_duplicate: Decision,
    *,
    dry_run: bool = False,
    add_history: bool = False,
) -> Iterator[Outcome]:
    """Save the postings read from one input, a chunk per transaction, as they come.

    ``results`` may be a stream (an export read as it goes): only a chunk is held at a time.
    A posting its reader refused comes out refused; the others are saved. A posting repeating
    one saved before this input began is handled as ``on_duplicate`` says; postings of the same
    input are never taken for each other's duplicates (an export may hold two postings with the
    same company and title, kept on purpose). The duplicate check of a chunk runs inside its
    write transaction, so a second import running at the same time cannot slip the same posting
    in between. A dry run makes every check and writes nothing. With ``add_history`` (a
    tracker's rows) a repeated posting also gains the row's dated stages it lacks; a dry run
    of such rows then saves each chunk as the import would and rolls it back, so it shows
    what each saved posting would gain (stages, notes, contacts, empty fields filled).
    """
    saved_here: set[int] = set()
    stream = iter(results)
    while chunk := list(itertools.islice(stream, import_saving.BATCH_SIZE)):
        read = [r for r in chunk if isinstance(r, ReadResult)]
        for refused in (r for r in chunk if isinstance(r, ImportRefused)):
            yield Outcome(None, (), Status.REFUSED, reason=refused.reason)
        for record in (r for r in chunk if isinstance(r, LibraryRecord)):
            yield _free_tasks(db, record, dry_run)
        if not read:
            continue
        if dry_run and add_history and not db.read_only:
            yield from _previewed_chunk(db, read, on_duplicate, saved_here)
        elif dry_run:
            with db.reading() as session:
                duplicates = import_duplicates.duplicates_in(session, [r.document for r in read])
                missing = _missing_stages(session, [r.document for r in read])
            yield from _dry_run(read, duplicates, missing, on_duplicate)
        else:
            yield from _import_chunk(db, read, on_duplicate, saved_here, add_history)


def _free_tasks(db: Library, record: LibraryRecord, dry_run: bool) -> Outcome:
    """The library record's tasks of no application, added (by UID: none twice); a dry run
    says how many it carries."""
    from desktop.services import tasks

    carried = len(record.free_tasks)
    if dry_run:
        return Outcome(None, (), Status.FREE_TASKS, reason=f"{carried} task(s) of no application")
    added = tasks.import_free_tasks(db, record.free_tasks).value
    known = f" ({carried - added} already in the library)" if added < carried else ""
    return Outcome(None, (), Status.FREE_TASKS, reason=f"{added} task(s) of no application{known}")


def _missing_stages(session: Session, docs: Sequence[PostingDocument]) -> dict[str, str]:
    """The stages ``docs`` name (an export's stage and history) that this library lacks,
    each with the message saving would give."""
    missing: dict[str, str] = {}
    names = {name for doc in docs for name in (doc.stage, *(c.stage for c in doc.stage_history))}
    for name in sorted(n for n in names if n):
        try:
            stage_lookups.stage_by_name(session, name)
        except record_errors.StageMissing as error:
            missing[name] = str(error)
    return missing


def _dry_run(
    chunk: Sequence[ReadResult],
    duplicates: dict[int, Duplicate],
    missing_stages: dict[str, str],
    on_duplicate: Decision,
) -> Iterator[Outcome]:
    for index, result in enumerate(chunk):
        duplicate = duplicates.get(index)
        doc = result.document
        # The same decisions as _write: a skipped duplicate is never checked, an update of
        # one keeps the stored stage, a new posting needs its stages to exist.
        if duplicate is not None and on_duplicate is Decision.SKIP:
            yield Outcome(doc, result.warnings, Status.SKIPPED, duplicate=duplicate)
            continue
        updates = duplicate is not None and on_duplicate in (
            Decision.UPDATE_EXISTING,
            Decision.FILL_EMPTY,
        )
        try:
            checked(doc)
            for name in (doc.stage, *(change.stage for change in doc.stage_history)):
                if name in missing_stages and not updates:  # the save would refuse it
                    raise InvalidPosting(missing_stages[name])
        except InvalidPosting as error:
            yield Outcome(doc, result.warnings, Status.REFUSED, reason=str(error))
            continue
        yield Outcome(doc, result.warnings, Status.WOULD_SAVE, duplicate=duplicate)


class _RolledBack(Exception):
    """Raised inside a previewed chunk's transaction, so that nothing of it is kept."""

    def __init__(self, written: tuple[dict[int, Duplicate], list[import_saving.Written]]):
        super().__init__("a dry run")
        self.written = written


def _one_by_one(
    chunk: Sequence[ReadResult],
    error: Exception,
    again: Callable[[Sequence[ReadResult]], Iterator[Outcome]],
) -> Iterator[Outcome]:
    """After a chunk was refused with ``error``: a single posting is that refusal; a larger
    chunk goes ``again`` a posting at a time, so only the ones that cannot be saved are refused
    and the others are saved (or previewed) as before."""
    if len(chunk) == 1:
        result = chunk[0]
        yield Outcome(result.document, result.warnings, Status.REFUSED, reason=str(error))
        return
    for result in chunk:
        yield from again([result])


def _previewed_chunk(
    db: Library, chunk: Sequence[ReadResult], on_duplicate: Decision, saved_here: set[int]
) -> Iterator[Outcome]:
    """A dry run of a table's chunk: saved as ``_import_chunk`` saves it, in a transaction
    that is rolled back; each outcome says what would be saved, or gained by a saved posting.
    A row that cannot be saved comes out refused, as the import would refuse it."""

    def write() -> tuple[dict[int, Duplicate], list[import_saving.Written]]:
        try:
            _write_chunk(db, [r.document for r in chunk], on_duplicate, saved_here, True, True)
        except _RolledBack as done:
            return done.written
        raise AssertionError("a previewed chunk is always rolled back")

    try:
        duplicates, written = import_saving.while_busy(write)
    except (InvalidPosting, PostingNotFound) as error:
        yield from _one_by_one(
            chunk, error, lambda one: _previewed_chunk(db, one, on_duplicate, saved_here)
        )
        return
    for index, (result, outcome) in enumerate(zip(chunk, written, strict=True)):
        duplicate = duplicates.get(index)
        warnings = result.warnings + outcome.notes
        if outcome.posting_id is None:
            yield Outcome(result.document, warnings, Status.SKIPPED, duplicate=duplicate)
        elif outcome.created:  # its id is not kept: another would be given when saving
            yield Outcome(result.document, warnings, Status.WOULD_SAVE, duplicate=duplicate)
        elif not outcome.changed:
            yield Outcome(
                result.document, warnings, Status.UNCHANGED, outcome.posting_id, duplicate
            )
        else:
            yield Outcome(
                result.document,
                warnings,
                Status.WOULD_UPDATE,
                outcome.posting_id,
                duplicate,
                gains=outcome.gained,
            )


def _write_chunk(
    db: Library,
    docs: Sequence[PostingDocument],
    on_duplicate: Decision,
    saved_here: set[int],
    add_history: bool,
    roll_back: bool = False,
) -> tuple[dict[int, Duplicate], list[import_saving.Written]]:
    """Save a chunk in one write transaction, its duplicates checked inside it (with
    ``roll_back``, raise ``_RolledBack`` carrying the outcomes, so nothing is kept).

    The transaction is plain SQL, so that an import of new postings never loads the ORM; a
    chunk that needs it (it updates a saved posting, or merges data into a company the
    library knows) is rolled back untouched and written again in a session.
    """
    try:
        with db.plain_writing() as connection:
            return _write_in(connection, docs, on_duplicate, saved_here, add_history, roll_back)
    except new_postings.NeedsSession:
        pass
    with db.writing() as session:
        return _write_in(session, docs, on_duplicate, saved_here, add_history, roll_back)


def _write_in(
    transaction: Session | sqlite3.Connection,
    docs: Sequence[PostingDocument],
    on_duplicate: Decision,
    saved_here: set[int],
    add_history: bool,
    roll_back: bool,
) -> tuple[dict[int, Duplicate], list[import_saving.Written]]:
    duplicates = import_duplicates.duplicates_in(transaction, docs, ignore=saved_here)
    jobs = [
        (doc, on_duplicate, duplicates[i].posting_id)
        if i in duplicates
        else (doc, Decision.SAVE_NEW, None)
        for i, doc in enumerate(docs)
    ]
    saved = import_saving.write(transaction, jobs, datetime.now(UTC), add_history=add_history)
    if roll_back:
        raise _RolledBack((duplicates, saved))
    return duplicates, saved


def _import_chunk(
    db: Library,
    chunk: Sequence[ReadResult],
    on_duplicate: Decision,
    saved_here: set[int],
    add_history: bool = False,
) -> Iterator[Outcome]:
    docs = [r.document for r in chunk]

    def write_chunk() -> tuple[dict[int, Duplicate], list[import_saving.Written]]:
        return _write_chunk(db, docs, on_duplicate, saved_here, add_history)

    try:
        duplicates, saved = import_saving.while_busy(write_chunk)
    except (InvalidPosting, PostingNotFound) as error:
        yield from _one_by_one(
            chunk, error, lambda one: _import_chunk(db, one, on_duplicate, saved_here, add_history)
        )
        return
    for index, (result, outcome) in enumerate(zip(chunk, saved, strict=True)):
        duplicate = duplicates.get(index)
        if outcome.posting_id is None:
            status = Status.SKIPPED
        else:
            status = Status.SAVED if outcome.created else Status.UPDATED
            if not outcome.changed:
                status = Status.UNCHANGED
            saved_here.add(outcome.posting_id)
        warnings = result.warnings + outcome.notes
        yield Outcome(result.document, warnings, status, outcome.posting_id, duplicate)
