"""What the agenda's suggestions are made from, in plain SQL: applications quiet in a stage,
those with open tasks, the latest interviews, and the user's decisions on suggestions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from desktop.core.bounds import readable_datetime
from desktop.core.pipeline import StageInfo
from desktop.storage.agenda_sql import APPLICATION
from desktop.storage.pipeline_sql import stored_time


def decided(conn: sqlite3.Connection) -> set[str]:
    return {key for (key,) in conn.execute("SELECT key FROM suggestion_decisions")}


def decide(conn: sqlite3.Connection, key: str, decision: str, now: datetime) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO suggestion_decisions (key, decision, decided_at) VALUES (?, ?, ?)",
        (key, decision, stored_time(now)),
    )


def undecide(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM suggestion_decisions WHERE key = ?", (key,))


def latest_entries(
    conn: sqlite3.Connection,
    stage_ids: Iterable[int],
    entered_before: datetime,
    *,
    without_open_tasks: bool = False,
    quiet_since: datetime | None = None,
) -> list[tuple[int, int, datetime, str]]:
    """Postings in these stages that entered their stage before ``entered_before``: (posting
    id, that stage change's id, its time, the application's name). ``without_open_tasks``
    leaves out those with a task still to do; ``quiet_since`` those with an interview since."""
    ids = list(stage_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    extra, values = "", [*ids, stored_time(entered_before)]
    if without_open_tasks:
        extra += (
            " AND NOT EXISTS (SELECT 1 FROM tasks AS t WHERE t.posting_id = p.id"
            " AND t.done_at IS NULL)"
        )
    if quiet_since is not None:
        extra += (
            " AND NOT EXISTS (SELECT 1 FROM interviews AS i WHERE i.posting_id = p.id"
            " AND i.starts_at >= ?)"
        )
        values.append(stored_time(quiet_since))
    rows = conn.execute(
        f"SELECT p.id, sc.id, sc.at, {APPLICATION} FROM postings AS p "
        "JOIN stage_changes AS sc ON sc.id = (SELECT id FROM stage_changes "
        "WHERE posting_id = p.id AND stage_id = p.stage_id ORDER BY at DESC, id DESC LIMIT 1) "
        "LEFT JOIN companies AS c ON c.id = p.company_id "
        f"WHERE p.stage_id IN ({marks}) AND sc.at < ?{extra}",
        values,
    )
    return [
        (posting_id, change_id, at, name)
        for posting_id, change_id, stored, name in rows
        if (at := readable_datetime(stored)) is not None
    ]


def postings_with_open_tasks(conn: sqlite3.Connection) -> set[int]:
    return {
        posting_id
        for (posting_id,) in conn.execute(
            "SELECT DISTINCT posting_id FROM tasks WHERE done_at IS NULL AND posting_id IS NOT NULL"
        )
    }


def latest_interviews(conn: sqlite3.Connection) -> dict[int, datetime]:
    """The start of each application's latest interview."""
    return {
        posting_id: at
        for posting_id, stored in conn.execute(
            "SELECT posting_id, max(starts_at) FROM interviews GROUP BY posting_id"
        )
        if (at := readable_datetime(stored)) is not None
    }


def stages_in_use(conn: sqlite3.Connection) -> list[StageInfo]:
    """The stages in use (not archived), in board order, without counting their postings
    (``count`` is 0): the suggestions need only their names and whether they are closed."""
    rows = conn.execute(
        "SELECT id, name, color, is_closed, position FROM stages WHERE NOT archived "
        "ORDER BY position"
    )
    return [
        StageInfo(stage_id, name, color, bool(closed), position, 0)
        for stage_id, name, color, closed, position in rows
    ]
