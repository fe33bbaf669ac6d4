"""What a tracker's row adds to a stored posting's stage history: new dated stages only, and
the current stage stays the latest entry."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.core.history_merge import StagePlace, merged_history
from desktop.core.pipeline import TimelineEntry
from desktop.core.posting import StageChange
from desktop.core.stages import DEFAULT_STAGES

PLACES = {s.name: StagePlace(i, s.is_closed) for i, s in enumerate(DEFAULT_STAGES)}


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 12, tzinfo=UTC)


def entry(change_id: int, stage: str, when: datetime) -> TimelineEntry:
    return TimelineEntry(change_id, stage, "#000000", when)


def test_applied_before_it_was_saved_moves_the_posting_and_saved_back() -> None:
    merge = merged_history(
        [entry(1, "Saved", at(10, 5))], "Saved", "Applied", [StageChange("Applied", at(10, 2))],
        PLACES,
    )  # fmt: skip
    assert merge.added == (StageChange("Applied", at(10, 2)),)
    assert dict(merge.moved_back) == {1: at(10, 2)}
    assert merge.new_stage == "Applied" and merge.left_out == ()


def test_a_later_stage_moves_the_posting_with_the_earlier_new_ones_before_it() -> None:
    row = [StageChange("Applied", at(9, 1)), StageChange("Interviewing", at(9, 20))]
    merge = merged_history([entry(1, "Saved", at(8, 30))], "Saved", "Interviewing", row, PLACES)
    assert merge.added == tuple(row) and merge.new_stage == "Interviewing"
    assert dict(merge.moved_back) == {}


def test_an_earlier_stage_goes_in_before_the_current_one_and_does_not_move_it() -> None:
    timeline = [entry(1, "Saved", at(10, 1)), entry(2, "Offer", at(11, 20))]
    merge = merged_history(
        timeline, "Offer", "Applied", [StageChange("Applied", at(10, 2))], PLACES
    )
    assert merge.added == (StageChange("Applied", at(10, 2)),)
    assert merge.new_stage is None and dict(merge.moved_back) == {}


def test_a_stage_that_would_come_after_the_current_one_is_left_out_with_a_reason() -> None:
    timeline = [entry(1, "Saved", at(10, 1)), entry(2, "Offer", at(10, 10))]
    merge = merged_history(
        timeline, "Offer", "Interviewing", [StageChange("Interviewing", at(10, 15))], PLACES
    )
    assert merge.is_empty
    (reason,) = merge.left_out
    assert "Interviewing" in reason and "Offer" in reason and "left out" in reason


def test_a_closed_application_is_not_reopened_by_a_row() -> None:
    timeline = [entry(1, "Applied", at(9, 1)), entry(2, "Rejected", at(9, 30))]
    merge = merged_history(
        timeline, "Rejected", "Ghosted", [StageChange("Ghosted", at(10, 30))], PLACES
    )
    assert merge.is_empty and len(merge.left_out) == 1


def test_stages_the_history_has_are_never_added_again_nor_redated() -> None:
    timeline = [entry(1, "Saved", at(10, 1)), entry(2, "Applied", at(10, 3))]
    row = [StageChange("Saved", at(9, 1)), StageChange("Applied", at(10, 2))]
    merge = merged_history(timeline, "Applied", "Applied", row, PLACES)
    assert merge.is_empty and merge.left_out == ()


def test_a_stage_the_library_lacks_is_named() -> None:
    merge = merged_history(
        [entry(1, "Saved", at(10, 1))], "Saved", "Phone screen",
        [StageChange("Phone screen", at(10, 5))], PLACES,
    )  # fmt: skip
    assert merge.is_empty and "Phone screen" in merge.left_out[0]


def test_an_earlier_pipeline_stage_dated_after_a_new_entry_moves_back_to_it() -> None:
    # Saved on the 5th, at the offer since November; the sheet says applied on the 2nd.
    timeline = [entry(1, "Saved", at(10, 5)), entry(2, "Offer", at(11, 20))]
    merge = merged_history(
        timeline, "Offer", "Applied", [StageChange("Applied", at(10, 2))], PLACES
    )
    assert merge.added == (StageChange("Applied", at(10, 2)),)
    assert dict(merge.moved_back) == {1: at(10, 2)} and merge.new_stage is None


IMPORTED_AT = datetime(2026, 12, 1, 5, 30, tzinfo=UTC)  # when the sheet was read


def undated(stage: str) -> StageChange:
    """A row's status with no status date, as the tracker reader gives it."""
    return StageChange(stage, IMPORTED_AT, undated=True)


def test_an_undated_later_stage_moves_the_posting_at_the_latest_date_known_not_now() -> None:
    # Saved from a board on 5 Oct; the sheet: applied on 2 Oct, now "Interview", no date.
    row = [StageChange("Applied", at(10, 2)), undated("Interviewing")]
    merge = merged_history([entry(1, "Saved", at(10, 5))], "Saved", "Interviewing", row, PLACES)
    assert merge.new_stage == "Interviewing"
    assert [(c.stage, c.at) for c in merge.added] == [
        ("Applied", at(10, 2)),
        ("Interviewing", at(10, 5)),  # after the last date known, never the import's time
    ]
    assert dict(merge.moved_back) == {1: at(10, 2)}  # Saved, before the application
    (said,) = merge.placed
    assert "Interviewing" in said and "no date" in said and "5 Oct" in said


def test_an_undated_stage_goes_in_between_the_dated_ones_by_the_pipelines_order() -> None:
    # At the offer since 20 Nov; the sheet says "Interview" without a date.
    timeline = [
        entry(1, "Saved", at(10, 1)),
        entry(2, "Applied", at(10, 3)),
        entry(3, "Offer", at(11, 20)),
    ]
    merge = merged_history(timeline, "Offer", "Interviewing", [undated("Interviewing")], PLACES)
    assert merge.new_stage is None and dict(merge.moved_back) == {}
    assert [(c.stage, c.at) for c in merge.added] == [("Interviewing", at(10, 3))]
    (said,) = merge.placed
    assert "after “Applied”" in said


def test_an_undated_stage_with_nothing_earlier_goes_just_before_the_later_one() -> None:
    timeline = [entry(1, "Interviewing", at(10, 9))]
    merge = merged_history(timeline, "Interviewing", "Applied", [undated("Applied")], PLACES)
    ((stage, when),) = [(c.stage, c.at) for c in merge.added]
    assert stage == "Applied" and at(10, 8) < when < at(10, 9)
    assert "just before “Interviewing”" in merge.placed[0]


def test_an_undated_stage_never_reopens_nor_repeats() -> None:
    closed = [entry(1, "Applied", at(9, 1)), entry(2, "Rejected", at(9, 30))]
    merge = merged_history(closed, "Rejected", "Ghosted", [undated("Ghosted")], PLACES)
    assert merge.is_empty and merge.placed == () and len(merge.left_out) == 1
    # A stage before the closed one goes in before it; the application stays closed.
    merge = merged_history(closed, "Rejected", "Interviewing", [undated("Interviewing")], PLACES)
    assert [(c.stage, c.at) for c in merge.added] == [("Interviewing", at(9, 1))]
    assert merge.new_stage is None
    there = [entry(1, "Saved", at(9, 1)), entry(2, "Interviewing", at(9, 30))]
    merge = merged_history(there, "Interviewing", "Interviewing", [undated("Interviewing")], PLACES)
    assert merge.is_empty and merge.placed == () and merge.left_out == ()
