"""Closing a form with unsaved edits asks first: edits are never lost silently.

``UnsavedChanges`` remembers what every field held when the form was filled; the form is
"changed" when any field now holds something else. Comparing field text (not the parsed
document) means a half-typed, not yet valid value counts as a change too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from desktop.ui.dialogs import messages


def field_values(form: QWidget) -> tuple[str, ...]:
    lines = [line.text() for line in form.findChildren(QLineEdit)]
    boxes = [box.toPlainText() for box in form.findChildren(QPlainTextEdit) if not box.isReadOnly()]
    combos = [combo.currentText() for combo in form.findChildren(QComboBox)]
    return (*lines, *boxes, *combos)


class UnsavedChanges:
    """Create it after the form is filled; call ``close_or_ask`` from the form's ``reject``."""

    def __init__(self, form: QWidget) -> None:
        self._form = form
        self._saved = field_values(form)
        self.box: QMessageBox | None = None

    def mark_saved(self) -> None:
        self._saved = field_values(self._form)

    def changed(self) -> bool:
        return field_values(self._form) != self._saved

    def close_or_ask(self, close: Callable[[], None]) -> None:
        """Run ``close`` now when nothing changed; otherwise only if the user discards."""
        if not self.changed():
            close()
            return
        if self.box is not None:
            return  # already asking
        self.box = messages.confirm(
            self._form,
            "Discard changes?",
            "You have changed this posting. Close without saving and lose those changes?",
            "Discard changes",
            close,
        )
        self.box.finished.connect(self._asked)

    def _asked(self) -> None:
        self.box = None
