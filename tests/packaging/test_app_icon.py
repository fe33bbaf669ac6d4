"""The window icon: every size from resources/, on the window and in the About box.

Skipped until desktop/ui/app.py has ``app_icon`` (the packaging issue's change to the window).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop import resources_path
from desktop.ui import app as app_module

app_icon = getattr(app_module, "app_icon", None)
pytestmark = pytest.mark.skipif(app_icon is None, reason="desktop.ui.app has no app_icon yet")


def test_app_icon_has_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert sizes == set(resources_path.ICON_SIZES)


def test_about_box_shows_the_app_icon(qapp: QApplication, qtbot: QtBot) -> None:
    previous = qapp.windowIcon()
    qapp.setWindowIcon(app_icon())  # what make_application does for the real app
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def inspect_and_close() -> None:
        box = qapp.activeModalWidget()
        if isinstance(box, QMessageBox):
            pixmap = box.iconPixmap()
            seen["size"] = pixmap.size()
            seen["same"] = pixmap.toImage() == app_icon().pixmap(pixmap.size()).toImage()
        if box is not None:
            box.close()

    try:
        QTimer.singleShot(0, inspect_and_close)
        QMessageBox.about(parent, "About Jobdeck", "Jobdeck")
    finally:
        qapp.setWindowIcon(previous)
    assert seen.get("size") == QSize(64, 64)
    assert seen.get("same") is True, "the About box does not show the app icon"
