"""Service calls that may block (the keyring waiting on an unlock prompt) run on Qt's thread
pool; the worker only calls the service and hands the outcome back by a queued signal, so
widgets are touched on the UI thread alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Carries one job's outcome from the pool thread to the UI thread (a queued connection)."""

    done = Signal(object, object, object)  # tag, value, error


def _job(work: Callable[[], Any], relay: _Relay, tag: object) -> Callable[[], None]:
    """What a pool thread runs: the service call, and nothing that touches a widget."""

    def run() -> None:
        try:
            value, error = work(), None
        except Exception as failure:  # shown to the user by the UI thread, never lost
            value, error = None, failure
        relay.done.emit(tag, value, error)

    return run


class PoolJobs(QObject):
    """``done(tag, value, error)`` on the UI thread once a job started with ``run`` ends."""

    done = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: set[_Relay] = set()  # kept alive here until their outcome arrives

    def run(self, tag: object, work: Callable[[], Any]) -> None:
        relay = _Relay()
        relay.done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self.running.add(relay)
        QThreadPool.globalInstance().start(_job(work, relay, (tag, relay)))

    @Slot(object, object, object)
    def _arrived(self, tagged: tuple[object, _Relay], value: object, error: object) -> None:
        tag, relay = tagged
        self.running.discard(relay)
        self.done.emit(tag, value, error)
