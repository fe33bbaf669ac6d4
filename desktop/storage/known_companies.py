"""What a batch of new postings says of companies the library knows, merged through the ORM.

``new_postings`` writes new postings and new companies as plain rows; a batch that carries
data (industries, a profile) for a company already stored comes here, where the company is
read whole and its profile replaced by the fold of what it had and what the batch read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.posting import PostingDocument
from desktop.storage import company_rows
from desktop.storage.company_records import profile_of, replace_company_profile
from desktop.storage.models import Company


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def merge(
    session: Session, docs: Sequence[PostingDocument], keys: Sequence[str], known: set[str]
) -> None:
    """Fold each document's company data into its company (``keys``: each document's
    ``company_key``), for the companies in ``known``, and write those that changed."""
    companies: dict[str, Company] = {}
    # Read whole with all their lists in a few queries, not five lazy loads per posting.
    for chunk in _chunks(sorted(known), 500):
        found = session.scalars(
            select(Company)
            .where(Company.name_key.in_(chunk))
            .options(
                selectinload(Company.industries),
                selectinload(Company.investors),
                selectinload(Company.funding_rounds),
                selectinload(Company.h1b_counts),
                selectinload(Company.news),
            )
        )
        companies.update((company.name_key, company) for company in found)
    # What the batch says of each company is folded first (the pure rule, as for new ones)
    # and written once per company, not once per posting: an export holds hundreds of
    # postings of one employer.
    folds: dict[str, company_rows.NewCompany] = {}
    stored: dict[str, tuple[object, ...]] = {}  # each one as it was, to tell a change
    with session.no_autoflush:
        for doc, key in zip(docs, keys, strict=True):
            company = companies.get(key)
            if company is None or not (doc.industries or doc.company_profile is not None):
                continue
            if key not in folds:
                industries = tuple(row.name for row in company.industries)
                profile = profile_of(company)
                stored[key] = (industries, profile, company.has_profile)
                folds[key] = company_rows.NewCompany(
                    company.name, industries, profile, company.has_profile
                )
            folds[key].fold(doc.industries, doc.company_profile)
        for key, folded in folds.items():
            company = companies[key]
            if (tuple(folded.industries), folded.profile, folded.has_profile) == stored[key]:
                # The batch says nothing new of it (an export repeats an employer's data in
                # each of its postings): rewriting its rows through the ORM cost a tenth of
                # the import.
                continue
            replace_company_profile(company, folded.industries, folded.profile)
            company.has_profile = folded.has_profile
    session.flush()
