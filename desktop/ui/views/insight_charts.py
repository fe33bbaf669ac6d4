"""The Insights page's charts, painted with QPainter: the Sankey diagram of the flows between
stages, applications per week, and (``insight_funnel``) the funnel.

Why painted here rather than with a chart library (measured, README "Insights"): QtCharts is not
in PySide6-Essentials (the PySide6-Addons wheel is 59 MB, 157 MB installed), and pyqtgraph needs
numpy (55 MB installed together, seconds to import on a busy machine); three plain charts are a
few hundred lines. Each chart emits ``clicked(index)`` for the bar, node or band under the mouse,
so the page can open the applications it counts. Names on the charts are stage names and dates,
drawn as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QWidget

from desktop.core.insights import Flow, StageRef, Week


class Chart(QWidget):
    clicked = Signal(int)  # the index of the item under the mouse

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self._hits: list[QPainterPath] = []

    def item_at(self, point: QPointF) -> int | None:
        """The index of the item drawn under ``point`` (the last drawn wins), or None."""
        for index in range(len(self._hits) - 1, -1, -1):
            if self._hits[index].contains(point):
                return index
        return None

    def hit_centre(self, index: int) -> QPointF:
        """The middle of item ``index`` (for tests, and keyboard users later)."""
        return self._hits[index].boundingRect().center()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.item_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.item_at(event.position())
            if index is not None:
                self.clicked.emit(index)
        super().mouseReleaseEvent(event)

    def _text_color(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def _muted(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)


@dataclass
class _Node:
    stage: StageRef
    column: int
    size: int  # applications through it (the larger of in and out)
    rect: QRectF = field(default_factory=QRectF)
    out_used: float = 0.0
    in_used: float = 0.0


class SankeyChart(Chart):
    """Stages as columns in board order, and a band for each step applications took between
    them, as wide as the number of applications that took it (the count is written on it).
    A step back (Screening -> Applied) is drawn as a band that curves back."""

    NODE_WIDTH = 12
    PADDING = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insights-sankey")
        self.flows: list[Flow] = []
        self._nodes: dict[int, _Node] = {}
        self._bands: list[tuple[QPainterPath, QColor, QPointF, str]] = []
        self.setMinimumHeight(260)

    def sizeHint(self) -> QSize:
        return QSize(720, 320)

    def set_flows(self, flows: Sequence[Flow]) -> None:
        self.flows = list(flows)
        self._layout()
        self.update()

    def resizeEvent(self, event: object) -> None:
        self._layout()

    def _layout(self) -> None:
        stages: dict[int, StageRef] = {}
        inflow: dict[int, int] = {}
        outflow: dict[int, int] = {}
        for flow in self.flows:
            stages[flow.source.id], stages[flow.target.id] = flow.source, flow.target
            outflow[flow.source.id] = outflow.get(flow.source.id, 0) + flow.count
            inflow[flow.target.id] = inflow.get(flow.target.id, 0) + flow.count
        ordered = sorted(stages.values(), key=lambda s: (s.archived, s.position, s.name))
        self._nodes = {
            stage.id: _Node(stage, column, max(inflow.get(stage.id, 0), outflow.get(stage.id, 0)))
            for column, stage in enumerate(ordered)
        }
        self._hits, self._bands = [], []
        if not self._nodes:
            return
        metrics = QFontMetrics(self.font())
        label_room = metrics.height() + 4
        height = self.height() - 2 * self.PADDING - label_room
        columns = len(ordered)
        step = (self.width() - 2 * self.PADDING - self.NODE_WIDTH) / max(columns - 1, 1)
        biggest = max(node.size for node in self._nodes.values()) or 1
        scale = max(height, 40) / biggest
        for node in self._nodes.values():
            node_height = max(node.size * scale, 2)
            x = self.PADDING + node.column * step
            top = self.PADDING + label_room + (height - node_height) / 2
            node.rect = QRectF(x, top, self.NODE_WIDTH, node_height)
            node.out_used = node.in_used = 0.0
        ordered_flows = sorted(
            self.flows,
            key=lambda f: (self._nodes[f.source.id].column, self._nodes[f.target.id].column),
        )
        for flow in ordered_flows:
            source, target = self._nodes[flow.source.id], self._nodes[flow.target.id]
            width = max(flow.count * scale, 1.5)
            y0 = source.rect.top() + source.out_used
            y1 = target.rect.top() + target.in_used
            source.out_used += width
            target.in_used += width
            path = QPainterPath()
            x0, x1 = source.rect.right(), target.rect.left()
            if x1 > x0:
                middle = (x0 + x1) / 2
                path.moveTo(x0, y0)
                path.cubicTo(middle, y0, middle, y1, x1, y1)
                path.lineTo(x1, y1 + width)
                path.cubicTo(middle, y1 + width, middle, y0 + width, x0, y0 + width)
                path.closeSubpath()
                label_at = QPointF(middle, (y0 + y1) / 2 + width / 2)
            else:  # a step back: out of the right side, round below, into the left side
                bottom = max(source.rect.bottom(), target.rect.bottom()) + 14 + width
                path.moveTo(x0, y0)
                path.cubicTo(x0 + 40, y0, x0 + 40, bottom, (x0 + x1) / 2, bottom)
                path.cubicTo(x1 - 40, bottom, x1 - 40, y1, x1, y1)
                path.lineTo(x1, y1 + width)
                path.cubicTo(
                    x1 - 40 + width, y1 + width, x1 - 40 + width, bottom - width,
                    (x0 + x1) / 2, bottom - width,
                )  # fmt: skip
                path.cubicTo(
                    x0 + 40 - width, bottom - width, x0 + 40 - width, y0 + width, x0, y0 + width
                )
                path.closeSubpath()
                label_at = QPointF((x0 + x1) / 2, bottom - width / 2)
            color = QColor(flow.target.color)
            color.setAlpha(120)
            self._bands.append((path, color, label_at, str(flow.count)))
            self._hits.append(path)
        # Flows are hit by their index in self.flows, whatever order they were laid out in.
        order = [self.flows.index(flow) for flow in ordered_flows]
        by_flow = [QPainterPath()] * len(self.flows)
        for path, index in zip(self._hits, order, strict=True):
            by_flow[index] = path
        self._hits = by_flow

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._nodes:
            painter.setPen(self._muted())
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "No application has moved between stages in this period yet.",
            )
            painter.end()
            return
        for path, color, _, _ in self._bands:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPath(path)
        metrics = QFontMetrics(self.font())
        for node in self._nodes.values():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(node.stage.color))
            painter.drawRect(node.rect)
            painter.setPen(self._muted() if node.stage.archived else self._text_color())
            name = node.stage.name
            width = metrics.horizontalAdvance(name)
            x = min(max(node.rect.center().x() - width / 2, 0), self.width() - width)
            painter.drawText(QPointF(x, node.rect.top() - 4), name)
        painter.setPen(self._text_color())
        for _, _, at, text in self._bands:
            width = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(at.x() - width / 2, at.y() + metrics.ascent() / 2 - 1), text)
        painter.end()


class WeeklyBars(Chart):
    """Applications sent per week (Monday to Sunday), a bar each, the count above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insights-weeks")
        self.weeks: list[Week] = []
        self.setMinimumHeight(170)

    def sizeHint(self) -> QSize:
        return QSize(720, 190)

    def set_weeks(self, weeks: Sequence[Week]) -> None:
        self.weeks = list(weeks)
        self._layout_hits()
        self.update()

    def resizeEvent(self, event: object) -> None:
        self._layout_hits()

    def _bars(self) -> list[QRectF]:
        metrics = QFontMetrics(self.font())
        bottom = self.height() - metrics.height() - 6
        top = metrics.height() + 4
        most = max((w.applied for w in self.weeks), default=0) or 1
        slot = (self.width() - 8) / max(len(self.weeks), 1)
        bars = []
        for index, week in enumerate(self.weeks):
            height = (bottom - top) * week.applied / most
            bars.append(
                QRectF(4 + index * slot + slot * 0.15, bottom - height, slot * 0.7, max(height, 1))
            )
        return bars

    def _layout_hits(self) -> None:
        self._hits = []
        for bar in self._bars():
            path = QPainterPath()
            path.addRect(QRectF(bar.left(), 0, bar.width(), self.height()))
            self._hits.append(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        if not self.weeks:
            painter.setPen(self._muted())
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, "No application sent in this period."
            )
            painter.end()
            return
        bars = self._bars()
        label_every = max(1, int(len(bars) / max(self.width() / 70, 1)) + 1)
        for index, (week, bar) in enumerate(zip(self.weeks, bars, strict=True)):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#3b82f6"))
            painter.drawRect(bar)
            painter.setPen(self._text_color())
            count = str(week.applied)
            painter.drawText(
                QPointF(bar.center().x() - metrics.horizontalAdvance(count) / 2, bar.top() - 3),
                count,
            )
            if index % label_every == 0:
                label = week.monday.strftime("%d %b")
                painter.setPen(self._muted())
                painter.drawText(
                    QPointF(
                        bar.center().x() - metrics.horizontalAdvance(label) / 2,
                        self.height() - 4,
                    ),
                    label,
                )
        painter.end()
