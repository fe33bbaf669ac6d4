"""Realistic synthetic postings, saved through the real services.

python -m benchmarks.synthetic DATA_DIR N
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.core.posting import (
    CompanyProfile,
    Funding,
    H1b,
    H1bYear,
    PostingDocument,
    Qualifications,
    Salary,
)
from desktop.services import postings
from desktop.storage.database import Database, open_database

COMPANIES = (
    "Amazon",
    "Meta",
    "Stripe",
    "Google DeepMind",
    "Zalando",
    "Jane Street",
    "Netflix",
    "Airbnb",
    "Databricks",
    "OpenAI",
    "Anthropic",
    "Snowflake",
    "Shopify",
    "Spotify",
    "Uber",
    "Lyft",
    "Pinterest",
    "Dropbox",
    "Atlassian",
    "Canva",
    "Figma",
    "Notion",
    "Ramp",
    "Plaid",
    "Coinbase",
)
ROLES = (
    "Applied Scientist",
    "Research Scientist Intern",
    "Machine Learning Engineer",
    "Data Scientist",
    "Software Engineer",
    "Quantitative Researcher",
    "PhD Residency",
    "Research Engineer",
    "Analytics Engineer",
    "Product Data Scientist",
)
AREAS = (
    "Reinforcement Learning",
    "Forecasting",
    "Ranking",
    "Causal Inference",
    "Robotics",
    "Generative Models",
    "Optimization",
    "Recommendation",
    "Fraud Detection",
    "Speech",
)
CITIES = (
    "Seattle, WA, USA",
    "New York, NY",
    "London, UK",
    "Berlin, Germany",
    "Remote, US",
    "San Francisco, CA",
    "Toronto, Canada",
    "Zurich, Switzerland",
    "Austin, TX",
    "Paris, France",
)
INDUSTRIES = (
    "Artificial Intelligence (AI)",
    "E-Commerce",
    "FinTech",
    "SaaS",
    "Health Care",
    "Retail",
    "Robotics",
    "Social Media",
    "Payments",
    "Cloud Computing",
)
WORDS = [
    "design",
    "scalable",
    "models",
    "data",
    "pipelines",
    "experiment",
    "evaluate",
    "deploy",
    "customers",
    "research",
    "publish",
    "collaborate",
    "optimize",
    "latency",
    "accuracy",
    "python",
    "statistics",
    "deep",
    "learning",
    "causal",
    "inference",
    "forecasting",
    "ranking",
    "search",
    "infrastructure",
    "mentor",
    "ownership",
    "impact",
    "product",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def synthetic_posting(rng: random.Random, index: int, now: datetime) -> PostingDocument:
    company = COMPANIES[index % len(COMPANIES)] + ("" if index < 200 else f" {index % 997}")
    low = rng.randrange(80, 200) * 1000
    return PostingDocument(
        title=f"{rng.choice(ROLES)}, {rng.choice(AREAS)}",
        company=company,
        location=rng.choice(CITIES),
        employment_type=rng.choice(("Full-time", "Internship", "Contract")),
        work_model=rng.choice(("Remote", "Hybrid", "Onsite")),
        salary=Salary(low, low + 40000, "USD", "year", f"${low // 1000}K - ${low // 1000 + 40}K"),
        posted_at=now - timedelta(hours=rng.randrange(1, 24 * 90)),
        captured_at=now,
        summary=_sentence(rng, 40),
        description="\n\n".join(_sentence(rng, 60) for _ in range(4)),
        industries=tuple(rng.sample(INDUSTRIES, 3)),
        responsibilities=tuple(_sentence(rng, 14) for _ in range(5)),
        qualifications=Qualifications(
            tuple(_sentence(rng, 10) for _ in range(5)), tuple(_sentence(rng, 10) for _ in range(2))
        ),
        benefits=("Medical", "Equity", "401(k)"),
        company_profile=CompanyProfile(
            company,
            description=_sentence(rng, 20),
            h1b=H1b(None, tuple(H1bYear(2025 - i, rng.randrange(10, 20000)) for i in range(4))),
            funding=Funding(stage=rng.choice(("Series B", "Public Company", "Seed"))),
        ),
        source_format="manual",
        raw=_sentence(rng, 300),
    )


def fill(db: Database, count: int, seed: int = 7, batch: int = 500) -> float:
    """Save ``count`` synthetic postings through the real services, in batches.

    Returns the seconds spent saving: making up the documents (0.3 ms each) is not Jobdeck's
    work and is left out, so the benchmark's throughput is the services' own.
    """
    rng = random.Random(seed)
    now = datetime.now(UTC)
    saving = 0.0
    for start in range(0, count, batch):
        docs = [synthetic_posting(rng, i, now) for i in range(start, min(start + batch, count))]
        started = time.perf_counter()
        postings.create_postings(db, docs, now=now)
        saving += time.perf_counter() - started
    return saving


if __name__ == "__main__":
    database = open_database(Path(sys.argv[1]))
    fill(database, int(sys.argv[2]))
    database.close()
