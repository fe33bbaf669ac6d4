"""The applications a figure of the Insights page counts, in a list: choosing one shows it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.insights import Listed


class ApplicationsDialog(QDialog):
    """Emits ``chosen(posting_id)`` on a double click or Enter, or with "Show in list"."""

    chosen = Signal(int)

    def __init__(self, title: str, applications: Sequence[Listed], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("insights-applications")
        self.setWindowTitle(title)
        self.resize(640, 420)
        self.applications = list(applications)
        count = len(self.applications)
        heading = QLabel(f"{title}: {count} application{'s' if count != 1 else ''}")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(count, 3)
        self.table.setObjectName("insights-applications-table")
        self.table.setHorizontalHeaderLabels(["Company", "Title", "Stage"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, application in enumerate(self.applications):
            for column, text in enumerate(
                (application.company, application.title, application.stage)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if count:
            self.table.selectRow(0)
        self.table.cellActivated.connect(lambda row, _column: self.choose(row))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        show = buttons.addButton("Show in list", QDialogButtonBox.ButtonRole.AcceptRole)
        show.setEnabled(bool(count))
        show.clicked.connect(lambda: self.choose(self.table.currentRow()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def choose(self, row: int) -> None:
        if 0 <= row < len(self.applications):
            self.chosen.emit(self.applications[row].posting_id)
            self.accept()
