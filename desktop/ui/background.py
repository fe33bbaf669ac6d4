"""Long work off the UI thread, with a progress dialog and Cancel.

The job runs a plain-Python function (a service) in a QThread. It never touches widgets or
models: progress and the result come back to the UI thread as queued signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.services.errors import ServiceError

Work = Callable[[Callable[[int, int, str], None], threading.Event], Any]


class _Runner(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, cancelled: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._cancelled = cancelled

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._cancelled)
        except ServiceError as error:  # already in a user's words
            self.failed.emit(str(error))
        except Exception as error:  # reported to the user by the job, never lost in a thread
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.succeeded.emit(result)


class BackgroundJob(QObject):
    """Runs ``work(progress, cancelled)`` in a thread; emits ``finished(result)`` or ``failed``."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, title: str, work: Work, parent: QWidget) -> None:
        super().__init__(parent)
        self.cancelled = threading.Event()
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setObjectName("progress-dialog")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # quick jobs finish before any dialog flashes up
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancelled.set)
        self._runner = _Runner(work, self.cancelled)
        self._runner.progressed.connect(self._show_progress)
        self._runner.succeeded.connect(self._succeeded)
        self._runner.failed.connect(self._failed)
        self._runner.finished.connect(self._cleanup)

    def start(self) -> None:
        self._runner.start()

    def is_running(self) -> bool:
        return self._runner.isRunning()

    def _show_progress(self, done: int, total: int, what: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if what:
            self.dialog.setLabelText(f"{self.dialog.windowTitle()}: {what}")

    def _succeeded(self, result: object) -> None:
        self.dialog.close()
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self.dialog.close()
        self.failed.emit(message)

    def _cleanup(self) -> None:
        self._runner.deleteLater()
        self.deleteLater()
