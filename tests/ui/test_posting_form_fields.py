"""The posting form: every error at once with its field marked, dates typed as people type
them ("Nov 20", "20.11.2026") or picked on a calendar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from desktop.core.dates import parse_typed_date
from desktop.services import postings
from desktop.services.library import Library


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


def test_the_posted_date_can_be_picked_on_a_calendar(qtbot: QtBot, make_window) -> None:
    window = make_window()
    form = _new_form(window)
    form.editor.posted.setText("Nov 2")
    menu = form.editor.calendar_menu_for_posted()
    (holder,) = menu.actions()
    calendar = holder.defaultWidget()
    assert calendar.selectedDate().day() == 2  # opens on the day typed
    calendar.clicked.emit(QDate(2026, 11, 18))
    assert form.editor.posted.text() == "2026-11-18"
