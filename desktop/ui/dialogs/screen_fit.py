"""Dialogs sized from the screen they open on: never larger than its free area (a 1024x640
laptop screen less the panels), so their buttons are never off-screen; what does not fit
scrolls inside the dialog."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Of the screen's free area, what a dialog may take: room for its frame and title bar.
WIDTH_SHARE = 0.94
HEIGHT_SHARE = 0.88


def fitted_size(wanted: QSize, available: QRect) -> QSize:
    """``wanted``, shrunk to fit within ``available`` (the screen's free area, in pixels)."""
    return QSize(
        min(wanted.width(), int(available.width() * WIDTH_SHARE)),
        min(wanted.height(), int(available.height() * HEIGHT_SHARE)),
    )


def available_area(widget: QWidget) -> QRect:
    """The free area of the screen ``widget`` (or its parent window) is on."""
    owner = widget.parentWidget() or widget
    screen = owner.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Size ``dialog`` to ``width`` x ``height`` pixels, or less where the screen is smaller.
    Its long parts (the posting editor's tabs, lists) scroll, so its buttons stay in view."""
    dialog.resize(fitted_size(QSize(width, height), available_area(dialog)))
