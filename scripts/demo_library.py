"""Fill a data folder with a handful of realistic postings, for screenshots and for looking.

python scripts/demo_library.py DATA_DIR
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.synthetic import synthetic_posting
from desktop.core.posting import (
    CompanyProfile,
    Funding,
    FundingRound,
    H1b,
    H1bYear,
    NewsItem,
    PostingDocument,
    Qualifications,
    Salary,
)
from desktop.services import labels as labels_service
from desktop.services import pipeline, postings
from desktop.storage.database import Database, open_database

NOW = datetime.now(UTC).replace(microsecond=0)

AMAZON = PostingDocument(
    title="2026 Applied Science Internship - Reinforcement Learning & Optimization "
    "(Machine Learning) - United States, PhD Student Science Recruiting",
    company="Amazon",
    location="Seattle, WA, USA",
    employment_type="Internship",
    work_model="Onsite",
    posted_text="9 hours ago",
    posted_at=NOW - timedelta(hours=9),
    captured_at=NOW,
    url="https://www.amazon.jobs/en/jobs/2026-applied-science-internship",
    summary="Amazon is seeking visionary minds passionate about machine learning to join their "
    "team of graduate student scientists. The role involves conducting research in deep "
    "reinforcement learning and developing scalable algorithms to solve complex business problems.",
    industries=("Artificial Intelligence (AI)", "Delivery", "E-Commerce", "Retail"),
    responsibilities=(
        "Develop scalable, efficient, automated processes for large scale data analyses, model "
        "development, model validation and model implementation",
        "Design, development and evaluation of highly innovative ML models for solving complex "
        "business problems",
        "Research and apply the latest ML techniques and best practices from both academia and "
        "industry",
        "Think about customers and how to improve the customer delivery experience",
        "Use and analytical techniques to create scalable solutions for business problems",
    ),
    qualifications=Qualifications(
        required=(
            "Are enrolled in a PhD",
            "Can relocate to where the internship is based",
            "Experience programming in Java, C++, Python or related language",
            "Experience with one or more of the following: Optimization, Programming/Scripting "
            "Languages, Statistics, Reinforcement Learning, Causal Inference, Large Language "
            "Models, Time Series, Graph Modeling, Supervised/Unsupervised Learning, Deep "
            "Learning, Predictive Modeling",
            "Must be available for full-time (40 hours per week) internship for the whole "
            "duration of the internship",
        ),
        preferred=(
            "Have publications at top-tier peer-reviewed conferences or journals",
            "Experience in state-of-the-art deep learning models architecture design and deep "
            "learning training and optimization and model pruning",
        ),
    ),
    benefits=(
        "Equity",
        "Sign-on payments",
        "Other forms of compensation",
        "Medical",
        "Financial",
        "Other benefits",
    ),
    company_profile=CompanyProfile(
        name="Amazon",
        description="Amazon is a tech firm with a focus on e-commerce, cloud computing, digital "
        "streaming, and artificial intelligence.",
        h1b=H1b(
            note="Amazon has a track record of offering H1B sponsorships. Please note that this "
            "does not guarantee sponsorship for this specific role. Below presents additional "
            "info for your reference. (Data Powered by US Department of Labor)",
            by_year=(
                H1bYear(2025, 18969),
                H1bYear(2024, 21175),
                H1bYear(2023, 19057),
                H1bYear(2022, 24088),
                H1bYear(2021, 12233),
                H1bYear(2020, 14881),
            ),
        ),
        funding=Funding(
            stage="Public Company",
            total="$8.11B",
            total_usd=8_110_000_000,
            investors=("Kleiner Perkins",),
            rounds=(
                FundingRound("2023-01-03", "Post Ipo Debt", "$8B", 8_000_000_000),
                FundingRound("2001-07-24", "Post Ipo Equity", "$100M", 100_000_000),
                FundingRound("1997-05-15", "IPO", None, None),
            ),
        ),
        news=(NewsItem("2025-12-31"), NewsItem("2025-12-31"), NewsItem("2025-12-31")),
        data_source="crunchbase",
    ),
    source_format="manual",
)


def _simple(
    title: str,
    company: str,
    location: str,
    days: int,
    salary: Salary | None,
    model: str | None,
    industries: tuple[str, ...],
    h1b: int | None,
) -> PostingDocument:
    return PostingDocument(
        title=title,
        company=company,
        location=location,
        employment_type="Full-time",
        work_model=model,
        salary=salary,
        posted_at=NOW - timedelta(days=days),
        captured_at=NOW,
        industries=industries,
        company_profile=CompanyProfile(company, h1b=H1b(None, (H1bYear(2025, h1b),)))
        if h1b
        else None,
        source_format="manual",
    )


OTHERS = (
    _simple(
        "Research Scientist Intern, Generative Models",
        "Meta",
        "Menlo Park, CA",
        2,
        Salary(7650, 11000, "USD", "month", "$7,650 - $11,000 a month"),
        "Onsite",
        ("Social Media", "Artificial Intelligence (AI)"),
        4821,
    ),
    _simple(
        "Machine Learning Engineer, Ranking",
        "Stripe",
        "Remote, US",
        5,
        Salary(180000, 250000, "USD", "year", "$180K - $250K"),
        "Remote",
        ("FinTech", "Payments"),
        310,
    ),
    _simple(
        "PhD Residency, Robotics",
        "Google DeepMind",
        "London, UK",
        11,
        None,
        "Hybrid",
        ("Artificial Intelligence (AI)", "Robotics"),
        9544,
    ),
    _simple(
        "Applied Scientist, Forecasting",
        "Zalando",
        "Berlin, Germany",
        20,
        Salary(75000, 95000, "EUR", "year", "€75,000 - €95,000"),
        "Hybrid",
        ("E-Commerce", "Fashion"),
        None,
    ),
    _simple(
        "Quantitative Researcher Intern",
        "Jane Street",
        "New York, NY",
        31,
        Salary(250000, None, "USD", "year", "$250K annualised"),
        "Onsite",
        ("Financial Services", "Trading"),
        187,
    ),
)


# Where the extra postings of a board demo are in their search: (stage, days since applying).
SPREAD = (
    ("Saved", 0),
    ("Saved", 1),
    ("Saved", 2),
    ("Saved", 3),
    ("Saved", 5),
    ("Saved", 6),
    ("Applied", 2),
    ("Applied", 4),
    ("Applied", 6),
    ("Applied", 9),
    ("Applied", 12),
    ("Applied", 15),
    ("Applied", 18),
    ("Screening", 8),
    ("Screening", 11),
    ("Screening", 14),
    ("Interviewing", 16),
    ("Interviewing", 20),
    ("Interviewing", 24),
    ("Offer", 30),
    ("Accepted", 41),
    ("Rejected", 21),
    ("Rejected", 26),
    ("Rejected", 33),
    ("Withdrawn", 19),
    ("Ghosted", 35),
    ("Ghosted", 44),
)


# The stages a demo application passed through on its way to where it is (Saved: none).
PATHS = {
    "Saved": (),
    "Applied": ("Applied",),
    "Screening": ("Applied", "Screening"),
    "Interviewing": ("Applied", "Screening", "Interviewing"),
    "Offer": ("Applied", "Screening", "Interviewing", "Offer"),
    "Accepted": ("Applied", "Screening", "Interviewing", "Offer", "Accepted"),
    "Rejected": ("Applied", "Screening", "Rejected"),
    "Withdrawn": ("Applied", "Screening", "Interviewing", "Withdrawn"),
    "Ghosted": ("Applied", "Ghosted"),
}


def fill(data_dir: Path, *, board: bool = False) -> None:
    """The six postings of the screenshot; with ``board``, a few dozen across every stage."""
    db = open_database(data_dir)
    try:
        for doc in (*OTHERS, AMAZON):
            postings.create_posting(db, doc, now=NOW)
        if board:
            _spread_over_stages(db)
    finally:
        db.close()


def _spread_over_stages(db: Database) -> None:
    rng = random.Random(3)
    # Named labels (issue 17): some applications carry one, as a user's would.
    labels = (None, None, None, "Dream job", "Referral", "Remote-friendly")
    for number, (stage, days) in enumerate(SPREAD):
        doc = synthetic_posting(rng, number, NOW)
        saved = postings.create_posting(db, doc, now=NOW - timedelta(days=days + 3))
        # The way a real application goes: applied, then each step after it, up to its stage.
        path = PATHS.get(stage, ("Applied", stage))
        for step, name in enumerate(path):
            at = NOW - timedelta(days=days) + timedelta(days=days * step / len(path))
            target = pipeline.resolve_stage(db, name).id
            pipeline.move_application(db, saved.value, target, at=at)
        label = rng.choice(labels)
        if label is not None:
            labels_service.put_labels(db, [saved.value], [label])


if __name__ == "__main__":
    fill(Path(sys.argv[1]), board="--board" in sys.argv[2:])
