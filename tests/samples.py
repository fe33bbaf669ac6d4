"""The shared Amazon sample as a posting document, typed in as a user would through the form."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.posting import (
    CompanyProfile,
    Funding,
    FundingRound,
    H1b,
    H1bYear,
    NewsItem,
    PostingDocument,
    Qualifications,
)

CAPTURED = datetime(2026, 11, 23, 19, 38, tzinfo=UTC)

AMAZON_TITLE = (
    "2026 Applied Science Internship - Reinforcement Learning & Optimization (Machine Learning)"
    " - United States, PhD Student Science Recruiting"
)


def amazon_document(**changes: object) -> PostingDocument:
    doc = PostingDocument(
        title=AMAZON_TITLE,
        company="Amazon",
        location="Seattle, WA, USA",
        employment_type="Internship",
        work_model="Onsite",
        salary=None,
        posted_text="9 hours ago",
        posted_at=CAPTURED - timedelta(hours=9),
        captured_at=CAPTURED,
        url="https://jobright.ai/jobs/info/amazon-rl-intern",
        summary=(
            "Amazon is seeking visionary minds passionate about machine learning to join their team"
            " of graduate student scientists."
        ),
        description=None,
        industries=("Artificial Intelligence (AI)", "Delivery", "E-Commerce", "Retail"),
        responsibilities=(
            "Develop scalable, efficient, automated processes for large scale data analyses",
            "Design, development and evaluation of highly innovative ML models",
            "Research and apply the latest ML techniques and best practices",
            "Think about customers and how to improve the customer delivery experience",
            "Use and analytical techniques to create scalable solutions for business problems",
        ),
        qualifications=Qualifications(
            required=(
                "Are enrolled in a PhD",
                "Can relocate to where the internship is based",
                "Experience programming in Java, C++, Python or related language",
            ),
            preferred=("Have publications at top-tier peer-reviewed conferences or journals",),
        ),
        benefits=("Equity", "Sign-on payments", "Medical"),
        company_profile=CompanyProfile(
            name="Amazon",
            description="Amazon is a tech firm with a focus on e-commerce and cloud computing.",
            h1b=H1b(
                note="Amazon has a track record of offering H1B sponsorships.",
                by_year=(H1bYear(2025, 18969), H1bYear(2024, 21175), H1bYear(2023, 19057)),
            ),
            funding=Funding(
                stage="Public Company",
                total="$8.11B",
                total_usd=8_110_000_000,
                investors=("Kleiner Perkins",),
                rounds=(
                    FundingRound("2023-01-03", "Post Ipo Debt", "$8B", 8_000_000_000),
                    FundingRound("1997-05-15", "IPO", None, None),
                ),
            ),
            news=(NewsItem("2025-12-31", None, None), NewsItem("2025-12-31", None, None)),
            data_source="crunchbase",
        ),
        source_format="manual",
        raw="",
    )
    return doc.with_changes(**changes)
