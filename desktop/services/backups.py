"""Backup use cases for the window and the command line: back up, list, restore, check.

Restore and check work on the data folder rather than an open ``Database``: they must work when
the library file is too damaged to open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.storage import backups as store
from desktop.storage.backups import BackupError, BackupInfo
from desktop.storage.database import Database, database_path, open_database

__all__ = ["BackupError", "BackupInfo"]


@dataclass(frozen=True)
class CheckReport:
    path: Path
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Restored:
    restored_from: Path
    current_saved_as: Path | None  # the backup (or, if damaged, the moved-aside file) of before
    current_was_damaged: bool


def _info(path: Path) -> BackupInfo:
    return next(b for b in store.list_backups(path.parent.parent) if b.path == path)


def backup_now(db: Database, kind: str = store.MANUAL, now: datetime | None = None) -> BackupInfo:
    """Back up the open library into its ``backups/`` folder."""
    return _info(store.make_backup(db.path, kind, now))


def backup_to(db: Database, target: Path) -> Path:
    return store.copy_database(db.path, target)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    return store.list_backups(data_dir)


def daily_backup_if_due(db: Database, now: datetime | None = None) -> BackupInfo | None:
    """Make today's daily backup unless there is one, then prune old dailies (7 daily, 4 weekly)."""
    now = now or datetime.now(UTC)
    today = now.astimezone(UTC).date()
    data_dir = db.path.parent
    if any(
        b.kind == store.DAILY and b.taken_at.date() == today
        for b in store.list_backups(data_dir, with_counts=False)
    ):
        return None
    made = backup_now(db, store.DAILY, now)
    store.prune(data_dir)
    return made


def check_library(data_dir: Path) -> CheckReport:
    """Run SQLite's integrity check on the library without changing anything."""
    path = database_path(data_dir)
    if not path.exists():
        return CheckReport(path, (f"{path} does not exist",))
    return CheckReport(path, tuple(store.integrity_problems(path)))


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    for backup in store.list_backups(data_dir):
        if not store.integrity_problems(backup.path):
            return backup
    return None


def restore_backup(data_dir: Path, backup: Path, db: Database | None = None) -> Restored:
    """Replace the library with ``backup``; what was there is saved first, never lost.

    A readable current file is backed up; a damaged one is moved aside. Pass the open ``db``
    so its connections are closed first; it reconnects to the restored file on next use.
    """
    if store.integrity_problems(backup):
        raise BackupError(f"{backup} is not a good backup; nothing was changed.")
    if db is not None:
        db.close()
    path = database_path(data_dir)
    saved: Path | None = None
    damaged = False
    if path.exists():
        damaged = bool(store.integrity_problems(path))
        saved = store.move_aside(path) if damaged else store.make_backup(path, store.BEFORE_RESTORE)
    store.restore_into(backup, path)
    # A backup from an older version is brought up to date now, not by the next reader.
    open_database(data_dir).close()
    return Restored(backup, saved, damaged)
