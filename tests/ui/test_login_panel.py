"""The login panel: save, show, copy (then clear), delete, and plain words without a keyring."""

from __future__ import annotations

import pytest
from keyring.backends import fail
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services import logins, pipeline
from desktop.services.library import Library
from desktop.services.postings import create_posting
from desktop.ui.views.login_panel import LoginPanel
from tests.samples import amazon_document
from tests.secrets.memory_keyring import (  # noqa: F401  (fixtures for this module)
    HangingKeyring,
    MemoryKeyring,
    hanging_keyring_fixture,
    install,
    memory_keyring_fixture,
)

PASSWORD = "ui-pa55-omega-0c1d"  # ASCII: QTest.keyClicks asserts on other characters
URL = "https://acme.wd5.myworkdayjobs.com/login"


@pytest.fixture
def posting_id(db: Library) -> int:
    return create_posting(db, amazon_document()).value


@pytest.fixture
def panel(qtbot: QtBot, db: Library, posting_id: int) -> LoginPanel:
    widget = LoginPanel(db, clipboard_clear_ms=100)
    qtbot.addWidget(widget)
    widget.show_posting(posting_id)
    widget.show()
    return widget


def _type_and_save(qtbot: QtBot, panel: LoginPanel, password: str = PASSWORD) -> None:
    panel.url.setText(URL)
    panel.username.setText("me@example.com")
    qtbot.keyClicks(panel.password, password)
    with qtbot.waitSignal(panel.job_finished, check_params_cb=lambda op: op == "save"):
        panel.save_button.click()


def test_nothing_selected_disables_the_form(panel: LoginPanel) -> None:
    panel.show_posting(None)
    assert not panel.save_button.isEnabled()
    assert not panel.password.isEnabled()
    assert panel.url.text() == ""


def test_save_puts_the_password_in_the_keyring_and_the_rest_in_the_database(
    qtbot: QtBot,
    panel: LoginPanel,
    db: Library,
    posting_id: int,
    memory_keyring: MemoryKeyring,
) -> None:
    with qtbot.waitSignal(panel.changed) as changed:
        _type_and_save(qtbot, panel)
    assert changed.args[0].logins == {posting_id}
    assert list(memory_keyring.entries.values()) == [PASSWORD]
    login = logins.get_login(db, posting_id)
    assert login is not None and (login.url, login.has_password) == (URL, True)
    assert panel.password.text() == ""
    assert "keyring" in panel.password.placeholderText()
    assert panel.status.text() == "Saved. The password is in the system keyring."
    assert panel.show_button.isEnabled() and panel.delete_button.isEnabled()


def test_show_reveals_the_stored_password_and_hiding_clears_it(
    qtbot: QtBot, panel: LoginPanel, posting_id: int
) -> None:
    _type_and_save(qtbot, panel)
    panel.show_posting(posting_id)
    assert panel.password.text() == ""
    with qtbot.waitSignal(panel.job_finished, check_params_cb=lambda op: op == "show"):
        panel.show_button.click()
    assert panel.password.text() == PASSWORD
    assert panel.password.echoMode() == QLineEdit.EchoMode.Normal
    panel.show_button.click()
    assert panel.password.echoMode() == QLineEdit.EchoMode.Password
    assert panel.password.text() == ""


def test_copy_puts_the_password_on_the_clipboard_and_clears_it_after_the_timeout(
    qtbot: QtBot, panel: LoginPanel
) -> None:
    _type_and_save(qtbot, panel)
    clipboard = QGuiApplication.clipboard()
    with qtbot.waitSignal(panel.job_finished, check_params_cb=lambda op: op == "copy"):
        panel.copy_button.click()
    assert clipboard.text() == PASSWORD
    assert clipboard.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    assert "cleared from the clipboard" in panel.status.text()
    with qtbot.waitSignal(panel.clipboard_cleared, timeout=5000):
        pass
    assert clipboard.text() == ""


def test_something_else_copied_meanwhile_is_left_on_the_clipboard(
    qtbot: QtBot, panel: LoginPanel
) -> None:
    _type_and_save(qtbot, panel)
    clipboard = QGuiApplication.clipboard()
    with qtbot.waitSignal(panel.job_finished, check_params_cb=lambda op: op == "copy"):
        panel.copy_button.click()
    clipboard.setText("a cover letter")
    with qtbot.waitSignal(panel.clipboard_cleared, timeout=5000):
        pass
    assert clipboard.text() == "a cover letter"


def test_delete_asks_then_removes_login_and_password(
    qtbot: QtBot,
    panel: LoginPanel,
    db: Library,
    posting_id: int,
    memory_keyring: MemoryKeyring,
) -> None:
    _type_and_save(qtbot, panel)
    panel.delete_button.click()
    box = panel.findChild(QMessageBox, "confirm-box")
    assert box is not None
    (yes,) = [b for b in box.buttons() if b.text() == "Delete"]
    with qtbot.waitSignal(panel.job_finished, check_params_cb=lambda op: op == "delete"):
        yes.click()
    assert memory_keyring.entries == {}
    assert logins.get_login(db, posting_id) is None
    assert panel.url.text() == "" and not panel.delete_button.isEnabled()
    assert panel.status.text() == "Login deleted."


