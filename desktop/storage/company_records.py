"""Companies: one row per employer, shared by its postings, with the profile read about it.

A posting's company is found by its folded name (``company_key``). Its profile (description,
funding, H-1B counts, news) is either replaced by what the user edited or merged with what a
new import read.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.core.company import merge_industries, merge_profiles, stored_profile
from desktop.core.posting import (
    CompanyProfile,
    Funding,
    FundingRound,
    H1bYear,
    NewsItem,
)
from desktop.storage.models import (
    Company,
    CompanyIndustry,
    CompanyInvestor,
    ContactRow,
    FundingRoundRow,
    H1bCount,
    NewsRow,
    Posting,
)
from desktop.storage.new_postings import company_key


def find_or_create_company(
    session: Session, name: str, known: dict[str, Company] | None = None
) -> Company:
    """The company named ``name`` (folded), made when new. ``known`` caches a batch's look-ups."""
    key = company_key(name)
    if known is not None and key in known:
        return known[key]
    company = session.scalars(select(Company).where(Company.name_key == key)).one_or_none()
    if company is None:
        company = Company(name=name, name_key=key)
        session.add(company)
    if known is not None:
        known[key] = company
    return company


RoundTuple = tuple[str | None, str | None, str | None, int | None]


NewsTuple = tuple[str | None, str | None, str | None]


def _store_lists(
    company: Company,
    *,
    industries: list[str],
    investors: list[str],
    rounds: list[RoundTuple],
    h1b: list[tuple[int, int]],
    news: list[NewsTuple],
) -> None:
    """Write the company's lists, touching only those whose content changed.

    Rewriting unchanged child rows costs a delete and an insert per row on every import of a
    posting from a known company; comparing first keeps imports fast.
    """
    if [r.name for r in company.industries] != industries:
        company.industries = [CompanyIndustry(position=i, name=n) for i, n in enumerate(industries)]
    if [r.name for r in company.investors] != investors:
        company.investors = [CompanyInvestor(position=i, name=n) for i, n in enumerate(investors)]
    stored_rounds = [(r.date, r.round_type, r.amount, r.amount_usd) for r in company.funding_rounds]
    if stored_rounds != rounds:
        company.funding_rounds = [
            FundingRoundRow(position=i, date=d, round_type=t, amount=a, amount_usd=usd)
            for i, (d, t, a, usd) in enumerate(rounds)
        ]
    if [(r.year, r.count) for r in company.h1b_counts] != h1b:
        company.h1b_counts = [H1bCount(year=year, count=count) for year, count in h1b]
    if [(n.date, n.title, n.url) for n in company.news] != news:
        company.news = [
            NewsRow(position=i, date=d, title=t, url=u) for i, (d, t, u) in enumerate(news)
        ]


def replace_company_profile(
    company: Company, industries: Sequence[str], profile: CompanyProfile | None
) -> None:
    """Make the company's profile exactly what the user edited."""
    h1b = profile.h1b if profile else None
    funding = (profile.funding if profile else None) or Funding()
    company.has_profile = profile is not None or bool(industries)
    company.description = profile.description if profile else None
    company.data_source = profile.data_source if profile else None
    company.h1b_note = h1b.note if h1b else None
    company.funding_stage = funding.stage
    company.funding_total = funding.total
    company.funding_total_usd = funding.total_usd
    _store_lists(
        company,
        industries=list(industries),
        investors=list(funding.investors),
        rounds=[(r.date, r.type, r.amount, r.amount_usd) for r in funding.rounds],
        h1b=[(y.year, y.count) for y in (h1b.by_year if h1b else ())],
        news=[(n.date, n.title, n.url) for n in (profile.news if profile else ())],
    )


def merge_company_profile(
    company: Company, industries: Sequence[str], profile: CompanyProfile | None
) -> None:
    """Fold newly read company data into what is stored (the rule: ``core.company``)."""
    if profile is None and not industries:
        # Nothing to fold in (a spreadsheet's row names only the company): rewriting the same
        # rows through the ORM cost a third of such an import.
        return
    has_profile = company.has_profile or profile is not None or bool(industries)
    known_industries = [row.name for row in company.industries]
    merged = merge_profiles(company.name, profile_of(company), profile)
    replace_company_profile(company, merge_industries(known_industries, industries), merged)
    company.has_profile = has_profile


def profile_of(company: Company) -> CompanyProfile | None:
    return stored_profile(
        company.name,
        description=company.description,
        h1b_note=company.h1b_note,
        h1b_years=[H1bYear(r.year, r.count) for r in company.h1b_counts],
        funding_stage=company.funding_stage,
        funding_total=company.funding_total,
        funding_total_usd=company.funding_total_usd,
        investors=[r.name for r in company.investors],
        rounds=[
            FundingRound(r.date, r.round_type, r.amount, r.amount_usd)
            for r in company.funding_rounds
        ],
        news=[NewsItem(n.date, n.title, n.url) for n in company.news],
        data_source=company.data_source,
    )


def drop_company_if_unused(session: Session, company_id: int) -> None:
    """A company no posting (and no contact) points at any more is not kept as an orphan."""
    still_used = session.scalar(select(Posting.id).where(Posting.company_id == company_id))
    if still_used is None:
        still_used = session.scalar(
            select(ContactRow.id).where(ContactRow.company_id == company_id)
        )
    if still_used is None:
        session.execute(delete(Company).where(Company.id == company_id))
