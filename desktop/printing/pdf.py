"""A page of rich text drawn to PDF by Qt's own PDF writer (no other dependency): the
printable application log, for the window and ``jobdeck report`` alike.

The page comes escaped from the service that built it (``services.application_log_report``);
Qt's text document loads no resource for it.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument


def render_pdf(page: str) -> bytes:
    """The page (HTML as Qt's rich text takes it) drawn as a PDF, A4 landscape, in memory.
    Makes an offscreen application first when the process has none (the command line)."""
    ensure_gui()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("Application log")
    writer.setCreator("Jobdeck")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(96)
    document = QTextDocument()
    document.setHtml(page)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    del writer  # the PDF is finished when its writer goes
    buffer.close()
    return bytes(data.data())


def ensure_gui() -> QGuiApplication:
    """The running application, or one made for drawing only (the command line): offscreen
    unless a display is asked for. A QApplication, as the window makes: a process (a test
    run, say) that goes on to show widgets needs that kind, and Qt allows one per process."""
    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["jobdeck"])
    return app  # type: ignore[return-value]