def test_without_a_keyring_the_panel_says_so_and_saves_nothing(
    qtbot: QtBot,
    panel: LoginPanel,
    db: Library,
    posting_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    install(monkeypatch, fail.Keyring())
    _type_and_save(qtbot, panel)
    assert panel.status.isVisible()
    assert "No system keyring was found" in panel.status.text()
    assert "not stored anywhere" in panel.status.text()
    assert PASSWORD not in panel.status.text()
    assert logins.get_login(db, posting_id) is None
    assert panel.save_button.isEnabled()  # the app keeps working

    # It offers to save the URL and username alone, without the keyring.
    offer = panel.save_without_password_button
    assert offer.isVisible() and "clear the password" not in panel.status.text()
    with qtbot.waitSignal(panel.job_finished):
        offer.click()
    login = logins.get_login(db, posting_id)
    assert login is not None and login.url == URL and not login.has_password
    assert panel.status.text() == "Saved." and not offer.isVisible()
    assert panel.password.text() == "" and not panel.has_unsaved_edits()


def test_a_hanging_keyring_does_not_freeze_the_window(
    qtbot: QtBot, panel: LoginPanel, db: Library, posting_id: int, hanging_keyring: HangingKeyring
) -> None:
    qtbot.keyClicks(panel.password, PASSWORD)
    with qtbot.waitSignal(panel.job_finished, timeout=5000):
        panel.save_button.click()
        # The click returned while the keyring was still silent: the UI thread is free.
        assert not panel.save_button.isEnabled()
    assert "did not answer within" in panel.status.text()
    assert logins.get_login(db, posting_id) is None
    assert hanging_keyring.entries == {}


def test_a_result_for_a_posting_no_longer_shown_is_dropped(
    qtbot: QtBot, panel: LoginPanel, db: Library, posting_id: int
) -> None:
    other = create_posting(db, amazon_document(title="Other")).value
    qtbot.keyClicks(panel.password, PASSWORD)
    panel.save_button.click()
    panel.show_posting(other)
    qtbot.waitUntil(lambda: logins.get_login(db, posting_id) is not None)
    qtbot.waitUntil(lambda: not panel.jobs.running)
    assert panel.posting_id == other
    assert panel.status.text() == ""


# -- unsaved edits are asked about, as in the posting form --------------------------------------


def _answer(qtbot: QtBot, parent, button: QMessageBox.StandardButton) -> None:
    box = None

    def asked() -> bool:
        nonlocal box
        shown = [b for b in parent.findChildren(QMessageBox, "save-box") if b.isVisible()]
        box = shown[0] if shown else None
        return box is not None

    qtbot.waitUntil(asked)
    assert "portal login" in box.text()
    box.button(button).click()


def _window_with_two(db: Library, make_window) -> tuple[object, int, int]:
    first = create_posting(db, amazon_document(title="First")).value
    second = create_posting(db, amazon_document(title="Second")).value
    window = make_window()
    window.select(first)
    assert window.side.login_panel.posting_id == first
    return window, first, second


def test_selecting_another_posting_asks_before_dropping_login_edits(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window, first, second = _window_with_two(db, make_window)
    panel = window.side.login_panel
    panel.username.setText("me@example.com")

    window.select(second)  # Cancel: back on the first posting, the edit still there
    _answer(qtbot, window, QMessageBox.StandardButton.Cancel)
    assert window.selected_id() == first and panel.posting_id == first
    assert panel.username.text() == "me@example.com"

    window.select(second)  # Discard: the second posting is shown, nothing saved
    _answer(qtbot, window, QMessageBox.StandardButton.Discard)
    assert panel.posting_id == second and panel.username.text() == ""
    assert logins.get_login(db, first) is None

    panel.url.setText(URL)
    window.select(first)  # Save: saved, then the first posting is shown
    _answer(qtbot, window, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: panel.posting_id == first)
    login = logins.get_login(db, second)
    assert login is not None and login.url == URL
    assert window.side.detail.posting_id == first


def test_a_failed_save_on_leaving_stays_with_the_edits(
    qtbot: QtBot, make_window, db: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, fail.Keyring())
    window, first, second = _window_with_two(db, make_window)
    panel = window.side.login_panel
    panel.url.setText(URL)
    qtbot.keyClicks(panel.password, PASSWORD)
    window.select(second)
    _answer(qtbot, window, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: panel.save_without_password_button.isVisible())
    assert window.selected_id() == first and panel.posting_id == first
    assert panel.url.text() == URL and panel.password.text() == PASSWORD
    assert logins.get_login(db, first) is None


def test_a_card_moved_meanwhile_keeps_what_is_typed(qtbot: QtBot, make_window, db: Library) -> None:
    window, first, _second = _window_with_two(db, make_window)
    panel = window.side.login_panel
    panel.username.setText("me@example.com")
    applied = pipeline.resolve_stage(db, "Applied").id
    window.operations.run("Move", lambda: pipeline.move_application(db, first, applied))
    assert window.side.detail.posting_id == first
    assert panel.username.text() == "me@example.com"


def test_closing_the_window_asks_before_dropping_login_edits(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window, first, _second = _window_with_two(db, make_window)
    panel = window.side.login_panel
    panel.username.setText("me@example.com")
    window.close()
    _answer(qtbot, window, QMessageBox.StandardButton.Cancel)
    assert window.isVisible()
    window.close()
    _answer(qtbot, window, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not window.isVisible())
    login = logins.get_login(db, first)
    assert login is not None and login.username == "me@example.com"
