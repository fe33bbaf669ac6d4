"""The daily backup timer: a backup at start when due, none twice a day, a failure said once."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services import backups
from desktop.services.library import Library
from desktop.ui.daily_backup import DailyBackupTimer


def test_backs_up_at_start_then_not_again_today(qtbot: QtBot, db: Library) -> None:
    timer = DailyBackupTimer(db, first_check_ms=0)
    with qtbot.waitSignal(timer.checked), qtbot.waitSignal(timer.made) as made:
        timer.start()
    assert made.args[0].kind == "daily"
    with qtbot.assertNotEmitted(timer.made), qtbot.waitSignal(timer.checked):
        timer.run_if_due()
    assert len(backups.list_backups(db.path.parent)) == 1
    timer.wait()


def test_the_backup_runs_off_the_ui_thread(qtbot: QtBot, db: Library) -> None:
    # The window keeps answering while a backup is made: the check returns at once.
    timer = DailyBackupTimer(db)
    with qtbot.waitSignal(timer.checked):
        timer.run_if_due()
        assert timer.busy
        timer.run_if_due()  # a second check while one is at work is not started
    assert not timer.busy
    assert len(backups.list_backups(db.path.parent)) == 1


def test_a_failing_backup_is_reported_once(qtbot: QtBot, db: Library) -> None:
    # backups/ cannot be a folder when a file has its name: every backup fails.
    Path(db.path.parent / "backups").write_text("in the way")
    timer = DailyBackupTimer(db)
    with qtbot.waitSignal(timer.checked), qtbot.waitSignal(timer.failed) as failed:
        timer.run_if_due()
    assert "Cannot back up" in failed.args[0]
    with qtbot.assertNotEmitted(timer.failed), qtbot.waitSignal(timer.checked):
        timer.run_if_due()
