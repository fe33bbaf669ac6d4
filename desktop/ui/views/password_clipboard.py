"""A password on the clipboard, for as short a time as it is needed.

The copy carries the hint clipboard managers (Klipper, and others that follow it) read as
"leave this out of the history", and is cleared after ``clear_ms`` or when the app quits, but
only while the clipboard still holds that password (the user may have copied something else).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

CLIPBOARD_CLEAR_MS = 30_000
PASSWORD_HINT_MIME = "x-kde-passwordManagerHint"


class PasswordClipboard(QObject):
    cleared = Signal()  # the password this object put there is gone (or was replaced)

    def __init__(self, parent: QObject | None = None, clear_ms: int = CLIPBOARD_CLEAR_MS) -> None:
        super().__init__(parent)
        self._copied: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=clear_ms)
        self._timer.timeout.connect(self.clear)
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.clear)

    def copy(self, password: str) -> int:
        """Put ``password`` on the clipboard; the seconds until it is cleared."""
        data = QMimeData()
        data.setText(password)
        data.setData(PASSWORD_HINT_MIME, b"secret")
        QGuiApplication.clipboard().setMimeData(data)
        self._copied = password
        self._timer.start()
        return round(self._timer.interval() / 1000)

    def clear(self) -> None:
        """Empty the clipboard if it still holds the password copied here."""
        self._timer.stop()
        if self._copied is None:
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() == self._copied:
            clipboard.clear()
        self._copied = None
        self.cleared.emit()
