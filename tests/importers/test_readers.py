"""Field-by-field checks of the quirks each reader exists for, on the samples."""

from __future__ import annotations

from datetime import timedelta

from desktop.core.posting import FundingRound, NewsItem
from desktop.importers import read_postings
from tests.importers.support import CAPTURED_AT, SAMPLES


def _one(name: str):
    results = read_postings((SAMPLES / name).read_bytes(), name=name, captured_at=CAPTURED_AT)
    assert len(results) == 1
    return results[0]


# -- Jobright ----------------------------------------------------------------------------------


def test_jobright_startup_series_b_news_headlines_no_h1b():
    result = _one("jobright-ledgerly-series-b.txt")
    doc = result.document
    assert result.warnings == ()
    assert doc.source_format == "jobright"
    assert doc.posted_text == "1 month ago"
    assert doc.posted_at == CAPTURED_AT.replace(month=12, year=2025)
    # Known names split by the vocabulary, the unknown "Procurement" by its case boundary.
    assert doc.industries == (
        "FinTech", "SaaS", "Payments", "Procurement", "Financial Services",
    )  # fmt: skip
    assert (doc.location, doc.work_model, doc.employment_type) == (
        "New York, NY, USA", "Hybrid", "Full-time",
    )  # fmt: skip
    assert doc.salary.min == 170_000 and doc.salary.max == 210_000
    assert doc.salary.period == "year" and doc.salary.text == "$170K/yr - $210K/yr"
    assert doc.qualifications.required[1] == (
        "Experience with PostgreSQL at scale, including schema migrations without downtime"
    )
    profile = doc.company_profile
    assert profile.h1b is None
    assert profile.funding.stage == "Series B"
    assert (profile.funding.total, profile.funding.total_usd) == ("$62.5M", 62_500_000)
    assert profile.funding.investors == (
        "Index Ventures", "Ribbit Capital", "Bessemer Venture Partners",
    )  # fmt: skip
    assert profile.funding.rounds[2] == FundingRound("2020-09-15", "Seed", "$4.5M", 4_500_000)
    assert profile.news == (
        NewsItem("2025-11-18", "Ledgerly launches real-time reconciliation for mid-market "
                 "finance teams"),
        NewsItem("2025-09-02", "Ledgerly raises $40M Series B led by Index Ventures"),
        NewsItem("2025-06-30", None),
    )  # fmt: skip


def test_jobright_absent_sections_and_bullets():
    doc = _one("jobright-minimal-onsite.txt").document
    assert doc.posted_at == CAPTURED_AT - timedelta(days=3)
    assert doc.responsibilities[0] == "Run end-of-line test procedures on assembled robot arms"
    # Qualification without a Required heading is required.
    assert len(doc.qualifications.required) == 2
    assert doc.benefits == ()
    assert doc.company_profile is None  # the page says nothing about the company


def test_jobright_crlf_h1b_captions_and_foreign_funding():
    doc = _one("jobright-h1b-crlf.txt").document
    assert doc.industries == (
        "Health Care", "Machine Learning", "Information Technology", "Software",
    )  # fmt: skip
    h1b = doc.company_profile.h1b
    assert [y.count for y in h1b.by_year] == [112, 97, 1204]
    assert "Distribution" not in h1b.note and "Represents" not in h1b.note
    funding = doc.company_profile.funding
    assert (funding.total, funding.total_usd) == ("€1.2B", None)  # not dollars: no USD figure
    assert funding.investors == ()


# -- Plain text ------------------------------------------------------------------------------


def test_greenhouse_crlf_what_youll_do():
    doc = _one("greenhouse-backend-crlf.txt").document
    assert doc.source_format == "text"
    assert doc.title == "Staff Software Engineer, Search Infrastructure"
    assert doc.company == "Brightwave"
    assert (doc.location, doc.work_model) == ("Remote - US", "Remote")
    assert doc.responsibilities[2] == (
        "Partner with product to turn relevance problems into measurable experiments"
    )
    assert len(doc.qualifications.required) == 3
    assert doc.qualifications.preferred == (
        "Experience with vector search",
        "Contributions to open-source search projects",
    )
    assert doc.salary.min == 190_000 and doc.salary.currency == "USD"
    assert doc.company_profile.description.startswith("Brightwave builds research tools")
    assert "\r" not in doc.description


