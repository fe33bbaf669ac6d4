"""Where the Import and Export dialogs open: the folder used last time, else the user's
documents folder (home when there is none). Remembered in the window's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths


def documents_folder() -> Path:
    """The user's documents folder ("~/Documents" on most desktops), else home."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def last_folder(settings: QSettings, purpose: str) -> Path:
    """The folder the ``purpose`` ("import", "export") dialog last used, if it still exists."""
    saved = settings.value(f"folders/{purpose}")
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    return documents_folder()


def remember_folder(settings: QSettings, purpose: str, chosen: Path) -> None:
    """Remember the folder of ``chosen`` (a file) for the next ``purpose`` dialog."""
    settings.setValue(f"folders/{purpose}", str(chosen.parent))
