"""An application's notes, contacts, documents, facts and labels read together for the JSON export,
and written back by ``jobdeck import`` of an export (plain SQL on ``sqlite3``)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from desktop.core.application_facts import StoredFacts
from desktop.core.application_record import (
    ApplicationRecord,
    ContactRecord,
    DocumentRecord,
    LabelRecord,
    NoteRecord,
)
from desktop.core.bounds import readable_datetime
from desktop.core.contacts import ContactFields, checked_contact, role_word
from desktop.core.notes import note_text
from desktop.core.text import name_key
from desktop.storage import (
    contact_records,
    document_records,
    fact_records,
    label_records,
    note_records,
)
from desktop.storage.pipeline_sql import stored_time


def by_posting(conn: sqlite3.Connection) -> dict[int, ApplicationRecord]:
    """Every application that has any notes, contacts, documents or facts, by posting id."""
    notes: dict[int, list[NoteRecord]] = {}
    for posting_id, text, created, updated in conn.execute(
        "SELECT posting_id, text, created_at, updated_at FROM notes ORDER BY created_at, id"
    ):
        created_at = readable_datetime(created)
        if created_at is not None:
            updated_at = readable_datetime(updated) or created_at
            notes.setdefault(posting_id, []).append(NoteRecord(text, created_at, updated_at))
    contacts: dict[int, dict[int, tuple[ContactFields, list[str]]]] = {}
    for row in conn.execute(
        "SELECT a.posting_id, k.id, k.name, c.name, k.title, k.email, k.phone, k.link, k.note, "
        "a.role FROM application_contacts AS a JOIN contacts AS k ON k.id = a.contact_id "
        "JOIN companies AS c ON c.id = k.company_id ORDER BY a.posting_id, lower(k.name), a.role"
    ):
        posting_id, contact_id, *fields, role = row
        entry = contacts.setdefault(posting_id, {}).setdefault(
            contact_id, (ContactFields(*fields), [])
        )
        entry[1].append(role)
    documents: dict[int, list[DocumentRecord]] = {}
    for posting_id, label, file_name, sha256, size, sent in conn.execute(
        "SELECT posting_id, label, file_name, sha256, size, sent_on FROM documents ORDER BY id"
    ):
        sent_on = date.fromisoformat(sent) if sent else None
        documents.setdefault(posting_id, []).append(
            DocumentRecord(label, file_name, sha256, size, sent_on)
        )
    facts: dict[int, tuple[datetime | None, int | None, bool | None]] = {}
    for posting_id, applied, rating, referral in conn.execute(
        "SELECT posting_id, applied_at, rating, referral FROM application_facts"
    ):
        facts[posting_id] = (
            readable_datetime(applied),
            rating,
            None if referral is None else bool(referral),
        )
    labels: dict[int, list[LabelRecord]] = {}
    for posting_id, name, color in conn.execute(
        "SELECT pl.posting_id, l.name, l.color FROM posting_labels AS pl "
        "JOIN labels AS l ON l.id = pl.label_id ORDER BY pl.posting_id, l.name_key"
    ):
        labels.setdefault(posting_id, []).append(LabelRecord(name, color))
    found: dict[int, ApplicationRecord] = {}
    for posting_id in set(notes) | set(contacts) | set(documents) | set(facts) | set(labels):
        applied_at, rating, referral = facts.get(posting_id, (None, None, None))
        found[posting_id] = ApplicationRecord(
            tuple(notes.get(posting_id, ())),
            tuple(
                ContactRecord(fields, tuple(roles))
                for fields, roles in contacts.get(posting_id, {}).values()
            ),
            tuple(documents.get(posting_id, ())),
            applied_at,
            rating,
            referral,
            tuple(labels.get(posting_id, ())),
        )
    return found


def import_record(
    conn: sqlite3.Connection, posting_id: int, record: ApplicationRecord, now: datetime
) -> list[str]:
    """Put an exported application's records on the posting: notes not already there (a note
    with the same text is the same note, whenever it was written: a tracker's row read again,
    an export imported twice), contacts found by company and name or made (each checked as the
    form checks it; a wrong one is left out), their roles, documents by hash, and the facts.
    Returns what was added or set, a phrase each ("note “…”", "contact Dana Reyes as
    recruiter"): empty when the posting had it all."""
    added: list[str] = []
    have = {n.text for n in note_records.notes_of(conn, posting_id)} if record.notes else set()
    for n in record.notes:
        try:
            text = note_text(n.text)
        except ValueError:
            continue
        if text not in have:
            conn.execute(
                "INSERT INTO notes (posting_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (posting_id, text, stored_time(n.created_at), stored_time(n.updated_at)),
            )
            have.add(text)
            added.append(f"note “{_shortened(text)}”")
    if added:
        note_records.reindex(conn, posting_id)
    for c in record.contacts:
        try:
            fields = checked_contact(c.fields)
            roles = [role_word(role) for role in c.roles]
        except ValueError:
            continue
        known = {
            name_key(k.name): k for k in contact_records.contacts_of_company(conn, fields.company)
        }
        contact = known.get(name_key(fields.name))
        if contact is None:
            contact = contact_records.add_contact(conn, fields, now)
            added.append(f"contact {fields.name} at {fields.company}")
        for role in roles:
            if contact_records.link(conn, contact.id, posting_id, role):
                added.append(f"{fields.name} as {role}")
    have_documents = {(d.sha256, d.label) for d in document_records.documents_of(conn, posting_id)}
    for d in record.documents:
        if (d.sha256, d.label) not in have_documents:
            document_records.add_document(
                conn, posting_id, d.sha256, d.file_name, d.label, d.sent_on, d.size, now
            )
            added.append(f"document {d.file_name}")
    if record.labels:
        carried = label_records.carried_ids(conn, posting_id)
        for label in record.labels:
            found = label_records.label_named(conn, label.name)
            label_id = found.id if found else label_records.add_label(conn, label.name, label.color)
            if label_id not in carried:
                carried.append(label_id)
        if label_records.set_labels(conn, posting_id, carried) != sorted(carried):
            added.append("labels " + ", ".join(label.name for label in record.labels))
    if (record.applied_at, record.rating, record.referral) != (None, None, None):
        facts = StoredFacts(record.applied_at, record.rating, record.referral)
        if fact_records.set_facts(conn, posting_id, facts) != facts:
            added.append("the application's facts")
    return added


def _shortened(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
