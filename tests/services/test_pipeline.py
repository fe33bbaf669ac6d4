"""Moving applications and editing stages through the services, on a real file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.services import labels, pipeline, postings, stages
from desktop.services.errors import Invalid
from desktop.services.library import Library, open_library
from tests.samples import amazon_document


def _add(db: Library, title: str) -> int:
    return postings.create_posting(db, amazon_document(title=title)).value


def _stage(db: Library, name: str) -> int:
    return pipeline.resolve_stage(db, name).id


def _column(db: Library, stage: str) -> list[str]:
    loaded = pipeline.load_board(db)
    stage_id = _stage(db, stage)
    return [card.title for card in loaded.cards if card.stage_id == stage_id]


def test_a_move_changes_the_stage_records_the_time_and_survives_a_restart(data_dir) -> None:
    db = open_library(data_dir)
    posting = _add(db, "A")
    sent = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)
    record, changes = pipeline.move_application(db, posting, _stage(db, "Applied"), at=sent)
    assert changes.moved == {posting}
    assert record.history_id is not None
    db.close()

    db = open_library(data_dir)
    stored = postings.get_posting(db, posting)
    assert stored.stage == "Applied"
    # History is in time order: a move logged with an earlier date sorts by that date.
    assert ("Applied", sent) in [(c.stage, c.at) for c in stored.stage_history]
    card = next(c for c in pipeline.load_board(db).cards if c.id == posting)
    assert card.entered_at == sent
    db.close()


def test_cards_keep_the_order_they_are_put_in(db: Library) -> None:
    for title in ("A", "B", "C"):
        _add(db, title)
    saved = _stage(db, "Saved")
    assert _column(db, "Saved") == ["A", "B", "C"]
    c_id = next(c.id for c in pipeline.load_board(db).cards if c.title == "C")
    record, _ = pipeline.move_application(db, c_id, saved, index=0)
    assert record.history_id is None  # a reorder is not a stage change
    assert _column(db, "Saved") == ["C", "A", "B"]
    pipeline.move_application(db, c_id, saved, index=2)
    assert _column(db, "Saved") == ["A", "B", "C"]
    assert len(postings.get_posting(db, c_id).stage_history) == 1


def test_undoing_a_move_puts_the_card_back_and_forgets_the_change(db: Library) -> None:
    for title in ("A", "B"):
        _add(db, title)
    a_id = next(c.id for c in pipeline.load_board(db).cards if c.title == "A")
    record, _ = pipeline.move_application(db, a_id, _stage(db, "Offer"))
    pipeline.undo_move(db, record)
    assert _column(db, "Saved") == ["A", "B"]
    assert [c.stage for c in postings.get_posting(db, a_id).stage_history] == ["Saved"]


def test_many_reorders_between_two_cards_stay_in_order(db: Library) -> None:
    ids = [_add(db, t) for t in ("A", "B", "C")]
    saved = _stage(db, "Saved")
    for _ in range(60):  # halving the gap 60 times forces a renumbering
        pipeline.move_application(db, ids[2], saved, index=1)
        pipeline.move_application(db, ids[1], saved, index=1)
    assert _column(db, "Saved") == ["A", "B", "C"]


def test_search_filters_the_board_and_its_counts(db: Library) -> None:
    _add(db, "Robotics intern")
    _add(db, "Pricing analyst")
    loaded = pipeline.load_board(db, "robotics")
    assert [c.title for c in loaded.cards] == ["Robotics intern"]
    assert next(s for s in loaded.stages if s.name == "Saved").count == 1


def test_a_label_and_a_corrected_stage_time_are_kept(db: Library) -> None:
    posting = _add(db, "A")
    red = labels.put_labels(db, [posting], ["Red"]).value and labels.label_named(db, "red")
    (entry,) = pipeline.timeline(db, posting)
    earlier = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
    pipeline.correct_stage_time(db, entry.id, earlier)
    card = pipeline.load_board(db).cards[0]
    assert card.labels == (red,) and red.color == "#ef4444" and card.entered_at == earlier


def test_unknown_posting_or_stage_is_refused(db: Library) -> None:
    posting = _add(db, "A")
    with pytest.raises(postings.PostingNotFound):
        pipeline.move_application(db, 999, _stage(db, "Offer"))
    with pytest.raises(pipeline.UnknownStage):
        pipeline.move_application(db, posting, 999)
    with pytest.raises(pipeline.UnknownStage):
        pipeline.resolve_stage(db, "Nope")


def test_stages_are_the_users_to_add_rename_recolour_reorder_and_close(db: Library) -> None:
    new_id, changes = stages.add_stage(db, "Take-home", "#22c55e")
    assert changes.stages
    stages.rename_stage(db, new_id, "Take-home task")
    stages.recolor_stage(db, new_id, "#16A34A")
    stages.set_stage_closed(db, new_id, True)
    order = [s.id for s in stages.list_stages(db)]
    order.remove(new_id)
    order.insert(2, new_id)
    stages.reorder_stages(db, order)
    listed = stages.list_stages(db)
    assert listed[2].name == "Take-home task"
    assert (listed[2].color, listed[2].is_closed) == ("#16a34a", True)
    with pytest.raises(stages.StageError, match="already a stage"):
        stages.rename_stage(db, new_id, "applied")
    with pytest.raises(stages.StageError, match="not a colour"):
        stages.recolor_stage(db, new_id, "red")


def test_deleting_a_stage_with_cards_needs_a_target_and_keeps_history(db: Library) -> None:
    posting = _add(db, "A")
    screening = _stage(db, "Screening")
    pipeline.move_application(db, posting, screening)
    with pytest.raises(stages.StageError, match="holds 1 posting"):
        stages.delete_stage(db, screening)
    deleted, changes = stages.delete_stage(db, screening, move_to=_stage(db, "Interviewing"))
    assert changes.stages and changes.moved == {posting}
    assert "Screening" not in [s.name for s in stages.list_stages(db)]
    history = [c.stage for c in postings.get_posting(db, posting).stage_history]
    assert history == ["Saved", "Screening", "Interviewing"]

    stages.restore_stage(db, deleted)
    assert _column(db, "Screening") == ["A"]
    history = [c.stage for c in postings.get_posting(db, posting).stage_history]
    assert history == ["Saved", "Screening"]
    assert [s.name for s in stages.list_stages(db)][2] == "Screening"


def _history(db: Library, posting: int) -> list[tuple[str, datetime]]:
    return [(entry.stage, entry.at) for entry in pipeline.timeline(db, posting)]


def test_a_backdated_move_moves_earlier_entries_back_and_stays_the_latest(db: Library) -> None:
    posting = _add(db, "A")  # saved now
    sent = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    record, _ = pipeline.move_application(db, posting, _stage(db, "Applied"), at=sent)
    assert _history(db, posting) == [("Saved", sent), ("Applied", sent)]
    application = pipeline.application(db, posting)
    assert application.stage == application.timeline[-1].stage == "Applied"
    assert [entry.stage for entry in record.moved_back] == ["Saved"]

    pipeline.undo_move(db, record)  # undo puts "Saved" back where it was
    ((stage, at),) = _history(db, posting)
    assert stage == "Saved" and at == record.moved_back[0].at and at > sent


def test_a_stage_date_past_the_next_stage_is_refused_and_changes_nothing(db: Library) -> None:
    posting = _add(db, "A")
    applied = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    interview = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    pipeline.move_application(db, posting, _stage(db, "Applied"), at=applied)
    pipeline.move_application(db, posting, _stage(db, "Interviewing"), at=interview)
    before = _history(db, posting)
    applied_id = pipeline.timeline(db, posting)[1].id
    late = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    with pytest.raises(Invalid, match="“Interviewing”"):
        pipeline.stage_time_effect(db, applied_id, late)
    with pytest.raises(Invalid, match="cannot be dated after the stage that followed it"):
        pipeline.correct_stage_time(db, applied_id, late)
    assert _history(db, posting) == before
    assert pipeline.application(db, posting).stage == "Interviewing"


def test_an_earlier_stage_date_moves_the_stages_before_it_back_and_can_be_undone(
    db: Library,
) -> None:
    posting = _add(db, "A")
    applied = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    interview = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    pipeline.move_application(db, posting, _stage(db, "Applied"), at=applied)
    pipeline.move_application(db, posting, _stage(db, "Interviewing"), at=interview)
    before = _history(db, posting)
    interview_id = pipeline.timeline(db, posting)[2].id
    earlier = datetime(2026, 11, 5, 9, 0, tzinfo=UTC)
    effect = pipeline.stage_time_effect(db, interview_id, earlier)
    assert [entry.stage for entry in effect] == ["Saved", "Applied"]
    dating, changes = pipeline.correct_stage_time(db, interview_id, earlier)
    assert changes.moved == {posting}
    assert _history(db, posting) == [
        ("Saved", earlier),
        ("Applied", earlier),
        ("Interviewing", earlier),
    ]
    assert pipeline.application(db, posting).timeline[-1].stage == "Interviewing"
    card = next(c for c in pipeline.load_board(db).cards if c.id == posting)
    assert card.entered_at == earlier

    pipeline.undo_stage_time(db, dating)
    assert _history(db, posting) == before


def test_a_stage_change_gone_meanwhile_is_not_found(db: Library) -> None:
    with pytest.raises(pipeline.UnknownStageChange):
        pipeline.correct_stage_time(db, 999, datetime(2026, 11, 5, 9, 0, tzinfo=UTC))


def test_a_new_open_stage_goes_before_the_closed_ones_and_a_closed_one_last(db: Library) -> None:
    stages.add_stage(db, "Take-home task")
    stages.add_stage(db, "On hold", is_closed=True)
    names = [s.name for s in stages.list_stages(db)]
    assert names[names.index("Accepted") + 1 :] == [
        "Take-home task",
        "Rejected",
        "Withdrawn",
        "Ghosted",
        "On hold",
    ]
    stages.delete_stage(db, stages.list_stages(db)[names.index("Take-home task")].id)
    stages.add_stage(db, "Take-home task")  # a deleted one comes back, before the closed ones
    names = [s.name for s in stages.list_stages(db)]
    assert names.index("Take-home task") == names.index("Rejected") - 1
