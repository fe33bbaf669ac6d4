"""The notes tab beside the posting, used as a person would: write, edit, delete, undo, and
search by a note; links are offered only for the kinds Jobdeck opens, text stays plain."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services import notes, postings
from desktop.services.library import Library
from desktop.ui.views.notes_panel import NotesPanel, note_markup
from tests.samples import amazon_document
from tests.startup.test_paint_first import _fresh_python


def _notes_tab(window) -> NotesPanel:
    window.action("side.note").trigger()
    panel = window.side.workspace["notes"]
    assert window.side.tabs.currentWidget() is panel
    return panel


def _texts(panel: NotesPanel) -> list[str]:
    return [card.note.text for card in panel.cards]


def test_a_note_written_in_the_tab_is_listed_saved_and_undone(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    window = make_window()
    panel = _notes_tab(window)
    assert panel.empty.isVisible()
    window.activateWindow()
    qtbot.waitUntil(panel.editor.hasFocus)
    qtbot.keyClicks(panel.editor, "Phone screen with Dana")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _texts(panel) == ["Phone screen with Dana"]
    assert panel.editor.toPlainText() == ""
    assert window.side.tabs.tabText(window.side.tabs.indexOf(panel)) == "Notes (1)"
    assert [n.text for n in notes.list_notes(db, posting_id)] == ["Phone screen with Dana"]
    window.action("window.undo").trigger()
    assert _texts(panel) == [] and notes.list_notes(db, posting_id) == []
    assert window.side.tabs.tabText(window.side.tabs.indexOf(panel)) == "Notes"
    window.action("window.redo").trigger()
    assert _texts(panel) == ["Phone screen with Dana"]


def test_an_empty_note_is_named_in_the_panel_and_nothing_saved(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    window = make_window()
    panel = _notes_tab(window)
    qtbot.keyClicks(panel.editor, "   ")
    panel.add_button.click()
    assert panel.error.isVisible() and "needs some text" in panel.error.text()
    assert notes.list_notes(db, posting_id) == []
    assert not window.undo_stack.canUndo()


def test_editing_and_deleting_a_note_undo_step_by_step(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    notes.add_note(db, posting_id, "old text")
    window = make_window()
    panel = _notes_tab(window)
    (card,) = panel.cards
    card.edit_button.click()
    assert card.editor is not None and card.editor.toPlainText() == "old text"
    card.editor.setPlainText("new text")
    card.findChild(object, "note-save").click()
    assert _texts(panel) == ["new text"]
    panel.cards[0].delete_button.click()
    assert _texts(panel) == [] and notes.list_notes(db, posting_id) == []
    window.action("window.undo").trigger()
    assert _texts(panel) == ["new text"]
    window.action("window.undo").trigger()
    assert _texts(panel) == ["old text"]


def test_the_panel_follows_the_selection_and_changes_from_elsewhere(
    qtbot: QtBot, make_window, db: Library
) -> None:
    first = postings.create_posting(db, amazon_document()).value
    second = postings.create_posting(
        db, amazon_document(title="Backend Engineer", company="Stripe", company_profile=None)
    ).value
    notes.add_note(db, first, "about the first")
    window = make_window()
    panel = _notes_tab(window)
    window.select(first)
    assert _texts(panel) == ["about the first"]
    window.select(second)
    assert _texts(panel) == [] and panel.posting_id == second
    # a change made elsewhere (another part, an import) arrives through the door
    window.operations.run("Add note", lambda: notes.add_note(db, second, "from elsewhere"))
    assert _texts(panel) == ["from elsewhere"]


def test_the_search_box_finds_a_posting_by_its_note(qtbot: QtBot, make_window, db: Library) -> None:
    first = postings.create_posting(db, amazon_document()).value
    postings.create_posting(
        db, amazon_document(title="Backend Engineer", company="Stripe", company_profile=None)
    )
    window = make_window()
    window.select(first)
    panel = _notes_tab(window)
    qtbot.keyClicks(panel.editor, "Referral from Priyanka")
    panel.add_button.click()
    window.action("list.find").trigger()
    qtbot.keyClicks(window.list_page.search, "priyanka")
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1)
    assert window.selected_id() == first


def test_note_text_is_plain_and_only_safe_links_are_live() -> None:
    markup = note_markup(
        '<b>bold?</b> <img src="x"> https://a.example/x?q=1&r=2 javascript:alert(1)'
    )
    assert "<b>" not in markup and "<img" not in markup
    assert "&lt;b&gt;bold?&lt;/b&gt;" in markup
    assert '<a href="https://a.example/x?q=1&amp;r=2">' in markup
    assert markup.count("<a ") == 1


def test_the_workspace_is_made_only_after_the_first_paint(db: Library, data_dir: Path) -> None:
    postings.create_posting(db, amazon_document())
    db.close()
    seen = _fresh_python(
        """
        import json, sys
        from pathlib import Path
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        from desktop.services.library import open_library
        from desktop.ui.main_window import MainWindow

        app = QApplication([])
        settings = QSettings(sys.argv[1] + "/w.ini", QSettings.Format.IniFormat)
        window = MainWindow(open_library(Path(sys.argv[1])), settings, paint_first=True)
        before = "desktop.ui.views.notes_panel" in sys.modules
        window.finish_start_up()
        after = "desktop.ui.views.notes_panel" in sys.modules
        print(json.dumps([before, after, window.side.tabs.count()]))
        """,
        str(data_dir),
    )
    assert seen == [False, True, 5]


def test_a_hidden_tab_only_counts_until_it_is_shown(qtbot: QtBot, make_window, db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    notes.add_note(db, posting_id, "one")
    notes.add_note(db, posting_id, "two")
    window = make_window()
    panel = window.side.workspace["notes"]
    assert window.side.tabs.currentWidget() is window.side.detail
    assert window.side.tabs.tabText(window.side.tabs.indexOf(panel)) == "Notes (2)"
    assert panel.cards == []  # not read: selecting a posting costs only the count
    window.side.tabs.setCurrentWidget(panel)
    assert _texts(panel) == ["two", "one"]
