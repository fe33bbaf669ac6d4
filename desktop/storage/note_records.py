"""Notes on applications, in plain SQL on ``sqlite3`` (read beside the posting in the detail
pane, which must fill fast), and the search index's ``notes`` column kept in step.

Times are stored as ``models.UtcDateTime`` stores them, so rows written here and through the
ORM are alike.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from desktop.core.bounds import readable_datetime
from desktop.core.notes import Note
from desktop.storage.pipeline_sql import posting_exists, stored_time
from desktop.storage.record_errors import PostingMissing, RecordNotFound


class NoteMissing(RecordNotFound):
    """No note with that id (deleted since, say)."""


_COLUMNS = "id, posting_id, text, created_at, updated_at"


def _note(row: tuple[int, int, str, str, str]) -> Note:
    note_id, posting_id, text, created, updated = row
    created_at = readable_datetime(created)
    updated_at = readable_datetime(updated) or created_at
    assert created_at is not None and updated_at is not None, "a note without a time"
    return Note(note_id, posting_id, text, created_at, updated_at)


def notes_of(conn: sqlite3.Connection, posting_id: int) -> list[Note]:
    """The posting's notes, newest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM notes WHERE posting_id = ? ORDER BY created_at DESC, id DESC",
        (posting_id,),
    )
    return [_note(row) for row in rows]


def note_count(conn: sqlite3.Connection, posting_id: int) -> int:
    row = conn.execute("SELECT count(*) FROM notes WHERE posting_id = ?", (posting_id,))
    return int(row.fetchone()[0])


def note(conn: sqlite3.Connection, note_id: int) -> Note:
    """The note with this id. Raises ``NoteMissing``."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise NoteMissing(f"Note {note_id} is not in the library (deleted since?).")
    return _note(row)


def add_note(
    conn: sqlite3.Connection,
    posting_id: int,
    text: str,
    at: datetime,
    *,
    note_id: int | None = None,
    updated_at: datetime | None = None,
) -> Note:
    """Store a new note (with ``note_id``: put a deleted one back as it was). Raises
    ``PostingMissing``."""
    if not posting_exists(conn, posting_id):
        raise PostingMissing(f"Posting {posting_id} is not in the library (deleted since?).")
    cursor = conn.execute(
        "INSERT INTO notes (id, posting_id, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        (note_id, posting_id, text, stored_time(at), stored_time(updated_at or at)),
    )
    assert cursor.lastrowid is not None
    reindex(conn, posting_id)
    return note(conn, cursor.lastrowid)


def edit_note(conn: sqlite3.Connection, note_id: int, text: str, at: datetime) -> Note:
    """Give a note new text; returns it as it was before. Raises ``NoteMissing``."""
    before = note(conn, note_id)
    conn.execute(
        "UPDATE notes SET text = ?, updated_at = ? WHERE id = ?", (text, stored_time(at), note_id)
    )
    reindex(conn, before.posting_id)
    return before


def delete_note(conn: sqlite3.Connection, note_id: int) -> Note:
    """Remove a note; returns it, so it can be put back. Raises ``NoteMissing``."""
    before = note(conn, note_id)
    conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
    reindex(conn, before.posting_id)
    return before


def reindex(conn: sqlite3.Connection, posting_id: int) -> None:
    """Write the posting's notes into its row of the search index."""
    conn.execute(
        "UPDATE postings_fts SET notes = (SELECT coalesce(group_concat(text, ' '), '') "
        "FROM notes WHERE posting_id = ?1) WHERE rowid = ?1",
        (posting_id,),
    )
