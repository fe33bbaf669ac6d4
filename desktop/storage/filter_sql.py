"""The filter terms of a search (``core.filter_terms``) as SQL conditions over ``postings AS p``.

Every read that follows the search (the list and its counts, the board's columns and cards,
Insights) adds these conditions to its own, as it adds the full-text match. Each is checked
per row the query walks, so the list still reads a page by walking its sort index.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from desktop.core.filter_terms import filter_terms

_HAS_SALARY = "(p.salary_min IS NOT NULL OR p.salary_max IS NOT NULL OR p.salary_text IS NOT NULL)"

# When the user applied: their own date (application facts), else the first move to the stage
# named Applied, as the list shows it (application_dates, kept by triggers; an index range).
_APPLIED_SINCE = "p.id IN (SELECT d.posting_id FROM application_dates AS d WHERE d.applied_at >= ?)"


def _stored(at: datetime) -> str:
    """A time as the library stores it (storage.pipeline_sql.stored_time)."""
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def _marks(values: tuple[object, ...]) -> str:
    return ", ".join("?" * len(values))


def filter_conditions(
    conn: sqlite3.Connection, search: str, now: datetime | None = None
) -> tuple[list[str], list[object]]:
    """SQL conditions (ANDed) over ``postings AS p`` and their parameters for the filter
    terms of ``search``; two empty lists when it has none. ``now`` (default: the clock)
    anchors ``posted:`` and ``applied:`` periods."""
    terms = filter_terms(search)
    conditions: list[str] = []
    parameters: list[object] = []
    if not terms.narrows:
        return conditions, parameters
    if terms.stages:
        # Stage names compared as the user sees them (case folded in Python: SQLite's lower()
        # folds ASCII only); an unknown name matches nothing, as a word nowhere would.
        wanted = set(terms.stages)
        ids = tuple(
            stage_id
            for stage_id, name in conn.execute("SELECT id, name FROM stages")
            if " ".join(name.split()).casefold() in wanted
        )
        conditions.append(f"p.stage_id IN ({_marks(ids)})" if ids else "0")
        parameters += ids
    if terms.work_models:
        conditions.append(f"p.work_model IN ({_marks(terms.work_models)})")
        parameters += terms.work_models
    # SQLite's lower() and LIKE fold ASCII letters only: a value with other letters
    # ("location:münchen") is compared through casefold() (database.py), a Python call per
    # posting, which ASCII values need not pay.
    if terms.types:
        fold = "lower" if all(kind.isascii() for kind in terms.types) else "casefold"
        conditions.append(f"{fold}(trim(p.employment_type)) IN ({_marks(terms.types)})")
        parameters += terms.types
    if terms.locations:
        places = []
        for place in terms.locations:
            if place.isascii():
                places.append("p.location LIKE ? ESCAPE '\\'")
                parameters.append(f"%{_escaped(place)}%")
            else:
                places.append("instr(casefold(p.location), ?) > 0")
                parameters.append(place.casefold())
        conditions.append("(" + " OR ".join(places) + ")")
    moment = now or datetime.now(UTC)
    if terms.posted_days is not None:
        conditions.append("p.posted_at >= ?")
        parameters.append(_stored(moment - timedelta(days=terms.posted_days)))
    if terms.applied_days is not None:
        since = _stored(moment - timedelta(days=terms.applied_days))
        conditions.append(_APPLIED_SINCE)
        parameters.append(since)
    if terms.salary is not None:
        conditions.append(_HAS_SALARY if terms.salary else f"NOT {_HAS_SALARY}")
    if terms.labels:  # any of them (several values of one kind widen)
        conditions.append(
            "p.id IN (SELECT pl.posting_id FROM posting_labels AS pl JOIN labels AS l "
            f"ON l.id = pl.label_id WHERE l.name_key IN ({_marks(terms.labels)}))"
        )
        parameters += terms.labels
    return conditions, parameters


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def choices(conn: sqlite3.Connection, column: str, limit: int = 12) -> list[tuple[str, int]]:
    """The most common values of ``column`` ("employment_type" or "location") with their
    counts, most common first: the filter bar's choices."""
    if column not in ("employment_type", "location"):
        raise ValueError(f"No filter choices for {column!r}.")
    rows = conn.execute(
        f"SELECT trim({column}) AS v, count(*) AS n FROM postings "
        f"WHERE {column} IS NOT NULL AND trim({column}) != '' "
        "GROUP BY lower(v) ORDER BY n DESC, v LIMIT ?",
        (limit,),
    )
    return [(value, count) for value, count in rows]
