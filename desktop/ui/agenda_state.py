"""What the agenda's parts of one window share: the clock and zone they count days by, and
the badges (applications with something overdue or due today) the list and the board show.

One per window, found from any widget of it (``AgendaState.of``). Light on purpose: the list
and the board read it while painting, before the agenda's own modules are loaded. Tests set
``clock`` and ``zone`` to drive time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

OVERDUE, TODAY = "overdue", "today"
BADGE_COLORS = {OVERDUE: QColor("#dc2626"), TODAY: QColor("#f59e0b")}
BADGE_TEXT = {OVERDUE: "Something is overdue", TODAY: "Something is due today"}


def _machine_clock() -> datetime:
    return datetime.now(UTC)


def _machine_zone() -> tzinfo:
    # Imported when first asked (after the first paint): zoneinfo costs start-up time.
    from desktop.core.zones import local_zone

    return local_zone()


class AgendaState(QObject):
    badges_changed = Signal(object)  # the posting ids whose badge came, went or changed
    # What a new window's state starts with (tests replace them before making a window).
    default_clock: Callable[[], datetime] = staticmethod(_machine_clock)
    default_zone: Callable[[], tzinfo] = staticmethod(_machine_zone)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("agenda-state")
        self.clock: Callable[[], datetime] = AgendaState.default_clock
        self.zone: Callable[[], tzinfo] = AgendaState.default_zone
        self._badges: dict[int, str] = {}

    @staticmethod
    def find(widget: QWidget) -> AgendaState | None:
        """The state of ``widget``'s window, if it has one."""
        return widget.window().findChild(
            AgendaState, "agenda-state", Qt.FindChildOption.FindDirectChildrenOnly
        )

    @staticmethod
    def of(widget: QWidget) -> AgendaState:
        """The state of ``widget``'s window, made if it has none yet."""
        found = AgendaState.find(widget)
        return found if found is not None else AgendaState(widget.window())

    def now(self) -> datetime:
        return self.clock()

    def badge(self, posting_id: int) -> str | None:
        """``OVERDUE``, ``TODAY`` or None."""
        return self._badges.get(posting_id)

    def set_badges(self, badges: dict[int, str]) -> None:
        old, self._badges = self._badges, dict(badges)
        touched = {i for i in old.keys() | badges.keys() if old.get(i) != badges.get(i)}
        if touched:
            self.badges_changed.emit(touched)
