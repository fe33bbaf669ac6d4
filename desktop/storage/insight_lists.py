"""What the Insights page offers besides its counts: the choices of its filters, and the
titles of the applications a figure opens (plain SQL, as ``insight_sql``)."""

from __future__ import annotations

import sqlite3


def choices(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """(the employment types, the label names) in use, for the page's filters."""
    types = [
        value
        for (value,) in conn.execute(
            "SELECT DISTINCT employment_type FROM postings WHERE employment_type IS NOT NULL "
            "ORDER BY employment_type"
        )
    ]
    labels = [
        value
        for (value,) in conn.execute(
            "SELECT l.name FROM labels AS l WHERE EXISTS "
            "(SELECT 1 FROM posting_labels AS pl WHERE pl.label_id = l.id) ORDER BY l.name_key"
        )
    ]
    return types, labels


def titles(conn: sqlite3.Connection, posting_ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """(title, company, stage) of these postings, for the lists the figures open."""
    found: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(posting_ids), 500):
        chunk = posting_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for posting_id, title, company, stage in conn.execute(
            "SELECT p.id, p.title, coalesce(c.name, ''), s.name FROM postings AS p "
            "LEFT JOIN companies AS c ON c.id = p.company_id "
            f"JOIN stages AS s ON s.id = p.stage_id WHERE p.id IN ({marks})",
            chunk,
        ):
            found[posting_id] = (title, company, stage)
    return found
