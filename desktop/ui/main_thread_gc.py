"""Python's garbage collector, run on the GUI thread only.

Automatic collection runs in whichever thread happens to allocate. When that is a worker (an
import, a keyring call), it can finalize Qt objects that live on the GUI thread, and Qt then
crashes deep inside a destructor. So automatic collection is switched off and a timer on the
GUI thread collects, generation by generation, as the thresholds are reached.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return
        generation = 0
        if counts[1] > self._thresholds[1]:
            generation = 2 if counts[2] > self._thresholds[2] else 1
        gc.collect(generation)
