"""The posting document's JSON contract (``shared/guides/posting-document.md``) and its validation.

``to_json`` and ``from_json`` convert between ``desktop.core.posting.PostingDocument`` and the
contract's dictionaries; ``from_json`` names the field that is wrong (``DocumentError``) instead of
raising a bare ``KeyError`` or ``TypeError``. Keep the field names exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from desktop.core import agenda_json, application_record
from desktop.core.bounds import problems
from desktop.core.posting import (
    SALARY_PERIODS,
    SOURCE_FORMATS,
    WORK_MODELS,
    CompanyProfile,
    Funding,
    FundingRound,
    H1b,
    H1bYear,
    NewsItem,
    PostingDocument,
    Qualifications,
    Salary,
    StageChange,
)


class DocumentError(ValueError):
    """A posting document that does not follow the contract; the message names the field."""


# ---------------------------------------------------------------------------------------------
# To JSON


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _salary_json(salary: Salary | None) -> dict[str, Any] | None:
    if salary is None:
        return None
    return {
        "min": salary.min,
        "max": salary.max,
        "currency": salary.currency,
        "period": salary.period,
        "text": salary.text,
    }


def _profile_json(profile: CompanyProfile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    h1b = profile.h1b
    funding = profile.funding
    return {
        "name": profile.name,
        "description": profile.description,
        "h1b": None
        if h1b is None
        else {
            "note": h1b.note,
            "by_year": [{"year": y.year, "count": y.count} for y in h1b.by_year],
        },
        "funding": None
        if funding is None
        else {
            "stage": funding.stage,
            "total": funding.total,
            "total_usd": funding.total_usd,
            "investors": list(funding.investors),
            "rounds": [
                {"date": r.date, "type": r.type, "amount": r.amount, "amount_usd": r.amount_usd}
                for r in funding.rounds
            ],
        },
        "news": [{"date": n.date, "title": n.title, "url": n.url} for n in profile.news],
        "data_source": profile.data_source,
    }


def to_json(doc: PostingDocument, *, with_store_fields: bool = True) -> dict[str, Any]:
    """The contract's dictionary, keys in the contract's order.

    ``with_store_fields`` adds ``id``, ``stage`` and ``stage_history`` (export); a dry run leaves
    ``id`` null and the stage fields out.
    """
    out: dict[str, Any] = {"id": doc.id if with_store_fields else None}
    out.update(
        {
            "title": doc.title,
            "company": doc.company,
            "location": doc.location,
            "employment_type": doc.employment_type,
            "work_model": doc.work_model,
            "salary": _salary_json(doc.salary),
            "posted_text": doc.posted_text,
            "posted_at": _iso(doc.posted_at),
            "captured_at": _iso(doc.captured_at),
            "valid_through": doc.valid_through,
            "url": doc.url,
            "summary": doc.summary,
            "description": doc.description,
            "industries": list(doc.industries),
            "responsibilities": list(doc.responsibilities),
            "qualifications": {
                "required": list(doc.qualifications.required),
                "preferred": list(doc.qualifications.preferred),
            },
            "benefits": list(doc.benefits),
            "company_profile": _profile_json(doc.company_profile),
            "source_format": doc.source_format,
            "raw": doc.raw,
        }
    )
    if with_store_fields:
        out["stage"] = doc.stage
        out["stage_history"] = [{"stage": c.stage, "at": _iso(c.at)} for c in doc.stage_history]
        if doc.interviews or doc.tasks:  # an export without them stays as it always was
            out["interviews"] = agenda_json.interviews_json(doc.interviews)
            out["tasks"] = agenda_json.tasks_json(doc.tasks)
        if doc.free_tasks:  # on an export's first document only
            out["free_tasks"] = agenda_json.tasks_json(doc.free_tasks)
        if doc.application is not None and not doc.application.is_empty():
            out.update(application_record.record_json(doc.application))
    return out


# ---------------------------------------------------------------------------------------------
# From JSON: every value is checked, so a hand-edited file gets a message naming the field.


def _opt_str(obj: Mapping[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or type(value) is str:  # what JSON holds, told at once
        return value
    if not isinstance(value, str):
        raise DocumentError(f"{where}{key} must be text or null, not {type(value).__name__}")
    return value


def _opt_number(obj: Mapping[str, Any], key: str, where: str) -> float | None:
    value = obj.get(key)
    if value is None or type(value) is int:  # a whole number (never a bool: its type is bool)
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DocumentError(f"{where}{key} must be a number or null")
    if isinstance(value, float) and not math.isfinite(value):
        # json.loads reads NaN, Infinity and 1e400 without complaint; none can be stored.
        raise DocumentError(f"{where}{key} must be a finite number, not {value}")
    return value


def _opt_int(obj: Mapping[str, Any], key: str, where: str) -> int | None:
    value = _opt_number(obj, key, where)
    if value is None or type(value) is int:
        return value
    if value != int(value):
        raise DocumentError(f"{where}{key} must be a whole number")
    return int(value)


def _str_list(obj: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = obj.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DocumentError(f"{where}{key} must be a list of text")
    return tuple(value)


def _obj_list(obj: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise DocumentError(f"{where}{key} must be a list of objects")
    return value


def _opt_obj(obj: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any] | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise DocumentError(f"{where}{key} must be an object or null")
    return value


def parse_datetime(text: str, where: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise DocumentError(f"{where} is not an ISO 8601 date and time: {text!r}") from None
    if value.tzinfo is None:
        raise DocumentError(f"{where} needs a time zone: {text!r}")
    return value


def _opt_datetime(obj: Mapping[str, Any], key: str, where: str) -> datetime | None:
    text = _opt_str(obj, key, where)
    return None if text is None else parse_datetime(text, f"{where}{key}")


def _opt_date_text(obj: Mapping[str, Any], key: str, where: str) -> str | None:
    text = _opt_str(obj, key, where)
    if text is not None:
        try:
            date.fromisoformat(text)
        except ValueError:
            raise DocumentError(f"{where}{key} is not an ISO date (YYYY-MM-DD): {text!r}") from None
    return text


def _opt_deadline(obj: Mapping[str, Any], key: str, where: str) -> str | None:
    text = _opt_str(obj, key, where)
    if text is None:
        return None
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text)
    except ValueError:
        raise DocumentError(
            f"{where}{key} is not an ISO 8601 date or date and time: {text!r}"
        ) from None
    return text


def _salary_from(obj: Mapping[str, Any] | None) -> Salary | None:
    if obj is None:
        return None
    where = "salary."
    period = _opt_str(obj, "period", where)
    if period is not None and period not in SALARY_PERIODS:
        raise DocumentError(f"salary.period must be one of {', '.join(SALARY_PERIODS)}")
    return Salary(
        min=_opt_number(obj, "min", where),
        max=_opt_number(obj, "max", where),
        currency=_opt_str(obj, "currency", where),
        period=period,
        text=_opt_str(obj, "text", where),
    )


def _profile_from(obj: Mapping[str, Any] | None, company: str | None) -> CompanyProfile | None:
    if obj is None:
        return None
    where = "company_profile."
    name = _opt_str(obj, "name", where) or company
    if not name:
        raise DocumentError("company_profile.name is missing")
    h1b_obj = _opt_obj(obj, "h1b", where)
    h1b = None
    if h1b_obj is not None:
        years = []
        for i, item in enumerate(_obj_list(h1b_obj, "by_year", f"{where}h1b.")):
            year, count = item.get("year"), item.get("count")
            if type(year) is not int or type(count) is not int:  # said what is wrong, by name
                at = f"{where}h1b.by_year[{i}]."
                year, count = _opt_int(item, "year", at), _opt_int(item, "count", at)
                if year is None or count is None:
                    raise DocumentError(f"{at[:-1]} needs a year and a count")
            years.append(H1bYear(year, count))
        h1b = H1b(note=_opt_str(h1b_obj, "note", f"{where}h1b."), by_year=tuple(years))
    funding_obj = _opt_obj(obj, "funding", where)
    funding = None
    if funding_obj is not None:
        fw = f"{where}funding."
        rounds = tuple(
            FundingRound(
                date=_opt_date_text(r, "date", f"{fw}rounds[{i}]."),
                type=_opt_str(r, "type", f"{fw}rounds[{i}]."),
                amount=_opt_str(r, "amount", f"{fw}rounds[{i}]."),
                amount_usd=_opt_int(r, "amount_usd", f"{fw}rounds[{i}]."),
            )
            for i, r in enumerate(_obj_list(funding_obj, "rounds", fw))
        )
        funding = Funding(
            stage=_opt_str(funding_obj, "stage", fw),
            total=_opt_str(funding_obj, "total", fw),
            total_usd=_opt_int(funding_obj, "total_usd", fw),
            investors=_str_list(funding_obj, "investors", fw),
            rounds=rounds,
        )
    news = tuple(
        NewsItem(
            date=_opt_date_text(n, "date", f"{where}news[{i}]."),
            title=_opt_str(n, "title", f"{where}news[{i}]."),
            url=_opt_str(n, "url", f"{where}news[{i}]."),
        )
        for i, n in enumerate(_obj_list(obj, "news", where))
    )
    return CompanyProfile(
        name=name,
        description=_opt_str(obj, "description", where),
        h1b=h1b,
        funding=funding,
        news=news,
        data_source=_opt_str(obj, "data_source", where),
    )


def from_json(obj: Any) -> PostingDocument:
    """Read one contract dictionary; raise DocumentError naming the first field that is wrong.

    A value of the right type that cannot be stored (a salary beyond a quadrillion, a date
    outside the years 1900-9999 in UTC, a negative amount) is wrong too: see ``core.bounds``.
    """
    doc = _document_from(obj)
    found = problems(doc)
    if found:
        raise DocumentError(found[0])
    return doc


def _document_from(obj: Any) -> PostingDocument:
    if not isinstance(obj, Mapping):
        raise DocumentError("a posting must be a JSON object")
    work_model = _opt_str(obj, "work_model", "")
    if work_model is not None and work_model not in WORK_MODELS:
        raise DocumentError(f"work_model must be one of {', '.join(WORK_MODELS)} or null")
    source_format = _opt_str(obj, "source_format", "")
    if source_format is not None and source_format not in SOURCE_FORMATS:
        raise DocumentError(f"source_format {source_format!r} is not one Jobdeck knows")
    quals = _opt_obj(obj, "qualifications", "") or {}
    company = _opt_str(obj, "company", "")
    history = []
    for i, item in enumerate(_obj_list(obj, "stage_history", "")):
        stage = _opt_str(item, "stage", f"stage_history[{i}].")
        at = _opt_datetime(item, "at", f"stage_history[{i}].")
        if not stage or at is None:
            raise DocumentError(f"stage_history[{i}] needs a stage and a time")
        history.append(StageChange(stage, at))
    raw = _opt_str(obj, "raw", "")
    doc_id = obj.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, int)):
        raise DocumentError("id must be a whole number or null")
    return PostingDocument(
        id=doc_id,
        title=_opt_str(obj, "title", ""),
        company=company,
        location=_opt_str(obj, "location", ""),
        employment_type=_opt_str(obj, "employment_type", ""),
        work_model=work_model,
        salary=_salary_from(_opt_obj(obj, "salary", "")),
        posted_text=_opt_str(obj, "posted_text", ""),
        posted_at=_opt_datetime(obj, "posted_at", ""),
        captured_at=_opt_datetime(obj, "captured_at", ""),
        valid_through=_opt_deadline(obj, "valid_through", ""),
        url=_opt_str(obj, "url", ""),
        summary=_opt_str(obj, "summary", ""),
        description=_opt_str(obj, "description", ""),
        industries=_str_list(obj, "industries", ""),
        responsibilities=_str_list(obj, "responsibilities", ""),
        qualifications=Qualifications(
            required=_str_list(quals, "required", "qualifications."),
            preferred=_str_list(quals, "preferred", "qualifications."),
        ),
        benefits=_str_list(obj, "benefits", ""),
        company_profile=_profile_from(_opt_obj(obj, "company_profile", ""), company),
        source_format=source_format,
        raw=raw or "",
        stage=_opt_str(obj, "stage", ""),
        stage_history=tuple(history),
        interviews=agenda_json.interviews_from(_list(obj, "interviews"), DocumentError),
        tasks=agenda_json.tasks_from(_list(obj, "tasks"), DocumentError),
        free_tasks=agenda_json.tasks_from(_list(obj, "free_tasks"), DocumentError, "free_tasks"),
        application=application_record.record_from(obj, parse_datetime, DocumentError),
    )


def _list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise DocumentError(f"{key} must be a list")
    return value
