"""H1B sponsorships by year as a small horizontal bar chart with the numbers beside the bars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.core.posting import H1bYear

ROW_HEIGHT, ROW_GAP = 18, 5


class H1bChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._years: tuple[H1bYear, ...] = ()

    def set_years(self, years: tuple[H1bYear, ...]) -> None:
        self._years = years
        self.setAccessibleName(
            "H1B sponsorships: " + ", ".join(f"{y.year}: {y.count}" for y in years)
        )
        self.setMinimumHeight(self._height())
        self.updateGeometry()
        self.update()

    def _height(self) -> int:
        return len(self._years) * (ROW_HEIGHT + ROW_GAP)

    def sizeHint(self) -> QSize:
        return QSize(320, self._height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._years:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = QFontMetrics(self.font())
        year_width = metrics.horizontalAdvance("0000") + 10
        count_width = max(metrics.horizontalAdvance(f"{y.count:,}") for y in self._years) + 10
        bar_space = max(self.width() - year_width - count_width, 10)
        largest = max(y.count for y in self._years) or 1
        bar = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.Text)
        for i, entry in enumerate(self._years):
            top = i * (ROW_HEIGHT + ROW_GAP)
            painter.setPen(text)
            painter.drawText(
                QRectF(0, top, year_width, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                str(entry.year),
            )
            length = max(bar_space * entry.count / largest, 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(bar)
            painter.drawRoundedRect(QRectF(year_width, top + 2, length, ROW_HEIGHT - 4), 3, 3)
            painter.setPen(text)
            painter.drawText(
                QRectF(year_width + length + 6, top, count_width, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{entry.count:,}",
            )
        painter.end()
