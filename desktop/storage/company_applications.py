"""The applications at an employer, found by the companies' match keys, in plain SQL.

``companies.match_key`` (``desktop.core.company_match``) is indexed, so finding every posting
at "Amazon" however it was written reads only those rows, at any size of library.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime

from desktop.core.bounds import readable_datetime

CHUNK = 500  # keys per query: far below SQLite's limit of bound values


@dataclass(frozen=True)
class ApplicationRow:
    posting_id: int
    title: str
    company: str
    match_key: str
    stage: str
    stage_closed: bool
    created_at: datetime | None
    entered_stage_at: datetime | None  # when it entered the stage it is in
    last_change_at: datetime | None  # its latest stage change


def _chunks(keys: Collection[str]) -> Iterator[list[str]]:
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def company_stamp(conn: sqlite3.Connection) -> tuple[int, int]:
    """(number of companies, largest id): changes whenever a company comes or goes."""
    count, largest = conn.execute("SELECT count(*), max(id) FROM companies").fetchone()
    return count, largest or 0


def match_keys(conn: sqlite3.Connection, after_id: int = 0) -> list[tuple[int, str]]:
    """(id, match key) of the companies with an id above ``after_id``."""
    return conn.execute(
        "SELECT id, match_key FROM companies WHERE id > ? AND match_key IS NOT NULL "
        "AND match_key != '' ORDER BY id",
        (after_id,),
    ).fetchall()


def applications_at(
    conn: sqlite3.Connection,
    keys: Collection[str],
    *,
    created_before: str | None = None,
) -> list[ApplicationRow]:
    """Every posting at a company with one of these match keys, with its stage and dates.

    ``created_before``: only postings saved before this stored time (``pipeline_sql.stored_time``).
    """
    rows: list[ApplicationRow] = []
    for chunk in _chunks(keys):
        marks = ",".join("?" * len(chunk))
        params: list[object] = list(chunk)
        before = ""
        if created_before is not None:
            before = "AND p.created_at < ?"
            params.append(created_before)
        found = conn.execute(
            "SELECT p.id, p.title, c.name, c.match_key, s.name, s.is_closed, p.created_at, "
            "(SELECT max(x.at) FROM stage_changes AS x "
            " WHERE x.posting_id = p.id AND x.stage_id = p.stage_id), "
            "(SELECT max(x.at) FROM stage_changes AS x WHERE x.posting_id = p.id) "
            "FROM companies AS c JOIN postings AS p ON p.company_id = c.id "
            "JOIN stages AS s ON s.id = p.stage_id "
            f"WHERE c.match_key IN ({marks}) {before}",
            params,
        )
        rows += [
            ApplicationRow(
                posting_id,
                title,
                company,
                key,
                stage,
                bool(closed),
                readable_datetime(created),
                readable_datetime(entered),
                readable_datetime(changed),
            )
            for posting_id, title, company, key, stage, closed, created, entered, changed in found
        ]
    return rows


def postings_per_key(conn: sqlite3.Connection, keys: Collection[str]) -> dict[str, int]:
    """How many postings each of these match keys has (keys with none are left out)."""
    counts: dict[str, int] = {}
    for chunk in _chunks(keys):
        marks = ",".join("?" * len(chunk))
        for key, count in conn.execute(
            "SELECT c.match_key, count(p.id) FROM companies AS c "
            "JOIN postings AS p ON p.company_id = c.id "
            f"WHERE c.match_key IN ({marks}) GROUP BY c.match_key",
            chunk,
        ):
            counts[key] = count
    return counts
