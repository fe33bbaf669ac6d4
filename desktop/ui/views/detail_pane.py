"""Every part of the selected posting, section by section; a section with no data is not shown.

All text from the posting goes into labels as plain text. The only markup is the links this
module builds itself (escaped, https/mailto only, opened after a click).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.display import (
    day_and_time,
    deadline_display,
    posted_display,
    salary_display,
)
from desktop.core.labels import Label
from desktop.core.pipeline import TimelineEntry
from desktop.services.reapply import ReapplyWarning
from desktop.ui.views.chips import ChipsView
from desktop.ui.views.company_sections import company_section, news_section
from desktop.ui.views.links import link_label, open_in_browser, web_address
from desktop.ui.views.reapply_note import ReapplyNote
from desktop.ui.views.sections import Page, Section, bullet_list, key_values, pane_label

if TYPE_CHECKING:  # the posting's types load with the first posting shown, after the paint
    from desktop.core.posting import PostingDocument


SECTION_ORDER = (
    "header",
    "reapply",
    "application",
    "summary",
    "industries",
    "responsibilities",
    "qualifications",
    "benefits",
    "company",
    "news",
    "description",
)


class DetailPane(QScrollArea):
    """Shows one posting document. ``show_posting(None)`` shows the placeholder."""

    change_date_requested = Signal(int, str, object)  # stage change id, stage, its time

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail-pane")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(340)
        self.posting_id: int | None = None
        self._timeline: tuple[TimelineEntry, ...] = ()
        self._repeat: ReapplyWarning | None = None
        self._labels: tuple[Label, ...] = ()
        self._sections: dict[str, Section] = {}
        # The posting to build a page for once the pane is shown (it is behind another tab).
        self._waiting: tuple[PostingDocument | None] | None = None
        self._doc: PostingDocument | None = None
        self.show_posting(None)

    # -- what tests and the window use --------------------------------------------------------

    def visible_sections(self) -> list[str]:
        self._catch_up()
        return list(self._sections)

    def section(self, name: str) -> Section | None:
        self._catch_up()
        return self._sections.get(name)

    def show_blank(self) -> None:
        """An empty page, for the moment between the first paint and the posting's arrival."""
        self.posting_id = None
        self._timeline = ()
        self._labels = ()
        self._sections = {}
        self._waiting = None
        self._doc = None
        self._set_page(self._new_page())

    def show_posting(
        self,
        doc: PostingDocument | None,
        timeline: Sequence[TimelineEntry] = (),
        repeat: ReapplyWarning | None = None,
        labels: Sequence[Label] = (),
    ) -> None:
        """``repeat``: the other applications at the posting's employer, if any; ``labels``:
        the application's labels (shown with its timeline)."""
        self.posting_id = doc.id if doc else None
        self._timeline = tuple(timeline)
        self._labels = tuple(labels)
        self._repeat = repeat
        self._doc = doc
        if self._behind_another_tab():
            # Clicking through postings with the notes (or another tab of the side) open builds
            # no page nobody sees: it is built when this tab is shown.
            self._waiting = (doc,)
            return
        self._build(doc)

    def show_labels(self, labels: Sequence[Label]) -> None:
        """The application's labels changed and nothing else: its chips change in place (the
        page, its scroll position and a selection in it stay)."""
        self._labels = tuple(labels)
        if self._waiting is not None or self._doc is None:
            return  # the page is built with them when shown
        section = self._sections.get("application")
        chips = section.findChild(ChipsView, "application-labels") if section else None
        if chips is None and self._labels and section is not None:
            chips = self._new_chips()
            section.body.insertWidget(1, chips)  # below the section's title
        if chips is not None:
            self._fill_chips(chips)
            chips.setVisible(bool(self._labels))
        elif self._labels:
            self._build(self._doc)  # no Application section yet: it comes with them

    @staticmethod
    def _new_chips() -> ChipsView:
        chips = ChipsView(prefix="Labels")
        chips.setObjectName("application-labels")
        return chips

    def _fill_chips(self, chips: ChipsView) -> ChipsView:
        chips.set_chips(
            tuple(label.name for label in self._labels),
            tuple(label.color for label in self._labels),
        )
        return chips

    def _behind_another_tab(self) -> bool:
        stack = self.parentWidget()
        return isinstance(stack, QStackedWidget) and stack.currentWidget() is not self

    def _catch_up(self) -> None:
        if self._waiting is not None:
            (doc,) = self._waiting
            self._build(doc)

    def showEvent(self, event: QShowEvent) -> None:
        self._catch_up()
        super().showEvent(event)

    def _build(self, doc: PostingDocument | None) -> None:
        self._waiting = None
        content = self._new_page()
        layout = content.layout()
        assert isinstance(layout, QVBoxLayout)
        self._sections = {}
        if doc is None:
            hint = pane_label(
                "Select a posting to see all of it here.", muted=True, selectable=False
            )
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addStretch(1)
            layout.addWidget(hint)
            layout.addStretch(2)
        else:
            for name in SECTION_ORDER:
                section = getattr(self, f"_build_{name}")(doc)
                if section is not None:
                    self._sections[name] = section
                    layout.addWidget(section)
            layout.addStretch(1)
        content.follow_pointer()
        self._set_page(content)

    @staticmethod
    def _new_page() -> Page:
        content = Page()
        content.setObjectName("detail-content")
        content.setBackgroundRole(QPalette.ColorRole.Base)  # reads like a page, in light and dark
        content.setAutoFillBackground(True)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 18)
        layout.setSpacing(8)
        return content

    def _set_page(self, content: QWidget) -> None:
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(content)

    # -- the sections, in the order they appear -----------------------------------------------

    def _build_header(self, doc: PostingDocument) -> Section:
        section = Section("header", None)
        title = pane_label(doc.title or "", point_delta=5, bold=True)
        title.setObjectName("detail-title")
        section.body.addWidget(title)
        if doc.company:
            company = pane_label(doc.company, point_delta=2)
            company.setObjectName("detail-company")
            section.body.addWidget(company)
        facts: list[tuple[str, str]] = []
        for key, value in (
            ("Location", doc.location),
            ("Work model", doc.work_model),
            ("Employment", doc.employment_type),
            ("Salary", salary_display(doc.salary) or None),
            ("Posted", posted_display(doc.posted_at, doc.posted_text) or None),
            ("Apply by", deadline_display(doc.valid_through) or None),
        ):
            if value:
                facts.append((key, value))
        if facts:
            section.body.addWidget(key_values(facts))
        if doc.url:
            row = QHBoxLayout()
            row.addWidget(pane_label("Source", muted=True, selectable=False))
            link = link_label(doc.url)
            link.setObjectName("detail-source-link")
            row.addWidget(link, 1)
            if web_address(doc.url) is not None:
                url = doc.url
                browse = QToolButton()
                browse.setText("Open posting in browser")
                browse.setObjectName("detail-open-in-browser")
                browse.setAutoRaise(True)
                browse.clicked.connect(lambda: open_in_browser(url))
                row.addWidget(browse, 0, Qt.AlignmentFlag.AlignTop)
            section.body.addLayout(row)
        return section

    def _build_reapply(self, doc: PostingDocument) -> Section | None:
        if self._repeat is None:
            return None
        section = Section("reapply", None)
        note = ReapplyNote()
        note.show_warning(self._repeat)
        section.body.addWidget(note)
        return section

    def _build_application(self, doc: PostingDocument) -> Section | None:
        if not self._timeline and not self._labels:
            return None
        section = Section("application", "Application")
        if self._labels:
            section.body.addWidget(self._fill_chips(self._new_chips()))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        stages = [row for row, entry in enumerate(self._timeline) if entry.kind == "stage"]
        latest = stages[-1] if stages else -1
        for row, entry in enumerate(self._timeline):
            when = day_and_time(entry.at)
            stage = pane_label(entry.stage, bold=row == latest)
            grid.addWidget(pane_label(when, muted=True, selectable=False), row, 0)
            grid.addWidget(stage, row, 1)
            if entry.kind != "stage":  # an interview round: changed from the agenda
                font = stage.font()
                font.setItalic(True)
                stage.setFont(font)
                stage.setObjectName(f"timeline-{entry.kind}-{entry.id}")
                continue
            change = QToolButton()
            change.setText("Change date…")
            change.setAutoRaise(True)
            change.setObjectName(f"change-date-{entry.id}")
            change.clicked.connect(
                lambda _checked=False, e=entry: self.change_date_requested.emit(e.id, e.stage, e.at)
            )
            grid.addWidget(change, row, 2)
        section.body.addLayout(grid)
        return section

    def _build_summary(self, doc: PostingDocument) -> Section | None:
        # With nothing structured to show, the description is the summary; otherwise it has a
        # section of its own at the end, folded, since it repeats the sections above.
        text = doc.summary or (None if _has_structure(doc) else doc.description)
        if not text:
            return None
        section = Section("summary", "Summary")
        section.body.addWidget(pane_label(text))
        return section

    def _build_description(self, doc: PostingDocument) -> Section | None:
        if not doc.description or not (doc.summary or _has_structure(doc)):
            return None
        section = Section("description", "Full description")
        text = pane_label("")
        text.setObjectName("detail-description")
        text.hide()
        description = doc.description
        toggle = QToolButton()
        toggle.setObjectName("detail-description-toggle")
        toggle.setText("Show")
        toggle.setCheckable(True)

        def show_or_hide(shown: bool) -> None:
            # The text goes in when first shown: laying out a long description nobody unfolded
            # made every posting slower to show.
            if shown and not text.text():
                text.setText(description)
            text.setVisible(shown)
            toggle.setText("Hide" if shown else "Show")

        toggle.toggled.connect(show_or_hide)
        section.body.addWidget(toggle, 0, Qt.AlignmentFlag.AlignLeft)
        section.body.addWidget(text)
        return section

    def _build_industries(self, doc: PostingDocument) -> Section | None:
        if not doc.industries:
            return None
        section = Section("industries", None)
        chips = ChipsView()
        chips.setObjectName("detail-industries")
        chips.set_chips(doc.industries)
        section.body.addWidget(chips)
        return section

    def _build_responsibilities(self, doc: PostingDocument) -> Section | None:
        if not doc.responsibilities:
            return None
        section = Section("responsibilities", "Responsibilities")
        section.body.addWidget(bullet_list(doc.responsibilities))
        return section

    def _build_qualifications(self, doc: PostingDocument) -> Section | None:
        quals = doc.qualifications
        if not (quals.required or quals.preferred):
            return None
        section = Section("qualifications", "Qualifications")
        for heading, items in (("Required", quals.required), ("Preferred", quals.preferred)):
            if items:
                section.body.addWidget(pane_label(heading, bold=True, selectable=False))
                section.body.addWidget(bullet_list(items))
        return section

    def _build_benefits(self, doc: PostingDocument) -> Section | None:
        if not doc.benefits:
            return None
        section = Section("benefits", "Benefits")
        section.body.addWidget(bullet_list(doc.benefits))
        return section

    def _build_company(self, doc: PostingDocument) -> Section | None:
        return company_section(doc)

    def _build_news(self, doc: PostingDocument) -> Section | None:
        return news_section(doc)


def _has_structure(doc: PostingDocument) -> bool:
    quals = doc.qualifications
    return bool(doc.responsibilities or quals.required or quals.preferred or doc.benefits)
