"""A job's link in the window: pasted, dropped or typed into File > Import from link; fetched
off the UI thread with Cancel; failures that keep the link; a link already saved; refresh.

Every response comes from a local server (tests/link_server.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.core.document import to_json
from desktop.services import importing, pipeline, postings, web_client
from desktop.services.library import Library
from desktop.ui.dialogs.import_preview import ImportPreview
from desktop.ui.dialogs.link_import import LinkImportDialog
from desktop.ui.dialogs.refresh_posting import RefreshDialog
from desktop.ui.main_window import MainWindow
from tests.link_server import RECORDED, LocalWeb, web_fixture  # noqa: F401
from tests.ui.test_import_flow import _drop

AT = datetime(2026, 11, 30, tzinfo=UTC)


def _flow(window: MainWindow):
    return window.parts.posting_commands.imports


def _dialog(window: MainWindow) -> LinkImportDialog:
    dialog = _flow(window).link_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _paste_link(qtbot: QtBot, window: MainWindow, text: str) -> ImportPreview:
    QGuiApplication.clipboard().setText(text)
    with qtbot.waitSignal(_flow(window).preview_opened, timeout=20_000) as opened:
        window.action("posting.paste").trigger()
    return opened.args[0]


def _wait_idle(qtbot: QtBot, dialog: LinkImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_fetching(), timeout=20_000)


def _comparable(doc) -> dict:
    return to_json(replace(doc, captured_at=AT, url=None))


def test_a_pasted_link_previews_what_its_file_would_and_saves_it(
    qtbot: QtBot, make_window, db: Library, web: LocalWeb
) -> None:
    window = make_window()
    link = web.recorded("/jobs/gardener", "jobposting-page.html", "text/html")
    preview = _paste_link(qtbot, window, link + "?utm_source=board")
    assert preview.heading.text() == f"from {link}?utm_source=board"
    assert preview.remaining() == 1
    draft = preview.current
    (as_file,) = importing.read_documents(
        (RECORDED / "jobposting-page.html").read_bytes(), "page.html", captured_at=AT
    )
    assert _comparable(draft.document) == _comparable(as_file.document)
    with qtbot.waitSignal(window.changes_applied):
        preview.save_button.click()
    (row,) = postings.list_postings(db)
    saved = postings.get_posting(db, row.id)
    assert saved.url == "https://careers.fernhollow.example/jobs/greenhouse-gardener"
    assert saved.raw == (RECORDED / "jobposting-page.html").read_text(encoding="utf-8")
    assert window.selected_id() == row.id


def test_a_link_dropped_from_a_browser_is_fetched(qtbot: QtBot, make_window, web: LocalWeb) -> None:
    window = make_window()
    link = web.recorded("/bike-mechanic", "plain-page.html", "text/html")
    mime = QMimeData()
    mime.setUrls([QUrl(link)])
    mime.setText(link)
    assert window.parts.posting_commands.accepts(mime)
    with qtbot.waitSignal(_flow(window).preview_opened, timeout=20_000) as opened:
        _drop(window, mime)
    assert opened.args[0].current.document.title == "Bike Mechanic"


def test_several_links_fill_one_preview_and_failures_keep_their_links(
    qtbot: QtBot, make_window, db: Library, web: LocalWeb
) -> None:
    window = make_window()
    good = web.recorded("/jobs/gardener", "jobposting-page.html", "text/html")
    other = web.recorded("/bike-mechanic", "plain-page.html", "text/html")
    gone = web.url("/jobs/closed")
    window.action("posting.import_link").trigger()
    dialog = _dialog(window)
    assert dialog.links.toPlainText() == ""
    dialog.links.setPlainText(f"{good}\n{gone}\n{other}")
    with qtbot.waitSignal(_flow(window).preview_opened, timeout=20_000) as opened:
        dialog.fetch_button.click()
    preview = opened.args[0]
    assert [d.document.title for d in preview._queue] == ["Greenhouse Gardener", "Bike Mechanic"]
    # The dialog stays behind the preview with what went wrong and the link to retry.
    assert dialog.isVisible()
    assert dialog.links.toPlainText() == gone
    assert f"{gone}: not found (HTTP 404)" in dialog.status.text()
    assert postings.count_postings(db) == 0


def test_cancel_stops_waiting_at_once_and_keeps_the_link(
    qtbot: QtBot, make_window, db: Library, web: LocalWeb
) -> None:
    window = make_window()
    slow = web.add("/slow", "<html><body><h1>Late</h1></body></html>", delay=10)
    QGuiApplication.clipboard().setText(slow)
    window.action("posting.paste").trigger()
    dialog = _dialog(window)
    assert dialog.is_fetching() and not dialog.fetch_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.progress.isVisible())
    assert dialog.progress_label.text() == f"Fetching {slow}"
    assert dialog.close_button.text() == "Cancel"
    dialog.close_button.click()
    assert not dialog.is_fetching() and dialog.progress.isHidden()
    assert dialog.progress_label.isHidden()
    assert "Stopped" in dialog.status.text()
    assert dialog.links.toPlainText() == slow
    assert dialog.close_button.text() == "Close" and dialog.fetch_button.isEnabled()
    web.release.set()  # the server answers now; the cancelled fetch's result is ignored
    for thread in dialog.threads:
        thread.join(15)
    qtbot.wait(50)
    assert _flow(window).preview is None and postings.count_postings(db) == 0


def test_a_login_wall_says_what_to_paste_and_keeps_the_link(
    qtbot: QtBot, make_window, db: Library, web: LocalWeb, monkeypatch
) -> None:
    window = make_window()
    web.add("/jobs/view/77", "<html><body>denied</body></html>", status=999)
    link = web.url("/jobs/view/77", host="www.linkedin.com")
    QGuiApplication.clipboard().setText(link)
    window.action("posting.paste").trigger()
    dialog = _dialog(window)
    _wait_idle(qtbot, dialog)
    assert "LinkedIn shows this job only to signed-in visitors" in dialog.status.text()
    assert "“About the job”" in dialog.status.text()
    assert dialog.links.toPlainText() == link
    assert _flow(window).preview is None and postings.count_postings(db) == 0

    # Timed out, then the site answers: the kept link is fetched again with one click.
    monkeypatch.setattr(web_client, "TIMEOUT_S", 0.5)
    page = web.url("/later")
    web.add("/later", "<html><body><h1>Late</h1></body></html>", delay=3)
    dialog.set_links([page])
    dialog.fetch_button.click()
    _wait_idle(qtbot, dialog)
    assert "timed out" in dialog.status.text()
    web.recorded("/later", "plain-page.html", "text/html")
    monkeypatch.setattr(web_client, "TIMEOUT_S", 10.0)
    with qtbot.waitSignal(_flow(window).preview_opened, timeout=20_000):
        dialog.fetch_button.click()


def test_a_link_already_saved_offers_to_open_it_without_fetching(
    qtbot: QtBot, make_window, db: Library, web: LocalWeb
) -> None:
    link = web.recorded("/bike-mechanic", "plain-page.html", "text/html")
    first = postings.create_posting(db, postings_doc(link)).value
    other = postings.create_posting(db, postings_doc(web.url("/other"), "Other job")).value
    window = make_window()
    window.select(other)
    web.asked.clear()
    QGuiApplication.clipboard().setText(link + "?utm_source=mail")
    window.action("posting.paste").trigger()
    dialog = _dialog(window)
    _wait_idle(qtbot, dialog)
    assert web.asked == []
    assert f"already saved as “Bike Mechanic” at Spokewright Cycles (#{first})" in (
        dialog.status.text()
    )
    assert dialog.open_saved.isVisible() and dialog.refresh.isVisible()
    dialog.open_saved.click()
    assert window.selected_id() == first
    assert not dialog.isVisible()


def postings_doc(url: str, title: str = "Bike Mechanic"):
    from desktop.core.posting import PostingDocument

    return PostingDocument(
        title=title,
        company="Spokewright Cycles",
        url=url,
        description="Fix bikes.",
        captured_at=AT,
    )


def test_refresh_updates_only_the_fields_picked_and_keeps_the_stage(
    qtbot: QtBot, make_window, db: Library, web: LocalWeb
) -> None:
    link = web.recorded("/bike-mechanic", "plain-page.html", "text/html")
    # Saved earlier and edited by the user: their own title, no responsibilities yet.
    posting_id = postings.create_posting(db, postings_doc(link, "Bike mechanic (my title)")).value
    window = make_window()
    QGuiApplication.clipboard().setText(link)
    window.action("posting.paste").trigger()
    dialog = _dialog(window)
    _wait_idle(qtbot, dialog)
    with qtbot.waitSignal(_flow(window).refresh_wanted, timeout=20_000):
        dialog.refresh.click()
    refresh = window.parts.posting_commands.refresh_dialog
    assert isinstance(refresh, RefreshDialog)
    assert refresh.boxes["title"].isChecked() is False  # the user's edit stays unless picked
    assert refresh.boxes["responsibilities"].isChecked() is True  # empty when saved
    stage_before = pipeline.application(db, posting_id).timeline
    with qtbot.waitSignal(window.changes_applied):
        refresh.update_button.click()
    after = postings.get_posting(db, posting_id)
    assert after.title == "Bike mechanic (my title)"
    assert "Service and repair customer bikes" in after.responsibilities
    assert pipeline.application(db, posting_id).timeline == stage_before
    # Undo puts the posting back as it was.
    window.action("window.undo").trigger()
    qtbot.waitUntil(lambda: postings.get_posting(db, posting_id).responsibilities == ())
