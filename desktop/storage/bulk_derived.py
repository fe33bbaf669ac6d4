"""Derived rows of postings inserted in bulk, filled by one statement per batch, not per row.

Two kinds of rows are derived by SQLite triggers from a posting's own rows, so no write path
can miss them: ``application_dates`` (migration 0021) and ``stage_changes.prev_stage_id``
(migration 0016). Fired once per inserted row, their triggers were a third of an import's
SQLite work (each history row worked out its posting's dates again). ``triggers_held`` drops
the triggers that inserting new postings and their history fires, inside the caller's write
transaction, fills what they would have written with one set statement each, and creates them
again from their own stored text: the commit carries the same schema, a rollback restores it
too, and no other connection ever sees the library without them (it cannot write while this
transaction holds the lock, and readers see the last commit).

The rules are those of the migrations; tests/storage/test_bulk_derived.py checks that postings
saved in bulk get exactly the rows the triggers give, and that no other insert trigger exists
on these tables (a new one must be handled here).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

# The AFTER INSERT triggers on postings and stage_changes, each filled below for new postings.
INSERT_TRIGGERS = (
    "application_dates_posting_added",  # a blank dates row
    "application_dates_stage_changes_added",  # the posting's dates again
    "stage_changes_prev_after_append",  # the stage before a change appended to the history
    "stage_changes_prev_after_insert",  # ... or before each change, when one came in between
)

# A posting's dates from its own rows, ``{p}`` being its id: the rule of migration 0021.
_APPLIED = (
    "coalesce((SELECT f.applied_at FROM application_facts AS f WHERE f.posting_id = {p}), "
    "(SELECT min(a.at) FROM stage_changes AS a WHERE a.posting_id = {p} AND a.stage_id IN "
    "(SELECT s.id FROM stages AS s WHERE lower(s.name) = 'applied')))"
)
_SINCE = (
    "(SELECT max(h.at) FROM stage_changes AS h WHERE h.posting_id = {p} "
    "AND h.stage_id = (SELECT q.stage_id FROM postings AS q WHERE q.id = {p}))"
)
_LATEST = (
    "nullif(max("
    "coalesce((SELECT max(h.at) FROM stage_changes AS h WHERE h.posting_id = {p}), ''), "
    "coalesce((SELECT max(n.created_at) FROM notes AS n WHERE n.posting_id = {p}), ''), "
    "coalesce((SELECT max(d.attached_at) FROM documents AS d WHERE d.posting_id = {p}), ''), "
    "coalesce((SELECT max(t.done_at) FROM tasks AS t WHERE t.posting_id = {p}), '')), '')"
)
_FILL_DATES = (
    "INSERT OR REPLACE INTO application_dates (posting_id, applied_at, stage_since, "
    f"last_activity) SELECT p.id, {_APPLIED.format(p='p.id')}, {_SINCE.format(p='p.id')}, "
    f"{_LATEST.format(p='p.id')} FROM postings AS p WHERE p.id BETWEEN ? AND ?"
)
# Each change's previous stage in its posting's history, by time then id: migration 0016.
_FILL_PREVIOUS = (
    "UPDATE stage_changes SET prev_stage_id = ("
    "SELECT p.stage_id FROM stage_changes AS p WHERE p.posting_id = stage_changes.posting_id "
    "AND (p.at < stage_changes.at OR (p.at = stage_changes.at AND p.id < stage_changes.id)) "
    "ORDER BY p.at DESC, p.id DESC LIMIT 1) WHERE posting_id BETWEEN ? AND ?"
)


@contextmanager
def triggers_held(connection: sqlite3.Connection, first_id: int, last_id: int) -> Iterator[None]:
    """Insert postings ``first_id``..``last_id`` (new, with their history) inside this block
    with the insert triggers dropped; their derived rows are filled when it ends, and the
    triggers are created again even when it raises. The connection must be in the caller's
    write transaction, and hold no other posting in that range."""
    held = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({', '.join('?' * len(INSERT_TRIGGERS))})",
        INSERT_TRIGGERS,
    ).fetchall()
    assert connection.in_transaction, "triggers are held only inside a write transaction"
    for name, _sql in held:
        connection.execute(f"DROP TRIGGER {name}")
    try:
        yield
        connection.execute(_FILL_PREVIOUS, (first_id, last_id))
        connection.execute(_FILL_DATES, (first_id, last_id))
    finally:
        for _name, sql in held:
            connection.execute(sql)
