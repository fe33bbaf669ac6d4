"""The postings list's queries: how many match, their ids in list order, a page of rows.

These run on every keystroke in the search box and are what the window paints first, so they
are plain SQL on a ``sqlite3`` connection (``Database.querying``): no ORM to import before the
first paint, and nothing between the query and the rows it returns. Everything that writes, and
every other read, goes through the ORM models.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from desktop.core.bounds import readable_amount, readable_datetime
from desktop.core.display import salary_from_columns
from desktop.core.listing import PostingRow, SortKey
from desktop.storage.filter_sql import filter_conditions
from desktop.storage.fts_query import match_query, whole_words
from desktop.storage.label_records import labels_of

MAX_PARAMETERS = 900  # below SQLite's limit on bound parameters in one statement


def _latest_h1b(column: str) -> str:
    """The newest year's H1B count (or year) of the posting's company, read per row through
    the (company_id, year) key: grouping the whole table would cost more than the page."""
    return (
        f"(SELECT h.{column} FROM h1b_counts AS h WHERE h.company_id = p.company_id "
        "ORDER BY h.year DESC LIMIT 1)"
    )


# The application's dates (the user's applied-on date else the first move to Applied; when it
# entered its current stage; its latest activity) are stored, one row per posting, and kept by
# SQLite triggers (application_dates, migration 0021): a page reads them, and a sort by one of
# them walks its index instead of working them out for 100,000 postings. Each: its column, and
# whether a descending sort of the list means the earliest first (more days in the stage first).
_STORED_DATES = {
    SortKey.APPLIED: ("d.applied_at", False),
    SortKey.DAYS_IN_STAGE: ("d.stage_since", True),
    SortKey.LAST_ACTIVITY: ("d.last_activity", False),
}

# The sort's expression, and the join it needs (only the ids query joins, and only for these).
_SORT_EXPRESSIONS = {
    SortKey.COMPANY: "lower(c.name)",
    SortKey.TITLE: "lower(p.title)",
    SortKey.STAGE: "s.position",
    SortKey.POSTED: "p.posted_at",
    SortKey.LOCATION: "lower(p.location)",
    SortKey.SALARY: "coalesce(p.salary_max, p.salary_min)",
    SortKey.H1B: _latest_h1b("count"),
    SortKey.WORK_MODEL: "p.work_model",
    SortKey.DEADLINE: "p.valid_through",
    SortKey.LABELS: "lk.names",
}
# An application's labels as one text: their compared names in order, joined by char(1)
# (core.listing.LABEL_NAMES_SEPARATOR). Read once for every labelled posting and joined (a
# lookup per row of the 100,000 postings took twice as long); NULL for a posting without labels.
_LABEL_NAMES = (
    " LEFT JOIN (SELECT posting_id, group_concat(name_key, char(1)) AS names FROM ("
    "SELECT pl.posting_id, l.name_key FROM posting_labels AS pl "
    "JOIN labels AS l ON l.id = pl.label_id ORDER BY pl.posting_id, l.name_key"
    ") GROUP BY posting_id) AS lk ON lk.posting_id = p.id"
)
_SORT_JOINS = {
    SortKey.COMPANY: " LEFT JOIN companies AS c ON c.id = p.company_id",
    SortKey.STAGE: " JOIN stages AS s ON s.id = p.stage_id",
    SortKey.LABELS: _LABEL_NAMES,
}
_MATCHING_ROWIDS = "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ?"
_MATCHES = f"({_MATCHING_ROWIDS})"
# Two plans for a search, measured at 100,000 postings:
# - a page (with a limit): walk the list in order (say, down the posted_at index) and check
#   each row against the matches, stopping when the page is full. "p.id + 0" keeps SQLite on
#   that walk instead of looking up every match: for a common word, 90 ms instead of 200 ms.
# - every match (no limit, as the list reads a search of up to 5,000 matches): start from
#   the matches and sort them. For a rare word, 6 ms instead of 25 ms for the whole walk.
_WALK_CHECKING_MATCHES = "p.id + 0 IN " + _MATCHES
_FROM_THE_MATCHES = "p.id IN " + _MATCHES
# The same two plans over the matches made once for a search (``count_and_first_ids``).
_WALK_CHECKING_HITS = "p.id + 0 IN temp.search_hits"
_FROM_THE_HITS = "p.id IN temp.search_hits"


def count_matching(
    conn: sqlite3.Connection,
    search: str = "",
    *,
    at_most: int | None = None,
    leave_out: frozenset[str] | None = None,
) -> int:
    """How many postings hold every word of ``search`` (all of them for an empty search).

    With ``at_most``, counting stops there: a cheap answer to "are there more than N?".
    ``leave_out``: the words of ``search`` in every posting, which narrow nothing (worked out
    here when not given: ``fts_query.whole_words``).
    """
    fts_query = _words_query(conn, search, leave_out)
    filtered, filter_parameters = filter_conditions(conn, search)
    if filtered:  # filter terms: count the postings themselves, narrowed by all of them
        conditions = filtered + ([_FROM_THE_MATCHES] if fts_query is not None else [])
        parameters = filter_parameters + ([fts_query] if fts_query is not None else [])
        sql = "SELECT 1 FROM postings AS p WHERE " + " AND ".join(conditions)
        if at_most is not None:
            sql += " LIMIT ?"
            parameters.append(at_most)
        return int(conn.execute(f"SELECT count(*) FROM ({sql})", parameters).fetchone()[0])
    if at_most is not None:
        rows = "SELECT 1 FROM postings" if fts_query is None else _MATCHING_ROWIDS
        bounded = f"SELECT count(*) FROM ({rows} LIMIT ?)"
        parameters = (at_most,) if fts_query is None else (fts_query, at_most)
        return int(conn.execute(bounded, parameters).fetchone()[0])
    if fts_query is None:
        return int(conn.execute("SELECT count(*) FROM postings").fetchone()[0])
    # The index has one row per posting: counting it avoids touching the postings at all.
    counted = "SELECT count(*) FROM postings_fts WHERE postings_fts MATCH ?"
    return int(conn.execute(counted, (fts_query,)).fetchone()[0])


def _words_query(
    conn: sqlite3.Connection, search: str, leave_out: frozenset[str] | None
) -> str | None:
    """``match_query`` of ``search`` without the words in every posting (``leave_out``;
    worked out when None: a word in all 100,000 postings cost a merge of their doclists)."""
    if leave_out is None:
        leave_out = whole_words(conn, search).everywhere
    return match_query(conn, search, leave_out=leave_out)


def count_and_first_ids(
    conn: sqlite3.Connection,
    search: str,
    sort: SortKey,
    descending: bool,
    *,
    page: int,
    whole_up_to: int,
) -> tuple[int, list[int]]:
    """How many postings match ``search``, and the ids the list shows first: every one of them
    when there are at most ``whole_up_to``, else the first ``page``, all from one snapshot.

    A word found whole in every posting narrows nothing and is left out
    (``fts_query.whole_words``).
    A search of words alone is then answered from the list's first postings in its order
    (``_from_the_first``) when that can be enough: a word in many postings. Otherwise, or when
    they do not hold the answer, the words' matches are looked up in the full-text index once,
    into ``temp.search_hits``, and the count and the ids read from there (the index merging
    its doclists once, not per read).
    """
    _make_search_hits(conn)  # outside the transaction, as a temp table's first use must be
    with _read_transaction(conn):  # the words asked for, the count and the ids: one snapshot
        words = whole_words(conn, search)
        everywhere = words.everywhere
        fts_query = match_query(conn, search, leave_out=everywhere)
        if fts_query is None:  # filter terms only, or nothing: no index to read
            matches = count_matching(conn, search, at_most=whole_up_to + 1, leave_out=everywhere)
            if matches <= whole_up_to:
                return matches, list_ids(conn, search, sort, descending, leave_out=everywhere)
            first = list_ids(conn, search, sort, descending, limit=page, leave_out=everywhere)
            return count_matching(conn, search, leave_out=everywhere), first
        filtered, filter_parameters = filter_conditions(conn, search)
        # A whole word in fewer than 1 in FIRST_PAGES_MARKED of the newest postings ("speech":
        # 1 in 10) seldom starts words in many more, and the search finds no more than it:
        # its matches go straight to the table. A part of a word ("pyth", held whole by none)
        # may start words in every posting: the first postings are tried first.
        rare = any(0 < share * FIRST_PAGES_MARKED < 1 for share in words.shares.values())
        if not filtered and not rare:
            answer = _from_the_first(
                conn, fts_query, sort, descending, page=page, whole_up_to=whole_up_to
            )
            if answer is not None:
                return answer
        with _search_hits(conn, fts_query):
            if filtered:
                where = " AND ".join([*filtered, _FROM_THE_HITS])
                counted = f"SELECT count(*) FROM postings AS p WHERE {where}"
                matches = int(conn.execute(counted, filter_parameters).fetchone()[0])
            else:
                matches = int(conn.execute("SELECT count(*) FROM temp.search_hits").fetchone()[0])
            limit = None if matches <= whole_up_to else page
            return matches, list_ids(conn, search, sort, descending, limit=limit, _matched=True)


# How many of the list's first postings (in its order) ``_from_the_first`` marks: its page
# is found there when at least one posting in this many per page matches.
FIRST_PAGES_MARKED = 4
# One walk of the words' matches in the index: how many, and which of the marked ones (a
# blob with byte 1 at each marked posting's id; substr of a blob is one byte read, where
# looking each match up in a table of the marked ones took as long as the walk itself).
_COUNT_AND_MARKED = (
    "SELECT count(*), group_concat(rowid) FILTER (WHERE substr(?, rowid + 1, 1) = x'01') "
    "FROM postings_fts WHERE postings_fts MATCH ?"
)


def _from_the_first(
    conn: sqlite3.Connection,
    fts_query: str,
    sort: SortKey,
    descending: bool,
    *,
    page: int,
    whole_up_to: int,
) -> tuple[int, list[int]] | None:
    """``count_and_first_ids`` for the words' ``fts_query`` alone, from the first
    ``FIRST_PAGES_MARKED * page`` postings of the list's order; None when the answer is not
    all among them (a rare word: ``temp.search_hits`` then).

    For a word in most postings, the index's matches are counted and checked against the
    marked ones in one walk, instead of being written into a table first (at 100,000
    matches that took twice as long as the walk).
    """
    first = list_ids(conn, "", sort, descending, limit=FIRST_PAGES_MARKED * page)
    marked = bytearray(max(first, default=0) + 1)
    for posting_id in first:
        marked[posting_id] = 1
    matches, found = conn.execute(_COUNT_AND_MARKED, (bytes(marked), fts_query)).fetchone()
    hits = {int(posting_id) for posting_id in found.split(",")} if found else set()
    shown = [posting_id for posting_id in first if posting_id in hits]
    if matches <= whole_up_to:
        return (matches, shown) if len(shown) == matches else None
    return (matches, shown[:page]) if len(shown) >= page else None


@contextmanager
def _read_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction (one snapshot of the library) around the reads inside."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.commit()  # only temp tables were written; ends the read transaction


def _make_search_hits(conn: sqlite3.Connection) -> None:
    """This connection's own ``temp.search_hits`` (in memory), made on its first search."""
    exists = "SELECT 1 FROM sqlite_temp_master WHERE name = 'search_hits'"
    if conn.execute(exists).fetchone() is None:
        conn.execute("PRAGMA temp_store = MEMORY")  # before the first temp table is made
        conn.execute("CREATE TEMP TABLE search_hits (id INTEGER PRIMARY KEY)")


