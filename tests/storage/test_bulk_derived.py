"""Postings saved in bulk (their insert triggers held, their derived rows filled per batch:
storage/bulk_derived.py) get exactly the application dates and previous stages the triggers
give, and the library keeps every trigger as it was."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.application_record import ApplicationRecord, NoteRecord
from desktop.core.posting import PostingDocument, StageChange
from desktop.importers.result import ReadResult
from desktop.services import importing, postings
from desktop.services.library import open_library
from desktop.storage import bulk_derived, posting_records
from desktop.storage.database import database_path

DAY = timedelta(days=1)
T0 = datetime(2020, 10, 1, 9, 0, tzinfo=UTC)  # before any ``now`` of a test


def _documents() -> list[PostingDocument]:
    """Histories of every shape: none, one change, several, out of time order, two changes at
    the same instant, back to an earlier stage; some with the user's applied date or notes."""
    docs = []
    for i in range(60):
        at = T0 + i * DAY
        shapes = [
            (),
            (StageChange("Saved", at),),
            (StageChange("Saved", at), StageChange("Applied", at + DAY)),
            (StageChange("Applied", at + 2 * DAY), StageChange("Saved", at)),  # out of order
            (StageChange("Saved", at), StageChange("Applied", at), StageChange("Saved", at)),
            (
                StageChange("Saved", at),
                StageChange("Applied", at + DAY),
                StageChange("Screening", at + 3 * DAY),
                StageChange("Applied", at + 5 * DAY),
            ),
        ]
        history = shapes[i % len(shapes)]
        application = None
        if i % 4 == 1:
            application = ApplicationRecord(applied_at=at + 7 * DAY)
        elif i % 4 == 2:
            application = ApplicationRecord(notes=(NoteRecord("Called", at + 9 * DAY, at),))
        doc = PostingDocument(title=f"Role {i}", company=f"Company {i % 7}")
        stage = history[-1].stage if history else None
        docs.append(replace(doc, stage=stage, stage_history=history, application=application))
    return docs


def _now_masked(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The rows, with the times of the save itself (a posting saved with no history enters
    its stage then) masked: the two libraries are saved a moment apart."""
    return [
        tuple("now" if isinstance(v, str) and v[:4] > "2021" else v for v in row) for row in rows
    ]


def _derived(data_dir: Path) -> tuple[list[tuple[object, ...]], ...]:
    with sqlite3.connect(database_path(data_dir)) as conn:
        dates = conn.execute("SELECT * FROM application_dates ORDER BY posting_id").fetchall()
        changes = conn.execute(
            "SELECT id, posting_id, stage_id, at, prev_stage_id FROM stage_changes ORDER BY id"
        ).fetchall()
        triggers = conn.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
    return _now_masked(dates), _now_masked(changes), triggers


def _import(data_dir: Path, docs: list[PostingDocument]) -> None:
    db = open_library(data_dir)
    try:
        postings.create_posting(db, PostingDocument(title="Saved before", company="Company 1"))
        outcomes = list(
            importing.import_documents(
                db, [ReadResult(d) for d in docs], importing.Decision.SAVE_NEW
            )
        )
        assert all(o.status is importing.Status.SAVED for o in outcomes)
    finally:
        db.close()


def test_bulk_saved_postings_get_the_rows_the_triggers_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _documents()
    assert len(docs) >= posting_records.BULK_DERIVED_FROM
    _import(tmp_path / "bulk", docs)
    monkeypatch.setattr(posting_records, "BULK_DERIVED_FROM", 10**9)  # every row by triggers
    _import(tmp_path / "triggers", docs)
    bulk, by_triggers = _derived(tmp_path / "bulk"), _derived(tmp_path / "triggers")
    assert bulk == by_triggers
    dates, changes, _ = bulk
    assert len(dates) == len(docs) + 1
    assert any(row[1] is not None for row in dates)  # some applied dates, from both sources
    assert any(prev is not None for *_, prev in changes)


def test_a_failed_bulk_insert_keeps_the_triggers(tmp_path: Path) -> None:
    db = open_library(tmp_path)
    before = _derived(tmp_path)[2]
    connection = sqlite3.connect(database_path(tmp_path))
    connection.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.IntegrityError), bulk_derived.triggers_held(connection, 1, 30):
        connection.execute("INSERT INTO postings (id) VALUES (1)")  # NOT NULL columns
    assert (
        connection.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
        == before
    )  # created again inside the transaction
    connection.rollback()
    connection.close()
    db.close()
    assert _derived(tmp_path)[2] == before


def test_every_insert_trigger_on_postings_and_history_is_handled(tmp_path: Path) -> None:
    # A new AFTER INSERT trigger on these tables would be skipped by a bulk save: fill its
    # rows in storage/bulk_derived.py and name it there.
    open_library(tmp_path).close()
    with sqlite3.connect(database_path(tmp_path)) as conn:
        names = {
            name
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name IN ('postings', 'stage_changes')"
            )
            if "AFTER INSERT" in sql.upper()
        }
    assert names == set(bulk_derived.INSERT_TRIGGERS)
