"""The board's reads in plain SQL: its columns (stages with counts) and its cards.

The board is the page users open second; in plain SQL on ``sqlite3`` its first paint does not
wait for the ORM's first query (configuring the mappers and compiling the statements cost more
than the reads themselves at 100,000 postings). The search narrows by the full-text index, as
the list does (``posting_list``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from desktop.core.bounds import readable_amount, readable_datetime
from desktop.core.display import salary_from_columns
from desktop.core.pipeline import Card, StageInfo
from desktop.storage.filter_sql import filter_conditions
from desktop.storage.fts_query import match_query
from desktop.storage.label_records import labels_of

MAX_PARAMETERS = 900  # below SQLite's limit on bound parameters in one statement

# "p.id + 0", as in posting_list: the matches are checked against the rows the query walks.
_MATCHES = "p.id + 0 IN (SELECT rowid FROM postings_fts WHERE postings_fts MATCH ?)"


def columns(conn: sqlite3.Connection, search: str = "") -> list[StageInfo]:
    """The stages in use (not archived), in board order, each with how many postings in it
    match ``search`` (all of them for an empty search)."""
    conditions, parameters = filter_conditions(conn, search)
    fts_query = match_query(conn, search)
    if fts_query is not None:
        conditions.append(_MATCHES)
        parameters.append(fts_query)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    # Counting per stage walks the (stage, order) index: no table rows.
    rows = conn.execute(
        "SELECT s.id, s.name, s.color, s.is_closed, s.position, coalesce(n.count, 0) "
        "FROM stages AS s LEFT JOIN (SELECT p.stage_id, count(*) AS count FROM postings AS p"
        f"{where} GROUP BY p.stage_id) AS n ON n.stage_id = s.id "
        "WHERE NOT s.archived ORDER BY s.position",
        parameters,
    )
    return [
        StageInfo(stage_id, name, color, bool(closed), position, count)
        for stage_id, name, color, closed, position, count in rows
    ]


# When the card entered its stage: looked up per card shown, never for the whole library.
_CARDS = (
    "SELECT p.id, p.stage_id, c.name, p.title, p.salary_min, p.salary_max, p.salary_currency, "
    "p.salary_period, p.salary_text, "
    "(SELECT max(h.at) FROM stage_changes AS h "
    "WHERE h.posting_id = p.id AND h.stage_id = p.stage_id) "
    "FROM postings AS p LEFT JOIN companies AS c ON c.id = p.company_id"
)


def cards(
    conn: sqlite3.Connection,
    search: str = "",
    *,
    stage_id: int | None = None,
    posting_ids: Collection[int] | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[Card]:
    """Cards in board order (by stage, then place in the column), one column's page at a
    time (``stage_id``, ``offset``, ``limit``), or only those of ``posting_ids``."""
    if posting_ids is not None:
        ids = list(posting_ids)
        found: list[Card] = []
        for start in range(0, len(ids), MAX_PARAMETERS):
            chunk = ids[start : start + MAX_PARAMETERS]
            found += _cards(conn, search, None, chunk, 0, None)
        return found
    return _cards(conn, search, stage_id, None, offset, limit)


def _cards(
    conn: sqlite3.Connection,
    search: str,
    stage_id: int | None,
    posting_ids: list[int] | None,
    offset: int,
    limit: int | None,
) -> list[Card]:
    sql = _CARDS
    conditions: list[str] = []
    parameters: list[object] = []
    if stage_id is None:
        sql += " JOIN stages AS s ON s.id = p.stage_id"
        order = " ORDER BY s.position, p.stage_order, p.id"
    else:
        conditions.append("p.stage_id = ?")
        parameters.append(stage_id)
        order = " ORDER BY p.stage_order, p.id"
    if posting_ids is not None:
        conditions.append(f"p.id IN ({', '.join('?' * len(posting_ids))})")
        parameters += posting_ids
    fts_query = match_query(conn, search)
    if fts_query is not None:
        conditions.append(_MATCHES)
        parameters.append(fts_query)
    filtered, filter_parameters = filter_conditions(conn, search)
    conditions += filtered
    parameters += filter_parameters
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += order + " LIMIT ? OFFSET ?"
    parameters += [-1 if limit is None else limit, offset]
    rows = conn.execute(sql, parameters).fetchall()
    labels = labels_of(conn, [row[0] for row in rows])
    return [
        Card(
            posting_id,
            stage,
            company,
            title,
            # A value no Jobdeck could store today (an infinity an older one saved) reads as
            # unknown instead of breaking the board.
            salary_from_columns(
                readable_amount(low), readable_amount(high), currency, period, text
            ),
            readable_datetime(at),
            labels.get(posting_id, ()),
        )
        for posting_id, stage, company, title, low, high, currency, period, text, at in rows
    ]