@contextmanager
def _search_hits(conn: sqlite3.Connection, fts_query: str) -> Iterator[None]:
    """``temp.search_hits`` holds the rowids matching ``fts_query`` (inside a read
    transaction: ``_read_transaction``); emptied after."""
    try:
        conn.execute("INSERT INTO temp.search_hits " + _MATCHING_ROWIDS, (fts_query,))
        yield
    finally:
        conn.execute("DELETE FROM temp.search_hits")


def list_ids(
    conn: sqlite3.Connection,
    search: str = "",
    sort: SortKey = SortKey.POSTED,
    descending: bool = True,
    *,
    offset: int = 0,
    limit: int | None = None,
    stage_id: int | None = None,
    leave_out: frozenset[str] | None = None,
    _matched: bool = False,
) -> list[int]:
    """The ids of the postings matching ``search`` (in ``stage_id`` when given), in list
    order, a page at a time. ``leave_out``: the words of ``search`` in every posting (as in
    ``count_matching``). (``_matched``: the words' matches are in ``temp.search_hits``.)"""
    conditions: list[str] = []
    parameters: list[object] = []
    if _matched:
        conditions.append(_WALK_CHECKING_HITS if limit is not None else _FROM_THE_HITS)
    elif (fts_query := _words_query(conn, search, leave_out)) is not None:
        conditions.append(_WALK_CHECKING_MATCHES if limit is not None else _FROM_THE_MATCHES)
        parameters.append(fts_query)
    if stage_id is not None:
        conditions.append("p.stage_id = ?")
        parameters.append(stage_id)
    filtered, filter_parameters = filter_conditions(conn, search)
    conditions += filtered
    parameters += filter_parameters
    if sort in _STORED_DATES:
        column, earliest_first = _STORED_DATES[sort]
        latest_first = descending != earliest_first
        return _by_date(conn, conditions, parameters, column, latest_first, offset, limit)
    column = _SORT_EXPRESSIONS[sort]
    sql = "SELECT p.id FROM postings AS p" + _SORT_JOINS.get(sort, "")
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    # Rows without a value go last whichever way the column is sorted; the id breaks ties.
    # SQLite already puts NULLs last in a descending order, which lets it walk an index
    # (posted_at) instead of sorting 100,000 rows.
    if descending:
        sql += f" ORDER BY {column} DESC, p.id DESC"
    else:
        # A BLOB sorts after every number and text: blanks last, the value worked out once
        # per row (H1B's subquery), not twice.
        sql += f" ORDER BY coalesce({column}, x'00') ASC, p.id DESC"
    sql += " LIMIT ? OFFSET ?"
    parameters += [-1 if limit is None else limit, offset]
    return [posting_id for (posting_id,) in conn.execute(sql, parameters)]


