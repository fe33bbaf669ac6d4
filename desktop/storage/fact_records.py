"""Application facts (applied on, rating, referral) in plain SQL on ``sqlite3``."""

from __future__ import annotations

import sqlite3

from desktop.core.application_facts import StoredFacts
from desktop.core.bounds import readable_datetime
from desktop.storage.pipeline_sql import posting_exists, stored_time
from desktop.storage.record_errors import PostingMissing


def stored_facts(conn: sqlite3.Connection, posting_id: int) -> StoredFacts:
    row = conn.execute(
        "SELECT applied_at, rating, referral FROM application_facts WHERE posting_id = ?",
        (posting_id,),
    ).fetchone()
    if row is None:
        return StoredFacts()
    applied, rating, referral = row
    return StoredFacts(
        readable_datetime(applied), rating, None if referral is None else bool(referral)
    )


def deadline(conn: sqlite3.Connection, posting_id: int) -> str | None:
    row = conn.execute("SELECT valid_through FROM postings WHERE id = ?", (posting_id,)).fetchone()
    return None if row is None else row[0]


def set_facts(conn: sqlite3.Connection, posting_id: int, facts: StoredFacts) -> StoredFacts:
    """Store what the user set; returns what was stored before. Raises ``PostingMissing``."""
    if not posting_exists(conn, posting_id):
        raise PostingMissing(f"Posting {posting_id} is not in the library (deleted since?).")
    before = stored_facts(conn, posting_id)
    if facts == StoredFacts():
        conn.execute("DELETE FROM application_facts WHERE posting_id = ?", (posting_id,))
        return before
    conn.execute(
        "INSERT INTO application_facts (posting_id, applied_at, rating, referral) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (posting_id) DO UPDATE SET "
        "applied_at = ?2, rating = ?3, referral = ?4",
        (
            posting_id,
            stored_time(facts.applied_at) if facts.applied_at else None,
            facts.rating,
            facts.referral,
        ),
    )
    return before
