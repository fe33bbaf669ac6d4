"""Numbers, dates and text at their extremes, through every reader, the JSON contract and the
window's batch path, into a real library: each input is refused with a reason or saved, and
the library can always be listed, exported (as strict JSON) and read back afterwards."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.document import to_json
from desktop.core.posting import PostingDocument, Salary, StageChange
from desktop.importers import ImportRefused
from desktop.services import export, importing, postings
from desktop.services.library import Library, open_library
from tests.samples import amazon_document

FUZZ = settings(
    max_examples=20,  # a few seconds each; the extremes are in the sampled lists
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
CAPTURED = datetime(2026, 11, 30, 12, tzinfo=UTC)

# Number literals as JSON spells them, JSON's own extremes and Python's extensions included.
NUMBER_LITERALS = st.one_of(
    st.sampled_from(
        [
            *("1e400", "-1e400", "Infinity", "-Infinity", "NaN", "9" * 400, "-" + "9" * 30),
            *("1e-400", "0", "-0", "-1", "1e15", "1000000000000001", str(2**63), "1e308"),
        ]
    ),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)
OFFSETS = st.timedeltas(min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23))
MOMENTS = st.one_of(
    st.builds(
        lambda moment, offset: moment.replace(tzinfo=timezone(offset)).isoformat(),
        st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
        OFFSETS,
    ),
    st.sampled_from(
        [
            *("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "1899-12-31"),
            *("0000-00-00", "2026-02-30", "yesterday", "", "9" * 30),
        ]
    ),
)
TRICKY = ["\ud800", "\udfff", "\u200d", "\u202e", "\ufeff", "\u00ad", "\x00", "\u2066"]
TEXTS = st.lists(
    st.one_of(st.text(max_size=30), st.sampled_from(TRICKY), st.just("Ama\u200dzon")),
    min_size=1,
    max_size=4,
).map("".join)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    db = open_library(tmp_path / "fuzz-library")
    yield db
    db.close()


def strict_json(text: str) -> object:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


def import_text(db: Library, data: str | bytes, name: str) -> None:
    """What ``jobdeck import`` does with one input (a dry run, then the import), refusals
    allowed; the dry run must refuse exactly what the import refuses."""
    try:
        results = importing.read_documents(data, name, captured_at=CAPTURED)
    except ImportRefused:
        return
    for result in results:
        strict_json(json.dumps(to_json(result.document, with_store_fields=False)))
    refused = {}
    for dry_run in (True, False):
        outcomes = importing.import_documents(db, results, importing.Decision.SKIP, dry_run=dry_run)
        refused[dry_run] = [o.status is importing.Status.REFUSED for o in outcomes]
    assert refused[True] == refused[False]


def assert_library_readable(db: Library) -> None:
    documents = strict_json(export.export_json(db))
    assert isinstance(documents, list)
    export.export_csv(db)
    rows = postings.list_postings(db)
    for row in rows:
        postings.get_posting(db, row.id)
    # What was exported reads back (the JSON contract accepts its own output).
    if documents:
        importing.read_input(db, json.dumps(documents), "export.json", captured_at=CAPTURED)


def _json(value: object, literals: dict[str, str]) -> str:
    text = json.dumps(value)
    for marker, literal in literals.items():
        text = text.replace(f'"{marker}"', literal)
    return text


@FUZZ
@given(low=NUMBER_LITERALS, high=NUMBER_LITERALS, count=NUMBER_LITERALS, when=MOMENTS, text=TEXTS)
def test_the_json_contract(library: Library, low, high, count, when, text) -> None:
    doc = to_json(amazon_document(title=f"Contract {text}", company=text, url=None))
    doc["salary"] = {"min": "@low", "max": "@high", "currency": "USD", "period": "year"}
    doc["posted_at"] = when
    doc["stage_history"] = [{"stage": "Saved", "at": when}]
    doc["company_profile"]["h1b"] = {"note": text, "by_year": [{"year": 2024, "count": "@n"}]}
    doc["company_profile"]["funding"]["total_usd"] = "@n"
    import_text(library, _json([doc], {"@low": low, "@high": high, "@n": count}), "export.json")
    assert_library_readable(library)


@FUZZ
@given(low=NUMBER_LITERALS, high=NUMBER_LITERALS, when=MOMENTS, text=TEXTS)
def test_json_ld_bare_and_in_a_page(library: Library, low, high, when, text) -> None:
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": f"Engineer {text}",
        "hiringOrganization": {"@type": "Organization", "name": f"Acme {text}"},
        "description": f"<p>Build things for people. {text}</p>",
        "datePosted": when,
        "validThrough": when,
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": "@l", "maxValue": "@h"},
        },
    }
    bare = _json(posting, {"@l": low, "@h": high})
    import_text(library, bare, "posting.json")
    page = f'<html><body><script type="application/ld+json">{bare}</script></body></html>'
    import_text(library, page, "posting.html")
    assert_library_readable(library)


def _board_jobs(text: str) -> list[dict[str, object]]:
    """One job in each applicant-tracking format Jobdeck reads; "@l"/"@h" mark the pay's
    numbers, "@d" a date (a number or a string literal), "@t" the pay as text."""
    html = f"<p>Build things for people. {text}</p><p>Pay: @t a year</p>"
    return [
        {
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/1",
            "content": html,
            "title": f"Engineer {text}",
            "company_name": f"Acme {text}",
            "first_published": "@d",
        },
        {
            "hostedUrl": "https://jobs.lever.co/acme/1",
            "text": f"Engineer {text}",
            "categories": {"location": text, "commitment": "Full-time"},
            "descriptionPlain": f"Build things for people, all day long. {text}",
            "createdAt": "@d",
            "salaryRange": {
                "min": "@l", "max": "@h", "currency": "USD", "interval": "per-year-salary"
            },
        },
        {
            "jobUrl": "https://jobs.ashbyhq.com/acme/1",
            "descriptionHtml": html,
            "title": f"Engineer {text}",
            "organizationName": "Acme",
            "publishedAt": "@d",
        },
        {
            "name": f"Engineer {text}",
            "company": "Acme",
            "jobAd": {"sections": {"jobDescription": {"text": html}}},
            "releasedDate": "@d",
        },
        {
            "shortcode": "ABC123",
            "title": f"Engineer {text}",
            "company": "Acme",
            "description": html,
            "published": "@d",
        },
        {
            "jobPostingInfo": {
                "title": f"Engineer {text}",
                "jobDescription": html,
                "startDate": "@d",
                "endDate": "@d",
            }
        },
        {
            "title": f"Engineer {text}",
            "company_name": "Acme",
            "description": html,
            "published_at": "@d",
            "salary": {"min": "@l", "max": "@h", "currency": "USD"},
        },
    ]  # fmt: skip


@FUZZ
@given(
    low=NUMBER_LITERALS,
    high=NUMBER_LITERALS,
    when=st.one_of(NUMBER_LITERALS, MOMENTS.map(json.dumps)),
    text=TEXTS,
)
def test_board_json(library: Library, low, high, when, text) -> None:
    for job in _board_jobs(text):
        literals = {"@l": low, "@h": high, "@d": when, "@t": json.dumps(f"${low} - ${high}")[1:-1]}
        data = json.dumps(job)
        for marker, literal in literals.items():
            data = data.replace(f'"{marker}"', literal).replace(marker, literal)
        import_text(library, data, "board.json")
    assert_library_readable(library)


@FUZZ
@given(low=NUMBER_LITERALS, high=NUMBER_LITERALS, when=MOMENTS, text=TEXTS)
def test_microdata_page(library: Library, low, high, when, text) -> None:
    page = (
        '<html><body><div itemscope itemtype="https://schema.org/JobPosting">'
        f'<h1 itemprop="title">Engineer {text}</h1>'
        '<div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">'
        f'<span itemprop="name">Acme {text}</span></div>'
        f'<meta itemprop="datePosted" content="{when}">'
        '<div itemprop="baseSalary" itemscope itemtype="https://schema.org/MonetaryAmount">'
        '<meta itemprop="currency" content="USD">'
        '<div itemprop="value" itemscope itemtype="https://schema.org/QuantitativeValue">'
        f'<meta itemprop="minValue" content="{low}"><meta itemprop="maxValue" content="{high}">'
        "</div></div>"
        f'<div itemprop="description"><p>Build things for people, all day. {text}</p></div>'
        "</div></body></html>"
    )
    import_text(library, page, "posting.html")
    assert_library_readable(library)


@FUZZ
@given(low=NUMBER_LITERALS, high=NUMBER_LITERALS, when=MOMENTS, text=TEXTS)
def test_pasted_text(library: Library, low, high, when, text) -> None:
    lines = [
        f"Senior Engineer {text}",
        f"Ama{text}zon",
        f"Salary: ${low} - ${high} a year",
        f"Posted {when}",
        "Responsibilities",
        f"- Build things {text}",
        "Requirements",
        f"- {high} years of experience",
    ]
    import_text(library, "\n".join(lines), "pasted text")
    import_text(library, ("\n".join(lines)).encode("utf-8", "surrogatepass"), "file.txt")
    assert_library_readable(library)


AMOUNTS = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
)
AWARE = st.builds(
    lambda moment, offset: moment.replace(tzinfo=timezone(offset)),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    OFFSETS,
)


@FUZZ
@given(
    st.lists(
        st.builds(
            lambda low, high, when, text: amazon_document(
                title=f"Batch {text}",
                company=text or "Acme",
                url=None,
                salary=Salary(low, high, "USD", "year", text),
                posted_at=when,
                stage_history=(StageChange("Saved", when),),
            ),
            AMOUNTS,
            AMOUNTS,
            AWARE,
            TEXTS,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_the_windows_batch_path(library: Library, documents: list[PostingDocument]) -> None:
    jobs = [(doc, importing.Decision.SAVE_NEW, None) for doc in documents]
    report = importing.save_many(library, jobs, lambda *_: None, threading.Event())
    assert len(report.changes.created) + len(report.failures) == len(documents)
    for failure in report.failures:
        assert "cannot be saved" in failure or "needs a" in failure
    assert_library_readable(library)
