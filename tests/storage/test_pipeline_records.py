"""The pipeline's order: a card lands where it is dropped, and a crowded column is renumbered."""

from __future__ import annotations

from desktop.core.labels import Label
from desktop.storage import (
    board_sql,
    label_records,
    pipeline_records,
    pipeline_sql,
    posting_records,
)
from desktop.storage.database import Database
from desktop.storage.stage_lookups import stage_by_name
from tests.samples import amazon_document
from tests.storage.conftest import NOW


def _column(store: Database, stage_id: int) -> list[str]:
    with store.querying() as connection:
        return [c.title for c in board_sql.cards(connection, stage_id=stage_id)]


def _fill(store: Database, *titles: str) -> tuple[list[int], int]:
    with store.writing() as session:
        ids = posting_records.insert_postings(
            session, [amazon_document(title=t, url=None) for t in titles], NOW
        )
        saved = stage_by_name(session, "Saved").id
    return ids, saved


def _move(store: Database, posting_id: int, stage_id: int, index: int | None) -> None:
    with store.plain_writing() as connection:
        pipeline_sql.move_card(connection, posting_id, stage_id, index, NOW)


def test_new_cards_go_last_and_a_card_lands_at_its_index(store: Database) -> None:
    (a, b, c), saved = _fill(store, "A", "B", "C")
    assert _column(store, saved) == ["A", "B", "C"]
    _move(store, c, saved, 0)
    assert _column(store, saved) == ["C", "A", "B"]
    _move(store, c, saved, 1)
    assert _column(store, saved) == ["A", "C", "B"]
    _move(store, a, saved, None)
    assert _column(store, saved) == ["C", "B", "A"]
    assert b


def test_a_column_whose_gaps_ran_out_is_renumbered_and_keeps_its_order(store: Database) -> None:
    (a, b, c), saved = _fill(store, "A", "B", "C")
    with store.writing() as session:  # A and B as close as floats allow
        pipeline_records.get_posting(session, a).stage_order = 1.0
        pipeline_records.get_posting(session, b).stage_order = 1.0 + 1e-9
    _move(store, c, saved, 1)  # between A and B: no room, so the column is renumbered first
    assert _column(store, saved) == ["A", "C", "B"]
    with store.reading() as session:
        orders = sorted(pipeline_records.get_posting(session, p).stage_order for p in (a, b, c))
    assert orders[1] - orders[0] >= 0.25 and orders[2] - orders[1] >= 0.25


def test_the_application_holds_its_stage_labels_and_timeline(store: Database) -> None:
    (a,), _saved = _fill(store, "A")
    with store.writing() as session:
        applied = stage_by_name(session, "Applied").id
    with store.plain_writing() as connection:
        red = label_records.add_label(connection, "Red", "#ef4444")
        label_records.set_labels(connection, a, [red])
    _move(store, a, applied, None)
    with store.querying() as connection:
        application = pipeline_sql.application(connection, a)
    assert (application.stage, application.labels) == ("Applied", (Label(red, "Red", "#ef4444"),))
    assert [e.stage for e in application.timeline] == ["Saved", "Applied"]
    assert application.entered_stage_at == NOW
