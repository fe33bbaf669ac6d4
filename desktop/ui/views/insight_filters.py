"""What the Insights page counts: the period (a preset or a custom range of days), a label
and an employment type, with the status of the read and "Save picture…", in two rows so the
page fits beside the detail pane."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.views.insight_period import PeriodChooser

LOADING_TIP = "Reading the labels and employment types in use…"


class InsightFilters(QWidget):
    """``changed`` when the period or a filter changes; ``save_asked`` for "Save picture…"."""

    changed = Signal()
    save_asked = Signal()

    def __init__(self) -> None:
        super().__init__()
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        period = QHBoxLayout()
        self.period = PeriodChooser()
        self.period.changed.connect(self.changed)
        period.addWidget(QLabel("Period"))
        period.addWidget(self.period)
        period.addSpacing(12)
        self.status = self._text("insights-status")
        period.addWidget(self.status, 1)
        rows.addLayout(period)
        filters = QHBoxLayout()
        self.label_filter = QComboBox()
        self.label_filter.setObjectName("insights-label")
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("insights-employment")
        for text, combo in (("Label", self.label_filter), ("Employment", self.type_filter)):
            # "Any" until the choices in use are read (with the figures, or ahead of them):
            # the filter says it is not ready rather than offering nothing.
            combo.addItem("Any", "")
            combo.setEnabled(False)
            combo.setToolTip(LOADING_TIP)
            filters.addWidget(QLabel(text))
            filters.addWidget(combo)
            filters.addSpacing(8)
            combo.currentIndexChanged.connect(self.changed)
        self.search_note = self._text("insights-search-note")
        filters.addWidget(self.search_note, 1)
        self.save_button = QPushButton("Save picture…")
        self.save_button.setObjectName("insights-save")
        self.save_button.clicked.connect(self.save_asked)
        filters.addWidget(self.save_button)
        rows.addLayout(filters)

    @staticmethod
    def _text(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def label(self) -> str | None:
        return self.label_filter.currentData() or None  # "" is "Any"

    def employment_type(self) -> str | None:
        return self.type_filter.currentData() or None

    def offer(self, types: list[str], labels: list[str]) -> None:
        """The employment types and labels in use; what was chosen stays chosen."""
        for combo, values in ((self.type_filter, types), (self.label_filter, labels)):
            chosen = combo.currentData() or ""
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("Any", "")  # not None: see insight_period.PERIODS
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(max(index, 0))
            combo.setEnabled(True)
            combo.setToolTip("")
            combo.blockSignals(False)
