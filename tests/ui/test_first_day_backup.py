"""The first day is backed up: the very first start backs up an empty library, and the first
postings saved that day are backed up too, a moment after they are saved, and only once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.services import backups, postings
from desktop.services.library import Library
from desktop.ui.daily_backup import DailyBackupTimer
from tests.samples import amazon_document


def test_the_first_day_is_backed_up_once_postings_are_saved(
    qtbot: QtBot, make_window, db: Library
) -> None:
    # The very first start backs up an empty library; the first postings saved that day are
    # backed up too, a moment after they are saved, and only once.
    timer = DailyBackupTimer(db, first_check_ms=0, after_saving_ms=0)
    with qtbot.waitSignal(timer.checked):
        timer.start()
    (empty,) = backups.list_backups(db.path.parent)
    assert empty.postings == 0
    window = make_window()
    window.operations.changed.connect(timer.saw_changes)
    with qtbot.waitSignal(timer.made, timeout=10000) as made:
        window.operations.run(
            "Save",
            lambda: postings.create_postings(
                db, [amazon_document(title=f"J{i}") for i in range(3)]
            ),
        )
    assert made.args[0].postings == 3
    assert [b.postings for b in backups.list_backups(db.path.parent)] == [3]  # the empty one pruned
    with qtbot.assertNotEmitted(timer.made, wait=300):
        window.operations.run("Save", lambda: postings.create_posting(db, amazon_document()))
    timer.wait()
