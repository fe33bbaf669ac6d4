"""Backups: made with the backup API (WAL contents included), listed, pruned, restored, checked."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from desktop.services import backups, postings
from desktop.services.library import Library, open_library
from desktop.storage import backups as store
from desktop.storage import migrate
from tests.reliability.conftest import fill_library


def _wal(db: Library) -> Path:
    return db.path.with_name(db.path.name + "-wal")


def test_a_backup_holds_writes_still_in_the_wal(db: Library) -> None:
    fill_library(db, 3)
    # The writes sit in the WAL: a plain copy of jobdeck.db alone would miss them.
    assert _wal(db).stat().st_size > 0
    copied = db.path.with_name("plain-copy.db")
    copied.write_bytes(db.path.read_bytes())
    assert store.count_postings(copied) in (None, 0)

    made = backups.backup_now(db)

    assert made.postings == 3
    assert made.kind == "manual"
    assert made.path.parent == db.path.parent / "backups"
    assert store.integrity_problems(made.path) == []
    # A single self-contained file: no WAL beside it, and no partial file left.
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]


def test_backups_are_listed_newest_first_with_date_and_posting_count(db: Library) -> None:
    first = backups.backup_now(db, now=datetime(2026, 11, 1, 8, 0, tzinfo=UTC))
    fill_library(db, 2)
    second = backups.backup_now(db, now=datetime(2026, 11, 2, 8, 0, tzinfo=UTC))

    listed = backups.list_backups(db.path.parent)

    assert [(b.path, b.postings) for b in listed] == [(second.path, 2), (first.path, 0)]
    assert listed[0].taken_at == datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def test_backup_to_a_chosen_file(db: Library, tmp_path: Path) -> None:
    fill_library(db, 1)
    target = tmp_path / "elsewhere" / "my-backup.db"
    assert backups.backup_to(db, target) == target
    assert store.count_postings(target) == 1


def test_retention_keeps_seven_daily_and_four_weekly(db: Library) -> None:
    start = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)  # a Tuesday
    for day in range(60):
        for hour in (0, 6):  # two on some days: only the newest of a day counts
            backups.backup_now(db, "daily", now=start + timedelta(days=day, hours=hour))
    manual = backups.backup_now(db, now=start)

    store.prune(db.path.parent)

    kept = backups.list_backups(db.path.parent)
    daily = [b.taken_at for b in kept if b.kind == "daily"]
    last = start + timedelta(days=59, hours=6)
    newest_seven = [last - timedelta(days=n) for n in range(7)]
    assert daily[:7] == newest_seven
    weeks = {t.isocalendar()[:2] for t in daily}
    assert len(weeks) == 4  # the 7 days span two weeks; older weeks fill up the four
    assert len(daily) == 7 + 2
    assert manual.path in {b.path for b in kept}  # made by hand: never pruned


def test_daily_backup_once_a_day(db: Library) -> None:
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert backups.daily_backup_if_due(db, now) is not None
    assert backups.daily_backup_if_due(db, now + timedelta(hours=5)) is None
    assert backups.daily_backup_if_due(db, now + timedelta(days=1)) is not None
    assert [b.kind for b in backups.list_backups(db.path.parent)] == ["daily", "daily"]


def test_restore_backs_up_the_current_library_first(db: Library) -> None:
    fill_library(db, 1)
    old = backups.backup_now(db, now=datetime(2026, 1, 1, tzinfo=UTC))
    fill_library(db, 4)

    done = backups.restore_backup(db.path.parent, old.path, db)

    assert postings.count_postings(db) == 1  # the same Library reconnects to the restored file
    assert not done.current_was_damaged
    assert done.current_saved_as is not None
    assert store.count_postings(done.current_saved_as) == 5
    assert "before-restore" in done.current_saved_as.name
    assert backups.check_library(db.path.parent).ok
    # And the restore can itself be undone.
    backups.restore_backup(db.path.parent, done.current_saved_as, db)
    assert postings.count_postings(db) == 5


def test_restoring_a_bad_backup_changes_nothing(db: Library, tmp_path: Path) -> None:
    fill_library(db, 2)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(backups.BackupError, match="not a good backup"):
        backups.restore_backup(db.path.parent, bad, db)
    assert postings.count_postings(db) == 2
    assert backups.list_backups(db.path.parent) == []


def test_check_verdicts(db: Library, data_dir: Path) -> None:
    fill_library(db, 2)
    assert backups.check_library(data_dir).ok
    db.close()
    raw = db.path.read_bytes()
    db.path.write_bytes(raw[: len(raw) // 2])
    report = backups.check_library(data_dir)
    assert not report.ok
    assert "malformed" in report.problems[0] or "not a readable" in report.problems[0]


def test_restore_over_a_damaged_library_moves_it_aside(db: Library, data_dir: Path) -> None:
    fill_library(db, 3)
    good = backups.backup_now(db)
    db.close()
    for side in data_dir.glob("jobdeck.db-*"):
        side.unlink()
    garbage = b"this is not a database" * 100
    db.path.write_bytes(garbage)

    done = backups.restore_backup(data_dir, good.path)

    assert done.current_was_damaged
    assert done.current_saved_as is not None
    assert done.current_saved_as.read_bytes() == garbage  # kept byte for byte, never deleted
    assert backups.check_library(data_dir).ok


def test_backup_before_migration_as_open_database_will_call_it(data_dir: Path) -> None:
    """The hook: ``open_library`` calls it with the stored revision before migrating."""
    path = data_dir / "jobdeck.db"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade_to_head(engine, "0003")
    engine.dispose()

    made = store.backup_before_migration(path, "0003")
    open_library(data_dir).close()

    assert made is not None and "before-migration" in made.name
    with sqlite3.connect(made) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
    conn.close()
    # A new library has nothing to lose: no backup.
    assert store.backup_before_migration(data_dir / "new" / "jobdeck.db", None) is None


def test_a_backup_cut_short_long_ago_is_cleared_and_one_under_way_kept(
    db: Library, data_dir: Path
) -> None:
    # A shutdown during a daily backup leaves an unfinished copy as large as the library.
    folder = store.backup_dir(data_dir)
    folder.mkdir()
    old = folder / "jobdeck-20261101-093000-000000-daily.db.partial"
    under_way = folder / "jobdeck-20261129-093000-000000-manual.db.partial"
    for path in (old, Path(f"{old}-journal"), under_way):
        path.write_bytes(b"half a copy")
    two_hours_ago = datetime.now(UTC).timestamp() - 2 * 60 * 60
    os.utime(old, (two_hours_ago, two_hours_ago))

    backups.daily_backup_if_due(db)  # prunes after backing up

    assert not old.exists() and not Path(f"{old}-journal").exists()
    assert under_way.exists()
    assert [b.kind for b in backups.list_backups(data_dir)] == ["daily"]
