"""Salary and date display: one function each for the list, the card and the pane."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.core.display import (
    day,
    day_sortable,
    deadline_display,
    posted_display,
    salary_display,
    salary_from_columns,
)
from desktop.core.posting import Salary


def test_a_salary_reads_as_the_posting_wrote_it_or_from_its_numbers() -> None:
    assert salary_display(None) == ""
    assert salary_display(Salary(text="$160K/yr")) == "$160K/yr"
    assert salary_display(Salary(160000, 210000, "USD", "year")) == "160,000 - 210,000 USD per year"
    assert salary_display(Salary(min=25, period="hour")) == "25 per hour"
    assert salary_display(Salary(max=90000, currency="EUR")) == "90,000 EUR"
    assert salary_display(Salary(currency="USD")) == ""


def test_a_row_without_any_salary_column_has_no_salary() -> None:
    assert salary_from_columns(None, None, "USD", "year", None) is None
    assert salary_from_columns(1.0, None, None, None, None) == Salary(1.0)


def test_dates_read_in_local_time_and_empty_when_unknown() -> None:
    when = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)
    assert day(None) == "" and day_sortable(None) == ""
    assert day_sortable(when) == when.astimezone().strftime("%Y-%m-%d")
    assert posted_display(None, "3 days ago") == "3 days ago"
    assert posted_display(when, "3 days ago") == day(when)  # "3 days ago" goes stale
    assert deadline_display("2026-12-01") == "01 Dec 2026" and deadline_display(None) == ""
