"""The daily backup while the app runs: checked soon after start and every hour after.

Checking hourly rather than sleeping 24 hours means a laptop that was asleep over midnight
still gets its backup soon after it wakes. A failed backup is reported once, never repeated
every hour, and never stops the app.

The backup runs in a thread of its own: copying a library of 100,000 postings (1.2 GB) takes
about five seconds, which on the UI thread froze the window, and on the first start of a day
held back its first paint. The first check waits a few seconds, so it does not compete with
the start-up either.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from desktop.services import backups
from desktop.services.changes import Changes
from desktop.services.errors import ServiceError
from desktop.services.library import Library

CHECK_INTERVAL_MS = 60 * 60 * 1000
FIRST_CHECK_MS = 5000
AFTER_SAVING_MS = 3000


class _BackupRun(QThread):
    """One check (and backup, if due) off the UI thread; the outcome comes back as signals."""

    made = Signal(object)  # BackupInfo, or None when today's backup was already there
    failed = Signal(str)

    def __init__(self, db: Library, parent: QObject) -> None:
        super().__init__(parent)
        self._db = db

    def run(self) -> None:
        try:
            made = backups.daily_backup_if_due(self._db)
        except ServiceError as error:
            self.failed.emit(str(error))
        else:
            self.made.emit(made)


class DailyBackupTimer(QObject):
    made = Signal(object)  # BackupInfo
    failed = Signal(str)
    checked = Signal()  # after every check, whatever came of it

    def __init__(
        self,
        db: Library,
        parent: QObject | None = None,
        *,
        first_check_ms: int = FIRST_CHECK_MS,
        after_saving_ms: int = AFTER_SAVING_MS,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._first_check_ms = first_check_ms
        self._reported = False
        self._run: _BackupRun | None = None
        self.timer = QTimer(self, interval=CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.run_if_due)
        self._first_postings_checked = False  # once is enough: the first day is covered
        self._after_saving = QTimer(self, singleShot=True, interval=after_saving_ms)
        self._after_saving.timeout.connect(self._check_after_saving)

    def saw_changes(self, changes: Changes, _initiator: object = None) -> None:
        """Postings were saved: on the first day, today's backup (of an empty library) is
        taken again with them (see ``backups.daily_backup_if_due``), a few seconds later so
        that an import of many is backed up once."""
        if changes.created and not self._first_postings_checked:
            self._after_saving.start()

    def _check_after_saving(self) -> None:
        self._first_postings_checked = True
        self.run_if_due()

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(self._first_check_ms, self, self.run_if_due)

    def run_if_due(self) -> None:
        if self._run is not None:
            return  # the last check is still at work
        run = _BackupRun(self._db, self)
        run.made.connect(self._made)
        run.failed.connect(self._failed)
        run.finished.connect(self._finished)
        self._run = run
        run.start()

    @property
    def busy(self) -> bool:
        """A check (and perhaps a backup) is at work in its thread."""
        return self._run is not None

    def wait(self) -> None:
        """Let a backup under way finish (at exit: never leave half a backup behind)."""
        self.timer.stop()
        if self._run is not None:
            self._run.wait()

    def _made(self, made: object) -> None:
        self._reported = False
        if made is not None:
            self.made.emit(made)

    def _failed(self, message: str) -> None:
        if not self._reported:
            self._reported = True
            self.failed.emit(message)

    def _finished(self) -> None:
        run, self._run = self._run, None
        if run is not None:
            run.deleteLater()
        self.checked.emit()
