"""Many rows written at once with ``sqlite3``'s own executemany, inside an ORM transaction.

An import writes thousands of rows per table; SQLAlchemy's per-row parameter processing cost
more than SQLite's work. Times are written as ``models.UtcDateTime`` writes them, so rows
written here and through the ORM are alike.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.orm import Session

from desktop.storage.pipeline_sql import stored_time

_TIME_COLUMNS = frozenset({"posted_at", "captured_at", "created_at", "updated_at", "at"})


def dbapi_connection(session: Session) -> sqlite3.Connection:
    """The ``sqlite3`` connection under the session's transaction, pending ORM writes flushed."""
    session.flush()
    return session.connection().connection.dbapi_connection  # type: ignore[return-value]


def insert_rows(connection: sqlite3.Connection, table: str, rows: list[dict[str, object]]) -> None:
    """Insert ``rows`` (dicts with the same keys in the same order) into ``table``."""
    if not rows:
        return
    columns = list(rows[0])
    times = [index for index, column in enumerate(columns) if column in _TIME_COLUMNS]
    if not times:  # the rows as they are, each value looked up by name in C
        marks = ", ".join(f":{column}" for column in columns)
        connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        return
    marks = ", ".join("?" * len(columns))

    def values(row: dict[str, object]) -> list[object]:
        listed = list(row.values())
        for index in times:
            if listed[index] is not None:
                listed[index] = stored_time(listed[index])  # type: ignore[arg-type]
        return listed

    connection.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", map(values, rows)
    )
