"""Every message box the app shows is made here, opened window-modal with ``open()``.

Keeping them in one place lets tests find and answer them, and keeps wording consistent.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(
    parent: QWidget,
    title: str,
    text: str,
    confirm_label: str,
    on_confirm: Callable[[], None],
    *,
    destructive: bool = True,
) -> QMessageBox:
    """Ask before doing something; ``on_confirm`` runs only if the user agrees."""
    box = QMessageBox(
        QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirm-box")
    yes = box.addButton(
        confirm_label,
        QMessageBox.ButtonRole.DestructiveRole
        if destructive
        else QMessageBox.ButtonRole.AcceptRole,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def finished() -> None:
        if box.clickedButton() is yes:
            on_confirm()
        box.deleteLater()

    box.finished.connect(finished)
    box.open()
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error-box")
    box.finished.connect(box.deleteLater)
    box.open()
    return box
