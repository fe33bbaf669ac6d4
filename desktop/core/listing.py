"""What the postings list shows for one posting, and how it may be sorted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from desktop.core.display import salary_display

if TYPE_CHECKING:  # a type only: the posting types take 20 ms to load, the list never needs them
    from desktop.core.labels import Label
    from desktop.core.salary import Salary


# The Labels sort compares an application's label names (compared form, in order) joined by
# this character, which sorts before any character a name holds: ("dream", "job") sorts before
# ("dream job",), as the lists of names compare. storage.posting_list builds the same in SQL.
LABEL_NAMES_SEPARATOR = "\x01"


class SortKey(Enum):
    COMPANY = "company"
    TITLE = "title"
    STAGE = "stage"
    POSTED = "posted"
    LOCATION = "location"
    SALARY = "salary"
    H1B = "h1b"
    WORK_MODEL = "work_model"
    APPLIED = "applied"  # the applied-on date
    DAYS_IN_STAGE = "days_in_stage"
    LAST_ACTIVITY = "last_activity"
    DEADLINE = "deadline"
    LABELS = "labels"  # by the application's label names, as the column lists them


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
    work_model: str | None = None
    applied_at: datetime | None = None  # the user's date, else the first move to Applied
    stage_since: datetime | None = None  # when it entered its current stage
    last_activity: datetime | None = None  # latest stage change, note, document or task done
    deadline: str | None = None  # the posting's valid_through, as the source gave it
    labels: tuple[Label, ...] = ()  # the application's labels, by name

    @property
    def labels_shown(self) -> str:
        return ", ".join(label.name for label in self.labels)

    @property
    def salary_shown(self) -> str:
        return salary_display(self.salary)

    def days_in_stage(self, now: datetime) -> int | None:
        """Whole days since it entered its current stage (None when that is unknown)."""
        if self.stage_since is None:
            return None
        return max((now - self.stage_since).days, 0)
