"""Saving what an import read: a chunk of postings per transaction.

The duplicate checks, the companies and the rows of a chunk are read and written under one
write lock, so two imports at once never save the same posting twice, and thousands of postings
are saved a second. The window (paste, drop, File > Import) and ``jobdeck import`` share it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from desktop.core import display
from desktop.core.agenda import Interview, Task
from desktop.core.empty_fields import FILLABLE, fill_empty_fields
from desktop.core.posting import PostingDocument
from desktop.deferred_import import deferred
from desktop.services.changes import Changes
from desktop.services.errors import LibraryBusy
from desktop.services.import_reading import Progress
from desktop.services.library import Library
from desktop.services.postings import InvalidPosting, PostingNotFound, checked

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.storage import (
        agenda_transfer,
        application_records,
        new_postings,
        pipeline_sql,
        plain_rows,
        posting_documents,
        record_errors,
    )
    from desktop.storage import posting_records as records
else:  # the ORM, loaded after the window's first paint
    agenda_transfer = deferred("desktop.storage.agenda_transfer")
    application_records = deferred("desktop.storage.application_records")
    pipeline_sql = deferred("desktop.storage.pipeline_sql")
    record_errors = deferred("desktop.storage.record_errors")
    records = deferred("desktop.storage.posting_records")
    new_postings = deferred("desktop.storage.new_postings")  # plain SQL: no ORM loaded
    plain_rows = deferred("desktop.storage.plain_rows")
    posting_documents = deferred("desktop.storage.posting_documents")

T = TypeVar("T")


class Decision(Enum):
    SAVE_NEW = "keep both"  # also what a posting with no duplicate gets
    UPDATE_EXISTING = "update the existing posting"
    SKIP = "skip"
    FILL_EMPTY = "fill the existing posting's empty fields"  # a tracker's rows, by default


def save_draft(
    db: Library,
    doc: PostingDocument,
    decision: Decision = Decision.SAVE_NEW,
    duplicate_of: int | None = None,
) -> Changes:
    """Store an imported posting as the user decided. Company data always merges.

    Raises InvalidPosting (no title or company, a stage this library lacks) or PostingNotFound
    (the posting to update is gone).
    """
    (written,) = save_chunk(db, [(doc, decision, duplicate_of)])  # raises for a lone job
    assert isinstance(written, Written)
    return changes_of([written])


SaveJob = tuple[PostingDocument, Decision, int | None]  # the document, and what to do with it


@dataclass(frozen=True)
class SaveFailure:
    document: PostingDocument
    error: InvalidPosting | PostingNotFound

    def __str__(self) -> str:
        return f"{self.document.title or 'A posting'}: {self.error}"


@dataclass(frozen=True)
class SaveReport:
    changes: Changes
    failures: list[str]  # one per posting not saved: its title and why
    cancelled: bool = False
    done: int = 0  # jobs gone through (saved, skipped or failed) before the end or a stop


BATCH_SIZE = 500  # postings saved per transaction: one disk sync per chunk, not per posting


def save_many(
    db: Library, jobs: Sequence[SaveJob], progress: Progress, cancelled: threading.Event
) -> SaveReport:
    """Save every job, a chunk per transaction; a stop or a failure never leaves a posting
    half-saved, and what was saved before a stop stays saved.

    A chunk holding a posting that cannot be saved is redone one posting at a time, so the
    failure names that posting and the rest are still saved.
    """
    changes = Changes()
    failures: list[str] = []
    for start in range(0, len(jobs), BATCH_SIZE):
        progress(start, len(jobs), jobs[start][0].title or "")
        if cancelled.is_set():
            return SaveReport(changes, failures, cancelled=True, done=start)
        chunk = jobs[start : start + BATCH_SIZE]
        try:
            outcomes = save_chunk(db, chunk)
        except (InvalidPosting, PostingNotFound) as error:  # a chunk of one (a lone posting)
            outcomes = [SaveFailure(chunk[0][0], error)]
        failures += [str(outcome) for outcome in outcomes if isinstance(outcome, SaveFailure)]
        changes = changes.merged(changes_of(outcomes))
    progress(len(jobs), len(jobs), "")
    return SaveReport(changes, failures, done=len(jobs))


def changes_of(outcomes: Sequence[Written | SaveFailure]) -> Changes:
    written = [
        o for o in outcomes if isinstance(o, Written) and o.posting_id is not None and o.changed
    ]
    return Changes(
        created=frozenset(o.posting_id for o in written if o.created),  # type: ignore[misc]
        updated=frozenset(o.posting_id for o in written if not o.created),  # type: ignore[misc]
    )


@dataclass(frozen=True)
class Written:
    """One job's result in its transaction."""

    posting_id: int | None  # None: skipped
    created: bool = False
    changed: bool = True  # False: a duplicate with no empty field the copy could fill
    notes: tuple[str, ...] = ()  # what of the copy was left out when saving, and why
    # What a posting already saved gained, a phrase each ("stage “Applied” on 02 Oct 2026",
    # "note “…”", "location"): what a dry run of a sheet previews.
    gained: tuple[str, ...] = ()


