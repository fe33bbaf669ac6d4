"""The daily backup while the app runs: checked at start and every hour after.

Checking hourly rather than sleeping 24 hours means a laptop that was asleep over midnight
still gets its backup soon after it wakes. A failed backup is reported once, never repeated
every hour, and never stops the app.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services import backups
from desktop.storage.database import Database

CHECK_INTERVAL_MS = 60 * 60 * 1000


class DailyBackupTimer(QObject):
    made = Signal(object)  # BackupInfo
    failed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._reported = False
        self.timer = QTimer(self, interval=CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.run_if_due)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self, self.run_if_due)

    def run_if_due(self) -> None:
        try:
            made = backups.daily_backup_if_due(self._db)
        except backups.BackupError as error:
            if not self._reported:
                self._reported = True
                self.failed.emit(str(error))
            return
        self._reported = False
        if made is not None:
            self.made.emit(made)
