"""The Insights figures on a library written for the test; every right answer worked by hand.

now = 2026-11-30 12:00 UTC (a Monday); "d28" is 28 days before. Stages: the defaults, with a
stage the user added ("Take-home", placed after Screening) and one the user added, used and
deleted ("Phone screen", after Applied; its card moved on to Screening when it was deleted).

  P1 Acme     Saved d30, Applied d28, Screening d21, Take-home d14, Interviewing d10, Offer d2
  P2 Acme     Saved d30, Applied d27, Rejected d17
  P3 Globex   Saved d20, Applied d19, Ghosted d5
  P4 Globex   Saved d25, Applied d24, Screening d20, back to Applied d18, Withdrawn d15
  P5 Initech  Saved d10
  P6 Initech  Saved d3, then Applied, logged today but backdated to d12 (Saved moves back with
              it: the history reads Saved d12, Applied d12)
  P7 Umbrella Saved d15, Applied d14, Phone screen d9, then Screening (when it was deleted)

Applied: P1 P2 P3 P4 P6 P7 (6). Answered: P1 after 7 days (Screening), P2 after 10 (Rejected),
P4 after 4 (Screening), P7 after 5 (Phone screen, deleted since): 4 of 6; median of 4, 5, 7, 10
is 6. P3 was ghosted; P6 is still waiting, 12 days after it was sent.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.posting import PostingDocument, StageChange
from desktop.services import insights, labels, pipeline, postings, stages
from desktop.services.library import Library

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _day(days: float) -> datetime:
    return NOW - timedelta(days=days)


def _add(db: Library, company: str, history: list[tuple[str, float]]) -> int:
    doc = PostingDocument(
        title=f"Role at {company}",
        company=company,
        stage=history[-1][0],
        stage_history=tuple(StageChange(stage, _day(days)) for stage, days in history),
    )
    return postings.create_posting(db, doc, now=_day(history[0][1])).value


@pytest.fixture
def ids(db: Library) -> dict[str, int]:
    take_home = stages.add_stage(db, "Take-home", "#14b8a6").value
    phone = stages.add_stage(db, "Phone screen", "#a855f7").value
    order = [s.id for s in stages.list_stages(db)]
    for moved in (take_home, phone):
        order.remove(moved)
    order.insert(2, phone)  # after Applied
    order.insert(4, take_home)  # after Screening
    stages.reorder_stages(db, order)
    made = {
        "P1": _add(
            db,
            "Acme",
            [
                ("Saved", 30),
                ("Applied", 28),
                ("Screening", 21),
                ("Take-home", 14),
                ("Interviewing", 10),
                ("Offer", 2),
            ],
        ),
        "P2": _add(db, "Acme Inc.", [("Saved", 30), ("Applied", 27), ("Rejected", 17)]),
        "P3": _add(db, "Globex", [("Saved", 20), ("Applied", 19), ("Ghosted", 5)]),
        "P4": _add(
            db,
            "Globex GmbH",
            [
                ("Saved", 25),
                ("Applied", 24),
                ("Screening", 20),
                ("Applied", 18),
                ("Withdrawn", 15),
            ],
        ),
        "P5": _add(db, "Initech", [("Saved", 10)]),
        "P6": _add(db, "Initech", [("Saved", 3)]),
        "P7": _add(db, "Umbrella", [("Saved", 15), ("Applied", 14), ("Phone screen", 9)]),
    }
    applied = pipeline.resolve_stage(db, "Applied").id
    moved = pipeline.move_application(db, made["P6"], applied, at=_day(0.5)).value
    pipeline.correct_stage_time(db, moved.history_id, _day(12))  # backdated
    screening = pipeline.resolve_stage(db, "Screening").id
    stages.delete_stage(db, phone, move_to=screening)  # P7 moves on; the stage is archived
    return made


def test_the_funnel_counts_every_stage_a_history_entered(db: Library, ids: dict[str, int]) -> None:
    figures = insights.insights(db, now=NOW)
    funnel = [(s.stage.name, s.count, s.conversion) for s in figures.funnel]
    assert funnel == [
        ("Saved", 7, None),
        ("Applied", 6, pytest.approx(6 / 7)),
        ("Screening", 3, 0.5),
        ("Take-home", 1, pytest.approx(1 / 3)),
        ("Interviewing", 1, 1.0),
        ("Offer", 1, 1.0),
        ("Accepted", 0, 0.0),
        ("Rejected", 1, None),
        ("Withdrawn", 1, None),
        ("Ghosted", 1, None),
        ("Phone screen", 1, None),  # deleted, still in the histories: last
    ]
    screened = insights.figure_postings(db, figures.funnel[2].figure)
    assert screened == sorted([ids["P1"], ids["P4"], ids["P7"]])
    assert figures.funnel[-1].stage.archived


def test_flows_are_the_steps_the_histories_took(db: Library, ids: dict[str, int]) -> None:
    flows = {(f.source.name, f.target.name): f for f in insights.insights(db, now=NOW).flows}
    assert {step: flow.count for step, flow in flows.items()} == {
        ("Saved", "Applied"): 6,  # P6's backdated Applied took its Saved along
        ("Applied", "Phone screen"): 1,
        ("Applied", "Screening"): 2,
        ("Applied", "Rejected"): 1,
        ("Applied", "Withdrawn"): 1,
        ("Applied", "Ghosted"): 1,
        ("Phone screen", "Screening"): 1,
        ("Screening", "Applied"): 1,  # P4 moved back
        ("Screening", "Take-home"): 1,
        ("Take-home", "Interviewing"): 1,
        ("Interviewing", "Offer"): 1,
    }
    took = insights.figure_postings(db, flows[("Applied", "Screening")].figure)
    assert took == [ids["P1"], ids["P4"]]
    back = insights.figure_postings(db, flows[("Screening", "Applied")].figure)
    assert back == [ids["P4"]]


def test_response_rate_and_median_days_to_the_first_response(
    db: Library, ids: dict[str, int]
) -> None:
    responses = insights.insights(db, now=NOW).responses
    assert (responses.applied, responses.responded) == (6, 4)
    applied = insights.figure_postings(db, insights.Figure("applied"))
    assert applied == sorted(ids[p] for p in ("P1", "P2", "P3", "P4", "P6", "P7"))
    answered = insights.figure_postings(db, insights.Figure("responded"))
    assert answered == sorted(ids[p] for p in ("P1", "P2", "P4", "P7"))
    assert responses.rate == pytest.approx(4 / 6)
    assert responses.median_days == pytest.approx(6.0)


def test_weeks_companies_and_waiting(db: Library, ids: dict[str, int]) -> None:
    figures = insights.insights(db, now=NOW)
    assert [(w.monday.isoformat(), w.applied) for w in figures.weeks] == [
        ("2026-11-02", 3),  # P1 (Mon), P2 (Tue), P4 (Fri)
        ("2026-11-09", 1),  # P3
        ("2026-11-16", 2),  # P7, P6 (backdated)
    ]
    by_time = [
        (c.company, c.responses.applied, c.responses.responded, c.responses.median_days)
        for c in figures.companies
    ]
    assert by_time == [
        ("Globex", 2, 1, 4.0),
        ("Umbrella", 1, 1, 5.0),
        ("Acme", 2, 2, 8.5),  # "Acme" and "Acme Inc." are one employer
        ("Initech", 1, 0, None),
    ]
    outcome = [(c.company, c.offers, c.rejections) for c in figures.companies_by_outcome]
    assert outcome == [("Acme", 1, 1), ("Umbrella", 0, 0), ("Globex", 0, 0), ("Initech", 0, 0)]
    assert [(w.posting_id, w.company, w.stage, round(w.days, 3)) for w in figures.waiting] == [
        (ids["P6"], "Initech", "Applied", 12.0)
    ]
    acme = next(c for c in figures.companies if c.company == "Acme")
    assert insights.figure_postings(db, acme.figure) == [ids["P1"], ids["P2"]]
    week = insights.figure_postings(db, figures.weeks[0].figure)
    assert week == sorted([ids["P1"], ids["P2"], ids["P4"]])


def test_the_period_and_the_filters_choose_the_applications(
    db: Library, ids: dict[str, int]
) -> None:
    recent = insights.insights(db, start=_day(21), now=NOW)
    # Histories beginning in the last 21 days: P3 (d20), P5 (d10), P6 (d12, backdated), P7 (d15).
    assert recent.total == 4
    everyone = insights.Figure("all")
    assert insights.figure_postings(db, everyone, start=_day(21)) == sorted(
        ids[p] for p in ("P3", "P5", "P6", "P7")
    )
    assert insights.figure_postings(db, everyone, start=_day(21), end=_day(11)) == [
        ids["P3"],
        ids["P6"],
        ids["P7"],
    ]
    labels.put_labels(db, [ids["P1"], ids["P3"]], ["Red"])
    red = insights.Filters(label="red")
    assert insights.insights(db, filters=red, now=NOW).total == 2
    assert insights.figure_postings(db, everyone, filters=red) == [ids["P1"], ids["P3"]]
    umbrella = insights.Filters(search="Umbrella")
    assert insights.figure_postings(db, everyone, filters=umbrella) == [ids["P7"]]
    assert insights.figure_postings(db, everyone, filters=insights.Filters(search="label:Red")) == [
        ids["P1"],
        ids["P3"],
    ]
    assert insights.filter_choices(db) == ([], ["Red"])


def test_stats_json_has_the_contracted_fields(db: Library, ids: dict[str, int]) -> None:
    data = insights.stats_json(insights.insights(db, now=NOW))
    assert [(s["stage"], s["reached"]) for s in data["funnel"]][:3] == [
        ("Saved", 7),
        ("Applied", 6),
        ("Screening", 3),
    ]
    assert data["response_rate"] == pytest.approx(0.6667)
    assert data["median_days_to_first_response"] == 6.0
    assert data["waiting_longest"][0]["posting_id"] == ids["P6"]


def test_an_empty_library_has_empty_figures(db: Library) -> None:
    figures = insights.insights(db, now=NOW)
    assert figures.total == 0 and figures.flows == [] and figures.weeks == []
    assert figures.responses.rate is None and figures.responses.median_days is None
    assert [s.count for s in figures.funnel] == [0] * 9


def test_the_figures_come_in_two_parts_the_quick_one_first(
    db: Library, ids: dict[str, int]
) -> None:
    overview, answers = insights.read_in_parts(db, now=NOW)
    assert isinstance(overview, insights.Overview) and isinstance(answers, insights.Answers)
    assert (overview.total, overview.applied) == (7, 6)  # before anything about answers
    assert insights.joined(overview, answers) == insights.insights(db, now=NOW)
    brief = insights.insights(db, now=NOW, ranking=False)  # jobdeck stats without --json
    assert brief.responses == answers.responses and brief.weeks == answers.weeks
    assert brief.companies == [] and brief.waiting == []


def test_a_range_of_days_includes_both_ends_in_the_local_time_zone() -> None:
    from datetime import date

    from desktop.core.insights import day_range

    start, end = day_range(date(2026, 11, 2), date(2026, 11, 8))
    assert start is not None and end is not None
    assert (start.date(), end.date()) == (date(2026, 11, 2), date(2026, 11, 9))
    assert start.utcoffset() is not None and start.hour == end.hour == 0
    assert day_range(None, date(2026, 11, 8))[0] is None
    assert day_range(date(2026, 11, 8), date(2026, 11, 8))[1] == end  # one day
    with pytest.raises(ValueError):
        day_range(date(2026, 11, 9), date(2026, 11, 8))


def test_many_postings_merely_saved_change_no_answer(db: Library, ids: dict[str, int]) -> None:
    # With few applications among many postings, they are read by id rather than by walking
    # every posting: the same figures either way.
    before = insights.insights(db, now=NOW)
    for number in range(60):
        _add(db, f"Nowhere {number}", [("Saved", 40)])
    after = insights.insights(db, now=NOW)
    assert after.total == before.total + 60
    assert after.responses == before.responses and after.weeks == before.weeks
    assert after.companies == before.companies  # no employer without an application sent
    assert after.waiting == before.waiting and after.waiting_count == before.waiting_count