BUSY_RETRIES = 5  # each waits out SQLite's busy timeout (5 s) first: half a minute in all


def while_busy(write: Callable[[], T]) -> T:
    """``write()``, tried again while another process holds the library's write lock beyond
    the busy timeout (a long import in another window, say): an import waits for it rather
    than losing the rest of its files. Raises ``LibraryBusy`` after ``BUSY_RETRIES`` more."""
    for retry in range(BUSY_RETRIES + 1):
        try:
            return write()
        except LibraryBusy:
            if retry == BUSY_RETRIES:
                raise
    raise AssertionError("unreachable")


def save_chunk(db: Library, jobs: Sequence[SaveJob]) -> list[Written | SaveFailure]:
    """Save a chunk in one transaction; on a failure, each of its jobs in its own."""

    def write_chunk() -> list[Written | SaveFailure]:
        with db.writing() as session:
            return list(write(session, jobs, datetime.now(UTC)))

    try:
        return while_busy(write_chunk)
    except (InvalidPosting, PostingNotFound):
        if len(jobs) == 1:
            raise
    outcomes: list[Written | SaveFailure] = []
    for job in jobs:
        try:
            outcomes += save_chunk(db, [job])
        except (InvalidPosting, PostingNotFound) as error:
            outcomes.append(SaveFailure(job[0], error))
    return outcomes


def write(
    db: Session | sqlite3.Connection,
    jobs: Sequence[SaveJob],
    now: datetime,
    *,
    add_history: bool = False,
) -> list[Written]:
    """Write the jobs in the caller's transaction: updates one by one, new postings together.

    ``db`` is the transaction's session, or its plain connection: then what needs the ORM
    (updating a saved posting, merging data into a known company) raises
    ``new_postings.NeedsSession``, the caller rolls back and writes the jobs again in a
    session. With ``add_history`` (a tracker's rows), a posting a job repeats also gains the
    job's dated stages its history lacks (``storage.pipeline_sql.add_history``). Raises
    InvalidPosting or PostingNotFound when one cannot be saved (the caller rolls back).
    """
    outcomes: list[Written] = []
    new: list[tuple[int, PostingDocument]] = []
    stored = stored_to_fill(db, jobs)
    for job, decision, duplicate_of in jobs:
        if decision is Decision.SKIP:
            outcomes.append(Written(None))
            continue
        doc = checked(job)  # cleaned of invisible text, or refused naming what cannot be saved
        if decision is Decision.UPDATE_EXISTING and duplicate_of is not None:
            try:
                records.update_document(_session(db), duplicate_of, doc, now, merge_company=True)
            except record_errors.PostingMissing as error:
                raise PostingNotFound(str(error)) from None
            outcomes.append(Written(duplicate_of))
        elif decision is Decision.FILL_EMPTY and duplicate_of is not None:
            outcomes.append(fill_empty(db, duplicate_of, doc, now, stored))
        else:
            # A posting from Jobdeck's own export gets a new id (insert_postings gives each its
            # own, whatever the document's was); its stage and history come too.
            new.append((len(outcomes), doc))
            outcomes.append(Written(None, created=True))
    try:
        ids = new_postings.insert_postings(
            plain_rows.plain_connection(db),
            [doc for _, doc in new],
            now,
            None if isinstance(db, sqlite3.Connection) else db,
        )
    except record_errors.StageMissing as error:
        raise InvalidPosting(str(error)) from None
    for (index, _), posting_id in zip(new, ids, strict=True):
        outcomes[index] = Written(posting_id, created=True)
    write_agendas(db, jobs, outcomes, now)
    write_applications(db, jobs, outcomes, now)
    if add_history:
        write_histories(db, jobs, outcomes)
    return outcomes


def _session(db: Session | sqlite3.Connection) -> Session:
    """The transaction's session, for the ORM's work; NeedsSession in a plain one."""
    if isinstance(db, sqlite3.Connection):
        raise new_postings.NeedsSession("a saved posting is updated")
    return db


def _touched(
    outcome: Written, notes: tuple[str, ...] = (), gained: tuple[str, ...] = ()
) -> Written:
    """``outcome`` of a posting that gained something (a note, a stage) beyond its fields."""
    return Written(
        outcome.posting_id, outcome.created, True, outcome.notes + notes, outcome.gained + gained
    )


def write_applications(
    db: Session | sqlite3.Connection,
    jobs: Sequence[SaveJob],
    outcomes: list[Written],
    now: datetime,
) -> None:
    """The notes, contacts, documents and facts an export (or a tracker's row) carries, put on
    the postings written (what the library already has is not added twice); a repeated
    posting that gained any counts as changed in ``outcomes``."""
    carried = [
        (index, outcome.posting_id, job.application)
        for index, ((job, _decision, _dup), outcome) in enumerate(zip(jobs, outcomes, strict=True))
        if outcome.posting_id is not None and job.application is not None
    ]
    if not carried:
        return
    connection = plain_rows.plain_connection(db)  # what a session holds, flushed first
    for index, posting_id, record in carried:
        added = application_records.import_record(connection, posting_id, record, now)  # type: ignore[arg-type]
        if added:
            outcomes[index] = _touched(outcomes[index], gained=tuple(added))


