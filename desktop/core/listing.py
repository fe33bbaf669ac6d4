"""What the postings list shows for one posting, and how it may be sorted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from desktop.core.display import salary_display
from desktop.core.posting import Salary


class SortKey(Enum):
    COMPANY = "company"
    TITLE = "title"
    STAGE = "stage"
    POSTED = "posted"
    LOCATION = "location"
    SALARY = "salary"
    H1B = "h1b"


@dataclass(frozen=True)
class PostingRow:
    """A frozen snapshot of one line of the postings list."""

    id: int
    company: str | None
    title: str
    stage: str
    stage_color: str
    posted_at: datetime | None
    location: str | None
    salary: Salary | None
    h1b_latest_year: int | None
    h1b_latest_count: int | None

    @property
    def salary_shown(self) -> str:
        return salary_display(self.salary)
