"""Reading input into import drafts: files, standard input, the clipboard, a drop.

Reading never writes. Every posting read is bounded (``core.bounds``) and checked against the
library for a duplicate; the user (or ``jobdeck import``'s options) decides what is saved
(``import_saving``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from desktop.core.agenda import Task
from desktop.core.bounds import bounded
from desktop.core.posting import PostingDocument
from desktop.deferred_import import deferred
from desktop.importers import ImportRefused, ReadResult
from desktop.importers.result import LibraryRecord
from desktop.services import import_duplicates
from desktop.services.import_duplicates import Duplicate
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.importers import detect, export_stream
else:  # the readers, loaded after the window's first paint
    detect = deferred("desktop.importers.detect")
    export_stream = deferred("desktop.importers.export_stream")

MAX_INPUT_BYTES = 50 * 1024 * 1024  # far beyond any posting; a guard against the wrong file
_TOO_LARGE = "is larger than 50 MB, too large to be a posting"
_RECORD_ELSEWHERE = (
    "it holds tasks of no application (a Jobdeck export of a library with no posting): "
    "import it as a file, with File > Import or jobdeck import"
)


@dataclass(frozen=True)
class ImportDraft:
    """One posting read from the input, not yet saved."""

    source: str  # the file name, or "clipboard" / "dropped text" / "stdin"
    document: PostingDocument
    warnings: tuple[str, ...]
    duplicate: Duplicate | None


def read_records(
    data: bytes | str, source: str, *, captured_at: datetime | None = None
) -> list[ReadResult | LibraryRecord]:
    """The postings in one input, not yet checked against the library, and the library
    record a Jobdeck export of a library with no posting holds (its tasks of no application).

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
    read: list[ReadResult | LibraryRecord] = []
    for result in results:
        if isinstance(result, LibraryRecord):
            read.append(result)
            continue
        document, notes = bounded(result.document)
        read.append(ReadResult(document, result.warnings + notes))
    return read


def read_documents(
    data: bytes | str, source: str, *, captured_at: datetime | None = None
) -> list[ReadResult]:
    """The postings in one input (``read_records`` without the library record). An input
    holding a library record is refused, naming where it can be imported, so its tasks are
    never dropped unseen. Raises ImportRefused naming ``source``."""
    results = read_records(data, source, captured_at=captured_at)
    if any(isinstance(r, LibraryRecord) for r in results):
        raise ImportRefused(f"{source}: {_RECORD_ELSEWHERE}")
    return [r for r in results if isinstance(r, ReadResult)]


def read_input(
    db: Library, data: bytes | str, source: str, *, captured_at: datetime | None = None
) -> list[ImportDraft]:
    """Parse one input, each posting with the saved one it repeats, if any.

    Raises ImportRefused with a reason that names ``source``.
    """
    results = read_documents(data, source, captured_at=captured_at)
    duplicates = import_duplicates.duplicates(db, [r.document for r in results])
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


# A posting read, the reason one could not be, or the library record of an export.
Read = ReadResult | ImportRefused | LibraryRecord


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
        return read_records(file_bytes(path), str(path))

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


Progress = Callable[[int, int, str], None]  # done, total, what is being worked on


@dataclass(frozen=True)
class ReadReport:
    drafts: list[ImportDraft]
    refusals: list[str]  # one reason per input that could not be read, naming the input
    cancelled: bool = False
    # The tasks of no application the library records of the files carried (exports of a
    # library with no posting): nothing to preview, they are added as they are.
    free_tasks: tuple[Task, ...] = ()


def read_files(
    db: Library, paths: Sequence[Path], progress: Progress, cancelled: threading.Event
) -> ReadReport:
    drafts: list[ImportDraft] = []
    refusals: list[str] = []
    free_tasks: list[Task] = []
    captured_at = datetime.now(UTC)
    for done, path in enumerate(paths):
        if cancelled.is_set():
            return ReadReport(drafts, refusals, cancelled=True)
        progress(done, len(paths), path.name)
        try:
            results = read_records(file_bytes(path), str(path), captured_at=captured_at)
        except ImportRefused as refused:
            refusals.append(refused.reason)
            continue
        free_tasks += [t for r in results if isinstance(r, LibraryRecord) for t in r.free_tasks]
        read = [r for r in results if isinstance(r, ReadResult)]
        duplicates = import_duplicates.duplicates(db, [r.document for r in read])
        drafts += [
            ImportDraft(str(path), r.document, r.warnings, duplicates.get(i))
            for i, r in enumerate(read)
        ]
    progress(len(paths), len(paths), "")
    return ReadReport(drafts, refusals, free_tasks=tuple(free_tasks))


def clipboard_payload(html: str | None, text: str | None) -> str | None:
    """What to read from a clipboard or a drop that offers both HTML and plain text.

    A copied fragment of a page carries no structured data, and its HTML is only the visible
    text with styling; the plain text reads better (board quirks and all). HTML wins only when
    it holds a schema.org JobPosting.
    """
    if html and "JobPosting" in html:
        return html
    return text if text and text.strip() else html
