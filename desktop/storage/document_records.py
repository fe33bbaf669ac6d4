"""Documents sent with applications, in plain SQL on ``sqlite3``."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from desktop.core.bounds import readable_datetime
from desktop.core.documents import Document, DocumentVersion
from desktop.storage.pipeline_sql import posting_exists, stored_time
from desktop.storage.record_errors import PostingMissing, RecordNotFound


class DocumentMissing(RecordNotFound):
    """No document with that id (removed since, say)."""


_COLUMNS = "id, posting_id, sha256, file_name, label, sent_on, size, attached_at"


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _document(row: tuple) -> Document:
    doc_id, posting_id, sha256, file_name, label, sent_on, size, attached = row
    attached_at = readable_datetime(attached)
    assert attached_at is not None, "a document without its time"
    return Document(doc_id, posting_id, sha256, file_name, label, _day(sent_on), size, attached_at)


def documents_of(conn: sqlite3.Connection, posting_id: int) -> list[Document]:
    """The application's documents, last sent first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM documents WHERE posting_id = ? "
        "ORDER BY coalesce(sent_on, substr(attached_at, 1, 10)) DESC, id DESC",
        (posting_id,),
    )
    return [_document(row) for row in rows]


def document(conn: sqlite3.Connection, document_id: int) -> Document:
    row = conn.execute(f"SELECT {_COLUMNS} FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise DocumentMissing(f"Document {document_id} is not in the library (removed since?).")
    return _document(row)


def add_document(
    conn: sqlite3.Connection,
    posting_id: int,
    sha256: str,
    file_name: str,
    label: str,
    sent_on: date | None,
    size: int,
    at: datetime,
    *,
    document_id: int | None = None,
) -> Document:
    if not posting_exists(conn, posting_id):
        raise PostingMissing(f"Posting {posting_id} is not in the library (deleted since?).")
    cursor = conn.execute(
        f"INSERT INTO documents ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            document_id,
            posting_id,
            sha256,
            file_name,
            label,
            sent_on.isoformat() if sent_on else None,
            size,
            stored_time(at),
        ),
    )
    assert cursor.lastrowid is not None
    return document(conn, cursor.lastrowid)


def remove_document(conn: sqlite3.Connection, document_id: int) -> Document:
    before = document(conn, document_id)
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
    return before


def uses_of(conn: sqlite3.Connection, sha256: str) -> int:
    """How many documents (of any application) are this file."""
    row = conn.execute("SELECT count(*) FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    return int(row[0])


def sole_files(conn: sqlite3.Connection, posting_id: int) -> list[tuple[str, str]]:
    """(sha256, file name) of the files only this posting's documents use: deleting the posting
    leaves them sent with no application."""
    return [
        (sha, name)
        for sha, name in conn.execute(
            "SELECT sha256, min(file_name) FROM documents WHERE posting_id = ?1 AND sha256 NOT IN "
            "(SELECT sha256 FROM documents WHERE posting_id != ?1) GROUP BY sha256 ORDER BY 2",
            (posting_id,),
        )
    ]


def used_hashes(conn: sqlite3.Connection) -> set[str]:
    """The SHA-256 of every file some document uses."""
    return {sha for (sha,) in conn.execute("SELECT DISTINCT sha256 FROM documents")}


def stored_files(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(sha256, the file name it was first attached under) of every file in use, once each."""
    return [
        (sha, name)
        for sha, name in conn.execute(
            "SELECT sha256, file_name FROM documents WHERE id IN "
            "(SELECT min(id) FROM documents GROUP BY sha256) ORDER BY file_name, sha256"
        )
    ]


def versions(conn: sqlite3.Connection, search: str = "") -> list[DocumentVersion]:
    """Every stored file with the applications it went to, newest attached first; with
    ``search``, the files whose label or name holds every word."""
    rows = conn.execute(
        "SELECT d.id, d.posting_id, p.title, d.sha256, d.file_name, d.label, d.sent_on, d.size "
        "FROM documents AS d JOIN postings AS p ON p.id = d.posting_id "
        "ORDER BY d.attached_at DESC, d.id DESC"
    ).fetchall()
    words = [w.casefold() for w in search.split()]
    found: dict[str, tuple[str, int, list[tuple[int, int, str, str, date | None]]]] = {}
    for doc_id, posting_id, title, sha256, file_name, label, sent_on, size in rows:
        if sha256 not in found:
            found[sha256] = (file_name, size, [])
        found[sha256][2].append((doc_id, posting_id, title, label, _day(sent_on)))
    listed = [
        DocumentVersion(sha256, name, size, tuple(sent))
        for sha256, (name, size, sent) in found.items()
    ]
    if not words:
        return listed
    return [
        v
        for v in listed
        if all(w in " ".join([v.file_name, *(s[3] for s in v.sent_with)]).casefold() for w in words)
    ]
