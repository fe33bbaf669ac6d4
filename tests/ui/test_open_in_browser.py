"""Open posting in browser: the detail pane, the card's menu and Edit menu open a posting's
http(s) link through the desktop's URL handler, and nothing else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from desktop.core.posting import PostingDocument
from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.views.detail_pane import DetailPane

LINK = "https://jobs.example.test/acme/42"


class Browser(QObject):
    """Stands in for the user's browser: Qt hands it every http(s) URL the app opens."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser() -> Iterator[Browser]:
    handler = Browser()
    for scheme in ("http", "https", "file", "javascript"):
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    yield handler
    for scheme in ("http", "https", "file", "javascript"):
        QDesktopServices.unsetUrlHandler(scheme)


def _posting(db: Library, url: str | None, title: str = "Engineer") -> int:
    return postings.create_posting(
        db, PostingDocument(title=title, company="Acme", url=url, description="Build things.")
    ).value


def test_the_detail_pane_opens_the_posting_in_the_browser(qtbot: QtBot, browser: Browser) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_posting(PostingDocument(id=1, title="T", company="C", url=LINK))
    button = pane.findChild(QToolButton, "detail-open-in-browser")
    assert button is not None and button.text() == "Open posting in browser"
    button.click()
    assert browser.opened == [LINK]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "javascript:alert(1)", "mailto:jobs@example.test", None]
)
def test_no_button_for_a_link_that_is_not_a_web_page(qtbot: QtBot, url: str | None) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_posting(PostingDocument(id=1, title="T", company="C", url=url))
    assert pane.findChild(QToolButton, "detail-open-in-browser") is None


def test_the_cards_menu_and_the_edit_menu_open_it(
    qtbot: QtBot, make_window, db: Library, browser: Browser
) -> None:
    with_link = _posting(db, LINK)
    without = _posting(db, None, "No link")
    window = make_window()
    window.show_page(window.board_page)
    menu = window.board_page.view.card_menu(with_link)
    (action,) = [a for a in menu.actions() if a.text() == "Open posting in browser"]
    action.trigger()
    assert browser.opened == [LINK]

    menu = window.board_page.view.card_menu(without)
    (action,) = [a for a in menu.actions() if a.text() == "Open posting in browser"]
    action.trigger()
    (box,) = [b for b in window.findChildren(QMessageBox, "error-box") if b.isVisible()]
    assert "“No link” has no web link" in box.text()
    box.close()
    assert browser.opened == [LINK]

    window.select(with_link)
    window.action("posting.open_in_browser").trigger()
    assert browser.opened == [LINK, LINK]
