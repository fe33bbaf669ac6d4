"""The Insights page's headline tiles and tables: each row or tile opens what it counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem

if TYPE_CHECKING:
    from desktop.core.insights import CompanyFigures, WaitingApplication

WAITING_TEXT = "…"  # a figure still being counted
Row = tuple[object, str, tuple[str, ...]]  # what it opens, its name, its cells


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() + 1.5)
    label.setFont(font)
    return label


def days_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


class Tile(QPushButton):
    """A headline figure (its number big, its name under it); clicking opens what it counts."""

    def __init__(self, name: str, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setFlat(True)
        self.setMinimumSize(QSize(150, 64))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name = name
        self.value = ""
        self.setStyleSheet(
            f"#{object_name} {{ text-align: left; padding: 8px 12px;"
            " border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }"
        )

    def set_value(self, value: str, detail: str = "") -> None:
        self.value = value
        self.setText(f"{value}\n{self.name}{' · ' + detail if detail else ''}")
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10))
        self.setFont(font)


class FigureTable(QTableWidget):
    """Rows of cells; each row opens something (a figure, a posting id) kept here, in Python:
    never as an item's data (PySide6 6.12.0 miscounted the references of what it handed back;
    pyproject pins below it). A double click or Enter opens the row (a click only selects)."""

    def __init__(self, name: str, headings: Sequence[str]) -> None:
        super().__init__(0, len(headings))
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(list(headings))
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if len(headings) > 4:
            self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(200)
        self._targets: list[tuple[object, str]] = []

    def fill(self, rows: Sequence[Row]) -> None:
        """(what the row opens, its name for the list's title, its cells) per row."""
        self._targets = [(opens, name) for opens, name, _ in rows]
        self.setRowCount(len(rows))
        for row, (_opens, _name, cells) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column > 0 and text and (text[0].isdigit() or text == "—"):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(row, column, item)

    def target(self, row: int) -> tuple[object, str] | None:
        """(what row ``row`` opens, its name), or None for no such row."""
        return self._targets[row] if 0 <= row < len(self._targets) else None


def by_time_rows(companies: Sequence[CompanyFigures]) -> list[Row]:
    """Employers by response time: applied, answered, median days; each opens its own."""
    return [
        (
            c.figure,
            c.company,
            (
                c.company,
                str(c.responses.applied),
                str(c.responses.responded),
                days_text(c.responses.median_days),
            ),
        )
        for c in companies
    ]


def by_outcome_rows(companies: Sequence[CompanyFigures]) -> list[Row]:
    """Employers by outcome: offers, rejections, the share answered."""
    return [
        (
            c.figure,
            c.company,
            (c.company, str(c.offers), str(c.rejections), percent_text(c.responses.rate)),
        )
        for c in companies
    ]


def waiting_rows(waiting: Sequence[WaitingApplication]) -> list[Row]:
    """The applications waiting longest; each opens the posting (its id)."""
    return [
        (
            w.posting_id,
            w.title,
            (
                w.company,
                w.title,
                w.stage,
                w.applied_at.astimezone().date().isoformat(),
                f"{w.days:.0f}",
            ),
        )
        for w in waiting
    ]
