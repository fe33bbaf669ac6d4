"""The funnel when histories skip stages, go back, end early or pass a stage deleted since:
"reached" counts the histories that entered a stage; the conversion into an open stage is the
share of those that got as far as the stage before that got as far as this one, never above
100%, never a division by zero. Right answers worked out by hand (then a seeded random check
of the same rule against a plain Python reading of the histories).

now = 2026-11-30 12:00 UTC; "d20" is 20 days before. Stages: the defaults, with "Take-home"
added after Screening and "Assessment" added after Take-home, used, then deleted (its card
moved back to Applied): it keeps its place between Take-home and Interviewing.

  Q1 Applied d20                      (tracked from Applied: no Saved entry)
  Q2 Applied d18
  Q3 Saved d30, Applied d25
  Q4 Applied d15, Interviewing d10    (skipped Screening and Take-home)
  Q5 Saved d14, Rejected d12          (ended without a step forward)
  Q6 Applied d12, Screening d9, back to Applied d7
  Q7 Rejected d5                      (imported as it ended: entered no open stage)
  Q8 Applied d10, Assessment d6, then Applied when Assessment was deleted
  Q9 Saved d3

Entered ("reached"): Saved Q3 Q5 Q9 (3); Applied Q1 Q2 Q3 Q4 Q6 Q8 (6); Screening Q6 (1);
Take-home none; Interviewing Q4 (1); Rejected Q5 Q7 (2); Assessment (deleted) Q8 (1).
Got this far or further: Saved all but Q7 (8); Applied 6; Screening Q4 Q6 Q8 (3: Q4 passed it
for Interviewing, Q8 for Assessment); Take-home Q4 Q8 (2); Interviewing Q4 (1); Offer and
Accepted none. Conversions: Applied 6/8, Screening 3/6, Take-home 2/3, Interviewing 1/2,
Offer 0/1, Accepted none (no application got as far as Offer: nothing to divide by).
Reading "reached" over the stage before, as the funnel once did, gave Applied 6/3 = 200%.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.posting import PostingDocument, StageChange
from desktop.services import insights, pipeline, postings, stages
from desktop.services.library import Library

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _day(days: float) -> datetime:
    return NOW - timedelta(days=days)


def _add(db: Library, name: str, history: list[tuple[str, float]]) -> int:
    doc = PostingDocument(
        title=f"Role {name}",
        company=f"Company {name}",
        stage=history[-1][0],
        stage_history=tuple(StageChange(stage, _day(days)) for stage, days in history),
    )
    return postings.create_posting(db, doc, now=_day(history[0][1])).value


def _place_after(db: Library, moved: int, after: str) -> None:
    order = [s.id for s in stages.list_stages(db)]
    order.remove(moved)
    order.insert(order.index(pipeline.resolve_stage(db, after).id) + 1, moved)
    stages.reorder_stages(db, order)


@pytest.fixture
def ids(db: Library) -> dict[str, int]:
    _place_after(db, stages.add_stage(db, "Take-home", "#14b8a6").value, "Screening")
    assessment = stages.add_stage(db, "Assessment", "#a855f7").value
    _place_after(db, assessment, "Take-home")
    made = {
        "Q1": _add(db, "Q1", [("Applied", 20)]),
        "Q2": _add(db, "Q2", [("Applied", 18)]),
        "Q3": _add(db, "Q3", [("Saved", 30), ("Applied", 25)]),
        "Q4": _add(db, "Q4", [("Applied", 15), ("Interviewing", 10)]),
        "Q5": _add(db, "Q5", [("Saved", 14), ("Rejected", 12)]),
        "Q6": _add(db, "Q6", [("Applied", 12), ("Screening", 9), ("Applied", 7)]),
        "Q7": _add(db, "Q7", [("Rejected", 5)]),
        "Q8": _add(db, "Q8", [("Applied", 10), ("Assessment", 6)]),
        "Q9": _add(db, "Q9", [("Saved", 3)]),
    }
    stages.delete_stage(db, assessment, move_to=pipeline.resolve_stage(db, "Applied").id)
    return made


FUNNEL = [
    # stage, reached, reached or later, conversion
    ("Saved", 3, 8, None),
    ("Applied", 6, 6, 6 / 8),
    ("Screening", 1, 3, 3 / 6),
    ("Take-home", 0, 2, 2 / 3),
    ("Interviewing", 1, 1, 1 / 2),
    ("Offer", 0, 0, 0.0),
    ("Accepted", 0, 0, None),
    ("Rejected", 2, None, None),
    ("Withdrawn", 0, None, None),
    ("Ghosted", 0, None, None),
    ("Assessment", 1, None, None),  # deleted, still in a history: last
]


def _funnel(figures: insights.Insights) -> list[tuple]:
    return [(s.stage.name, s.count, s.reached_or_later, s.conversion) for s in figures.funnel]


def test_skipped_stages_count_as_passed_and_no_conversion_exceeds_one(
    db: Library, ids: dict[str, int]
) -> None:
    figures = insights.insights(db, now=NOW)
    assert figures.total == 9
    assert _funnel(figures) == [
        (name, reached, onward, pytest.approx(share) if share is not None else None)
        for name, reached, onward, share in FUNNEL
    ]
    by_name = {step.stage.name: step for step in figures.funnel}
    assert by_name["Applied"].previous is not None
    assert by_name["Applied"].previous.name == "Saved"
    assert by_name["Interviewing"].previous.name == "Take-home"  # type: ignore[union-attr]


def test_each_funnel_figure_opens_the_applications_it_counts(
    db: Library, ids: dict[str, int]
) -> None:
    by_name = {s.stage.name: s for s in insights.insights(db, now=NOW).funnel}
    screening = by_name["Screening"]
    assert insights.figure_postings(db, screening.figure) == [ids["Q6"]]
    assert insights.figure_postings(db, screening.onward_figure) == sorted(
        ids[q] for q in ("Q4", "Q6", "Q8")
    )
    saved = insights.figure_postings(db, by_name["Saved"].onward_figure)
    assert saved == sorted(ids[q] for q in ids if q != "Q7")
    for step in by_name.values():  # every count equals the list it opens
        assert len(insights.figure_postings(db, step.figure)) == step.count
        if step.reached_or_later is not None:
            listed = insights.figure_postings(db, step.onward_figure)
            assert len(listed) == step.reached_or_later


def test_the_json_keeps_the_funnel_shape_and_every_share_within_one(
    db: Library, ids: dict[str, int]
) -> None:
    data = insights.stats_json(insights.insights(db, now=NOW))
    assert [(s["stage"], s["reached"], s["reached_or_later"]) for s in data["funnel"]] == [
        (name, reached, onward) for name, reached, onward, _ in FUNNEL
    ]
    assert data["funnel"][1]["conversion"] == 0.75
    shares = [s["conversion"] for s in data["funnel"]] + [data["response_rate"]]
    shares += [c["response_rate"] for c in data["companies"]]
    assert all(share is None or 0 <= share <= 1 for share in shares)


def test_many_merely_saved_postings_read_the_other_way_to_the_same_figures(
    db: Library, ids: dict[str, int]
) -> None:
    """With most histories still at Saved the furthest stages are read from the stage index
    alone (another query): the same figures, Saved's counts 40 higher."""
    for n in range(40):
        _add(db, f"S{n}", [("Saved", 2)])
    expected = [
        (name, reached + 40, onward + 40, share) if name == "Saved" else row
        for row in FUNNEL
        for name, reached, onward, share in [row]
    ]
    expected[1] = ("Applied", 6, 6, 6 / 48)
    assert _funnel(insights.insights(db, now=NOW)) == [
        (name, reached, onward, pytest.approx(share) if share is not None else None)
        for name, reached, onward, share in expected
    ]


