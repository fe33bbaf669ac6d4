"""The applications each Insights figure counts (its ``Figure`` key), listed in plain SQL
inside ``insight_sql.cohort`` (and ``insight_answers.answered`` for ``ANSWERED_KINDS``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from desktop.core.insights import Figure
from desktop.storage.insight_answers import MONDAY, WAITING
from desktop.storage.insight_sql import STEPS, cohort_join, ids_sql

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
            f"{cohort_join(conn, 'c.posting_id')}WHERE c.stage_id = ?"
        )
        params = (key,)
    elif kind == "flow":
        sql = (
            "SELECT DISTINCT c.posting_id FROM stage_changes AS c "
            f"{cohort_join(conn, 'c.posting_id')}"
            f"WHERE {STEPS} AND c.prev_stage_id = ? AND c.stage_id = ?"
        )
        params = key  # type: ignore[assignment]
    elif kind == "applied":
        sql = "SELECT posting_id FROM temp.insight_applied"
    elif kind == "responded":
        sql = "SELECT posting_id FROM temp.insight_answered"
    elif kind == "week":
        sql = f"SELECT posting_id FROM temp.insight_applied WHERE {MONDAY} = ?"
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
        sql = f"SELECT a.posting_id {WAITING}"
    else:
        raise ValueError(f"unknown figure {kind!r}")
    return sorted(pid for (pid,) in conn.execute(sql, params))


def entered_any(conn: sqlite3.Connection, stage_ids: Collection[int]) -> list[int]:
    """Inside ``cohort``: the ids of the applications whose history entered any of these
    stages (what a funnel step's conversion counts as having got that far), in id order."""
    return [
        pid
        for (pid,) in conn.execute(
            "SELECT DISTINCT c.posting_id FROM stage_changes AS c "
            f"{cohort_join(conn, 'c.posting_id')}WHERE c.stage_id IN ({ids_sql(stage_ids)}) "
            "ORDER BY c.posting_id"
        )
    ]
