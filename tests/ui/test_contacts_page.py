"""The contacts page (Ctrl+5): everyone with their company and applications, searchable; new,
edit, delete with undo; vCards out and back in. qtmodeltester checks its model."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.contacts import ContactFields
from desktop.services import contacts, postings
from desktop.services.library import Library
from desktop.ui.contacts_page import ContactsPage
from desktop.ui.models.contact_table_model import COL_APPLICATIONS, COL_COMPANY, COL_NAME
from tests.samples import amazon_document

DANA = ContactFields(name="Dana Reyes", company="Amazon", title="Recruiter", email="d@a.example")
LEE = ContactFields(name="Lee Park", company="Stripe", title="Engineering Manager")


def _page(window) -> ContactsPage:
    window.action("page.contacts").trigger()
    page = next(p for p in window.parts.pages if p.key == "contacts").page()
    assert window.current_page().key == "contacts"
    return page


def _names(page: ContactsPage) -> list[str]:
    model = page.model
    return [model.data(model.index(row, COL_NAME)) for row in range(model.rowCount())]


def test_everyone_is_listed_with_company_and_applications(
    qtbot: QtBot, qtmodeltester, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    dana = contacts.add_contact(db, DANA).value
    contacts.add_contact(db, LEE)
    contacts.link_contact(db, dana.id, posting_id, "recruiter")
    window = make_window()
    page = _page(window)
    qtmodeltester.check(page.model)
    assert _names(page) == ["Dana Reyes", "Lee Park"]
    model = page.model
    assert model.data(model.index(0, COL_COMPANY)) == "Amazon"
    assert model.data(model.index(0, COL_APPLICATIONS)) == f"{amazon_document().title} (recruiter)"
    assert window.selected_id() is None  # a contact is not a posting
    qtbot.keyClicks(page.search, "stripe manager")
    qtbot.waitUntil(lambda: _names(page) == ["Lee Park"])


def test_new_edit_and_delete_go_through_the_door_with_undo(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    page = _page(window)
    page.new_button.click()
    form = page.form
    form.name.setText("Sam Lee")
    form.save()
    assert "needs a company" in form.error.text() and form.isVisible()
    form.company.setText("Acme")
    form.save()
    qtbot.waitUntil(lambda: not form.isVisible())
    assert _names(page) == ["Sam Lee"]
    assert page.selected_contact_ids() == [contacts.list_contacts(db)[0].contact.id]
    page.edit_button.click()
    page.form.phone.setText("+44 20 7946 0000")
    page.form.save()
    assert contacts.list_contacts(db)[0].contact.fields.phone == "+44 20 7946 0000"

    page.delete_button.click()
    box = window.findChild(QMessageBox, "confirm-box")
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    delete.click()
    qtbot.waitUntil(lambda: _names(page) == [])
    window.action("window.undo").trigger()
    assert _names(page) == ["Sam Lee"]
    assert contacts.list_contacts(db)[0].contact.fields.phone == "+44 20 7946 0000"


def test_vcards_go_out_and_come_back_in(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    contacts.add_contact(db, DANA)
    contacts.add_contact(db, LEE)
    window = make_window()
    page = _page(window)
    out = tmp_path / "people.vcf"
    page.ask_save_path = lambda _parent: out
    page.export_button.click()
    assert out.read_text().count("BEGIN:VCARD") == 2
    for listed in contacts.list_contacts(db):
        contacts.delete_contact(db, listed.contact.id)
    page.ask_open_path = lambda _parent: out
    page.import_button.click()
    assert _names(page) == ["Dana Reyes", "Lee Park"]
    window.action("window.undo").trigger()
    assert _names(page) == [] and contacts.list_contacts(db) == []


def test_a_broken_vcard_file_is_named_and_nothing_imported(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.vcf"
    bad.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nobody\r\nEND:VCARD\r\n")
    window = make_window()
    page = _page(window)
    page.ask_open_path = lambda _parent: bad
    page.import_button.click()
    box = window.findChild(QMessageBox, "error-box")
    assert box is not None and "Card 1 (Nobody)" in box.text() and "company" in box.text()
    box.close()
    assert contacts.list_contacts(db) == []
