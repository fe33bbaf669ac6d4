"""Reminders while Jobdeck runs, a summary of what fell due while it was closed, and the
badges of the list and the board.

Started just after the window's first paint (``AgendaCommands.start_watch``). Every
``TICK_MS`` it asks the services what fell due and was never shown, claims it (so nothing is
shown twice, even by a second window), and shows it (what falls due before the next tick is
looked at again at its own time): as a desktop notification through the
system tray where there is one, else as a note in the window's corner. Time comes from
``AgendaState`` (the tests' clock in tests).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.agenda import AgendaSettings, Bucket, Reminder
from desktop.services import agenda, reminders
from desktop.services.changes import Changes, Kind
from desktop.services.errors import ServiceError
from desktop.ui.agenda_state import OVERDUE, TODAY, AgendaState
from desktop.ui.pages import WindowParts

TICK_MS = 20_000  # how often to look for what fell due
TOAST_MS = 15_000  # how long a note stays in the window's corner
SUMMARY_LINES = 5
SINCE_MARGIN = timedelta(hours=1)
# What a badge is made of: open tasks and today's interviews. Postings count only when they
# come or go (a delete takes its tasks, an undo brings them back); a move, a label or an
# edit changes no task, and reading the badges of 20,000 tasks again took 20 ms a move.
WATCHED = frozenset({Kind.TASKS, Kind.INTERVIEWS})


class AgendaWatch(QObject):
    notified = Signal(str, str, object)  # title, body, posting id or None: each one shown

    def __init__(self, parts: WindowParts, state: AgendaState) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self._state = state
        self._day: date | None = None
        self.shown: list[tuple[str, str]] = []  # every notification shown, in order
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        # What falls due before the next tick is shown at its time, not up to a tick late.
        self.exact = QTimer(self, singleShot=True)
        self.exact.timeout.connect(self.tick)
        self.tray: QSystemTrayIcon | None = None
        self.toast = ReminderToast(parts.window)
        self.toast.open_requested.connect(self._open)
        self._last_posting: int | None = None
        self._checked_until: datetime | None = None  # what fell due before this was shown
        parts.operations.changed.connect(self._changed)

    def settings(self) -> AgendaSettings:
        return agenda.settings(self._parts.library)

    def start(self) -> None:
        """The badges, then the summary of what fell due while Jobdeck was closed."""
        self.refresh_badges()
        due = self._claim()
        if len(due) == 1:
            self._notify(due[0].title, due[0].body, due[0].posting_id)
        elif due:
            lines = [r.title for r in due[:SUMMARY_LINES]]
            if len(due) > SUMMARY_LINES:
                lines.append(f"and {len(due) - SUMMARY_LINES:,} more")
            self._notify(
                f"{len(due):,} reminders fell due while Jobdeck was closed",
                "\n".join(lines),
                None,
            )
        self.timer.start()

    def tick(self) -> None:
        """Show what fell due since the last tick; a new day refreshes the badges."""
        today = self._state.now().astimezone(self._state.zone()).date()
        if today != self._day:
            self.refresh_badges()
            if self._day is not None:  # past midnight: what is "today" changed everywhere
                self._parts.operations.broadcast(Changes(tasks=frozenset({0})))
        for reminder in self._claim():
            self._notify(reminder.title, reminder.body, reminder.posting_id)

    def refresh_badges(self) -> None:
        now, zone = self._state.now(), self._state.zone()
        self._day = now.astimezone(zone).date()
        try:
            found = agenda.badges(self._parts.library, now, zone)
        except ServiceError:
            return  # the library cannot be read now; the next change or tick tries again
        self._state.set_badges(
            {pid: OVERDUE if b is Bucket.OVERDUE else TODAY for pid, b in found.items()}
        )

    def _claim(self) -> list[Reminder]:
        now, zone = self._state.now(), self._state.zone()
        library = self._parts.library
        # Since the last look (less a margin for a clock set back a little), else a week back.
        since = self._checked_until - SINCE_MARGIN if self._checked_until else None
        ahead = timedelta(milliseconds=TICK_MS)
        try:
            found = reminders.pending(library, now, zone, since=since, ahead=ahead)
            due = reminders.claim(library, [r for r in found if r.at <= now], now)
        except ServiceError:
            return []  # a busy or read-only library: tried again at the next tick
        self._checked_until = now
        upcoming = [r.at for r in found if r.at > now]
        if upcoming:  # due before the next tick: a look at that instant (a little after)
            self.exact.start(int((min(upcoming) - now).total_seconds() * 1000) + 50)
        else:
            self.exact.stop()
        return due

    def _notify(self, title: str, body: str, posting_id: int | None) -> None:
        self.shown.append((title, body))
        self._last_posting = posting_id
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
                self.tray.setToolTip("Jobdeck")
                self.tray.messageClicked.connect(lambda: self._open(self._last_posting))
                self.tray.show()
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            self.toast.show_note(title, body, posting_id)
        self.notified.emit(title, body, posting_id)

    def _open(self, posting_id: int | None) -> None:
        window = self._parts.window
        window.showNormal()
        window.raise_()
        window.activateWindow()
        if posting_id is not None:
            self._parts.select(posting_id)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.kinds & WATCHED or changes.rows_come_or_go:
            self.refresh_badges()


class ReminderToast(QFrame):
    """A note in the window's lower right corner, for systems without a notification area."""

    open_requested = Signal(object)  # posting id or None

    def __init__(self, window: QMainWindow | QWidget) -> None:
        super().__init__(window)
        self.setObjectName("reminder-toast")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#reminder-toast { background: #fffbeb; border: 1px solid #f59e0b;"
            " border-radius: 6px; } #reminder-toast QLabel { color: #1f2937; }"
        )
        self._posting_id: int | None = None
        self.title = QLabel()
        self.title.setObjectName("reminder-title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("reminder-body")
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        self.open_button = QToolButton()
        self.open_button.setText("Open")
        self.open_button.clicked.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 10)
        layout.addLayout(top)
        layout.addWidget(self.body)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.open_button)
        layout.addLayout(bottom)
        self._timer = QTimer(self, singleShot=True, interval=TOAST_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_note(self, title: str, body: str, posting_id: int | None) -> None:
        self._posting_id = posting_id
        self.title.setText(title)
        self.body.setText(body)
        self.open_button.setVisible(posting_id is not None)
        self.setFixedWidth(340)
        self.adjustSize()
        parent = self.parentWidget()
        if parent is not None:
            self.move(parent.width() - self.width() - 16, parent.height() - self.height() - 36)
        self.show()
        self.raise_()
        self._timer.start()

    def _open(self) -> None:
        self.hide()
        self.open_requested.emit(self._posting_id)
