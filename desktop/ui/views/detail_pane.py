"""Every part of the selected posting, section by section; a section with no data is not shown.

The page and its sections are made with the first posting shown and filled again for every
posting after it: making and showing some hundred widgets per click was most of the time a
posting took to show (``posting_sections``, ``company_sections``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from desktop.ui.views.sections import Page, Section, pane_label

if TYPE_CHECKING:  # loaded with the first posting shown, after the window's first paint
    from desktop.core.labels import Label
    from desktop.core.pipeline import TimelineEntry
    from desktop.core.posting import PostingDocument
    from desktop.services.reapply import ReapplyWarning
    from desktop.ui.views.posting_sections import PostingPage


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
        # The posting to fill the page with once the pane is shown (it is behind another tab).
        self._waiting: tuple[PostingDocument | None] | None = None
        self._doc: PostingDocument | None = None
        self._posting_page: PostingPage | None = None  # made with the first posting shown
        self.show_posting(None)

    # -- what tests and the window use --------------------------------------------------------

    def visible_sections(self) -> list[str]:
        self._catch_up()
        page = self._shown_posting_page()
        return [name for name in SECTION_ORDER if page.shows(name)] if page else []

    def section(self, name: str) -> Section | None:
        self._catch_up()
        page = self._shown_posting_page()
        return page.sections[name] if page and page.shows(name) else None

    def show_blank(self) -> None:
        """An empty page, for the moment between the first paint and the posting's arrival."""
        self.posting_id = None
        self._timeline = ()
        self._labels = ()
        self._waiting = None
        self._doc = None
        self._set_page(_new_page())

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
            # Clicking through postings with the notes (or another tab of the side) open fills
            # no page nobody sees: it is filled when this tab is shown.
            self._waiting = (doc,)
            return
        self._fill(doc)

    def show_labels(self, labels: Sequence[Label]) -> None:
        """The application's labels changed and nothing else: its chips change in place (the
        page, its scroll position and a selection in it stay)."""
        self._labels = tuple(labels)
        page = self._shown_posting_page()
        if self._waiting is not None or self._doc is None or page is None:
            return  # the page is filled with them when shown
        page.show_labels(self._labels, self._timeline)

    def _behind_another_tab(self) -> bool:
        stack = self.parentWidget()
        return isinstance(stack, QStackedWidget) and stack.currentWidget() is not self

    def _catch_up(self) -> None:
        if self._waiting is not None:
            (doc,) = self._waiting
            self._fill(doc)

    def showEvent(self, event: QShowEvent) -> None:
        self._catch_up()
        super().showEvent(event)

    def _shown_posting_page(self) -> PostingPage | None:
        page = self._posting_page
        return page if page is not None and self.widget() is page else None

    def _fill(self, doc: PostingDocument | None) -> None:
        self._waiting = None
        if doc is None:
            self._set_page(_placeholder())
            return
        page = self._posting_page
        if page is None:
            from desktop.ui.views.posting_sections import PostingPage

            page = self._posting_page = PostingPage(self._change_date)
        page.fill(doc, self._timeline, self._repeat, self._labels)
        if self.widget() is not page:
            self._set_page(page)
        self.verticalScrollBar().setValue(0)  # each posting is read from its top

    def _change_date(self, entry: TimelineEntry) -> None:
        self.change_date_requested.emit(entry.id, entry.stage, entry.at)

    def _set_page(self, content: QWidget) -> None:
        old = self.takeWidget()
        if old is not None and old is not self._posting_page:
            old.deleteLater()  # the posting page is kept, to be filled again
        self.setWidget(content)


def page_look(content: QWidget) -> None:
    content.setObjectName("detail-content")
    content.setBackgroundRole(QPalette.ColorRole.Base)  # reads like a page, in light and dark
    content.setAutoFillBackground(True)
    layout = QVBoxLayout(content)
    layout.setContentsMargins(18, 14, 18, 18)
    layout.setSpacing(8)


def _new_page() -> Page:
    content = Page()
    page_look(content)
    return content


def _placeholder() -> Page:
    content = _new_page()
    layout = content.layout()
    assert isinstance(layout, QVBoxLayout)
    hint = pane_label("Select a posting to see all of it here.", muted=True, selectable=False)
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addStretch(1)
    layout.addWidget(hint)
    layout.addStretch(2)
    content.follow_pointer()
    return content
