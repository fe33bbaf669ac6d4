"""Contacts out as vCards and back in: every field round-trips, wrong cards are named and
nothing is half-imported, a contact already there is not doubled."""

from __future__ import annotations

import pytest

from desktop.core.contacts import ContactFields
from desktop.services import contacts, vcards
from desktop.services.library import Library

DANA = ContactFields(
    name="Dana Reyes",
    company="Amazon",
    title="Technical Recruiter",
    email="dana@amazon.example",
    phone="+1 206 555 0100",
    link="https://www.linkedin.com/in/dana",
    note="Met at the fair;\nprefers mail, not calls",
)
LEE = ContactFields(name="Lee Park", company="Stripe, Inc.", title="Engineering Manager")


def test_every_field_survives_a_round_trip_into_another_library(db: Library, tmp_path) -> None:
    contacts.add_contact(db, DANA)
    contacts.add_contact(db, LEE)
    text = vcards.export_vcards(db)
    assert text.count("BEGIN:VCARD") == 2 and "ORG:Amazon" in text
    from desktop.services.library import open_library

    other = open_library(tmp_path / "other")
    try:
        done = vcards.import_vcards(other, text)
        assert len(done.value.added) == 2 and done.changes.people
        got = {c.contact.fields for c in contacts.list_contacts(other)}
        assert got == {DANA, LEE}
    finally:
        other.close()


def test_a_contact_already_there_is_skipped(db: Library) -> None:
    stored = contacts.add_contact(db, DANA).value
    text = vcards.export_vcards(db, [stored.id])
    done = vcards.import_vcards(db, text).value
    assert done.added == () and done.skipped == ("Dana Reyes (Amazon)",)
    assert len(contacts.list_contacts(db)) == 1


CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nN:One;Good;;;\r\nORG:Acme\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Mail\r\nN:Mail;Bad;;;\r\nORG:Acme\r\n"
    "EMAIL:bad@\r\nEND:VCARD\r\n"
)


def test_a_wrong_card_is_named_and_none_is_imported(db: Library) -> None:
    with pytest.raises(contacts.InvalidContact, match=r"Card 2 \(Bad Mail\).*e-mail 'bad@'"):
        vcards.import_vcards(db, CARDS)
    assert contacts.list_contacts(db) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("hello, not a card", "not a vCard file|holds no vCards"),
        ("", "holds no vCards"),
        ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Org\r\nEND:VCARD\r\n", r"Card 1 \(No Org\).*company"),
    ],
)
def test_text_that_is_not_usable_is_refused_by_reason(db: Library, text: str, words: str) -> None:
    with pytest.raises(contacts.InvalidContact, match=words):
        vcards.import_vcards(db, text)


def test_a_contact_added_for_an_application_takes_its_role(db: Library) -> None:
    from desktop.services import postings
    from tests.samples import amazon_document

    posting_id = postings.create_posting(db, amazon_document()).value
    added = contacts.add_contact(db, DANA, posting_id=posting_id, role="referrer")
    assert added.changes.contacts == {posting_id}
    assert [a.role for a in contacts.contacts_of_posting(db, posting_id)] == ["referrer"]
