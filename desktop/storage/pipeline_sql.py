"""The pipeline's everyday reads and moves in plain SQL on ``sqlite3``.

``jobdeck stages``, ``list --stage``, ``move`` and ``login get`` are over in the time Python
takes to start when they need only these: SQLAlchemy and our models take about a quarter of a
second to import, several times the work itself. The window's card moves use the same
functions, so there is one way to place a card. Times are stored as ``UtcDateTime`` stores
them (fixed-width UTC ISO text), so rows written here and through the ORM are alike.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.bounds import readable_datetime
from desktop.core.pipeline import Application, MoveRecord, TimelineEntry, pulled_back
from desktop.storage.login_sql import login_row, posting_exists, stored_time  # noqa: F401
from desktop.storage.record_errors import PostingMissing, StageChangeMissing, StageMissing

if TYPE_CHECKING:  # loaded by an import that adds history, not by a quick command
    from desktop.core.history_merge import HistoryMerge, StagePlace
    from desktop.core.posting import StageChange

# Orders closer than this are renumbered before a card goes between them.
MIN_ORDER_GAP = 1e-6


def timeline(conn: sqlite3.Connection, posting_id: int) -> list[TimelineEntry]:
    """The posting's stage history, oldest first: each stage with when it was entered."""
    rows = conn.execute(
        "SELECT c.id, s.name, s.color, c.at FROM stage_changes AS c "
        "JOIN stages AS s ON s.id = c.stage_id WHERE c.posting_id = ? ORDER BY c.at, c.id",
        (posting_id,),
    )
    return [
        TimelineEntry(change_id, stage, color, at)
        for change_id, stage, color, stored in rows
        if (at := readable_datetime(stored)) is not None
    ]


def posting_of_change(conn: sqlite3.Connection, change_id: int) -> int:
    """The posting whose history holds stage change ``change_id``. Raises StageChangeMissing."""
    row = conn.execute("SELECT posting_id FROM stage_changes WHERE id = ?", (change_id,)).fetchone()
    if row is None:
        raise StageChangeMissing(
            "That stage change is no longer in the history (the posting or the move was undone "
            "or deleted)."
        )
    return int(row[0])


def set_change_times(conn: sqlite3.Connection, times: dict[int, datetime]) -> None:
    """Give each stage change (by id) its time."""
    conn.executemany(
        "UPDATE stage_changes SET at = ? WHERE id = ?",
        [(stored_time(at), change_id) for change_id, at in times.items()],
    )


def date_change(
    conn: sqlite3.Connection, change_id: int, at: datetime
) -> tuple[int, tuple[TimelineEntry, ...]]:
    """Date stage change ``change_id`` at ``at``, moving earlier entries back to it when they
    were later (``core.pipeline.pulled_back``); returns (its posting, the entries moved back as
    they were). Raises StageChangeMissing, and TimelineConflict past the next entry."""
    posting_id = posting_of_change(conn, change_id)
    moved = pulled_back(timeline(conn, posting_id), change_id, at)
    set_change_times(conn, {change_id: at} | {entry.id: at for entry in moved})
    return posting_id, moved


def application(conn: sqlite3.Connection, posting_id: int) -> Application:
    """The posting's application: its stage, labels and timeline. Raises PostingMissing."""
    row = conn.execute(
        "SELECT s.name, s.color FROM postings AS p "
        "JOIN stages AS s ON s.id = p.stage_id WHERE p.id = ?",
        (posting_id,),
    ).fetchone()
    if row is None:
        raise PostingMissing(f"There is no posting with id {posting_id}.")
    # Here, not at the top: ``jobdeck stages`` and ``move`` start without the labels' module.
    from desktop.storage.label_records import labels_of

    labels = labels_of(conn, [posting_id]).get(posting_id, ())
    return Application(posting_id, row[0], row[1], labels, tuple(timeline(conn, posting_id)))


