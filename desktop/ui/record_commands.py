"""File > Application log…: the dated record of applications (PDF or CSV) for a period.

This module is imported with the window; the dialog and the PDF writer only when asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.ui.actions import ActionSpec
from desktop.ui.pages import WindowParts


class RecordCommands(QObject):
    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self.dialog: QObject | None = None  # the dialog shown, for tests

    def actions(self) -> list[ActionSpec]:
        return [ActionSpec("record.log", "Application &log…", self.show_log, "File", 1)]

    def show_log(self) -> None:
        from desktop.ui.dialogs.application_log_dialog import ApplicationLogDialog

        parts = self._parts
        dialog = ApplicationLogDialog(parts.library, parts.settings, parts.search(), parts.window)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
