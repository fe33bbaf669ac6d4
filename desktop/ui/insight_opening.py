"""What each figure of the Insights page opens: a list of the applications it counts (for the
period and filters the figures on show were read with); choosing one shows it in the list.
A part of ``InsightsPage`` (``insights_page.py``), kept apart to keep that module short."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desktop.services import insights
from desktop.ui.views.insight_list import ApplicationsDialog
from desktop.ui.views.insight_tables import FigureTable

if TYPE_CHECKING:
    from desktop.ui.pages import WindowParts


class FigureOpening:
    """Opens what the page's figures count. The page holds the attributes named here."""

    _parts: WindowParts
    overview: insights.Overview | None
    answers: insights.Answers | None
    _read_with: tuple[datetime | None, datetime | None, insights.Filters]
    dialogs: list[ApplicationsDialog]

    def _open_step(self, index: int) -> None:
        if self.overview is not None and 0 <= index < len(self.overview.funnel):
            step = self.overview.funnel[index]
            self._open(f"Reached {step.stage.name}", step.figure)

    def _open_onward(self, index: int) -> None:
        if self.overview is not None and 0 <= index < len(self.overview.funnel):
            step = self.overview.funnel[index]
            self._open(f"Got as far as {step.stage.name} (or further)", step.onward_figure)

    def _open_flow(self, index: int) -> None:
        if self.overview is not None and 0 <= index < len(self.overview.flows):
            flow = self.overview.flows[index]
            self._open(f"{flow.source.name} → {flow.target.name}", flow.figure)

    def _open_week(self, index: int) -> None:
        if self.answers is not None and 0 <= index < len(self.answers.weeks):
            week = self.answers.weeks[index]
            self._open(f"Applied in the week of {week.monday:%d %b %Y}", week.figure)

    def _open_row(self, table: FigureTable, row: int) -> None:
        target = table.target(row)
        if target is None:
            return
        opens, name = target
        if isinstance(opens, int):
            self.show_in_list(opens)
        else:
            self._open(f"Applications at {name}", opens)  # type: ignore[arg-type]

    def _open(self, title: str, figure: insights.Figure) -> None:
        """A list of the applications a figure counts; choosing one shows it in the list."""
        library = self._parts.library
        start, end, filters = self._read_with
        posting_ids = insights.figure_postings(
            library, figure, start=start, end=end, filters=filters
        )
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
