"""Alembic, driven from code: the app brings its file to the newest schema at start-up."""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# The newest revision in migrations/versions (a test keeps the two equal). A file already at
# it needs no migration, and Alembic, a quarter of a second to import, is not loaded at all.
HEAD_REVISION = "0022"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def is_known_revision(revision: str) -> bool:
    if revision == HEAD_REVISION:
        return True
    return any(script.revision == revision for script in _script().walk_revisions())


class MigrationError(RuntimeError):
    pass


def snapshot_is_current() -> bool:
    """Whether ``schema_snapshot`` is of the newest migration. When a migration was added and
    the script not run yet, new libraries are made by the migrations (slower, the same result)
    and tests/storage/test_schema_snapshot.py fails to say so."""
    from desktop.storage import schema_snapshot

    return schema_snapshot.REVISION == HEAD_REVISION


def create_at_head(connection: sqlite3.Connection) -> None:
    """Make a new library's schema and rows at the head revision from ``schema_snapshot``, in
    one transaction of ``connection`` (on an empty file): what running every migration makes
    (tests/storage/test_schema_snapshot.py), without Alembic or its twenty-odd migrations,
    which took 1.5 s of a new library's first command."""
    from desktop.storage import schema_snapshot

    if schema_snapshot.REVISION != HEAD_REVISION:  # a migration added, the script not run
        raise MigrationError(f"the schema snapshot is at {schema_snapshot.REVISION}")
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise MigrationError("a new library's file already holds tables")
        for statement in schema_snapshot.SCHEMA:
            connection.execute(statement)
        for table, rows in schema_snapshot.ROWS.items():
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
    except BaseException:
        connection.rollback()
        raise
    connection.commit()


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    """Apply every migration the file lacks, all in one transaction.

    Batch migrations rebuild a table (copy, drop, rename). With foreign keys on, dropping the
    old table would delete, by cascade, every row that points at it, so they are switched off
    for the migration (outside the transaction, where SQLite honours the pragma) and the
    references are checked before anything is committed.
    """
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise MigrationError(f"the migration left {len(broken)} broken references")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
