"""Reads the Insights figures in a thread of their own, a part at a time.

The first part (the funnel and the flows, from indexes) is handed to the UI thread as soon as
it is read, so the page paints it while the second (who answered, per week and per employer)
is still being counted. Nothing here touches a widget.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal


class Reader(QObject):
    """``run`` reads in a new thread; each part arrives as ``part(generation, part)`` and the
    end as ``finished(generation, error or None)``, both queued to the UI thread."""

    part = Signal(int, object)
    finished = Signal(int, object)

    def run(
        self,
        generation: int,
        read: Callable[[], Iterable[object]],
        current: Callable[[], int],
    ) -> None:
        """Read the parts ``read()`` yields. ``current()`` is the generation the page wants
        now: once a newer read has begun, this one stops between parts."""

        def work() -> None:
            error: object = None
            try:
                for part in read():
                    if current() != generation:
                        break  # a newer read is on its way: spare the rest
                    self._emit(self.part, generation, part)
            except Exception as failure:  # shown on the page; a thread must not swallow it
                error = failure
            self._emit(self.finished, generation, error)

        threading.Thread(target=work, name="insights-read", daemon=True).start()

    @staticmethod
    def _emit(signal: Signal, generation: int, value: object) -> None:
        # RuntimeError: the page was closed meanwhile, nobody is left to show it to.
        with contextlib.suppress(RuntimeError):
            signal.emit(generation, value)  # type: ignore[attr-defined]
