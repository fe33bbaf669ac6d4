"""Insight into a job search: the funnel, the flows between stages, applications per week, the
response rate and time, companies ranked, the applications waiting longest.

Read from the stage histories in plain SQL (``storage/insight_sql.py``, ``insight_answers``,
``insight_figures``) and computed in plain Python (``core/insights.py``); nothing here waits
for the ORM. ``jobdeck stats`` and the Insights page print the same figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.core import insights as rules
from desktop.core.insights import (
    WAITING_SHOWN,
    Answers,
    CompanyFigures,
    Figure,
    Filters,
    Insights,
    Overview,
    Responses,
    WaitingApplication,
    by_outcome,
    joined,
)
from desktop.services.library import Library
from desktop.storage import insight_answers, insight_figures, insight_lists, insight_sql
from desktop.storage.pipeline_sql import stored_time

__all__ = [
    "Answers",
    "Figure",
    "Filters",
    "Insights",
    "Overview",
    "by_outcome",
    "figure_postings",
    "filter_choices",
    "insights",
    "joined",
    "listed",
    "read_in_parts",
    "stats_json",
]


def read_in_parts(
    db: Library,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    filters: Filters | None = None,
    now: datetime | None = None,
    ranking: bool = True,
    overview: bool = True,
    answers: bool = True,
) -> Iterator[Overview | Answers]:
    """The figures for the applications whose history begins in [start, end) and that the
    filters keep, in two parts as they are read: first the ``Overview`` (the count, the
    funnel, the flows: indexes only, the quick part), then the ``Answers`` (applications per
    week, the response rate and time, with ``ranking`` the employers ranked and who waits
    longest). Without ``overview`` or ``answers`` that part is not read (the page reads the
    first ahead, the second when it is shown). Times are aware; ``now`` (default: now) is
    when waiting is measured to. Raises the services' errors when the library cannot be
    read."""
    now = now or datetime.now(UTC)
    with db.querying() as conn:
        stages = insight_sql.stages(conn)
        with _cohort(conn, filters, start, end):
            if overview:
                yield _overview(conn, stages)
            if answers:
                with _answered(conn, stages):
                    yield _answers(conn, stages, now, ranking)


def _overview(conn: Any, stages: list[rules.StageRef]) -> Overview:
    by_id = {stage.id: stage for stage in stages}
    applied = rules.applied_stage(stages)
    reached = insight_sql.reached(conn)
    furthest = insight_sql.furthest(conn, rules.open_ranks(stages), reached)
    return Overview(
        total=insight_sql.total(conn),
        funnel=rules.funnel(stages, reached, furthest),
        flows=rules.flows(by_id, insight_sql.steps(conn)),
        applied=reached.get(applied.id, 0) if applied else 0,
        stages=by_id,
    )


def _answers(conn: Any, stages: list[rules.StageRef], now: datetime, ranking: bool) -> Answers:
    sent, answered, days = insight_answers.responses(conn)
    weeks = rules.every_week(insight_answers.weeks(conn))
    responses = Responses(sent, answered, rules.median(days))
    if not ranking:
        return Answers(weeks, responses, [], [])
    companies, days_by_key = insight_answers.companies(
        conn,
        rules.stages_named(stages, rules.GOOD_OUTCOMES),
        rules.stages_named(stages, rules.REJECTED),
    )
    waiting_count, waiting = insight_answers.waiting(conn, WAITING_SHOWN)
    ranked = rules.rank_by_response_time(
        CompanyFigures(
            name or "(no company)",
            key,
            count,
            Responses(applied_count, answered_count, rules.median(days_by_key.get(key, []))),
            offers,
            rejections,
        )
        for key, name, count, applied_count, answered_count, offers, rejections in companies
    )
    return Answers(
        weeks=weeks,
        responses=responses,
        companies=ranked,
        waiting=[
            WaitingApplication(pid, company, title, stage, at, (now - at).total_seconds() / 86400)
            for pid, company, title, stage, at in waiting
        ],
        waiting_count=waiting_count,
        companies_by_outcome=by_outcome(ranked),
    )


def insights(
    db: Library,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    filters: Filters | None = None,
    now: datetime | None = None,
    ranking: bool = True,
) -> Insights:
    """Every figure (both parts of ``read_in_parts``) at once."""
    overview, answers = read_in_parts(
        db, start=start, end=end, filters=filters, now=now, ranking=ranking
    )
    return rules.joined(overview, answers)  # type: ignore[arg-type]


def _cohort(
    conn: Any, filters: Filters | None, start: datetime | None, end: datetime | None
) -> Any:
    return insight_sql.cohort(
        conn,
        filters or Filters(),
        stored_time(start) if start else None,
        stored_time(end) if end else None,
    )


def _answered(conn: Any, stages: list[rules.StageRef]) -> Any:
    applied = rules.applied_stage(stages)
    return insight_answers.answered(
        conn,
        applied.id if applied else None,
        rules.response_stages(stages, applied) if applied else frozenset(),
    )


def figure_postings(
    db: Library,
    figure: Figure,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    filters: Filters | None = None,
) -> list[int]:
    """The ids of the applications a figure counts, for the same period and filters, in id
    order: as many as the figure says (a funnel step's ``figure`` its ``count``, its
    ``onward_figure`` its ``reached_or_later``)."""
    with db.querying() as conn:
        stages = insight_sql.stages(conn)
        with _cohort(conn, filters, start, end):
            if figure.kind == "reached_or_later":
                onward = rules.onward_stages(stages, int(figure.key))  # type: ignore[call-overload]
                return insight_figures.entered_any(conn, onward)
            if figure.kind not in insight_figures.ANSWERED_KINDS:
                return insight_figures.figure_ids(conn, figure)
            with _answered(conn, stages):
                return insight_figures.figure_ids(conn, figure)


@dataclass(frozen=True)
class Listed:
    """One application a figure opens."""

    posting_id: int
    title: str
    company: str
    stage: str


def listed(db: Library, posting_ids: Sequence[int]) -> list[Listed]:
    """The applications with these ids, in that order (ids deleted since are left out)."""
    with db.querying() as connection:
        found = insight_lists.titles(connection, list(posting_ids))
    return [Listed(pid, *found[pid]) for pid in posting_ids if pid in found]


def filter_choices(db: Library) -> tuple[list[str], list[str]]:
    """(employment types, label names) in use, for the filters offered."""
    with db.querying() as connection:
        return insight_lists.choices(connection)


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def stats_json(figures: Insights) -> dict[str, Any]:
    """The figures as ``jobdeck stats --json`` prints them."""
    responses = figures.responses
    return {
        "applications": figures.total,
        "funnel": [
            {
                "stage": step.stage.name,
                "reached": step.count,
                # Entered it or an open stage after it (open stages in use; else null).
                "reached_or_later": step.reached_or_later,
                # reached_or_later over the previous open stage's (0 to 1; null without one).
                "conversion": _rounded(step.conversion, 4),
                "closed": step.stage.is_closed,
                "deleted": step.stage.archived,
            }
            for step in figures.funnel
        ],
        "flows": [
            {"from": f.source.name, "to": f.target.name, "count": f.count} for f in figures.flows
        ],
        "applied": responses.applied,
        "responded": responses.responded,
        "response_rate": _rounded(responses.rate, 4),
        "median_days_to_first_response": _rounded(responses.median_days, 2),
        "applications_per_week": [
            {"week": week.monday.isoformat(), "applied": week.applied} for week in figures.weeks
        ],
        "companies": [
            {
                "company": c.company,
                "applications": c.applications,
                "applied": c.responses.applied,
                "responded": c.responses.responded,
                "response_rate": _rounded(c.responses.rate, 4),
                "median_days_to_first_response": _rounded(c.responses.median_days, 2),
                "offers": c.offers,
                "rejections": c.rejections,
            }
            for c in figures.companies
        ],
        "waiting_longest": [
            {
                "posting_id": w.posting_id,
                "company": w.company,
                "title": w.title,
                "stage": w.stage,
                "applied": w.applied_at.isoformat(),
                "days": _rounded(w.days, 1),
            }
            for w in figures.waiting
        ],
    }
