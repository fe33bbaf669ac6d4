"""Taking a posting out of the library whole, and putting it back (undo of a delete).

``take_out`` copies every row that goes with the posting before deleting it: the posting, the
rows of every table whose foreign key cascades from it (its history, items, notes, contacts'
links, documents, interviews, tasks, login, facts, and whatever a later migration hangs on it,
found through SQLite's own ``foreign_key_list``, not a list kept by hand), its full-text row,
and its company with that company's own rows when the company goes too (no other posting or
contact points at it). ``put_back`` writes those rows again.

Ids: a posting's id (and a child row's) is kept when it is still free. SQLite hands out the
highest id plus one, so a posting added since may have taken it; the rows then get new ids
and every reference among them follows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.storage.fts_query import FACTS_OF_POSTING
from desktop.storage.record_errors import PostingMissing, RecordNotFound

Row = tuple[object, ...]


class RestoreRefused(RecordNotFound):
    """A row the posting needs (its stage, say) is gone, so it cannot be put back whole."""


@dataclass(frozen=True)
class TableRows:
    """Rows of one table, as they were: ``columns`` name each row's values in order."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class RemovedPosting:
    """Everything a deleted posting took with it. ``tables`` start with the posting's own row
    and list parents before children; ``company`` is empty when the company stayed."""

    posting_id: int
    tables: tuple[TableRows, ...]
    company: tuple[TableRows, ...]
    search_row: Row | None  # rowid, then the full-text columns

    def table(self, name: str) -> TableRows | None:
        return next((t for t in self.tables if t.table == name), None)

    def kept(self, name: str) -> bool:
        """Whether rows of table ``name`` went with the posting."""
        found = self.table(name)
        return found is not None and bool(found.rows)


@dataclass(frozen=True)
class _Link:
    child: str
    column: str  # the child's column
    parent: str
    parent_column: str
    on_delete: str


# What a missing parent that does not cascade is, in the user's words.
_NEEDED = {"stages": "its stage", "companies": "its company"}

SEARCH_TABLE = "postings_fts"
SEARCH_COLUMNS = ("title", "company", "location", "body", "notes")


def _tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in rows]


def _links(connection: sqlite3.Connection) -> list[_Link]:
    links = []
    for table in _tables(connection):
        for row in connection.execute(f'PRAGMA foreign_key_list("{table}")'):
            # id, seq, parent table, from, to, on_update, on_delete, match
            links.append(_Link(table, row[3], row[2], row[4] or "id", row[6].upper()))
    return links


def _columns(connection: sqlite3.Connection, table: str) -> tuple[str, ...]:
    return tuple(row[1] for row in connection.execute(f'PRAGMA table_info("{table}")'))


def _integer_key(connection: sqlite3.Connection, table: str) -> str | None:
    """The table's single INTEGER PRIMARY KEY column (a rowid SQLite can hand out), if any."""
    keys = [row for row in connection.execute(f'PRAGMA table_info("{table}")') if row[5]]
    if len(keys) == 1 and keys[0][2].upper() == "INTEGER":
        return str(keys[0][1])
    return None


def _select(
    connection: sqlite3.Connection, table: str, column: str, values: Sequence[object]
) -> TableRows:
    columns = _columns(connection, table)
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(values))
    rows = connection.execute(
        f'SELECT {names} FROM "{table}" WHERE "{column}" IN ({marks})', tuple(values)
    ).fetchall()
    return TableRows(table, columns, tuple(rows))


def _cascade(
    connection: sqlite3.Connection, links: list[_Link], root: TableRows
) -> list[TableRows]:
    """``root`` and every row that cascades from it, parents first."""
    found = [root]
    queue = [root]
    while queue:
        parent = queue.pop(0)
        for link in links:
            if link.parent != parent.table or link.on_delete != "CASCADE":
                continue
            index = parent.columns.index(link.parent_column)
            keys = sorted({row[index] for row in parent.rows}, key=str)
            if not keys:
                continue
            rows = _select(connection, link.child, link.column, keys)
            if rows.rows:
                found.append(rows)
                queue.append(rows)
    return _merged(found)


def _merged(found: list[TableRows]) -> list[TableRows]:
    """One entry per table (a table reached twice, as application_contacts is from postings
    and contacts, keeps its rows once), in the order first reached."""
    merged: dict[str, TableRows] = {}
    for rows in found:
        if rows.table in merged:
            known = merged[rows.table]
            extra = tuple(r for r in rows.rows if r not in known.rows)
            merged[rows.table] = TableRows(rows.table, known.columns, known.rows + extra)
        else:
            merged[rows.table] = rows
    return list(merged.values())


