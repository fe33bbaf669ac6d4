"""The library's files on disk: who may read them, and how to read them when nobody may write.

Postings, notes and portal user names are private: the data folder and ``backups/`` are made
owner-only (700) and every file in them (the database, its WAL and shared-memory files, backups,
exports) owner-only (600) on POSIX systems. SQLite creates ``-wal`` and ``-shm`` with the mode of
the database file, so a 600 database keeps them 600 too.

A library on a read-only disk (a mounted backup drive, a locked-down share) can still be read:
SQLite needs ``immutable=1`` to open a WAL-mode file there when no ``-wal`` file is beside it,
and ``mode=ro`` to read through one that is.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
POSIX = os.name == "posix"


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and its parents) if needed; make it owner-only. Raises OSError when it
    cannot be created; a folder we may not chmod (not ours, read-only) is left as it is."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    make_private(folder)


def make_private(path: Path) -> None:
    """Owner-only access to ``path`` (700 for a folder, 600 for a file), where we may set it."""
    if not POSIX:
        return
    with contextlib.suppress(OSError):
        mode = PRIVATE_DIR if path.is_dir() else PRIVATE_FILE
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)


def create_private_file(path: Path) -> None:
    """Make an empty owner-only file at ``path`` unless one exists, so that SQLite (or anyone)
    writing it afterwards never leaves it readable by others, not even for a moment."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        make_private(path)


def open_private(
    path: Path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
) -> IO[Any]:
    """``open(path, mode)`` for writing a file only its owner may read (an export)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    make_private(path)  # an existing file keeps its old mode through O_CREAT
    if "b" in mode:
        return os.fdopen(fd, mode)
    return os.fdopen(fd, mode, encoding=encoding, newline=newline)


@contextlib.contextmanager
def replacing(
    target: Path, mode: str = "wb", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Write ``target`` complete or not at all: yields an owner-only ``target.partial`` opened
    with ``mode`` and renames it over ``target`` when the block ends cleanly. Whatever stops the
    block (a full disk, a read that fails, Cancel) removes the partial file, leaves an earlier
    ``target`` as it was, and propagates (``OSError`` included)."""
    partial = target.with_name(target.name + ".partial")
    try:
        with open_private(partial, mode, encoding=encoding, newline=newline) as out:
            yield out
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def tighten_library(data_dir: Path, database: Path) -> None:
    """Make an existing library owner-only: the folder, the database and its side files, the
    backups folder and every backup in it (libraries made before Jobdeck did this were 755/644)."""
    make_private(data_dir)
    for path in (database, *(Path(f"{database}{s}") for s in SIDE_SUFFIXES)):
        if path.exists():
            make_private(path)
    backups = data_dir / "backups"
    if backups.is_dir():
        make_private(backups)
        for backup in backups.iterdir():
            make_private(backup)


def is_read_only(database: Path) -> bool:
    """Whether the library in ``database`` (existing or not) cannot be written: its folder or
    the file itself refuses writes (a read-only disk, or permissions)."""
    folder = database.parent
    if not os.access(folder, os.W_OK):
        return True
    return database.exists() and not os.access(database, os.W_OK)


def read_only_uri(database: Path) -> str:
    """A ``sqlite3.connect(..., uri=True)`` target that reads ``database`` and writes nothing,
    on a writable disk or a read-only one. Relative paths are fine (made absolute here).

    ``mode=ro`` sees every committed write, the WAL's included, and notices other writers; on a
    read-only disk with no ``-wal`` beside the file it cannot create ``-shm``, and
    ``immutable=1`` (nobody can be writing there) is the way in.
    """
    path = database.resolve()
    if not Path(f"{path}-wal").exists() and not os.access(path.parent, os.W_OK):
        return f"{path.as_uri()}?immutable=1"
    return f"{path.as_uri()}?mode=ro"


# The window's single-instance lock (desktop/ui/single_instance.py): a QLockFile, which holds
# an flock(2) on the file for as long as the window runs.
WINDOW_LOCK_FILENAME = "jobdeck.lock"


def window_has_library(data_dir: Path) -> bool:
    """Whether a running Jobdeck window holds ``data_dir``'s lock (another process's: this
    one's own lock is not seen here). A lock file left by a window that died is not held."""
    lock = data_dir / WINDOW_LOCK_FILENAME
    if not POSIX or not lock.exists():
        return False
    import fcntl

    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        return error.errno in (errno.EWOULDBLOCK, errno.EAGAIN)
    finally:
        os.close(fd)  # closing lets go of a lock we did get
    return False
