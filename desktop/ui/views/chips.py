"""Rounded chips that wrap onto new lines (a company's industries, an application's labels in
their colours); painted, not one widget per chip."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD_X, PAD_Y, GAP = 10, 4, 6


class ChipsView(QWidget):
    def __init__(self, parent: QWidget | None = None, *, prefix: str = "Industries") -> None:
        super().__init__(parent)
        self._prefix = prefix  # what the chips are, for screen readers
        self._chips: tuple[str, ...] = ()
        self._colors: tuple[str, ...] = ()
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_chips(self, chips: tuple[str, ...], colors: tuple[str, ...] = ()) -> None:
        """``colors``: one "#rrggbb" per chip to tint it (a label's), or none: the palette's."""
        self._chips = chips
        self._colors = colors
        self.setAccessibleName(f"{self._prefix}: " + ", ".join(chips))
        self.updateGeometry()
        self.update()

    def chips(self) -> tuple[str, ...]:
        return self._chips

    def _layout(self, width: int) -> list[QRectF]:
        metrics = QFontMetrics(self.font())
        height = metrics.height() + 2 * PAD_Y
        x = y = 0.0
        rects = []
        for chip in self._chips:
            # +2: horizontalAdvance rounds down, and a chip must never elide when it fits.
            chip_width = min(metrics.horizontalAdvance(chip) + 2 * PAD_X + 2, max(width, 1))
            if x > 0 and x + chip_width > width:
                x, y = 0.0, y + height + GAP
            rects.append(QRectF(x, y, chip_width, height))
            x += chip_width + GAP
        return rects

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rects = self._layout(width)
        return int(rects[-1].bottom()) + 1 if rects else 0

    def sizeHint(self) -> QSize:
        return QSize(300, self.heightForWidth(300))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        fill = palette.color(QPalette.ColorRole.Highlight)
        fill.setAlpha(40)
        border = palette.color(QPalette.ColorRole.Highlight)
        border.setAlpha(110)
        metrics = QFontMetrics(self.font())
        colors = self._colors or (None,) * len(self._chips)
        for chip, rect, color in zip(self._chips, self._layout(self.width()), colors, strict=True):
            if color is None:
                painter.setPen(border)
                painter.setBrush(fill)
            else:
                tint, edge = QColor(color), QColor(color)
                tint.setAlpha(60)
                painter.setPen(edge)
                painter.setBrush(tint)
            painter.drawRoundedRect(
                rect.adjusted(0.5, 0.5, -0.5, -0.5), rect.height() / 2, rect.height() / 2
            )
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            text = metrics.elidedText(
                chip, Qt.TextElideMode.ElideRight, int(rect.width()) - 2 * PAD_X + 2
            )
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
