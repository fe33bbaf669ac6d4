"""Importing the history people bring: a spreadsheet or another tracker's export.

A file is read into a table (``importers.tables``), a column mapping is proposed for it (a
preset, or header synonyms) or given (``--mapping FILE.json``, the window's mapping dialog),
and its rows become posting documents with their stage history (``importers.tracker_rows``).
Those are saved by ``importing.import_documents``, the one save path, a chunk per transaction;
a row repeating a saved posting fills only its empty fields unless the caller decides otherwise,
so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.deferred_import import deferred
from desktop.importers.result import ImportRefused, ReadResult
from desktop.services.changes import Changes
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.importers import tables, tracker_mapping, tracker_rows
    from desktop.importers.tables import Table
    from desktop.importers.tracker_mapping import ColumnMapping
    from desktop.services import importing, stages
else:
    importing = deferred("desktop.services.importing")
    stages = deferred("desktop.services.stages")
    tables = deferred("desktop.importers.tables")
    tracker_mapping = deferred("desktop.importers.tracker_mapping")
    tracker_rows = deferred("desktop.importers.tracker_rows")


def is_table_file(path: Path) -> bool:
    """Whether ``jobdeck import`` and File > Import read ``path`` as a table of applications:
    a .csv, .tsv or .xlsx file, or a Markdown file whose first table names a company or a
    title column (a Markdown file without one is a posting, read as before)."""
    if not tables.is_table_name(path.name):
        return False
    if path.suffix.lower() not in (".md", ".markdown"):
        return True
    try:
        table = read_table(path)
    except ImportRefused:
        return False
    return not tracker_mapping.missing_fields(tracker_mapping.propose(table.header))


def read_table(path: Path) -> Table:
    """The table in a file. Raises ImportRefused naming the file and what is wrong."""
    data = importing.file_bytes(path)
    try:
        return tables.read_table(data, path.name)
    except ImportRefused as refused:
        raise ImportRefused(f"{path}: {refused.reason}") from None


def propose_mapping(table: Table) -> ColumnMapping:
    """The mapping offered for a table: its preset's, else the header synonyms'."""
    return tracker_mapping.propose(table.header)


def load_mapping(path: Path, table: Table) -> ColumnMapping:
    """A mapping from a JSON file (``--mapping``, a saved preset) for this table's header.

    Raises ImportRefused naming the mapping file and what is wrong in it.
    """
    try:
        value = json.loads(importing.file_bytes(path).decode("utf-8-sig"))
        return tracker_mapping.from_json(value, table.header)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportRefused(f"{path}: not a JSON mapping ({error})") from None
    except ImportRefused as refused:
        raise ImportRefused(f"{path}: {refused.reason}") from None


PRESETS_FOLDER = "mapping-presets"  # in the data folder, beside the library: one JSON a preset


def saved_presets(data_dir: Path) -> dict[str, Path]:
    """The mappings the user saved as presets: name -> file, sorted by name."""
    folder = data_dir / PRESETS_FOLDER
    if not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            name = json.loads(path.read_text(encoding="utf-8")).get("name") or path.stem
        except (OSError, ValueError, AttributeError):
            continue  # a file that is not a preset of ours is not offered
        found[str(name)] = path
    return dict(sorted(found.items(), key=lambda item: item[0].casefold()))


def save_preset(data_dir: Path, name: str, mapping: ColumnMapping, table: Table) -> Path:
    """Keep ``mapping`` (columns named by this table's headers) as a preset called ``name``;
    a preset of that name is replaced. Raises ``Invalid`` for an empty name, ``WriteFailed``
    when the file cannot be written."""
    import re

    from desktop.services.errors import Invalid, WriteFailed
    from desktop.storage import library_files

    name = " ".join(name.split())
    if not name:
        raise Invalid("A preset needs a name.")
    slug = re.sub(r"[^\w-]+", "-", name.casefold()).strip("-") or "preset"
    folder = data_dir / PRESETS_FOLDER
    path = folder / f"{slug}.json"
    value = tracker_mapping.to_json(mapping, table.header, name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with library_files.open_private(path, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False, indent=2)
    except OSError as error:
        raise WriteFailed(f"Cannot save the preset {name!r}: {error.strerror or error}") from None
    return path


def fields() -> Mapping[str, str]:
    """The fields a column can fill, in the order to offer them: name -> label."""
    return tracker_mapping.FIELDS


def checked_mapping_problem(mapping: ColumnMapping) -> str | None:
    """Why nothing could be imported through ``mapping`` (no company or title column)."""
    if tracker_mapping.missing_fields(mapping):
        return "No column is a company or a title: choose which column holds them."
    return None


def checked_mapping(mapping: ColumnMapping, source: str) -> ColumnMapping:
    """``mapping``, or ImportRefused when it reads neither a company nor a title."""
    if tracker_mapping.missing_fields(mapping):
        raise ImportRefused(
            f"{source}: no column is a company or a title; name them in a mapping "
            "(jobdeck import --mapping FILE.json, or File > Import in the window)"
        )
    return mapping


def stage_names(db: Library) -> list[str]:
    return [stage.name for stage in stages.list_stages(db)]


@dataclass(frozen=True)
class PreviewRow:
    """A row as the mapping reads it, for the mapping dialog's preview."""

    row: int
    values: dict[str, str]  # field -> what will be saved, as text
    stage: str | None
    history: tuple[tuple[str, datetime], ...]
    notes: tuple[str, ...]
    problem: str | None


def preview(
    table: Table, mapping: ColumnMapping, stage_list: Sequence[str], limit: int = 20
) -> list[PreviewRow]:
    """The first ``limit`` rows read through ``mapping`` (nothing is saved)."""
    shown: list[PreviewRow] = []
    now = datetime.now(UTC)
    first = tables.Table(table.header, table.rows[:limit], table.kind)
    for read in tracker_rows.read_rows(first, mapping, stage_list, now=now):
        doc = read.document
        if doc is None:
            shown.append(PreviewRow(read.row, {}, None, (), read.warnings, read.problem))
            continue
        values = {
            "company": doc.company or "",
            "title": doc.title or "",
            "location": doc.location or "",
            "url": doc.url or "",
        }
        history = tuple((c.stage, c.at) for c in doc.stage_history)
        shown.append(PreviewRow(read.row, values, doc.stage, history, read.warnings, None))
    return shown


def unmapped_statuses(table: Table, mapping: ColumnMapping, stage_list: Sequence[str]) -> list[str]:
    """The statuses of the table no stage fits yet (asked once in the window), in order."""
    column = mapping.column("status")
    if column is None:
        return []
    seen: dict[str, None] = {}
    for row in table.rows:
        status = row.cell(column)
        if status and tracker_mapping.stage_of(status, mapping, stage_list) is None:
            seen.setdefault(status, None)
    return list(seen)


def read_rows(
    db: Library, table: Table, mapping: ColumnMapping, source: str
) -> Iterator[importing.Read]:
    """Each row as ``import_documents`` takes it: a posting read, or the refusal naming the
    row and the reason. Values the library cannot store are dropped with a note."""
    from desktop.core.bounds import bounded, problems

    stage_list = stage_names(db)
    now = datetime.now(UTC)
    for read in tracker_rows.read_rows(table, mapping, stage_list, now=now):
        if read.document is None:
            yield ImportRefused(f"{source}: {read.problem}")
            continue
        if not problems(read.document):  # the usual row: nothing to drop, no copy made
            yield ReadResult(read.document, read.warnings)
            continue
        document, notes = bounded(read.document)
        yield ReadResult(document, read.warnings + notes)


def decision_named(name: str) -> importing.Decision:
    """What to do with a repeating row, by its name (``FILL_EMPTY``, ``UPDATE_EXISTING``,
    ``SKIP``, ``SAVE_NEW``)."""
    return importing.Decision[name]


Progress = Callable[[int, int], None]  # rows done, rows in all


@dataclass(frozen=True)
class TableImport:
    """What an import of a table did: counts by outcome, and each refused row's reason."""

    saved: int
    updated: int
    unchanged: int
    skipped: int
    refused: list[str]
    notes: list[str]
    changes: Changes
    cancelled: bool = False

    @property
    def summary(self) -> str:
        parts = [f"{self.saved:,} saved"]
        for count, word in (
            (self.updated, "updated"),
            (self.unchanged, "already there"),
            (self.skipped, "skipped"),
            (len(self.refused), "not imported"),
        ):
            if count:
                parts.append(f"{count:,} {word}")
        text = ", ".join(parts)
        return f"Cancelled: {text} before the stop." if self.cancelled else text.capitalize() + "."


def _changes_of(outcome: importing.Outcome) -> Changes:
    """What a saved or updated row changed: the posting, and (when the row carried them) its
    stages, notes and contacts."""
    saved = outcome.status is importing.Status.SAVED
    if outcome.posting_id is None or outcome.document is None:
        return Changes()
    if not saved and outcome.status is not importing.Status.UPDATED:
        return Changes()
    posting = frozenset({outcome.posting_id})
    record = outcome.document.application
    return Changes(
        created=posting if saved else frozenset(),
        updated=frozenset() if saved else posting,
        moved=posting if outcome.document.stage_history and not saved else frozenset(),
        notes=posting if record is not None and record.notes else frozenset(),
        contacts=posting if record is not None and record.contacts else frozenset(),
    )


def import_table(
    db: Library,
    table: Table,
    mapping: ColumnMapping,
    source: str,
    *,
    on_duplicate: importing.Decision | None = None,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
) -> TableImport:
    """Save every row of ``table`` read through ``mapping``; a row repeating a saved posting
    fills its empty fields (``on_duplicate`` may say otherwise). Saved a chunk per transaction:
    a stop keeps what was saved before it, and the result says how many. Raises ImportRefused
    for a mapping with no company or title column."""
    checked_mapping(mapping, source)
    decision = on_duplicate or importing.Decision.FILL_EMPTY
    counts = {status: 0 for status in importing.Status}
    refused: list[str] = []
    notes: list[str] = []
    changes = Changes()
    total = len(table.rows)
    stop = cancelled or threading.Event()
    done = 0

    def rows() -> Iterator[importing.Read]:
        for read in read_rows(db, table, mapping, source):
            if stop.is_set():
                return
            yield read

    for outcome in importing.import_documents(db, rows(), decision, add_history=True):
        done += 1
        counts[outcome.status] += 1
        notes.extend(outcome.warnings)
        if outcome.status is importing.Status.REFUSED:
            label = (
                f"{outcome.document.company or '?'}: {outcome.document.title or '?'}: "
                if outcome.document is not None
                else ""
            )
            refused.append(f"{label}{outcome.reason}")
        elif outcome.posting_id is not None:
            changes = changes.merged(_changes_of(outcome))
        if progress is not None and done % 100 == 0:
            progress(done, total)
    if progress is not None:
        progress(done, total)
    Status = importing.Status
    return TableImport(
        counts[Status.SAVED],
        counts[Status.UPDATED],
        counts[Status.UNCHANGED],
        counts[Status.SKIPPED],
        refused,
        notes,
        changes,
        cancelled=stop.is_set() and done < total,
    )