def _by_date(
    conn: sqlite3.Connection,
    conditions: list[str],
    parameters: list[object],
    column: str,
    latest_first: bool,
    offset: int,
    limit: int | None,
) -> list[int]:
    """The ids in the order of a stored date (``column`` of application_dates AS d), blanks
    last either way, the id breaking ties (newest first), a page at a time."""
    # A page walks the date's index (CROSS JOIN keeps SQLite on it) and checks each posting;
    # the whole list of a rare word starts from its matches and sorts them.
    join = " CROSS JOIN " if limit is not None else " JOIN "
    rows = f"FROM application_dates AS d{join}postings AS p ON p.id = d.posting_id"

    def read(narrowed: str | None, order: str, skip: int, take: int | None) -> list[int]:
        where = " AND ".join([*conditions, *([narrowed] if narrowed else [])])
        sql = f"SELECT d.posting_id {rows}{' WHERE ' + where if where else ''}"
        sql += f" ORDER BY {order} LIMIT ? OFFSET ?"
        found = conn.execute(sql, [*parameters, -1 if take is None else take, skip])
        return [posting_id for (posting_id,) in found]

    if latest_first:  # SQLite puts NULLs last in a descending order: one walk of the index
        return read(None, f"{column} DESC, d.posting_id DESC", offset, limit)
    # Earliest first, blanks last: the dated ones up the index, then the blank ones.
    dated = read(f"{column} IS NOT NULL", f"{column}, d.posting_id DESC", offset, limit)
    if limit is not None and len(dated) == limit:
        return dated
    if dated:  # the dated ones end on this page: the blank ones follow from their first
        skip = 0
    else:  # the page starts past the dated ones
        where = " AND ".join([*conditions, f"{column} IS NOT NULL"])
        counted = conn.execute(f"SELECT count(*) {rows} WHERE {where}", parameters).fetchone()
        skip = max(0, offset - int(counted[0]))
    take = None if limit is None else limit - len(dated)
    return dated + read(f"{column} IS NULL", "d.posting_id DESC", skip, take)