def order_for_index(
    conn: sqlite3.Connection, stage_id: int, index: int | None, moving: int
) -> float:
    """The stage_order that puts a card at ``index`` among the others in the column (None:
    last). Reads only the two neighbours (through the (stage_id, stage_order) index)."""
    if index is None or index < 0:
        (last,) = conn.execute(
            "SELECT max(stage_order) FROM postings WHERE stage_id = ? AND id != ?",
            (stage_id, moving),
        ).fetchone()
        return (last or 0.0) + 1.0
    neighbours = [
        order
        for (order,) in conn.execute(
            "SELECT stage_order FROM postings WHERE stage_id = ? AND id != ? "
            "ORDER BY stage_order, id LIMIT 2 OFFSET ?",
            (stage_id, moving, max(index - 1, 0)),
        )
    ]
    if index == 0:
        return (neighbours[0] - 1.0) if neighbours else 1.0
    if len(neighbours) < 2:  # past the end
        return (neighbours[-1] if neighbours else 0.0) + 1.0
    before, after = neighbours
    if after - before < MIN_ORDER_GAP:
        renumber(conn, stage_id)
        return order_for_index(conn, stage_id, index, moving)
    return (before + after) / 2


def renumber(conn: sqlite3.Connection, stage_id: int) -> None:
    """Give the column's cards the orders 1, 2, 3 ... in their present order."""
    ids = [
        posting_id
        for (posting_id,) in conn.execute(
            "SELECT id FROM postings WHERE stage_id = ? ORDER BY stage_order, id", (stage_id,)
        )
    ]
    conn.executemany(
        "UPDATE postings SET stage_order = ? WHERE id = ?",
        [(float(order), posting_id) for order, posting_id in enumerate(ids, start=1)],
    )


