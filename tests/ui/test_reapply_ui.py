"""The re-apply warning where a user meets it: the import preview, the new-posting form, the
detail pane and the board's cards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.posting import PostingDocument, StageChange
from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.dialogs.posting_form import PostingForm
from desktop.ui.main_window import MainWindow
from desktop.ui.models.board_column_model import CARD_ROLE
from tests.conftest import FIXTURES

SAMPLE_TEXT = (FIXTURES / "jobright-amazon-rl-intern.txt").read_text(encoding="utf-8")
REJECTED_AT = datetime(2026, 10, 2, 12, 0, tzinfo=UTC)


def _rejected_at_amazon(db: Library, company: str = "Amazon.com, Inc.") -> int:
    doc = PostingDocument(
        title="Data Scientist",
        company=company,
        stage="Rejected",
        stage_history=(
            StageChange("Applied", REJECTED_AT - timedelta(days=10)),
            StageChange("Rejected", REJECTED_AT),
        ),
    )
    return postings.create_posting(db, doc).value


def test_the_import_preview_warns_and_follows_the_company_field(
    qtbot: QtBot, make_window, db: Library
) -> None:
    _rejected_at_amazon(db)
    window: MainWindow = make_window()
    QGuiApplication.clipboard().setText(SAMPLE_TEXT)
    with qtbot.waitSignal(window.parts.posting_commands.imports.preview_opened) as opened:
        window.action("posting.paste").trigger()
    preview = opened.args[0]
    assert preview.editor.company.text() == "Amazon"
    assert preview.reapply_note.isVisible()
    assert preview.reapply_note.label.text() == (
        "⚠ Amazon.com, Inc.: 1 earlier application: Rejected 2026-10-02"
    )
    preview.editor.company.selectAll()
    qtbot.keyClicks(preview.editor.company, "Metabase")
    qtbot.waitUntil(lambda: not preview.reapply_note.isVisible())
    preview.reject()


def test_the_new_posting_form_warns_as_the_company_is_typed(
    qtbot: QtBot, make_window, db: Library
) -> None:
    _rejected_at_amazon(db)
    window: MainWindow = make_window()
    window.action("posting.new").trigger()
    form = window.parts.posting_commands.form
    assert isinstance(form, PostingForm)
    assert not form.reapply_note.isVisible()
    qtbot.keyClicks(form.editor.title, "Data Scientist")
    qtbot.keyClicks(form.editor.company, "AMAZON INC")
    qtbot.waitUntil(form.reapply_note.isVisible)
    assert form.reapply_note.label.text() == (
        "⚠ Amazon.com, Inc.: 1 earlier application: Rejected 2026-10-02\n"
        "Same role within 90 days: “Data Scientist” (Rejected 2026-10-02)"
    )
    form.unsaved.close_or_ask = lambda then: then()  # type: ignore[method-assign]
    form.reject()


def test_the_detail_pane_names_the_other_applications_and_the_card_has_a_marker(
    qtbot: QtBot, make_window, db: Library
) -> None:
    earlier = _rejected_at_amazon(db)
    newer = postings.create_posting(
        db, PostingDocument(title="Applied Scientist", company="amazon")
    ).value
    alone = postings.create_posting(db, PostingDocument(title="Engineer", company="Metabase")).value
    window: MainWindow = make_window()
    window.select(newer)
    qtbot.waitUntil(lambda: window.side.detail.posting_id == newer)
    section = window.side.detail.section("reapply")
    assert section is not None
    assert (
        section.findChild(QLabel, "reapply-text").text()
        == "⚠ Amazon.com, Inc.: 1 other application: Rejected 2026-10-02"
    )
    window.select(alone)
    qtbot.waitUntil(lambda: window.side.detail.posting_id == alone)
    assert window.side.detail.section("reapply") is None

    window.show_page(window.board_page)
    cards = {
        card.id: (card, column.model.index(row, 0))
        for column in window.board_page.view.columns
        for row, card in enumerate(column.model.cards())
    }
    assert cards[earlier][0].others_at_company == 1
    assert cards[newer][0].others_at_company == 1
    assert cards[alone][0].others_at_company == 0
    tip = cards[newer][1].data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Applied Scientist\n↻ 1 other application at amazon"
    assert cards[newer][1].data(CARD_ROLE).others_at_company == 1
