"""The posting form: every error at once with its field marked, dates typed as people type
them ("Nov 20", "20.11.2026") or picked on a calendar."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desktop.core.dates import parse_typed_date
from desktop.services import postings
from desktop.services.library import Library
from tests.samples import amazon_document


def _new_form(window):
    window.action("posting.new").trigger()
    return window.parts.posting_commands.form


def test_every_error_of_the_form_is_shown_at_once_and_its_field_marked(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    form = _new_form(window)
    editor = form.editor
    editor.salary_min.setText("lots")
    editor.posted.setText("someday")
    editor.url.setText("javascript:alert(1)")
    editor.h1b_years.setPlainText("many")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    lines = form.error.text().splitlines()
    assert [line.split(":")[0].split(",")[0] for line in lines] == [
        "Title",
        "Company",
        "Salary from",
        "Posted on",
        "Link",
        "H1B by year",
    ]
    marked = {w for w in (editor.title, editor.company, editor.salary_min, editor.posted,
                          editor.url, editor.h1b_years, editor.location, editor.rounds)
              if w.property("invalid")}  # fmt: skip
    assert marked == {
        editor.title,
        editor.company,
        editor.salary_min,
        editor.salary_max,
        editor.posted,
        editor.url,
        editor.h1b_years,
    } - {editor.salary_max}
    assert postings.count_postings(db) == 0

    editor.title.setText("Data Engineer")
    editor.company.setText("Globex")
    editor.salary_min.setText("120k")
    editor.posted.setText("20.11.2026")
    editor.url.clear()
    editor.h1b_years.clear()
    with qtbot.waitSignal(window.changes_applied):
        form.buttons.button(form.buttons.StandardButton.Save).click()
    (saved,) = postings.list_postings(db)
    doc = postings.get_posting(db, saved.id)
    assert doc.posted_at is not None and doc.posted_at.date() == date(2026, 11, 20)


def test_dates_are_read_as_people_type_them() -> None:
    today = date(2026, 11, 30)
    for typed, meant in {
        "Nov 20": date(2026, 11, 20),
        "20 Nov": date(2026, 11, 20),
        "Dec 5": date(2025, 12, 5),  # the last 5 December up to today
        "20.11.2026": date(2026, 11, 20),
        "2026-11-20": date(2026, 11, 20),
        "November 3rd": date(2026, 11, 3),
    }.items():
        assert parse_typed_date(typed, today) == meant, typed
    for refused in ("someday", "Feb 30", "13.13.2026", ""):
        assert parse_typed_date(refused, today) is None, refused

    for typed, meant in {
        "Dec 5": date(2026, 12, 5),
        "Nov 30": today,
        "Nov 2": date(2027, 11, 2),
    }.items():
        assert parse_typed_date(typed, today, ahead=True) == meant, typed  # a deadline


def test_the_posted_date_can_be_picked_on_a_calendar(qtbot: QtBot, make_window) -> None:
    window = make_window()
    form = _new_form(window)
    field = form.editor.posted
    field.setText("Nov 2")
    menu = field.calendar()
    (holder,) = menu.actions()
    calendar = holder.defaultWidget()
    assert calendar.selectedDate().day() == 2  # opens on the day typed
    calendar.clicked.emit(QDate(2026, 11, 18))
    assert field.text() == "2026-11-18"


# A popup shown on the offscreen platform: it cannot raise windows or grab the keyboard, and
# says so (not an app problem; the real window was looked at on Xvfb).
@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise\(\)|grabbing the keyboard)$")
def test_the_calendar_drops_down_from_the_keyboard_and_the_field_button(
    qtbot: QtBot, make_window
) -> None:
    window = make_window()
    form = _new_form(window)
    field = form.editor.posted
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: field.calendar_menu is not None and field.calendar_menu.isVisible())
    field.calendar_menu.close()
    field.calendar_menu = None
    field.picker.trigger()  # the calendar button inside the field
    qtbot.waitUntil(lambda: field.calendar_menu is not None and field.calendar_menu.isVisible())
    field.calendar_menu.close()


def test_a_typed_day_is_written_back_as_read_when_the_field_is_left(
    qtbot: QtBot, make_window
) -> None:
    window = make_window()
    form = _new_form(window)
    field = form.editor.posted
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    field.setFocus()
    qtbot.keyClicks(field, "20.11.2026")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # on to the next field
    assert field.text() == "2026-11-20"
    field.setText("someday")  # what cannot be read stays for the user to correct
    field.editingFinished.emit()
    assert field.text() == "someday"


def test_the_deadline_is_edited_as_a_day_and_kept_as_precise_as_the_source(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting = postings.create_posting(
        db, amazon_document(valid_through="2026-12-15T23:59:00-05:00")
    ).value
    other = postings.create_posting(db, amazon_document(title="Other")).value
    window = make_window()
    commands = window.parts.posting_commands

    def edit(posting_id: int):  # type: ignore[no-untyped-def]
        window.select(posting_id)
        window.action("posting.edit").trigger()
        return commands.form

    form = edit(posting)
    assert form.editor.apply_by.text() == "2026-12-15"
    form.editor.title.setText("Renamed")
    with qtbot.waitSignal(window.changes_applied):
        form.buttons.button(form.buttons.StandardButton.Save).click()
    assert postings.get_posting(db, posting).valid_through == "2026-12-15T23:59:00-05:00"

    form = edit(other)
    form.editor.apply_by.setText("15.1.2027")
    with qtbot.waitSignal(window.changes_applied):
        form.buttons.button(form.buttons.StandardButton.Save).click()
    assert postings.get_posting(db, other).valid_through == "2027-01-15"

    form = edit(other)
    form.editor.apply_by.setText("never")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert form.error.text().startswith("Apply by: 'never' is not a date")
    assert form.editor.apply_by.property("invalid")
