"""Creating, editing, searching and deleting postings through the window, as a user would."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.main_window import MainWindow
from tests.samples import amazon_document


def _answer_confirm(qtbot: QtBot, window: MainWindow, button_text: str) -> None:
    (box,) = [b for b in window.findChildren(QMessageBox, "confirm-box") if b.isVisible()]
    (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_empty_library_tells_a_newcomer_how_to_add_a_posting(make_window) -> None:
    window = make_window()
    assert window.list_page.currentWidget() is window.list_page.empty_page
    assert "Ctrl+N" in window.list_page.empty_label.text()
    window.list_page.empty_button.click()
    assert (
        window.parts.posting_commands.form is not None
        and window.parts.posting_commands.form.isVisible()
    )


def test_a_posting_created_in_the_form_is_listed_and_shown(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    window.action("posting.new").trigger()
    form = window.parts.posting_commands.form
    qtbot.keyClicks(form.editor.title, "Research Intern, Reinforcement Learning")
    qtbot.keyClicks(form.editor.company, "Amazon")
    form.editor.salary_min.setText("160,000")
    form.editor.salary_max.setText("210k")
    form.editor.salary_currency.setCurrentText("USD")
    form.editor.salary_period.setCurrentText("year")
    form.editor.industries.setPlainText("E-Commerce\nRetail")
    form.editor.responsibilities.setPlainText("• Build models\n\nShip them  ")
    form.editor.h1b_years.setPlainText("2025: 18969\n2024: 21175")
    with qtbot.waitSignal(window.changes_applied):
        qtbot.mouseClick(
            form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )

    assert (
        window.parts.posting_commands.form is None
        or not window.parts.posting_commands.form.isVisible()
    )
    assert window.list_page.model.rowCount() == 1
    (row,) = postings.list_postings(db)
    assert window.selected_id() == row.id
    stored = postings.get_posting(db, row.id)
    assert stored.salary is not None and (stored.salary.min, stored.salary.max) == (160000, 210000)
    assert stored.responsibilities == ("• Build models", "Ship them")
    assert window.side.detail.visible_sections() == [
        "header",
        "application",
        "industries",
        "responsibilities",
        "company",
    ]


def test_a_form_with_a_bad_value_names_it_and_keeps_what_was_typed(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    window.action("posting.new").trigger()
    form = window.parts.posting_commands.form
    form.editor.title.setText("Data Scientist")
    form.editor.company.setText("Stripe")
    form.editor.h1b_years.setPlainText("2025: 100\nlots in 2024")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert form.isVisible()
    assert "H1B by year, line 2" in form.error.text()
    assert form.editor.title.text() == "Data Scientist"
    assert postings.count_postings(db) == 0

    form.editor.h1b_years.setPlainText("2025: 100")
    form.editor.title.clear()
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert "needs a title" in form.error.text()


def test_editing_a_posting_changes_the_list_and_the_detail_pane(
    qtbot: QtBot, make_window, db: Library
) -> None:
    saved = postings.create_posting(db, amazon_document())
    window = make_window()
    assert window.selected_id() == saved.value
    window.action("posting.edit").trigger()
    form = window.parts.posting_commands.form
    assert form.editor.company.text() == "Amazon"
    assert form.editor.rounds.toPlainText().splitlines()[0] == "2023-01-03 | Post Ipo Debt | $8B"
    form.editor.title.setText("Applied Scientist Intern")
    form.editor.benefits.setPlainText("Housing stipend")
    with qtbot.waitSignal(window.changes_applied):
        form.save()
    assert (
        window.list_page.model.data(window.list_page.model.index(0, 1))
        == "Applied Scientist Intern"
    )
    assert window.side.detail.findChild(object, "detail-title").text() == "Applied Scientist Intern"
    stored = postings.get_posting(db, saved.value)
    assert stored.benefits == ("Housing stipend",)
    assert stored.company_profile == amazon_document().company_profile


def test_search_filters_as_you_type_and_says_when_nothing_matches(
    qtbot: QtBot, make_window, db: Library
) -> None:
    postings.create_posting(db, amazon_document())
    postings.create_posting(
        db, amazon_document(title="Backend Engineer", company="Stripe", company_profile=None)
    )
    window = make_window()
    window.action("list.find").trigger()
    qtbot.keyClicks(window.list_page.search, "stripe")
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1)
    # The side follows on the next turn of the event loop (the list paints first).
    qtbot.waitUntil(
        lambda: window.side.detail.findChild(object, "detail-company").text() == "Stripe"
    )
    window.list_page.search.clear()
    qtbot.keyClicks(window.list_page.search, "nothing-like-this")
    qtbot.waitUntil(lambda: window.list_page.currentWidget() is window.list_page.no_match)
    assert "nothing-like-this" in window.list_page.no_match.text()
    qtbot.waitUntil(lambda: window.side.detail.posting_id is None)


def test_delete_asks_first_and_cancel_keeps_the_posting(
    qtbot: QtBot, make_window, db: Library
) -> None:
    postings.create_posting(db, amazon_document())
    window = make_window()
    window.list_page.table.setFocus()
    window.action("posting.delete").trigger()
    _answer_confirm(qtbot, window, "Cancel")
    assert postings.count_postings(db) == 1

    window.action("posting.delete").trigger()
    with qtbot.waitSignal(window.changes_applied):
        _answer_confirm(qtbot, window, "Delete")
    assert postings.count_postings(db) == 0
    assert window.list_page.currentWidget() is window.list_page.empty_page


def test_window_size_splitter_and_columns_come_back_next_time(
    qtbot: QtBot, db: Library, settings: QSettings
) -> None:
    first = MainWindow(db, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # the offscreen screen is 800x600
    first.splitter.setSizes([400, 300])
    first.list_page.table.setColumnWidth(0, 222)
    first.list_page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    first.close()

    second = MainWindow(db, settings)
    qtbot.addWidget(second)
    second.show()
    assert second.size().width() == 700
    assert second.list_page.table.columnWidth(0) == 222
    assert second.list_page.table.horizontalHeader().sortIndicatorSection() == 0
    second.close()


def test_the_shared_sample_typed_into_the_form_fills_every_section(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    window.action("posting.new").trigger()
    form = window.parts.posting_commands.form
    form.editor.title.setText(
        "2026 Applied Science Internship - Reinforcement Learning & Optimization "
        "(Machine Learning) - United States, PhD Student Science Recruiting"
    )
    form.editor.company.setText("Amazon")
    form.editor.url.setText("https://jobright.ai/jobs/info/amazon")
    form.editor.summary.setPlainText(
        "Amazon is seeking visionary minds passionate about machine learning to join their "
        "team of graduate student scientists."
    )
    form.editor.industries.setPlainText(
        "Artificial Intelligence (AI)\nDelivery\nE-Commerce\nRetail"
    )
    form.editor.responsibilities.setPlainText(
        "Develop scalable, efficient, automated processes\nDesign, development and evaluation"
    )
    form.editor.required.setPlainText("Are enrolled in a PhD\nCan relocate")
    form.editor.preferred.setPlainText("Have publications at top-tier peer-reviewed conferences")
    form.editor.benefits.setPlainText("Equity\nSign-on payments\nOther forms of compensation")
    form.editor.company_description.setPlainText(
        "Amazon is a tech firm with a focus on e-commerce."
    )
    form.editor.h1b_note.setPlainText("Amazon has a track record of offering H1B sponsorships.")
    form.editor.h1b_years.setPlainText("2025 (18969)\n2024 (21175)\n2023: 19,057")
    form.editor.funding_stage.setText("Public Company")
    form.editor.funding_total.setText("$8.11B")
    form.editor.investors.setPlainText("Kleiner Perkins")
    form.editor.rounds.setPlainText(
        "2023-01-03 | Post Ipo Debt | $8B\n2001-07-24 | Post Ipo Equity | $100M\n1997-05-15 | IPO"
    )
    form.editor.news.setPlainText("2025-12-31\n2025-12-31\n2025-12-31")
    form.editor.data_source.setText("crunchbase")
    with qtbot.waitSignal(window.changes_applied):
        form.save()

    assert window.side.detail.visible_sections() == [
        "header",
        "application",
        "summary",
        "industries",
        "responsibilities",
        "qualifications",
        "benefits",
        "company",
        "news",
    ]
    (row,) = postings.list_postings(db)
    profile = postings.get_posting(db, row.id).company_profile
    assert profile is not None and profile.funding is not None and profile.h1b is not None
    assert [(y.year, y.count) for y in profile.h1b.by_year] == [
        (2025, 18969),
        (2024, 21175),
        (2023, 19057),
    ]
    assert profile.funding.total_usd == 8_110_000_000
    assert [(r.type, r.amount_usd) for r in profile.funding.rounds] == [
        ("Post Ipo Debt", 8_000_000_000),
        ("Post Ipo Equity", 100_000_000),
        ("IPO", None),
    ]
    assert len(profile.news) == 3
    assert window.list_page.model.data(window.list_page.model.index(0, 6)) == "18,969 (2025)"
