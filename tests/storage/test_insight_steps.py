"""stage_changes.prev_stage_id (migration 0016): the stage each history was in before a change,
kept by triggers whatever writes the history. Checked against ``lag()`` over the whole table
after every kind of write: the services' saves (one posting, a batch), moves, a move dated
back, a corrected time, raw SQL updates and deletes, a deleted posting; and the backfill of
an older library."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from desktop.core.posting import PostingDocument, StageChange
from desktop.services import importing, pipeline, postings
from desktop.services.library import Library, open_library
from desktop.storage import migrate
from desktop.storage.database import database_path

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def _steps(path: Path) -> dict[int, int | None]:
    """{change id: prev_stage_id} as stored."""
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT id, prev_stage_id FROM stage_changes"))


def _lagged(path: Path) -> dict[int, int | None]:
    """{change id: the stage before it in its history}, worked out afresh."""
    with sqlite3.connect(path) as conn:
        return dict(
            conn.execute(
                "SELECT id, lag(stage_id) OVER (PARTITION BY posting_id ORDER BY at, id) "
                "FROM stage_changes"
            )
        )


def _history(db: Library, posting_id: int) -> list[tuple[str, str | None]]:
    """(stage, the stage before) of one posting's changes, in history order."""
    with db.querying() as conn:
        return conn.execute(
            "SELECT s.name, p.name FROM stage_changes AS c JOIN stages AS s ON s.id = c.stage_id "
            "LEFT JOIN stages AS p ON p.id = c.prev_stage_id WHERE c.posting_id = ? "
            "ORDER BY c.at, c.id",
            (posting_id,),
        ).fetchall()


def _add(db: Library, history: list[tuple[str, float]]) -> int:
    doc = PostingDocument(
        title="Role",
        company="Acme",
        stage=history[-1][0],
        stage_history=tuple(StageChange(s, T0 + timedelta(days=d)) for s, d in history),
    )
    return postings.create_posting(db, doc, now=T0).value


def test_every_write_keeps_the_step_before_each_change(data_dir: Path) -> None:
    db = open_library(data_dir)
    path = database_path(data_dir)
    try:
        first = _add(db, [("Saved", 0), ("Applied", 1), ("Screening", 5)])
        assert _history(db, first) == [
            ("Saved", None),
            ("Applied", "Saved"),
            ("Screening", "Applied"),
        ]
        alone = _add(db, [("Saved", 0)])
        assert _history(db, alone) == [("Saved", None)]

        # A batch through the import's bulk writer.
        doc = PostingDocument(
            title="Batch",
            company="Globex",
            stage="Rejected",
            stage_history=(
                StageChange("Saved", T0),
                StageChange("Applied", T0 + timedelta(days=2)),
                StageChange("Rejected", T0 + timedelta(days=9)),
            ),
        )
        jobs = [
            (doc.with_changes(title=f"Batch {i}"), importing.Decision.SAVE_NEW, None)
            for i in range(3)
        ]
        report = importing.save_many(db, jobs, lambda *_: None, threading.Event())
        assert not report.failures
        assert _steps(path) == _lagged(path)

        # Moves, one of them dated before the history's last entry.
        interviewing = pipeline.resolve_stage(db, "Interviewing").id
        applied = pipeline.resolve_stage(db, "Applied").id
        pipeline.move_application(db, alone, applied, at=T0 + timedelta(days=3))
        pipeline.move_application(db, first, interviewing, at=T0 + timedelta(days=8))
        assert _history(db, alone) == [("Saved", None), ("Applied", "Saved")]
        moved = pipeline.move_application(db, alone, interviewing, at=T0 + timedelta(days=1))
        assert _steps(path) == _lagged(path)

        # A corrected time that puts a change before another.
        pipeline.correct_stage_time(db, moved.value.history_id, T0 + timedelta(days=4))
        assert _history(db, alone)[-1] == ("Interviewing", "Applied")
        assert _steps(path) == _lagged(path)

        # Raw writes: a change's stage, its posting, a change deleted from the middle.
        with sqlite3.connect(path) as conn:
            (middle,) = conn.execute(
                "SELECT id FROM stage_changes WHERE posting_id = ? ORDER BY at, id LIMIT 1 "
                "OFFSET 1",
                (first,),
            ).fetchone()
            conn.execute("UPDATE stage_changes SET stage_id = ? WHERE id = ?", (7, middle))
        assert _steps(path) == _lagged(path)
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE stage_changes SET posting_id = ? WHERE id = ?", (alone, middle))
        assert _steps(path) == _lagged(path)
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM stage_changes WHERE id = ?", (middle,))
        assert _history(db, first) == [
            ("Saved", None),
            ("Screening", "Saved"),
            ("Interviewing", "Screening"),
        ]
        assert _steps(path) == _lagged(path)

        postings.delete_posting(db, first)  # its changes go with it
        assert _steps(path) == _lagged(path)
        assert _history(db, first) == []
    finally:
        db.close()


def test_upgrading_an_older_library_fills_the_steps(data_dir: Path) -> None:
    db = open_library(data_dir)
    one = _add(db, [("Saved", 0), ("Screening", 2)])
    two = _add(db, [("Saved", 0)])
    db.close()
    path = database_path(data_dir)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to the schema before the steps were kept
        config = migrate.alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0015")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        # Written without the triggers: a backdated Applied (last row, dated between) for
        # one, and a change at the very moment of the first for the other (ids decide).
        changes = dict(conn.execute("SELECT posting_id, at FROM stage_changes"))
        first_at = min(changes.values())
        applied_at = (T0 + timedelta(days=1)).isoformat(timespec="microseconds")
        conn.execute(
            "INSERT INTO stage_changes (posting_id, stage_id, at) VALUES (?, 2, ?)",
            (one, applied_at),
        )
        conn.execute(
            "INSERT INTO stage_changes (posting_id, stage_id, at) VALUES (?, 2, ?)",
            (two, first_at),
        )
    db = open_library(data_dir)  # upgrades to the head
    try:
        assert _steps(path) == _lagged(path)
        assert _history(db, one) == [
            ("Saved", None),
            ("Applied", "Saved"),
            ("Screening", "Applied"),
        ]
        assert _history(db, two) == [("Saved", None), ("Applied", "Saved")]
    finally:
        db.close()
