"""The full-text index (FTS5) of postings, kept in step with every write.

The index holds, per posting (rowid = posting id): title, company name, location, a body
of the summary, the description and every list item, the text of the user's notes, and its
stage and work model as tokens (``facts``). A search matches postings holding every word of
the query as the start of a word ("reinf" finds "reinforcement"), in their text or naming their
stage or work model; ``fts_query`` turns the words into the FTS5 query.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from desktop.core.posting import PostingDocument
from desktop.storage.fts_query import FACTS_OF_POSTING
from desktop.storage.models import Posting

# The ``notes`` column of a posting's index row: every note's text (storage/note_records.py
# writes it when a note changes; a posting's own save re-reads it here).
NOTES_OF_POSTING = (
    "(SELECT coalesce(group_concat(n.text, ' '), '') FROM notes AS n WHERE n.posting_id = :id)"
)
# The ``facts`` column: the posting's stage and work model as tokens (fts_query), read from its
# row, which is written first; a move or a changed work model later rewrites it (the trigger
# of migration 0020).
FACTS_OF_ROW = f"(SELECT {FACTS_OF_POSTING} FROM postings AS p WHERE p.id = :id)"


def _body(doc: PostingDocument) -> str:
    quals = doc.qualifications
    parts = [doc.summary or "", doc.description or "", *doc.responsibilities]
    parts += [*quals.required, *quals.preferred, *doc.benefits]
    return " ".join(parts)


def index_postings(session: Session, postings: Iterable[tuple[Posting, PostingDocument]]) -> None:
    """(Re)write the index rows of these postings (saved from these documents; with ids)."""
    index_documents(
        session, [(p.id, p.company.name if p.company else "", doc) for p, doc in postings]
    )


def index_documents(
    session: Session,
    entries: Iterable[tuple[int, str | None, PostingDocument]],
    *,
    new: bool = False,
) -> None:
    """(Re)write the index rows of postings given as (posting id, company name, document);
    ``new``: postings just inserted, whose ids no index row should hold: any there is goes
    with one statement for the ids' range, not a look-up a posting."""
    rows = [
        {
            "id": posting_id,
            "title": doc.title or "",
            "company": company or "",
            "location": doc.location or "",
            "body": _body(doc),
        }
        for posting_id, company, doc in entries
    ]
    if not rows:
        return
    # Plain executemany on the session's connection (same transaction): an import indexes
    # thousands of postings, and SQLAlchemy's per-row parameter work cost more than SQLite's.
    session.flush()
    connection = session.connection().connection.dbapi_connection
    assert connection is not None
    if new:
        ids = [row["id"] for row in rows]
        connection.execute(
            "DELETE FROM postings_fts WHERE rowid BETWEEN ? AND ?", (min(ids), max(ids))
        )
    else:
        connection.executemany("DELETE FROM postings_fts WHERE rowid = :id", rows)
    connection.executemany(
        "INSERT INTO postings_fts (rowid, title, company, location, body, notes, facts) "
        f"VALUES (:id, :title, :company, :location, :body, {NOTES_OF_POSTING}, {FACTS_OF_ROW})",
        rows,
    )