def add_change(conn: sqlite3.Connection, posting_id: int, stage_id: int, at: datetime) -> int:
    """Record that the posting entered the stage at ``at``; returns the history entry's id."""
    cursor = conn.execute(
        "INSERT INTO stage_changes (posting_id, stage_id, at) VALUES (?, ?, ?)",
        (posting_id, stage_id, stored_time(at)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def move_card(
    conn: sqlite3.Connection, posting_id: int, stage_id: int, index: int | None, at: datetime
) -> MoveRecord:
    """Put a posting in a stage (at ``index`` in its column, else last) and record the change.

    A move within the same stage only reorders; it adds nothing to the history. Runs in the
    caller's write transaction. Raises PostingMissing or StageMissing.
    """
    place = conn.execute(
        "SELECT stage_id, stage_order FROM postings WHERE id = ?", (posting_id,)
    ).fetchone()
    if place is None:
        raise PostingMissing(f"There is no posting with id {posting_id}.")
    if conn.execute("SELECT 1 FROM stages WHERE id = ?", (stage_id,)).fetchone() is None:
        raise StageMissing(f"There is no stage with id {stage_id}.")
    from_stage, from_order = place
    order = order_for_index(conn, stage_id, index, posting_id)
    conn.execute(
        "UPDATE postings SET stage_id = ?, stage_order = ? WHERE id = ?",
        (stage_id, order, posting_id),
    )
    history_id, moved = None, ()
    if stage_id != from_stage:
        # A move dated in the past (applied last week, logged today) stays the latest entry:
        # entries dated after it move back to its time (read before it joins the timeline).
        entering = TimelineEntry(0, "", "", at)
        moved = pulled_back((*timeline(conn, posting_id), entering), 0, at)
        set_change_times(conn, {entry.id: at for entry in moved})
        history_id = add_change(conn, posting_id, stage_id, at)
    return MoveRecord(posting_id, from_stage, from_order, stage_id, history_id, moved)


def stage_places(conn: sqlite3.Connection) -> dict[str, tuple[int, StagePlace]]:
    """The stages in use by name: (id, place in the pipeline)."""
    from desktop.core.history_merge import StagePlace

    rows = conn.execute(
        "SELECT id, name, position, is_closed FROM stages WHERE NOT archived ORDER BY position"
    )
    return {
        name: (stage_id, StagePlace(position, bool(closed)))
        for stage_id, name, position, closed in rows
    }


RowHistory = tuple[int, "str | None", "Sequence[StageChange]"]  # posting, row's stage, dated stages


def add_histories(
    conn: sqlite3.Connection,
    rows: Sequence[RowHistory],
    places: dict[str, tuple[int, StagePlace]],
) -> list[HistoryMerge]:
    """Add each tracker row's dated stages that its posting's history lacks
    (``core.history_merge``): new entries, earlier ones moved back, the posting moved to the
    row's stage when that comes later in the pipeline. ``rows`` are (posting id, the row's
    stage, its dated stages); ``places`` is ``stage_places(conn)``. The postings' stages and
    histories are read in two queries, not two a row; a posting two rows repeat is read again
    after the first changed it. Returns what was done, a merge per row. Raises
    PostingMissing."""
    from desktop.core.history_merge import HistoryMerge, merged_history, stage_key

    by_name = {name: place for name, (_, place) in places.items()}
    ids = {stage_key(name): stage_id for name, (stage_id, _) in places.items()}
    current, histories = _stages_and_histories(conn, {posting_id for posting_id, _, _ in rows})
    merges: list[HistoryMerge] = []
    for posting_id, row_stage, row_history in rows:
        if posting_id not in current:
            raise PostingMissing(f"There is no posting with id {posting_id}.")
        stored = histories[posting_id]
        had = {stage_key(stage) for _, stage, _, _ in stored}
        if all(stage_key(change.stage) in had for change in row_history):
            merges.append(HistoryMerge())  # the usual row read again: its stages are there
            continue
        timeline = [
            TimelineEntry(change_id, stage, color, at)
            for change_id, stage, color, text in stored
            if (at := readable_datetime(text)) is not None
        ]
        merge = merged_history(timeline, current[posting_id], row_stage, row_history, by_name)
        merges.append(merge)
        if merge.is_empty:
            continue
        set_change_times(conn, dict(merge.moved_back))
        for change in merge.added:  # oldest first: equal times keep this order by id
            add_change(conn, posting_id, ids[stage_key(change.stage)], change.at)
        if merge.new_stage is not None:
            stage_id = ids[stage_key(merge.new_stage)]
            conn.execute(
                "UPDATE postings SET stage_id = ?, stage_order = ? WHERE id = ?",
                (stage_id, order_for_index(conn, stage_id, None, posting_id), posting_id),
            )
        again = _stages_and_histories(conn, {posting_id})
        current[posting_id], histories[posting_id] = again[0][posting_id], again[1][posting_id]
    return merges


StoredChange = tuple[int, str, str, str]  # change id, stage, colour, time as stored


def _stages_and_histories(
    conn: sqlite3.Connection, posting_ids: set[int]
) -> tuple[dict[int, str], dict[int, list[StoredChange]]]:
    """Each posting's current stage name and its history as stored, oldest first."""
    marks = ", ".join("?" * len(posting_ids))
    wanted = sorted(posting_ids)
    current = dict(
        conn.execute(
            "SELECT p.id, s.name FROM postings AS p JOIN stages AS s ON s.id = p.stage_id "
            f"WHERE p.id IN ({marks})",
            wanted,
        ).fetchall()
    )
    histories: dict[int, list[StoredChange]] = {posting_id: [] for posting_id in current}
    for posting_id, *change in conn.execute(
        "SELECT c.posting_id, c.id, s.name, s.color, c.at FROM stage_changes AS c "
        f"JOIN stages AS s ON s.id = c.stage_id WHERE c.posting_id IN ({marks}) "
        "ORDER BY c.posting_id, c.at, c.id",
        wanted,
    ):
        histories[posting_id].append(tuple(change))  # type: ignore[arg-type]
    return current, histories
