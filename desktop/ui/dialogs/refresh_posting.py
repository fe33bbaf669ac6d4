"""Refresh a saved posting from its source: the fields that changed, each with its saved and its
fetched value, and a box to take the new one.

Nothing the user may have edited changes unless they tick it: only fields the saved posting
has no value for are ticked at first. The stage, the notes and the history never change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.display import salary_display
from desktop.core.posting import PostingDocument, Qualifications, Salary
from desktop.services import link_import
from desktop.ui.dialogs.screen_fit import fit_to_screen

_SHOWN_CHARS = 160


def shown(value: object) -> str:
    """A field's value as one short line of plain text."""
    if value is None or value == () or value == "":
        return "(none)"
    if isinstance(value, Salary):
        text = salary_display(value) or "(none)"
    elif isinstance(value, Qualifications):
        text = "; ".join((*value.required, *value.preferred)) or "(none)"
    elif isinstance(value, tuple):
        text = "; ".join(str(item) for item in value)
    elif hasattr(value, "date") and hasattr(value, "isoformat"):
        text = value.isoformat()[:10]  # type: ignore[union-attr]
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


class RefreshDialog(QDialog):
    refresh_requested = Signal(object)  # the field names to update

    def __init__(
        self, saved: PostingDocument, fetched: PostingDocument, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("refresh-dialog")
        self.setWindowTitle("Refresh from source")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        fit_to_screen(self, 720, 420)
        self.boxes: dict[str, QCheckBox] = {}
        names = link_import.changed_fields(saved, fetched)
        empty = set(link_import.empty_in_saved(saved, names))
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"“{saved.title}” as saved, and as its source shows it now. Tick what to update; "
            "the rest, its stage and its notes stay as they are."
            if names
            else f"“{saved.title}”: the source shows nothing new."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, heading in enumerate(("Update", "Saved", "From the source")):
            label = QLabel(f"<b>{heading}</b>")
            grid.addWidget(label, 0, column)
        labels = dict(link_import.REFRESHABLE)
        for row, name in enumerate(names, start=1):
            box = QCheckBox(labels[name])
            box.setObjectName(f"refresh-{name}")
            box.setChecked(name in empty)
            self.boxes[name] = box
            grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            for column, value in ((1, getattr(saved, name)), (2, getattr(fetched, name))):
                cell = QLabel(shown(value))
                cell.setTextFormat(Qt.TextFormat.PlainText)  # a posting's text, never markup
                cell.setWordWrap(True)
                grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(len(names) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.update_button = buttons.addButton(
            "Update ticked fields", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.update_button.setObjectName("refresh-update")
        self.update_button.setEnabled(bool(names))
        buttons.accepted.connect(self._update)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def picked(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isChecked()]

    def _update(self) -> None:
        self.refresh_requested.emit(self.picked())
        self.accept()
