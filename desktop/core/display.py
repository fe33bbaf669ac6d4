"""How salaries and dates read on screen: one function each, used by the list, the board's
cards and the detail pane alike, so a value never shows in one place and not in another."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded with the first salary shown: the commands that only print stages
    # never make a dataclass
    from desktop.core.salary import Salary


def salary_display(salary: Salary | None) -> str:
    """ "160,000 - 210,000 USD per year", the posting's own words when it has them, else ""."""
    if salary is None:
        return ""
    if salary.text:
        return salary.text
    if salary.min is None and salary.max is None:
        return ""
    text = " - ".join(f"{v:,.0f}" for v in (salary.min, salary.max) if v is not None)
    if salary.currency:
        text = f"{text} {salary.currency}"
    return f"{text} per {salary.period}" if salary.period else text


def salary_from_columns(
    low: float | None,
    high: float | None,
    currency: str | None,
    period: str | None,
    text: str | None,
) -> Salary | None:
    """The salary stored in a row's columns, or None when the posting names none."""
    if low is None and high is None and not text:
        return None
    from desktop.core.salary import Salary

    return Salary(low, high, currency, period, text)


def day(when: datetime | None) -> str:
    """ "17 Nov 2026" in local time, or ""."""
    return when.astimezone().strftime("%d %b %Y") if when is not None else ""


def day_sortable(when: datetime | None) -> str:
    """ "2026-11-17" in local time (a list column that reads in order), or ""."""
    return when.astimezone().strftime("%Y-%m-%d") if when is not None else ""


def day_and_time(when: datetime | None) -> str:
    """ "17 Nov 2026, 09:00" in local time, or ""."""
    return when.astimezone().strftime("%d %b %Y, %H:%M") if when is not None else ""


def posted_display(posted_at: datetime | None, posted_text: str | None) -> str:
    """When a posting was posted, as a date: the source's "9 hours ago" is stale the day after,
    so it is shown only when no date could be worked out from it."""
    if posted_at is None:
        return posted_text or ""
    return day(posted_at)


def deadline_display(valid_through: str | None) -> str:
    """The application deadline as a date (and time, when the source gave one), or ""."""
    if not valid_through:
        return ""
    try:
        if len(valid_through) == 10:
            return date.fromisoformat(valid_through).strftime("%d %b %Y")
        moment = datetime.fromisoformat(valid_through)
    except ValueError:
        return valid_through
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d %b %Y %H:%M")
