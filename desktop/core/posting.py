"""The posting as Jobdeck holds it: plain, frozen data shared by readers, storage, export, UI.

Field names follow the JSON contract in ``shared/guides/posting-document.md`` exactly; the
contract itself (to and from JSON, and its validation) is in ``desktop.core.document``. No Qt,
no SQL here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

# Re-exported: the salary lives apart so that a list of postings needs no other of these types
# (the window's first paint, ``jobdeck list``).
from desktop.core.salary import Salary as Salary

# Re-exported: the contract's values live where the search reads them without these types.
from desktop.core.work_models import WORK_MODELS as WORK_MODELS

if TYPE_CHECKING:
    from desktop.core.agenda import Interview, Task
    from desktop.core.application_record import ApplicationRecord

SALARY_PERIODS = ("year", "month", "week", "day", "hour")
SOURCE_FORMATS = (
    "jobright", "text", "json-ld", "microdata", "rdfa", "board-json", "jobdeck-json", "manual",
)  # fmt: skip


@dataclass(frozen=True)
class H1bYear:
    year: int
    count: int


@dataclass(frozen=True)
class H1b:
    note: str | None = None
    by_year: tuple[H1bYear, ...] = ()


@dataclass(frozen=True)
class FundingRound:
    date: str | None = None
    type: str | None = None
    amount: str | None = None
    amount_usd: int | None = None


@dataclass(frozen=True)
class Funding:
    stage: str | None = None
    total: str | None = None
    total_usd: int | None = None
    investors: tuple[str, ...] = ()
    rounds: tuple[FundingRound, ...] = ()


@dataclass(frozen=True)
class NewsItem:
    date: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class CompanyProfile:
    name: str
    description: str | None = None
    h1b: H1b | None = None
    funding: Funding | None = None
    news: tuple[NewsItem, ...] = ()
    data_source: str | None = None


@dataclass(frozen=True)
class Qualifications:
    required: tuple[str, ...] = ()
    preferred: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageChange:
    stage: str
    at: datetime
    # The source gave no date (a tracker's row with a status and no status date): ``at`` is
    # when Jobdeck learned of it, and a saved posting's history places it by the pipeline's
    # order instead (core.history_merge). Not part of the document's contract or equality.
    undated: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class PostingDocument:
    title: str | None = None
    company: str | None = None
    location: str | None = None
    employment_type: str | None = None
    work_model: str | None = None
    salary: Salary | None = None
    posted_text: str | None = None
    posted_at: datetime | None = None
    captured_at: datetime | None = None
    # The application deadline as the source states it: ISO 8601 text, a date or a date-time
    # (with its zone when the source gives one), kept as precise as the source is.
    valid_through: str | None = None
    url: str | None = None
    summary: str | None = None
    description: str | None = None
    industries: tuple[str, ...] = ()
    responsibilities: tuple[str, ...] = ()
    qualifications: Qualifications = field(default_factory=Qualifications)
    benefits: tuple[str, ...] = ()
    company_profile: CompanyProfile | None = None
    source_format: str | None = None
    raw: str = ""
    # Export only: what the store knows about this posting beyond the document itself.
    id: int | None = None
    stage: str | None = None
    stage_history: tuple[StageChange, ...] = ()
    # The application's interview rounds and tasks (export only; see core.agenda_json).
    interviews: tuple[Interview, ...] = ()
    tasks: tuple[Task, ...] = ()
    # The library's tasks of no application, carried by an export's first document (the array
    # has no other place older readers would pass over; see core.agenda_json).
    free_tasks: tuple[Task, ...] = ()
    # Its notes, contacts, documents and facts (export only; see core.application_record).
    application: ApplicationRecord | None = None

    def with_changes(self, **changes: Any) -> PostingDocument:
        return replace(self, **changes)


def clean_list(items: Sequence[str]) -> tuple[str, ...]:
    """Drop empty items; keep order."""
    return tuple(item for item in items if item)
