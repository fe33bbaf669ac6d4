"""A new library is made from the schema snapshot (storage/schema_snapshot.py) instead of
running every migration: it must be exactly what the migrations make, and Alembic must know
its revision (later migrations upgrade it as any other library)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.storage import database, migrate, schema_snapshot
from desktop.storage.database import database_path, open_database


def _contents(path: Path) -> dict[str, object]:
    """Everything a library file holds but the places of its pages."""
    with sqlite3.connect(path) as conn:
        schema = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        tables = [name for kind, name, _t, sql in schema if kind == "table"]
        found: dict[str, object] = {"schema": schema}
        for table in tables:
            if not schema_of(schema, table).upper().startswith("CREATE VIRTUAL TABLE"):
                found[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
        for pragma in ("user_version", "application_id", "journal_mode", "auto_vacuum"):
            found[pragma] = conn.execute(f"PRAGMA {pragma}").fetchone()
    conn.close()
    return found


def schema_of(schema: list[tuple[str, str, str, str]], name: str) -> str:
    return next(sql for _kind, table, _t, sql in schema if table == name) or ""


def test_the_snapshot_is_of_the_newest_migration() -> None:
    # If this fails after adding a migration: python scripts/schema_snapshot.py
    assert schema_snapshot.REVISION == migrate.HEAD_REVISION == migrate.head_revision()


def test_a_new_library_is_what_the_migrations_make(tmp_path: Path) -> None:
    open_database(tmp_path / "new").close()
    made = _contents(database_path(tmp_path / "new"))
    assert made == _contents(database.migrated_library(tmp_path / "migrated"))
    assert made["alembic_version"] == [(migrate.HEAD_REVISION,)]
    assert made["stages"]  # the default stages


def test_alembic_knows_a_new_librarys_revision(tmp_path: Path) -> None:
    open_database(tmp_path).close()
    path = database_path(tmp_path)
    before = _contents(path)
    engine = database._create_engine(path)
    try:
        migrate.upgrade_to_head(engine)  # nothing to do: it is at the head
        with engine.connect() as connection:
            from alembic.migration import MigrationContext

            assert (
                MigrationContext.configure(connection).get_current_revision()
                == migrate.HEAD_REVISION
            )
    finally:
        engine.dispose()
    assert _contents(path) == before
    open_database(tmp_path).close()  # opened again as a library at the head


def test_a_file_that_is_not_empty_is_never_made_over(tmp_path: Path) -> None:
    path = database_path(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE mine (x)")
    conn.close()
    connection = sqlite3.connect(path)
    try:
        try:
            migrate.create_at_head(connection)
        except migrate.MigrationError:
            pass
        else:
            raise AssertionError("made a schema over a file holding tables")
    finally:
        connection.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("mine",)]
    conn.close()


def test_a_snapshot_behind_the_migrations_still_makes_a_new_library(
    tmp_path: Path, monkeypatch
) -> None:
    # A migration added and the script not run yet: users still get a library at the head
    # (made by the migrations); the test above is the one that fails, for the developer.
    monkeypatch.setattr(schema_snapshot, "REVISION", "0001")
    open_database(tmp_path).close()
    with sqlite3.connect(database_path(tmp_path)) as conn:
        stored = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    conn.close()
    assert stored == [(migrate.HEAD_REVISION,)]
