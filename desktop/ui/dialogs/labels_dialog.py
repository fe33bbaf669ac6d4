"""The labels dialog: every label with its colour and how many applications carry it; make,
rename, recolour and delete labels; and, opened for one application, tick the labels it carries.

Each change to a label goes through the door at once (one undo step each); the ticks are applied
when the user presses OK (one undo step). Refusals (a name taken, an empty name) are shown in
the dialog, and what was typed is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import PALETTE, LabelUse

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE, COLOR_ROLE = ID_ROLE + 1, ID_ROLE + 2  # plain strings as item data
# make(name, color, done), update(label id, name, color, done), delete(label id):
# done(error message or None) is called once the door is through.
Done = Callable[[str | None], None]


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class LabelsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        *,
        read: Callable[[], list[LabelUse]],
        make: Callable[[str, str, Done], None],
        update: Callable[[int, str, str, Done], None],
        delete: Callable[[int], None],
        carried: set[int] | None = None,
        title: str = "Labels",
    ) -> None:
        """``carried``: the label ids of the application the dialog is for (None: no
        application, the labels are only managed)."""
        super().__init__(parent)
        self.setObjectName("labels-dialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._read, self._make, self._update, self._delete = read, make, update, delete
        self.ticking = carried is not None
        self.ticked: set[int] = set(carried or ())
        self.list = QListWidget()
        self.list.setObjectName("labels-list")
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemChanged.connect(self._item_changed)
        self.name = QLineEdit()
        self.name.setObjectName("label-name")
        self.name.setPlaceholderText("Label name, e.g. remote")
        self.name.setMaxLength(60)
        self.color = QComboBox()
        self.color.setObjectName("label-color")
        for name, color in PALETTE:
            self.color.addItem(swatch(color), name, color)
        self.color.addItem("Other…", "other")
        self.color.activated.connect(self._color_chosen)
        self.add_button = QPushButton("&Add")
        self.add_button.setObjectName("label-add")
        self.add_button.clicked.connect(self.add)
        self.save_button = QPushButton("&Save changes")
        self.save_button.setObjectName("label-save")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton("&Delete label")
        self.delete_button.setObjectName("label-delete")
        self.delete_button.clicked.connect(self.delete)
        self.problem = QLabel()
        self.problem.setObjectName("label-problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b91c1c")
        self.problem.hide()
        hint = QLabel(
            ("Tick the labels this application carries. " if self.ticking else "")
            + "Select a label to rename, recolour or delete it; type a new name and Add to make "
            "one. Search with label:name to see only the applications carrying it."
        )
        hint.setWordWrap(True)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.name, 1)
        edit_row.addWidget(self.color)
        buttons_row = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.delete_button):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        standard = (
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            if self.ticking
            else QDialogButtonBox.StandardButton.Close
        )
        self.buttons = QDialogButtonBox(standard)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(edit_row)
        layout.addLayout(buttons_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._other_color = PALETTE[0][1]
        self.reload()
        self.list.setCurrentRow(-1)  # nothing chosen: the fields are for a new label
        self.name.setFocus()

    # -- what is shown -------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Read the labels again (after a change), keeping the ticks and the selection."""
        current = select if select is not None else self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for use in self._read():
            label = use.label
            carriers = "1 application" if use.count == 1 else f"{use.count:,} applications"
            item = QListWidgetItem(swatch(label.color), f"{label.name}   ({carriers})")
            item.setData(ID_ROLE, label.id)
            item.setData(NAME_ROLE, label.name)
            item.setData(COLOR_ROLE, label.color)
            if self.ticking:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = label.id in self.ticked
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
            if label.id == current:
                self.list.setCurrentItem(item)
        self.ticked &= set(self.label_ids())  # a label deleted meanwhile is no longer ticked
        self.list.blockSignals(False)
        if self.current_id() != current:  # otherwise what is typed in the fields stays
            self._current_changed(self.list.currentItem(), None)
        else:
            self._buttons_enabled()

    def label_ids(self) -> list[int]:
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def _buttons_enabled(self) -> None:
        chosen = self.list.currentItem() is not None
        self.save_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        self._buttons_enabled()
        if item is None:
            return
        self.name.setText(item.data(NAME_ROLE))
        self._show_color(item.data(COLOR_ROLE))

    def _item_changed(self, item: QListWidgetItem) -> None:
        label_id = int(item.data(ID_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self.ticked.add(label_id)
        else:
            self.ticked.discard(label_id)

    def _show_color(self, color: str) -> None:
        index = self.color.findData(color)
        if index < 0:
            self._other_color = color
            index = self.color.count() - 1
            self.color.setItemIcon(index, swatch(color))
        self.color.setCurrentIndex(index)

    def _color_chosen(self, index: int) -> None:
        if self.color.itemData(index) != "other":
            return
        chosen = QColorDialog.getColor(QColor(self._other_color), self, "Label colour")
        if chosen.isValid():
            self._other_color = chosen.name()
            self.color.setItemIcon(index, swatch(self._other_color))

    def chosen_color(self) -> str:
        data = self.color.currentData()
        return self._other_color if data == "other" else str(data)

    def show_problem(self, message: str | None) -> None:
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    # -- what the user does --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return in the name field adds the label typed (not the dialog's OK)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.name.hasFocus() and self.name.text().strip():
            (self.save if self.current_id() is not None else self.add)()
            return
        super().keyPressEvent(event)

    def add(self) -> None:
        def done(error: str | None) -> None:
            self.show_problem(error)
            if error is None:
                self.name.clear()

        self._make(self.name.text(), self.chosen_color(), done)

    def label_made(self, label_id: int) -> None:
        """A label was made from this dialog: tick it (for the application)."""
        if self.ticking:
            self.ticked.add(label_id)
        self.reload()

    def save(self) -> None:
        label_id = self.current_id()
        if label_id is not None:
            self._update(label_id, self.name.text(), self.chosen_color(), self.show_problem)

    def delete(self) -> None:
        label_id = self.current_id()
        if label_id is not None:
            self._delete(label_id)
