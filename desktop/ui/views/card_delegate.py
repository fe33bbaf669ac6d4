"""Paints a board card: company, title (two lines at most), days in stage, salary, its labels
(the strip down the left edge in their colours, their names as chips in the footer), and a
marker when the employer has other applications in the library (the re-apply marker).

Painting instead of a widget per card keeps a board of 10,000 cards light and smooth.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.core.pipeline import Card
from desktop.ui.agenda_state import BADGE_COLORS, AgendaState
from desktop.ui.models.board_column_model import CARD_ROLE

MARGIN, PADDING, STRIP = 4, 8, 4
CARD_HEIGHT = 92
MARKER_COLOR = QColor("#c2410c")  # the re-apply note's orange


def marker_text(card: Card) -> str:
    """The marker, "↻ 2" when the card's employer has two other applications; "" for none."""
    return f"↻ {card.others_at_company}" if card.others_at_company else ""


def days_in_stage(card: Card, now: datetime | None = None) -> str:
    if card.entered_at is None:
        return ""
    days = ((now or datetime.now(UTC)) - card.entered_at).days
    if days <= 0:
        return "today"
    return "1 day" if days == 1 else f"{days} days"


def _two_lines(text: str, font: QFont, width: int) -> list[str]:
    """The title wrapped to the card's width; past two lines, the second ends in an ellipsis."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if len(spans) <= 2:
        return [text[start : start + length].strip() for start, length in spans]
    first_start, first_length = spans[0]
    rest = text[spans[1][0] :].strip()
    return [
        text[first_start : first_start + first_length].strip(),
        QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width),
    ]


class CardDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width() or 220, CARD_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            return
        palette = option.palette
        rect: QRect = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = (
            palette.color(QPalette.ColorRole.Highlight)
            if selected
            else palette.color(QPalette.ColorRole.Mid)
        )
        painter.setPen(border)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        if selected:
            painter.setPen(border)
            painter.drawRoundedRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), 5, 5)
        if card.labels:  # the strip, one segment per label
            painter.setPen(Qt.PenStyle.NoPen)
            height = (rect.height() - 12) / len(card.labels)
            for number, label in enumerate(card.labels):
                painter.setBrush(QColor(label.color))
                top = rect.top() + 6 + number * height
                painter.drawRoundedRect(QRectF(rect.left() + 1, top, STRIP, height), 2, 2)
        state = AgendaState.find(option.widget) if option.widget is not None else None
        badge = state.badge(card.id) if state is not None else None
        if badge is not None:  # something overdue or due today on the agenda
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BADGE_COLORS[badge])
            painter.drawEllipse(QRectF(rect.right() - 14, rect.top() + 8, 8, 8))

        inner = rect.adjusted(PADDING + STRIP, PADDING - 2, -PADDING, -PADDING + 2)
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)

        small = QFont(option.font)
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        bold_small = QFont(small)
        bold_small.setBold(True)
        painter.setFont(bold_small)
        painter.setPen(muted)
        company_height = QFontMetrics(bold_small).height()
        dot_room = 12 if badge is not None else 0  # the agenda's dot in the corner
        marker = marker_text(card)
        marker_width = QFontMetrics(bold_small).horizontalAdvance(marker) + 10 if marker else 0
        if marker:
            painter.save()
            pill = QRectF(
                inner.right() - dot_room - marker_width + 1,
                inner.top(),
                marker_width,
                company_height,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(MARKER_COLOR)
            painter.drawRoundedRect(pill, company_height / 2, company_height / 2)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, marker)
            painter.restore()
            painter.setPen(muted)
        company = QFontMetrics(bold_small).elidedText(
            card.company or "",
            Qt.TextElideMode.ElideRight,
            inner.width() - dot_room - (marker_width + 4 if marker else 0),
        )
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), company_height),
            Qt.AlignmentFlag.AlignLeft,
            company,
        )

        painter.setFont(option.font)
        painter.setPen(text_color)
        line_height = QFontMetrics(option.font).height()
        top = inner.top() + company_height + 2
        for number, line in enumerate(_two_lines(card.title, option.font, inner.width())):
            painter.drawText(
                QRect(inner.left(), top + number * line_height, inner.width(), line_height),
                Qt.AlignmentFlag.AlignLeft,
                line,
            )

        painter.setFont(small)
        painter.setPen(muted)
        footer = QRect(
            inner.left(),
            inner.bottom() - QFontMetrics(small).height(),
            inner.width(),
            QFontMetrics(small).height(),
        )
        metrics = QFontMetrics(small)
        days = days_in_stage(card)
        painter.drawText(footer, Qt.AlignmentFlag.AlignLeft, days)
        salary = ""
        if card.salary_shown:
            salary = metrics.elidedText(
                card.salary_shown, Qt.TextElideMode.ElideRight, inner.width() * 3 // 5
            )
            painter.drawText(footer, Qt.AlignmentFlag.AlignRight, salary)
        left = footer.left() + (metrics.horizontalAdvance(days) + 6 if days else 0)
        right = footer.right() - (metrics.horizontalAdvance(salary) + 6 if salary else 0)
        _paint_label_chips(painter, card, QRectF(left, footer.top(), right - left, footer.height()))
        painter.restore()


def _paint_label_chips(painter: QPainter, card: Card, room: QRectF) -> None:
    """The labels' names as small tinted chips, as many as fit in ``room``, then "+n"."""
    metrics = QFontMetrics(painter.font())
    x = room.left()
    for number, label in enumerate(card.labels):
        width = metrics.horizontalAdvance(label.name) + 8
        rest = len(card.labels) - number - 1
        more = metrics.horizontalAdvance(f"+{rest}") + 4 if rest else 0
        if x + width + more > room.right():
            if number < len(card.labels):
                painter.drawText(
                    QRectF(x, room.top(), room.right() - x, room.height()),
                    Qt.AlignmentFlag.AlignLeft,
                    f"+{len(card.labels) - number}",
                )
            return
        chip = QRectF(x, room.top(), width, room.height())
        fill = QColor(label.color)
        fill.setAlpha(60)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, 3, 3)
        painter.restore()
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label.name)
        x += width + 4
