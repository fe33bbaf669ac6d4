"""The counts behind the Insights page and ``jobdeck stats``, in plain SQL over the histories.

SQLite does the counting, from indexes rather than the postings table (whose rows hold whole
descriptions: reading 100,000 of them for two numbers took over a second):

- ``temp.insight_cohort`` (id, company_id, stage_id): the applications the period and filters
  keep, a temporary table on the connection only (even on a read-only library); when nothing
  narrows them, a view of every posting that SQLite reads from (company_id, stage_id)'s index.
  Queries walk it, never look rows up in it by id (through the view, that reads the table).
- Flows come from ``stage_changes.prev_stage_id`` (kept by triggers, migration 0016) through
  a partial index of the steps: no history has to be put in order.
- ``answered(...)`` adds, for the second part of the page, ``temp.insight_applied``
  (posting_id, applied_at: the first entry into Applied) and ``temp.insight_answered``
  (posting_id, answered_at: the first answer after it), each filled from one index.

Python only ever sees counts and short lists. Times are the fixed-width UTC text the library
stores, so they compare and sort as text; ``julianday`` turns them into days.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from desktop.core.bounds import readable_datetime
from desktop.core.insights import Figure, Filters, StageRef
from desktop.core.labels import name_key
from desktop.storage.filter_sql import filter_conditions
from desktop.storage.fts_query import match_query

_TEMP_TABLES = ("insight_keys", "insight_answered", "insight_applied", "insight_first")


def stages(conn: sqlite3.Connection) -> list[StageRef]:
    """Every stage, deleted (archived) ones too: histories keep their names."""
    return [
        StageRef(stage_id, name, color, position, bool(closed), bool(archived))
        for stage_id, name, color, position, closed, archived in conn.execute(
            "SELECT id, name, color, position, is_closed, archived FROM stages "
            "ORDER BY position, id"
        )
    ]


def _ids(values: Collection[int]) -> str:
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
    fts = match_query(filters.search)
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


def _narrowed(conn: sqlite3.Connection) -> bool:
    kind = conn.execute("SELECT type FROM temp.sqlite_master WHERE name = 'insight_cohort'")
    return kind.fetchone() != ("view",)


def _cohort_join(conn: sqlite3.Connection, column: str) -> str:
    """The JOIN that keeps ``column``'s postings to the cohort; none when the cohort is every
    posting (the view), which spares a lookup per history row."""
    if not _narrowed(conn):
        return ""
    return f"JOIN temp.insight_cohort AS k ON k.id = {column} "


def _drop(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:  # left open by a failure while filling the tables
        conn.rollback()
    for table in _TEMP_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
    kind = conn.execute(
        "SELECT type FROM temp.sqlite_master WHERE name = 'insight_cohort'"
    ).fetchone()
    if kind is not None:
        conn.execute(f"DROP {'VIEW' if kind[0] == 'view' else 'TABLE'} temp.insight_cohort")


@contextmanager
def answered(
    conn: sqlite3.Connection, applied: int | None, answers: Collection[int]
) -> Iterator[None]:
    """Inside ``cohort``: within the block, ``temp.insight_applied`` (posting_id, company_id,
    stage_id: the current one, applied_at) holds the cohort's applications that entered stage
    ``applied`` (the first time), and ``temp.insight_answered`` (posting_id, answered_at)
    those of them that entered one of ``answers`` after it (the first such entry)."""
    try:
        conn.execute(
            "CREATE TEMP TABLE insight_first (posting_id INTEGER PRIMARY KEY, applied_at TEXT)"
        )
        conn.execute(
            "CREATE TEMP TABLE insight_applied (posting_id INTEGER PRIMARY KEY, "
            "company_id INTEGER, stage_id INTEGER, applied_at TEXT)"
        )
        conn.execute(
            "CREATE TEMP TABLE insight_answered (posting_id INTEGER PRIMARY KEY, answered_at TEXT)"
        )
        # When each entered Applied, from the (stage_id, posting_id, at) index alone.
        conn.execute(
            "INSERT INTO temp.insight_first SELECT c.posting_id, min(c.at) "
            f"FROM stage_changes AS c {_cohort_join(conn, 'c.posting_id')}"
            f"WHERE c.stage_id = {_ids([applied] if applied is not None else [])} "
            "GROUP BY c.posting_id"
        )
        # Their employer and stage: a few applications are looked up by id; when they are a
        # good share of the postings, one walk over the narrow (company_id, stage_id) index
        # (or the narrowed cohort) is cheaper than as many lookups in the postings table.
        (sent,) = conn.execute("SELECT count(*) FROM temp.insight_first").fetchone()
        if not _narrowed(conn) and sent * 8 < total(conn):
            conn.execute(
                "INSERT INTO temp.insight_applied SELECT f.posting_id, p.company_id, "
                "p.stage_id, f.applied_at FROM temp.insight_first AS f "
                "JOIN postings AS p ON p.id = f.posting_id"
            )
        else:
            conn.execute(
                "INSERT INTO temp.insight_applied SELECT k.id, k.company_id, k.stage_id, "
                "f.applied_at FROM temp.insight_cohort AS k "
                "CROSS JOIN temp.insight_first AS f ON f.posting_id = k.id ORDER BY k.id"
            )
        conn.execute(
            "INSERT INTO temp.insight_answered SELECT c.posting_id, min(c.at) "
            "FROM stage_changes AS c CROSS JOIN temp.insight_applied AS a "
            "ON a.posting_id = c.posting_id "
            f"WHERE c.stage_id IN ({_ids(answers)}) AND c.at >= a.applied_at "
            "GROUP BY c.posting_id"
        )
        conn.commit()
        yield
    finally:
        if conn.in_transaction:
            conn.rollback()
        for table in _TEMP_TABLES:
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")


def total(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM temp.insight_cohort").fetchone()[0]


def reached(conn: sqlite3.Connection) -> dict[int, int]:
    """{stage id: applications whose history entered it}."""
    return dict(
        conn.execute(
            "SELECT c.stage_id, count(DISTINCT c.posting_id) FROM stage_changes AS c "
            f"{_cohort_join(conn, 'c.posting_id')}GROUP BY c.stage_id"
        ).fetchall()
    )


# Each step of each history: the stage before and the one entered (ix_stage_changes_steps).
_STEPS = "c.prev_stage_id IS NOT NULL AND c.prev_stage_id != c.stage_id"


def steps(conn: sqlite3.Connection) -> list[tuple[int, int, int]]:
    """(from stage id, to stage id, applications that took that step)."""
    return conn.execute(
        "SELECT c.prev_stage_id, c.stage_id, count(DISTINCT c.posting_id) "
        f"FROM stage_changes AS c {_cohort_join(conn, 'c.posting_id')}WHERE {_STEPS} "
        "GROUP BY c.prev_stage_id, c.stage_id"
    ).fetchall()


_DAYS = "julianday(n.answered_at) - julianday(a.applied_at)"


def responses(conn: sqlite3.Connection) -> tuple[int, int, list[float]]:
    """Inside ``answered``: (applied, answered, the days to each answer in order)."""
    (applied,) = conn.execute("SELECT count(*) FROM temp.insight_applied").fetchone()
    days = [
        d
        for (d,) in conn.execute(
            f"SELECT {_DAYS} AS d FROM temp.insight_answered AS n "
            "JOIN temp.insight_applied AS a ON a.posting_id = n.posting_id ORDER BY d"
        )
    ]
    return applied, len(days), days


# The Monday of the week an application was sent, in the user's time zone.
_MONDAY = "date(applied_at, 'localtime', '-6 days', 'weekday 1')"


def weeks(conn: sqlite3.Connection) -> list[tuple[date, int]]:
    """Inside ``answered``: (Monday, applications sent that week), oldest first."""
    return [
        (date.fromisoformat(monday), count)
        for monday, count in conn.execute(
            f"SELECT {_MONDAY} AS monday, count(*) FROM temp.insight_applied "
            "GROUP BY monday ORDER BY monday"
        )
    ]


def companies(
    conn: sqlite3.Connection, offers: Collection[int], rejections: Collection[int]
) -> tuple[list[tuple[str, str, int, int, int, int, int]], dict[str, list[float]]]:
    """Inside ``answered``: per employer (match key) with at least one application sent:
    (key, its name that sorts first, applications, applied, answered, reached one of
    ``offers``, reached one of ``rejections``); and {key: days to each answer, in order}.

    Read from the applications sent and the employers they went to, so the cost follows the
    applications sent, not the postings merely saved."""
    kept = _cohort_join(conn, "c.posting_id")
    per_key: dict[str, list] = {}

    def row(key: str) -> list:
        return per_key.setdefault(key, [key, None, 0, 0, 0, 0, 0])

    conn.execute("CREATE TEMP TABLE insight_keys (key TEXT PRIMARY KEY)")
    try:
        sent = conn.execute(
            "SELECT coalesce(co.match_key, ''), count(*), count(n.posting_id) "
            "FROM temp.insight_applied AS a LEFT JOIN companies AS co ON co.id = a.company_id "
            "LEFT JOIN temp.insight_answered AS n ON n.posting_id = a.posting_id GROUP BY 1"
        ).fetchall()
        for key, applied, answered_count in sent:
            row(key)[3:5] = [applied, answered_count]
        conn.executemany("INSERT INTO temp.insight_keys VALUES (?)", [(k,) for k in per_key])
        # Every posting of the cohort at those employers, under any of their names: for every
        # posting, from the employers' rows to their postings by the company index (CROSS
        # JOIN keeps that order); a narrowed cohort (no such index) is walked instead.
        join = "JOIN" if kept else "CROSS JOIN"
        for key, name, count in conn.execute(
            "SELECT coalesce(co.match_key, ''), min(co.name), count(k.id) "
            f"FROM temp.insight_keys AS w {join} companies AS co ON co.match_key = w.key "
            f"{join} temp.insight_cohort AS k ON k.company_id = co.id GROUP BY 1"
        ):
            row(key)[1:3] = [name, count]
        if "" in per_key:  # postings without a company
            (nameless,) = conn.execute(
                "SELECT count(*) FROM temp.insight_cohort WHERE company_id IS NULL"
            ).fetchone()
            per_key[""][2] += nameless
        for key, offered, rejected in conn.execute(
            "SELECT coalesce(co.match_key, ''), "
            f"count(DISTINCT c.posting_id) FILTER (WHERE c.stage_id IN ({_ids(offers)})), "
            f"count(DISTINCT c.posting_id) FILTER (WHERE c.stage_id IN ({_ids(rejections)})) "
            f"FROM stage_changes AS c {kept}JOIN postings AS p ON p.id = c.posting_id "
            "LEFT JOIN companies AS co ON co.id = p.company_id "
            f"WHERE c.stage_id IN ({_ids([*offers, *rejections])}) GROUP BY 1"
        ):
            if key in per_key:
                per_key[key][5:7] = [offered, rejected]
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.insight_keys")
    days: dict[str, list[float]] = {}
    for key, value in conn.execute(
        f"SELECT coalesce(co.match_key, ''), {_DAYS} AS d FROM temp.insight_answered AS n "
        "JOIN temp.insight_applied AS a ON a.posting_id = n.posting_id "
        "LEFT JOIN companies AS co ON co.id = a.company_id ORDER BY 1, d"
    ):
        days.setdefault(key, []).append(value)
    return [(k, name or "", *rest) for k, name, *rest in per_key.values()], days  # type: ignore[misc]


# Applied, never answered, in a stage still open.
_WAITING = (
    "FROM temp.insight_applied AS a JOIN stages AS s ON s.id = a.stage_id "
    "WHERE NOT s.is_closed AND NOT EXISTS "
    "(SELECT 1 FROM temp.insight_answered AS n WHERE n.posting_id = a.posting_id) "
)


def waiting(
    conn: sqlite3.Connection, limit: int
) -> tuple[int, list[tuple[int, str, str, str, datetime]]]:
    """Inside ``answered``: (how many wait, the ``limit`` longest: (posting id, company,
    title, stage, applied))."""
    longest = conn.execute(
        f"SELECT a.posting_id, a.applied_at, s.name, count(*) OVER () {_WAITING}"
        "ORDER BY a.applied_at, a.posting_id LIMIT ?",
        (limit,),
    ).fetchall()
    count = longest[0][3] if longest else 0
    shown = dict(
        (posting_id, (title, company))
        for posting_id, title, company in conn.execute(
            "SELECT p.id, p.title, coalesce(co.name, '') FROM postings AS p "
            "LEFT JOIN companies AS co ON co.id = p.company_id "
            f"WHERE p.id IN ({_ids([row[0] for row in longest])})"
        )
    )
    return count, [
        (pid, shown[pid][1], shown[pid][0], stage, at)
        for pid, stored, stage, _count in longest
        if pid in shown and (at := readable_datetime(stored)) is not None
    ]


# Figures read from ``temp.insight_applied`` and ``insight_answered``: their lists need them.
ANSWERED_KINDS = frozenset({"applied", "responded", "week", "waiting"})


def figure_ids(conn: sqlite3.Connection, figure: Figure) -> list[int]:
    """The ids of the applications ``figure`` counts (inside ``cohort``, and ``answered`` for
    the ``ANSWERED_KINDS``), in id order."""
    kind, key = figure.kind, figure.key
    params: tuple = ()
    if kind == "all":
        sql = "SELECT id FROM temp.insight_cohort"
    elif kind == "reached":
        sql = (
            "SELECT DISTINCT c.posting_id FROM stage_changes AS c "
            f"{_cohort_join(conn, 'c.posting_id')}WHERE c.stage_id = ?"
        )
        params = (key,)
    elif kind == "flow":
        sql = (
            "SELECT DISTINCT c.posting_id FROM stage_changes AS c "
            f"{_cohort_join(conn, 'c.posting_id')}"
            f"WHERE {_STEPS} AND c.prev_stage_id = ? AND c.stage_id = ?"
        )
        params = key  # type: ignore[assignment]
    elif kind == "applied":
        sql = "SELECT posting_id FROM temp.insight_applied"
    elif kind == "responded":
        sql = "SELECT posting_id FROM temp.insight_answered"
    elif kind == "week":
        sql = f"SELECT posting_id FROM temp.insight_applied WHERE {_MONDAY} = ?"
        params = (key.isoformat(),)  # type: ignore[attr-defined]
    elif kind == "company":
        # The employer's company rows by their key's index; "" is also "no company".
        sql = (
            "SELECT k.id FROM temp.insight_cohort AS k WHERE k.company_id IN "
            "(SELECT id FROM companies WHERE coalesce(match_key, '') = ?)"
            + (" OR k.company_id IS NULL" if key == "" else "")
        )
        params = (key,)
    elif kind == "waiting":
        sql = f"SELECT a.posting_id {_WAITING}"
    else:
        raise ValueError(f"unknown figure {kind!r}")
    return sorted(pid for (pid,) in conn.execute(sql, params))
