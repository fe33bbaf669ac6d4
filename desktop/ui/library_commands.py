"""Commands on the library as a whole: export, backups, about, quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop import __version__
from desktop.deferred_import import deferred
from desktop.services.errors import WriteFailed
from desktop.ui.actions import ActionSpec
from desktop.ui.dialogs import messages
from desktop.ui.file_folders import last_folder, remember_folder
from desktop.ui.pages import WindowParts

export = deferred("desktop.services.export")  # loaded after the first paint


class LibraryCommands(QObject):
    def __init__(self, parts: WindowParts, restored: object) -> None:
        """``restored()`` is called after a backup replaced the library (every view re-reads)."""
        super().__init__(parts.window)
        self._parts = parts
        self._restored = restored

    def actions(self) -> list[ActionSpec]:
        return [
            ActionSpec("library.export", "&Export…", self.export, "File", 0, ("Ctrl+Shift+E",)),
            ActionSpec("library.backups", "&Backups…", self.show_backups, "File", 1),
            ActionSpec(
                "library.quit",
                "&Quit",
                self._parts.window.close,
                "File",
                9,
                (QKeySequence.StandardKey.Quit,),
            ),
            ActionSpec("library.about", "&About Jobdeck", self.show_about, "Help"),
        ]

    def export(self) -> None:
        window, library = self._parts.window, self._parts.library
        settings = self._parts.settings
        suggested = last_folder(settings, "export") / "jobdeck-export.json"
        path, chosen = QFileDialog.getSaveFileName(
            window, "Export postings", str(suggested), "JSON (*.json);;CSV (*.csv)"
        )
        if not path:
            return
        remember_folder(settings, "export", Path(path))
        as_csv = chosen.startswith("CSV") or path.lower().endswith(".csv")
        try:
            count = export.export_to_file(library, Path(path), as_csv=as_csv)
        except WriteFailed as error:
            messages.show_error(window, "Export failed", str(error))
            return
        noun = "posting" if count == 1 else "postings"
        messages.show_info(window, "Exported", f"Exported {count:,} {noun} to {path}.")

    def show_backups(self) -> None:
        from desktop.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self._parts.library, self._parts.window)
        dialog.restored.connect(lambda _restored: self._restored())  # type: ignore[operator]
        dialog.finished.connect(dialog.deleteLater)
        self.backups_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self._parts.window,
            "About Jobdeck",
            f"Jobdeck {__version__}\n\nTrack job postings and applications. "
            "Your data stays on this computer.\n\nLibrary: "
            f"{self._parts.library.path}",
        )