def write_histories(
    db: Session | sqlite3.Connection, jobs: Sequence[SaveJob], outcomes: list[Written]
) -> None:
    """A repeated posting gains the job's dated stages its history lacks (a posting saved
    from a board that the sheet lists as applied on a day gets Applied at that day); stages
    that would break the rule that the current stage is the latest entry are left out, and
    the outcome says so."""
    repeated = [
        (index, outcome.posting_id, job)
        for index, ((job, decision, duplicate_of), outcome) in enumerate(
            zip(jobs, outcomes, strict=True)
        )
        if outcome.posting_id is not None
        and duplicate_of is not None
        and not outcome.created
        and decision in (Decision.FILL_EMPTY, Decision.UPDATE_EXISTING)
        and job.stage_history
    ]
    if not repeated:
        return
    connection = plain_rows.plain_connection(db)  # what a session holds, flushed first
    places = pipeline_sql.stage_places(connection)  # type: ignore[arg-type]
    try:
        merges = pipeline_sql.add_histories(
            connection,  # type: ignore[arg-type]
            [(posting_id, doc.stage, doc.stage_history) for _, posting_id, doc in repeated],
            places,
        )
    except record_errors.PostingMissing as error:
        raise PostingNotFound(str(error)) from None
    for (index, _, doc), merge in zip(repeated, merges, strict=True):
        if merge.is_empty and not merge.left_out:
            continue
        label = f"{doc.company or '?'}: {doc.title or '?'}"
        notes = tuple(f"{label}: {reason}" for reason in (*merge.placed, *merge.left_out))
        outcome = outcomes[index]
        gained = tuple(
            f"stage “{change.stage}” on {display.day_and_time(change.at)}" for change in merge.added
        ) + ((f"a move to “{merge.new_stage}”",) if merge.new_stage else ())
        outcomes[index] = (
            Written(
                outcome.posting_id,
                outcome.created,
                outcome.changed,
                outcome.notes + notes,
                outcome.gained,
            )
            if merge.is_empty
            else _touched(outcome, notes, gained)
        )


def write_agendas(
    db: Session | sqlite3.Connection,
    jobs: Sequence[SaveJob],
    outcomes: list[Written],
    now: datetime,
) -> None:
    """The interviews and tasks an export carries, added to the postings written, and the
    library's tasks of no application its first document carries, whatever became of that
    posting (by UID: what the library has already is not added twice)."""
    carried: list[tuple[int | None, tuple[Interview, ...], tuple[Task, ...]]] = [
        (outcome.posting_id, job.interviews, job.tasks)
        for (job, _decision, _dup), outcome in zip(jobs, outcomes, strict=True)
        if outcome.posting_id is not None and (job.interviews or job.tasks)
    ]
    carried += [(None, (), job.free_tasks) for job, _decision, _dup in jobs if job.free_tasks]
    if not carried:
        return
    connection = plain_rows.plain_connection(db)  # a session's postings, flushed first
    for posting_id, interviews, tasks in carried:
        agenda_transfer.import_agenda(connection, posting_id, interviews, tasks, now)


def stored_to_fill(
    db: Session | sqlite3.Connection, jobs: Sequence[SaveJob]
) -> dict[int, PostingDocument]:
    """The stored documents the chunk's FILL_EMPTY jobs repeat, read in one query."""
    ids = [i for _, decision, i in jobs if decision is Decision.FILL_EMPTY and i is not None]
    if not ids:
        return {}
    connection = plain_rows.plain_connection(db)  # what a session holds, flushed first
    found = posting_documents.read_documents(connection, ids)  # type: ignore[arg-type]
    return {doc.id: doc for doc in found if doc.id is not None}


def fill_empty(
    db: Session | sqlite3.Connection,
    posting_id: int,
    doc: PostingDocument,
    now: datetime,
    stored_documents: dict[int, PostingDocument],
) -> Written:
    """Fill the stored posting's empty fields from ``doc`` (``stored_documents``: the chunk's
    stored documents, kept current so a later row filling the same posting sees this fill)."""
    stored = stored_documents.get(posting_id)
    if stored is None:
        raise PostingNotFound(f"There is no posting with id {posting_id}.")
    filled = fill_empty_fields(stored, doc)
    if filled is stored:
        return Written(posting_id, changed=False)
    records.update_document(_session(db), posting_id, filled, now, merge_company=True)
    stored_documents[posting_id] = filled
    named = [
        name.replace("_", " ")
        for name in FILLABLE
        if getattr(filled, name) is not getattr(stored, name)
    ]
    return Written(posting_id, gained=(f"the {', '.join(named)} it lacked",))
