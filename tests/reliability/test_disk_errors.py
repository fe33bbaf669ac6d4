"""A full or read-only disk: a clear error, the library stays whole, nothing half-written.

The disks are real: a tiny tmpfs that fills up, a tmpfs remounted read-only (see conftest).
"""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from desktop.services import backups, postings
from desktop.storage import backups as store
from desktop.storage.database import Database, open_database
from tests.reliability.conftest import Mount, make_library, remount_read_only
from tests.samples import amazon_document


def test_a_full_disk_refuses_the_write_and_keeps_every_earlier_one(tmpfs: Mount) -> None:
    data_dir = tmpfs("small-disk", size="1m")
    db = open_database(data_dir)
    saved: list[int] = []
    with pytest.raises(OperationalError, match="full"):
        for n in range(2000):
            doc = amazon_document(title=f"Posting {n}", description=f"{n} " + "words " * 3000)
            saved.append(postings.create_posting(db, doc).posting_id)
    assert saved, "the disk filled before the first posting: make it larger"

    # Every write that returned is there; the refused one left no trace.
    assert sorted(r.id for r in postings.list_postings(db)) == saved
    assert backups.check_library(data_dir).ok

    # The daily backup cannot fit either: a clear error and no partial file.
    with pytest.raises(backups.BackupError, match=r"disk is full|No space"):
        backups.backup_now(db)
    assert list((data_dir / "backups").glob("*")) == []
    db.close()


def test_a_backup_to_a_read_only_disk_fails_cleanly(db: Database, tmpfs: Mount) -> None:
    target_dir = tmpfs("ro-usb")
    remount_read_only(target_dir)
    with pytest.raises(backups.BackupError, match="Cannot back up to"):
        backups.backup_to(db, target_dir / "copy.db")
    assert list(target_dir.iterdir()) == []


def test_the_library_on_a_read_only_disk_is_reported_before_any_write(tmpfs: Mount) -> None:
    data_dir = tmpfs("ro-library")
    make_library(data_dir, 1)
    for side in data_dir.glob("jobdeck.db-*"):
        side.unlink()
    remount_read_only(data_dir)
    problem = store.write_problem(data_dir / "jobdeck.db")
    assert problem is not None and "read-only" in problem
