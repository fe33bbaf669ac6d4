"""The Insights page (View > Insights, Ctrl+4): where applications go, how fast companies answer.

For a period (a preset or a custom range of days) and the filters (the search box, a card
label, an employment type): the funnel, the flows between stages (a Sankey diagram),
applications per week, the response rate and the median days to the first response, companies
ranked by response time and by outcome, and the applications waiting longest. Every figure
opens the applications it counts.

The figures are read off the UI thread in two parts (``services.insights.read_in_parts``): the
funnel and the flows come from indexes and are painted first; who answered, when, per week and
per employer follow (the tiles, chart and tables they fill show "…" meanwhile). The window
builds the page hidden and reads the first part (and the filters' choices) ahead, while idle
after start-up (``prepare``, from ``ui/read_ahead.py``): the first Ctrl+4 paints it at once,
however busy the machine, and reads the second.

Listed in ``window_parts.py`` as a ``LazyPage``: this module (and its charts) is imported the
first time the page is shown, never before the window's first paint. It reads again when shown
after a change, or at once when a change comes while it is shown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services import insights
from desktop.services.changes import Changes, Kind
from desktop.ui.actions import ActionSpec
from desktop.ui.dialogs import messages
from desktop.ui.insight_opening import FigureOpening
from desktop.ui.insights_picture import save_picture
from desktop.ui.insights_reader import Reader
from desktop.ui.pages import WindowParts
from desktop.ui.views.insight_charts import SankeyChart, WeeklyBars
from desktop.ui.views.insight_filters import InsightFilters
from desktop.ui.views.insight_funnel import FunnelChart
from desktop.ui.views.insight_list import ApplicationsDialog
from desktop.ui.views.insight_tables import (
    WAITING_TEXT,
    FigureTable,
    Tile,
    by_outcome_rows,
    by_time_rows,
    days_text,
    heading,
    percent_text,
    waiting_rows,
)

SHOWN_KINDS = frozenset({Kind.POSTINGS, Kind.PIPELINE, Kind.STAGES})
COMPANIES_SHOWN = 12
RATE_TIP = (
    "Response rate: the share of applications sent that later reached any stage but "
    "Withdrawn or Ghosted"
)


class InsightsPage(FigureOpening, QObject):
    key = "insights"
    title = "&Insights"
    shortcut = "Ctrl+4"
    selection_changed = Signal(object)  # never a posting: the page shows figures
    loaded = Signal()  # a read is over: every figure on show is new (tests wait on it)
    part_shown = Signal()  # a part of the figures (or the read's failure) is on show

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self.stale = True
        self._choices_stale = True  # the labels and employment types offered
        self.reading = False  # until the first part (funnel, flows) is painted
        self.answering = False  # until the second part (answers, employers) is painted
        self._generation = 0
        self._answers_due = False  # the first part on show was read ahead, without the second
        self._answers_after_read = False  # shown while that first part was on its way
        self._reader = Reader(self)
        self._reader.part.connect(self._part_arrived)
        self._reader.finished.connect(self._finished)
        self.overview: insights.Overview | None = None
        self.answers: insights.Answers | None = None
        # The period and filters the figures on show were read with: what they open.
        self._read_with: tuple[datetime | None, datetime | None, insights.Filters] = (
            None,
            None,
            insights.Filters(),
        )
        self.dialogs: list[ApplicationsDialog] = []
        self._build()
        parts.operations.changed.connect(self._changed)

    @property
    def figures(self) -> insights.Insights | None:
        """Every figure on show, once both parts of the last read arrived."""
        if self.overview is None or self.answers is None or self.reading or self.answering:
            return None
        return insights.joined(self.overview, self.answers)

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
        self.bar = InsightFilters()
        self.bar.changed.connect(self._refilter)
        self.bar.save_asked.connect(self.ask_save_picture)
        # Reached from tests and the benchmarks by these names.
        self.period, self.status = self.bar.period, self.bar.status
        self.label_filter, self.type_filter = self.bar.label_filter, self.bar.type_filter
        layout.addWidget(self.bar)
        layout.addLayout(self._tiles())

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
        self.funnel.onward_clicked.connect(self._open_onward)
        self.sankey.clicked.connect(self._open_flow)
        self.weeks.clicked.connect(self._open_week)
        self.weeks_heading = heading("Applications sent per week")
        for title, chart in (
            (heading("Funnel: how many reached each stage"), self.funnel),
            (heading("Flows between stages"), self.sankey),
            (self.weeks_heading, self.weeks),
        ):
            charts.addWidget(title)
            charts.addWidget(chart)
        layout.addWidget(self.charts)

        companies = QGridLayout()
        self.fastest = FigureTable(
            "insights-fastest", ("Company", "Applied", "Answered", "Median days")
        )
        self.outcomes = FigureTable(
            "insights-outcomes", ("Company", "Offers", "Rejections", "Answered")
        )
        companies.addWidget(heading("Companies by response time"), 0, 0)
        companies.addWidget(heading("Companies by outcome"), 0, 1)
        companies.addWidget(self.fastest, 1, 0)
        companies.addWidget(self.outcomes, 1, 1)
        layout.addLayout(companies)
        self.waiting_heading = heading("Waiting longest for an answer")
        layout.addWidget(self.waiting_heading)
        self.waiting = FigureTable(
            "insights-waiting", ("Company", "Title", "Stage", "Applied", "Days")
        )
        layout.addWidget(self.waiting)
        for table in (self.fastest, self.outcomes, self.waiting):
            table.cellActivated.connect(lambda row, _column, t=table: self._open_row(t, row))
        layout.addStretch(1)
        self.widget.setWidget(self.content)

    def _tiles(self) -> QHBoxLayout:
        tiles = QHBoxLayout()
        self.total_tile = Tile("applications", "insights-total")
        self.applied_tile = Tile("applied", "insights-applied")
        self.rate_tile = Tile("answered", "insights-rate")
        self.rate_tile.setToolTip(RATE_TIP)
        self.median_tile = Tile("days to an answer (median)", "insights-median")
        for tile in (self.total_tile, self.applied_tile, self.rate_tile, self.median_tile):
            tiles.addWidget(tile)
        everyone, applied = insights.Figure("all"), insights.Figure("applied")
        answered = insights.Figure("responded")
        self.total_tile.clicked.connect(lambda: self._open("Applications", everyone))
        self.applied_tile.clicked.connect(lambda: self._open("Applied", applied))
        self.rate_tile.clicked.connect(lambda: self._open("Answered", answered))
        self.median_tile.clicked.connect(lambda: self._open("Answered", answered))
        return tiles

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
        elif self._answers_due:
            self._read_answers()
        self.selection_changed.emit(None)

    def prepare(self) -> None:
        """Read the first part of the figures and the filters' choices while the page is
        hidden (the window calls this when idle after start-up): its first showing then
        paints them at once and reads only the second part."""
        if self.stale and not self.is_shown():
            self.reload(answers=False)

    def searched(self) -> None:
        if self.is_shown():
            self.reload(choices=False)
        else:
            self.stale = True

    # -- reading -------------------------------------------------------------------------------

    def filters(self) -> insights.Filters:
        return insights.Filters(
            search=self._parts.search(),
            label=self.bar.label(),
            employment_type=self.bar.employment_type(),
        )

    def _refilter(self) -> None:
        self.reload(choices=False)  # the same library: the labels and types in use are known

    def reload(self, *, choices: bool = True, answers: bool = True) -> None:
        """Read the figures again for the period and filters chosen, off the UI thread: the
        window stays responsive at any size of library; ``loaded`` once all are shown. With
        ``choices``, the labels and employment types offered are read again too (last).
        Without ``answers``, only the first part (read ahead: see ``prepare``)."""
        now = datetime.now(UTC)
        start, end = self.period.bounds(now)
        filters = self.filters()
        self._read_with = (start, end, filters)
        self.stale = False
        self.reading, self.answering = True, answers
        self._answers_due, self._answers_after_read = not answers, False
        self.status.setText("Reading the histories…")
        self._choices_stale = self._choices_stale or choices
        self._read(now, overview=True, answers=answers)

    def _read_answers(self) -> None:
        """The second part, for the first part on show (read ahead with the same period and
        filters); once that first part is in when it is still on its way."""
        if self.reading:
            self._answers_after_read = True
            return
        self._answers_due = False
        self.answering = True
        self.status.setText("Counting the answers…")
        self._read(datetime.now(UTC), overview=False, answers=True)

    def _read(self, now: datetime, *, overview: bool, answers: bool) -> None:
        start, end, filters = self._read_with
        library = self._parts.library
        choices = self._choices_stale  # read until they arrive
        self._generation += 1

        def read():  # -> Iterator[object]
            yield from insights.read_in_parts(
                library,
                start=start,
                end=end,
                filters=filters,
                now=now,
                overview=overview,
                answers=answers,
            )
            if choices:  # last: the labels and types in use take a walk over every posting
                yield insights.filter_choices(library)

        self._reader.run(self._generation, read, lambda: self._generation)

    def _part_arrived(self, generation: int, part: object) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        if isinstance(part, insights.Overview):
            self.overview = part
            self._show_overview(part)
            self.reading = False
            self.part_shown.emit()
        elif isinstance(part, insights.Answers):
            self.answers = part
            self._show_answers(part)
            self.answering = False
            self.status.setText("")
            self.part_shown.emit()
        else:
            self._choices_stale = False
            self.bar.offer(*part)  # type: ignore[misc]

    def _finished(self, generation: int, error: object) -> None:
        if generation != self._generation:
            return
        if error is None:
            if self._answers_after_read:  # shown while the first part was read ahead
                self._answers_after_read = False
                self._read_answers()
            elif not self._answers_due:
                self.loaded.emit()
            return
        self.stale = self.stale or self._answers_due  # read ahead: try again when shown
        self._answers_due = self._answers_after_read = False
        self.reading = self.answering = False
        self.status.setText(f"The figures could not be read: {error}")
        self.part_shown.emit()

    def _show_overview(self, overview: insights.Overview) -> None:
        search = self._parts.search().strip()
        self.bar.search_note.setText(f"Search: {search}" if search else "")
        self.status.setText("Counting the answers…")
        self.total_tile.set_value(str(overview.total))
        self.applied_tile.set_value(str(overview.applied))
        self.rate_tile.set_value(WAITING_TEXT)
        self.median_tile.set_value(WAITING_TEXT)
        self.funnel.set_steps(overview.funnel)
        self.sankey.set_flows(overview.flows)
        self.weeks.set_weeks([])
        self.weeks_heading.setText(f"Applications sent per week {WAITING_TEXT}")
        for table in (self.fastest, self.outcomes, self.waiting):
            table.fill([])

    def _show_answers(self, answers: insights.Answers) -> None:
        responses = answers.responses
        self.rate_tile.set_value(
            percent_text(responses.rate), f"{responses.responded:,} of {responses.applied:,}"
        )
        self.median_tile.set_value(days_text(responses.median_days))
        self.weeks_heading.setText("Applications sent per week")
        self.weeks.set_weeks(answers.weeks)
        # Every employer listed has an application sent; both rankings come ready.
        self.fastest.fill(by_time_rows(answers.companies[:COMPANIES_SHOWN]))
        self.outcomes.fill(by_outcome_rows(answers.companies_by_outcome[:COMPANIES_SHOWN]))
        self.waiting_heading.setText(
            f"Waiting longest for an answer ({answers.waiting_count} waiting)"
        )
        self.waiting.fill(waiting_rows(answers.waiting))

    # -- keeping up ----------------------------------------------------------------------------

    def _changed(self, changes: Changes, initiator: object) -> None:
        if not changes.kinds & SHOWN_KINDS:
            return
        self._choices_stale = True
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
        if not save_picture(self.charts, path):
            messages.show_error(
                self._parts.window, "Picture not saved", f"{path} could not be written."
            )
