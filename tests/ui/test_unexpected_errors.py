"""An error no code path expected is shown in a message box, one at a time, never lost."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.errors import WriteFailed
from desktop.ui.unexpected_errors import SAFE, UnexpectedErrorReporter


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the previous hook (stderr's traceback printer) was handed."""
    seen: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: seen.append(str(error)))
    return seen


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _raised(error: BaseException) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise error
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_an_unexpected_error_is_named_in_a_box_and_still_printed(
    window: QWidget, printed: list[str]
) -> None:
    reporter = UnexpectedErrorReporter(lambda: window)
    reporter.install()
    try:
        sys.excepthook(*_raised(KeyError("posting 12")))
    finally:
        reporter.uninstall()

    box = reporter.box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "did not finish (KeyError: 'posting 12')" in box.text()
    assert SAFE in box.text()
    assert printed == ["'posting 12'"]
    assert sys.excepthook is not reporter.report  # uninstalled: the previous hook is back


def test_one_box_at_a_time_and_a_storage_error_in_its_own_words(
    window: QWidget, printed: list[str]
) -> None:
    reporter = UnexpectedErrorReporter(lambda: window)
    full = WriteFailed(
        "The change was not saved: the disk is full. Free some space, then try again."
    )
    reporter.report(*_raised(full))
    first = reporter.box
    assert first is not None and first.text().startswith("The change was not saved: the disk")

    reporter.report(*_raised(RuntimeError("again")))  # while the first box is up
    assert reporter.box is first and len(window.findChildren(QMessageBox)) == 1
    assert printed[-1] == "again"  # not shown, but not lost either

    first.button(QMessageBox.StandardButton.Ok).click()
    assert reporter.box is None
    reporter.report(*_raised(RuntimeError("later")))
    assert reporter.box is not None and "RuntimeError: later" in reporter.box.text()


def test_ctrl_c_gets_no_box(qtbot: QtBot, printed: list[str]) -> None:
    reporter = UnexpectedErrorReporter(lambda: None)
    reporter.report(*_raised(KeyboardInterrupt()))
    assert reporter.box is None and len(printed) == 1
