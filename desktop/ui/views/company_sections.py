"""The employer's part of the detail pane: what the board showed beside the posting (about the
company, H-1B sponsorship by year, funding and its rounds) and its recent news.

Plain-text labels only, as in the rest of the pane; the news links are built by ``links``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from desktop.ui.views.h1b_chart import H1bChart
from desktop.ui.views.links import link_label
from desktop.ui.views.sections import Section, key_values, pane_label

if TYPE_CHECKING:
    from desktop.core.posting import CompanyProfile, Funding, PostingDocument


def company_section(doc: PostingDocument) -> Section | None:
    """The "company" section (about, H-1B, funding, data source), or None when nothing is known
    of the employer beyond its name."""
    profile = doc.company_profile
    if profile is None:
        return None
    parts = [profile.description, profile.h1b, profile.funding, profile.data_source]
    if not any(parts):
        return None
    section = Section("company", f"Company: {profile.name}")
    if profile.description:
        section.body.addWidget(pane_label(profile.description))
    _add_h1b(section, profile)
    if profile.funding is not None:
        _add_funding(section, profile.funding)
    if profile.data_source:
        section.body.addWidget(pane_label(f"Company data: {profile.data_source}", muted=True))
    return section


def _add_h1b(section: Section, profile: CompanyProfile) -> None:
    h1b = profile.h1b
    if h1b is None or not (h1b.note or h1b.by_year):
        return
    section.body.addSpacing(6)
    section.body.addWidget(pane_label("H1B sponsorship", bold=True, selectable=False))
    if h1b.by_year:
        chart = H1bChart()
        chart.setObjectName("detail-h1b-chart")
        chart.set_years(h1b.by_year)
        section.body.addWidget(chart)
    if h1b.note:
        section.body.addWidget(pane_label(h1b.note, muted=True))


def _add_funding(section: Section, funding: Funding) -> None:
    section.body.addSpacing(6)
    section.body.addWidget(pane_label("Funding", bold=True, selectable=False))
    facts = [
        (key, value)
        for key, value in (
            ("Stage", funding.stage),
            ("Total funding", funding.total),
            ("Key investors", ", ".join(funding.investors)),
        )
        if value
    ]
    if facts:
        section.body.addWidget(key_values(facts))
    if funding.rounds:
        table = QWidget()
        table.setObjectName("detail-funding-rounds")
        grid = QGridLayout(table)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(16)
        for column, heading in enumerate(("Date", "Round", "Amount")):
            grid.addWidget(pane_label(heading, bold=True, selectable=False), 0, column)
        for row, entry in enumerate(funding.rounds, start=1):
            for column, value in enumerate((entry.date, entry.type, entry.amount)):
                grid.addWidget(pane_label(value or "—"), row, column)
        grid.setColumnStretch(2, 1)
        section.body.addWidget(table)


def news_section(doc: PostingDocument) -> Section | None:
    """The "news" section: each item's date and headline (a link when it has one), or None."""
    profile = doc.company_profile
    if profile is None or not profile.news:
        return None
    section = Section("news", "Recent news")
    for item in profile.news:
        row = QHBoxLayout()
        if item.date:
            row.addWidget(pane_label(_news_date(item.date), muted=True))
        headline = item.title or ("Read the article" if item.url else "(no headline)")
        row.addWidget(link_label(item.url, headline) if item.url else pane_label(headline), 1)
        section.body.addLayout(row)
    return section


def _news_date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d %b %Y")
    except ValueError:
        return iso
