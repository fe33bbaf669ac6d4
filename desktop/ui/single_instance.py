"""One Jobdeck per library: a second start brings the running window forward and exits.

Two mechanisms, for two jobs. A ``QLockFile`` in the data folder is the guarantee: whoever holds
it is the only process that writes that library (it is released by the OS if the holder dies,
and Qt detects the stale file by its dead process id). A ``QLocalServer`` is the courtesy: the
second process tells the first to show its window. Both are named after the data folder, so two
different libraries can run side by side.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

LOCK_FILENAME = "jobdeck.lock"
CONNECT_TIMEOUT_MS = 1000
ACTIVATE = b"activate\n"


def server_name(data_dir: Path) -> str:
    # Local socket names are short and global to the user session: hash the resolved path.
    key = f"{getpass.getuser()}:{data_dir.resolve()}".encode()
    return f"jobdeck-{hashlib.sha256(key).hexdigest()[:24]}"


def ask_running_instance(data_dir: Path) -> bool:
    """Ask the instance running on ``data_dir`` to come forward; False when none answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    delivered = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return delivered


class SingleInstance(QObject):
    """``claim()`` once at start-up; ``activation_requested`` fires when a second start asks."""

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.lock = QLockFile(str(data_dir / LOCK_FILENAME))
        self.lock.setStaleLockTime(0)  # held for the whole session: never stale by age
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._connected)

    def claim(self) -> bool:
        """True when this process now owns the library; False when another one does.

        A False return has already asked the other process to show its window.
        """
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return True  # no folder, no library to share: start-up recovery reports why
        if not self.lock.tryLock(0):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                ask_running_instance(self.data_dir)
                return False
            return True  # the lock file cannot be written (read-only folder): let recovery say so
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)  # a socket left by a crashed run; we hold the lock
        self.server.listen(name)
        return True

    def release(self) -> None:
        self.server.close()
        self.lock.unlock()

    def _connected(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
            self.activation_requested.emit()


def bring_forward(window: QWidget) -> None:
    """Un-minimise, raise and focus ``window`` (window managers may only flash it)."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