_ROWS = (
    "SELECT p.id, c.name, p.title, s.name, s.color, p.posted_at, p.location, "
    "p.salary_min, p.salary_max, p.salary_currency, p.salary_period, p.salary_text, "
    f"{_latest_h1b('year')}, {_latest_h1b('count')}, "
    "p.work_model, d.applied_at, d.stage_since, d.last_activity, p.valid_through "
    "FROM postings AS p JOIN stages AS s ON s.id = p.stage_id "
    "LEFT JOIN companies AS c ON c.id = p.company_id "
    "LEFT JOIN application_dates AS d ON d.posting_id = p.id "
    "WHERE p.id IN ({marks})"
)


def rows_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, PostingRow]:
    """The list rows of these postings (one page of the list)."""
    rows: dict[int, PostingRow] = {}
    for start in range(0, len(ids), MAX_PARAMETERS):
        chunk = list(ids[start : start + MAX_PARAMETERS])
        sql = _ROWS.format(marks=", ".join("?" * len(chunk)))
        for row in conn.execute(sql, chunk):
            # A value no Jobdeck could store today (an infinite salary an older one saved)
            # shows as unknown instead of breaking the whole list.
            low, high, currency, period, text = row[7:12]
            salary = salary_from_columns(
                readable_amount(low), readable_amount(high), currency, period, text
            )
            applied, since, latest = (readable_datetime(t) for t in row[15:18])
            rows[row[0]] = PostingRow(
                *row[:5],
                readable_datetime(row[5]),
                row[6],
                salary,
                *row[12:15],
                applied_at=applied,
                stage_since=since,
                last_activity=latest,
                deadline=row[18],
            )
        for posting_id, labels in labels_of(conn, chunk).items():
            rows[posting_id] = replace(rows[posting_id], labels=labels)
    return rows


def list_rows(
    conn: sqlite3.Connection,
    search: str = "",
    sort: SortKey = SortKey.POSTED,
    descending: bool = True,
    stage_id: int | None = None,
) -> list[PostingRow]:
    """The whole list (for ``jobdeck list``): every matching posting's row, in order."""
    ids = list_ids(conn, search, sort, descending, stage_id=stage_id)
    rows = rows_by_id(conn, ids)
    return [rows[i] for i in ids]
