"""The rule for folding newly read company data into what is known."""

from __future__ import annotations

from desktop.core.company import merge_industries, merge_profiles
from desktop.core.posting import CompanyProfile, Funding, FundingRound, H1b, H1bYear, NewsItem


def test_industries_keep_their_order_and_gain_only_new_ones() -> None:
    assert merge_industries(["Retail", "Cloud"], ["Cloud", "AI", "AI"]) == ("Retail", "Cloud", "AI")


def test_newer_values_win_and_lists_merge() -> None:
    known = CompanyProfile(
        name="Amazon",
        description="Old words",
        h1b=H1b(note="sponsors", by_year=(H1bYear(2024, 100), H1bYear(2023, 90))),
        funding=Funding(
            stage="Public",
            total="$8B",
            total_usd=8_000_000_000,
            investors=("A",),
            rounds=(FundingRound("2020-01-01", "IPO", "$1B"),),
        ),
        news=(NewsItem("2026-01-01", "Old news"),),
        data_source="jobright",
    )
    read = CompanyProfile(
        name="Amazon",
        description=None,
        h1b=H1b(by_year=(H1bYear(2025, 120), H1bYear(2024, 101))),
        funding=Funding(investors=("B", "A"), rounds=(FundingRound("2022-05-01", "Debt"),)),
        news=(NewsItem("2026-01-01", "Old news"), NewsItem("2026-02-01", "New news")),
    )
    merged = merge_profiles("Amazon", known, read)
    assert merged is not None
    assert merged.description == "Old words"  # nothing newer was read
    assert merged.h1b == H1b(
        "sponsors", (H1bYear(2025, 120), H1bYear(2024, 101), H1bYear(2023, 90))
    )
    assert merged.funding is not None
    assert merged.funding.investors == ("A", "B")
    assert merged.funding.total == "$8B"  # no newer total read
    assert [r.type for r in merged.funding.rounds] == ["Debt", "IPO"]  # newest first
    assert [n.title for n in merged.news] == ["Old news", "New news"]
    assert merged.data_source == "jobright"


def test_nothing_read_leaves_what_is_known() -> None:
    known = CompanyProfile(name="Acme", description="Makes anvils")
    assert merge_profiles("Acme", known, None) is known
    assert merge_profiles("Acme", None, CompanyProfile(name="Acme", description="x")) == (
        CompanyProfile(name="Acme", description="x")
    )
