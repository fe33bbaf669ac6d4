"""Migration 0022: the full-text index gains a one-letter prefix index. An older library is
upgraded with every posting still found by the same words and letters, and the stage facts
that a trigger writes into the index still follow a move."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from desktop.core.posting import PostingDocument
from desktop.services import pipeline, postings
from desktop.services.library import Library, open_library
from desktop.services.stages import resolve_stage
from desktop.storage import migrate
from desktop.storage.database import database_path

TITLES = ("Zebra Robotics Engineer", "Quantum Researcher", "Data Scientist", "Éclair Baker")


def _index_sql(data_dir: Path) -> str:
    """The statement the library file holds for its full-text index."""
    with sqlite3.connect(database_path(data_dir)) as connection:
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'postings_fts'"
        ).fetchone()
    connection.close()
    return sql


def _found(db: Library, search: str) -> set[str]:
    return {row.title for row in postings.list_postings(db, search)}


def _back_to_0021(data_dir: Path) -> None:
    engine = create_engine(f"sqlite:///{database_path(data_dir)}")
    try:
        with engine.connect() as connection, connection.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0021")
    finally:
        engine.dispose()


def test_an_older_library_is_upgraded_and_finds_the_same_postings(data_dir: Path) -> None:
    db = open_library(data_dir)
    ids = [
        postings.create_posting(db, PostingDocument(title=t, company="Acme")).value for t in TITLES
    ]
    db.close()
    _back_to_0021(data_dir)
    assert "prefix" not in _index_sql(data_dir)  # the index as 0021 left it

    db = open_library(data_dir)  # upgraded to the head again, the index made anew
    try:
        assert "prefix = '1'" in _index_sql(data_dir)
        assert _found(db, "z") == {"Zebra Robotics Engineer"}
        assert _found(db, "e") == {"Zebra Robotics Engineer", "Éclair Baker"}  # É folds to e
        assert _found(db, "q") == {"Quantum Researcher"}
        assert _found(db, "research") == {"Quantum Researcher"}
        assert _found(db, "x") == set()
        assert postings.count_matching(db, "a") == len(TITLES)  # "Acme", in every posting
        applied = resolve_stage(db, "Applied")
        pipeline.move_application(db, ids[2], applied.id)
        assert _found(db, "applied") == {"Data Scientist"}  # the facts trigger still writes
    finally:
        db.close()


def test_a_new_library_has_the_prefix_index(data_dir: Path) -> None:
    open_library(data_dir).close()
    assert "prefix = '1'" in _index_sql(data_dir)