def test_lever_nice_to_have_nbsp_and_trailing_salary():
    result = _one("lever-designer-nbsp.txt")
    doc = result.document
    assert (doc.title, doc.company) == ("Senior Product Designer", "Acme Health")
    assert (doc.location, doc.employment_type, doc.work_model) == (
        "San Francisco, CA", "Full-time", "Hybrid",
    )  # fmt: skip
    assert doc.responsibilities[0] == "Lead design for the patient app from research to launch"
    assert doc.qualifications.preferred[1] == "Motion design skills"
    assert doc.benefits == ("Equity", "Four-day summer weeks")
    assert doc.salary.text == "$150,000 - $185,000 a year"
    assert all("\u00a0" not in item for item in doc.responsibilities)
    assert result.warnings == ("top of the text: could not place 'Design – Product'",)


def test_workday_labels_and_numbered_lists():
    doc = _one("workday-analyst.txt").document
    assert (doc.title, doc.company, doc.location) == (
        "Senior Financial Analyst", "Initech", "Austin, TX",
    )  # fmt: skip
    assert doc.employment_type == "Full-time"
    assert doc.posted_text == "Posted 5 Days Ago"
    assert doc.posted_at == CAPTURED_AT - timedelta(days=5)
    assert doc.responsibilities == (
        "Prepare monthly forecasts and variance analyses",
        "Build financial models for pricing decisions",
        "Present results to the regional leadership team",
    )
    assert doc.qualifications.preferred == (
        "CPA or CFA",
        "Experience with Workday Adaptive Planning",
    )
    assert doc.salary.max == 110_000
    assert all("equal opportunity" not in b for b in doc.benefits)


def test_capital_headings_and_bonus_points():
    doc = _one("ashby-numbered-bonus.txt").document
    assert doc.company == "Pinecrest AI"
    assert doc.employment_type == "Internship"
    assert doc.work_model == "Onsite"
    assert doc.qualifications.preferred == (
        "Published research in NLP", "Experience with quantization",
    )  # fmt: skip
    assert (doc.salary.min, doc.salary.max, doc.salary.period) == (55, 65, "hour")


# -- HTML ------------------------------------------------------------------------------------


def test_json_ld_with_escaped_html_description():
    doc = _one("jsonld-greenhouse.html").document
    assert doc.source_format == "json-ld"
    assert doc.employment_type == "Full-time, Contract"
    assert doc.location == "Boston, MA, US; Cambridge, MA, US"
    assert doc.qualifications.required == (
        "BS in Computer Science or equivalent experience",
        "3+ years running Kubernetes in production",
    )
    assert doc.responsibilities == (
        "Run our Kubernetes clusters across two clouds", "Build the deployment pipeline",
    )  # fmt: skip
    assert doc.qualifications.preferred == ("Terraform", "Lab automation experience")
    assert doc.benefits == ("Equity", "Commuter benefits")
    assert (doc.salary.min, doc.salary.max, doc.salary.period) == (140_000, 175_000, "year")
    assert doc.posted_at.date().isoformat() == "2025-12-20" and doc.posted_at.tzinfo
    assert doc.url == "https://jobs.umbrella.example/platform-engineer"
    assert "<" not in doc.description and "evil" not in doc.description


def test_json_ld_graph_name_and_string_organisation():
    doc = _one("jsonld-graph-name-only.html").document
    assert (doc.title, doc.company) == ("Line Cook (Part Time)", "Soylent Foods")
    assert doc.salary.min == 21.5 and doc.salary.period == "hour"
    assert doc.posted_at.isoformat() == "2025-12-30T08:15:00-08:00"
    assert doc.benefits == ("Free shift meals", "Paid sick leave")


def test_microdata():
    doc = _one("microdata-posting.html").document
    assert doc.source_format == "microdata"
    assert (doc.title, doc.company, doc.location) == (
        "Customer Success Manager", "Vandelay Industries", "Chicago, IL",
    )  # fmt: skip
    assert doc.responsibilities == (
        "Onboard new enterprise customers", "Run quarterly business reviews",
    )  # fmt: skip
    assert doc.salary.max == 95_000


def test_rdfa():
    doc = _one("rdfa-posting.html").document
    assert doc.source_format == "rdfa"
    assert (doc.title, doc.company, doc.employment_type) == (
        "Warehouse Associate", "Kramerica Logistics", "Temporary",
    )  # fmt: skip
    assert doc.qualifications.required == ("Able to lift 50 lbs", "Available for weekend shifts")


def test_html_without_structured_data_falls_back_to_text():
    doc = _one("no-structured-data.html").document
    assert doc.source_format == "text"
    assert (doc.title, doc.company, doc.location) == ("QA Engineer", "Hooli", "Palo Alto, CA")
    assert doc.benefits == ("Free lunch", "Gym membership")
    assert "tracking" not in (doc.description or "")
    assert doc.raw.startswith("<!DOCTYPE html>")
