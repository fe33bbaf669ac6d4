"""A posting's portal login row, and the smallest reads and writes every plain-SQL module shares
(is there such a posting, a time as the library stores it), in plain SQL on ``sqlite3``.

Apart from ``pipeline_sql`` so that ``jobdeck login get`` does not load the pipeline's types.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from desktop.core.bounds import readable_datetime


def stored_time(at: datetime) -> str:
    """``at`` as the library stores times (what ``models.UtcDateTime`` writes)."""
    if at.tzinfo is UTC:  # most times: read from the library or made by Jobdeck
        return at.isoformat(timespec="microseconds")
    if at.tzinfo is None:
        raise ValueError("Jobdeck stores only time-zone aware datetimes")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def posting_exists(conn: sqlite3.Connection, posting_id: int) -> bool:
    return conn.execute("SELECT 1 FROM postings WHERE id = ?", (posting_id,)).fetchone() is not None


def login_row(
    conn: sqlite3.Connection, posting_id: int
) -> tuple[str, str, bool, datetime | None] | None:
    """A posting's portal login as (url, username, has a password, updated at), or None."""
    row = conn.execute(
        "SELECT url, username, has_password, updated_at FROM portal_logins WHERE posting_id = ?",
        (posting_id,),
    ).fetchone()
    if row is None:
        return None
    url, username, has_password, updated_at = row
    return url, username, bool(has_password), readable_datetime(updated_at)


def secret_keys_in_use(conn: sqlite3.Connection, keys: set[str]) -> set[str]:
    """Which of ``keys`` (keyring entry names) a stored login still points at."""
    if not keys:
        return set()
    marks = ", ".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT secret_key FROM portal_logins WHERE secret_key IN ({marks})", tuple(keys)
    )
    return {key for (key,) in rows}
