"""The Insights page's funnel, painted with QPainter (as ``insight_charts``' other charts):
how many applications entered each stage, and how many of those that got as far as the stage
before got this far."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.core.insights import FunnelStep
from desktop.ui.views.insight_charts import Chart


class FunnelChart(Chart):
    """One bar per stage: how many applications entered it; beside it, for open stages, the
    share of those that got as far as the stage before that got this far (into it or an open
    stage after it). The bar opens the applications that entered the stage (``clicked``),
    the share those that got this far (``onward_clicked``)."""

    ROW = 26
    TEXT_ROOM = 260  # the count and the share beside the longest bar
    onward_clicked = Signal(int)  # the row whose share was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insights-funnel")
        self.steps: list[FunnelStep] = []
        self._onward_rows: list[int] = []  # the row of each share's hit, after the bars'

    def set_steps(self, steps: Sequence[FunnelStep]) -> None:
        self.steps = list(steps)
        self.setMinimumHeight(self.ROW * max(len(self.steps), 1) + 8)
        self.updateGeometry()
        self._layout_hits()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, self.ROW * max(len(self.steps), 1) + 8)

    def resizeEvent(self, event: object) -> None:
        self._layout_hits()

    @staticmethod
    def share_text(step: FunnelStep) -> str:
        """The share beside a bar ("75% of Saved got this far"), or a note; "" for none."""
        if step.stage.archived:
            return "(deleted stage)"
        if step.previous is None or step.conversion is None:  # none got as far as the one before
            return ""
        return f"{step.conversion:.0%} of {step.previous.name} got this far"

    @staticmethod
    def tip(step: FunnelStep) -> str:
        text = f"{step.stage.name}: {step.count} entered it"
        if step.reached_or_later is not None:
            text += f"; {step.reached_or_later} got this far (it or an open stage after it)"
        if step.previous is not None and step.previous_reached_or_later:
            text += f", of {step.previous_reached_or_later} that got as far as {step.previous.name}"
        return text

    def _geometry(self) -> tuple[float, float]:
        metrics = QFontMetrics(self.font())
        names = max((metrics.horizontalAdvance(s.stage.name) for s in self.steps), default=40)
        label = names + 16
        return label, max(self.width() - label - self.TEXT_ROOM, 40)

    def _rows(self) -> list[tuple[QRectF, QRectF, QRectF]]:
        """Per row: the bar, the count's rectangle and the share's."""
        label, room = self._geometry()
        metrics = QFontMetrics(self.font())
        most = max((s.count for s in self.steps), default=0) or 1
        rows = []
        for row, step in enumerate(self.steps):
            top, height = row * self.ROW + 4, self.ROW - 8
            width = max(room * step.count / most, 3)
            bar = QRectF(label, top, width, height)
            count = QRectF(bar.right() + 6, top, metrics.horizontalAdvance(str(step.count)), height)
            share = metrics.horizontalAdvance(self.share_text(step))
            rows.append((bar, count, QRectF(count.right() + 12, top, share, height)))
        return rows

    def _layout_hits(self) -> None:
        self._hits, self._onward_rows, shares = [], [], []
        for row, (bar, count, share) in enumerate(self._rows()):
            path = QPainterPath()
            path.addRect(QRectF(0, bar.top() - 2, count.right() + 6, self.ROW - 4))
            self._hits.append(path)
            if self.steps[row].conversion is not None:
                onward = QPainterPath()
                onward.addRect(share.adjusted(-6, -2, 6, 2))
                shares.append(onward)
                self._onward_rows.append(row)
        self._hits += shares

    def share_centre(self, row: int) -> QPointF | None:
        """The middle of row ``row``'s share (for tests), None when it has none."""
        if row not in self._onward_rows:
            return None
        return self.hit_centre(len(self.steps) + self._onward_rows.index(row))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.item_at(event.position())
            if index is not None and index < len(self.steps):
                self.clicked.emit(index)
            elif index is not None:
                self.onward_clicked.emit(self._onward_rows[index - len(self.steps)])
        QWidget.mouseReleaseEvent(self, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self.item_at(QPointF(event.pos()))  # type: ignore[attr-defined]
            if index is None:
                QToolTip.hideText()
            else:
                row = (
                    index if index < len(self.steps) else self._onward_rows[index - len(self.steps)]
                )
                QToolTip.showText(event.globalPos(), self.tip(self.steps[row]), self)  # type: ignore[attr-defined]
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label, _room = self._geometry()
        for step, (bar, count, share) in zip(self.steps, self._rows(), strict=True):
            painter.setPen(self._muted() if step.stage.archived else self._text_color())
            painter.drawText(
                QRectF(0, bar.top(), label - 8, bar.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                step.stage.name,
            )
            color = QColor(step.stage.color)
            if step.stage.archived:
                color.setAlpha(110)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(bar, 3, 3)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.setPen(self._text_color())
            painter.drawText(count.adjusted(0, 0, 4, 0), align, str(step.count))
            painter.setPen(self._muted())
            painter.drawText(share.adjusted(0, 0, 4, 0), align, self.share_text(step))
        painter.end()
