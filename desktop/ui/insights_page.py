"""The Insights page (View > Insights, Ctrl+4): where applications go, how fast companies answer.

For a period and the filters (the search box, a card label, an employment type): the funnel,
the flows between stages (a Sankey diagram), applications per week, the response rate and the
median days to the first response, companies ranked by response time and by outcome, and the
applications waiting longest. Every figure opens the applications it counts.

Listed in ``window_parts.py`` as a ``LazyPage``: this module (and its charts) is imported the
first time the page is shown, never before the window's first paint. It reads again when shown
after a change, or at once when a change comes while it is shown.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services import insights
from desktop.services.changes import Changes, Kind
from desktop.ui.actions import ActionSpec
from desktop.ui.dialogs import messages
from desktop.ui.pages import WindowParts
from desktop.ui.views.insight_charts import FunnelChart, SankeyChart, WeeklyBars
from desktop.ui.views.insight_list import ApplicationsDialog

SHOWN_KINDS = frozenset({Kind.POSTINGS, Kind.PIPELINE, Kind.STAGES})
# (label, days back; 0: everything). Plain values as items' data, never None or tuples:
# PySide6 6.12.0 miscounted the references of what it handed back (pyproject pins below it).
PERIODS = (
    ("All time", 0),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last 12 months", 365),
)
COMPANIES_SHOWN = 12


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() + 1.5)
    label.setFont(font)
    return label


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _percent(value: float | None) -> str:
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


class Reader(QObject):
    """Runs a read in a thread of its own and hands back its result (or the error it raised) with
    ``done(generation, result)``, queued to the UI thread. The read touches no widget."""

    done = Signal(int, object)

    def run(self, generation: int, read: Callable[[], object]) -> None:
        def work() -> None:
            try:
                result: object = read()
            except Exception as error:  # shown on the page; a thread must not swallow it
                result = error
            # RuntimeError: the page was closed meanwhile, nobody is left to show it to.
            with contextlib.suppress(RuntimeError):
                self.done.emit(generation, result)

        threading.Thread(target=work, name="insights-read", daemon=True).start()


class InsightsPage(QObject):
    key = "insights"
    title = "&Insights"
    shortcut = "Ctrl+4"
    selection_changed = Signal(object)  # never a posting: the page shows figures
    loaded = Signal()  # the figures on show were read again (tests wait on it)

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self.stale = True
        self.reading = False
        self._row_opens: dict[str, list[tuple[insights.Figure | int, str | None]]] = {}
        self._generation = 0
        self._reader = Reader(self)
        self._reader.done.connect(self._arrived)
        self.figures: insights.Insights | None = None
        # The period and filters the figures on show were read with: what they open.
        self._read_with: tuple[datetime | None, insights.Filters] = (None, insights.Filters())
        self.dialogs: list[ApplicationsDialog] = []
        self._build()
        parts.operations.changed.connect(self._changed)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.widget = QScrollArea()
        self.widget.setObjectName("insights-page")
        self.widget.setWidgetResizable(True)
        self.widget.setFrameShape(QFrame.Shape.NoFrame)
        self.content = QWidget()
        self.content.setObjectName("insights-content")
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(10)

        bar = QHBoxLayout()
        self.period = QComboBox()
        self.period.setObjectName("insights-period")
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.label_filter = QComboBox()
        self.label_filter.setObjectName("insights-label")
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("insights-employment")
        self.save_button = QPushButton("Save picture…")
        self.save_button.setObjectName("insights-save")
        self.save_button.clicked.connect(self.ask_save_picture)
        for text, widget in (
            ("Period", self.period),
            ("Label", self.label_filter),
            ("Employment", self.type_filter),
        ):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
            bar.addSpacing(8)
        self.status = QLabel()
        self.status.setObjectName("insights-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.status)
        self.search_note = QLabel()
        self.search_note.setTextFormat(Qt.TextFormat.PlainText)
        self.search_note.setObjectName("insights-search-note")
        bar.addWidget(self.search_note, 1)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)

        tiles = QHBoxLayout()
        self.total_tile = Tile("applications", "insights-total")
        self.applied_tile = Tile("applied", "insights-applied")
        self.rate_tile = Tile("answered", "insights-rate")
        self.median_tile = Tile("days to an answer (median)", "insights-median")
        for tile in (self.total_tile, self.applied_tile, self.rate_tile, self.median_tile):
            tiles.addWidget(tile)
        everyone, applied = insights.Figure("all"), insights.Figure("applied")
        answered = insights.Figure("responded")
        self.total_tile.clicked.connect(lambda: self._open("Applications", everyone))
        self.applied_tile.clicked.connect(lambda: self._open("Applied", applied))
        self.rate_tile.clicked.connect(lambda: self._open("Answered", answered))
        self.median_tile.clicked.connect(lambda: self._open("Answered", answered))
        layout.addLayout(tiles)

        # The charts go into one widget of their own: "Save picture" draws it.
        self.charts = QWidget()
        self.charts.setObjectName("insights-charts")
        self.charts.setAutoFillBackground(True)
        charts = QVBoxLayout(self.charts)
        charts.setContentsMargins(0, 0, 0, 0)
        self.funnel = FunnelChart()
        self.sankey = SankeyChart()
        self.weeks = WeeklyBars()
        self.funnel.clicked.connect(self._open_step)
        self.sankey.clicked.connect(self._open_flow)
        self.weeks.clicked.connect(self._open_week)
        for title, chart in (
            ("Funnel: how many reached each stage", self.funnel),
            ("Flows between stages", self.sankey),
            ("Applications sent per week", self.weeks),
        ):
            charts.addWidget(_heading(title))
            charts.addWidget(chart)
        layout.addWidget(self.charts)

        companies = QGridLayout()
        self.fastest = self._table(
            "insights-fastest", ("Company", "Applied", "Answered", "Median days")
        )
        self.outcomes = self._table(
            "insights-outcomes", ("Company", "Offers", "Rejections", "Answered")
        )
        companies.addWidget(_heading("Companies by response time"), 0, 0)
        companies.addWidget(_heading("Companies by outcome"), 0, 1)
        companies.addWidget(self.fastest, 1, 0)
        companies.addWidget(self.outcomes, 1, 1)
        layout.addLayout(companies)
        self.waiting_heading = _heading("Waiting longest for an answer")
        layout.addWidget(self.waiting_heading)
        self.waiting = self._table(
            "insights-waiting", ("Company", "Title", "Stage", "Applied", "Days")
        )
        layout.addWidget(self.waiting)
        layout.addStretch(1)
        self.widget.setWidget(self.content)
        for combo in (self.period, self.label_filter, self.type_filter):
            combo.currentIndexChanged.connect(self._filters_changed)

    def _table(self, name: str, headings: Sequence[str]) -> QTableWidget:
        table = QTableWidget(0, len(headings))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(list(headings))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if len(headings) > 4:
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(200)
        # A double click or Enter opens the row's applications (a click only selects it).
        table.cellActivated.connect(lambda row, _column, t=table: self._open_row(t, row))
        return table

    # -- the page's interface ------------------------------------------------------------------

    def actions(self) -> list[ActionSpec]:
        return []

    def selected_id(self) -> int | None:
        return None

    def select(self, posting_id: int) -> bool:
        return False

    def is_shown(self) -> bool:
        return self.widget.isVisibleTo(self._parts.window)

    def shown(self, keep: int | None) -> None:
        # Built into a place already on screen, the page would otherwise wait for the next
        # turn of the event loop to show (Qt shows a new child of a visible widget queued).
        self.widget.show()
        if self.stale:
            self.reload()
        self.selection_changed.emit(None)

    def searched(self) -> None:
        if self.is_shown():
            self.reload()
        else:
            self.stale = True

    # -- reading -------------------------------------------------------------------------------

    def filters(self) -> insights.Filters:
        return insights.Filters(
            search=self._parts.search(),
            label=self.label_filter.currentData() or None,  # "" is "Any"
            employment_type=self.type_filter.currentData() or None,
        )

    def period_start(self, now: datetime) -> datetime | None:
        days = int(self.period.currentData() or 0)
        return now - timedelta(days=days) if days else None

    def reload(self) -> None:
        """Read the figures again for the period and filters chosen, off the UI thread: the
        window stays responsive at any size of library; ``loaded`` once they are shown."""
        now = datetime.now(UTC)
        self._read_with = (self.period_start(now), self.filters())
        start, filters = self._read_with
        library = self._parts.library
        self._generation += 1
        generation = self._generation
        self.stale = False
        self.reading = True
        self.status.setText("Reading the histories…")

        def read() -> object:
            figures = insights.insights(library, start=start, filters=filters, now=now)
            return figures, insights.filter_choices(library)

        self._reader.run(generation, read)

    def _arrived(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        self.reading = False
        if isinstance(result, BaseException):
            self.status.setText(f"The figures could not be read: {result}")
            return
        figures, (types, labels) = result  # type: ignore[misc]
        self.status.setText("")
        self.figures = figures
        self._refresh_choices(types, labels)
        self._show(figures)
        self.loaded.emit()

    def _refresh_choices(self, types: list[str], labels: list[str]) -> None:
        for combo, values, everything in (
            (self.type_filter, types, "Any"),
            (self.label_filter, labels, "Any"),
        ):
            chosen = combo.currentData() or ""
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")  # not None: see PERIODS
            for value in values:
                combo.addItem(value, value)
                if combo is self.label_filter:
                    swatch = QPixmap(12, 12)
                    swatch.fill(QColor(value))
                    combo.setItemIcon(combo.count() - 1, swatch)
            index = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _show(self, figures: insights.Insights) -> None:
        search = self._parts.search().strip()
        self.search_note.setText(f"Search: {search}" if search else "")
        responses = figures.responses
        self.total_tile.set_value(str(figures.total))
        self.applied_tile.set_value(str(responses.applied))
        self.rate_tile.set_value(
            _percent(responses.rate), f"{responses.responded} of {responses.applied}"
        )
        self.rate_tile.setToolTip(
            "Response rate: the share of applications sent that later reached any stage but "
            "Withdrawn or Ghosted"
        )
        self.median_tile.set_value(_days(responses.median_days))
        self.funnel.set_steps(figures.funnel)
        self.sankey.set_flows(figures.flows)
        self.weeks.set_weeks(figures.weeks)
        answered = [c for c in figures.companies if c.responses.applied]
        self._fill(
            self.fastest,
            [
                (
                    c.figure,
                    c.company,
                    (
                        c.company,
                        str(c.responses.applied),
                        str(c.responses.responded),
                        _days(c.responses.median_days),
                    ),
                )
                for c in answered[:COMPANIES_SHOWN]
            ],
        )
        by_outcome = [c for c in figures.companies_by_outcome if c.responses.applied]
        self._fill(
            self.outcomes,
            [
                (
                    c.figure,
                    c.company,
                    (
                        c.company,
                        str(c.offers),
                        str(c.rejections),
                        _percent(c.responses.rate),
                    ),
                )
                for c in by_outcome[:COMPANIES_SHOWN]
            ],
        )
        self.waiting_heading.setText(
            f"Waiting longest for an answer ({figures.waiting_count} waiting)"
        )
        self._fill(
            self.waiting,
            [
                (
                    w.posting_id,
                    None,
                    (
                        w.company,
                        w.title,
                        w.stage,
                        w.applied_at.astimezone().date().isoformat(),
                        f"{w.days:.0f}",
                    ),
                )
                for w in figures.waiting
            ],
        )

    def _fill(
        self,
        table: QTableWidget,
        rows: Sequence[tuple[insights.Figure | int, str | None, tuple[str, ...]]],
    ) -> None:
        """Rows of cells; each opens a figure (a company's applications) or one posting."""
        # What each row opens stays here, not in the items' data: see PERIODS about None.
        self._row_opens[table.objectName()] = [(opens, company) for opens, company, _ in rows]
        table.setRowCount(len(rows))
        for row, (_opens, _company, cells) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column > 0 and text and (text[0].isdigit() or text == "—"):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)

    # -- opening what a figure counts ------------------------------------------------------------

    def _open_step(self, index: int) -> None:
        if self.figures is not None and 0 <= index < len(self.figures.funnel):
            step = self.figures.funnel[index]
            self._open(f"Reached {step.stage.name}", step.figure)

    def _open_flow(self, index: int) -> None:
        if self.figures is not None and 0 <= index < len(self.figures.flows):
            flow = self.figures.flows[index]
            self._open(f"{flow.source.name} → {flow.target.name}", flow.figure)

    def _open_week(self, index: int) -> None:
        if self.figures is not None and 0 <= index < len(self.figures.weeks):
            week = self.figures.weeks[index]
            self._open(f"Applied in the week of {week.monday:%d %b %Y}", week.figure)

    def _open_row(self, table: QTableWidget, row: int) -> None:
        targets = self._row_opens.get(table.objectName(), [])
        if not 0 <= row < len(targets):
            return
        opens, company = targets[row]
        if isinstance(opens, int):
            self.show_in_list(opens)
        else:
            self._open(f"Applications at {company}", opens)

    def _open(self, title: str, figure: insights.Figure) -> None:
        """A list of the applications a figure counts; choosing one shows it in the list."""
        library = self._parts.library
        start, filters = self._read_with
        posting_ids = insights.figure_postings(library, figure, start=start, filters=filters)
        dialog = ApplicationsDialog(
            title, insights.listed(library, posting_ids), self._parts.window
        )
        dialog.chosen.connect(self.show_in_list)
        dialog.finished.connect(lambda _result, d=dialog: self.dialogs.remove(d))
        self.dialogs.append(dialog)
        dialog.open()

    def show_in_list(self, posting_id: int) -> None:
        """Show the posting in the list page, selected (its detail pane beside it)."""
        window = self._parts.window
        window.action("page.list").trigger()  # type: ignore[attr-defined]
        self._parts.select(posting_id)

    # -- keeping up ----------------------------------------------------------------------------

    def _filters_changed(self) -> None:
        self.reload()

    def _changed(self, changes: Changes, initiator: object) -> None:
        if not changes.kinds & SHOWN_KINDS:
            return
        if self.is_shown():
            self.reload()
        else:
            self.stale = True  # read when next shown

    # -- a picture of the charts ---------------------------------------------------------------

    def ask_save_picture(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._parts.window,
            "Save the insights as a picture",
            "jobdeck-insights.png",
            "PNG image (*.png);;SVG drawing (*.svg)",
        )
        if path:
            self.save_picture(Path(path))

    def save_picture(self, path: Path) -> None:
        """Draw the charts into ``path``: SVG when it ends in .svg, else PNG."""
        if path.suffix.lower() == ".svg":
            from PySide6.QtSvg import QSvgGenerator  # only for an SVG

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(self.charts.size())
            generator.setViewBox(QRect(0, 0, self.charts.width(), self.charts.height()))
            generator.setTitle("Jobdeck insights")
            painter = QPainter(generator)
            try:
                self.charts.render(painter, QPoint())
            finally:
                painter.end()
        elif not self.charts.grab().save(str(path), "PNG"):
            messages.show_error(
                self._parts.window, "Picture not saved", f"{path} could not be written."
            )
