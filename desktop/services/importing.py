"""Importing postings: read input into drafts, spot duplicates, save what the user decides.

Reading never writes. Saving goes a chunk of postings per transaction: the duplicate checks,
the companies and the rows of a chunk are read and written under one write lock, so two
imports at once never save the same posting twice, and thousands of postings are saved a
second. The window (paste, drop, File > Import) and ``jobdeck import`` share it.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from desktop.core.bounds import bounded
from desktop.core.empty_fields import fill_empty_fields
from desktop.core.posting import PostingDocument
from desktop.deferred_import import deferred
from desktop.importers import ImportRefused, ReadResult
from desktop.services.changes import Changes
from desktop.services.errors import LibraryBusy
from desktop.services.library import Library
from desktop.services.postings import InvalidPosting, PostingNotFound, checked

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.importers import detect, export_stream
    from desktop.storage import duplicate_checks, posting_documents, record_errors, stage_lookups
    from desktop.storage import posting_records as records
else:  # the readers and the ORM, loaded after the window's first paint
    detect = deferred("desktop.importers.detect")
    export_stream = deferred("desktop.importers.export_stream")
    duplicate_checks = deferred("desktop.storage.duplicate_checks")
    record_errors = deferred("desktop.storage.record_errors")
    records = deferred("desktop.storage.posting_records")
    posting_documents = deferred("desktop.storage.posting_documents")
    stage_lookups = deferred("desktop.storage.stage_lookups")

T = TypeVar("T")
MAX_INPUT_BYTES = 50 * 1024 * 1024  # far beyond any posting; a guard against the wrong file
_TOO_LARGE = "is larger than 50 MB, too large to be a posting"


@dataclass(frozen=True)
class Duplicate:
    posting_id: int
    title: str
    company: str | None
    reason: str  # "same link" | "same company and title" | "nearly the same text"


@dataclass(frozen=True)
class ImportDraft:
    """One posting read from the input, not yet saved."""

    source: str  # the file name, or "clipboard" / "dropped text" / "stdin"
    document: PostingDocument
    warnings: tuple[str, ...]
    duplicate: Duplicate | None


class Decision(Enum):
    SAVE_NEW = "keep both"  # also what a posting with no duplicate gets
    UPDATE_EXISTING = "update the existing posting"
    SKIP = "skip"
    FILL_EMPTY = "fill the existing posting's empty fields"  # a tracker's rows, by default


def find_duplicate(db: Library, doc: PostingDocument) -> Duplicate | None:
    return _duplicates(db, [doc]).get(0)


def _duplicates(db: Library, docs: Sequence[PostingDocument]) -> dict[int, Duplicate]:
    with db.reading() as session:
        return _duplicates_in(session, docs)


def _duplicates_in(
    session: Session, docs: Sequence[PostingDocument], ignore: Iterable[int] = ()
) -> dict[int, Duplicate]:
    found = duplicate_checks.find_duplicates(session, docs, set(ignore))
    names = duplicate_checks.titles_and_companies(session, {pid for pid, _ in found.values()})
    return {
        index: Duplicate(posting_id, *names[posting_id], reason)
        for index, (posting_id, reason) in found.items()
    }


def read_documents(
    data: bytes | str, source: str, *, captured_at: datetime | None = None
) -> list[ReadResult]:
    """The postings in one input, not yet checked against the library.

    Whatever a reader let through, nothing that cannot be stored goes further: such values are
    dropped, each with a note (``core.bounds``). The 50 MB limit holds for every source (a
    file, standard input, the clipboard, a drop). Raises ImportRefused naming ``source``.
    """
    if len(data) > MAX_INPUT_BYTES:
        raise ImportRefused(f"{source}: {_TOO_LARGE}")
    try:
        results = detect.read_postings(
            data, name=source, captured_at=captured_at or datetime.now(UTC)
        )
    except ImportRefused as refused:
        raise ImportRefused(f"{source}: {refused.reason}") from None
    read = []
    for result in results:
        document, notes = bounded(result.document)
        read.append(ReadResult(document, result.warnings + notes))
    return read


def read_input(
    db: Library, data: bytes | str, source: str, *, captured_at: datetime | None = None
) -> list[ImportDraft]:
    """Parse one input, each posting with the saved one it repeats, if any.

    Raises ImportRefused with a reason that names ``source``.
    """
    results = read_documents(data, source, captured_at=captured_at)
    duplicates = _duplicates(db, [r.document for r in results])
    return [
        ImportDraft(source, r.document, r.warnings, duplicates.get(i))
        for i, r in enumerate(results)
    ]


def read_limited(stream: BinaryIO, source: str) -> bytes:
    """Everything ``stream`` holds (standard input, a file), read no further than the limit:
    an endless or huge stream is refused after 50 MB, not read into memory whole.
    Raises ImportRefused naming ``source``."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise ImportRefused(f"{source}: {_TOO_LARGE}")
    return data


