"""Contacts as vCards (RFC 2426, version 3.0), out and in, with ``vobject``.

``vobject`` (and the date libraries it pulls in) costs about 0.15 s to import, so it is loaded
here, inside the functions, only when a card is written or read.

A card carries: FN (name), N, ORG (company), TITLE (role/title), EMAIL, TEL, URL (profile
link), NOTE. Reading is all or nothing: every card is checked as the contact form checks its
fields, and a wrong one is named by its place and name before anything is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.core.contacts import Contact, ContactFields, checked_contact
from desktop.core.text import name_key
from desktop.services.changes import Changes, Result
from desktop.services.contacts import InvalidContact, get_contact, list_contacts
from desktop.services.errors import WriteFailed
from desktop.services.library import Library
from desktop.storage import contact_records, library_files

MAX_VCARD_BYTES = 10 * 1024 * 1024  # an address book of thousands of people is a few MB


@dataclass(frozen=True)
class VcardImport:
    added: tuple[Contact, ...]
    skipped: tuple[str, ...]  # "Dana Reyes (Amazon)": already in the library


def vcard_text(contacts: Sequence[Contact]) -> str:
    """The contacts as one vCard file's text (one card each, CRLF line ends)."""
    import vobject

    cards = []
    for contact in contacts:
        fields = contact.fields
        card = vobject.vCard()
        card.add("fn").value = fields.name
        family, _, given = _split_name(fields.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        card.add("org").value = [fields.company]
        for key, value, kind in (
            ("title", fields.title, None),
            ("email", fields.email, "INTERNET"),
            ("tel", fields.phone, None),
            ("url", fields.link, None),
            ("note", fields.note, None),
        ):
            if value:
                line = card.add(key)
                line.value = value
                if kind:
                    line.type_param = kind
        cards.append(card.serialize())
    return "".join(cards)


def _split_name(name: str) -> tuple[str, str, str]:
    """(family, " ", given) as N wants them: the last word is taken as the family name."""
    given, _, family = name.rpartition(" ")
    return (family, " ", given) if given else (name, " ", "")


def export_vcards(db: Library, contact_ids: Sequence[int] | None = None) -> str:
    """vCard text of these contacts (every contact when None). Raises ``ContactNotFound``."""
    return vcard_text(_chosen(db, contact_ids))


def _chosen(db: Library, contact_ids: Sequence[int] | None) -> list[Contact]:
    if contact_ids is None:
        return [listed.contact for listed in list_contacts(db)]
    return [get_contact(db, contact_id) for contact_id in contact_ids]


def write_vcards(db: Library, path: Path, contact_ids: Sequence[int] | None = None) -> int:
    """Write the contacts' vCards to ``path``, readable by the user only (contacts are
    personal data); returns how many. Raises ``ContactNotFound``, ``WriteFailed``."""
    text = vcard_text(_chosen(db, contact_ids))
    try:
        with library_files.open_private(path, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    except OSError as error:
        raise WriteFailed(f"Could not write {path}: {error.strerror or error}.") from None
    return text.count("BEGIN:VCARD")


def _first(card: Any, key: str) -> str | None:
    lines = card.contents.get(key)
    if not lines:
        return None
    value = lines[0].value
    if isinstance(value, list):  # ORG is a list of units: the company, then departments
        value = value[0] if value else ""
    return str(value)


def read_vcards(text: str) -> list[ContactFields]:
    """The contacts of a vCard file's text, checked.

    Raises ``InvalidContact`` naming the card (its place and name) and what is wrong with it,
    or that the text is not vCard at all.
    """
    import vobject

    if len(text.encode("utf-8", "surrogatepass")) > MAX_VCARD_BYTES:
        raise InvalidContact(
            "This vCard file is over 10 MB; Jobdeck reads address books up to that."
        )
    found: list[ContactFields] = []
    try:
        cards = list(vobject.readComponents(text, validate=False, ignoreUnreadable=False))
    except Exception as error:  # vobject raises its own ParseError and others besides
        raise InvalidContact(f"This is not a vCard file Jobdeck can read ({error}).") from None
    for place, card in enumerate(cards, start=1):
        if card.name.upper() != "VCARD":
            raise InvalidContact(f"Item {place} is a {card.name}, not a vCard.")
        name = _first(card, "fn")
        if not name and "n" in card.contents:
            parts = card.n.value
            name = " ".join(p for p in (parts.given, parts.family) if p)
        fields = ContactFields(
            name=name or "",
            company=_first(card, "org") or "",
            title=_first(card, "title"),
            email=_first(card, "email"),
            phone=_first(card, "tel"),
            link=_first(card, "url"),
            note=_first(card, "note"),
        )
        try:
            found.append(checked_contact(fields))
        except ValueError as error:
            who = f" ({name})" if name else ""
            raise InvalidContact(f"Card {place}{who}: {error}") from None
    if not found:
        raise InvalidContact("The file holds no vCards (BEGIN:VCARD ... END:VCARD).")
    return found


def import_vcards(db: Library, text: str, *, now: datetime | None = None) -> Result[VcardImport]:
    """Add the file's contacts; one already in the library (same name and company) is skipped.
    All of them or, on a wrong card, none.

    Raises ``InvalidContact`` (see ``read_vcards``), ``WriteFailed``.
    """
    cards = read_vcards(text)
    at = now or datetime.now(UTC)
    added: list[Contact] = []
    skipped: list[str] = []
    with db.plain_writing() as connection:
        for fields in cards:
            known = {
                name_key(c.name)
                for c in contact_records.contacts_of_company(connection, fields.company)
            }
            if name_key(fields.name) in known:
                skipped.append(f"{fields.name} ({fields.company})")
                continue
            added.append(contact_records.add_contact(connection, fields, at))
    changes = Changes(people=frozenset(c.id for c in added))
    return Result(VcardImport(tuple(added), tuple(skipped)), changes)
