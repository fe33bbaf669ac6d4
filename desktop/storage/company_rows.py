"""The companies an import meets for the first time, written as rows with no ORM object.

Job seekers apply to many employers: in a history of a few hundred applications most
companies appear once or twice, so an import of an export makes almost as many companies as
postings. Through the ORM each new company, with its industries, H-1B counts and funding rounds
as child objects, cost more than its postings did. Here the batch's new companies are folded
(``core.company``: the same rule as merging into a stored company) and written with one
executemany per table. Known companies still merge through ``company_records``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.company import merge_industries, merge_profiles
from desktop.core.company_match import match_key
from desktop.core.posting import CompanyProfile, Funding
from desktop.storage.plain_rows import insert_rows, insert_values


@dataclass
class NewCompany:
    """What a batch says of a company not in the library yet, folded posting by posting."""

    name: str
    industries: tuple[str, ...] = ()
    profile: CompanyProfile | None = None
    has_profile: bool = False

    def fold(self, industries: Sequence[str], profile: CompanyProfile | None) -> None:
        self.industries = merge_industries(self.industries, industries)
        self.profile = merge_profiles(self.name, self.profile, profile)
        self.has_profile = self.has_profile or profile is not None or bool(industries)


def insert_companies(connection: sqlite3.Connection, new: dict[str, NewCompany]) -> dict[str, int]:
    """Write the new companies (by their ``company_key``) and their lists; their ids by key.

    The caller's transaction holds the write lock: ids are given from the largest in use.
    """
    if not new:
        return {}
    (largest,) = connection.execute("SELECT max(id) FROM companies").fetchone()
    first_id = (largest or 0) + 1
    ids = {key: first_id + offset for offset, key in enumerate(new)}
    companies: list[dict[str, object]] = []
    # The companies' lists as rows of values, in the order of their tables' columns below.
    industries: list[tuple[object, ...]] = []
    investors: list[tuple[object, ...]] = []
    rounds: list[tuple[object, ...]] = []
    h1b: list[tuple[object, ...]] = []
    news: list[tuple[object, ...]] = []
    for key, company in new.items():
        company_id, profile = ids[key], company.profile
        funding = (profile.funding if profile else None) or Funding()
        counts = profile.h1b if profile else None
        companies.append(
            {
                "id": company_id,
                "name": company.name,
                "name_key": key,
                "match_key": match_key(company.name),  # the models' default, written here
                "description": profile.description if profile else None,
                "h1b_note": counts.note if counts else None,
                "funding_stage": funding.stage,
                "funding_total": funding.total,
                "funding_total_usd": funding.total_usd,
                "data_source": profile.data_source if profile else None,
                "has_profile": company.has_profile,
            }
        )
        industries += [(company_id, i, name) for i, name in enumerate(company.industries)]
        investors += [(company_id, i, name) for i, name in enumerate(funding.investors)]
        rounds += [
            (company_id, i, r.date, r.type, r.amount, r.amount_usd)
            for i, r in enumerate(funding.rounds)
        ]
        h1b += [(company_id, y.year, y.count) for y in (counts.by_year if counts else ())]
        news += [
            (company_id, i, n.date, n.title, n.url)
            for i, n in enumerate(profile.news if profile else ())
        ]
    insert_rows(connection, "companies", companies)
    for table, columns, rows in (
        ("company_industries", ("company_id", "position", "name"), industries),
        ("company_investors", ("company_id", "position", "name"), investors),
        (
            "funding_rounds",
            ("company_id", "position", "date", "round_type", "amount", "amount_usd"),
            rounds,
        ),
        ("h1b_counts", ("company_id", "year", "count"), h1b),
        ("company_news", ("company_id", "position", "date", "title", "url"), news),
    ):
        if rows:
            insert_values(connection, table, columns, rows)
    return ids
