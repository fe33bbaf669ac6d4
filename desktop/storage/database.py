"""Opening the library file: engine, per-connection pragmas, migrations, one writer.

``open_database`` is the only way in. It refuses a file written by a newer Jobdeck before it
touches it, brings an older file up to date with Alembic, and returns a ``Database`` that hands
out one short session per operation.

SQLAlchemy is imported when the first session is asked for, not before: a file already at the
newest schema opens with the standard ``sqlite3`` alone, so the window can paint its list
(``querying``) while the ORM is still loading.
"""

from __future__ import annotations

import contextvars
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.deferred_import import deferred
from desktop.storage import library_files, migrate

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from desktop.storage import backups
else:  # only a migration takes a backup first: every command would pay for it
    backups = deferred("desktop.storage.backups")

DATABASE_FILENAME = "jobdeck.db"
BUSY_TIMEOUT_MS = 5000


class DatabaseError(Exception):
    """The library file cannot be used; the message says why in words a user understands."""


class BackupError(Exception):
    """A backup or restore could not be made; the message says why in plain words. (Here,
    not in ``backups``, so that opening a library need not load the backups module.)"""


class SchemaTooNewError(DatabaseError):
    """The file was written by a newer Jobdeck; it has been left untouched."""


class WriteFailed(DatabaseError):
    """A change could not be saved (a full disk, say); none of it was written."""


class LibraryBusy(WriteFailed):
    """Another process held the library's write lock for longer than the busy timeout; nothing
    was written, and trying again later is the remedy."""


READ_ONLY_MESSAGE = (
    "The change was not saved: the library is on a disk or in a folder that cannot be written "
    "(it is read-only). Reading, exporting and backing up to another disk still work."
)
# Set while a ``writing`` session runs in this thread: its transaction starts with
# BEGIN IMMEDIATE, taking SQLite's write lock before the first read, so what it reads (does
# this company exist? is this posting a duplicate?) cannot change before it writes.
_immediate = contextvars.ContextVar("jobdeck_immediate", default=False)


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


def _set_pragmas(dbapi_connection: sqlite3.Connection, read_only: bool = False) -> None:
    # WAL lets the UI read while a write is under way; synchronous=FULL makes an acknowledged
    # write survive a power cut; foreign keys keep cascades honest. A read-only library keeps
    # the journal mode its file has: changing it would be a write.
    cursor = dbapi_connection.cursor()
    if not read_only:
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection with Jobdeck's pragmas; on a read-only library, one that cannot write."""
    connection = sqlite3.connect(
        library_files.read_only_uri(path) if read_only else str(path),
        uri=read_only,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )
    _set_pragmas(connection, read_only)
    # SQLite's lower() and LIKE fold ASCII letters only: "MÜNCHEN" is not "münchen" to them.
    # Searches of the users' own words compare casefold(column) with a casefolded value.
    connection.create_function("casefold", 1, _casefold, deterministic=True)
    return connection


def _casefold(value: object) -> object:
    """SQL ``casefold(x)``: text case-folded as Python folds it (ß -> ss); other values as
    they are."""
    return value.casefold() if isinstance(value, str) else value


def _begin(connection: Any) -> None:
    # pysqlite otherwise begins lazily, before the first write: two processes could both
    # read "no such company" and then both insert it (UNIQUE constraint failed).
    if _immediate.get():
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _create_engine(path: Path, read_only: bool = False) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", creator=lambda: _connect(path, read_only))
    event.listen(engine, "begin", _begin)
    return engine


