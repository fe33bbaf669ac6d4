"""The list: the status line says how many postings show ("3 postings", "1 of 3 postings"),
the header's menu chooses the columns, and the sort arrow points the way values grow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView
from pytestqt.qtbot import QtBot

from desktop.core.display import day
from desktop.core.listing import SortKey
from desktop.services import labels, notes, pipeline, postings
from desktop.services.library import Library
from desktop.ui.models.posting_table_model import (
    COL_APPLIED,
    COL_DAYS_IN_STAGE,
    COL_DEADLINE,
    COL_LABELS,
    COL_LAST_ACTIVITY,
    COL_POSTED,
    COL_TITLE,
    COL_WORK_MODEL,
    HEADERS,
    SORT_KEYS,
)
from tests.samples import amazon_document


def test_the_status_line_counts_the_postings_shown(qtbot: QtBot, make_window, db: Library) -> None:
    postings.create_postings(
        db,
        [amazon_document(title="Zebra Keeper")]
        + [amazon_document(title=f"Scientist {i}") for i in range(2)],
    )
    window = make_window()
    count = window.findChild(QLabel, "list-count")
    assert count is not None and count.text() == "3 postings"
    window.list_page.search.setText("zebra")
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1)
    assert count.text() == "1 of 3 postings"


def test_the_header_menu_hides_and_shows_columns_and_they_stay_so(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    header = window.list_page.table.horizontalHeader()
    menu = window.list_page.header_menu.column_menu()
    entries = {a.text(): a for a in menu.actions()}
    assert list(entries) == list(HEADERS)
    hidden = {"Work model", "Last activity", "Apply by"}  # new columns, shown when picked
    assert {name for name, a in entries.items() if not a.isChecked()} == hidden
    entries["Location"].setChecked(False)
    assert header.isSectionHidden(HEADERS.index("Location"))
    window.close()  # saved with the window
    again = make_window()
    again_header = again.list_page.table.horizontalHeader()
    assert again_header.isSectionHidden(HEADERS.index("Location"))
    menu = again.list_page.header_menu.column_menu()
    next(a for a in menu.actions() if a.text() == "Location").setChecked(True)
    assert not again_header.isSectionHidden(HEADERS.index("Location"))


def test_the_sort_arrow_points_the_way_values_grow(qtbot: QtBot, make_window) -> None:
    # Qt draws ascending as a down arrow; the list's header draws descending so (newest first
    # shows "▼"): its descending header looks exactly like a plain header sorted ascending.
    window = make_window()  # the Title column: in view whatever columns follow it
    ours = window.list_page.table.horizontalHeader()
    plain = QTableView()
    qtbot.addWidget(plain)
    plain.setModel(window.list_page.model)
    plain.setSortingEnabled(True)
    plain.resize(window.list_page.table.size())
    plain_header = plain.horizontalHeader()
    window.list_page.title_fill.fit()  # Title's width settled before it is copied
    for column in range(len(HEADERS)):
        plain_header.resizeSection(column, ours.sectionSize(column))
        plain_header.setSectionHidden(column, ours.isSectionHidden(column))
    for visual in range(len(HEADERS)):  # the same order (Labels sits after the title)
        logical = ours.logicalIndex(visual)
        plain_header.moveSection(plain_header.visualIndex(logical), visual)
    plain_header.setStretchLastSection(ours.stretchLastSection())
    plain_header.resize(ours.size())
    ours.setSortIndicator(COL_TITLE, Qt.SortOrder.DescendingOrder)
    plain_header.setSortIndicator(COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert ours.grab().toImage() == plain_header.grab().toImage()
    plain_header.setSortIndicator(COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert ours.grab().toImage() != plain_header.grab().toImage()


def _shown(window, posting_id: int, column: int) -> str:
    model = window.list_page.model
    return model.data(model.index(model.row_of(posting_id), column))


def test_the_application_columns_say_applied_on_days_in_stage_activity_and_deadline(
    qtbot: QtBot, make_window, db: Library
) -> None:
    applied_at = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)
    posting_id = postings.create_posting(
        db, amazon_document(valid_through="2026-12-24"), now=applied_at - timedelta(days=3)
    ).value
    pipeline.move_application(
        db, posting_id, pipeline.resolve_stage(db, "Applied").id, at=applied_at
    )
    noted = datetime.now(UTC)
    notes.add_note(db, posting_id, "Called the recruiter", now=noted)
    window = make_window()

    assert _shown(window, posting_id, COL_POSTED) == day(amazon_document().posted_at)  # not ISO
    assert "2026" in _shown(window, posting_id, COL_POSTED)
    assert _shown(window, posting_id, COL_WORK_MODEL) == "Onsite"
    assert _shown(window, posting_id, COL_APPLIED) == day(applied_at)
    days = (datetime.now(UTC) - applied_at).days
    assert _shown(window, posting_id, COL_DAYS_IN_STAGE) == f"{days} days"
    assert _shown(window, posting_id, COL_LAST_ACTIVITY) == day(noted)
    assert _shown(window, posting_id, COL_DEADLINE) == "24 Dec 2026"


def test_every_column_sorts_in_sql_with_blanks_last(qtbot: QtBot, make_window, db: Library) -> None:
    early = postings.create_posting(db, amazon_document(title="Early")).value
    late = postings.create_posting(db, amazon_document(title="Late")).value
    blank = postings.create_posting(db, amazon_document(title="Blank")).value
    applied = pipeline.resolve_stage(db, "Applied").id
    pipeline.move_application(db, early, applied, at=datetime(2026, 11, 1, tzinfo=UTC))
    pipeline.move_application(db, late, applied, at=datetime(2026, 11, 20, tzinfo=UTC))
    window = make_window()
    model = window.list_page.model

    def order() -> list[int]:
        return [model.posting_id(row) for row in range(model.rowCount())]

    model.sort(COL_APPLIED, Qt.SortOrder.DescendingOrder)
    assert order() == [late, early, blank]
    model.sort(COL_APPLIED, Qt.SortOrder.AscendingOrder)
    assert order() == [early, late, blank]
    model.sort(COL_DAYS_IN_STAGE, Qt.SortOrder.DescendingOrder)  # longest in its stage first
    assert order()[:2] == [early, late]
    for column in range(len(SORT_KEYS)):  # none fails
        model.sort(column, Qt.SortOrder.AscendingOrder)
        assert sorted(order()) == sorted([early, late, blank])


def test_title_takes_the_room_left_but_never_shrinks_to_nothing(
    qtbot: QtBot, make_window, db: Library
) -> None:
    postings.create_posting(db, amazon_document())
    window = make_window()
    table = window.list_page.table
    header = table.horizontalHeader()
    title = HEADERS.index("Title")

    def others() -> int:
        return sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != title and not header.isSectionHidden(c)
        )

    for name in ("H1B (latest)", "Applied on", "Days in stage", "Salary"):
        header.setSectionHidden(HEADERS.index(name), True)
    window.resize(1600, 700)
    qtbot.waitUntil(lambda: header.sectionSize(title) + others() == header.viewport().width())
    wide = header.sectionSize(title)
    assert wide > window.list_page.title_fill.least
    assert not header.stretchLastSection()
    header.resizeSection(HEADERS.index("Location"), header.sectionSize(4) + 100)
    assert header.sectionSize(title) == wide - 100  # Title gives the room, not the last column
    for column in range(len(HEADERS)):  # every column shown: the list scrolls sideways
        header.setSectionHidden(column, False)
    assert header.sectionSize(title) >= window.list_page.title_fill.least


def test_the_labels_column_sorts_by_the_label_names_blanks_last_and_follows_changes(
    qtbot: QtBot, make_window, db: Library
) -> None:
    two, job, plain, remote, dream_job = (
        postings.create_posting(db, amazon_document(title=t, url=None)).value
        for t in ("Two", "Job", "Plain", "Remote", "DJ")
    )
    labels.put_labels(db, [two], ["Dream", "Job"])  # ("dream", "job") before ("dream job",)
    labels.put_labels(db, [job], ["job"])
    labels.put_labels(db, [remote], ["Remote"])
    labels.put_labels(db, [dream_job], ["dream  JOB"])
    window = make_window()
    model = window.list_page.model
    assert SORT_KEYS[COL_LABELS] is SortKey.LABELS

    def order() -> list[int]:
        return [model.posting_id(row) for row in range(model.rowCount())]

    window.list_page.table.sortByColumn(COL_LABELS, Qt.SortOrder.AscendingOrder)
    assert order() == [two, dream_job, job, remote, plain]
    window.list_page.table.sortByColumn(COL_LABELS, Qt.SortOrder.DescendingOrder)
    assert order() == [remote, job, dream_job, two, plain]  # the unlabelled last either way
    # A label put on through the door moves its row to where it now sorts.
    window.operations.run("Label", lambda: labels.put_labels(db, [plain], ["Zurich"]))
    assert order() == [plain, remote, job, dream_job, two]
    for row in range(model.rowCount()):  # the rows read, as when painted: compared by value
        model.data(model.index(row, COL_LABELS))
    window.operations.run("Unlabel", lambda: labels.take_labels(db, [plain], ["Zurich"]))
    assert order() == [remote, job, dream_job, two, plain]
