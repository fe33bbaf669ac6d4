"""The second part of the Insights figures, in plain SQL inside ``insight_sql.cohort``: who
answered and when, applications per week, the employers, who waits longest.

``answered(...)`` adds ``temp.insight_applied`` (posting_id, company_id, stage_id, applied_at:
the first entry into Applied) and ``temp.insight_answered`` (posting_id, answered_at: the
first answer after it), each filled from one index; the other functions read them. Times are
the fixed-width UTC text the library stores; ``julianday`` turns them into days.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from desktop.core.bounds import readable_datetime
from desktop.storage.insight_sql import TEMP_TABLES, cohort_join, ids_sql, narrowed, total


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
            f"FROM stage_changes AS c {cohort_join(conn, 'c.posting_id')}"
            f"WHERE c.stage_id = {ids_sql([applied] if applied is not None else [])} "
            "GROUP BY c.posting_id"
        )
        # Their employer and stage: a few applications are looked up by id; when they are a
        # good share of the postings, one walk over the narrow (company_id, stage_id) index
        # (or the narrowed cohort) is cheaper than as many lookups in the postings table.
        (sent,) = conn.execute("SELECT count(*) FROM temp.insight_first").fetchone()
        if not narrowed(conn) and sent * 8 < total(conn):
            conn.execute(
                "INSERT INTO temp.insight_applied SELECT f.posting_id, p.company_id, "
                "p.stage_id, f.applied_at FROM temp.insight_first AS f "
                "JOIN postings AS p ON p.id = f.posting_id"
            )
        else:
            # No ORDER BY k.id: over the view of every posting, SQLite would walk the
            # postings table in id order to skip a sort, reading every description (3.1 s
            # for 70,000 applications among 100,000 postings, against 0.46 s by the index).
            conn.execute(
                "INSERT INTO temp.insight_applied SELECT k.id, k.company_id, k.stage_id, "
                "f.applied_at FROM temp.insight_cohort AS k "
                "CROSS JOIN temp.insight_first AS f ON f.posting_id = k.id"
            )
        conn.execute(
            "INSERT INTO temp.insight_answered SELECT c.posting_id, min(c.at) "
            "FROM stage_changes AS c CROSS JOIN temp.insight_applied AS a "
            "ON a.posting_id = c.posting_id "
            f"WHERE c.stage_id IN ({ids_sql(answers)}) AND c.at >= a.applied_at "
            "GROUP BY c.posting_id"
        )
        conn.commit()
        yield
    finally:
        if conn.in_transaction:
            conn.rollback()
        for table in TEMP_TABLES:
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")


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
MONDAY = "date(applied_at, 'localtime', '-6 days', 'weekday 1')"


def weeks(conn: sqlite3.Connection) -> list[tuple[date, int]]:
    """Inside ``answered``: (Monday, applications sent that week), oldest first."""
    return [
        (date.fromisoformat(monday), count)
        for monday, count in conn.execute(
            f"SELECT {MONDAY} AS monday, count(*) FROM temp.insight_applied "
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
    kept = cohort_join(conn, "c.posting_id")
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
        if "" in per_key:  # postings without a company (or a company without a key: as above)
            (nameless,) = conn.execute(
                "SELECT count(*) FROM temp.insight_cohort AS k WHERE k.company_id IS NULL "
                "OR k.company_id IN (SELECT id FROM companies WHERE match_key IS NULL)"
            ).fetchone()
            per_key[""][2] += nameless
        # Which postings reached an offer or a rejection, from the stage index; then the
        # cohort's (company_id) index walked against them: no posting row is read (looking
        # each one up by id read the table's pages, descriptions and all).
        conn.execute(
            "CREATE TEMP TABLE insight_ended "
            "(posting_id INTEGER PRIMARY KEY, offered INTEGER, rejected INTEGER)"
        )
        conn.execute(
            "INSERT INTO temp.insight_ended SELECT c.posting_id, "
            f"max(c.stage_id IN ({ids_sql(offers)})), max(c.stage_id IN ({ids_sql(rejections)})) "
            f"FROM stage_changes AS c WHERE c.stage_id IN ({ids_sql([*offers, *rejections])}) "
            "GROUP BY c.posting_id"
        )
        (ended,) = conn.execute("SELECT count(*) FROM temp.insight_ended").fetchone()
        if not narrowed(conn) and ended * 8 < total(conn):  # a few: looked up by id
            postings = "temp.insight_ended AS e JOIN postings AS k ON k.id = e.posting_id"
        else:
            postings = "temp.insight_cohort AS k CROSS JOIN temp.insight_ended AS e "
            postings += "ON e.posting_id = k.id"
        for key, offered, rejected in conn.execute(
            f"SELECT coalesce(co.match_key, ''), sum(e.offered), sum(e.rejected) FROM {postings} "
            "LEFT JOIN companies AS co ON co.id = k.company_id GROUP BY 1"
        ):
            if key in per_key:
                per_key[key][5:7] = [offered, rejected]
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.insight_keys")
        conn.execute("DROP TABLE IF EXISTS temp.insight_ended")
    days: dict[str, list[float]] = {}
    for key, value in conn.execute(
        f"SELECT coalesce(co.match_key, ''), {_DAYS} AS d FROM temp.insight_answered AS n "
        "JOIN temp.insight_applied AS a ON a.posting_id = n.posting_id "
        "LEFT JOIN companies AS co ON co.id = a.company_id ORDER BY 1, d"
    ):
        days.setdefault(key, []).append(value)
    return [(k, name or "", *rest) for k, name, *rest in per_key.values()], days  # type: ignore[misc]


# Applied, never answered, in a stage still open.
WAITING = (
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
        f"SELECT a.posting_id, a.applied_at, s.name, count(*) OVER () {WAITING}"
        "ORDER BY a.applied_at, a.posting_id LIMIT ?",
        (limit,),
    ).fetchall()
    count = longest[0][3] if longest else 0
    shown = dict(
        (posting_id, (title, company))
        for posting_id, title, company in conn.execute(
            "SELECT p.id, p.title, coalesce(co.name, '') FROM postings AS p "
            "LEFT JOIN companies AS co ON co.id = p.company_id "
            f"WHERE p.id IN ({ids_sql([row[0] for row in longest])})"
        )
    )
    return count, [
        (pid, shown[pid][1], shown[pid][0], stage, at)
        for pid, stored, stage, _count in longest
        if pid in shown and (at := readable_datetime(stored)) is not None
    ]
