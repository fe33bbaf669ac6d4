"""A schema.org JobPosting (as a dictionary, from JSON-LD, microdata or RDFa) to a posting document.

Schema.org values are loose: a property may be a string, an object or a list of either, and
sites fill them in differently (``name`` for ``title``, an organisation as a bare name). The small
helpers below read "whatever is there" so the mapping itself stays readable.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from desktop.core.dates import parse_moment
from desktop.core.posting import CompanyProfile, PostingDocument, Qualifications, Salary
from desktop.core.text import clean_text
from desktop.importers.deadlines import parse_deadline
from desktop.importers.html_text import fragment_text
from desktop.importers.lines import first_paragraph, list_items, paragraph, split_lines
from desktop.importers.sections import description_of, split_body

_EMPLOYMENT = {
    "FULL_TIME": "Full-time", "PART_TIME": "Part-time", "CONTRACTOR": "Contract",
    "CONTRACT": "Contract", "TEMPORARY": "Temporary", "INTERN": "Internship",
    "INTERNSHIP": "Internship", "VOLUNTEER": "Volunteer", "PER_DIEM": "Per diem",
    "OTHER": "Other",
}  # fmt: skip
_PERIODS = {"YEAR": "year", "MONTH": "month", "WEEK": "week", "DAY": "day", "HOUR": "hour"}


def values(value: Any) -> list[Any]:
    """A property as a list, whatever form it came in."""
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def text(value: Any) -> str | None:
    """A property's text: a string, or an object's name (or value), or the first of a list."""
    for item in values(value):
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            found = clean_text(str(item))
        elif isinstance(item, Mapping):
            found = text(item.get("name") or item.get("@value") or item.get("value"))
        else:
            found = None
        if found:
            return found
    return None


def _number(value: Any) -> float | None:
    value = values(value)[0] if values(value) else None
    if isinstance(value, Mapping):
        value = value.get("@value", value.get("value"))
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value == value and abs(value) < 1e15 else None
    if isinstance(value, str):
        try:
            number = float(value.replace(",", "").strip())
        except ValueError:
            return None
        return number if number == number and abs(number) < 1e15 else None
    return None


def _items(value: Any) -> list[str]:
    """List items from a property that is a list, plain text, HTML, or credential objects."""
    out: list[str] = []
    for item in values(value):
        if isinstance(item, Mapping):
            # EducationalOccupationalCredential / OccupationalExperienceRequirements
            parts = [
                text(item.get(key))
                for key in ("name", "credentialCategory", "educationalLevel", "description")
            ]
            months = _number(item.get("monthsOfExperience"))
            if months:
                years = months / 12
                parts.append(f"{years:g} year{'' if years == 1 else 's'} of experience")
            found = next((p for p in parts if p), None)
            if found:
                out.append(found)
        elif isinstance(item, str):
            out.extend(list_items(split_lines(fragment_text(item))))
    return out


def _location(posting: Mapping[str, Any]) -> str | None:
    places: list[str] = []
    for place in values(posting.get("jobLocation")):
        address = place.get("address") if isinstance(place, Mapping) else place
        if isinstance(address, Mapping):
            parts = [
                text(address.get(key))
                for key in ("addressLocality", "addressRegion", "addressCountry")
            ]
            found = ", ".join(p for p in parts if p) or text(address)
        else:
            found = text(address) or (text(place) if isinstance(place, Mapping) else None)
        if found and found not in places:
            places.append(found)
    if not places:
        places = [
            t for t in (text(v) for v in values(posting.get("applicantLocationRequirements")))
        ]
        places = [p for p in places if p]
    return "; ".join(places) or None


def _salary(posting: Mapping[str, Any]) -> Salary | None:
    amount = posting.get("baseSalary") or posting.get("estimatedSalary")
    amount = values(amount)[0] if values(amount) else None
    if not isinstance(amount, Mapping):
        number = _number(amount)
        return None if number is None else Salary(min=number, max=number, text=text(amount))
    currency = text(amount.get("currency")) or text(posting.get("salaryCurrency"))
    quantity = amount.get("value")
    quantity = values(quantity)[0] if values(quantity) else None
    if isinstance(quantity, Mapping):
        low = _number(quantity.get("minValue"))
        high = _number(quantity.get("maxValue"))
        single = _number(quantity.get("value"))
        unit = text(quantity.get("unitText")) or text(amount.get("unitText"))
    else:
        low = high = single = _number(quantity)
        unit = text(amount.get("unitText"))
    low = low if low is not None else single
    high = high if high is not None else (single if single is not None else low)
    if low is None and high is None:
        return None
    period = _PERIODS.get((unit or "").upper())
    shown = _amount(low) if low == high or high is None else f"{_amount(low)} - {_amount(high)}"
    label = " ".join(p for p in (currency, shown, f"per {period}" if period else None) if p)
    return Salary(min=low, max=high, currency=currency, period=period, text=label)


def _amount(number: float | None) -> str:
    if number is None:
        return ""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.2f}"


def _employment(value: Any) -> str | None:
    kinds = []
    for item in values(value):
        name = text(item)
        if name:
            key = name.upper().replace("-", "_").replace(" ", "_")
            # An unknown schema.org-style constant ("PERMANENT") reads as a word, not a shout.
            fallback = key.replace("_", " ").capitalize() if name.isupper() else name
            kind = _EMPLOYMENT.get(key, fallback)
            if kind not in kinds:
                kinds.append(kind)
    return ", ".join(kinds) or None


def _industries(value: Any) -> tuple[str, ...]:
    out: list[str] = []
    for item in values(value):
        name = text(item)
        out.extend(p.strip() for p in (name or "").split(",") if p.strip())
    return tuple(out)


def to_document(
    posting: Mapping[str, Any], *, raw: str, source_format: str, captured_at: datetime
) -> PostingDocument:
    """The posting document for one JobPosting; every field the posting lacks stays empty."""
    description = fragment_text(text_of_html(posting.get("description")))
    header, sections = split_body(split_lines(description))
    by_key = sections.by_key
    org = values(posting.get("hiringOrganization"))
    org = org[0] if org else None
    company = text(org)
    about = text(org.get("description")) if isinstance(org, Mapping) else None
    # The description's own sections come first: the structured properties are often a site's
    # summary of them ("skills": soft skills, "monthsOfExperience": 12 against "3 years" in the
    # text), so they fill the list only when the description has none.
    required = list_items(by_key.get("required", [])) or _items(posting.get("qualifications"))
    if not required:
        for extra in ("experienceRequirements", "educationRequirements", "skills"):
            required += _items(posting.get(extra))
    remote = any(
        (text(v) or "").upper() == "TELECOMMUTE" for v in values(posting.get("jobLocationType"))
    )
    return PostingDocument(
        title=text(posting.get("title")) or text(posting.get("name")),
        company=company,
        location=_location(posting),
        employment_type=_employment(posting.get("employmentType")),
        work_model="Remote" if remote else None,
        salary=_salary(posting),
        posted_at=parse_moment(text(posting.get("datePosted")), captured_at),
        captured_at=captured_at,
        valid_through=parse_deadline(text(posting.get("validThrough"))),
        url=text(posting.get("url")),
        summary=paragraph(first_paragraph(header)) or paragraph(by_key.get("summary", [])),
        description=description_of(header, sections),
        industries=_industries(posting.get("industry")),
        responsibilities=tuple(
            list_items(by_key.get("responsibilities", []))
            or _items(posting.get("responsibilities"))
        ),
        qualifications=Qualifications(
            required=tuple(required),
            preferred=tuple(list_items(by_key.get("preferred", []))),
        ),
        benefits=tuple(
            _items(posting.get("jobBenefits")) or list_items(by_key.get("benefits", []))
        ),
        company_profile=CompanyProfile(name=company, description=about)
        if company and about
        else None,
        source_format=source_format,
        raw=raw,
    )


def text_of_html(value: Any) -> str:
    """A description property as one string (lists of paragraphs joined)."""
    parts = [v if isinstance(v, str) else text(v) or "" for v in values(value)]
    return "\n".join(p for p in parts if p)
