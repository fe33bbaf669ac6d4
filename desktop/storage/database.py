"""Opening the library file: engine, per-connection pragmas, migrations, one writer.

``open_database`` is the only way in. It refuses a file written by a newer Jobdeck before it
touches it, brings an older file up to date with Alembic, and returns a ``Database`` that hands
out one short session per operation.

SQLAlchemy is imported when the first session is asked for, not before: a file already at the
newest schema opens with the standard ``sqlite3`` alone, so the window can paint its list
(``querying``) while the ORM is still loading.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.storage import backups, migrate

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

DATABASE_FILENAME = "jobdeck.db"
BUSY_TIMEOUT_MS = 5000


class DatabaseError(Exception):
    """The library file cannot be used; the message says why in words a user understands."""


class SchemaTooNewError(DatabaseError):
    """The file was written by a newer Jobdeck; it has been left untouched."""


class WriteFailed(DatabaseError):
    """A change could not be saved (a full disk, say); none of it was written."""


def _why_not_written(error: BaseException) -> str:
    """SQLite's reason for refusing a write, in a user's words."""
    detail = str(getattr(error, "orig", None) or error)
    lowered = detail.casefold()
    if "full" in lowered:
        return "the disk is full. Free some space, then try again"
    if "readonly" in lowered or "read-only" in lowered:
        return "the library's folder cannot be written to (it is read-only)"
    if "locked" in lowered or "busy" in lowered:
        return "another program kept the library busy. Try again in a moment"
    if "i/o" in lowered:
        return f"the disk reported an error ({detail})"
    return detail


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any = None) -> None:
    # WAL lets the UI read while a write is under way; synchronous=FULL makes an acknowledged
    # write survive a power cut; foreign keys keep cascades honest.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _create_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    return engine


class Database:
    """The open library file. Reads may run anywhere; writes go one at a time."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = path
        self._engine = engine
        self._sessions: sessionmaker[Session] | None = None
        self._engine_lock = threading.Lock()
        self._write_lock = threading.Lock()
        # Plain connections for ``querying``, kept open between calls (with their page cache).
        self._idle: list[sqlite3.Connection] = []
        self._idle_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = _create_engine(self.path)
            return self._engine

    def _session_factory(self) -> sessionmaker[Session]:
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            engine = self.engine
            with self._engine_lock:  # two threads' first sessions must share one factory
                if self._sessions is None:
                    self._sessions = sessionmaker(engine, expire_on_commit=False)
        return self._sessions

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._session_factory()() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or not at all.

        When SQLite refuses the write (full disk, read-only folder, a lock held too long), the
        transaction is rolled back and ``WriteFailed`` says why in plain words.
        """
        from sqlalchemy.exc import OperationalError

        try:
            with self._write_lock, self._session_factory()() as session, session.begin():
                yield session
        except (OperationalError, sqlite3.OperationalError) as error:
            raise WriteFailed(f"The change was not saved: {_why_not_written(error)}.") from error

    @contextmanager
    def querying(self) -> Iterator[sqlite3.Connection]:
        """A plain ``sqlite3`` connection for reads that must not wait for the ORM (the list).

        Only for SELECTs: each runs in its own read transaction, as a session's reads do.
        """
        with self._idle_lock:
            connection = self._idle.pop() if self._idle else None
        if connection is None:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            _set_pragmas(connection)
        try:
            yield connection
        finally:
            with self._idle_lock:
                self._idle.append(connection)

    def close(self) -> None:
        with self._idle_lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()
        if self._engine is not None:
            self._engine.dispose()


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILENAME


def open_database(data_dir: Path) -> Database:
    """Open (creating or migrating as needed) the library in ``data_dir``."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(f"Cannot create the data folder {data_dir}: {error.strerror}") from None
    path = database_path(data_dir)
    revision = _stored_revision(path)
    if revision is not None and revision != migrate.HEAD_REVISION:
        # An older library is backed up (SQLite's backup API) before its schema changes.
        try:
            backups.backup_before_migration(path, revision)
        except backups.BackupError as error:
            raise DatabaseError(
                f"{error}. The library was not upgraded; nothing was changed."
            ) from None
    if revision == migrate.HEAD_REVISION:
        return Database(path)  # nothing to migrate: SQLAlchemy waits until a session is needed
    engine = _create_engine(path)
    try:
        migrate.upgrade_to_head(engine)
    except sqlite3.DatabaseError as error:
        engine.dispose()
        raise DatabaseError(f"{path} is not a readable Jobdeck database: {error}") from None
    except Exception as error:
        engine.dispose()
        cause = getattr(error, "orig", None) or error
        raise DatabaseError(f"{path} could not be opened: {cause}") from None
    return Database(path, engine)


def _stored_revision(path: Path) -> str | None:
    """Read the schema revision without writing anything, and refuse one we do not know."""
    if not path.exists():
        return None
    # With no WAL beside it, the file holds everything: immutable=1 reads it without creating
    # -wal/-shm files. With a WAL, read-only mode is needed to see its contents.
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "immutable=1"
    try:
        with sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True) as conn:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            revision = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if has_table
                else None
            )
        conn.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path} is not a readable Jobdeck database: {error}") from None
    if revision is not None and not migrate.is_known_revision(revision[0]):
        raise SchemaTooNewError(
            f"{path} was written by a newer version of Jobdeck (schema {revision[0]}). "
            f"This version knows schemas up to {migrate.head_revision()}. "
            "The file was left untouched: open it with the newer Jobdeck."
        )
    return revision[0] if revision is not None else None
