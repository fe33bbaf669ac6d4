"""The counts behind the Insights page and ``jobdeck stats``, in plain SQL over the histories.

SQLite does the counting, from indexes rather than the postings table (whose rows hold whole
descriptions: reading 100,000 of them for two numbers took over a second):

- ``temp.insight_cohort`` (id, company_id, stage_id): the applications the period and filters
  keep, a temporary table on the connection only (even on a read-only library); when nothing
  narrows them, a view of every posting that SQLite reads from (company_id, stage_id)'s index.
  Queries walk it, never look rows up in it by id (through the view, that reads the table).
- Flows come from ``stage_changes.prev_stage_id`` (kept by triggers, migration 0016) through
  a partial index of the steps: no history has to be put in order.
- How far each history got (the funnel's conversions) from the stage index, or from one walk
  of the (posting_id, at) index when most histories went past their first stage.

This module holds the cohort and the first part of the page (the funnel, the flows);
``insight_answers`` the second (who answered, when, per employer, who waits);
``insight_figures`` the lists of applications each figure opens.

Python only ever sees counts and short lists. Times are the fixed-width UTC text the library
stores, so they compare and sort as text; ``julianday`` turns them into days.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager

from desktop.core.insights import Filters, StageRef
from desktop.core.labels import name_key
from desktop.storage.filter_sql import filter_conditions
from desktop.storage.fts_query import match_query

TEMP_TABLES = (
    "insight_keys",
    "insight_ended",
    "insight_answered",
    "insight_applied",
    "insight_first",
)


def stages(conn: sqlite3.Connection) -> list[StageRef]:
    """Every stage, deleted (archived) ones too: histories keep their names."""
    return [
        StageRef(stage_id, name, color, position, bool(closed), bool(archived))
        for stage_id, name, color, position, closed, archived in conn.execute(
            "SELECT id, name, color, position, is_closed, archived FROM stages "
            "ORDER BY position, id"
        )
    ]


def ids_sql(values: Collection[int]) -> str:
    """A list of our own integer ids, written into the SQL (never text from outside)."""
    return ",".join(str(int(v)) for v in values) or "NULL"


@contextmanager
def cohort(
    conn: sqlite3.Connection, filters: Filters, start: str | None, end: str | None
) -> Iterator[None]:
    """Within the block, ``temp.insight_cohort`` (id, company_id, stage_id) holds the postings
    the filters keep whose history begins in [start, end) (stored times; None: open); a view of
    every posting when nothing narrows them. Everything made inside the block (``answered``)
    is dropped at its end."""
    conditions: list[str] = []
    params: list[object] = []
    fts = match_query(conn, filters.search)
    if fts is not None:
        conditions.append("p.id IN (SELECT rowid FROM postings_fts WHERE postings_fts MATCH ?)")
        params.append(fts)
    filtered, filter_parameters = filter_conditions(conn, filters.search)
    conditions += filtered
    params += filter_parameters
    if filters.label:
        conditions.append(
            "p.id IN (SELECT pl.posting_id FROM posting_labels AS pl JOIN labels AS l "
            "ON l.id = pl.label_id WHERE l.name_key = ?)"
        )
        params.append(name_key(filters.label))
    if filters.employment_type:
        conditions.append("lower(p.employment_type) = lower(?)")
        params.append(filters.employment_type)
    began = ""
    if start is not None or end is not None:
        # When each history began: the (posting_id, at) index answers it without the table.
        began = (
            "JOIN (SELECT posting_id, min(at) AS began FROM stage_changes GROUP BY posting_id) "
            "AS f ON f.posting_id = p.id"
        )
        if start is not None:
            conditions.append("f.began >= ?")
            params.append(start)
        if end is not None:
            conditions.append("f.began < ?")
            params.append(end)
    where = " WHERE " + " AND ".join(conditions) if conditions else ""
    _drop(conn)
    try:
        if where or began:
            # A table with its key (a join probes it by id), filled in the connection's own
            # temporary database: the library itself is only read.
            conn.execute(
                "CREATE TEMP TABLE insight_cohort "
                "(id INTEGER PRIMARY KEY, company_id INTEGER, stage_id INTEGER)"
            )
            conn.execute(
                "INSERT INTO temp.insight_cohort SELECT p.id, p.company_id, p.stage_id "
                f"FROM postings AS p {began}{where}",
                params,
            )
            conn.commit()
        else:  # every posting: a view, so 100,000 rows are not copied first
            conn.execute(
                "CREATE TEMP VIEW insight_cohort AS SELECT id, company_id, stage_id FROM postings"
            )
        yield
    finally:
        _drop(conn)


def narrowed(conn: sqlite3.Connection) -> bool:
    kind = conn.execute("SELECT type FROM temp.sqlite_master WHERE name = 'insight_cohort'")
    return kind.fetchone() != ("view",)


def cohort_join(conn: sqlite3.Connection, column: str) -> str:
    """The JOIN that keeps ``column``'s postings to the cohort; none when the cohort is every
    posting (the view), which spares a lookup per history row."""
    if not narrowed(conn):
        return ""
    return f"JOIN temp.insight_cohort AS k ON k.id = {column} "


def _drop(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:  # left open by a failure while filling the tables
        conn.rollback()
    for table in TEMP_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
    kind = conn.execute(
        "SELECT type FROM temp.sqlite_master WHERE name = 'insight_cohort'"
    ).fetchone()
    if kind is not None:
        conn.execute(f"DROP {'VIEW' if kind[0] == 'view' else 'TABLE'} temp.insight_cohort")


def total(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM temp.insight_cohort").fetchone()[0]


def reached(conn: sqlite3.Connection) -> dict[int, int]:
    """{stage id: applications whose history entered it}."""
    return dict(
        conn.execute(
            "SELECT c.stage_id, count(DISTINCT c.posting_id) FROM stage_changes AS c "
            f"{cohort_join(conn, 'c.posting_id')}GROUP BY c.stage_id"
        ).fetchall()
    )


# Each step of each history: the stage before and the one entered (ix_stage_changes_steps).
STEPS = "c.prev_stage_id IS NOT NULL AND c.prev_stage_id != c.stage_id"


def steps(conn: sqlite3.Connection) -> list[tuple[int, int, int]]:
    """(from stage id, to stage id, applications that took that step)."""
    return conn.execute(
        "SELECT c.prev_stage_id, c.stage_id, count(DISTINCT c.posting_id) "
        f"FROM stage_changes AS c {cohort_join(conn, 'c.posting_id')}WHERE {STEPS} "
        "GROUP BY c.prev_stage_id, c.stage_id"
    ).fetchall()


def furthest(
    conn: sqlite3.Connection, ranks: Mapping[int, int], entered: Mapping[int, int]
) -> dict[int, int]:
    """{rank: applications whose furthest entry into the stages ``ranks`` ranks ({stage id:
    rank}, higher is further) has that rank}; histories that entered none are left out.
    ``entered`` is what ``reached`` read (it says which way is cheaper).

    When few histories went past the lowest rank (a library of postings merely saved), only
    the entries into the higher ranks are read, from the stage index; otherwise one walk of
    the (posting_id, at) index, in posting order, is cheaper than sorting most rows."""
    if not ranks:
        return {}
    lowest = min(ranks.values())
    first = [s for s, rank in ranks.items() if rank == lowest]
    later = [s for s, rank in ranks.items() if rank != lowest]
    case = " ".join(f"WHEN {int(s)} THEN {int(rank)}" for s, rank in ranks.items())
    kept = cohort_join(conn, "c.posting_id")
    past_first = sum(entered.get(s, 0) for s in later)
    if past_first * 4 > sum(entered.values()):
        return dict(
            conn.execute(
                f"SELECT far, count(*) FROM (SELECT max(CASE c.stage_id {case} END) AS far "
                f"FROM stage_changes AS c {kept}GROUP BY c.posting_id) "
                "WHERE far IS NOT NULL GROUP BY far"
            ).fetchall()
        )
    counts: dict[int, int] = {}
    never_first = 0  # went further without entering the lowest rank
    for rank, count, skipped in conn.execute(
        "SELECT far, count(*), sum(NOT EXISTS (SELECT 1 FROM stage_changes AS s "
        f"WHERE s.posting_id = x.posting_id AND s.stage_id IN ({ids_sql(first)}))) "
        f"FROM (SELECT c.posting_id, max(CASE c.stage_id {case} END) AS far "
        f"FROM stage_changes AS c {kept}WHERE c.stage_id IN ({ids_sql(later)}) "
        "GROUP BY c.posting_id) AS x GROUP BY far"
    ):
        counts[rank] = count
        never_first += skipped
    # Those whose furthest is the lowest rank: every history that entered it, less those
    # that went further (counted above, each once).
    (entered_first,) = conn.execute(
        "SELECT count(DISTINCT c.posting_id) FROM stage_changes AS c "
        f"{kept}WHERE c.stage_id IN ({ids_sql(first)})"
    ).fetchone()
    further = sum(counts.values()) - never_first
    if entered_first - further:
        counts[lowest] = entered_first - further
    return counts
