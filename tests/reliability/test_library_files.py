"""The library's files: private to their owner, readable on a read-only disk, and restores and
checks that say what really happened."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest

from desktop.core.document import to_json
from desktop.services import backups, export, postings
from desktop.services.errors import WriteFailed
from desktop.services.library import library_path, open_library
from desktop.storage import backups as store
from tests.reliability.conftest import Mount, make_library, remount_read_only
from tests.samples import amazon_document


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_library_and_its_backups_are_owner_only(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "library"
    db = open_library(folder)
    postings.create_posting(db, amazon_document())
    made = backups.backup_now(db).path
    copy = backups.backup_to(db, tmp_path / "elsewhere" / "copy.db")
    assert mode(folder) == 0o700
    for path in folder.glob("jobdeck.db*"):
        assert mode(path) == 0o600, path  # the database, its -wal and -shm
    assert mode(made.parent) == 0o700 and mode(made) == 0o600
    assert mode(copy) == 0o600
    db.close()


def test_an_existing_library_is_tightened_at_start_up(data_dir: Path) -> None:
    db = open_library(data_dir)
    made = backups.backup_now(db).path
    db.close()
    for path, loose in ((data_dir, 0o755), (made.parent, 0o755), (made, 0o644)):
        path.chmod(loose)
    library_path(data_dir).chmod(0o644)
    open_library(data_dir).close()
    assert (mode(data_dir), mode(made.parent), mode(made)) == (0o700, 0o700, 0o600)
    assert mode(library_path(data_dir)) == 0o600


def _newer_backup(data_dir: Path, tmp_path: Path) -> Path:
    db = open_library(tmp_path / "newer")
    postings.create_posting(db, amazon_document(title="From the future"))
    db.close()
    source = library_path(tmp_path / "newer")
    with sqlite3.connect(source) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
    conn.close()
    return store.copy_database(source, tmp_path / "newer.db")


def test_a_backup_from_a_newer_jobdeck_is_refused_before_anything_is_replaced(
    data_dir: Path, tmp_path: Path
) -> None:
    db = open_library(data_dir)
    postings.create_posting(db, amazon_document(title="Mine"))
    db.close()
    newer = _newer_backup(data_dir, tmp_path)
    with pytest.raises(backups.BackupError, match=r"newer version of Jobdeck.*Nothing was changed"):
        backups.restore_backup(data_dir, newer)
    db = open_library(data_dir)
    assert [d.title for d in postings.all_documents(db)] == ["Mine"]
    db.close()
    assert store.list_backups(data_dir) == []  # nothing was even backed up


def test_a_backup_is_restored_from_a_relative_path(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_library(data_dir)
    postings.create_posting(db, amazon_document(title="Kept"))
    store.copy_database(db.path, tmp_path / "copy.db")
    postings.create_posting(db, amazon_document(title="Later"))
    db.close()
    monkeypatch.chdir(tmp_path)
    backups.restore_backup(data_dir, Path("copy.db"))
    db = open_library(data_dir)
    assert [d.title for d in postings.all_documents(db)] == ["Kept"]
    db.close()


def test_check_on_a_missing_library_says_missing_not_damaged(tmp_path: Path) -> None:
    report = backups.check_library(tmp_path / "nowhere")
    assert report.missing and not report.problems and not report.ok


def test_failed_migrations_leave_at_most_three_backups(data_dir: Path) -> None:
    make_library(data_dir, 1)
    path = library_path(data_dir)
    for _ in range(5):
        store.backup_before_migration(path, "0001")
    kept = [b for b in store.list_backups(data_dir) if b.kind == store.BEFORE_MIGRATION]
    assert len(kept) == store.KEEP_BEFORE_MIGRATION


def test_two_writers_creating_one_company_at_once_both_succeed(data_dir: Path) -> None:
    # Two Library objects are two connection pools, as two processes would have: each
    # insert of a new company reads "no such company" first. Inside one immediate
    # transaction, the second waits for the first and then finds it.
    open_library(data_dir).close()
    first, second = open_library(data_dir), open_library(data_dir)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def save(db, n: int) -> None:
        start.wait()
        try:
            for i in range(20):
                doc = amazon_document(title=f"{n}-{i}", company=f"Company {i}", url=None)
                postings.create_posting(db, doc)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=save, args=(db, n)) for n, db in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    documents = postings.all_documents(first)
    assert len(documents) == 40 and len({d.company for d in documents}) == 20
    first.close()
    second.close()


def test_a_library_on_a_read_only_disk_reads_exports_checks_and_backs_up(
    tmpfs: Mount, tmp_path: Path
) -> None:
    data_dir = tmpfs("ro-library")
    make_library(data_dir, 3)
    remount_read_only(data_dir)
    before = sorted(os.listdir(data_dir))
    assert backups.check_library(data_dir).ok
    db = open_library(data_dir)
    assert db.read_only
    assert len(postings.list_postings(db)) == 3
    assert len(postings.all_documents(db)) == 3
    assert export.export_csv(db).count("\n") == 4
    copy = backups.backup_to(db, tmp_path / "rescued.db")
    assert store.count_postings(copy) == 3
    with pytest.raises(WriteFailed, match="read-only"):
        postings.create_posting(db, amazon_document(title="New"))
    db.close()
    assert sorted(os.listdir(data_dir)) == before


def test_a_failed_login_save_keeps_the_old_password_in_the_keyring(
    tmpfs: Mount, memory_keyring
) -> None:
    from desktop.services import logins

    data_dir = tmpfs("ro-logins")
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document()).value
    logins.set_login(db, posting, url="https://a.test", username="me", password="old-secret")
    db.close()
    remount_read_only(data_dir)
    db = open_library(data_dir)
    with pytest.raises(WriteFailed, match="read-only"):
        logins.set_login(db, posting, url="https://a.test", username="me", password="new-secret")
    assert logins.reveal_password(db, posting) == "old-secret"
    assert list(memory_keyring.entries.values()) == ["old-secret"]
    db.close()


def test_a_changed_password_leaves_one_keyring_entry(db, memory_keyring) -> None:
    from desktop.services import logins

    posting = postings.create_posting(db, amazon_document()).value
    for password in ("first", "second", None, "third"):
        logins.set_login(db, posting, url="https://a.test", username="me", password=password)
    assert list(memory_keyring.entries.values()) == ["third"]
    assert logins.reveal_password(db, posting) == "third"


def test_exports_are_owner_only_and_a_failed_one_leaves_no_partial_file(
    capsys, tmpfs: Mount, tmp_path: Path
) -> None:
    from desktop.cli import main

    data_dir = tmp_path / "library"
    db = open_library(data_dir)
    for n in range(40):
        postings.create_posting(db, amazon_document(title=f"P{n}", description="words " * 500))
    db.close()
    target = tmp_path / "export.json"
    assert main(["--data-dir", str(data_dir), "export", "--format", "json", "-o", str(target)]) == 0
    assert mode(target) == 0o600
    small = tmpfs("small-disk", size="64k")
    earlier = small / "export.csv"
    earlier.write_text("an earlier export\n")
    code = main(["--data-dir", str(data_dir), "export", "--format", "json", "-o", str(earlier)])
    err = capsys.readouterr().err
    assert code == 1 and "Cannot write" in err and "Traceback" not in err
    assert sorted(p.name for p in small.iterdir()) == ["export.csv"]
    assert earlier.read_text() == "an earlier export\n"


def test_the_window_settings_file_is_owner_only(tmp_path: Path) -> None:
    from desktop.ui.app import window_settings

    settings = window_settings()  # XDG_CONFIG_HOME is the test's own folder (conftest)
    settings.setValue("probe", 1)
    settings.sync()
    path = Path(settings.fileName())
    assert path.is_relative_to(tmp_path)
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


def test_an_import_waits_out_a_writer_that_holds_the_library_past_the_busy_timeout(
    data_dir: Path,
) -> None:
    from desktop.services import importing

    db = open_library(data_dir)
    held = threading.Event()

    def hold_the_write_lock(seconds: float) -> None:
        other = sqlite3.connect(library_path(data_dir), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        other.execute("ROLLBACK")
        other.close()

    holder = threading.Thread(target=hold_the_write_lock, args=(6.0,))  # busy timeout: 5 s
    holder.start()
    held.wait()
    read = importing.read_documents(json.dumps([to_json(amazon_document())]), "export.json")
    (outcome,) = importing.import_documents(db, read, importing.Decision.SKIP)
    holder.join()
    assert outcome.status is importing.Status.SAVED
    assert postings.count_postings(db) == 1
    db.close()
