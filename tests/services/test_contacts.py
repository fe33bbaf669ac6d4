"""Contacts through the services, on a real file: a company's people, their roles in its
applications, every wrong field named, and what undo needs."""

from __future__ import annotations

import pytest

from desktop.core.contacts import ContactFields
from desktop.services import contacts, postings
from desktop.services.errors import NotFound
from desktop.services.library import Library
from tests.samples import amazon_document

DANA = ContactFields(
    name="Dana Reyes",
    company="amazon",
    title="Technical Recruiter",
    email="dana@amazon.example",
    phone="+1 (206) 555-0100",
    link="www.linkedin.com/in/dana",
    note="Met at the career fair",
)


def test_a_contact_joins_the_company_of_its_postings_and_comes_back_whole(db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    added = contacts.add_contact(db, DANA)
    stored = added.value
    assert added.changes.people == {stored.id}
    assert stored.fields.company == "Amazon"  # the company the posting made, found by its key
    assert stored.fields.link == "https://www.linkedin.com/in/dana"
    assert contacts.get_contact(db, stored.id) == stored
    assert contacts.contacts_of_company(db, " AMAZON ") == [stored]
    assert contacts.company_of_posting(db, posting_id) == "Amazon"


def test_a_new_company_is_made_for_a_contact(db: Library) -> None:
    stored = contacts.add_contact(db, ContactFields(name="Sam", company="Tiny Startup")).value
    assert [c.name for c in contacts.contacts_of_company(db, "tiny startup")] == ["Sam"]
    assert stored.fields.email is None


def test_every_wrong_field_is_named_and_nothing_is_saved(db: Library) -> None:
    bad = ContactFields(name=" ", company="Acme", email="dana@", link="javascript:alert(1)")
    with pytest.raises(contacts.InvalidContact) as caught:
        contacts.add_contact(db, bad)
    message = str(caught.value)
    assert "needs a name" in message
    assert "e-mail 'dana@'" in message
    assert "profile link 'javascript:alert(1)'" in message
    with pytest.raises(contacts.InvalidContact, match="phone 'call me'"):
        contacts.add_contact(db, ContactFields(name="A", company="B", phone="call me"))
    assert contacts.list_contacts(db) == []


def test_roles_in_applications_are_listed_both_ways(db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    dana = contacts.add_contact(db, DANA).value
    changes = contacts.link_contact(db, dana.id, posting_id, "Hiring-Manager")
    assert changes.contacts == {posting_id} and changes.people == {dana.id}
    contacts.link_contact(db, dana.id, posting_id, "interviewer")
    contacts.link_contact(db, dana.id, posting_id, "interviewer")  # twice: no second row
    shown = contacts.contacts_of_posting(db, posting_id)
    assert [(a.contact.name, a.role) for a in shown] == [
        ("Dana Reyes", "hiring manager"),
        ("Dana Reyes", "interviewer"),
    ]
    (listed,) = contacts.list_contacts(db)
    assert [role for _, _, role in listed.applications] == ["hiring manager", "interviewer"]
    contacts.unlink_contact(db, dana.id, posting_id, "interviewer")
    assert [a.role for a in contacts.contacts_of_posting(db, posting_id)] == ["hiring manager"]


def test_an_unknown_role_or_missing_record_is_named(db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    dana = contacts.add_contact(db, DANA).value
    with pytest.raises(contacts.InvalidContact, match="Unknown role 'boss'"):
        contacts.link_contact(db, dana.id, posting_id, "boss")
    with pytest.raises(NotFound, match="Posting 999"):
        contacts.link_contact(db, dana.id, 999, "recruiter")
    with pytest.raises(contacts.ContactNotFound, match="Contact 77"):
        contacts.link_contact(db, 77, posting_id, "recruiter")


def test_search_matches_every_word_in_name_company_title_and_note(db: Library) -> None:
    contacts.add_contact(db, DANA)
    contacts.add_contact(db, ContactFields(name="Lee Park", company="Stripe", title="Engineer"))
    assert [c.contact.name for c in contacts.list_contacts(db, "recruiter amazon")] == [
        "Dana Reyes"
    ]
    assert [c.contact.name for c in contacts.list_contacts(db, "career")] == ["Dana Reyes"]
    assert [c.contact.name for c in contacts.list_contacts(db, "stripe")] == ["Lee Park"]
    assert contacts.list_contacts(db, "100%") == []


def test_search_folds_letters_beyond_ascii_as_the_user_types_them(db: Library) -> None:
    """SQLite's lower() and LIKE fold ASCII only: "jürgen" did not find "JÜRGEN"."""
    contacts.add_contact(db, ContactFields(name="JÜRGEN GROß", company="Zalando"))
    contacts.add_contact(db, ContactFields(name="Lee Park", company="Stripe"))
    for typed in ("jürgen", "Jürgen", "groß", "gross", "JÜRGEN zalando"):
        assert [c.contact.name for c in contacts.list_contacts(db, typed)] == ["JÜRGEN GROß"]
    assert contacts.list_contacts(db, "_") == []  # no pattern characters in a plain search


def test_update_returns_the_old_contact_and_delete_can_be_undone(db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    dana = contacts.add_contact(db, DANA).value
    contacts.link_contact(db, dana.id, posting_id, "recruiter")
    before = contacts.update_contact(db, dana.id, ContactFields(name="Dana R.", company="Amazon"))
    assert before.value == dana and before.changes.contacts == {posting_id}
    assert contacts.get_contact(db, dana.id).fields.email is None
    contacts.update_contact(db, dana.id, before.value.fields)
    deleted = contacts.delete_contact(db, dana.id)
    assert contacts.contacts_of_posting(db, posting_id) == []
    contacts.restore_contact(db, deleted.value)
    assert contacts.get_contact(db, dana.id) == dana
    assert [a.role for a in contacts.contacts_of_posting(db, posting_id)] == ["recruiter"]


def test_deleting_a_posting_takes_its_roles_but_keeps_the_person(db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    dana = contacts.add_contact(db, DANA).value
    contacts.link_contact(db, dana.id, posting_id, "referrer")
    postings.delete_posting(db, posting_id)
    (listed,) = contacts.list_contacts(db)
    assert listed.contact == dana and listed.applications == ()


def test_contact_ids_are_not_posting_ids_in_changes() -> None:
    from desktop.services.changes import Changes, Kind

    changes = Changes(people=frozenset({5}))
    assert changes.kinds == {Kind.CONTACTS}
    assert not changes.touches(5)
    merged = changes.merged(Changes(deleted=frozenset({5})))
    assert merged.people == {5} and merged.deleted == {5}
