"""The employer's part of the detail pane: what the board showed beside the posting (about the
company, H-1B sponsorship by year, funding and its rounds) and its recent news.

Plain-text labels only, as in the rest of the pane; the news links are built by ``links``. Each
section is made once and filled again for every posting (``fill`` says whether it shows).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QSpacerItem, QWidget

from desktop.ui.views.h1b_chart import H1bChart
from desktop.ui.views.links import link_label, set_link
from desktop.ui.views.sections import SELECTABLE, KeyValues, Row, Rows, Section, pane_label

if TYPE_CHECKING:
    from desktop.core.posting import Funding, FundingRound, H1b, NewsItem, PostingDocument

GAP = 6  # above the H-1B and the funding parts


class CompanySection(Section):
    """About the company, H-1B, funding, data source: hidden when nothing is known of the
    employer beyond its name."""

    def __init__(self) -> None:
        super().__init__("company", "Company")
        self.about = pane_label("")
        self.h1b_gap = _gap()
        self.h1b_heading = pane_label("H1B sponsorship", bold=True, selectable=False)
        self.chart = H1bChart()
        self.h1b_note = pane_label("", muted=True)
        self.funding_gap = _gap()
        self.funding_heading = pane_label("Funding", bold=True, selectable=False)
        self.funding_facts = KeyValues()
        self.rounds = FundingRounds()
        self.data_source = pane_label("", muted=True)
        self.body.addWidget(self.about)
        self.body.addItem(self.h1b_gap)
        for widget in (self.h1b_heading, self.chart, self.h1b_note):
            self.body.addWidget(widget)
        self.body.addItem(self.funding_gap)
        for widget in (self.funding_heading, self.funding_facts, self.rounds, self.data_source):
            self.body.addWidget(widget)

    def fill(self, doc: PostingDocument) -> bool:
        profile = doc.company_profile
        if profile is None or not any(
            (profile.description, profile.h1b, profile.funding, profile.data_source)
        ):
            profile = None
        assert self.heading is not None
        self.heading.setText(f"Company: {profile.name}" if profile else "")
        _set(self.about, profile.description if profile else "")
        self._fill_h1b(profile.h1b if profile else None)
        self._fill_funding(profile.funding if profile else None)
        source = profile.data_source if profile else ""
        _set(self.data_source, f"Company data: {source}" if source else "")
        return profile is not None

    def _fill_h1b(self, h1b: H1b | None) -> None:
        shown = h1b is not None and bool(h1b.note or h1b.by_year)
        _gap_shown(self.h1b_gap, shown)
        self.h1b_heading.setVisible(shown)
        years = h1b.by_year if h1b is not None and shown else ()
        self.chart.set_years(years)
        self.chart.setObjectName("detail-h1b-chart" if years else "")
        self.chart.setVisible(bool(years))
        _set(self.h1b_note, (h1b.note or "") if h1b is not None and shown else "")

    def _fill_funding(self, funding: Funding | None) -> None:
        _gap_shown(self.funding_gap, funding is not None)
        self.funding_heading.setVisible(funding is not None)
        facts = []
        if funding is not None:
            facts = [
                (key, value)
                for key, value in (
                    ("Stage", funding.stage),
                    ("Total funding", funding.total),
                    ("Key investors", ", ".join(funding.investors)),
                )
                if value
            ]
        self.funding_facts.show_pairs(facts)
        self.rounds.show_rounds(funding.rounds if funding is not None else ())
        self.body.invalidate()  # the gaps' sizes changed


class FundingRounds(QWidget):
    """Date, round, amount: a heading row and one row per round."""

    def __init__(self) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 4, 0, 0)
        self._grid.setHorizontalSpacing(16)
        for column, heading in enumerate(("Date", "Round", "Amount")):
            self._grid.addWidget(pane_label(heading, bold=True, selectable=False), 0, column)
        self._grid.setColumnStretch(2, 1)
        self._rows = Rows(self._make, self._fill)
        self.hide()

    def show_rounds(self, rounds: tuple[FundingRound, ...]) -> None:
        self._rows.show(rounds)
        self.setObjectName("detail-funding-rounds" if rounds else "")
        self.setVisible(bool(rounds))

    def _make(self, row: int) -> Row:
        cells = tuple(pane_label("") for _ in range(3))
        for column, cell in enumerate(cells):
            self._grid.addWidget(cell, row + 1, column)
        return cells

    @staticmethod
    def _fill(row: Row, entry: FundingRound) -> None:
        for cell, value in zip(row, (entry.date, entry.type, entry.amount), strict=True):
            assert isinstance(cell, QLabel)
            cell.setText(value or "—")
            cell.show()


class NewsSection(Section):
    """Each item's date and headline (a link when it has one); hidden with no news."""

    def __init__(self) -> None:
        super().__init__("news", "Recent news")
        self._rows = Rows(self._make, self._fill)

    def fill(self, doc: PostingDocument) -> bool:
        profile = doc.company_profile
        news = profile.news if profile is not None else ()
        self._rows.show(news)
        return bool(news)

    def _make(self, _row: int) -> Row:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(self.body.spacing())  # as a row laid out in the section's own layout
        date = pane_label("", muted=True)
        headline = link_label("")
        line.addWidget(date)
        line.addWidget(headline, 1)
        self.body.addWidget(row)
        return row, date, headline

    @staticmethod
    def _fill(row: Row, item: NewsItem) -> None:
        box, date, headline = row
        assert isinstance(date, QLabel) and isinstance(headline, QLabel)
        _set(date, _news_date(item.date) if item.date else "")
        text = item.title or ("Read the article" if item.url else "(no headline)")
        if item.url:
            headline.setProperty(SELECTABLE, False)
            set_link(headline, item.url, text)
        else:  # the posting's words, selectable as the pane's other labels
            set_link(headline, "", text)
            headline.setProperty(SELECTABLE, True)
        headline.show()
        box.show()


def _set(label: QLabel, text: str) -> None:
    """A label with text shows it; one without is hidden."""
    label.setText(text)
    label.setVisible(bool(text))


def _gap() -> QSpacerItem:
    return QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)


def _gap_shown(gap: QSpacerItem, shown: bool) -> None:
    # A spacer takes no layout spacing around it: shown, it adds GAP as addSpacing did.
    gap.changeSize(0, GAP if shown else 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)


def _news_date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d %b %Y")
    except ValueError:
        return iso
