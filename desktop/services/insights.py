"""Insight into a job search: the funnel, the flows between stages, applications per week, the
response rate and time, companies ranked, the applications waiting longest.

Read from the stage histories in plain SQL (``storage/insight_sql.py``) and computed in plain
Python (``core/insights.py``); nothing here waits for the ORM. ``jobdeck stats`` and the
Insights page print the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.core.insights import Filters, Insights, compute, in_period
from desktop.services.library import Library
from desktop.storage import insight_sql

__all__ = ["Filters", "Insights", "filter_choices", "insights", "listed", "stats_json"]


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
    with db.querying() as connection:
        stages = insight_sql.stages(connection)
        histories = in_period(insight_sql.histories(connection, filters or Filters()), start, end)
    return compute(stages, histories, now or datetime.now(UTC))


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
        "applications": len(figures.total),
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
        "applied": len(responses.applied),
        "responded": len(responses.responded),
        "response_rate": _rounded(responses.rate, 4),
        "median_days_to_first_response": _rounded(responses.median_days, 2),
        "applications_per_week": [
            {"week": week.monday.isoformat(), "applied": len(week.applied)}
            for week in figures.weeks
        ],
        "companies": [
            {
                "company": c.company,
                "applications": len(c.postings),
                "applied": len(c.responses.applied),
                "responded": len(c.responses.responded),
                "response_rate": _rounded(c.responses.rate, 4),
                "median_days_to_first_response": _rounded(c.responses.median_days, 2),
                "offers": len(c.offers),
                "rejections": len(c.rejections),
            }
            for c in figures.companies
        ],
        "waiting_longest": [
            {
                "posting_id": w.posting_id,
                "company": w.company,
                "stage": w.stage,
                "applied": w.applied_at.isoformat(),
                "days": _rounded(w.days, 1),
            }
            for w in figures.waiting
        ],
    }