class Database:
    """The open library file. Reads may run anywhere; writes go one at a time."""

    def __init__(
        self, path: Path, engine: Engine | None = None, *, read_only: bool = False
    ) -> None:
        self.path = path
        self.read_only = read_only  # on a read-only disk: reads work, every write is refused
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
                self._engine = _create_engine(self.path, self.read_only)
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

        The transaction takes SQLite's write lock first (BEGIN IMMEDIATE), so what it reads
        stays true until it commits, whatever another process does; a lock held by another
        process is waited for up to the busy timeout (5 s). When SQLite refuses the write (full
        disk, read-only folder), the transaction is rolled back and ``WriteFailed`` says why in
        plain words; ``LibraryBusy`` when the lock was held for longer than the wait.
        """
        from sqlalchemy.exc import OperationalError

        if self.read_only:
            raise WriteFailed(READ_ONLY_MESSAGE)
        token = _immediate.set(True)
        try:
            with self._write_lock, self._session_factory()() as session, session.begin():
                yield session
        except (OperationalError, sqlite3.OperationalError) as error:
            reason = _why_not_written(error)
            kind = LibraryBusy if "busy" in reason else WriteFailed
            raise kind(f"The change was not saved: {reason}.") from error
        finally:
            _immediate.reset(token)

    @contextmanager
    def plain_writing(self) -> Iterator[sqlite3.Connection]:
        """A plain ``sqlite3`` connection in one write transaction, for the writes that must
        not wait for the ORM to load (a move from the command line). As ``writing``: the write
        lock is taken first, the work is committed whole or rolled back, and SQLite's refusals
        come as ``WriteFailed`` or ``LibraryBusy``."""
        if self.read_only:
            raise WriteFailed(READ_ONLY_MESSAGE)
        with self._write_lock, self.querying() as connection:
            try:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
                connection.commit()
            except sqlite3.DatabaseError as error:
                if connection.in_transaction:
                    connection.rollback()
                reason = _why_not_written(error)
                kind = LibraryBusy if "busy" in reason else WriteFailed
                raise kind(f"The change was not saved: {reason}.") from error
            except BaseException:
                if connection.in_transaction:
                    connection.rollback()
                raise

    @contextmanager
    def querying(self) -> Iterator[sqlite3.Connection]:
        """A plain ``sqlite3`` connection for reads that must not wait for the ORM (the list).

        Only for SELECTs: each runs in its own read transaction, as a session's reads do.
        """
        with self._idle_lock:
            connection = self._idle.pop() if self._idle else None
        if connection is None:
            connection = _connect(self.path, self.read_only)
        try:
            yield connection
        except sqlite3.DatabaseError as error:
            # A plain read that fails (a damaged or replaced file, a disk that went away)
            # reaches callers as the storage family, as the ORM's reads do: never raw sqlite3.
            raise DatabaseError(f"The library could not be read ({error}).") from error
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
    """Open (creating or migrating as needed) the library in ``data_dir``.

    The folder and its files are made owner-only (see ``library_files``). A library on a
    read-only disk opens for reading (``Database.read_only``) when it needs no migration.
    Raises ``DatabaseError`` (``SchemaTooNewError``) with a message for the user.
    """
    try:
        library_files.make_private_dir(data_dir)
    except OSError as error:
        raise DatabaseError(f"Cannot create the data folder {data_dir}: {error.strerror}") from None
    path = database_path(data_dir)
    read_only = library_files.is_read_only(path)
    revision = _stored_revision(path)
    if read_only:
        if revision is None:
            raise DatabaseError(
                f"There is no library in {data_dir}, and none can be made there: the folder "
                "cannot be written (it is read-only)."
            )
        if revision != migrate.HEAD_REVISION:
            raise DatabaseError(
                f"{path} was made by an older Jobdeck and must be upgraded, but it is on a disk "
                "that cannot be written (read-only). It was left untouched."
            )
        return Database(path, read_only=True)
    library_files.create_private_file(path)
    library_files.tighten_library(data_dir, path)
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
    if revision is None and _is_new(path) and migrate.snapshot_is_current():
        _create_at_head(path)
        return Database(path)
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


def migrated_library(data_dir: Path) -> Path:
    """A new library file in ``data_dir`` made by running every migration through Alembic, as
    libraries were made before the schema snapshot; returns its path. What
    ``scripts/schema_snapshot.py`` takes the snapshot from, and its test compares against."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = database_path(data_dir)
    engine = _create_engine(path)
    try:
        migrate.upgrade_to_head(engine)
    finally:
        engine.dispose()
    return path


def _is_new(path: Path) -> bool:
    """The library file was just made: empty, with no write-ahead log beside it."""
    return path.stat().st_size == 0 and not path.with_name(path.name + "-wal").exists()


def _create_at_head(path: Path) -> None:
    """A new library's schema made at once from the snapshot of the newest (``migrate``)."""
    connection = _connect(path, read_only=False)
    try:
        migrate.create_at_head(connection)
    except (sqlite3.DatabaseError, migrate.MigrationError) as error:
        raise DatabaseError(f"{path} could not be made: {error}") from None
    finally:
        connection.close()


def _stored_revision(path: Path) -> str | None:
    """Read the schema revision without writing anything, and refuse one we do not know."""
    if not path.exists() or path.stat().st_size == 0:
        return None  # a new library (or the empty file made for it): nothing stored yet
    # With no WAL beside it, the file holds everything: immutable=1 reads it without creating
    # -wal/-shm files. With a WAL, read-only mode is needed to see its contents.
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "immutable=1"
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True) as conn:
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
