"""What the application's workspace tabs show in their titles, for one posting, in one query."""

from __future__ import annotations

import sqlite3

from desktop.core.application_facts import WorkspaceCounts

# Each count walks an index on posting_id (notes, documents) or the primary key (contacts).
_COUNTS = (
    "SELECT (SELECT count(*) FROM notes WHERE posting_id = :id), "
    "(SELECT count(DISTINCT contact_id) FROM application_contacts WHERE posting_id = :id), "
    "(SELECT count(*) FROM documents WHERE posting_id = :id), "
    "(SELECT rating FROM application_facts WHERE posting_id = :id)"
)


def workspace_counts(conn: sqlite3.Connection, posting_id: int) -> WorkspaceCounts:
    """The posting's notes, contacts (people, not roles) and documents counted, and its rating
    (None: not rated). A posting that is not there counts nothing."""
    notes, contacts, documents, rating = conn.execute(_COUNTS, {"id": posting_id}).fetchone()
    return WorkspaceCounts(int(notes), int(contacts), int(documents), rating)
