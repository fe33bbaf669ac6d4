"""Readers for the public job JSON of applicant-tracking systems and job boards.

Each board's JSON is recognised by its own keys (never by merely having "title"), then mapped
to a posting document; its HTML description goes through the same section reader as a
JSON-LD description, so headings, lists and pay read the same everywhere. Formats:

- Greenhouse Job Board API job (``absolute_url``, ``content`` entity-escaped HTML, ``metadata``)
- Lever Postings API posting (``hostedUrl``, ``text``, ``categories``, ``lists``, ``salaryRange``)
- Ashby posting API job (``jobUrl``, ``descriptionHtml``, ``isRemote``, ``compensation``)
- SmartRecruiters posting (``jobAd.sections``, ``typeOfEmployment``, ``releasedDate``)
- Workable job (``shortcode``, ``description`` / ``requirements`` / ``benefits`` HTML)
- Workday job detail (``jobPostingInfo`` with ``jobDescription``, ``timeType``, ``startDate``)
- a job board's record with ``title``, a company and an HTML ``description`` (Remotive,
  Arbeitnow, RemoteOK and many smaller boards share that shape)
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from desktop.core.dates import parse_moment
from desktop.core.posting import PostingDocument, Qualifications, Salary
from desktop.core.text import clean_text, safe_link
from desktop.importers import deadlines
from desktop.importers.html_text import fragment_text
from desktop.importers.intro import employment_type_of, work_model_of
from desktop.importers.lines import first_paragraph, list_items, paragraph, split_lines
from desktop.importers.money_context import pay_from
from desktop.importers.sections import description_of, split_body

FORMATS = (
    "files exported by Jobdeck, schema.org JobPosting (JSON-LD), and the job JSON of Greenhouse, "
    "Lever, Ashby, SmartRecruiters, Workable and Workday"
)
_PERIODS = {
    "year": "year", "yearly": "year", "annual": "year", "annually": "year",
    "per-year-salary": "year",
    "month": "month", "monthly": "month", "per-month-salary": "month",
    "week": "week", "weekly": "week", "per-week-salary": "week",
    "day": "day", "daily": "day", "per-day-wage": "day",
    "hour": "hour", "hourly": "hour", "per-hour-wage": "hour",
}  # fmt: skip


def _str(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("label") or value.get("text")
    if isinstance(value, bool) or value is None:
        return None
    return clean_text(str(value)) if isinstance(value, str | int | float) else None


def _get(obj: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(key)
    return obj


def _moment(value: Any, captured_at: datetime) -> datetime | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:  # a huge integer fails already in the division
            seconds = value / 1000 if value > 1e11 else value  # Lever gives milliseconds
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return parse_moment(_str(value), captured_at)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return None
    return number if number == number and 0 < abs(number) < 1e9 else None


def _salary(low: Any, high: Any, currency: Any, period: Any) -> Salary | None:
    low, high = _number(low), _number(high)
    if low is None and high is None:
        return None
    low = low if low is not None else high
    high = high if high is not None else low
    cur = _str(currency)
    per = _PERIODS.get((_str(period) or "").lower())
    shown = f"{low:,.0f}" if low == high else f"{low:,.0f} - {high:,.0f}"
    text = " ".join(p for p in (cur, shown, f"per {per}" if per else None) if p)
    return Salary(min=low, max=high, currency=cur.upper() if cur else None, period=per, text=text)


def _kind(value: Any) -> str | None:
    """An employment type from "full_time", "FullTime", "Full-time" or a label object."""
    name = _str(value)
    if not name:
        return None
    spaced = "".join(f" {c}" if c.isupper() and i else c for i, c in enumerate(name)).strip()
    key = spaced.replace("_", "-").replace(" ", "-").lower()
    return employment_type_of(key) or employment_type_of(key.replace("-", " ")) or name


def _model(value: Any) -> str | None:
    name = (_str(value) or "").replace("_", "-").lower()
    return work_model_of(name) or work_model_of(name.replace("-", " "))


class _Body:
    """An HTML (or plain) description read into sections, as the JSON-LD reader does."""

    def __init__(self, markup: str) -> None:
        if "<" not in markup and "&lt;" in markup:
            markup = html.unescape(markup)
        lines = split_lines(fragment_text(markup))
        self.lines = lines
        self.header, self.sections = split_body(lines)

    def items(self, key: str) -> tuple[str, ...]:
        return tuple(list_items(self.sections.by_key.get(key, [])))

    def document(self, **fields: Any) -> PostingDocument:
        by_key = self.sections.by_key
        company = fields.get("company")
        summary = paragraph(first_paragraph(self.header)) or paragraph(by_key.get("summary", []))
        salary = fields.pop("salary", None) or pay_from(by_key.get("salary", []), self.lines)
        return PostingDocument(
            summary=summary,
            description=description_of(self.header, self.sections),
            responsibilities=self.items("responsibilities"),
            qualifications=Qualifications(
                required=self.items("required"), preferred=self.items("preferred")
            ),
            benefits=self.items("benefits"),
            salary=salary,
            company=company,
            **{k: v for k, v in fields.items() if k != "company"},
        )


def _greenhouse(job: Mapping[str, Any], captured_at: datetime) -> PostingDocument:
    meta = {
        (_str(m.get("name")) or "").lower(): m.get("value")
        for m in job.get("metadata") or []
        if isinstance(m, Mapping)
    }
    kind = next((v for k, v in meta.items() if "employment" in k or "job type" in k), None)
    model = next((v for k, v in meta.items() if "workplace" in k or "remote" in k), None)
    return _Body(_str_raw(job.get("content"))).document(
        title=_str(job.get("title")),
        company=_str(job.get("company_name")),
        location=_str(_get(job, "location", "name")),
        employment_type=_kind(kind),
        work_model=_model(model),
        posted_at=_moment(job.get("first_published") or job.get("updated_at"), captured_at),
        url=safe_link(_str(job.get("absolute_url"))),
    )


def _lever(job: Mapping[str, Any], captured_at: datetime) -> PostingDocument:
    parts = [_str_raw(job.get("description"))]
    for block in job.get("lists") or []:
        if isinstance(block, Mapping):
            parts.append(f"<h3>{html.escape(_str(block.get('text')) or '')}</h3>")
            parts.append(f"<ul>{_str_raw(block.get('content'))}</ul>")
    parts.append(_str_raw(job.get("additional")))
    pay = job.get("salaryRange") if isinstance(job.get("salaryRange"), Mapping) else {}
    return _Body("".join(parts)).document(
        title=_str(job.get("text")),
        company=None,  # the postings API names no company; its URL's slug is not a name
        location=_str(_get(job, "categories", "location")),
        employment_type=_kind(_get(job, "categories", "commitment")),
        work_model=_model(job.get("workplaceType")),
        salary=_salary(pay.get("min"), pay.get("max"), pay.get("currency"), pay.get("interval")),
        posted_at=_moment(job.get("createdAt"), captured_at),
        url=safe_link(_str(job.get("hostedUrl"))),
    )


def _ashby(job: Mapping[str, Any], captured_at: datetime) -> PostingDocument:
    remote = job.get("isRemote") is True
    return _Body(_str_raw(job.get("descriptionHtml") or job.get("descriptionPlain"))).document(
        title=_str(job.get("title")),
        company=_str(job.get("organizationName") or job.get("companyName")),
        location=_str(job.get("location")),
        employment_type=_kind(job.get("employmentType")),
        work_model=_model(job.get("workplaceType")) or ("Remote" if remote else None),
        posted_at=_moment(job.get("publishedAt") or job.get("publishedDate"), captured_at),
        url=safe_link(_str(job.get("jobUrl"))),
    )


def _smartrecruiters(job: Mapping[str, Any], captured_at: datetime) -> PostingDocument:
    sections = _get(job, "jobAd", "sections") or {}
    parts = []
    for key in ("companyDescription", "jobDescription", "qualifications", "additionalInformation"):
        block = sections.get(key) if isinstance(sections, Mapping) else None
        if isinstance(block, Mapping):
            parts.append(f"<h3>{html.escape(_str(block.get('title')) or '')}</h3>")
            parts.append(_str_raw(block.get("text")))
    place = job.get("location") if isinstance(job.get("location"), Mapping) else {}
    where = ", ".join(p for p in (_str(place.get(k)) for k in ("city", "region", "country")) if p)
    return _Body("".join(parts)).document(
        title=_str(job.get("name")),
        company=_str(job.get("company")),
        location=where or None,
        employment_type=_kind(job.get("typeOfEmployment")),
        work_model="Remote" if place.get("remote") is True else None,
        posted_at=_moment(job.get("releasedDate"), captured_at),
        url=safe_link(_str(job.get("postingUrl") or job.get("applyUrl"))),
    )


def _workable(job: Mapping[str, Any], captured_at: datetime) -> PostingDocument:
    parts = [_str_raw(job.get("description"))]
    for key, heading in (("requirements", "Requirements"), ("benefits", "Benefits")):
        if job.get(key):
            parts.append(f"<h3>{heading}</h3>{_str_raw(job.get(key))}")
    place = job.get("location") if isinstance(job.get("location"), Mapping) else job
    where = ", ".join(p for p in (_str(place.get(k)) for k in ("city", "region", "country")) if p)
    remote = job.get("remote") is True or place.get("telecommuting") is True
    return _Body("".join(parts)).document(
        title=_str(job.get("title")),
        company=_str(job.get("company")),
        location=where or None,
        employment_type=_kind(job.get("employment_type") or job.get("type")),
        work_model=_model(job.get("workplace")) or ("Remote" if remote else None),
        posted_at=_moment(job.get("published") or job.get("published_on"), captured_at),
        url=safe_link(_str(job.get("url") or job.get("shortlink"))),
    )


def _workday(data: Mapping[str, Any], captured_at: datetime) -> PostingDocument:
    job = data["jobPostingInfo"]
    return _Body(_str_raw(job.get("jobDescription"))).document(
        title=_str(job.get("title")),
        company=_str(_get(data, "hiringOrganization", "name")),
        location=_str(job.get("location")),
        employment_type=_kind(job.get("timeType")),
        work_model=_model(job.get("remoteType")),
        posted_at=_moment(job.get("startDate"), captured_at),
        valid_through=deadlines.parse_deadline(_str(job.get("endDate"))),
        url=safe_link(_str(job.get("externalUrl"))),
        posted_text=_str(job.get("postedOn")),
    )


def _board_record(job: Mapping[str, Any], captured_at: datetime) -> PostingDocument:
    place = job.get("location")
    location = _str(place) if not isinstance(place, Mapping) else None
    model = _model(_get(job, "location", "type")) or _model(job.get("remote"))
    if model is None and job.get("remote") is True:
        model = "Remote"
    pay = job.get("salary") if isinstance(job.get("salary"), Mapping) else {}
    return _Body(_str_raw(job.get("description"))).document(
        title=_str(job.get("title")),
        company=_str(job.get("company") or job.get("company_name")),
        location=location,
        employment_type=_kind(job.get("job_type") or job.get("employment_type")),
        work_model=model,
        salary=_salary(
            pay.get("min"),
            pay.get("max"),
            pay.get("currency"),
            pay.get("per") or pay.get("period") or pay.get("interval"),
        ),
        posted_at=_moment(
            job.get("published_at") or job.get("date") or job.get("created_at"), captured_at
        ),
        url=safe_link(_str(job.get("url"))),
    )


def _str_raw(value: Any) -> str:
    return value if isinstance(value, str) else ""


# (format name, recogniser, reader): the first whose recogniser accepts the object reads it.
_FORMATS: tuple[tuple[str, Callable[[Mapping[str, Any]], bool], Callable[..., Any]], ...] = (
    ("greenhouse", lambda j: "absolute_url" in j and ("content" in j or "internal_job_id" in j),
     _greenhouse),
    ("lever", lambda j: "hostedUrl" in j and "text" in j and "categories" in j, _lever),
    ("ashby", lambda j: "jobUrl" in j and ("descriptionHtml" in j or "descriptionPlain" in j),
     _ashby),
    ("smartrecruiters", lambda j: isinstance(j.get("jobAd"), Mapping) and "name" in j,
     _smartrecruiters),
    ("workable", lambda j: "shortcode" in j and "title" in j, _workable),
    ("workday", lambda j: isinstance(j.get("jobPostingInfo"), Mapping), _workday),
    ("board", lambda j: isinstance(j.get("title"), str)
     and isinstance(j.get("description"), str)
     and isinstance(j.get("company") or j.get("company_name"), str | Mapping), _board_record),
)  # fmt: skip


# A board's list endpoint wraps its jobs: Greenhouse, Ashby and Workable in "jobs",
# SmartRecruiters in "content", others in "postings", "results" or "data".
_LIST_KEYS = ("jobs", "content", "postings", "results", "data")


def job_items(value: Any) -> list[Any]:
    """The objects to read from parsed JSON: a list's items, a list endpoint's jobs, or the
    value itself."""
    if isinstance(value, list):
        return value
    if isinstance(value, Mapping) and board_format(value) is None and "@type" not in value:
        for key in _LIST_KEYS:
            items = value.get(key)
            if isinstance(items, list) and items and any(board_format(x) for x in items):
                return items
    return [value]


def board_format(item: Any) -> str | None:
    """Which board's job JSON the object is, or None."""
    if not isinstance(item, Mapping):
        return None
    return next((name for name, accepts, _read in _FORMATS if accepts(item)), None)


def to_document(item: Mapping[str, Any], *, raw: str, captured_at: datetime) -> PostingDocument:
    """The posting document of one board job object (``board_format`` must know it)."""
    reader = next(read for _name, accepts, read in _FORMATS if accepts(item))
    doc = reader(item, captured_at)
    return doc.with_changes(captured_at=captured_at, source_format="board-json", raw=raw)
