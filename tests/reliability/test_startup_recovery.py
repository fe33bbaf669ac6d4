"""Start-up on a damaged, foreign-WAL, too-new, read-only or unreachable library."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.core.posting import PostingDocument
from desktop.services import backups, postings
from desktop.services import recovery as startup_checks
from desktop.services.library import Library, open_library
from desktop.storage import migrate
from desktop.ui.startup_recovery import StartupRecovery
from tests.reliability.conftest import Mount, make_library, remount_read_only
from tests.samples import amazon_document

Damage = Callable[[Path], None]


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garbage_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = b"\xde\xad\xbe\xef" * 25
    path.write_bytes(bytes(data))


def _foreign_wal(path: Path) -> None:
    other = path.with_name("other.db")
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO notes (body) VALUES (?)", [("n" * 400,)] * 40)
    conn.commit()
    shutil.copy(other.with_name("other.db-wal"), path.with_name("jobdeck.db-wal"))
    conn.close()
    for leftover in path.parent.glob("other.db*"):
        leftover.unlink()


def _library_with_backup(data_dir: Path) -> Path:
    """Two postings backed up, then a third that no backup has."""
    db = open_library(data_dir)
    for title in ("One", "Two"):
        postings.create_posting(db, _doc(title))
    made = backups.backup_now(db).path
    postings.create_posting(db, _doc("Three"))
    db.close()
    for side in data_dir.glob("jobdeck.db-*"):
        side.unlink()  # a clean shutdown leaves no WAL; the damage below decides what is there
    return made


def _doc(title: str) -> PostingDocument:
    return amazon_document(title=title)


def _start(qtbot: QtBot, data_dir: Path) -> tuple[StartupRecovery, list[Library], list[str]]:
    recovery = StartupRecovery(data_dir)
    opened: list[Library] = []
    failed: list[str] = []
    recovery.opened.connect(opened.append)
    recovery.failed.connect(failed.append)
    recovery.start()
    return recovery, opened, failed


def _answer(qtbot: QtBot, recovery: StartupRecovery, button: QPushButton) -> None:
    box = recovery.box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    button.click()  # a real QMessageBox, clicked as a user does


@pytest.mark.parametrize("damage", [_truncate, _garbage_header, _foreign_wal])
def test_a_damaged_library_is_moved_aside_and_the_newest_good_backup_restored(
    qtbot: QtBot, data_dir: Path, damage: Damage
) -> None:
    _library_with_backup(data_dir)
    path = data_dir / "jobdeck.db"
    damage(path)
    damaged_bytes = path.read_bytes()

    recovery, opened, failed = _start(qtbot, data_dir)

    assert recovery.box is not None and recovery.moved_to is not None
    assert "was damaged" in recovery.box.text()
    assert str(recovery.moved_to) in recovery.box.text()
    assert recovery.moved_to.read_bytes() == damaged_bytes  # kept byte for byte
    if damage is _foreign_wal:
        assert Path(f"{recovery.moved_to}-wal").exists()  # the WAL went aside with its file
    assert recovery.offered is not None and recovery.offered.postings == 2
    assert recovery.restore_button is not None
    _answer(qtbot, recovery, recovery.restore_button)
    qtbot.waitUntil(lambda: bool(opened))
    assert postings.count_postings(opened[0]) == 2
    assert failed == []
    opened[0].close()


def test_start_empty_after_damage(qtbot: QtBot, data_dir: Path) -> None:
    _library_with_backup(data_dir)
    _truncate(data_dir / "jobdeck.db")
    recovery, opened, _ = _start(qtbot, data_dir)
    assert recovery.empty_button is not None
    _answer(qtbot, recovery, recovery.empty_button)
    qtbot.waitUntil(lambda: bool(opened))
    assert postings.count_postings(opened[0]) == 0
    assert recovery.moved_to is not None and recovery.moved_to.exists()
    opened[0].close()


def test_damage_without_any_backup_offers_empty_or_quit(qtbot: QtBot, data_dir: Path) -> None:
    make_library(data_dir, 1)
    for side in data_dir.glob("jobdeck.db-*"):
        side.unlink()
    _garbage_header(data_dir / "jobdeck.db")
    recovery, opened, failed = _start(qtbot, data_dir)
    assert recovery.box is not None and recovery.restore_button is None
    assert "no backup" in recovery.box.text()
    qtbot.waitUntil(recovery.box.isVisible)
    recovery.box.reject()  # Escape: quit
    qtbot.waitUntil(lambda: bool(failed))
    assert opened == [] and "moved aside" in failed[0]


def test_a_healthy_library_opens_without_a_question(qtbot: QtBot, data_dir: Path) -> None:
    make_library(data_dir, 2)  # its WAL is still there, as after a crash: checked, then opened
    recovery, opened, _ = _start(qtbot, data_dir)
    assert recovery.box is None
    assert postings.count_postings(opened[0]) == 2
    opened[0].close()


def test_an_empty_wal_opens_without_reading_the_whole_file(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A run killed before it wrote anything leaves a WAL with no page in it: nothing to replay,
    # so no check (at 100,000 postings the check reads the whole 1.2 GB file, 6 s when cold).
    make_library(data_dir, 2)
    for side in data_dir.glob("jobdeck.db-*"):
        side.unlink()
    (data_dir / "jobdeck.db-wal").write_bytes(b"")
    checked: list[Path] = []
    monkeypatch.setattr(startup_checks, "damage_of", lambda path: checked.append(path))
    recovery, opened, _ = _start(qtbot, data_dir)
    assert recovery.box is None and checked == []
    assert postings.count_postings(opened[0]) == 2
    opened[0].close()


def test_a_library_from_a_newer_version_is_refused_untouched(qtbot: QtBot, data_dir: Path) -> None:
    make_library(data_dir, 1)
    path = data_dir / "jobdeck.db"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    for side in data_dir.glob("jobdeck.db-*"):
        side.unlink()
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    recovery, opened, failed = _start(qtbot, data_dir)

    assert recovery.box is not None
    assert recovery.box.icon() == QMessageBox.Icon.Critical
    assert "9999_future" in recovery.box.text()
    assert migrate.HEAD_REVISION in recovery.box.text()
    recovery.box.accept()
    qtbot.waitUntil(lambda: bool(failed))
    assert opened == []
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["jobdeck.db"]  # no WAL, no backup


def test_a_data_folder_that_cannot_exist_gives_a_clear_error(qtbot: QtBot, tmp_path: Path) -> None:
    # Simulated without root tricks: the data folder's parent is a file.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    recovery, opened, failed = _start(qtbot, blocker / "data")
    assert recovery.box is not None
    assert "Cannot create the data folder" in recovery.box.text()
    recovery.box.accept()
    qtbot.waitUntil(lambda: bool(failed))
    assert opened == []


def test_a_read_only_disk_gives_a_clear_error_and_writes_nothing(
    qtbot: QtBot, tmpfs: Mount
) -> None:
    data_dir = tmpfs("ro-disk")
    make_library(data_dir, 1)
    for side in data_dir.glob("jobdeck.db-*"):
        side.unlink()
    remount_read_only(data_dir)
    before = sorted(p.name for p in data_dir.iterdir())

    recovery, opened, failed = _start(qtbot, data_dir)

    # open_library alone succeeds here (no migration due, nothing written); the first save
    # would fail. Start-up finds out before the window opens.
    assert opened == []
    assert recovery.box is not None
    assert "cannot save to your library" in recovery.box.text()
    assert "read-only" in recovery.box.text()
    assert recovery.moved_to is None  # a sound file on a read-only disk is not "damaged"
    recovery.box.accept()
    qtbot.waitUntil(lambda: bool(failed))
    assert sorted(p.name for p in data_dir.iterdir()) == before
