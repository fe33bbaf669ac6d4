"""Importing postings: read input into candidates, spot duplicates, save what the user decides.

Reading never writes; saving is one transaction per posting. The same functions serve the
window (paste, drop, File > Import) and ``jobdeck import``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.bounds import bounded
from desktop.core.posting import PostingDocument
from desktop.deferred_import import deferred
from desktop.importers import ImportRefused
from desktop.services.changes import Changes
from desktop.services.library import Library
from desktop.services.postings import (
    InvalidPosting,
    PostingNotFound,
    create_posting,
    create_postings,
    update_posting,
)

if TYPE_CHECKING:
    from desktop.importers import detect
    from desktop.storage import duplicate_checks
else:  # the readers and the ORM, loaded after the window's first paint
    detect = deferred("desktop.importers.detect")
    duplicate_checks = deferred("desktop.storage.duplicate_checks")

MAX_INPUT_BYTES = 50 * 1024 * 1024  # far beyond any posting; a guard against the wrong file


@dataclass(frozen=True)
class Duplicate:
    posting_id: int
    title: str
    company: str | None
    reason: str  # "same link" | "same company and title" | "nearly the same text"


@dataclass(frozen=True)
class Candidate:
    """One posting read from the input, not yet saved."""

    source: str  # the file name, or "clipboard" / "dropped text" / "stdin"
    document: PostingDocument
    warnings: tuple[str, ...]
    duplicate: Duplicate | None


class Decision(Enum):
    SAVE_NEW = "keep both"  # also what a posting with no duplicate gets
    UPDATE_EXISTING = "update the existing posting"
    SKIP = "skip"


def find_duplicate(db: Library, doc: PostingDocument) -> Duplicate | None:
    with db.reading() as session:
        found = duplicate_checks.find_duplicate(session, doc)
        if found is None:
            return None
        title, company = duplicate_checks.title_and_company(session, found[0])
    return Duplicate(found[0], title, company, found[1])


def read_input(
    db: Library, data: bytes | str, source: str, *, captured_at: datetime | None = None
) -> list[Candidate]:
    """Parse one input. Raises ImportRefused with a reason that names ``source``."""
    try:
        results = detect.read_postings(
            data, name=source, captured_at=captured_at or datetime.now(UTC)
        )
    except ImportRefused as refused:
        raise ImportRefused(f"{source}: {refused.reason}") from None
    candidates = []
    for result in results:
        # Whatever a reader let through, nothing that cannot be stored goes further.
        document, notes = bounded(result.document)
        candidates.append(
            Candidate(source, document, result.warnings + notes, find_duplicate(db, document))
        )
    return candidates


def read_file(db: Library, path: Path, *, captured_at: datetime | None = None) -> list[Candidate]:
    try:
        if path.is_dir():
            raise ImportRefused(f"{path}: is a folder, not a file")
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise ImportRefused(f"{path}: is larger than 50 MB, too large to be a posting")
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"{path}: cannot be read ({error.strerror})") from None
    return read_input(db, data, str(path), captured_at=captured_at)


def save_candidate(
    db: Library,
    doc: PostingDocument,
    decision: Decision = Decision.SAVE_NEW,
    duplicate_of: int | None = None,
) -> Changes:
    """Store an imported posting as the user decided. Company data always merges."""
    if decision is Decision.SKIP:
        return Changes()
    if decision is Decision.UPDATE_EXISTING and duplicate_of is not None:
        return update_posting(db, duplicate_of, doc, merge_company=True).changes
    # A posting from Jobdeck's own export gets a new id here; its stage and history come along.
    return create_posting(db, doc.with_changes(id=None)).changes


# ---------------------------------------------------------------------------------------------
# Batches: many files read, or many postings saved, with progress and a way to stop.

Progress = Callable[[int, int, str], None]  # done, total, what is being worked on


@dataclass(frozen=True)
class ReadReport:
    candidates: list[Candidate]
    refusals: list[str]  # one reason per input that could not be read, naming the input
    cancelled: bool = False


def read_files(
    db: Library, paths: Sequence[Path], progress: Progress, cancelled: threading.Event
) -> ReadReport:
    candidates: list[Candidate] = []
    refusals: list[str] = []
    captured_at = datetime.now(UTC)
    for done, path in enumerate(paths):
        if cancelled.is_set():
            return ReadReport(candidates, refusals, cancelled=True)
        progress(done, len(paths), path.name)
        try:
            candidates.extend(read_file(db, path, captured_at=captured_at))
        except ImportRefused as refused:
            refusals.append(refused.reason)
    progress(len(paths), len(paths), "")
    return ReadReport(candidates, refusals)


SaveJob = tuple[PostingDocument, Decision, int | None]


@dataclass(frozen=True)
class SaveReport:
    changes: Changes
    failures: list[str]
    cancelled: bool = False


BATCH_SIZE = 100  # new postings saved per transaction: one disk sync per batch, not per posting


def save_many(
    db: Library, jobs: Sequence[SaveJob], progress: Progress, cancelled: threading.Event
) -> SaveReport:
    """Save every job; a stop or a failure never leaves a posting half-saved.

    New postings go in batches, one transaction each. A batch with a bad posting is redone one
    posting at a time, so the failure names that posting and the rest are still saved.
    """
    changes = Changes()
    failures: list[str] = []
    done = 0
    one_by_one_until = 0  # after a failed batch, its postings are saved singly
    while done < len(jobs):
        progress(done, len(jobs), jobs[done][0].title or "")
        if cancelled.is_set():
            return SaveReport(changes, failures, cancelled=True)
        batch = [jobs[done]] if done < one_by_one_until else _next_batch(jobs, done)
        try:
            if len(batch) > 1:
                changes = changes.merged(create_postings(db, [doc for doc, _, _ in batch]))
            else:
                doc, decision, duplicate_of = batch[0]
                changes = changes.merged(save_candidate(db, doc, decision, duplicate_of))
        except (InvalidPosting, PostingNotFound) as error:
            if len(batch) > 1:
                one_by_one_until = done + len(batch)
                continue
            failures.append(f"{batch[0][0].title or 'A posting'}: {error}")
        done += len(batch)
    progress(len(jobs), len(jobs), "")
    return SaveReport(changes, failures)


def _next_batch(jobs: Sequence[SaveJob], start: int) -> list[SaveJob]:
    """The run of new postings from ``start`` (up to BATCH_SIZE), or the one job there."""
    batch = []
    for job in jobs[start : start + BATCH_SIZE]:
        if job[1] is not Decision.SAVE_NEW:
            break
        batch.append(job)
    return batch or [jobs[start]]


def clipboard_payload(html: str | None, text: str | None) -> str | None:
    """What to read from a clipboard or a drop that offers both HTML and plain text.

    A copied fragment of a page carries no structured data, and its HTML is only the visible
    text with styling; the plain text reads better (board quirks and all). HTML wins only when
    it holds a schema.org JobPosting.
    """
    if html and "JobPosting" in html:
        return html
    return text if text and text.strip() else html
