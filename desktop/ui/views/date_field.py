"""A day in a form: typed as people write it, or picked on a calendar that drops down.

A ``QDateEdit`` cannot be left empty and makes the user step through day, month and year
sections; a posting's dates are often unknown, and people type "Nov 20" or "20.11.2026". So
this is a line edit (``core.dates.parse_typed_date`` reads it) with a date edit's drop-down: a
calendar button inside the field, also opened with Alt+Down or F4, showing the day typed.
When the field is left, a day it could read is written back as ``2026-11-20``: the user sees
what "Nov 20" was taken for before saving.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidget, QWidgetAction

from desktop.core.dates import parse_typed_date


def _calendar_icon(palette: QPalette) -> QIcon:
    """A small calendar page in the text colour (themes on Windows, macOS and many Linux
    desktops carry none under a standard name)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    ink = palette.color(QPalette.ColorRole.Text)
    painter = QPainter(pixmap)
    painter.setPen(ink)
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(1, 2, 14, 3), ink)
    faint = QColor(ink)
    faint.setAlpha(170)
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRect(3 + 4 * column, 7 + 3 * row, 2, 2), faint)
    painter.drawLine(4, 0, 4, 2)
    painter.drawLine(11, 0, 11, 2)
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """A day typed or picked; empty when unknown. ``day()`` reads it."""

    picked = Signal(QDate)  # a day chosen on the calendar

    def __init__(
        self,
        placeholder: str,
        *,
        latest: QDate | None = None,
        ahead: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, placeholderText=placeholder)
        self._latest = latest  # the last day the calendar offers (a posting is not posted later)
        self._ahead = ahead  # "Dec 15" is the next one (a deadline), else the last one
        self.calendar_menu: QMenu | None = None
        self.picker: QAction = self.addAction(
            _calendar_icon(self.palette()), QLineEdit.ActionPosition.TrailingPosition
        )
        self.picker.setToolTip("Choose the day on a calendar (Alt+Down)")
        self.picker.triggered.connect(self.show_calendar)
        self.editingFinished.connect(self._written_as_read)

    def day(self) -> date | None:
        """The day in the field, None when it is empty or holds no day it can read."""
        return parse_typed_date(self.text(), date.today(), ahead=self._ahead)

    def _written_as_read(self) -> None:
        day = self.day()
        if day is not None and self.text().strip() != day.isoformat():
            self.setText(day.isoformat())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and (
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:  # as a date edit or a combo box opens
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def calendar(self) -> QMenu:
        """A menu holding a calendar on the day typed (or today); a click or Return on a day
        writes it into the field."""
        calendar = QCalendarWidget()
        typed = self.day()
        if typed is not None:
            calendar.setSelectedDate(QDate(typed.year, typed.month, typed.day))
        if self._latest is not None:
            calendar.setMaximumDate(self._latest)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def chosen(day: QDate) -> None:
            self.setText(day.toString("yyyy-MM-dd"))
            menu.close()
            self.setFocus(Qt.FocusReason.PopupFocusReason)
            self.picked.emit(day)

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        self.calendar_menu = menu  # kept while open
        return menu

    def show_calendar(self) -> None:
        """Drop the calendar down under the field, its keyboard focus on the day shown."""
        menu = self.calendar()
        calendar = menu.actions()[0].defaultWidget()  # type: ignore[attr-defined]
        menu.popup(self.mapToGlobal(QPoint(0, self.height())))
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
