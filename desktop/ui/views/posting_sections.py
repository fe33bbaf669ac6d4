"""The detail pane's page and the posting's own sections, made once and filled again for every
posting (imported with the first posting shown, after the window's first paint).

Each has ``fill(doc) -> bool``: it shows what it was given and says whether it has anything to
show (the pane hides it when not). A hidden section or row keeps no text of the posting before.
All text from the posting goes into labels as plain text; the only markup is the links that
``links`` builds (escaped, https/mailto only, opened after a click).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

from desktop.core.display import day_and_time, deadline_display, posted_display, salary_display
from desktop.ui.views.chips import ChipsView
from desktop.ui.views.company_sections import CompanySection, NewsSection
from desktop.ui.views.detail_pane import SECTION_ORDER, page_look
from desktop.ui.views.links import link_label, open_in_browser, set_link, web_address
from desktop.ui.views.reapply_note import ReapplyNote
from desktop.ui.views.sections import (
    BulletList,
    KeyValues,
    Page,
    Row,
    Rows,
    Section,
    pane_label,
)

if TYPE_CHECKING:
    from desktop.core.labels import Label
    from desktop.core.pipeline import TimelineEntry
    from desktop.core.posting import PostingDocument
    from desktop.services.reapply import ReapplyWarning


class HeaderSection(Section):
    def __init__(self) -> None:
        super().__init__("header", None)
        self.title = pane_label("", point_delta=5, bold=True)
        self.title.setObjectName("detail-title")
        self.company = pane_label("", point_delta=2)
        self.company.setObjectName("detail-company")
        self.facts = KeyValues()
        self.source = pane_label("Source", muted=True, selectable=False)
        self.link = link_label("")
        self.link.setObjectName("detail-source-link")
        self.browse = QToolButton()
        self.browse.setText("Open posting in browser")
        self.browse.setAutoRaise(True)
        self.browse.clicked.connect(lambda: open_in_browser(self._url))
        self._url: str | None = None
        row = QHBoxLayout()
        row.addWidget(self.source)
        row.addWidget(self.link, 1)
        row.addWidget(self.browse, 0, Qt.AlignmentFlag.AlignTop)
        for widget in (self.title, self.company, self.facts):
            self.body.addWidget(widget)
        self.body.addLayout(row)

    def fill(self, doc: PostingDocument) -> bool:
        self.title.setText(doc.title or "")
        self.company.setText(doc.company or "")
        self.company.setVisible(bool(doc.company))
        facts = [
            (key, value)
            for key, value in (
                ("Location", doc.location),
                ("Work model", doc.work_model),
                ("Employment", doc.employment_type),
                ("Salary", salary_display(doc.salary) or None),
                ("Posted", posted_display(doc.posted_at, doc.posted_text) or None),
                ("Apply by", deadline_display(doc.valid_through) or None),
            )
            if value
        ]
        self.facts.show_pairs(facts)
        self._url = doc.url
        set_link(self.link, doc.url or "")
        self.source.setVisible(bool(doc.url))
        self.link.setVisible(bool(doc.url))
        browsable = web_address(doc.url) is not None
        self.browse.setObjectName("detail-open-in-browser" if browsable else "")
        self.browse.setVisible(browsable)
        return True


class ReapplySection(Section):
    def __init__(self) -> None:
        super().__init__("reapply", None)
        self.note = ReapplyNote()
        self.body.addWidget(self.note)

    def fill(self, repeat: ReapplyWarning | None) -> bool:
        self.note.show_warning(repeat)
        return repeat is not None


class ApplicationSection(Section):
    """The application's labels and its timeline (stage changes and interview rounds)."""

    def __init__(self, change_date: Callable[[TimelineEntry], None]) -> None:
        super().__init__("application", "Application")
        self.chips = ChipsView(prefix="Labels")
        self.body.addWidget(self.chips)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(12)
        self._grid.setColumnStretch(1, 1)
        self.body.addLayout(self._grid)
        self._change_date = change_date
        self._entries: list[TimelineEntry] = []
        self._latest = -1
        self._rows = Rows(self._make, self._fill)

    def fill(self, timeline: tuple[TimelineEntry, ...], labels: tuple[Label, ...]) -> bool:
        self.show_labels(labels)
        self._entries = list(timeline)
        stages = [row for row, entry in enumerate(timeline) if entry.kind == "stage"]
        self._latest = stages[-1] if stages else -1
        self._rows.show([(row, entry) for row, entry in enumerate(timeline)])
        return bool(timeline or labels)

    def show_labels(self, labels: tuple[Label, ...]) -> None:
        self.chips.set_chips(
            tuple(label.name for label in labels), tuple(label.color for label in labels)
        )
        self.chips.setObjectName("application-labels" if labels else "")
        self.chips.setVisible(bool(labels))

    def _make(self, row: int) -> Row:
        when = pane_label("", muted=True, selectable=False)
        stage = pane_label("")
        change = QToolButton()
        change.setText("Change date…")
        change.setAutoRaise(True)
        change.clicked.connect(lambda _checked=False, r=row: self._change_date(self._entries[r]))
        self._grid.addWidget(when, row, 0)
        self._grid.addWidget(stage, row, 1)
        self._grid.addWidget(change, row, 2)
        return when, stage, change

    def _fill(self, widgets: Row, row_entry: tuple[int, TimelineEntry]) -> None:
        when, stage, change = widgets
        row, entry = row_entry
        assert isinstance(when, QLabel) and isinstance(stage, QLabel)
        when.setText(day_and_time(entry.at))
        stage.setText(entry.stage)
        italic = entry.kind != "stage"  # an interview round: changed from the agenda
        bold = row == self._latest
        if stage.font().bold() != bold or stage.font().italic() != italic:
            font = QFont(stage.font())
            font.setBold(bold)
            font.setItalic(italic)
            stage.setFont(font)
        stage.setObjectName(f"timeline-{entry.kind}-{entry.id}" if italic else "")
        change.setObjectName("" if italic else f"change-date-{entry.id}")
        when.show()
        stage.show()
        change.setVisible(not italic)