def take_out(connection: sqlite3.Connection, posting_id: int) -> RemovedPosting:
    """Copy the posting and all that goes with it, then delete it (in the caller's write
    transaction). Raises ``PostingMissing``."""
    links = _links(connection)
    posting = _select(connection, "postings", "id", [posting_id])
    if not posting.rows:
        raise PostingMissing(f"There is no posting with id {posting_id}.")
    tables = _cascade(connection, links, posting)
    search_row = connection.execute(
        f"SELECT rowid, {', '.join(SEARCH_COLUMNS)} FROM {SEARCH_TABLE} WHERE rowid = ?",
        (posting_id,),
    ).fetchone()
    company_id = posting.rows[0][posting.columns.index("company_id")]

    connection.execute(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = ?", (posting_id,))
    connection.execute("DELETE FROM postings WHERE id = ?", (posting_id,))
    company: list[TableRows] = []
    if company_id is not None and not _still_used(connection, links, company_id):
        company = _cascade(connection, links, _select(connection, "companies", "id", [company_id]))
        connection.execute("DELETE FROM companies WHERE id = ?", (company_id,))
    return RemovedPosting(posting_id, tuple(tables), tuple(company), search_row)


def _still_used(connection: sqlite3.Connection, links: list[_Link], company_id: int) -> bool:
    """Whether a row that keeps a company (a posting, a contact) still points at it."""
    for link in links:
        if link.parent == "companies" and link.on_delete != "CASCADE":
            found = connection.execute(
                f'SELECT 1 FROM "{link.child}" WHERE "{link.column}" = ? LIMIT 1', (company_id,)
            ).fetchone()
            if found is not None:
                return True
    return False


def put_back(connection: sqlite3.Connection, removed: RemovedPosting) -> int:
    """Write the removed rows again (in the caller's write transaction); the posting's id,
    which is its old one unless another posting took it meanwhile.

    A row whose other parent is gone (a link to a contact deleted since) is left out, as the
    delete of that parent would have taken it. Raises ``RestoreRefused`` when a row the
    posting needs and the library keeps apart (its stage) is gone.
    """
    links = _links(connection)
    _refuse_a_deleted_stage(connection, removed)
    new_ids: dict[str, dict[object, object]] = {}
    if removed.company:
        _put_company(connection, links, removed.company, new_ids)
    for rows in removed.tables:
        _insert_rows(connection, links, rows, new_ids)
    posting_id = int(new_ids["postings"][removed.posting_id])  # type: ignore[arg-type]
    if removed.search_row is not None:
        _rowid, *values = removed.search_row
        # Its facts (stage, work model) from the row put back, as every index write takes them.
        connection.execute(
            f"INSERT INTO {SEARCH_TABLE} (rowid, {', '.join(SEARCH_COLUMNS)}, facts) "
            f"VALUES (?, {', '.join('?' * len(SEARCH_COLUMNS))}, "
            f"(SELECT {FACTS_OF_POSTING} FROM postings AS p WHERE p.id = ?))",
            (posting_id, *values, posting_id),
        )
    return posting_id


def _refuse_a_deleted_stage(connection: sqlite3.Connection, removed: RemovedPosting) -> None:
    """A deleted stage stays as an archived row (its history still names it), but a card put
    back into it would be on no board."""
    posting = removed.tables[0]
    stage_id = posting.rows[0][posting.columns.index("stage_id")]
    found = connection.execute(
        "SELECT name, archived FROM stages WHERE id = ?", (stage_id,)
    ).fetchone()
    if found is not None and found[1]:
        raise RestoreRefused(
            f"It cannot be put back: its stage {found[0]!r} was deleted since "
            "(undo that first, or add the stage again)."
        )


def _put_company(
    connection: sqlite3.Connection,
    links: list[_Link],
    company: tuple[TableRows, ...],
    new_ids: dict[str, dict[object, object]],
) -> None:
    """The company comes back unless one of that name was added meanwhile: the posting then
    joins that one, whose profile the user has been seeing since."""
    own = company[0]
    (row,) = own.rows
    values = dict(zip(own.columns, row, strict=True))
    same_name = connection.execute(
        "SELECT id FROM companies WHERE name_key = ?", (values["name_key"],)
    ).fetchone()
    if same_name is not None:
        new_ids["companies"] = {values["id"]: same_name[0]}
        return
    for rows in company:
        _insert_rows(connection, links, rows, new_ids)


def _insert_rows(
    connection: sqlite3.Connection,
    links: list[_Link],
    rows: TableRows,
    new_ids: dict[str, dict[object, object]],
) -> None:
    key = _integer_key(connection, rows.table)
    outside = [link for link in links if link.child == rows.table]
    ids = new_ids.setdefault(rows.table, {})
    for row in rows.rows:
        values = dict(zip(rows.columns, row, strict=True))
        if not _parents_present(connection, outside, values, new_ids, rows.table):
            continue
        old_key = values.get(key) if key else None
        if key is not None and _taken(connection, rows.table, key, old_key):
            values[key] = None  # SQLite hands out a free one
        names = list(values)
        quoted = ", ".join(f'"{name}"' for name in names)
        cursor = connection.execute(
            f'INSERT INTO "{rows.table}" ({quoted}) VALUES ({", ".join("?" * len(names))})',
            [values[n] for n in names],
        )
        if key is not None:
            ids[old_key] = cursor.lastrowid if values[key] is None else old_key


def _taken(connection: sqlite3.Connection, table: str, key: str, value: object) -> bool:
    if value is None:
        return False
    found = connection.execute(f'SELECT 1 FROM "{table}" WHERE "{key}" = ?', (value,)).fetchone()
    return found is not None


def _parents_present(
    connection: sqlite3.Connection,
    links: list[_Link],
    values: dict[str, object],
    new_ids: dict[str, dict[object, object]],
    table: str,
) -> bool:
    """Point the row at its parents' new ids; False when a cascading parent is gone (the row
    would have gone with it). A missing parent that does not cascade refuses the restore."""
    for link in links:
        value = values.get(link.column)
        if value is None:
            continue
        if link.parent in new_ids and value in new_ids[link.parent]:
            values[link.column] = new_ids[link.parent][value]
            continue
        present = connection.execute(
            f'SELECT 1 FROM "{link.parent}" WHERE "{link.parent_column}" = ?', (value,)
        ).fetchone()
        if present is not None:
            continue
        if link.on_delete == "CASCADE":
            return False
        what = _NEEDED.get(link.parent, f"a row of {link.parent.replace('_', ' ')} it needs")
        raise RestoreRefused(f"It cannot be put back: {what} was deleted since.")
    return True
