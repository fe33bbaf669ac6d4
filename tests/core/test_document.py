"""The posting document's JSON contract: every way a document can break it is named."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.core.document import DocumentError, from_json, to_json
from tests.samples import amazon_document

GOOD = to_json(amazon_document())


def _with(**changes: Any) -> dict[str, Any]:
    return {**GOOD, **changes}


def test_a_document_survives_the_round_trip() -> None:
    assert from_json(to_json(amazon_document())) == amazon_document()


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (["not", "an", "object"], "a posting must be a JSON object"),
        (_with(title=5), "title must be text or null, not int"),
        (_with(work_model="Office"), "work_model must be one of Remote, Hybrid, Onsite or null"),
        (_with(source_format="fax"), "source_format 'fax' is not one Jobdeck knows"),
        (_with(salary={"min": "lots"}), "salary.min must be a number or null"),
        (_with(salary={"period": "fortnight"}), "salary.period must be one of year, month"),
        (_with(salary=[1, 2]), "salary must be an object or null"),
        (_with(industries="Retail"), "industries must be a list of text"),
        (_with(industries=["Retail", 3]), "industries must be a list of text"),
        (_with(qualifications={"required": [1]}), "qualifications.required must be a list"),
        (_with(posted_at="yesterday"), "posted_at is not an ISO 8601 date and time"),
        (_with(captured_at="2026-11-17T09:00"), "captured_at needs a time zone"),
        (_with(stage_history="Saved"), "stage_history must be a list of objects"),
        (_with(stage_history=[{"stage": "Saved"}]), r"stage_history\[0\] needs a stage and a time"),
        (
            _with(stage_history=[{"stage": "Saved", "at": "now"}]),
            r"stage_history\[0\].at is not an ISO 8601 date and time",
        ),
        (_with(id="7"), "id must be a whole number or null"),
        (_with(id=True), "id must be a whole number or null"),
        (
            _with(company=None, company_profile={"description": "x"}),
            "company_profile.name is missing",
        ),
        (
            _with(company_profile={"name": "Amazon", "h1b": {"by_year": [{"year": 2025}]}}),
            r"company_profile.h1b.by_year\[0\] needs a year and a count",
        ),
        (
            _with(
                company_profile={
                    "name": "Amazon",
                    "h1b": {"by_year": [{"year": 2025.5, "count": 1}]},
                }
            ),
            r"company_profile.h1b.by_year\[0\].year must be a whole number",
        ),
        (
            _with(
                company_profile={"name": "Amazon", "funding": {"rounds": [{"date": "May 2024"}]}}
            ),
            r"company_profile.funding.rounds\[0\].date is not an ISO date",
        ),
        (
            _with(company_profile={"name": "Amazon", "funding": {"investors": "SoftBank"}}),
            "company_profile.funding.investors must be a list of text",
        ),
        (
            _with(company_profile={"name": "Amazon", "news": [{"date": "last week"}]}),
            r"company_profile.news\[0\].date is not an ISO date",
        ),
        (_with(company_profile={"name": "Amazon", "news": "none"}), "company_profile.news must be"),
    ],
)
def test_each_contract_error_names_the_field(document: Any, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        from_json(document)
