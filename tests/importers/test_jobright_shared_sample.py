"""The real Jobright page a user pasted, read through the entry point, asserted field by field."""

from __future__ import annotations

from datetime import timedelta

from desktop.core.posting import FundingRound, H1bYear
from desktop.importers import read_postings
from tests.importers.support import CAPTURED_AT, FIXTURES

SHARED = FIXTURES / "jobright-amazon-rl-intern.txt"


def _read():
    data = SHARED.read_bytes()
    results = read_postings(data, name=SHARED.name, captured_at=CAPTURED_AT)
    assert len(results) == 1
    return results[0]


def test_header_title_summary_and_raw():
    result = _read()
    doc = result.document
    assert result.warnings == ()
    assert doc.source_format == "jobright"
    assert doc.raw == SHARED.read_text(encoding="utf-8")
    assert doc.company == "Amazon"
    assert doc.title == (
        "2026 Applied Science Internship - Reinforcement Learning & Optimization "
        "(Machine Learning) - United States, PhD Student Science Recruiting"
    )
    assert doc.summary is not None
    assert doc.summary.startswith("Amazon is seeking visionary minds passionate about machine")
    assert doc.summary.endswith("algorithms to solve complex business problems.")
    assert doc.posted_text == "9 hours ago"
    assert doc.captured_at == CAPTURED_AT
    assert doc.posted_at == CAPTURED_AT - timedelta(hours=9)
    assert doc.posted_at.tzinfo is not None
    assert doc.employment_type == "Internship"


def test_chips_and_lists():
    doc = _read().document
    assert doc.industries == ("Artificial Intelligence (AI)", "Delivery", "E-Commerce", "Retail")
    assert len(doc.responsibilities) == 5
    assert doc.responsibilities[0].startswith("Develop scalable, efficient, automated processes")
    assert doc.responsibilities[-1] == (
        "Use and analytical techniques to create scalable solutions for business problems"
    )
    assert len(doc.qualifications.required) == 5
    assert doc.qualifications.required[0] == "Are enrolled in a PhD"
    assert doc.qualifications.required[4].startswith("Must be available for full-time (40 hours")
    assert doc.qualifications.preferred == (
        "Have publications at top-tier peer-reviewed conferences or journals",
        "Experience in state-of-the-art deep learning models architecture design and deep "
        "learning training and optimization and model pruning",
    )
    assert doc.benefits == (
        "Equity",
        "Sign-on payments",
        "Other forms of compensation",
        "Medical",
        "Financial",
        "Other benefits",
    )


def test_company_profile():
    profile = _read().document.company_profile
    assert profile is not None
    assert profile.name == "Amazon"
    assert profile.description == (
        "Amazon is a tech firm with a focus on e-commerce, cloud computing, digital streaming, "
        "and artificial intelligence."
    )
    assert profile.data_source == "crunchbase"


def test_h1b_note_joined_and_years_newest_first():
    h1b = _read().document.company_profile.h1b
    assert h1b.note == (
        "Amazon has a track record of offering H1B sponsorships. Please note that this does not "
        "guarantee sponsorship for this specific role. Below presents additional info for your "
        "reference. (Data Powered by US Department of Labor)"
    )
    assert "Distribution" not in h1b.note and "Trends" not in h1b.note
    assert h1b.by_year == (
        H1bYear(2025, 18969),
        H1bYear(2024, 21175),
        H1bYear(2023, 19057),
        H1bYear(2022, 24088),
        H1bYear(2021, 12233),
        H1bYear(2020, 14881),
    )


def test_funding_labels_unglued():
    funding = _read().document.company_profile.funding
    assert funding.stage == "Public Company"
    assert funding.total == "$8.11B"
    assert funding.total_usd == 8_110_000_000
    assert funding.investors == ("Kleiner Perkins",)
    assert funding.rounds == (
        FundingRound("2023-01-03", "Post Ipo Debt", "$8B", 8_000_000_000),
        FundingRound("2001-07-24", "Post Ipo Equity", "$100M", 100_000_000),
        FundingRound("1997-05-15", "IPO", None, None),
    )


def test_news_dates():
    news = _read().document.company_profile.news
    assert len(news) == 3
    assert all(item.date == "2025-12-31" and item.title is None for item in news)


def test_description_has_no_company_data():
    doc = _read().document
    assert doc.description is not None
    assert doc.description.startswith("Amazon is seeking visionary minds")
    assert "Responsibilities" in doc.description
    assert "Kleiner Perkins" not in doc.description
