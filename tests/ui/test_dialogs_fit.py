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


def test_the_tracker_mapping_link_import_and_refresh_dialogs_fit(
    qtbot: QtBot, make_window, db: Library
) -> None:
    from desktop.services import tracker_import
    from desktop.ui.dialogs.link_import import LinkImportDialog
    from desktop.ui.dialogs.refresh_posting import RefreshDialog
    from desktop.ui.dialogs.tracker_mapping import TrackerMappingDialog
    from tests.samples import amazon_document

    window = make_window()
    path = FIXTURES / "trackers" / "huntr.csv"
    mapping = TrackerMappingDialog(db, path, tracker_import.read_table(path), window)
    qtbot.addWidget(mapping)
    (box,) = mapping.findChildren(QDialogButtonBox)
    _buttons_in_view(qtbot, mapping, box)  # wants 1100 x 720: the screen is smaller
    assert mapping.width() < 1100
    laptop = fitted_size(QSize(10_000, 10_000), LAPTOP)  # the most a dialog gets there
    assert mapping.minimumSizeHint().height() <= laptop.height()  # its fields scroll

    links = LinkImportDialog(db, window)
    qtbot.addWidget(links)
    for box in links.findChildren(QDialogButtonBox):
        _buttons_in_view(qtbot, links, box)

    saved = amazon_document()
    refresh = RefreshDialog(saved, saved.with_changes(title="New title"), window)
    qtbot.addWidget(refresh)
    for box in refresh.findChildren(QDialogButtonBox):
        _buttons_in_view(qtbot, refresh, box)
    for dialog in (links, refresh):
        assert dialog.minimumSizeHint().height() <= laptop.height()


def test_the_stages_list_is_wide_enough_for_every_name_and_count(
    qtbot: QtBot, make_window, db: Library
) -> None:
    from desktop.services import stages

    stages.add_stage(db, "Second technical interview with the team")
    window = make_window()
    window.action("pipeline.stages").trigger()
    dialog = window.parts.pipeline_commands.stages_dialog
    dialog.show()
    qtbot.waitExposed(dialog)
    names = dialog.list
    metrics = names.fontMetrics()
    room = names.viewport().width() - names.iconSize().width()
    for row in range(names.count()):
        text = names.item(row).text()  # "Ghosted (closed) · 0": nothing of it cut off
        assert metrics.horizontalAdvance(text) < room, text
    assert names.item(names.count() - 4).text().startswith("Second technical interview")