def file_bytes(path: Path) -> bytes:
    """A file's bytes to import; raises ImportRefused naming the file when it cannot be."""
    try:
        if path.is_dir():
            raise ImportRefused(f"{path}: is a folder, not a file")
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise ImportRefused(f"{path}: {_TOO_LARGE}")
        with path.open("rb") as stream:  # a pipe or a device has no size to check first
            return read_limited(stream, str(path))
    except OSError as error:
        raise ImportRefused(f"{path}: cannot be read ({error.strerror})") from None


def read_file(db: Library, path: Path, *, captured_at: datetime | None = None) -> list[ImportDraft]:
    return read_input(db, file_bytes(path), str(path), captured_at=captured_at)


Read = ReadResult | ImportRefused  # a posting read, or the reason one could not be


def read_path(path: Path) -> Iterable[Read]:
    """The postings in a file, for ``jobdeck import``, not yet checked against the library.

    A Jobdeck export is read as it goes, whatever its size (it is the library's backup); any
    other file is read whole, up to the size cap. Raises ImportRefused naming the file.
    """
    try:
        streamed = path.is_file() and export_stream.is_export(path)
    except UnicodeDecodeError:
        streamed = False
    if not streamed:
        return read_documents(file_bytes(path), str(path))

    def named(results: Iterable[Read]) -> Iterator[Read]:
        try:
            for result in results:
                if isinstance(result, ImportRefused):
                    result = ImportRefused(f"{path}: {result.reason}")
                yield result
        except (ImportRefused, OSError, UnicodeDecodeError) as error:
            reason = error.reason if isinstance(error, ImportRefused) else str(error)
            yield ImportRefused(f"{path}: {reason}")

    return named(export_stream.read_export(path))


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
    (written,) = _save_chunk(db, [(doc, decision, duplicate_of)])  # raises for a lone job
    assert isinstance(written, Written)
    return _changes_of([written])


# ---------------------------------------------------------------------------------------------
# Batches: many files read, or many postings saved, with progress and a way to stop.

Progress = Callable[[int, int, str], None]  # done, total, what is being worked on


@dataclass(frozen=True)
class ReadReport:
    drafts: list[ImportDraft]
    refusals: list[str]  # one reason per input that could not be read, naming the input
    cancelled: bool = False


def read_files(
    db: Library, paths: Sequence[Path], progress: Progress, cancelled: threading.Event
) -> ReadReport:
    drafts: list[ImportDraft] = []
    refusals: list[str] = []
    captured_at = datetime.now(UTC)
    for done, path in enumerate(paths):
        if cancelled.is_set():
            return ReadReport(drafts, refusals, cancelled=True)
        progress(done, len(paths), path.name)
        try:
            drafts.extend(read_file(db, path, captured_at=captured_at))
        except ImportRefused as refused:
            refusals.append(refused.reason)
    progress(len(paths), len(paths), "")
    return ReadReport(drafts, refusals)


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
            return SaveReport(changes, failures, cancelled=True)
        chunk = jobs[start : start + BATCH_SIZE]
        try:
            outcomes = _save_chunk(db, chunk)
        except (InvalidPosting, PostingNotFound) as error:  # a chunk of one (a lone posting)
            outcomes = [SaveFailure(chunk[0][0], error)]
        failures += [str(outcome) for outcome in outcomes if isinstance(outcome, SaveFailure)]
        changes = changes.merged(_changes_of(outcomes))
    progress(len(jobs), len(jobs), "")
    return SaveReport(changes, failures)


def _changes_of(outcomes: Sequence[Written | SaveFailure]) -> Changes:
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


def _save_chunk(db: Library, jobs: Sequence[SaveJob]) -> list[Written | SaveFailure]:
    """Save a chunk in one transaction; on a failure, each of its jobs in its own."""

    def write_chunk() -> list[Written | SaveFailure]:
        with db.writing() as session:
            return list(_write(session, jobs, datetime.now(UTC)))

    try:
        return while_busy(write_chunk)
    except (InvalidPosting, PostingNotFound):
        if len(jobs) == 1:
            raise
    outcomes: list[Written | SaveFailure] = []
    for job in jobs:
        try:
            outcomes += _save_chunk(db, [job])
        except (InvalidPosting, PostingNotFound) as error:
            outcomes.append(SaveFailure(job[0], error))
    return outcomes


def _write(session: Session, jobs: Sequence[SaveJob], now: datetime) -> list[Written]:
    """Write the jobs in the caller's transaction: updates one by one, new postings together.

    Raises InvalidPosting or PostingNotFound when one cannot be saved (the caller rolls back).
    """
    outcomes: list[Written] = []
    new: list[tuple[int, PostingDocument]] = []
    for job, decision, duplicate_of in jobs:
        if decision is Decision.SKIP:
            outcomes.append(Written(None))
            continue
        doc = checked(job)  # cleaned of invisible text, or refused naming what cannot be saved
        if decision is Decision.UPDATE_EXISTING and duplicate_of is not None:
            try:
                records.update_document(session, duplicate_of, doc, now, merge_company=True)
            except record_errors.PostingMissing as error:
                raise PostingNotFound(str(error)) from None
            outcomes.append(Written(duplicate_of))
        elif decision is Decision.FILL_EMPTY and duplicate_of is not None:
            outcomes.append(_fill_empty(session, duplicate_of, doc, now))
        else:
            # A posting from Jobdeck's own export gets a new id; its stage and history come too.
            new.append((len(outcomes), doc.with_changes(id=None)))
            outcomes.append(Written(None, created=True))
    try:
        ids = records.insert_postings(session, [doc for _, doc in new], now)
    except record_errors.StageMissing as error:
        raise InvalidPosting(str(error)) from None
    for (index, _), posting_id in zip(new, ids, strict=True):
        outcomes[index] = Written(posting_id, created=True)
    return outcomes


