"""Contacts and their roles in applications, in plain SQL on ``sqlite3``.

A contact's company is found by its folded name (``core.text.name_key``), as postings find
theirs, so "Amazon" typed in the contact form is the company of the Amazon postings; a company
named for the first time here is made, without a profile.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from desktop.core.company_match import match_key
from desktop.core.contacts import ApplicationContact, Contact, ContactFields, ContactListing
from desktop.core.text import name_key
from desktop.storage.pipeline_sql import posting_exists, stored_time
from desktop.storage.record_errors import PostingMissing, RecordNotFound


class ContactMissing(RecordNotFound):
    """No contact with that id (deleted since, say)."""


_COLUMNS = "k.id, k.company_id, k.name, c.name, k.title, k.email, k.phone, k.link, k.note"
_FROM = "FROM contacts AS k JOIN companies AS c ON c.id = k.company_id"


def _contact(row: tuple) -> Contact:
    contact_id, company_id, name, company, title, email, phone, link, note = row
    return Contact(
        contact_id, company_id, ContactFields(name, company, title, email, phone, link, note)
    )


def company_id_for(conn: sqlite3.Connection, company: str) -> int:
    """The id of the company named ``company`` (any case or spacing); made when new."""
    key = name_key(company)
    row = conn.execute("SELECT id FROM companies WHERE name_key = ?", (key,)).fetchone()
    if row is not None:
        return int(row[0])
    # With its match key, as every other way a company is made: the re-apply warning and the
    # Insights employers find a company by it (a company first made for a contact, and later
    # applied to, was missed without it).
    cursor = conn.execute(
        "INSERT INTO companies (name, name_key, match_key, has_profile) VALUES (?, ?, ?, 0)",
        (company, key, match_key(company)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def contact(conn: sqlite3.Connection, contact_id: int) -> Contact:
    """The contact with this id. Raises ``ContactMissing``."""
    row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE k.id = ?", (contact_id,)).fetchone()
    if row is None:
        raise ContactMissing(f"Contact {contact_id} is not in the library (deleted since?).")
    return _contact(row)


def add_contact(
    conn: sqlite3.Connection, fields: ContactFields, at: datetime, *, contact_id: int | None = None
) -> Contact:
    """Store a contact (with ``contact_id``: put a deleted one back under its id)."""
    company_id = company_id_for(conn, fields.company)
    cursor = conn.execute(
        "INSERT INTO contacts (id, company_id, name, title, email, phone, link, note, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            contact_id,
            company_id,
            fields.name,
            fields.title,
            fields.email,
            fields.phone,
            fields.link,
            fields.note,
            stored_time(at),
            stored_time(at),
        ),
    )
    assert cursor.lastrowid is not None
    return contact(conn, cursor.lastrowid)


def update_contact(
    conn: sqlite3.Connection, contact_id: int, fields: ContactFields, at: datetime
) -> Contact:
    """Give a contact new fields; returns it as it was. Raises ``ContactMissing``."""
    before = contact(conn, contact_id)
    conn.execute(
        "UPDATE contacts SET company_id = ?, name = ?, title = ?, email = ?, phone = ?, "
        "link = ?, note = ?, updated_at = ? WHERE id = ?",
        (
            company_id_for(conn, fields.company),
            fields.name,
            fields.title,
            fields.email,
            fields.phone,
            fields.link,
            fields.note,
            stored_time(at),
            contact_id,
        ),
    )
    return before


def delete_contact(
    conn: sqlite3.Connection, contact_id: int
) -> tuple[Contact, list[tuple[int, str]]]:
    """Remove a contact and its roles; returns it and its (posting id, role) pairs, so it can
    be put back. Raises ``ContactMissing``."""
    before = contact(conn, contact_id)
    links = links_of(conn, contact_id)
    conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
    return before, links


def links_of(conn: sqlite3.Connection, contact_id: int) -> list[tuple[int, str]]:
    """The contact's (posting id, role) pairs."""
    rows = conn.execute(
        "SELECT posting_id, role FROM application_contacts WHERE contact_id = ? "
        "ORDER BY posting_id, role",
        (contact_id,),
    )
    return [(int(posting_id), role) for posting_id, role in rows]


