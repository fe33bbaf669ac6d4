"""The contacts page (View > Contacts, Ctrl+5): everyone in the library with their company and
the applications they are part of; search, add, edit, delete, and vCards out and in.

Built the first time it is shown (``LazyPage``). It listens to the door for contacts
(``Changes.people`` and ``contacts``); hidden, it only marks itself stale. A contact is not a
posting: while this page is shown, no posting is selected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.contacts import ContactFields
from desktop.services import contacts
from desktop.services.changes import Changes, Kind
from desktop.ui.actions import ActionSpec
from desktop.ui.dialogs import messages
from desktop.ui.dialogs.contact_form import ContactForm
from desktop.ui.models.contact_table_model import COL_NAME, ID_ROLE, ContactTableModel
from desktop.ui.pages import WindowParts
from desktop.ui.views.contacts_panel import open_contact_editor

SEARCH_DELAY_MS = 150


def _ask_save_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export contacts as vCards", "contacts.vcf", "vCards (*.vcf)"
    )
    return Path(name) if name else None


def _ask_open_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import contacts from vCards", "", "vCards (*.vcf *.vcard);;All files (*)"
    )
    return Path(name) if name else None


class ContactsPage(QObject):
    key = "contacts"
    title = "&Contacts"
    shortcut = "Ctrl+5"
    selection_changed = Signal(object)  # always None: a contact is not a posting

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts.window)
        self._parts = parts
        self.stale = True
        self.form: ContactForm | None = None
        # Tests replace these; the app asks with the desktop's file dialogs.
        self.ask_save_path: Callable[[QWidget], Path | None] = _ask_save_path
        self.ask_open_path: Callable[[QWidget], Path | None] = _ask_open_path
        self.widget = QWidget()
        self.widget.setObjectName("contacts-page")
        self.search = QLineEdit()
        self.search.setObjectName("contacts-search")
        self.search.setPlaceholderText("Search contacts: name, company, role, e-mail, note")
        self.search.setClearButtonEnabled(True)
        self.model = ContactTableModel()
        self.table = QTableView()
        self.table.setObjectName("contacts-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.new_button = QPushButton("New contact…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.export_button = QPushButton("Export vCards…")
        self.export_button.setToolTip("The selected contacts, or everyone when none is selected")
        self.import_button = QPushButton("Import vCards…")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.new_button.clicked.connect(self.new_contact)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_vcards)
        self.import_button.clicked.connect(self.import_vcards)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        parts.operations.changed.connect(self._changed)

    # -- pages.Page --------------------------------------------------------------------------

    def actions(self) -> list[ActionSpec]:
        return []

    def selected_id(self) -> int | None:
        return None

    def select(self, posting_id: int) -> bool:
        return False

    def shown(self, keep: int | None) -> None:
        # Made while its place was already on screen, the page would show only on the next
        # turn of the event loop; a change arriving before that must find it visible.
        self.widget.show()
        if self.stale:
            self.reload()
        self.table.setFocus()
        self.selection_changed.emit(None)

    def searched(self) -> None:
        """The postings' search changed: this page has its own."""

    # -- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        kept = self.selected_contact_ids()
        self.model.set_rows(contacts.list_contacts(self._parts.library, self.search.text()))
        self.stale = False
        for contact_id in kept:
            row = self.model.row_of(contact_id)
            if row is not None:
                self.table.selectRow(row)
        self._update_buttons()

    def selected_contact_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.data(self.model.index(row, COL_NAME), ID_ROLE) for row in rows]

    def select_contact(self, contact_id: int) -> None:
        row = self.model.row_of(contact_id)
        if row is not None:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if Kind.CONTACTS not in changes.kinds and not changes.deleted:
            return
        if self.widget.isVisibleTo(self._parts.window):
            self.reload()
        else:
            self.stale = True

    # -- changes, through the door ------------------------------------------------------------

    def new_contact(self) -> None:
        library = self._parts.library

        def save(fields: ContactFields, _role: str | None, done) -> None:  # type: ignore[no-untyped-def]
            self._parts.operations.run(
                "Add contact",
                lambda: contacts.add_contact(library, fields),
                undo=lambda contact: contacts.delete_contact(library, contact.id),
                initiator=self,
                success=lambda contact: (done(None), self.select_contact(contact.id)),
                failure=done,
            )

        self.form = ContactForm(self.widget, "New contact", ContactFields("", ""), save)
        self.form.open()

    def edit_selected(self) -> None:
        chosen = self.selected_contact_ids()
        if not chosen:
            return
        try:
            contact = contacts.get_contact(self._parts.library, chosen[0])
        except contacts.ContactNotFound:
            self.reload()
            return
        self.form = open_contact_editor(self.widget, self._parts, contact, initiator=self)

    def delete_selected(self) -> None:
        chosen = self.selected_contact_ids()
        if not chosen:
            return
        library = self._parts.library
        names = ", ".join(
            self.model.listing(self.model.row_of(i) or 0).contact.name for i in chosen
        )

        def delete() -> None:
            for contact_id in chosen:
                self._parts.operations.run(
                    "Delete contact",
                    lambda contact_id=contact_id: contacts.delete_contact(library, contact_id),
                    undo=lambda deleted: contacts.restore_contact(library, deleted),
                    initiator=self,
                )

        messages.confirm(
            self.widget,
            "Delete contacts" if len(chosen) > 1 else "Delete contact",
            f"Delete {names}? They leave every application they are part of "
            "(Edit > Undo brings them back).",
            "Delete",
            delete,
        )

    def export_vcards(self) -> None:
        path = self.ask_save_path(self.widget)
        if path is None:
            return
        from desktop.services import vcards

        chosen = self.selected_contact_ids() or None
        self._parts.operations.run(
            "Export contacts",
            lambda: _exported(vcards.write_vcards(self._parts.library, path, chosen)),
        )

    def import_vcards(self) -> None:
        path = self.ask_open_path(self.widget)
        if path is None:
            return
        from desktop.services import vcards

        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self._parts.operations.report("Import contacts", f"Cannot read {path}: {error}")
            return
        library = self._parts.library
        self._parts.operations.run(
            "Import contacts",
            lambda: vcards.import_vcards(library, text),
            undo=lambda done: _deleted_all(library, done.added),
            initiator=self,
        )


def _exported(count: int) -> Changes:
    return Changes()


def _deleted_all(library, added) -> Changes:  # type: ignore[no-untyped-def]
    changes = Changes()
    for contact in added:
        changes = changes.merged(contacts.delete_contact(library, contact.id).changes)
    return changes
