"""A tracker's rows read through a column mapping into posting documents with their history.

Each row becomes a posting in the stage its status maps to, and the dates in the row become
its stage history (saved at, applied at, the status's own date), not the moment of the import.
A row that cannot be read (no company and no title, a date that cannot be read) is named by
its row number and reason; the other rows still come through.
"""

from __future__ import annotations

import re
import time as _time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache

from desktop.core.application_record import ApplicationRecord, ContactRecord, NoteRecord
from desktop.core.dates import parse_date
from desktop.core.money import find_salary
from desktop.core.notes import MAX_NOTE_CHARS, note_text
from desktop.core.posting import PostingDocument, Salary, StageChange
from desktop.importers.row_contacts import read_contacts
from desktop.importers.tables import Table, TableRow
from desktop.importers.tracker_mapping import DATE_FIELDS, FIELDS, ColumnMapping, stage_of

DEFAULT_STAGE = "Applied"  # what an unknown status becomes (with a note)
SAVED_STAGE = "Saved"
WHERE_APPLIED = "Where applied: "  # the description's line naming where the user applied
# A date alone is taken as noon local time: shown as that day in any zone near the user's.
_NOON = time(12, 0)
_YES = {"yes", "y", "true", "x", "✓", "✔", "1", "ja"}
_NO = {"no", "n", "false", "0", "-", "nein"}
_NUMERIC = re.compile(
    r"^(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$"
)
# JavaScript's Date.toString(): "Mon Nov 03 2026 10:00:00 GMT+0100 (Central European ...)".
_JS_DATE = re.compile(
    r"^\w{3} (\w{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-])(\d{2})(\d{2})"
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LINK = re.compile(r"^https?://\S+$", re.IGNORECASE)
_WORK_MODELS = {
    "remote": "Remote", "fully remote": "Remote", "hybrid": "Hybrid", "onsite": "Onsite",
    "on-site": "Onsite", "on site": "Onsite", "office": "Onsite", "in office": "Onsite",
    "in-office": "Onsite",
}  # fmt: skip


@dataclass(frozen=True)
class RowRead:
    """One row: its document, or the reason it could not be read."""

    row: int  # the row number a spreadsheet shows
    document: PostingDocument | None
    warnings: tuple[str, ...] = ()
    problem: str | None = None


def _local(day: date, at: time = _NOON) -> datetime:
    """The day and time as written, in no zone yet: ``read_moment`` puts it in the local zone
    when asked (not in its cache, which would keep the zone of the first call)."""
    return datetime.combine(day, at)


def day_first_columns(table: Table, mapping: ColumnMapping) -> set[int]:
    """The date columns written day first: those where some date's first number exceeds 12
    ("14/10/2026"), or that use dots ("14.10.2026"), as the whole column then must."""
    found: set[int] = set()
    for name in DATE_FIELDS:
        column = mapping.column(name)
        if column is None:
            continue
        for row in table.rows:
            match = _NUMERIC.match(row.cell(column))
            if match and len(match[1]) <= 2 and (int(match[1]) > 12 or match[2] == "."):
                found.add(column)
                break
    return found


def read_moment(text: str, *, day_first: bool = False) -> datetime | None:
    """The time a cell states: an ISO date or time, "11/25/24, 3:15 PM", "25.11.2024",
    "Nov 25, 2024", JavaScript's date text. A date alone is noon local time. None when the
    text is not a date (the caller says so)."""
    # The machine's zone is part of the key: a time read in one zone is not reused in another.
    return _moment_in_zone(text, day_first, (_time.timezone, _time.altzone, _time.tzname))


@lru_cache(maxsize=4096)  # a sheet's dates repeat: a year has 365 of them
def _moment_in_zone(text: str, day_first: bool, _zone: object) -> datetime | None:
    moment = _written_moment(text, day_first)
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.astimezone()  # a time without a zone is the user's local time


def _written_moment(text: str, day_first: bool) -> datetime | None:
    """The time as written: aware when the text names its zone, else naive."""
    text = text.strip()
    if _ISO.match(text):
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            return None
        if len(text) <= 10:
            return _local(moment.date())
        return moment
    numeric = _NUMERIC.match(text)
    if numeric:
        return _numeric(numeric, day_first=day_first)
    js = _JS_DATE.match(text)
    if js:
        day = parse_date(f"{js[1]} {js[2]}, {js[3]}")
        if day is None:
            return None
        sign = 1 if js[7] == "+" else -1
        zone = timezone(sign * timedelta(hours=int(js[8]), minutes=int(js[9])))
        return datetime.combine(day, time(int(js[4]), int(js[5]), int(js[6])), zone)
    day = parse_date(text)
    return _local(day) if day is not None else None


def _numeric(match: re.Match[str], *, day_first: bool) -> datetime | None:
    first, separator, second, year_text = match[1], match[2], int(match[3]), match[4]
    if len(first) == 4:  # 2024/11/25
        year, month, day = int(first), second, int(year_text)
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        if day_first or separator == "." or int(first) > 12:
            day, month = int(first), second
        else:
            month, day = int(first), second
    try:
        calendar_day = date(year, month, day)
        if match[5] is None:
            return _local(calendar_day)
        hour = int(match[5]) % 12 if match[8] else int(match[5])
        if match[8] and match[8].lower() == "pm":
            hour += 12
        return _local(calendar_day, time(hour, int(match[6]), int(match[7] or 0)))
    except ValueError:
        return None


def read_rows(
    table: Table,
    mapping: ColumnMapping,
    stages: Sequence[str],
    *,
    now: datetime,
) -> Iterator[RowRead]:
    """Each row of ``table`` read through ``mapping``; ``stages`` are the library's stage
    names (a status maps only to one of them). ``now`` stands in for a row with no date."""
    day_first = day_first_columns(table, mapping)
    known: dict[str, str | None] = {}  # status -> stage: a sheet repeats a handful of statuses

    def stage_for(status: str) -> str | None:
        if status not in known:
            known[status] = stage_of(status, mapping, stages)
        return known[status]

    columns = tuple(mapping.columns.items())  # (field, column), looked up once per table
    dated_stages = tuple(
        (name, named)
        for name, wanted in (("saved", SAVED_STAGE), ("applied", DEFAULT_STAGE))
        if (named := stage_for(wanted)) is not None and named.casefold() == wanted.casefold()
    )
    for row in table.rows:
        cells, width = row.cells, len(row.cells)
        values = {name: cells[c].strip() if c < width else "" for name, c in columns}
        yield _read_row(row, values, table.header, mapping, stage_for, dated_stages, day_first, now)


def _read_row(
    row: TableRow,
    values: dict[str, str],
    header: Sequence[str],
    mapping: ColumnMapping,
    stage_for: Callable[[str], str | None],
    dated_stages: Sequence[tuple[str, str]],
    day_first: set[int],
    now: datetime,
) -> RowRead:
    def cell(name: str) -> str:  # the field's cell, stripped; "" when no column holds it
        return values.get(name, "")

    company, title = cell("company"), cell("title")
    if not company and not title:
        return RowRead(row.number, None, problem=f"row {row.number}: no company and no title")
    notes: list[str] = []
    dates: dict[str, datetime | None] = {}
    applied_flag = False
    for name in DATE_FIELDS:
        text = cell(name)
        column = mapping.column(name)
        if not text:
            dates[name] = None
            continue
        if name == "applied" and text.casefold() in _YES | _NO:  # a tick box, not a date
            applied_flag = text.casefold() in _YES
            dates[name] = None
            continue
        moment = read_moment(text, day_first=column in day_first)
        if moment is None:
            label = FIELDS[name].lower()
            return RowRead(
                row.number, None, problem=f"row {row.number}: the {label} {text!r} is not a date"
            )
        dates[name] = moment
    stage, note = _stage(
        cell("status") or mapping.default_status or "", stage_for, dates, applied_flag
    )
    if note:
        notes.append(f"row {row.number}: {note}")
    history = _history(stage, dated_stages, dates, now)
    doc = PostingDocument(
        title=title or None,
        company=company or None,
        location=cell("location") or None,
        employment_type=cell("employment_type") or None,
        work_model=_work_model(cell("work_model"), row.number, notes),
        salary=_salary(cell("salary")),
        captured_at=dates["saved"] or dates["applied"] or now,
        valid_through=dates["deadline"].date().isoformat() if dates["deadline"] else None,
        url=_link(cell("url"), row.number, notes),
        description=_description(cell("description"), cell("source")),
        source_format="manual",
        raw=_raw(row, header),
        stage=stage,
        stage_history=history,
        application=_application(cell("notes"), cell("contact"), company, history, now),
    )
    return RowRead(row.number, doc, tuple(notes))


def _stage(
    status: str,
    stage_for: Callable[[str], str | None],
    dates: dict[str, datetime | None],
    applied_flag: bool,
) -> tuple[str | None, str | None]:
    """The row's stage, and a note when its status had to be guessed."""
    fallback = stage_for(DEFAULT_STAGE)
    if status:
        stage = stage_for(status)
        if stage is not None:
            return stage, None
        return (
            fallback,
            f"the status {status!r} has no stage; imported as {fallback or 'the first'}",
        )
    if dates["applied"] is not None or applied_flag:
        return fallback, None
    return stage_for(SAVED_STAGE), None


def _history(
    stage: str | None,
    dated_stages: Sequence[tuple[str, str]],
    dates: dict[str, datetime | None],
    now: datetime,
) -> tuple[StageChange, ...]:
    """Saved at, applied at, and the current stage at the status date, oldest first.
    ``dated_stages`` are (date field, the library's stage) for Saved and Applied when the
    library has them (one that renamed "Applied" has none). A current stage the row gives no
    date for is entered ``now`` (when Jobdeck learns of it, as a move made today would be), so
    the current stage is always the latest entry; it is marked ``undated``, so that a posting
    already saved places it among its own dates instead (``core.history_merge``)."""
    entries = [StageChange(named, at) for name, named in dated_stages if (at := dates[name])]
    current: StageChange | None = None
    if stage is not None:
        current = next((e for e in entries if e.stage == stage), None)
        if current is None:
            latest = max((e.at for e in entries), default=now)
            status_date = dates["status_date"]
            current = StageChange(stage, status_date or max(now, latest), undated=not status_date)
            entries.append(current)
    if len(entries) < 2:
        return tuple(entries)
    entries.sort(key=lambda change: change.at)
    if current is not None and entries[-1] is not current:
        # A saved or applied date after the status date (applied, then saved the posting
        # later; or a typo): those entries move back to the current stage's date, as a
        # backdated move moves them (core.pipeline.pulled_back), and it stays the latest.
        entries = [
            StageChange(e.stage, min(e.at, current.at)) for e in entries if e is not current
        ] + [current]
    return tuple(entries)


def _work_model(text: str, row: int, notes: list[str]) -> str | None:
    if not text:
        return None
    found = _WORK_MODELS.get(" ".join(text.casefold().split()))
    if found is None:
        notes.append(
            f"row {row}: the workplace {text!r} is not remote, hybrid or on-site; left out"
        )
    return found


@lru_cache(maxsize=8192)  # a sheet repeats its pay ranges; reading one is a regex search
def _salary(text: str) -> Salary | None:
    if not text:
        return None
    found = find_salary(text, labelled=True)
    if found is None:
        return Salary(text=text)
    return Salary(found.min, found.max, found.currency, found.period, text)


def _link(text: str, row: int, notes: list[str]) -> str | None:
    if not text:
        return None
    if _LINK.match(text):
        return text
    notes.append(f"row {row}: the link {text!r} is not a web address; left out")
    return None


def _description(description: str, source: str) -> str | None:
    """The posting's text, then where the user applied as a labelled line (the application
    log's "Where applied" column reads it there)."""
    parts: list[str] = []
    if description:
        from desktop.importers.html_text import fragment_text  # lxml, only for a description

        parts.append(fragment_text(description).strip())
    if source:
        parts.append(f"{WHERE_APPLIED}{source}")
    return "\n\n".join(p for p in parts if p) or None


def _application(
    notes: str, contact: str, company: str, history: Sequence[StageChange], now: datetime
) -> ApplicationRecord | None:
    """The row's notes as the application's note, each person its contact cell names
    ("Anna Schmidt; Ben Meyer" is two) as a contact of the company with a role in the
    application. What of the cell names nobody (a sentence, a bare link) joins the note as a
    "Contact:" line. The note is dated at the row's latest date
    (the sheet's state then), else ``now``; a second import knows it by its text."""
    people, unread = read_contacts(contact, company) if contact else ((), ())
    if contact and not people:
        unread = (contact.strip(),)  # the cell as it was written
    text = "\n\n".join(
        part for part in (notes.strip(), *(f"Contact: {piece}" for piece in unread)) if part
    )
    note_records: tuple[NoteRecord, ...] = ()
    if text:
        try:
            text = note_text(text)
        except ValueError:  # over the note's limit: the row's raw text keeps it whole
            text = text[: MAX_NOTE_CHARS - 1] + "…"
        at = max((change.at for change in history), default=now)
        note_records = (NoteRecord(text, at, at),)
    contacts = tuple(ContactRecord(person.fields, (person.role,)) for person in people)
    if not note_records and not contacts:
        return None
    return ApplicationRecord(notes=note_records, contacts=contacts)


def _raw(row: TableRow, header: Sequence[str]) -> str:
    """The row as received, one "Header: value" line a cell, kept as the posting's raw text
    (the same row read again has the same raw text, wherever the file lies)."""
    names = list(header) + [f"Column {c + 1}" for c in range(len(header), len(row.cells))]
    return "\n".join(
        f"{name}: {value}" for name, value in zip(names, row.cells, strict=False) if value.strip()
    )
