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


def show_info(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """Something the user can fix at once (an empty clipboard): said without an error icon."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("info-box")
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error-box")
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def ask_to_save(
    parent: QWidget,
    title: str,
    text: str,
    on_save: Callable[[], None],
    on_discard: Callable[[], None],
    on_cancel: Callable[[], None],
) -> QMessageBox:
    """Unsaved edits: Save, Discard or Cancel (the default: Return and Escape lose nothing).
    Exactly one of the three callbacks runs, once the user has answered."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("save-box")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answers = {
        QMessageBox.StandardButton.Save: on_save,
        QMessageBox.StandardButton.Discard: on_discard,
    }

    def finished() -> None:
        answer = answers.get(box.standardButton(box.clickedButton()), on_cancel)
        box.deleteLater()
        answer()

    box.finished.connect(finished)
    box.open()
    return box
