"""The label commands: tick an application's labels (the board card's menu, Edit > Labels…,
Ctrl+L), and make, rename, recolour or delete labels (the labels dialog). Each change is one
undoable operation through the door; the dialog follows every change to the labels, undo too.

The labels dialog's module is imported when it is first opened, not before the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop.services import labels
from desktop.services.changes import Changes, Kind
from desktop.services.errors import ServiceError
from desktop.ui.actions import ActionSpec
from desktop.ui.lazy_page import LazyPage
from desktop.ui.pages import WindowParts

if TYPE_CHECKING:
    from desktop.ui.board_page import BoardPage
    from desktop.ui.dialogs.labels_dialog import LabelsDialog


class LabelCommands(QObject):
    def __init__(self, parts: WindowParts, board_page: LazyPage) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self.dialog: LabelsDialog | None = None
        board_page.when_built(self._board_built)
        parts.operations.changed.connect(self._changed)

    def _board_built(self, board: BoardPage) -> None:
        library = self._parts.library
        board.view.all_labels = lambda: [use.label for use in labels.list_labels(library)]
        board.view.label_toggled.connect(self.toggle)
        board.view.edit_labels_requested.connect(self.edit)

    def actions(self) -> list[ActionSpec]:
        return [
            ActionSpec(
                "labels.edit",
                "&Labels…",
                self.edit_selected,
                "Edit",
                group=1,
                shortcuts=("Ctrl+L",),
                needs_selection=True,
            ),
            ActionSpec("labels.manage", "Manage la&bels…", self.manage, "Edit", group=3),
        ]

    # -- an application's labels ---------------------------------------------------------------

    def _set(self, posting_id: int, label_ids: set[int], title: str) -> None:
        library = self._parts.library
        self._parts.operations.run(
            title,
            lambda: labels.set_labels(library, posting_id, label_ids),
            undo=lambda before: labels.set_labels(library, posting_id, before),
        )

    def toggle(self, posting_id: int, label_id: int, on: bool) -> None:
        """Put a label on an application (``on``) or take it off."""
        carried = {label.id for label in labels.labels_of(self._parts.library, posting_id)}
        wanted = carried | {label_id} if on else carried - {label_id}
        if wanted != carried:
            self._set(posting_id, wanted, "Add label" if on else "Remove label")

    def edit_selected(self) -> None:
        posting_id = self._parts.selected_id()
        if posting_id is not None:
            self.edit(posting_id)

    def edit(self, posting_id: int) -> None:
        """The labels dialog for one application: OK applies the ticks."""
        try:
            carried = {label.id for label in labels.labels_of(self._parts.library, posting_id)}
        except ServiceError as error:
            from desktop.ui.dialogs import messages

            messages.show_error(self._parts.window, "Labels", str(error))
            return
        dialog = self._open(carried, "Labels of this application")
        dialog.accepted.connect(
            lambda: dialog.ticked != carried and self._set(posting_id, set(dialog.ticked), "Labels")
        )

    def manage(self) -> None:
        """The labels dialog without an application: make, rename, recolour, delete."""
        self._open(None, "Labels")

    # -- the dialog ----------------------------------------------------------------------------

    def _open(self, carried: set[int] | None, title: str) -> LabelsDialog:
        from desktop.ui.dialogs.labels_dialog import LabelsDialog

        library, operations = self._parts.library, self._parts.operations
        if self.dialog is not None:
            self.dialog.close()

        def make(name: str, color: str, done: Callable[[str | None], None]) -> None:
            def made(label: Any) -> None:
                done(None)
                dialog.label_made(label.id)

            operations.run(
                "New label",
                lambda: labels.create_label(library, name, color),
                undo=lambda label: labels.delete_label(library, label.id),
                success=made,
                failure=lambda error: done(str(error)),
            )

        def update(
            label_id: int, name: str, color: str, done: Callable[[str | None], None]
        ) -> None:
            operations.run(
                "Change label",
                lambda: labels.update_label(library, label_id, name, color),
                undo=lambda before: labels.update_label(
                    library, before.id, before.name, before.color
                ),
                success=lambda _before: done(None),
                failure=lambda error: done(str(error)),
            )

        def delete(label_id: int) -> None:
            operations.run(
                "Delete label",
                lambda: labels.delete_label(library, label_id),
                undo=lambda deleted: labels.restore_label(library, deleted),
            )

        dialog = LabelsDialog(
            self._parts.window,
            read=lambda: labels.list_labels(library),
            make=make,
            update=update,
            delete=delete,
            carried=carried,
            title=title,
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if Kind.LABELS in changes.kinds and self.dialog is not None and self.dialog.isVisible():
            self.dialog.reload()
