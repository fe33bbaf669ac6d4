"""The reads behind the Insights page and ``jobdeck stats``: every stage history, in plain SQL.

One pass over ``stage_changes`` (joined to the postings the filters keep), ordered so that each
application's history comes out whole and oldest first. Times stay the fixed-width UTC text the
library stores until a history is built, parsed once each.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime

from desktop.core.bounds import readable_datetime
from desktop.core.insights import Filters, History, StageRef
from desktop.storage.fts_query import match_query


def stages(conn: sqlite3.Connection) -> list[StageRef]:
    """Every stage, deleted (archived) ones too: histories keep their names."""
    return [
        StageRef(stage_id, name, color, position, bool(closed), bool(archived))
        for stage_id, name, color, position, closed, archived in conn.execute(
            "SELECT id, name, color, position, is_closed, archived FROM stages "
            "ORDER BY position, id"
        )
    ]


def _where(filters: Filters) -> tuple[str, list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    fts = match_query(filters.search)
    if fts is not None:
        conditions.append("p.id IN (SELECT rowid FROM postings_fts WHERE postings_fts MATCH ?)")
        params.append(fts)
    if filters.label:
        conditions.append("p.label_color = ?")
        params.append(filters.label)
    if filters.employment_type:
        conditions.append("lower(p.employment_type) = lower(?)")
        params.append(filters.employment_type)
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


def histories(conn: sqlite3.Connection, filters: Filters) -> Iterator[History]:
    """The stage history of every posting the filters keep, one application at a time."""
    companies = {
        company_id: (name, key or "")
        for company_id, name, key in conn.execute("SELECT id, name, match_key FROM companies")
    }
    where, params = _where(filters)
    rows = conn.execute(
        "SELECT c.posting_id, p.company_id, p.stage_id, c.stage_id, c.at "
        "FROM postings AS p JOIN stage_changes AS c ON c.posting_id = p.id"
        f"{where} ORDER BY c.posting_id, c.at, c.id",
        params,
    )
    current: int | None = None
    company_id: int | None = None
    stage_id = 0
    changes: list[tuple[int, datetime]] = []
    parsed: dict[str, datetime | None] = {}
    for posting_id, company, stage, entered, at in rows:
        if posting_id != current:
            if current is not None and changes:
                yield _history(current, company_id, stage_id, changes, companies)
            current, company_id, stage_id, changes = posting_id, company, stage, []
        when = parsed.get(at)
        if when is None:
            when = readable_datetime(at)
            if len(parsed) < 65536:
                parsed[at] = when
        if when is not None:  # a time no Jobdeck could store is left out, not guessed
            changes.append((entered, when))
    if current is not None and changes:
        yield _history(current, company_id, stage_id, changes, companies)


def _history(
    posting_id: int,
    company_id: int | None,
    stage_id: int,
    changes: list[tuple[int, datetime]],
    companies: dict[int, tuple[str, str]],
) -> History:
    name, key = companies.get(company_id, ("", "")) if company_id is not None else ("", "")
    return History(posting_id, key, name, stage_id, tuple(changes))


def choices(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """(the employment types, the card labels) in use, for the page's filters."""
    types = [
        value
        for (value,) in conn.execute(
            "SELECT DISTINCT employment_type FROM postings WHERE employment_type IS NOT NULL "
            "ORDER BY employment_type"
        )
    ]
    labels = [
        value
        for (value,) in conn.execute(
            "SELECT DISTINCT label_color FROM postings WHERE label_color IS NOT NULL "
            "ORDER BY label_color"
        )
    ]
    return types, labels


def titles(conn: sqlite3.Connection, posting_ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """(title, company, stage) of these postings, for the lists the figures open."""
    found: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(posting_ids), 500):
        chunk = posting_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for posting_id, title, company, stage in conn.execute(
            "SELECT p.id, p.title, coalesce(c.name, ''), s.name FROM postings AS p "
            "LEFT JOIN companies AS c ON c.id = p.company_id "
            f"JOIN stages AS s ON s.id = p.stage_id WHERE p.id IN ({marks})",
            chunk,
        ):
            found[posting_id] = (title, company, stage)
    return found