class TextSection(Section):
    """One label of the posting's words (the summary)."""

    def __init__(self, name: str, title: str) -> None:
        super().__init__(name, title)
        self.text = pane_label("")
        self.body.addWidget(self.text)

    def fill(self, text: str | None) -> bool:
        self.text.setText(text or "")
        return bool(text)


class IndustriesSection(Section):
    def __init__(self) -> None:
        super().__init__("industries", None)
        self.chips = ChipsView()
        self.chips.setObjectName("detail-industries")
        self.body.addWidget(self.chips)

    def fill(self, industries: tuple[str, ...]) -> bool:
        self.chips.set_chips(industries)
        return bool(industries)


class BulletSection(Section):
    """A titled list: the responsibilities, the benefits."""

    def __init__(self, name: str, title: str) -> None:
        super().__init__(name, title)
        self.items = BulletList()
        self.body.addWidget(self.items)

    def fill(self, items: tuple[str, ...]) -> bool:
        self.items.show_items(items)
        return bool(items)


class QualificationsSection(Section):
    def __init__(self) -> None:
        super().__init__("qualifications", "Qualifications")
        self.parts: list[tuple[QLabel, BulletList]] = []
        for heading in ("Required", "Preferred"):
            label = pane_label(heading, bold=True, selectable=False)
            items = BulletList()
            self.body.addWidget(label)
            self.body.addWidget(items)
            self.parts.append((label, items))

    def fill(self, required: tuple[str, ...], preferred: tuple[str, ...]) -> bool:
        for (label, items), values in zip(self.parts, (required, preferred), strict=True):
            items.show_items(values)
            label.setVisible(bool(values))
            items.setVisible(bool(values))
        return bool(required or preferred)


class DescriptionSection(Section):
    """The whole description, folded: it repeats the sections above."""

    def __init__(self) -> None:
        super().__init__("description", "Full description")
        self.text = pane_label("")
        self.text.setObjectName("detail-description")
        self.text.hide()
        self.toggle = QToolButton()
        self.toggle.setObjectName("detail-description-toggle")
        self.toggle.setText("Show")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._show_or_hide)
        self.body.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.text)
        self._description = ""

    def fill(self, description: str | None) -> bool:
        self._description = description or ""
        self.text.setText("")
        self.toggle.setChecked(False)  # every posting's description starts folded
        return bool(description)

    def _show_or_hide(self, shown: bool) -> None:
        # The text goes in when first shown: laying out a long description nobody unfolded
        # made every posting slower to show.
        if shown and not self.text.text():
            self.text.setText(self._description)
        self.text.setVisible(shown)
        self.toggle.setText("Hide" if shown else "Show")


class PostingPage(Page):
    """The sections in order, made once; ``fill`` shows one posting in them."""

    def __init__(self, change_date: Callable[[TimelineEntry], None]) -> None:
        super().__init__()
        page_look(self)
        self.header = HeaderSection()
        self.reapply = ReapplySection()
        self.application = ApplicationSection(change_date)
        self.summary = TextSection("summary", "Summary")
        self.industries = IndustriesSection()
        self.responsibilities = BulletSection("responsibilities", "Responsibilities")
        self.qualifications = QualificationsSection()
        self.benefits = BulletSection("benefits", "Benefits")
        self.company = CompanySection()
        self.news = NewsSection()
        self.description = DescriptionSection()
        self.sections: dict[str, Section] = {name: getattr(self, name) for name in SECTION_ORDER}
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        for name in SECTION_ORDER:
            layout.addWidget(self.sections[name])
        layout.addStretch(1)
        self.follow_pointer()

    def shows(self, name: str) -> bool:
        return not self.sections[name].isHidden()

    def fill(
        self,
        doc: PostingDocument,
        timeline: tuple[TimelineEntry, ...],
        repeat: ReapplyWarning | None,
        labels: tuple[Label, ...],
    ) -> None:
        quals = doc.qualifications
        structured = bool(doc.responsibilities or quals.required or quals.preferred or doc.benefits)
        # With nothing structured to show, the description is the summary; otherwise it has a
        # section of its own at the end, folded, since it repeats the sections above.
        summary = doc.summary or (None if structured else doc.description)
        shown = {
            "header": self.header.fill(doc),
            "reapply": self.reapply.fill(repeat),
            "application": self.application.fill(timeline, labels),
            "summary": self.summary.fill(summary),
            "industries": self.industries.fill(doc.industries),
            "responsibilities": self.responsibilities.fill(doc.responsibilities),
            "qualifications": self.qualifications.fill(quals.required, quals.preferred),
            "benefits": self.benefits.fill(doc.benefits),
            "company": self.company.fill(doc),
            "news": self.news.fill(doc),
            "description": self.description.fill(
                doc.description if doc.summary or structured else None
            ),
        }
        for name, visible in shown.items():
            self.sections[name].setVisible(visible)

    def show_labels(self, labels: tuple[Label, ...], timeline: tuple[TimelineEntry, ...]) -> None:
        self.application.show_labels(labels)
        self.application.setVisible(bool(labels or timeline))
