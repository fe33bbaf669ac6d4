"""The rule for folding newly read company data into what is known: a pure function.

A posting imported again, or another posting from a known employer, brings its own view of the
company. Newer values win; lists merge (nothing known is dropped); funding rounds are one per
(date, type) and H-1B counts one per year, the newer reading winning; news items are added
when new. Storage applies the result (``storage/company_records.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.posting import CompanyProfile, Funding, FundingRound, H1b, H1bYear, NewsItem


def stored_profile(
    name: str,
    *,
    description: str | None,
    h1b_note: str | None,
    h1b_years: Sequence[H1bYear],
    funding_stage: str | None,
    funding_total: str | None,
    funding_total_usd: int | None,
    investors: Sequence[str],
    rounds: Sequence[FundingRound],
    news: Sequence[NewsItem],
    data_source: str | None,
) -> CompanyProfile | None:
    """The profile a company's stored columns and rows make, or None when nothing is known of
    it beyond its name (then no company section is shown, none exported). H-1B and funding
    are each None when none of their parts is known."""
    has_h1b = bool(h1b_note or h1b_years)
    has_funding = bool(funding_stage or funding_total or investors or rounds)
    if not (description or has_h1b or has_funding or news or data_source):
        return None
    return CompanyProfile(
        name=name,
        description=description,
        h1b=H1b(h1b_note, tuple(h1b_years)) if has_h1b else None,
        funding=Funding(
            stage=funding_stage,
            total=funding_total,
            total_usd=funding_total_usd,
            investors=tuple(investors),
            rounds=tuple(rounds),
        )
        if has_funding
        else None,
        news=tuple(news),
        data_source=data_source,
    )


def merge_industries(known: Sequence[str], read: Sequence[str]) -> tuple[str, ...]:
    """Known industries in their order, then the newly read ones not known yet."""
    merged = list(known)
    merged += [name for name in dict.fromkeys(read) if name not in merged]
    return tuple(merged)


def merge_profiles(
    name: str, known: CompanyProfile | None, read: CompanyProfile | None
) -> CompanyProfile | None:
    """What is known of company ``name`` after reading ``read`` (None: nothing read)."""
    if read is None:
        return known
    if known is None:
        known = _NOTHING_KNOWN
    h1b = _merge_h1b(known.h1b, read.h1b)
    funding = _merge_funding(known.funding, read.funding)
    seen = set(known.news)  # only what was known before: a source may list one item twice
    news = (*known.news, *(item for item in read.news if item not in seen))
    description = read.description or known.description
    data_source = read.data_source or known.data_source
    if (name, description, h1b, funding, news, data_source) == (
        read.name,
        read.description,
        read.h1b,
        read.funding,
        read.news,
        read.data_source,
    ):
        # What was read is what is known now (a company first met, its data in order): the
        # value itself, not an equal copy of each of its parts.
        return read
    return CompanyProfile(
        name=name,
        description=description,
        h1b=h1b,
        funding=funding,
        news=news,
        data_source=data_source,
    )


_NOTHING_KNOWN = CompanyProfile(name="")  # only its empty parts are read


def _merge_h1b(known: H1b | None, read: H1b | None) -> H1b | None:
    if read is None:
        return known
    counts = {y.year: y for y in (known.by_year if known else ())}
    counts.update({y.year: y for y in read.by_year})
    by_year = tuple(sorted(counts.values(), key=_year, reverse=True))  # one count a year
    note = read.note or (known.note if known else None)
    if note == read.note and by_year == read.by_year:
        return read
    return H1b(note=note, by_year=by_year)


def _year(count: H1bYear) -> int:
    return count.year


def _merge_funding(known: Funding | None, read: Funding | None) -> Funding | None:
    if read is None:
        return known
    known = known or _NO_FUNDING
    rounds = {(r.date, r.type): r for r in known.rounds}
    rounds.update({(r.date, r.type): r for r in read.rounds})
    investors = list(known.investors)
    investors += [n for n in read.investors if n not in investors]
    newer_total = read.total is not None
    merged = Funding(
        stage=read.stage or known.stage,
        total=read.total if newer_total else known.total,
        total_usd=read.total_usd if newer_total else known.total_usd,
        investors=tuple(investors),
        rounds=tuple(sorted(rounds.values(), key=lambda r: r.date or "", reverse=True)),
    )
    return read if merged == read else merged


_NO_FUNDING = Funding()
