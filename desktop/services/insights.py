"""Insight into a job search: the funnel, the flows between stages, applications per week, the
response rate and time, companies ranked, the applications waiting longest.

Read from the stage histories in plain SQL (``storage/insight_sql.py``) and computed in plain
Python (``core/insights.py``); nothing here waits for the ORM. ``jobdeck stats`` and the
Insights page print the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.core import insights as rules
from desktop.core.insights import (
    WAITING_SHOWN,
    CompanyFigures,
    Figure,
    Filters,
    Insights,
    Responses,
    WaitingApplication,
)
from desktop.services.library import Library
from desktop.storage import insight_sql
from desktop.storage.pipeline_sql import stored_time

__all__ = [
    "Figure",
    "Filters",
    "Insights",
    "figure_postings",
    "filter_choices",
    "insights",
    "listed",
    "stats_json",
]


def insights(
    db: Library,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    filters: Filters | None = None,
    now: datetime | None = None,
) -> Insights:
    """Every figure for the applications whose history begins in [start, end) and that the
    filters keep. Times are aware; ``now`` (default: now) is when waiting is measured to."""
    now = now or datetime.now(UTC)
    with db.querying() as conn:
        stages = insight_sql.stages(conn)
        by_id = {stage.id: stage for stage in stages}
        with _cohort(conn, filters, start, end, stages):
            total = insight_sql.total(conn)
            reached = insight_sql.reached(conn)
            steps = insight_sql.steps(conn)
            sent, answered, days = insight_sql.responses(conn)
            weeks = insight_sql.weeks(conn)
            companies = insight_sql.companies(conn)
            offers = insight_sql.reached_per_company(
                conn, rules.stages_named(stages, rules.GOOD_OUTCOMES)
            )
            rejections = insight_sql.reached_per_company(
                conn, rules.stages_named(stages, rules.REJECTED)
            )
            company_days = insight_sql.company_days(conn)
            waiting_count, waiting = insight_sql.waiting(conn, WAITING_SHOWN)
    days_by_key: dict[str, list[float]] = defaultdict(list)
    for key, value in company_days:
        days_by_key[key].append(value)
    return Insights(
        total=total,
        funnel=rules.funnel(stages, reached),
        flows=rules.flows(by_id, steps),
        weeks=rules.every_week(weeks),
        responses=Responses(sent, answered, rules.median(days)),
        companies=rules.rank_by_response_time(
            CompanyFigures(
                name or "(no company)",
                key,
                count,
                Responses(applied_count, answered_count, rules.median(days_by_key.get(key, []))),
                offers.get(key, 0),
                rejections.get(key, 0),
            )
            for key, name, count, applied_count, answered_count in companies
        ),
        waiting=[
            WaitingApplication(pid, company, title, stage, at, (now - at).total_seconds() / 86400)
            for pid, company, title, stage, at in waiting
        ],
        waiting_count=waiting_count,
        stages=by_id,
    )


def _cohort(
    conn: Any,
    filters: Filters | None,
    start: datetime | None,
    end: datetime | None,
    stages: list[rules.StageRef],
) -> Any:
    applied = rules.applied_stage(stages)
    return insight_sql.cohort(
        conn,
        filters or Filters(),
        stored_time(start) if start else None,
        stored_time(end) if end else None,
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
    """The ids of the applications a figure counts, for the same period and filters."""
    with db.querying() as conn:
        stages = insight_sql.stages(conn)
        with _cohort(conn, filters, start, end, stages):
            return insight_sql.figure_ids(conn, figure)


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
        found = insight_sql.titles(connection, list(posting_ids))
    return [Listed(pid, *found[pid]) for pid in posting_ids if pid in found]


def filter_choices(db: Library) -> tuple[list[str], list[str]]:
    """(employment types, card label colours) in use, for the filters offered."""
    with db.querying() as connection:
        return insight_sql.choices(connection)


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
