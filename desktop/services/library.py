"""The library handle: the one object the window and the command line hold for the open file.

``Library`` wraps storage's ``Database`` and is the door to it: every session it hands out maps
storage's errors to the services' family (``desktop.services.errors``) on the way out, so callers
catch ``ServiceError`` and never a class from ``desktop.storage``.

Nothing heavy is imported here: SQLAlchemy still loads on the first session, not at start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.services.errors import (
    LibraryBusy,
    LibraryTooNew,
    NotFound,
    Refused,
    ServiceError,
    WriteFailed,
)
from desktop.storage import database as store
from desktop.storage.location import resolve_data_dir
from desktop.storage.record_errors import RecordNotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["Library", "library_path", "open_library", "resolve_data_dir", "storage_errors"]


@contextmanager
def storage_errors() -> Iterator[None]:
    """Re-raise storage's errors as the services' family (message unchanged)."""
    try:
        yield
    except ServiceError:
        raise
    except store.LibraryBusy as error:
        raise LibraryBusy(str(error)) from error
    except store.WriteFailed as error:
        raise WriteFailed(str(error)) from error
    except store.SchemaTooNewError as error:
        raise LibraryTooNew(str(error)) from error
    except store.DatabaseError as error:
        raise Refused(str(error)) from error
    except RecordNotFound as error:
        raise NotFound(str(error)) from error
    except store.BackupError as error:
        raise Refused(str(error)) from error


class Library:
    """The open library file. Reads may run anywhere; writes go one at a time."""

    def __init__(self, database: store.Database) -> None:
        self.database = database

    @property
    def path(self) -> Path:
        """The library file (``jobdeck.db``)."""
        return self.database.path

    @property
    def read_only(self) -> bool:
        """True for a library on a read-only disk: reads work, every write is refused."""
        return self.database.read_only

    @property
    def data_dir(self) -> Path:
        """The folder holding the library file and its ``backups/``."""
        return self.database.path.parent

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with storage_errors(), self.database.reading() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction, committed whole or not at all; ``WriteFailed`` says why not."""
        with storage_errors(), self.database.writing() as session:
            yield session

    @contextmanager
    def plain_writing(self) -> Iterator[sqlite3.Connection]:
        """A plain ``sqlite3`` connection in one write transaction, for writes that must not
        wait for the ORM; committed whole or not at all, as ``writing``."""
        with storage_errors(), self.database.plain_writing() as connection:
            yield connection

    @contextmanager
    def querying(self) -> Iterator[sqlite3.Connection]:
        """A plain ``sqlite3`` connection for SELECTs that must not wait for the ORM."""
        with storage_errors(), self.database.querying() as connection:
            yield connection

    def close(self) -> None:
        self.database.close()


def library_path(data_dir: Path) -> Path:
    """Where the library file of ``data_dir`` is (it may not exist yet)."""
    return store.database_path(data_dir)


def open_library(data_dir: Path) -> Library:
    """Open (creating or migrating as needed) the library in ``data_dir``.

    Raises ``Refused`` when the file is from a newer Jobdeck (untouched), unreadable, or the
    folder cannot be made; the message says which.
    """
    with storage_errors():
        return Library(store.open_database(data_dir))
