"""File > Import (or a drop) of spreadsheets and other trackers' exports: each table's column
mapping shown with a preview, then its rows saved in the background with progress and Cancel.

Imported when the first table is imported, never before the window's first paint.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.importers import ImportRefused
from desktop.services import tracker_import
from desktop.services.library import Library
from desktop.ui.background import BackgroundJob
from desktop.ui.dialogs import messages
from desktop.ui.dialogs.tracker_mapping import TrackerMappingDialog

if TYPE_CHECKING:
    from desktop.importers.tables import Table
    from desktop.importers.tracker_mapping import ColumnMapping

MAX_LISTED = 25  # refused rows named in the closing message; the count says the rest


class TrackerImportFlow(QObject):
    """Imports tables one after another; emits ``changes`` after each saved one."""

    changes = Signal(object)  # Changes
    dialog_opened = Signal(object)  # TrackerMappingDialog, for tests
    finished = Signal(object)  # TableImport, for tests

    def __init__(self, db: Library, window: QWidget) -> None:
        super().__init__(window)
        self._db = db
        self._window = window
        self._queue: list[Path] = []
        self.dialog: TrackerMappingDialog | None = None
        self.job: BackgroundJob | None = None

    def start(self, paths: list[Path]) -> None:
        self._queue += paths
        if self.dialog is None and self.job is None:
            self._next()

    def _next(self) -> None:
        while self._queue:
            path = self._queue.pop(0)
            try:
                table = tracker_import.read_table(path)
            except ImportRefused as refused:
                messages.show_error(self._window, "Nothing imported", refused.reason)
                continue
            dialog = TrackerMappingDialog(self._db, path, table, self._window)
            dialog.import_requested.connect(partial(self._import, path, table))
            dialog.rejected.connect(self._dialog_closed)
            self.dialog = dialog
            dialog.open()
            self.dialog_opened.emit(dialog)
            return

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        if self.job is None:
            self._next()

    def _import(self, path: Path, table: Table, mapping: ColumnMapping, decision: str) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

        def work(progress: Any, cancelled: Any) -> tracker_import.TableImport:
            return tracker_import.import_table(
                self._db,
                table,
                mapping,
                path.name,
                on_duplicate=tracker_import.decision_named(decision),
                progress=lambda done, total: progress(done, total, f"row {done:,} of {total:,}"),
                cancelled=cancelled,
            )

        job = BackgroundJob(f"Importing {path.name}", work, self._window)
        job.finished.connect(partial(self._imported, path))
        job.failed.connect(self._failed)
        self.job = job
        job.start()

    def _failed(self, message: str) -> None:
        self.job = None
        messages.show_error(self._window, "Import stopped", message)
        self._next()

    def _imported(self, path: Path, report: tracker_import.TableImport) -> None:
        self.job = None
        if report.changes.postings:
            self.changes.emit(report.changes)
        lines = [f"{path.name}: {report.summary}"]
        if report.refused:
            lines.append("")
            lines.append("Not imported:")
            lines += [f"• {reason}" for reason in report.refused[:MAX_LISTED]]
            if len(report.refused) > MAX_LISTED:
                lines.append(f"… and {len(report.refused) - MAX_LISTED:,} more")
        if report.notes:
            lines.append("")
            lines += [f"• {note}" for note in report.notes[:MAX_LISTED]]
            if len(report.notes) > MAX_LISTED:
                lines.append(f"… and {len(report.notes) - MAX_LISTED:,} more notes")
        title = "Import cancelled" if report.cancelled else "Import finished"
        messages.show_info(self._window, title, "\n".join(lines))
        self.finished.emit(report)
        self._next()
