"""The counts behind the Insights page and ``jobdeck stats``, in plain SQL over the histories.

SQLite does the counting: the applications the period and filters keep are put in a temporary
table (``temp.insight_cohort``: on the connection only, even on a read-only library), their
applied and answered times in another (``temp.insight_applied``), and each figure is one
grouped query over them. Python only ever sees counts and short lists, so the page reads as
fast at 100,000 postings as at 100. Times are the fixed-width UTC text the library stores, so
they compare and sort as text; ``julianday`` turns them into days.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from desktop.core.bounds import readable_datetime
from desktop.core.insights import Figure, Filters, StageRef
from desktop.storage.filter_sql import filter_conditions
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


def _ids(values: Collection[int]) -> str:
    """A list of our own integer ids, written into the SQL (never text from outside)."""
    return ",".join(str(int(v)) for v in values) or "NULL"


@contextmanager
def cohort(
    conn: sqlite3.Connection,
    filters: Filters,
    start: str | None,
    end: str | None,
    applied: int | None,
    answers: Collection[int],
) -> Iterator[None]:
    """Within the block, ``temp.insight_cohort`` (id, company_id, stage_id; a view of every
    posting when nothing narrows them) holds the postings
    the filters keep whose history begins in [start, end) (stored times; None: open), and
    ``temp.insight_applied`` (posting_id, applied_at, answered_at, days, monday) those of them
    that entered stage ``applied``, with their first entry into one of ``answers`` after it."""
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
        conditions.append("p.label_color = ?")
        params.append(filters.label)
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
        # Tables with their keys (a join probes them by id), filled in one transaction of the
        # connection's own temporary database: the library itself is only read.
        if where or began:
            conn.execute(
                "CREATE TEMP TABLE insight_cohort "
                "(id INTEGER PRIMARY KEY, company_id INTEGER, stage_id INTEGER)"
            )
        else:  # every posting: a view, so 100,000 rows are not copied first
            conn.execute(
                "CREATE TEMP VIEW insight_cohort AS SELECT id, company_id, stage_id FROM postings"
            )
        conn.execute(
            "CREATE TEMP TABLE insight_applied (posting_id INTEGER PRIMARY KEY, "
            "applied_at TEXT, answered_at TEXT, days REAL, monday TEXT)"
        )
        if where or began:
            conn.execute(
                "INSERT INTO temp.insight_cohort SELECT p.id, p.company_id, p.stage_id "
                f"FROM postings AS p {began}{where}",
                params,
            )
        applied_id = _ids([applied] if applied is not None else [])
        conn.execute(
            "INSERT INTO temp.insight_applied "
            "WITH ap AS (SELECT c.posting_id, min(c.at) AS applied_at FROM stage_changes AS c "
            f"{_cohort_join(conn, 'c.posting_id')}"
            f" WHERE c.stage_id = {applied_id} GROUP BY c.posting_id), "
            "an AS (SELECT c.posting_id, min(c.at) AS answered_at FROM stage_changes AS c "
            " JOIN ap ON ap.posting_id = c.posting_id "
            f" WHERE c.stage_id IN ({_ids(answers)}) AND c.at >= ap.applied_at "
            " GROUP BY c.posting_id) "
            "SELECT ap.posting_id, ap.applied_at, an.answered_at, "
            "julianday(an.answered_at) - julianday(ap.applied_at), "
            "date(ap.applied_at, 'localtime', '-6 days', 'weekday 1') "
            "FROM ap LEFT JOIN an ON an.posting_id = ap.posting_id"
        )
        conn.commit()
        yield
    finally:
        _drop(conn)


def _cohort_join(conn: sqlite3.Connection, column: str) -> str:
    """The JOIN that keeps ``column``'s postings to the cohort; none when the cohort is every
    posting (the view), which spares a lookup per history row."""
    kind = conn.execute("SELECT type FROM temp.sqlite_master WHERE name = 'insight_cohort'")
    if kind.fetchone() == ("view",):
        return ""
    return f"JOIN temp.insight_cohort AS k ON k.id = {column} "


def _drop(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:  # left open by a failure while filling the tables
        conn.rollback()
    conn.execute("DROP TABLE IF EXISTS temp.insight_applied")
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
            f"{_cohort_join(conn, 'c.posting_id')}GROUP BY c.stage_id"
        ).fetchall()
    )


def _steps(conn: sqlite3.Connection) -> str:
    """Each step of each history: (posting_id, prev, stage_id), in history order."""
    return (
        "SELECT posting_id, prev, stage_id FROM (SELECT c.posting_id, c.stage_id, "
        "lag(c.stage_id) OVER (PARTITION BY c.posting_id ORDER BY c.at, c.id) AS prev "
        f"FROM stage_changes AS c {_cohort_join(conn, 'c.posting_id')}) "
        "WHERE prev IS NOT NULL AND prev != stage_id"
    )


def steps(conn: sqlite3.Connection) -> list[tuple[int, int, int]]:
    """(from stage id, to stage id, applications that took that step)."""
    return conn.execute(
        f"SELECT prev, stage_id, count(DISTINCT posting_id) FROM ({_steps(conn)}) "
        "GROUP BY prev, stage_id"
    ).fetchall()


def responses(conn: sqlite3.Connection) -> tuple[int, int, list[float]]:
    """(applied, answered, the days to each answer in order)."""
    applied, answered = conn.execute(
        "SELECT count(*), count(answered_at) FROM temp.insight_applied"
    ).fetchone()
    days = [
        d
        for (d,) in conn.execute(
            "SELECT days FROM temp.insight_applied WHERE days IS NOT NULL ORDER BY days"
        )
    ]
    return applied, answered, days


def weeks(conn: sqlite3.Connection) -> list[tuple[date, int]]:
    """(Monday in the user's time zone, applications sent that week), oldest first."""
    return [
        (date.fromisoformat(monday), count)
        for monday, count in conn.execute(
            "SELECT monday, count(*) FROM temp.insight_applied GROUP BY monday ORDER BY monday"
        )
    ]


def companies(conn: sqlite3.Connection) -> list[tuple[str, str, int, int, int]]:
    """Per employer (match key): (key, its name that sorts first, applications, applied,
    answered). Counted per company row in SQL, folded by match key here (a few thousand)."""
    per_company = conn.execute(
        "SELECT k.company_id, count(*), count(a.posting_id), count(a.answered_at) "
        "FROM temp.insight_cohort AS k "
        "LEFT JOIN temp.insight_applied AS a ON a.posting_id = k.id GROUP BY k.company_id"
    ).fetchall()
    names = {
        company_id: (key or "", name)
        for company_id, key, name in conn.execute("SELECT id, match_key, name FROM companies")
    }
    folded: dict[str, list] = {}
    for company_id, count, applied, answered in per_company:
        key, name = names.get(company_id, ("", ""))
        row = folded.setdefault(key, [key, name, 0, 0, 0])
        row[1] = min(row[1], name) if row[1] else name
        row[2] += count
        row[3] += applied
        row[4] += answered
    return [tuple(row) for row in folded.values()]  # type: ignore[misc]


def reached_per_company(conn: sqlite3.Connection, stage_ids: Collection[int]) -> dict[str, int]:
    """{match key: applications that entered one of these stages} (only the rows of those
    stages are read, through the (stage_id, posting_id) index)."""
    return dict(
        conn.execute(
            "SELECT coalesce(co.match_key, ''), count(DISTINCT c.posting_id) "
            "FROM stage_changes AS c JOIN temp.insight_cohort AS k ON k.id = c.posting_id "
            "LEFT JOIN companies AS co ON co.id = k.company_id "
            f"WHERE c.stage_id IN ({_ids(stage_ids)}) GROUP BY coalesce(co.match_key, '')"
        ).fetchall()
    )


def company_days(conn: sqlite3.Connection) -> list[tuple[str, float]]:
    """(match key, days to the first answer) of every answered application, in order."""
    return conn.execute(
        "SELECT coalesce(co.match_key, ''), a.days FROM temp.insight_applied AS a "
        "CROSS JOIN temp.insight_cohort AS k ON k.id = a.posting_id "
        "LEFT JOIN companies AS co ON co.id = k.company_id "
        "WHERE a.days IS NOT NULL ORDER BY 1, 2"
    ).fetchall()


# CROSS JOIN: SQLite then reads the applied ones first (few) and looks each up, rather than
# walking every posting of the cohort.
_WAITING_FROM = (
    "FROM temp.insight_applied AS a CROSS JOIN temp.insight_cohort AS k ON k.id = a.posting_id "
    "JOIN stages AS s ON s.id = k.stage_id "
)
_WAITING_WHERE = "WHERE a.answered_at IS NULL AND NOT s.is_closed "
_WAITING = _WAITING_FROM + _WAITING_WHERE


def waiting(
    conn: sqlite3.Connection, limit: int
) -> tuple[int, list[tuple[int, str, str, str, datetime]]]:
    """(how many wait, the ``limit`` longest: (posting id, company, title, stage, applied))."""
    (count,) = conn.execute(f"SELECT count(*) {_WAITING}").fetchone()
    rows = conn.execute(
        "SELECT a.posting_id, coalesce(co.name, ''), p.title, s.name, a.applied_at "
        f"{_WAITING_FROM}JOIN postings AS p ON p.id = k.id "
        f"LEFT JOIN companies AS co ON co.id = k.company_id {_WAITING_WHERE}"
        "ORDER BY a.applied_at, a.posting_id LIMIT ?",
        (limit,),
    ).fetchall()
    return count, [
        (pid, company, title, stage, at)
        for pid, company, title, stage, stored in rows
        if (at := readable_datetime(stored)) is not None
    ]


def figure_ids(conn: sqlite3.Connection, figure: Figure) -> list[int]:
    """The ids of the applications ``figure`` counts (inside ``cohort``), in id order."""
    kind, key = figure.kind, figure.key
    if kind == "all":
        sql, params = "SELECT id FROM temp.insight_cohort", ()
    elif kind == "reached":
        sql = (
            "SELECT DISTINCT c.posting_id FROM stage_changes AS c "
            "JOIN temp.insight_cohort AS k ON k.id = c.posting_id WHERE c.stage_id = ?"
        )
        params = (key,)
    elif kind == "flow":
        sql = f"SELECT DISTINCT posting_id FROM ({_steps(conn)}) WHERE prev = ? AND stage_id = ?"
        params = key
    elif kind == "applied":
        sql, params = "SELECT posting_id FROM temp.insight_applied", ()
    elif kind == "responded":
        sql = "SELECT posting_id FROM temp.insight_applied WHERE answered_at IS NOT NULL"
        params = ()
    elif kind == "week":
        sql = "SELECT posting_id FROM temp.insight_applied WHERE monday = ?"
        params = (key.isoformat(),)  # type: ignore[attr-defined]
    elif kind == "company":
        sql = (
            "SELECT k.id FROM temp.insight_cohort AS k "
            "LEFT JOIN companies AS co ON co.id = k.company_id "
            "WHERE coalesce(co.match_key, '') = ?"
        )
        params = (key,)
    elif kind == "waiting":
        sql, params = f"SELECT a.posting_id {_WAITING}", ()
    else:
        raise ValueError(f"unknown figure {kind!r}")
    return sorted(pid for (pid,) in conn.execute(sql, params))  # type: ignore[arg-type]


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
