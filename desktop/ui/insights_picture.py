"""The Insights charts as a picture: PNG, or SVG when the name ends in .svg."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget


def save_picture(widget: QWidget, path: Path) -> bool:
    """Draw ``widget`` into ``path``; False when the file could not be written."""
    if path.suffix.lower() == ".svg":
        from PySide6.QtSvg import QSvgGenerator  # only for an SVG

        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(widget.size())
        generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
        generator.setTitle("Jobdeck insights")
        painter = QPainter(generator)
        try:
            widget.render(painter, QPoint())
        finally:
            painter.end()
        return path.exists()
    return widget.grab().save(str(path), "PNG")
