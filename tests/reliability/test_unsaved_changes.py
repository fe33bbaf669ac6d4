"""Closing the posting form with unsaved changes asks first; untouched, it just closes.

``GuardedForm`` is ``PostingForm`` with the hook the report gives for posting_form.py, applied
as a subclass: the lines are the same, so this is what the form will do once it is wired.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.posting import PostingDocument
from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.dialogs.posting_form import PostingForm
from desktop.ui.dialogs.unsaved_changes import UnsavedChanges
from desktop.ui.operations import Operations
from desktop.ui.removed_postings import RemovedPostings
from tests.samples import amazon_document


class GuardedForm(PostingForm):
    def __init__(
        self, db: Library, original: PostingDocument | None = None, parent: QWidget | None = None
    ) -> None:
        operations = Operations(db, parent, QUndoStack())
        super().__init__(operations, RemovedPostings(db), original, parent)
        self.unsaved = UnsavedChanges(self)  # after the fields are filled

    def reject(self) -> None:  # Cancel, Escape and the window's close button all come here
        self.unsaved.close_or_ask(lambda: QDialog.reject(self))


def _form(qtbot: QtBot, db: Library, original: PostingDocument | None = None) -> GuardedForm:
    form = GuardedForm(db, original)
    qtbot.addWidget(form)
    form.open()
    qtbot.waitExposed(form)
    return form


def _click(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def test_an_untouched_form_closes_without_a_question(qtbot: QtBot, db: Library) -> None:
    form = _form(qtbot, db)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert form.unsaved.box is None


def test_closing_with_changes_asks_and_keeps_them_unless_discarded(
    qtbot: QtBot, db: Library
) -> None:
    saved = postings.create_posting(db, amazon_document()).value
    form = _form(qtbot, db, postings.get_posting(db, saved))
    form.editor.title.setText("A better title")

    form.close()  # the window's close button
    box = form.unsaved.box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert form.isVisible()
    assert "lose those changes" in box.text()
    _click(box, "Cancel")
    qtbot.waitUntil(lambda: form.unsaved.box is None)
    assert form.isVisible() and form.editor.title.text() == "A better title"

    qtbot.keyClick(form, Qt.Key.Key_Escape)
    box = form.unsaved.box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    _click(box, "Discard changes")
    qtbot.waitUntil(lambda: not form.isVisible())
    assert postings.get_posting(db, saved).title != "A better title"


def test_a_half_typed_invalid_value_counts_as_a_change(qtbot: QtBot, db: Library) -> None:
    form = _form(qtbot, db)
    form.editor.posted.setText("20")  # not a date yet
    assert form.unsaved.changed()


def test_saving_closes_without_a_question(qtbot: QtBot, db: Library) -> None:
    form = _form(qtbot, db)
    form.editor.title.setText("Engineer")
    form.editor.company.setText("Acme")
    with qtbot.waitSignal(form.saved):
        form.save()
    qtbot.waitUntil(lambda: not form.isVisible())
    assert form.unsaved.box is None
    assert postings.count_postings(db) == 1
