"""Backup use cases for the window and the command line: back up, list, restore, check.

Restore and check work on the data folder rather than an open ``Library``: they must work when
the library file is too damaged to open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.services.errors import Refused, ServiceError
from desktop.services.library import Library, library_path, open_library, storage_errors
from desktop.storage import backups as store
from desktop.storage import library_files, migrate
from desktop.storage.backups import BackupInfo

__all__ = ["BackupError", "BackupInfo"]

BackupError = Refused  # what a backup or restore that cannot be done raises (message says why)


@dataclass(frozen=True)
class CheckReport:
    path: Path
    problems: tuple[str, ...]
    missing: bool = False  # there is no library file at all: nothing is damaged

    @property
    def ok(self) -> bool:
        return not self.problems and not self.missing


@dataclass(frozen=True)
class Restored:
    restored_from: Path
    current_saved_as: Path | None  # the backup (or, if damaged, the moved-aside file) of before
    current_was_damaged: bool


def _info(path: Path) -> BackupInfo:
    return next(b for b in store.list_backups(path.parent.parent) if b.path == path)


@storage_errors()
def backup_now(db: Library, kind: str = store.MANUAL, now: datetime | None = None) -> BackupInfo:
    """Back up the open library into its ``backups/`` folder."""
    return _info(store.make_backup(db.path, kind, now))


@storage_errors()
def backup_to(db: Library, target: Path) -> Path:
    return store.copy_database(db.path, target)


@storage_errors()
def list_backups(data_dir: Path) -> list[BackupInfo]:
    return store.list_backups(data_dir)


@storage_errors()
def daily_backup_if_due(db: Library, now: datetime | None = None) -> BackupInfo | None:
    """Make today's daily backup unless there is one, then prune old dailies (7 daily, 4 weekly).

    The first day counts too: when today's backup was taken of an empty library (the very first
    start) and postings have been saved since, another is taken, so the first day's work is not
    only in the library file. Pruning keeps the newest of a day.
    """
    now = now or datetime.now(UTC)
    today = now.astimezone(UTC).date()
    data_dir = db.path.parent
    todays = [
        b
        for b in store.list_backups(data_dir, with_counts=False)
        if b.kind == store.DAILY and b.taken_at.date() == today
    ]
    if todays and (store.count_postings(todays[0].path) or not store.count_postings(db.path)):
        return None
    made = backup_now(db, store.DAILY, now)
    store.prune(data_dir)
    return made


@storage_errors()
def check_library(data_dir: Path) -> CheckReport:
    """Run SQLite's integrity check on the library without changing anything."""
    path = library_path(data_dir)
    if not path.exists():
        return CheckReport(path, (), missing=True)
    return CheckReport(path, tuple(store.integrity_problems(path)))


def window_has_library(data_dir: Path) -> bool:
    """Whether a Jobdeck window (another process) has the library in ``data_dir`` open."""
    return library_files.window_has_library(data_dir)


def backup_problem(backup: Path) -> str | None:
    """Why ``backup`` cannot be restored (damaged, not Jobdeck's, from a newer Jobdeck), or
    None when it can. Reads the file only."""
    problems = store.integrity_problems(backup)
    if problems:
        return f"{backup} is not a good backup ({problems[0]})"
    revision = store.schema_revision(backup)
    if revision is None or not migrate.is_known_revision(revision):
        return (
            f"{backup} was made by a newer version of Jobdeck (schema {revision}); this version "
            f"knows schemas up to {migrate.HEAD_REVISION}. Open it with the newer Jobdeck"
        )
    return None


@storage_errors()
def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    for backup in store.list_backups(data_dir):
        if not store.integrity_problems(backup.path):
            return backup
    return None


@storage_errors()
def restore_backup(data_dir: Path, backup: Path, db: Library | None = None) -> Restored:
    """Replace the library with ``backup``; what was there is saved first, never lost.

    A readable current file is backed up; a damaged one is moved aside. Pass the open ``db``
    so its connections are closed first; it reconnects to the restored file on next use.

    Raises ``BackupError`` before anything is replaced when the backup is damaged, is not a
    Jobdeck library or was made by a newer Jobdeck; and, with the library put back as it
    was, when the restored file cannot be brought up to date.
    """
    problem = backup_problem(backup)
    if problem is not None:
        raise BackupError(f"{problem}. Nothing was changed.")
    if db is not None:
        db.close()
    try:  # a new, empty data folder (a new computer) is made, owner-only
        library_files.make_private_dir(data_dir)
    except OSError as error:
        raise BackupError(f"Cannot make {data_dir}: {error.strerror or error}.") from None
    path = library_path(data_dir)
    saved: Path | None = None
    damaged = False
    if path.exists():
        damaged = bool(store.integrity_problems(path))
        saved = store.move_aside(path) if damaged else store.make_backup(path, store.BEFORE_RESTORE)
    try:
        store.restore_into(backup, path)
        # A backup from an older version is brought up to date now, not by the next reader.
        open_library(data_dir).close()
    except (store.BackupError, ServiceError) as error:
        _put_back(path, saved, damaged)
        raise BackupError(
            f"{backup} could not be restored ({error}). The library was put back as it was."
        ) from None
    return Restored(backup, saved, damaged)


def _put_back(path: Path, saved: Path | None, damaged: bool) -> None:
    """Undo a restore that failed half-way: the library becomes what it was before."""
    if saved is None:
        for leftover in (path, *(Path(f"{path}{s}") for s in library_files.SIDE_SUFFIXES)):
            leftover.unlink(missing_ok=True)
    elif damaged:
        saved.replace(path)
    else:
        store.restore_into(saved, path)
