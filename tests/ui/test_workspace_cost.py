"""Clicking through applications with the workspace open, as a person does: each posting shows
its own notes, contacts and documents (the cards are filled again, never left over from the
posting before), the tabs out of sight keep their titles right from one count, and the posting's
page behind another tab is built when that tab is shown, with the posting then selected."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.contacts import ContactFields
from desktop.services import application_facts, contacts, documents, notes, postings
from desktop.services.library import Library
from tests.samples import amazon_document


def _three_postings(db: Library, tmp_path: Path) -> tuple[int, int, int]:
    many = postings.create_posting(db, amazon_document(title="Many notes")).value
    few = postings.create_posting(db, amazon_document(title="Few notes", url=None)).value
    none = postings.create_posting(
        db, amazon_document(title="No notes", url="https://x.example/3")
    ).value
    for n in range(4):
        notes.add_note(db, many, f"many {n}")
    notes.add_note(db, few, "few 0")
    dana = contacts.add_contact(db, ContactFields(name="Dana Reyes", company="Amazon")).value
    contacts.link_contact(db, dana.id, many, "recruiter")
    contacts.link_contact(db, dana.id, many, "interviewer")
    sam = contacts.add_contact(db, ContactFields(name="Sam Okafor", company="Amazon")).value
    contacts.link_contact(db, sam.id, few, "referrer")
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(b"%PDF-1.7 resume")
    documents.attach_document(db, many, resume, label="Resume v3")
    documents.attach_document(db, many, resume, label="Resume v4")
    application_facts.change_facts(db, few, rating=4)
    return many, few, none


def test_notes_cards_show_each_posting_own_notes_as_the_user_clicks_through(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    many, few, none = _three_postings(db, tmp_path)
    window = make_window()
    side = window.side
    panel = side.workspace["notes"]
    side.tabs.setCurrentWidget(panel)
    window.select(many)
    assert [c.note.text for c in panel.cards] == ["many 3", "many 2", "many 1", "many 0"]
    made = list(panel.cards)
    panel.cards[0].start_editing()  # an edit under way is not carried to the next posting
    window.select(few)
    assert [c.note.text for c in panel.cards] == ["few 0"]
    assert panel.cards[0] is made[0]  # filled again, not made again
    assert panel.cards[0].editor is not None and not panel.cards[0].editor.isVisible()
    assert panel.cards[0].text.isVisible()
    shown = [w.text() for w in panel.findChildren(QLabel, "note-text") if w.isVisible()]
    assert shown == ['<span style="white-space: pre-wrap">few 0</span>']
    # The cards not needed are hidden and named nothing: a look-up by name finds only these.
    assert [c.objectName() for c in made[1:]] == ["", "", ""]
    assert all(not c.isVisible() for c in made[1:])
    window.select(none)
    assert panel.cards == [] and panel.empty.isVisible()
    window.select(many)
    assert [c.note.text for c in panel.cards] == ["many 3", "many 2", "many 1", "many 0"]
    assert all(c.isVisible() for c in panel.cards)
    # The delete button of a card filled again deletes the note it now shows.
    panel.cards[1].delete_button.click()
    assert [n.text for n in notes.list_notes(db, many)] == ["many 3", "many 1", "many 0"]


def test_contacts_and_documents_cards_filled_again_act_on_what_they_show(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    many, few, _none = _three_postings(db, tmp_path)
    window = make_window()
    side = window.side
    people = side.workspace["contacts"]
    side.tabs.setCurrentWidget(people)
    window.select(many)
    assert [(c.contact.name, c.roles) for c in people.cards] == [
        ("Dana Reyes", ["interviewer", "recruiter"])
    ]
    window.select(few)
    (card,) = people.cards
    assert (card.contact.name, card.roles) == ("Sam Okafor", ["referrer"])
    qtbot.waitUntil(lambda: card.findChild(object, "role-interviewer") is None)
    card.findChild(object, "role-referrer").click()  # the chip made for Sam, on few
    assert contacts.contacts_of_posting(db, few) == []
    assert len(contacts.contacts_of_posting(db, many)) == 2
    files = side.workspace["documents"]
    side.tabs.setCurrentWidget(files)
    window.select(many)
    assert [c.document.label for c in files.cards] == ["Resume v4", "Resume v3"]
    window.select(few)
    assert files.cards == [] and files.empty.isVisible()


def test_tabs_out_of_sight_are_titled_from_one_count_and_read_when_shown(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    many, few, none = _three_postings(db, tmp_path)
    window = make_window()
    side, tabs = window.side, window.side.tabs

    def titles() -> list[str]:
        return [tabs.tabText(i) for i in range(tabs.count())]

    window.select(many)
    assert titles() == ["Posting", "Application", "Notes (4)", "Contacts (1)", "Documents (2)"]
    assert side.workspace["notes"].cards == []  # counted, not read
    window.select(few)
    assert titles() == ["Posting", "Application ★★★★", "Notes (1)", "Contacts (1)", "Documents"]
    window.select(none)
    assert titles() == ["Posting", "Application", "Notes", "Contacts", "Documents"]
    window.select(few)
    tabs.setCurrentWidget(side.workspace["facts"])  # read when shown
    assert side.workspace["facts"].rating.currentIndex() == 4


def test_the_posting_behind_another_tab_is_built_when_its_tab_is_shown(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    many, few, _none = _three_postings(db, tmp_path)
    window = make_window()
    side = window.side
    window.select(many)
    side.tabs.setCurrentWidget(side.workspace["notes"])
    window.select(few)
    assert side.detail.posting_id == few
    side.tabs.setCurrentWidget(side.detail)
    title = side.detail.findChild(QLabel, "detail-title")
    assert title is not None and title.text() == "Few notes" and title.isVisible()
    # Asked while behind the notes, the pane answers for the posting selected.
    side.tabs.setCurrentWidget(side.workspace["notes"])
    window.select(many)
    header = side.detail.section("header")
    assert header is not None
    assert header.findChild(QLabel, "detail-title").text() == "Many notes"
