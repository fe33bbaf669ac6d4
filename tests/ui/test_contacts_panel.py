"""The contacts tab beside the posting, as a person uses it: pick a contact of the company or
add a new one with a role, edit, take off the application, undo; wrong fields named in the
form; only mailto/tel/http(s) links."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.contacts import ContactFields
from desktop.services import contacts, postings
from desktop.services.library import Library
from desktop.ui.views.contacts_panel import ContactsPanel, contact_links_markup
from tests.samples import amazon_document

DANA = ContactFields(name="Dana Reyes", company="Amazon", title="Recruiter", email="d@a.example")


def _tab(window) -> ContactsPanel:
    panel = window.side.workspace["contacts"]
    window.side.tabs.setCurrentWidget(panel)
    return panel


def _shown(panel: ContactsPanel) -> list[tuple[str, list[str]]]:
    return [(card.contact.name, card.roles) for card in panel.cards]


def test_a_company_contact_is_picked_with_a_role_and_undone(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    contacts.add_contact(db, DANA)
    contacts.add_contact(db, ContactFields(name="Other Person", company="Stripe"))
    window = make_window()
    panel = _tab(window)
    assert panel.empty.isVisible()
    assert [panel.known.itemText(i) for i in range(panel.known.count())] == [
        "Dana Reyes (Recruiter)"
    ]
    panel.role.setCurrentText("hiring manager")
    panel.link_button.click()
    assert _shown(panel) == [("Dana Reyes", ["hiring manager"])]
    assert window.side.tabs.tabText(window.side.tabs.indexOf(panel)) == "Contacts (1)"
    window.action("window.undo").trigger()
    assert _shown(panel) == [] and contacts.contacts_of_posting(db, posting_id) == []


def test_a_new_contact_is_added_with_its_role_and_wrong_fields_are_named(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    window = make_window()
    panel = _tab(window)
    panel.new_button.click()
    form = panel.form
    assert form is not None and form.company.text() == "Amazon"
    form.name.setText("Priya Shah")
    form.email.setText("priya@")
    form.link.setText("javascript:alert(1)")
    form.role.setCurrentText("referrer")
    form.save()
    assert form.isVisible()
    assert "e-mail 'priya@'" in form.error.text()
    assert "profile link" in form.error.text()
    assert contacts.list_contacts(db) == []
    form.email.setText("priya@amazon.example")
    form.link.setText("linkedin.com/in/priya")
    form.save()
    qtbot.waitUntil(lambda: not form.isVisible())
    assert _shown(panel) == [("Priya Shah", ["referrer"])]
    (stored,) = contacts.contacts_of_posting(db, posting_id)
    assert stored.contact.fields.link == "https://linkedin.com/in/priya"
    window.action("window.undo").trigger()
    assert contacts.list_contacts(db) == [] and _shown(panel) == []


def test_editing_and_removing_a_role_go_through_undo(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    dana = contacts.add_contact(db, DANA).value
    contacts.link_contact(db, dana.id, posting_id, "recruiter")
    contacts.link_contact(db, dana.id, posting_id, "interviewer")
    window = make_window()
    panel = _tab(window)
    assert _shown(panel) == [("Dana Reyes", ["interviewer", "recruiter"])]
    panel.edit_contact(dana.id)
    form = panel.form
    form.title_field.setText("Senior Recruiter")
    form.save()
    qtbot.waitUntil(lambda: not form.isVisible())
    assert contacts.get_contact(db, dana.id).fields.title == "Senior Recruiter"
    panel.cards[0].findChild(object, "role-interviewer").click()
    assert _shown(panel) == [("Dana Reyes", ["recruiter"])]
    window.action("window.undo").trigger()
    assert _shown(panel) == [("Dana Reyes", ["interviewer", "recruiter"])]
    window.action("window.undo").trigger()
    assert contacts.get_contact(db, dana.id).fields.title == "Recruiter"


def test_contact_text_is_plain_and_links_are_only_safe_kinds() -> None:
    from desktop.core.contacts import Contact

    contact = Contact(
        1,
        1,
        ContactFields(
            name="<b>X</b>",
            company="Y",
            email="a@b.example",
            phone="+1 555 0100",
            link="https://x.example/<script>",
        ),
    )
    markup = contact_links_markup(contact)
    assert '<a href="mailto:a@b.example">' in markup
    assert '<a href="tel:+15550100">' in markup
    assert "<script>" not in markup and "&lt;script&gt;" in markup