def link(conn: sqlite3.Connection, contact_id: int, posting_id: int, role: str) -> bool:
    """Give the contact ``role`` in the posting's application; False when it already had it.
    Raises ``ContactMissing``, ``PostingMissing``."""
    contact(conn, contact_id)
    if not posting_exists(conn, posting_id):
        raise PostingMissing(f"Posting {posting_id} is not in the library (deleted since?).")
    cursor = conn.execute(
        "INSERT OR IGNORE INTO application_contacts (posting_id, contact_id, role) "
        "VALUES (?, ?, ?)",
        (posting_id, contact_id, role),
    )
    return cursor.rowcount == 1


def unlink(conn: sqlite3.Connection, contact_id: int, posting_id: int, role: str) -> bool:
    """Take the role away; False when the contact did not have it."""
    cursor = conn.execute(
        "DELETE FROM application_contacts WHERE posting_id = ? AND contact_id = ? AND role = ?",
        (posting_id, contact_id, role),
    )
    return cursor.rowcount == 1


def contacts_of_posting(conn: sqlite3.Connection, posting_id: int) -> list[ApplicationContact]:
    """The application's contacts with their roles, by name."""
    rows = conn.execute(
        f"SELECT {_COLUMNS}, a.role {_FROM} JOIN application_contacts AS a "
        "ON a.contact_id = k.id WHERE a.posting_id = ? ORDER BY lower(k.name), k.id, a.role",
        (posting_id,),
    )
    return [ApplicationContact(_contact(row[:-1]), row[-1]) for row in rows]


def contacts_of_company(conn: sqlite3.Connection, company: str) -> list[Contact]:
    """The contacts of the company named ``company`` (any case or spacing), by name."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} {_FROM} WHERE c.name_key = ? ORDER BY lower(k.name), k.id",
        (name_key(company),),
    )
    return [_contact(row) for row in rows]


def company_of_posting(conn: sqlite3.Connection, posting_id: int) -> str | None:
    row = conn.execute(
        "SELECT c.name FROM postings AS p JOIN companies AS c ON c.id = p.company_id "
        "WHERE p.id = ?",
        (posting_id,),
    ).fetchone()
    return None if row is None else str(row[0])


def listing(conn: sqlite3.Connection, search: str = "") -> list[ContactListing]:
    """Every contact (those whose name, company, role/title, e-mail, phone or note hold every
    word of ``search``), by name, each with the applications they are part of."""
    sql = f"SELECT {_COLUMNS} {_FROM}"
    parameters: list[object] = []
    words = search.split()
    if words:
        # Folded as Python folds (database.casefold): "jürgen" finds "JÜRGEN", "gross" "Groß".
        haystack = (
            "casefold(k.name || ' ' || c.name || ' ' || coalesce(k.title, '') || ' ' || "
            "coalesce(k.email, '') || ' ' || coalesce(k.phone, '') || ' ' || "
            "coalesce(k.note, ''))"
        )
        sql += " WHERE " + " AND ".join(f"instr({haystack}, ?) > 0" for _ in words)
        parameters += [word.casefold() for word in words]
    sql += " ORDER BY lower(k.name), k.id"
    contacts = [_contact(row) for row in conn.execute(sql, parameters)]
    applications = _applications(conn, [c.id for c in contacts])
    return [ContactListing(c, tuple(applications.get(c.id, ()))) for c in contacts]


def _applications(
    conn: sqlite3.Connection, contact_ids: Iterable[int]
) -> dict[int, list[tuple[int, str, str]]]:
    wanted = set(contact_ids)
    found: dict[int, list[tuple[int, str, str]]] = {}
    if not wanted:
        return found
    rows = conn.execute(
        "SELECT a.contact_id, a.posting_id, p.title, a.role FROM application_contacts AS a "
        "JOIN postings AS p ON p.id = a.posting_id ORDER BY a.posting_id, a.role"
    )
    for contact_id, posting_id, title, role in rows:
        if contact_id in wanted:
            found.setdefault(contact_id, []).append((posting_id, title, role))
    return found
