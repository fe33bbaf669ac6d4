"""Contacts: the people of a job search and their roles in applications.

Every change returns ``Changes`` with ``people`` (the contact ids) and ``contacts`` (the
postings whose list of contacts changed), so the contacts page and an application's contacts
tab each refresh what they show. Undo needs what a call returns: ``update_contact`` gives the
contact as it was, ``delete_contact`` the contact and its roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.core.contacts import (
    ApplicationContact,
    Contact,
    ContactFields,
    ContactListing,
    checked_contact,
    role_word,
)
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound
from desktop.services.library import Library
from desktop.storage import contact_records


class InvalidContact(Invalid):
    """A contact that cannot be saved as it is; the message names every wrong field."""


class ContactNotFound(NotFound):
    """No contact with that id (deleted since, say)."""


@dataclass(frozen=True)
class DeletedContact:
    """What ``delete_contact`` removed: enough to put it all back."""

    contact: Contact
    links: tuple[tuple[int, str], ...]  # (posting id, role)


def _now() -> datetime:
    return datetime.now(UTC)


def _checked(fields: ContactFields) -> ContactFields:
    try:
        return checked_contact(fields)
    except ValueError as error:
        raise InvalidContact(str(error)) from None


def _role(role: str) -> str:
    try:
        return role_word(role)
    except ValueError as error:
        raise InvalidContact(str(error)) from None


def _missing(error: contact_records.ContactMissing) -> ContactNotFound:
    return ContactNotFound(str(error))


# -- reading ---------------------------------------------------------------------------------


def get_contact(db: Library, contact_id: int) -> Contact:
    """Raises ``ContactNotFound``."""
    with db.querying() as connection:
        try:
            return contact_records.contact(connection, contact_id)
        except contact_records.ContactMissing as error:
            raise _missing(error) from None


def list_contacts(db: Library, search: str = "") -> list[ContactListing]:
    """Everyone, by name, each with their applications; with ``search``, those whose name,
    company, role/title, e-mail, phone or note hold every word of it."""
    with db.querying() as connection:
        return contact_records.listing(connection, search)


def contacts_of_posting(db: Library, posting_id: int) -> list[ApplicationContact]:
    """The application's contacts, each with its role there (one entry per role)."""
    with db.querying() as connection:
        return contact_records.contacts_of_posting(connection, posting_id)


def contacts_of_company(db: Library, company: str) -> list[Contact]:
    """The contacts of a company (named in any case or spacing), to pick one for an
    application of it."""
    with db.querying() as connection:
        return contact_records.contacts_of_company(connection, company)


def company_of_posting(db: Library, posting_id: int) -> str | None:
    with db.querying() as connection:
        return contact_records.company_of_posting(connection, posting_id)


# -- changing --------------------------------------------------------------------------------


def add_contact(
    db: Library,
    fields: ContactFields,
    *,
    posting_id: int | None = None,
    role: str | None = None,
    now: datetime | None = None,
) -> Result[Contact]:
    """Store a new contact (its company made when new); the value is the stored contact. With
    ``posting_id`` and ``role``, the contact takes that role in the application, in the same
    transaction.

    Raises ``InvalidContact`` naming every wrong field (no name, an e-mail or a link that is not
    one, an unknown role), ``NotFound`` (no such posting), ``WriteFailed``.
    """
    fields = _checked(fields)
    role = _role(role) if posting_id is not None and role is not None else None
    with db.plain_writing() as connection:
        stored = contact_records.add_contact(connection, fields, now or _now())
        if posting_id is not None and role is not None:
            contact_records.link(connection, stored.id, posting_id, role)
    linked = frozenset({posting_id}) if posting_id is not None and role else frozenset()
    return Result(stored, Changes(people=frozenset({stored.id}), contacts=linked))


def update_contact(
    db: Library, contact_id: int, fields: ContactFields, *, now: datetime | None = None
) -> Result[Contact]:
    """Replace a contact's fields; the value is the contact as it was (what undo puts back).

    Raises ``InvalidContact``, ``ContactNotFound``, ``WriteFailed``.
    """
    fields = _checked(fields)
    with db.plain_writing() as connection:
        try:
            before = contact_records.update_contact(connection, contact_id, fields, now or _now())
        except contact_records.ContactMissing as error:
            raise _missing(error) from None
        postings = frozenset(p for p, _ in contact_records.links_of(connection, contact_id))
    return Result(before, Changes(people=frozenset({contact_id}), contacts=postings))


def delete_contact(db: Library, contact_id: int) -> Result[DeletedContact]:
    """Remove a contact and its roles in applications; the value is what undo puts back.

    Raises ``ContactNotFound``, ``WriteFailed``.
    """
    with db.plain_writing() as connection:
        try:
            before, links = contact_records.delete_contact(connection, contact_id)
        except contact_records.ContactMissing as error:
            raise _missing(error) from None
    postings = frozenset(p for p, _ in links)
    return Result(
        DeletedContact(before, tuple(links)),
        Changes(people=frozenset({contact_id}), contacts=postings),
    )


def restore_contact(db: Library, deleted: DeletedContact) -> Result[Contact]:
    """Put a deleted contact back under its id, with its roles in the applications still
    there (undo of a delete)."""
    with db.plain_writing() as connection:
        stored = contact_records.add_contact(
            connection, deleted.contact.fields, _now(), contact_id=deleted.contact.id
        )
        postings = set()
        for posting_id, role in deleted.links:
            if contact_records.posting_exists(connection, posting_id):
                contact_records.link(connection, stored.id, posting_id, role)
                postings.add(posting_id)
    return Result(stored, Changes(people=frozenset({stored.id}), contacts=frozenset(postings)))


def link_contact(db: Library, contact_id: int, posting_id: int, role: str) -> Changes:
    """Give the contact a role (``core.contacts.ROLES``) in the posting's application; linking
    twice in one role is no change.

    Raises ``InvalidContact`` (an unknown role), ``ContactNotFound``, ``NotFound`` (no such
    posting), ``WriteFailed``.
    """
    role = _role(role)
    with db.plain_writing() as connection:
        try:
            contact_records.link(connection, contact_id, posting_id, role)
        except contact_records.ContactMissing as error:
            raise _missing(error) from None
    return Changes(people=frozenset({contact_id}), contacts=frozenset({posting_id}))


def unlink_contact(db: Library, contact_id: int, posting_id: int, role: str) -> Changes:
    """Take the role away (the contact stays in the library)."""
    role = _role(role)
    with db.plain_writing() as connection:
        contact_records.unlink(connection, contact_id, posting_id, role)
    return Changes(people=frozenset({contact_id}), contacts=frozenset({posting_id}))
