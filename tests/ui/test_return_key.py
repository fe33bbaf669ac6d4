"""Return in a dialog's field never discards: it saves, or does what that field does, or nothing.

Qt makes a button the one Return presses once it had focus; these tests give a button focus,
click into a field, type and press Return, as a user does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services import importing, postings, stages
from desktop.services.library import Library
from desktop.ui.dialogs.import_preview import ImportPreview
from tests.conftest import FIXTURES

SAMPLE_TEXT = (FIXTURES / "jobright-amazon-rl-intern.txt").read_text(encoding="utf-8")


def _two_drafts(db: Library) -> list[importing.ImportDraft]:
    first = importing.read_input(db, SAMPLE_TEXT, "amazon.txt")
    second = importing.read_input(db, SAMPLE_TEXT.replace("Amazon", "Globex"), "globex.txt")
    return first + second


def _open(qtbot: QtBot, dialog) -> None:
    """Shown and active, as on the user's screen: focus moves only in the active window."""
    with qtbot.waitActive(dialog):
        dialog.open()
        dialog.activateWindow()


def _click_type_return(qtbot: QtBot, field, text: str) -> None:
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert field.hasFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_return_in_a_field_of_a_multi_posting_preview_saves_the_edits(
    qtbot: QtBot, db: Library
) -> None:
    preview = ImportPreview(db, _two_drafts(db))
    qtbot.addWidget(preview)
    _open(qtbot, preview)
    # Every other button had focus once (Tab reaches them), then the user clicks into a field.
    for button in (preview.skip_button, preview.save_all_button):
        button.setFocus()
    _click_type_return(qtbot, preview.editor.location, "Seattle, WA")

    (saved,) = postings.list_postings(db)
    assert saved.location == "Seattle, WA"  # saved with the correction, not skipped
    assert preview.heading.text().startswith("Posting 2 of 2")

    _click_type_return(qtbot, preview.editor.title, "Staff Engineer")
    assert {row.title for row in postings.list_postings(db)} >= {"Staff Engineer"}
    assert preview.result() == ImportPreview.DialogCode.Accepted


def test_return_in_a_field_with_an_unreadable_value_keeps_the_posting_on_show(
    qtbot: QtBot, db: Library
) -> None:
    preview = ImportPreview(db, _two_drafts(db))
    qtbot.addWidget(preview)
    _open(qtbot, preview)
    preview.skip_button.setFocus()
    _click_type_return(qtbot, preview.editor.salary_min, "lots")
    assert postings.count_postings(db) == 0
    assert preview.heading.text().startswith("Posting 1 of 2")  # still here, edits and all
    assert preview.editor.salary_min.text() == "lots"
    assert "Salary from" in preview.error.text()


def test_return_in_the_new_stage_field_adds_it_and_never_deletes_a_stage(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    window.action("pipeline.stages").trigger()
    dialog = window.parts.pipeline_commands.stages_dialog
    _open(qtbot, dialog)
    before = [s.name for s in stages.list_stages(db)]
    dialog.list.setCurrentRow(0)
    dialog.delete_button.setFocus()  # it had focus once: Return must still not press it
    _click_type_return(qtbot, dialog.new_name, "Take-home task")
    after = [s.name for s in stages.list_stages(db)]
    assert set(after) == {*before, "Take-home task"}


def test_return_in_the_posting_form_saves_even_after_cancel_had_focus(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    window.action("posting.new").trigger()
    form = window.parts.posting_commands.form
    _open(qtbot, form)
    form.buttons.button(form.buttons.StandardButton.Cancel).setFocus()
    form.editor.company.setText("Globex")
    with qtbot.waitSignal(window.changes_applied):
        _click_type_return(qtbot, form.editor.title, "Data Engineer")
    (saved,) = postings.list_postings(db)
    assert (saved.title, saved.company) == ("Data Engineer", "Globex")
