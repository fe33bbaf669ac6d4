"""The Application tab: applied on from the move to Applied or the user's day, the deadline,
rating and referral, each an undo step."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from desktop.services import application_facts, pipeline, postings
from desktop.services.library import Library
from desktop.ui.views.facts_panel import FactsPanel
from tests.samples import amazon_document


def _tab(window) -> FactsPanel:
    panel = window.side.workspace["facts"]
    window.side.tabs.setCurrentWidget(panel)
    return panel


def test_rating_and_referral_are_saved_and_undone(qtbot: QtBot, make_window, db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document(valid_through="2026-12-15")).value
    window = make_window()
    panel = _tab(window)
    assert panel.deadline.text() != "—"
    assert panel.applied_source.text().startswith("Set by the move to Applied")
    panel.rating.setCurrentIndex(4)
    panel.referral.setChecked(True)
    shown = application_facts.get_facts(db, posting_id)
    assert (shown.rating, shown.referral) == (4, True)
    assert window.side.tabs.tabText(window.side.tabs.indexOf(panel)) == "Application ★★★★"
    window.action("window.undo").trigger()
    window.action("window.undo").trigger()
    shown = application_facts.get_facts(db, posting_id)
    assert (shown.rating, shown.referral) == (None, None)
    assert panel.rating.currentIndex() == 0 and not panel.referral.isChecked()


def test_the_move_to_applied_fills_the_date_and_a_day_of_ones_own_wins(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    window = make_window()
    panel = _tab(window)
    applied = pipeline.resolve_stage(db, "Applied")
    at = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)
    window.operations.run(
        "Move", lambda: pipeline.move_application(db, posting_id, applied.id, at=at)
    )
    local = at.astimezone()
    assert panel.applied.date() == QDate(local.year, local.month, local.day)
    assert panel.applied_source.text() == "From the move to Applied."
    panel.applied.setDate(QDate(2026, 11, 10))
    panel.applied.editingFinished.emit()
    shown = application_facts.get_facts(db, posting_id)
    assert shown.applied_set_by_user
    assert shown.applied_at.astimezone().date().isoformat() == "2026-11-10"
    assert panel.clear_applied.isVisible()
    panel.clear_applied.click()
    assert application_facts.get_facts(db, posting_id).applied_at == at
