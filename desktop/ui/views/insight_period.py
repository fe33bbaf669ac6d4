"""The Insights page's period: a preset (all time, the last 30/90 days, the last 12 months) or a
custom range of days, from and to, both included, as ``jobdeck stats --from/--to`` reads them
(``core.insights.day_range``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop.core.insights import day_range

CUSTOM = -1
# (label, days back; 0: everything; CUSTOM: the two dates). Plain ints as the items' data,
# never None or tuples: PySide6 6.12.0 miscounted the references of what it handed back.
PERIODS = (
    ("All time", 0),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last 12 months", 365),
    ("Custom range…", CUSTOM),
)
DATE_FORMAT = "yyyy-MM-dd"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodChooser(QWidget):
    """``changed`` whenever the period chosen changes; ``bounds(now)`` is [start, end)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preset = QComboBox()
        self.preset.setObjectName("insights-period")
        for label, days in PERIODS:
            self.preset.addItem(label, days)
        today = date.today()
        self.first = self._date_edit("insights-from", today - timedelta(days=30))
        self.last = self._date_edit("insights-to", today)
        self.last.setMinimumDate(self.first.date())  # "to" is never before "from"
        self._range = QWidget()
        dates = QHBoxLayout(self._range)
        dates.setContentsMargins(0, 0, 0, 0)
        for text, edit in (("from", self.first), ("to", self.last)):
            dates.addWidget(QLabel(text))
            dates.addWidget(edit)
        self._range.setVisible(False)
        layout.addWidget(self.preset)
        layout.addWidget(self._range)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.first.dateChanged.connect(self._first_changed)
        self.last.dateChanged.connect(self._dates_changed)

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        return edit

    @property
    def custom(self) -> bool:
        return int(self.preset.currentData() or 0) == CUSTOM

    def choose(self, days: int) -> None:
        """Choose the preset of ``days`` (0: all time; CUSTOM: the dates)."""
        self.preset.setCurrentIndex(self.preset.findData(days))

    def set_range(self, first: date, last: date) -> None:
        """Choose the custom range ``first`` to ``last`` (both included)."""
        self.last.blockSignals(True)
        self.last.setMinimumDate(_qdate(min(first, last)))
        self.last.blockSignals(False)
        self.first.blockSignals(True)
        self.first.setDate(_qdate(first))
        self.first.blockSignals(False)
        self.last.setDate(_qdate(last))  # one change, announced once
        self.choose(CUSTOM)

    def days(self) -> tuple[date, date]:
        """The custom range's first and last day."""
        return _day(self.first.date()), _day(self.last.date())

    def bounds(self, now: datetime) -> tuple[datetime | None, datetime | None]:
        """[start, end) of the period chosen, as of ``now`` (aware); None: open."""
        if self.custom:
            return day_range(*self.days())
        days = int(self.preset.currentData() or 0)
        return (now - timedelta(days=days) if days else None), None

    def _preset_changed(self) -> None:
        self._range.setVisible(self.custom)
        self.changed.emit()

    def _first_changed(self) -> None:
        # Moving "from" past "to" takes "to" along (Qt keeps a date edit within its minimum).
        self.last.blockSignals(True)
        self.last.setMinimumDate(self.first.date())
        self.last.blockSignals(False)
        self._dates_changed()

    def _dates_changed(self) -> None:
        if self.custom:
            self.changed.emit()