def test_a_period_that_keeps_only_part_of_the_histories(db: Library, ids: dict[str, int]) -> None:
    """Histories beginning in the last 12 days: Q6 (d12), Q7, Q8 (d10), Q9."""
    figures = insights.insights(db, start=_day(12), now=NOW)
    assert figures.total == 4
    by_name = {s.stage.name: s for s in figures.funnel}
    assert (by_name["Saved"].count, by_name["Saved"].reached_or_later) == (1, 3)
    assert (by_name["Applied"].count, by_name["Applied"].conversion) == (2, pytest.approx(2 / 3))
    assert by_name["Screening"].reached_or_later == 2  # Q6, and Q8 through Assessment
    assert by_name["Interviewing"].reached_or_later == 0
    assert by_name["Interviewing"].conversion == 0.0  # of Take-home's 1 (Q8)
    assert by_name["Offer"].conversion is None  # none got as far as Interviewing


NAMES = ["Saved", "Applied", "Screening", "Take-home", "Interviewing", "Offer", "Accepted"]
CLOSED = ["Rejected", "Withdrawn", "Ghosted"]


@pytest.mark.parametrize(("walked", "saved_only"), [(80, 0), (30, 200)])
def test_random_histories_follow_the_rule(db: Library, walked: int, saved_only: int) -> None:
    """Histories that skip forward, go back, end in a closed stage or start anywhere; the
    funnel against a plain reading of each history (and again with most postings merely
    saved, which reads the furthest stages the other way)."""
    _place_after(db, stages.add_stage(db, "Take-home", "#14b8a6").value, "Screening")
    rng = random.Random(21 + saved_only)
    histories = []
    for n in range(walked):
        walk: list[str] = []
        for _ in range(rng.randint(1, 5)):
            choices = [s for s in NAMES + CLOSED if not walk or s != walk[-1]]
            walk.append(rng.choice(choices))
        histories.append(walk)
        _add(db, f"R{n}", [(stage, 40 - i * 3 - n * 0.01) for i, stage in enumerate(walk)])
    for n in range(saved_only):
        histories.append(["Saved"])
        _add(db, f"S{n}", [("Saved", 1)])
    steps = insights.insights(db, now=NOW).funnel
    for index, name in enumerate(NAMES):
        step = steps[index]
        assert step.stage.name == name
        assert step.count == sum(name in walk for walk in histories)
        onward = sum(any(s in NAMES[index:] for s in walk) for walk in histories)
        assert step.reached_or_later == onward
        if index:
            before = sum(any(s in NAMES[index - 1 :] for s in walk) for walk in histories)
            assert step.conversion == (pytest.approx(onward / before) if before else None)
            assert step.conversion is None or 0 <= step.conversion <= 1
    for step in steps[len(NAMES) :]:
        assert step.count == sum(step.stage.name in walk for walk in histories)
        assert step.conversion is None and step.reached_or_later is None
