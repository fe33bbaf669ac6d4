"""Every posting out as the posting document (JSON) or as a flat table of the main fields (CSV).

Both are written as they are read, a chunk of postings at a time, so exporting 100,000 postings
needs no more memory than exporting 500 (``storage.posting_documents``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TextIO

from desktop.core import agenda_json
from desktop.core.document import to_json
from desktop.services import application_log, postings, whole_files
from desktop.services.application_log import LogFilter
from desktop.services.library import Library
from desktop.storage import agenda_transfer, application_records

CSV_COLUMNS = (
    "id",
    "title",
    "company",
    "stage",
    "location",
    "work_model",
    "employment_type",
    "salary_text",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "posted_at",
    "captured_at",
    "url",
    "industries",
    "h1b_latest_year",
    "h1b_latest_count",
    "applied_on",  # the application's dates (services.application_log), local days
    "first_response",
    "interviews",
    "stage_dates",
)


def write_json(db: Library, out: TextIO) -> int:
    """Write the JSON array of every posting document to ``out``; returns how many.

    One document a line, each in compact JSON: ``grep`` and ``diff`` find a posting's line.
    orjson encodes it (a quarter of the standard library's C encoder's time: 2 s of 9 s for
    100,000 postings); it is imported here, only when a library is exported. Written one
    document at a time.
    The library's tasks of no application ride on the first document (``free_tasks``); with no
    posting at all, the array holds the library record instead (``core.agenda_json``).
    """
    import orjson

    def encode(document: dict[str, object]) -> str:
        return orjson.dumps(document).decode()

    count = 0
    out.write("[")
    with db.querying() as connection:  # the applications' interviews and tasks go with them
        agendas = agenda_transfer.by_posting(connection)
        free_tasks = tuple(agenda_transfer.free_tasks(connection))  # on the first document
        # and their notes, contacts, documents (by hash) and facts
        applications = application_records.by_posting(connection)
    for doc in postings.iter_documents(db):
        attached = agendas.get(doc.id) if doc.id is not None else None
        if attached is not None:
            doc = doc.with_changes(interviews=tuple(attached[0]), tasks=tuple(attached[1]))
        record = applications.get(doc.id) if doc.id is not None else None
        if record is not None:
            doc = doc.with_changes(application=record)
        if not count and free_tasks:
            doc = doc.with_changes(free_tasks=free_tasks)
        out.write(("," if count else "") + "\n" + encode(to_json(doc)))
        count += 1
    if not count and free_tasks:  # no posting to carry them: the library record does
        out.write("\n" + encode(agenda_json.library_json(free_tasks)) + "\n]\n")
    else:
        out.write("\n]\n" if count else "]\n")
    return count


def export_json(db: Library) -> str:
    out = io.StringIO()
    write_json(db, out)
    return out.getvalue()


def _cell(value: object) -> object:
    # A cell a spreadsheet would read as a formula ("=HYPERLINK(...)") is made plain text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(db: Library) -> str:
    out = io.StringIO()
    write_csv(db, out)
    return out.getvalue()


def write_csv(db: Library, out: TextIO, which: LogFilter | None = None) -> int:
    """Write the CSV table (a header, then a row per posting ``which`` selects, every one
    without it) to ``out``; returns how many. Each row ends with the application's dates:
    applied on, first response, interviews and every stage with its day."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    selected = application_log.selector(db, which) if which is not None else None
    interviews = application_log.interview_times(db)
    for doc in postings.iter_documents(db):
        if selected is not None and not selected(doc):
            continue
        count += 1
        sent = application_log.applied_on(doc)
        salary = doc.salary
        h1b = doc.company_profile.h1b if doc.company_profile else None
        latest = max(h1b.by_year, key=lambda y: y.year) if h1b and h1b.by_year else None
        writer.writerow(
            _cell(value)
            for value in [
                doc.id,
                doc.title,
                doc.company,
                doc.stage,
                doc.location,
                doc.work_model,
                doc.employment_type,
                salary.text if salary else None,
                salary.min if salary else None,
                salary.max if salary else None,
                salary.currency if salary else None,
                salary.period if salary else None,
                doc.posted_at.isoformat() if doc.posted_at else None,
                doc.captured_at.isoformat() if doc.captured_at else None,
                doc.url,
                "; ".join(doc.industries),
                latest.year if latest else None,
                latest.count if latest else None,
                application_log.day(sent),
                application_log.day(application_log.first_response(doc, sent)),
                "; ".join(application_log.day(at) for at in interviews.get(doc.id or 0, ())),
                application_log.trail_text(doc.stage_history),
            ]
        )
    return count


def export_to_file(
    db: Library, target: Path, *, as_csv: bool = False, which: LogFilter | None = None
) -> int:
    """Write every posting to ``target`` (JSON, or CSV with ``as_csv``); the count written.

    The file is written beside the target as ``*.partial``, owner-only (600 on POSIX: it holds
    the whole library), and renamed when complete; whatever stops it (a full disk, a read that
    fails) removes the partial file and leaves an earlier ``target`` as it was. Raises
    ``WriteFailed`` naming the file and the reason.
    """
    with whole_files.writing(target, "w", newline="") as out:
        count = write_csv(db, out, which) if as_csv else write_json(db, out)
    return count


def save_file(target: Path, data: bytes) -> None:
    """Write ``data`` (a printed application log, say) to ``target`` as exports are written:
    owner-only, complete or not at all. Raises ``WriteFailed`` naming the file."""
    with whole_files.writing(target) as out:
        out.write(data)
