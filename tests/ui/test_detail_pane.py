"""The detail pane: every section in order, empty ones hidden, posting text never live HTML."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton
from pytestqt.qtbot import QtBot

from desktop.core.pipeline import TimelineEntry
from desktop.core.posting import CompanyProfile, NewsItem, PostingDocument
from desktop.services.reapply import EarlierApplication, ReapplyWarning
from desktop.ui.views.detail_pane import SECTION_ORDER, DetailPane
from tests.samples import amazon_document


def _texts(pane: DetailPane) -> list[str]:
    return [label.text() for label in pane.findChildren(QLabel)]


def test_the_full_sample_shows_every_section_in_order(qtbot: QtBot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    timeline = [
        TimelineEntry(1, "Saved", "#7c8aa5", datetime(2026, 11, 20, 9, 0, tzinfo=UTC)),
        TimelineEntry(2, "Applied", "#3b82f6", datetime(2026, 11, 21, 9, 0, tzinfo=UTC)),
    ]
    rejected = datetime(2026, 10, 2, 12, 0, tzinfo=UTC)
    earlier = EarlierApplication(
        7, "Data Scientist", "Amazon", "Rejected", True, rejected, rejected
    )
    pane.show_posting(
        amazon_document(id=1, summary="Short summary.", description="The whole text."),
        timeline,
        ReapplyWarning("Amazon", (earlier,), (), "other"),
    )
    assert pane.visible_sections() == list(SECTION_ORDER)
    assert "⚠ Amazon: 1 other application: Rejected 2026-10-02" in _texts(pane)
    description = pane.findChild(QLabel, "detail-description")
    assert description.isHidden()
    pane.findChild(QToolButton, "detail-description-toggle").click()
    assert not description.isHidden()
    assert description.text() == "The whole text."
    with qtbot.waitSignal(pane.change_date_requested) as asked:
        pane.findChild(QToolButton, "change-date-2").click()
    assert asked.args[:2] == [2, "Applied"]
    texts = _texts(pane)
    assert "Kleiner Perkins" in texts
    assert "Post Ipo Debt" in texts and "$8B" in texts
    assert "Required" in texts and "Preferred" in texts
    chart = pane.findChild(object, "detail-h1b-chart")
    assert "2025: 18969" in chart.accessibleName()
    chips = pane.findChild(object, "detail-industries")
    assert chips.chips() == amazon_document().industries


def test_sections_without_data_are_hidden(qtbot: QtBot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_posting(PostingDocument(id=2, title="Only a title", company="Acme"))
    assert pane.visible_sections() == ["header"]


def test_posting_text_is_plain_and_unsafe_links_are_not_links(qtbot: QtBot) -> None:
    hostile = "<img src='https://tracker.example/x.png'><script>alert(1)</script><b>bold</b>"
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_posting(
        PostingDocument(
            id=3,
            title=hostile,
            company="Acme",
            summary=hostile,
            url="javascript:alert(1)",
            company_profile=CompanyProfile(
                name="Acme",
                description="x",
                news=(
                    NewsItem("2025-01-01", "file link", "file:///etc/passwd"),
                    NewsItem("2025-01-02", "<a href='https://x'>y</a>", "https://news.example/a"),
                ),
            ),
        )
    )
    for label in pane.findChildren(QLabel):
        if label.textFormat() != Qt.TextFormat.PlainText:
            # The only rich labels are the links we build: escaped text, https only.
            assert label.text().startswith('<a href="https://news.example/a">')
            assert "&lt;a href=" in label.text()
            assert not label.openExternalLinks()
    assert hostile in _texts(pane)
    assert "javascript:alert(1)" in _texts(pane)


def test_a_description_alone_is_shown_as_the_summary(qtbot: QtBot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_posting(PostingDocument(id=4, title="T", company="C", description="All of it."))
    assert pane.visible_sections() == ["header", "summary"]
    assert "All of it." in _texts(pane)


def test_posted_and_deadline_show_as_dates_not_as_the_sources_stale_age(qtbot: QtBot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    posted = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    pane.show_posting(
        PostingDocument(
            id=3,
            title="Engineer",
            company="Acme",
            posted_text="9 hours ago",
            posted_at=posted,
            valid_through="2027-01-31",
        )
    )
    texts = _texts(pane)
    assert posted.astimezone().strftime("%d %b %Y") in texts
    assert not any("9 hours ago" in text for text in texts)
    assert "31 Jan 2027" in texts


def test_the_postings_words_can_be_selected_where_the_pointer_goes(qtbot: QtBot) -> None:
    """Labels become selectable when the pointer reaches them (cheaper than making all of
    them selectable up front); Jobdeck's own headings never do."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(480, 900)
    pane.show_posting(amazon_document(id=1))
    pane.show()
    qtbot.waitExposed(pane)
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    title = pane.findChild(QLabel, "detail-title")
    requirement = next(
        label
        for label in pane.section("qualifications").findChildren(QLabel)
        if label.text() in amazon_document().qualifications.required
    )
    heading = next(
        label
        for label in pane.section("qualifications").findChildren(QLabel)
        if label.text() == "Required"
    )
    for label in (title, requirement, heading):
        assert not label.textInteractionFlags() & selectable
    for label in (title, requirement, heading):
        pane.ensureWidgetVisible(label)
        QTest.mouseMove(label, QPoint(3, label.height() // 2))
    assert title.textInteractionFlags() & selectable
    assert requirement.textInteractionFlags() & selectable
    assert not heading.textInteractionFlags() & selectable


def test_the_page_is_filled_again_and_keeps_nothing_of_the_posting_before(qtbot: QtBot) -> None:
    """The sections are made once and filled for each posting (making them per click was most
    of its cost): what the posting before showed is neither shown nor left in a hidden label."""
    pane = DetailPane()
    qtbot.addWidget(pane)
    full = amazon_document(id=1, summary="Short summary.", description="The whole text.")
    timeline = [TimelineEntry(1, "Applied", "#3b82f6", datetime(2026, 11, 21, 9, 0, tzinfo=UTC))]
    pane.show_posting(full, timeline)
    page = pane.widget()
    pane.findChild(QToolButton, "detail-description-toggle").click()  # unfolded
    pane.show_posting(PostingDocument(id=2, title="Only a title", company="Acme"))
    assert pane.widget() is page
    assert pane.visible_sections() == ["header"]
    left_over = {full.summary, "The whole text.", *full.responsibilities, *full.benefits}
    assert left_over.isdisjoint(_texts(pane))
    assert pane.findChild(QToolButton, "change-date-1") is None
    assert pane.findChild(QToolButton, "detail-open-in-browser") is None
    pane.show_posting(full)
    assert pane.visible_sections() == [
        name for name in SECTION_ORDER if name not in ("reapply", "application")
    ]
    assert pane.findChild(QLabel, "detail-description").isHidden()  # folded again
    assert set(full.responsibilities) <= set(_texts(pane))


def test_a_posting_with_a_thousand_bullets_does_not_weigh_on_the_next_ones(
    qtbot: QtBot,
) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    many = tuple(f"duty {n}" for n in range(1000))
    pane.show_posting(PostingDocument(id=1, title="T", company="C", responsibilities=many))
    assert len(pane.findChildren(QLabel)) > 2000
    pane.show_posting(PostingDocument(id=2, title="T", company="C", responsibilities=many[:3]))
    qtbot.waitUntil(lambda: len(pane.findChildren(QLabel)) < 150)  # the spare rows let go
    assert [t for t in _texts(pane) if t.startswith("duty")] == ["duty 0", "duty 1", "duty 2"]


def test_the_placeholder_between_two_postings_keeps_the_page_for_the_next(qtbot: QtBot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.show_posting(amazon_document(id=1))
    page = pane.widget()
    pane.show_posting(None)  # the posting deleted: "select a posting"
    assert pane.visible_sections() == []
    assert "Select a posting to see all of it here." in _texts(pane)
    pane.show_posting(PostingDocument(id=2, title="Next", company="Acme"))
    assert pane.widget() is page and page.isVisible()
    assert pane.visible_sections() == ["header"]
    assert pane.findChild(QLabel, "detail-title").text() == "Next"
