"""The rule for folding newly read company data into what is known."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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


YEARS = st.lists(st.builds(H1bYear, st.integers(2018, 2025), st.integers(0, 50)), max_size=5)
ROUNDS = st.lists(
    st.builds(
        FundingRound,
        date=st.sampled_from([None, "2024-01-01", "2025-06-01"]),
        type=st.sampled_from([None, "Seed", "Series A"]),
        amount_usd=st.none() | st.integers(0, 10**6),
    ),
    max_size=4,
)
PROFILES = st.builds(
    CompanyProfile,
    name=st.sampled_from(["Acme", "ACME Inc"]),
    description=st.none() | st.just("Makes things"),
    h1b=st.none() | st.builds(H1b, st.none() | st.just("note"), YEARS.map(tuple)),
    funding=st.none()
    | st.builds(
        Funding,
        stage=st.none() | st.just("Seed"),
        investors=st.lists(st.sampled_from(["A", "B", "C"]), max_size=4).map(tuple),
        rounds=ROUNDS.map(tuple),
    ),
    news=st.lists(st.builds(NewsItem, title=st.sampled_from(["a", "b"])), max_size=3).map(tuple),
)


@settings(max_examples=300)
@given(PROFILES, st.none() | PROFILES)
def test_a_profile_read_is_folded_by_the_rule(
    read: CompanyProfile, known: CompanyProfile | None
) -> None:
    """One count a year and one round a date and type, the read one winning, newest first;
    the known investors, then the read ones not known; the known news, then the read items
    not known; the company's name."""
    merged = merge_profiles("Acme", known, read)
    assert merged is not None and merged.name == "Acme"
    known_h1b = known.h1b if known else None
    if read.h1b is None:
        assert merged.h1b == known_h1b
    else:
        counts = {y.year: y.count for y in (known_h1b.by_year if known_h1b else ())}
        counts.update({y.year: y.count for y in read.h1b.by_year})
        assert merged.h1b == H1b(
            read.h1b.note or (known_h1b.note if known_h1b else None),
            tuple(H1bYear(y, c) for y, c in sorted(counts.items(), reverse=True)),
        )
    known_funding = known.funding if known else None
    if read.funding is None:
        assert merged.funding == known_funding
    else:
        before = known_funding or Funding()
        rounds = {(r.date, r.type): r for r in (*before.rounds, *read.funding.rounds)}
        assert merged.funding is not None
        assert merged.funding.rounds == tuple(
            sorted(rounds.values(), key=lambda r: r.date or "", reverse=True)
        )
        assert merged.funding.investors == (
            *before.investors,
            *(n for n in read.funding.investors if n not in before.investors),
        )
    known_news = known.news if known else ()
    assert merged.news == (*known_news, *(n for n in read.news if n not in known_news))