def _fill_empty(session: Session, posting_id: int, doc: PostingDocument, now: datetime) -> Written:
    session.flush()  # what the session holds, written before plain SQL reads it
    connection = session.connection().connection.dbapi_connection
    stored = posting_documents.read_document(connection, posting_id)  # type: ignore[arg-type]
    if stored is None:
        raise PostingNotFound(f"There is no posting with id {posting_id}.")
    filled = fill_empty_fields(stored, doc)
    if filled is stored:
        return Written(posting_id, changed=False)
    records.update_document(session, posting_id, filled, now, merge_company=True)
    return Written(posting_id)


# ---------------------------------------------------------------------------------------------
# jobdeck import: a stream of documents, a chunk per transaction.


class Status(Enum):
    SAVED = "saved"
    UPDATED = "updated"
    SKIPPED = "skipped"
    UNCHANGED = "unchanged"  # a duplicate whose empty fields the copy could not fill
    REFUSED = "refused"
    WOULD_SAVE = "would save"  # a dry run


@dataclass(frozen=True)
class Outcome:
    """What became of one posting of an input."""

    document: PostingDocument | None  # as read; None when the reader refused it
    warnings: tuple[str, ...]
    status: Status
    posting_id: int | None = None  # saved or updated
    duplicate: Duplicate | None = None
    reason: str | None = None  # why it was refused


def import_documents(
    db: Library,
    results: Iterable[Read],
    on_duplicate: Decision,
    *,
    dry_run: bool = False,
) -> Iterator[Outcome]:
    """Save the postings read from one input, a chunk per transaction, as they come.

    ``results`` may be a stream (an export read as it goes): only a chunk is held at a time.
    A posting its reader refused comes out refused; the others are saved. A posting repeating
    one saved before this input began is handled as ``on_duplicate`` says; postings of the same
    input are never taken for each other's duplicates (an export may hold two postings with the
    same company and title, kept on purpose). The duplicate check of a chunk runs inside its
    write transaction, so a second import running at the same time cannot slip the same posting
    in between. A dry run makes every check and writes nothing.
    """
    saved_here: set[int] = set()
    stream = iter(results)
    while chunk := list(itertools.islice(stream, BATCH_SIZE)):
        read = [r for r in chunk if isinstance(r, ReadResult)]
        for refused in (r for r in chunk if isinstance(r, ImportRefused)):
            yield Outcome(None, (), Status.REFUSED, reason=refused.reason)
        if not read:
            continue
        if dry_run:
            with db.reading() as session:
                duplicates = _duplicates_in(session, [r.document for r in read])
                missing = _missing_stages(session, [r.document for r in read])
            yield from _dry_run(read, duplicates, missing, on_duplicate)
        else:
            yield from _import_chunk(db, read, on_duplicate, saved_here)


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


def _import_chunk(
    db: Library, chunk: Sequence[ReadResult], on_duplicate: Decision, saved_here: set[int]
) -> Iterator[Outcome]:
    docs = [r.document for r in chunk]

    def write_chunk() -> tuple[dict[int, Duplicate], list[Written]]:
        with db.writing() as session:
            duplicates = _duplicates_in(session, docs, ignore=saved_here)
            jobs = [
                (doc, on_duplicate, duplicates[i].posting_id)
                if i in duplicates
                else (doc, Decision.SAVE_NEW, None)
                for i, doc in enumerate(docs)
            ]
            return duplicates, _write(session, jobs, datetime.now(UTC))

    try:
        duplicates, saved = while_busy(write_chunk)
    except (InvalidPosting, PostingNotFound) as error:
        if len(chunk) == 1:
            result = chunk[0]
            yield Outcome(result.document, result.warnings, Status.REFUSED, reason=str(error))
            return
        for result in chunk:  # find the one that cannot be saved; save the others
            yield from _import_chunk(db, [result], on_duplicate, saved_here)
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
        yield Outcome(result.document, result.warnings, status, outcome.posting_id, duplicate)


def clipboard_payload(html: str | None, text: str | None) -> str | None:
    """What to read from a clipboard or a drop that offers both HTML and plain text.

    A copied fragment of a page carries no structured data, and its HTML is only the visible
    text with styling; the plain text reads better (board quirks and all). HTML wins only when
    it holds a schema.org JobPosting.
    """
    if html and "JobPosting" in html:
        return html
    return text if text and text.strip() else html
