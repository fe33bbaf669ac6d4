"""The agenda's shared plain SQL on ``sqlite3``: an application's name as the agenda shows it,
deadlines, the reminders already shown and the agenda's settings.

Interviews and tasks have their own modules (``interview_rows``, ``task_rows``); what the
suggestions are made from is in ``suggestion_rows``, the JSON round trip in
``agenda_transfer``. Times are stored as ``models.UtcDateTime`` stores them (fixed-width UTC
ISO text), so they sort as text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, datetime

from desktop.core.agenda import AgendaItem, AgendaSettings, ItemKind
from desktop.core.bounds import readable_datetime
from desktop.storage.pipeline_sql import stored_time
from desktop.storage.record_errors import PostingMissing

# "Company — Title" for a posting, or its title alone when it has no company.
APPLICATION = (
    "CASE WHEN c.name IS NULL OR c.name = '' THEN p.title ELSE c.name || ' — ' || p.title END"
)


def required_time(text: str) -> datetime:
    value = readable_datetime(text)
    assert value is not None, f"unreadable stored time {text!r}"
    return value


def check_posting(conn: sqlite3.Connection, posting_id: int | None) -> None:
    if posting_id is None:
        return
    if conn.execute("SELECT 1 FROM postings WHERE id = ?", (posting_id,)).fetchone() is None:
        raise PostingMissing(f"There is no posting with id {posting_id}.")


def application_name(conn: sqlite3.Connection, posting_id: int | None) -> str:
    """ "Company — Title" of a posting ("" for None or a posting that is gone)."""
    if posting_id is None:
        return ""
    row = conn.execute(
        f"SELECT {APPLICATION} FROM postings AS p LEFT JOIN companies AS c "
        "ON c.id = p.company_id WHERE p.id = ?",
        (posting_id,),
    ).fetchone()
    return row[0] if row else ""


# -- deadlines -----------------------------------------------------------------------------------


def deadlines(
    conn: sqlite3.Connection, stage_id: int, since: date, until: date | None = None
) -> list[AgendaItem]:
    """The "apply by" dates of postings in ``stage_id`` (not yet applied to) from ``since`` on
    (before ``until`` when given), found through the index on ``valid_through``.

    ``valid_through`` is the source's ISO text: a day, or a day and time."""
    bound, values = "", [since.isoformat()]
    if until is not None:
        bound = " AND p.valid_through < ?"
        values.append(until.isoformat())
    rows = conn.execute(
        f"SELECT p.id, p.valid_through, {APPLICATION} FROM postings AS p "
        "INDEXED BY ix_postings_valid_through "
        "LEFT JOIN companies AS c ON c.id = p.company_id "
        f"WHERE p.valid_through >= ?{bound} AND p.stage_id = ?",
        [*values, stage_id],
    )
    found = []
    for posting_id, text, name in rows:
        day, at = _deadline(text)
        if day is None:
            continue
        found.append(
            AgendaItem(ItemKind.DEADLINE, posting_id, posting_id, "Apply by", name, day, at)
        )
    return found


def _deadline(text: str) -> tuple[date | None, datetime | None]:
    try:
        if len(text) == 10:
            return date.fromisoformat(text), None
        value = datetime.fromisoformat(text)
    except ValueError:
        return None, None
    if value.tzinfo is None:
        return value.date(), None
    return value.date(), value


# -- reminders and settings ---------------------------------------------------------------------


def claim_reminders(conn: sqlite3.Connection, keys: Iterable[str], now: datetime) -> set[str]:
    """Record the reminders as shown; returns the keys that were not recorded before (the
    ones this caller shows). In a write transaction, so two windows never both show one."""
    claimed = set()
    for key in keys:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO fired_reminders (key, fired_at) VALUES (?, ?)",
            (key, stored_time(now)),
        )
        if cursor.rowcount == 1:
            claimed.add(key)
    return claimed


def fired(conn: sqlite3.Connection, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            key
            for (key,) in conn.execute(
                f"SELECT key FROM fired_reminders WHERE key IN ({marks})", chunk
            )
        )
    return found


def read_settings(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT name, value FROM agenda_settings"))


def write_settings(conn: sqlite3.Connection, settings: AgendaSettings) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO agenda_settings (name, value) VALUES (?, ?)",
        [(name, str(int(value))) for name, value in asdict(settings).items()],
    )


def stage_id_named(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the stage in use with this name (any case), without counting its postings."""
    wanted = name.casefold()
    for stage_id, stage in conn.execute("SELECT id, name FROM stages WHERE NOT archived"):
        if " ".join(stage.split()).casefold() == wanted:
            return int(stage_id)
    return None
