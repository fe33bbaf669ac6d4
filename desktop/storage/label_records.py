"""Named labels and the applications carrying them, in plain SQL on ``sqlite3``: the board and
the list read them per page of cards or rows, so nothing here waits for the ORM. (The search's
``label:`` terms are turned into SQL with the other filters, in ``filter_sql``.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from desktop.core.labels import Label, LabelUse, name_key
from desktop.storage.record_errors import PostingMissing, RecordNotFound

MAX_PARAMETERS = 900  # below SQLite's limit on bound parameters in one statement


class LabelMissing(RecordNotFound):
    """No label with that id or name (deleted since, say)."""


class LabelTaken(ValueError):
    """Another label already has that name (any case)."""


def all_labels(conn: sqlite3.Connection) -> list[LabelUse]:
    """Every label by name, with how many applications carry it."""
    rows = conn.execute(
        "SELECT l.id, l.name, l.color, (SELECT count(*) FROM posting_labels AS pl "
        "WHERE pl.label_id = l.id) FROM labels AS l ORDER BY l.name_key"
    )
    return [LabelUse(Label(i, n, c), count) for i, n, c, count in rows]


def label_by_id(conn: sqlite3.Connection, label_id: int) -> Label:
    row = conn.execute("SELECT id, name, color FROM labels WHERE id = ?", (label_id,)).fetchone()
    if row is None:
        raise LabelMissing(f"There is no label with id {label_id}.")
    return Label(*row)


def label_named(conn: sqlite3.Connection, name: str) -> Label | None:
    row = conn.execute(
        "SELECT id, name, color FROM labels WHERE name_key = ?", (name_key(name),)
    ).fetchone()
    return None if row is None else Label(*row)


def add_label(conn: sqlite3.Connection, name: str, color: str, label_id: int | None = None) -> int:
    """A new label (with ``label_id`` when putting a deleted one back); raises LabelTaken."""
    taken = label_named(conn, name)
    if taken is not None:
        raise LabelTaken(f"There is already a label named {taken.name!r}.")
    cursor = conn.execute(
        "INSERT INTO labels (id, name, name_key, color) VALUES (?, ?, ?, ?)",
        (label_id, name, name_key(name), color),
    )
    return int(cursor.lastrowid or 0)


def update_label(conn: sqlite3.Connection, label_id: int, name: str, color: str) -> Label:
    """Rename and recolour; returns the label as it was. Raises LabelMissing, LabelTaken."""
    before = label_by_id(conn, label_id)
    other = label_named(conn, name)
    if other is not None and other.id != label_id:
        raise LabelTaken(f"There is already a label named {other.name!r}.")
    conn.execute(
        "UPDATE labels SET name = ?, name_key = ?, color = ? WHERE id = ?",
        (name, name_key(name), color, label_id),
    )
    return before


def carriers(conn: sqlite3.Connection, label_id: int) -> list[int]:
    """The applications carrying the label, by id."""
    return [
        p
        for (p,) in conn.execute(
            "SELECT posting_id FROM posting_labels WHERE label_id = ? ORDER BY posting_id",
            (label_id,),
        )
    ]


def delete_label(conn: sqlite3.Connection, label_id: int) -> tuple[Label, list[int]]:
    """Remove the label from every application and delete it; returns it and who carried it
    (what undo puts back). Raises LabelMissing."""
    label = label_by_id(conn, label_id)
    carried = carriers(conn, label_id)
    conn.execute("DELETE FROM posting_labels WHERE label_id = ?", (label_id,))
    conn.execute("DELETE FROM labels WHERE id = ?", (label_id,))
    return label, carried


def put_on(conn: sqlite3.Connection, label_id: int, posting_ids: Iterable[int]) -> None:
    """Have these applications carry the label (again); those gone since are left out."""
    conn.executemany(
        "INSERT OR IGNORE INTO posting_labels (posting_id, label_id) "
        "SELECT id, ? FROM postings WHERE id = ?",
        [(label_id, p) for p in posting_ids],
    )


def labels_of(conn: sqlite3.Connection, posting_ids: Sequence[int]) -> dict[int, tuple[Label, ...]]:
    """Each posting's labels by name (postings without any are left out)."""
    found: dict[int, list[Label]] = {}
    ids = list(posting_ids)
    for start in range(0, len(ids), MAX_PARAMETERS):
        chunk = ids[start : start + MAX_PARAMETERS]
        rows = conn.execute(
            "SELECT pl.posting_id, l.id, l.name, l.color FROM posting_labels AS pl "
            "JOIN labels AS l ON l.id = pl.label_id "
            f"WHERE pl.posting_id IN ({', '.join('?' * len(chunk))}) ORDER BY l.name_key",
            chunk,
        )
        for posting_id, label_id, name, color in rows:
            found.setdefault(posting_id, []).append(Label(label_id, name, color))
    return {p: tuple(labels) for p, labels in found.items()}


def posting_exists(conn: sqlite3.Connection, posting_id: int) -> bool:
    return conn.execute("SELECT 1 FROM postings WHERE id = ?", (posting_id,)).fetchone() is not None


def carried_ids(conn: sqlite3.Connection, posting_id: int) -> list[int]:
    """The ids of the labels the application carries."""
    return [
        i
        for (i,) in conn.execute(
            "SELECT label_id FROM posting_labels WHERE posting_id = ? ORDER BY label_id",
            (posting_id,),
        )
    ]


def set_labels(conn: sqlite3.Connection, posting_id: int, label_ids: Iterable[int]) -> list[int]:
    """Make these the application's labels; returns the ids it carried before.
    Raises PostingMissing, LabelMissing."""
    if not posting_exists(conn, posting_id):
        raise PostingMissing(f"Posting {posting_id} is not in the library (deleted since?).")
    wanted = sorted(set(label_ids))
    for label_id in wanted:
        label_by_id(conn, label_id)
    before = carried_ids(conn, posting_id)
    conn.execute("DELETE FROM posting_labels WHERE posting_id = ?", (posting_id,))
    conn.executemany(
        "INSERT INTO posting_labels (posting_id, label_id) VALUES (?, ?)",
        [(posting_id, label_id) for label_id in wanted],
    )
    return before
