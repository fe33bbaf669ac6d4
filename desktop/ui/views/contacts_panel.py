"""The contacts of the selected application: who they are and their role in it; pick one of the
company's contacts or add a new one, edit them, take them off the application.

Every change goes through the door as an undo step; the panel reads again when the door says
the shown posting's contacts, or any contact (``Changes.people``), changed. Contact text is
shown as plain text; e-mail, phone and profile are links Jobdeck builds (mailto, tel, http(s)),
opened only on a click.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.contacts import ROLES, ApplicationContact, Contact, ContactFields
from desktop.core.notes import openable_link
from desktop.services import application_facts, contacts
from desktop.services.changes import Changes
from desktop.ui.dialogs.contact_form import ContactForm
from desktop.ui.pages import WindowParts
from desktop.ui.views.notes_panel import open_note_link
from desktop.ui.views.sections import plain_label
from desktop.ui.views.workspace_panel import WorkspacePanel


def contact_links_markup(contact: Contact) -> str:
    """E-mail, phone and profile as escaped links of the kinds Jobdeck opens."""
    fields = contact.fields
    parts = []
    for shown, target in (
        (fields.email, f"mailto:{fields.email}" if fields.email else None),
        (fields.phone, "tel:" + "".join(fields.phone.split()) if fields.phone else None),
        (fields.link, fields.link),
    ):
        if not shown:
            continue
        checked = openable_link(target) if target else None
        if checked is None:
            parts.append(html.escape(shown))
        else:
            parts.append(f'<a href="{html.escape(checked, quote=True)}">{html.escape(shown)}</a>')
    return " · ".join(parts)


class ContactCard(QFrame):
    """One contact of the application, with every role they have in it."""

    edit_requested = Signal(int)  # contact id
    remove_requested = Signal(int, str)  # contact id, role

    def __init__(self) -> None:
        super().__init__()
        self.contact: Contact | None = None  # until ``show_contact``
        self.roles: list[str] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(3)
        header = QHBoxLayout()
        self.name = plain_label("", bold=True)
        header.addWidget(self.name, 1)
        edit = QToolButton()
        edit.setText("Edit")
        edit.setAutoRaise(True)
        edit.clicked.connect(self._edit_clicked)
        header.addWidget(edit)
        layout.addLayout(header)
        self.about = plain_label("", muted=True)
        layout.addWidget(self.about)
        self.links = QLabel()
        self.links.setTextFormat(Qt.TextFormat.RichText)
        self.links.setWordWrap(True)
        self.links.setOpenExternalLinks(False)
        self.links.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.links.linkActivated.connect(open_note_link)
        layout.addWidget(self.links)
        self.note = plain_label("")
        layout.addWidget(self.note)
        self._roles_row = QHBoxLayout()
        self._roles_row.addStretch(1)
        layout.addLayout(self._roles_row)

    def show_contact(self, contact: Contact, roles: list[str]) -> None:
        self.contact, self.roles = contact, roles
        self.setObjectName(f"contact-{contact.id}")
        self.name.setText(contact.name)
        fields = contact.fields
        self.about.setText(", ".join(x for x in (fields.title, fields.company) if x))
        links = contact_links_markup(contact)
        self.links.setText(links)
        self.links.setVisible(bool(links))
        self.note.setText(fields.note or "")
        self.note.setVisible(bool(fields.note))
        while self._roles_row.count() > 1:  # the chips before the stretch
            item = self._roles_row.takeAt(0)
            chip = item.widget() if item is not None else None
            if chip is not None:
                chip.hide()
                chip.setObjectName("")  # a look-up by role finds the new chip only
                chip.deleteLater()
        for position, role in enumerate(roles):
            chip = QToolButton()
            chip.setObjectName(f"role-{role}")
            chip.setText(f"{role}  ✕")
            chip.setToolTip(f"Take {contact.name} off this application as {role}")
            chip.clicked.connect(
                lambda _c=False, r=role, c=contact.id: self.remove_requested.emit(c, r)
            )
            self._roles_row.insertWidget(position, chip)

    def _edit_clicked(self) -> None:
        if self.contact is not None:
            self.edit_requested.emit(self.contact.id)


class ContactsPanel(WorkspacePanel):
    """The contacts of one posting's application; ``show_posting`` picks which."""

    TITLE = "Contacts"
    COUNTED = "contacts"

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts, "contacts-panel")
        self.company: str | None = None
        self.form: ContactForm | None = None
        layout = self.layout_
        self.pick_label = plain_label("", muted=True, selectable=False)
        layout.addWidget(self.pick_label)
        pick = QHBoxLayout()
        self.known = QComboBox()
        self.known.setObjectName("known-contacts")
        self.known.setMinimumContentsLength(14)
        self.role = QComboBox()
        self.role.setObjectName("link-role")
        self.role.addItems(ROLES)
        self.link_button = QPushButton("Add")
        self.link_button.setObjectName("link-contact")
        self.link_button.setToolTip("Give this contact the chosen role in the application")
        pick.addWidget(self.known, 1)
        pick.addWidget(self.role)
        pick.addWidget(self.link_button)
        self.new_button = QPushButton("New contact…")
        self.new_button.setObjectName("new-contact")
        layout.addLayout(pick)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignRight)
        self.add_card_list(
            "No contacts yet: add the recruiter, the hiring manager, who referred you."
        )
        self.link_button.clicked.connect(self.link_chosen)
        self.new_button.clicked.connect(self.new_contact)
        parts.operations.changed.connect(self._changed)
        self.setEnabled(False)

    # -- what the side and tests use -----------------------------------------------------------

    def start_writing(self) -> None:
        self.known.setFocus()

    def count_rows(self, posting_id: int) -> int:
        return application_facts.workspace_counts(self._parts.library, posting_id).contacts

    def read_rows(self, posting_id: int | None) -> list[tuple[Contact, list[str]]]:
        """The contacts (one per person, with each role), and the company's people to pick
        from."""
        library = self._parts.library
        shown: list[ApplicationContact] = []
        self.company = None
        if posting_id is not None:
            shown = contacts.contacts_of_posting(library, posting_id)
            self.company = contacts.company_of_posting(library, posting_id)
        roles: dict[int, list[str]] = {}
        people: dict[int, Contact] = {}
        for entry in shown:
            people[entry.contact.id] = entry.contact
            roles.setdefault(entry.contact.id, []).append(entry.role)
        self._fill_known()
        return [(contact, roles[contact_id]) for contact_id, contact in people.items()]

    def new_card(self) -> ContactCard:
        card = ContactCard()
        card.edit_requested.connect(self.edit_contact)
        card.remove_requested.connect(self.unlink)
        return card

    def fill_card(self, card: ContactCard, row: tuple[Contact, list[str]]) -> None:
        card.show_contact(*row)

    def _fill_known(self) -> None:
        library = self._parts.library
        self.known.clear()
        company_people = contacts.contacts_of_company(library, self.company) if self.company else []
        for contact in company_people:
            about = f" ({contact.fields.title})" if contact.fields.title else ""
            self.known.addItem(contact.name + about, contact.id)
        if not company_people:
            self.known.setPlaceholderText(
                f"No contacts of {self.company} yet" if self.company else "No company"
            )
        self.link_button.setEnabled(bool(company_people))
        self.pick_label.setText(
            f"Add someone from {self.company}, in a role:" if self.company else ""
        )

    # -- changes, through the door ------------------------------------------------------------

    def link_chosen(self) -> None:
        contact_id, posting_id = self.known.currentData(), self.posting_id
        if contact_id is None or posting_id is None:
            return
        role, library = self.role.currentText(), self._parts.library
        self._parts.operations.run(
            "Add contact to application",
            lambda: contacts.link_contact(library, contact_id, posting_id, role),
            undo=lambda _v: contacts.unlink_contact(library, contact_id, posting_id, role),
            initiator=self,
        )

    def unlink(self, contact_id: int, role: str) -> None:
        posting_id, library = self.posting_id, self._parts.library
        if posting_id is None:
            return
        self._parts.operations.run(
            "Remove contact from application",
            lambda: contacts.unlink_contact(library, contact_id, posting_id, role),
            undo=lambda _v: contacts.link_contact(library, contact_id, posting_id, role),
            initiator=self,
        )

    def new_contact(self) -> None:
        posting_id, library = self.posting_id, self._parts.library
        if posting_id is None:
            return

        def save(fields: ContactFields, role: str | None, done) -> None:  # type: ignore[no-untyped-def]
            self._parts.operations.run(
                "Add contact",
                lambda: contacts.add_contact(library, fields, posting_id=posting_id, role=role),
                undo=lambda contact: contacts.delete_contact(library, contact.id),
                initiator=self,
                success=lambda _contact: done(None),
                failure=done,
            )

        self.form = ContactForm(
            self,
            "New contact",
            ContactFields(name="", company=self.company or ""),
            save,
            ask_role=True,
            role=self.role.currentText(),
        )
        self.form.open()

    def edit_contact(self, contact_id: int) -> None:
        library = self._parts.library
        try:
            contact = contacts.get_contact(library, contact_id)
        except contacts.ContactNotFound:
            self.reload()
            return
        self.form = open_contact_editor(self, self._parts, contact, initiator=self)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if self.posting_id is None:
            return
        if self.posting_id in changes.deleted:
            self.show_posting(None)
        elif self.posting_id in changes.contacts or changes.people:
            self.reload()


def open_contact_editor(
    parent: QWidget, parts: WindowParts, contact: Contact, *, initiator: object
) -> ContactForm:
    """The form for changing ``contact``, saving through the door as one undo step."""
    library = parts.library

    def save(fields: ContactFields, _role: str | None, done) -> None:  # type: ignore[no-untyped-def]
        parts.operations.run(
            "Edit contact",
            lambda: contacts.update_contact(library, contact.id, fields),
            undo=lambda before: contacts.update_contact(library, contact.id, before.fields),
            initiator=initiator,
            success=lambda _before: done(None),
            failure=done,
        )

    form = ContactForm(parent, f"Edit {contact.name}", contact.fields, save)
    form.open()
    return form
