"""Many rows written at once with ``sqlite3``'s own executemany, inside an ORM transaction.

An import writes thousands of rows per table; SQLAlchemy's per-row parameter processing cost
more than SQLite's work. Times are written as ``models.UtcDateTime`` writes them, so rows
written here and through the ORM are alike. Values are bound by position: binding by name
looks each name up in each row, a third of the cost of inserting a posting's lines.
"""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.storage.pipeline_sql import stored_time

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_TIME_COLUMNS = frozenset({"posted_at", "captured_at", "created_at", "updated_at", "at"})


def dbapi_connection(session: Session) -> sqlite3.Connection:
    """The ``sqlite3`` connection under the session's transaction, pending ORM writes flushed."""
    session.flush()
    return session.connection().connection.dbapi_connection  # type: ignore[return-value]


def plain_connection(db: Session | sqlite3.Connection) -> sqlite3.Connection:
    """``db`` itself when it is a ``sqlite3`` connection (a plain transaction), else the one
    under the session's transaction (``dbapi_connection``)."""
    return db if isinstance(db, sqlite3.Connection) else dbapi_connection(db)


# SQLite's page cache for a connection writing a batch of postings, in KiB: a chunk of 500
# writes some 7 MB of pages, which the default 2 MB cache spilled to the write-ahead log
# before the commit wrote them again (a third more disk writes and twice the reads).
BATCH_CACHE_KIB = 16_000


def hold_batch_pages(connection: sqlite3.Connection) -> None:
    """Let ``connection``'s page cache hold a whole batch's pages (``BATCH_CACHE_KIB``); it
    stays so for the connection's later batches."""
    connection.execute(f"PRAGMA cache_size = -{BATCH_CACHE_KIB}")


def insert_rows(connection: sqlite3.Connection, table: str, rows: list[dict[str, object]]) -> None:
    """Insert ``rows`` (dicts with the same keys in the same order) into ``table``; datetimes
    in the time columns are written as the library stores times (text is written as it is)."""
    if not rows:
        return
    columns = tuple(rows[0])
    in_order = operator.itemgetter(*columns)  # a row's values as a tuple, in C
    if len(columns) == 1:
        insert_values(connection, table, columns, ((row[columns[0]],) for row in rows))
        return
    times = [index for index, column in enumerate(columns) if column in _TIME_COLUMNS]
    if not times:
        insert_values(connection, table, columns, map(in_order, rows))
        return

    def values(row: dict[str, object]) -> list[object]:
        listed = list(in_order(row))
        for index in times:
            if isinstance(listed[index], datetime):
                listed[index] = stored_time(listed[index])  # type: ignore[arg-type]
        return listed

    insert_values(connection, table, columns, map(values, rows))


def insert_values(
    connection: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> None:
    """Insert ``rows``, each the values of ``columns`` in their order, into ``table`` as they
    are (times already stored text: ``pipeline_sql.stored_time``)."""
    connection.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        rows,
    )
