"""Dialogs fit the screen they open on: sized from its free area, buttons in view, the rest
scrolling inside (a 1024x640 laptop, and the test platform's 800x800 screen)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.services import importing
from desktop.services.library import Library
from desktop.ui.dialogs.import_preview import ImportPreview
from desktop.ui.dialogs.screen_fit import fitted_size
from tests.conftest import FIXTURES

LAPTOP = QRect(0, 0, 1024, 640 - 32)  # less a panel


def test_a_dialog_larger_than_a_small_screen_is_made_to_fit_it() -> None:
    fitted = fitted_size(QSize(1100, 720), LAPTOP)
    assert fitted.width() <= LAPTOP.width() and fitted.height() <= LAPTOP.height() - 40
    assert fitted_size(QSize(400, 300), LAPTOP) == QSize(400, 300)  # small ones keep their size


def _buttons_in_view(qtbot: QtBot, dialog: QDialog, buttons: QDialogButtonBox) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    for button in buttons.buttons():
        if button.isVisible():
            corner = button.mapTo(dialog, button.rect().bottomRight())
            assert dialog.rect().contains(corner), button.text()


def test_the_import_preview_posting_form_and_stages_fit(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    text = (FIXTURES / "jobright-amazon-rl-intern.txt").read_text(encoding="utf-8")
    preview = ImportPreview(db, importing.read_input(db, text, "a") * 2, window)
    qtbot.addWidget(preview)
    _buttons_in_view(qtbot, preview, preview.buttons)  # wants 1100 px: the screen has 800
    assert preview.width() < 1100

    window.action("posting.new").trigger()
    form = window.parts.posting_commands.form
    _buttons_in_view(qtbot, form, form.buttons)

    window.action("pipeline.stages").trigger()
    stages_dialog = window.parts.pipeline_commands.stages_dialog
    (box,) = stages_dialog.findChildren(QDialogButtonBox)
    _buttons_in_view(qtbot, stages_dialog, box)
    assert isinstance(stages_dialog, QWidget)
