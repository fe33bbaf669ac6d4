"""Postings in and out of the database: documents become rows, rows become documents.

Everything that knows both the posting document and the table layout lives here, so the
services above speak only in documents and the UI never sees an ORM object.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Integer, Select, delete, func, insert, select, text
from sqlalchemy.orm import Session, selectinload

from desktop.core.document import (
    CompanyProfile,
    Funding,
    FundingRound,
    H1b,
    H1bYear,
    NewsItem,
    PostingDocument,
    Qualifications,
    Salary,
    StageChange,
)
from desktop.core.fingerprint import content_fingerprint
from desktop.storage import search_index
from desktop.storage.fts_query import match_query
from desktop.storage.models import (
    Company,
    CompanyIndustry,
    CompanyInvestor,
    FundingRoundRow,
    H1bCount,
    NewsRow,
    Posting,
    PostingItem,
    Stage,
    StageChangeRow,
)


class RecordNotFound(LookupError):
    pass


def company_key(name: str) -> str:
    return " ".join(name.casefold().split())


def title_key(title: str) -> str:
    return " ".join(title.casefold().split())


# ---------------------------------------------------------------------------------------------
# Companies


def find_or_create_company(session: Session, name: str, cache: BatchCache | None = None) -> Company:
    key = company_key(name)
    if cache is not None and key in cache.companies:
        return cache.companies[key]
    company = session.scalars(select(Company).where(Company.name_key == key)).one_or_none()
    if company is None:
        company = Company(name=name, name_key=key)
        session.add(company)
    if cache is not None:
        cache.companies[key] = company
    return company


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class BatchCache:
    """Look-ups shared by the postings saved in one transaction, so a batch of a hundred
    queries each stage and company once and is flushed once, not three times a posting."""

    stages: dict[str, Stage] = field(default_factory=dict)
    companies: dict[str, Company] = field(default_factory=dict)
    next_order: dict[int, float] = field(default_factory=dict)

    def prefetch_companies(self, session: Session, names: Iterable[str]) -> None:
        """Read the batch's known companies with all their lists in a few queries, instead of
        five lazy loads per posting when their profiles are merged."""
        keys = {company_key(name) for name in names if name} - set(self.companies)
        for chunk in _chunks(sorted(keys), 500):
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
            self.companies.update((company.name_key, company) for company in found)

    def stage(self, session: Session, name: str | None) -> Stage:
        key = (name or "").strip().lower()
        if key not in self.stages:
            self.stages[key] = stage_by_name(session, name) if name else first_stage(session)
        return self.stages[key]

    def order_at_end(self, session: Session, stage_id: int) -> float:
        if stage_id not in self.next_order:
            self.next_order[stage_id] = next_stage_order(session, stage_id)
        order = self.next_order[stage_id]
        self.next_order[stage_id] = order + 1.0
        return order


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
    """Fold newly read company data into what is stored: newer values win, lists merge."""
    merged_industries = [row.name for row in company.industries]
    merged_industries += [n for n in dict.fromkeys(industries) if n not in merged_industries]
    investors = [row.name for row in company.investors]
    rounds: dict[tuple[str | None, str | None], RoundTuple] = {
        (r.date, r.round_type): (r.date, r.round_type, r.amount, r.amount_usd)
        for r in company.funding_rounds
    }
    h1b = {row.year: row.count for row in company.h1b_counts}
    news = [(n.date, n.title, n.url) for n in company.news]
    company.has_profile = company.has_profile or profile is not None or bool(industries)
    if profile is not None:
        company.description = profile.description or company.description
        company.data_source = profile.data_source or company.data_source
        if profile.h1b is not None:
            company.h1b_note = profile.h1b.note or company.h1b_note
            h1b.update({y.year: y.count for y in profile.h1b.by_year})
        if profile.funding is not None:
            funding = profile.funding
            company.funding_stage = funding.stage or company.funding_stage
            if funding.total is not None:
                company.funding_total = funding.total
                company.funding_total_usd = funding.total_usd
            investors += [n for n in funding.investors if n not in investors]
            for r in funding.rounds:
                rounds[(r.date, r.type)] = (r.date, r.type, r.amount, r.amount_usd)
        known_news = set(news)  # only what was stored before: a source may list one date twice
        news += [
            (n.date, n.title, n.url)
            for n in profile.news
            if (n.date, n.title, n.url) not in known_news
        ]
    _store_lists(
        company,
        industries=merged_industries,
        investors=investors,
        rounds=sorted(rounds.values(), key=lambda r: r[0] or "", reverse=True),
        h1b=sorted(h1b.items(), reverse=True),
        news=news,
    )


def _profile_of(company: Company) -> CompanyProfile | None:
    has_details = (
        company.description
        or company.h1b_note
        or company.h1b_counts
        or company.funding_stage
        or company.funding_total
        or company.investors
        or company.funding_rounds
        or company.news
        or company.data_source
    )
    if not has_details:
        return None
    has_h1b = company.h1b_note or company.h1b_counts
    has_funding = (
        company.funding_stage
        or company.funding_total
        or company.investors
        or company.funding_rounds
    )
    return CompanyProfile(
        name=company.name,
        description=company.description,
        h1b=H1b(
            note=company.h1b_note,
            by_year=tuple(H1bYear(r.year, r.count) for r in company.h1b_counts),
        )
        if has_h1b
        else None,
        funding=Funding(
            stage=company.funding_stage,
            total=company.funding_total,
            total_usd=company.funding_total_usd,
            investors=tuple(r.name for r in company.investors),
            rounds=tuple(
                FundingRound(r.date, r.round_type, r.amount, r.amount_usd)
                for r in company.funding_rounds
            ),
        )
        if has_funding
        else None,
        news=tuple(NewsItem(n.date, n.title, n.url) for n in company.news),
        data_source=company.data_source,
    )


# ---------------------------------------------------------------------------------------------
# Postings


def insert_postings(session: Session, docs: Sequence[PostingDocument], now: datetime) -> list[int]:
    """Add new postings (with their lines, first history entry and search index rows).

    One flush for the whole batch, with look-ups shared and list lines bulk-inserted: that is
    what makes large imports fast. Raises RecordNotFound for a stage that does not exist.
    """
    cache = BatchCache()
    cache.prefetch_companies(session, [doc.company or "" for doc in docs])
    with session.no_autoflush:
        added = [(_new_posting(session, doc, now, cache), doc) for doc in docs]
    session.flush()
    insert_children(session, added)
    search_index.index_postings(session, added)
    return [posting.id for posting, _ in added]


def _new_posting(
    session: Session, doc: PostingDocument, now: datetime, cache: BatchCache
) -> Posting:
    stage = cache.stage(session, doc.stage)
    company = find_or_create_company(session, doc.company or "", cache)
    merge_company_profile(company, doc.industries, doc.company_profile)
    posting = Posting(
        raw=doc.raw,
        created_at=now,
        company=company,
        stage=stage,
        stage_order=cache.order_at_end(session, stage.id),
    )
    write_document(session, posting, doc, now, lines=False)
    session.add(posting)
    # An import of Jobdeck's own export keeps the application's whole history.
    add_history(session, posting, doc.stage_history or (StageChange(stage.name, now),), cache)
    return posting


def item_rows(doc: PostingDocument) -> list[tuple[str, int, str]]:
    """The posting's list lines as (kind, position, text)."""
    rows: list[tuple[str, int, str]] = []
    for kind, lines in (
        ("responsibility", doc.responsibilities),
        ("required", doc.qualifications.required),
        ("preferred", doc.qualifications.preferred),
        ("benefit", doc.benefits),
    ):
        rows.extend((kind, position, line) for position, line in enumerate(lines))
    return rows


def insert_children(session: Session, added: Sequence[tuple[Posting, PostingDocument]]) -> None:
    """The list lines of new postings (with ids now), written with one executemany, not one
    ORM object each: a posting has a dozen or more of them."""
    rows = [
        {"posting_id": posting.id, "kind": kind, "position": position, "text": line}
        for posting, doc in added
        for kind, position, line in item_rows(doc)
    ]
    if rows:
        session.execute(insert(PostingItem), rows)


def write_document(
    session: Session, posting: Posting, doc: PostingDocument, now: datetime, *, lines: bool = True
) -> None:
    """Copy every field of ``doc`` onto ``posting`` (``raw`` only when the posting is new).

    ``lines=False`` leaves the list lines to ``insert_children`` (new postings in a batch).
    """
    salary = doc.salary or Salary()
    posting.title = doc.title or ""
    posting.title_key = title_key(posting.title)
    posting.fingerprint = content_fingerprint(doc)
    posting.location = doc.location
    posting.employment_type = doc.employment_type
    posting.work_model = doc.work_model
    posting.salary_min, posting.salary_max = salary.min, salary.max
    posting.salary_currency, posting.salary_period = salary.currency, salary.period
    posting.salary_text = salary.text
    posting.posted_text = doc.posted_text
    posting.posted_at = doc.posted_at
    posting.captured_at = doc.captured_at
    posting.url = doc.url
    posting.summary = doc.summary
    posting.description = doc.description
    posting.source_format = doc.source_format
    posting.updated_at = now
    if not lines:
        return
    new_items = [PostingItem(kind=k, position=p, text=line) for k, p, line in item_rows(doc)]
    if posting.id is not None:
        # Clear the old lines first so the new ones can reuse their (kind, position) keys.
        posting.items = []
        session.flush()
    posting.items = new_items


def load_posting(session: Session, posting_id: int) -> Posting:
    posting = session.get(
        Posting,
        posting_id,
        options=[
            selectinload(Posting.items),
            selectinload(Posting.stage_changes).selectinload(StageChangeRow.stage),
            selectinload(Posting.company).selectinload(Company.industries),
        ],
    )
    if posting is None:
        raise RecordNotFound(f"There is no posting with id {posting_id}.")
    return posting


def _whole(value: float | None) -> float | None:
    """SQLite hands back REAL; 160000.0 is shown and exported as 160000."""
    return int(value) if value is not None and value == int(value) else value


def document_of(posting: Posting) -> PostingDocument:
    """The full posting document of a stored posting, stage and history included."""
    lists: dict[str, list[str]] = {
        "responsibility": [],
        "required": [],
        "preferred": [],
        "benefit": [],
    }
    for item in sorted(posting.items, key=lambda i: (i.kind, i.position)):
        lists[item.kind].append(item.text)
    has_salary = any(
        v is not None for v in (posting.salary_min, posting.salary_max, posting.salary_text)
    )
    company = posting.company
    return PostingDocument(
        id=posting.id,
        title=posting.title,
        company=company.name if company else None,
        location=posting.location,
        employment_type=posting.employment_type,
        work_model=posting.work_model,
        salary=Salary(
            _whole(posting.salary_min),
            _whole(posting.salary_max),
            posting.salary_currency,
            posting.salary_period,
            posting.salary_text,
        )
        if has_salary
        else None,
        posted_text=posting.posted_text,
        posted_at=posting.posted_at,
        captured_at=posting.captured_at,
        url=posting.url,
        summary=posting.summary,
        description=posting.description,
        industries=tuple(r.name for r in company.industries) if company else (),
        responsibilities=tuple(lists["responsibility"]),
        qualifications=Qualifications(tuple(lists["required"]), tuple(lists["preferred"])),
        benefits=tuple(lists["benefit"]),
        company_profile=_profile_of(company) if company else None,
        source_format=posting.source_format,
        raw=posting.raw,
        stage=posting.stage.name,
        stage_history=tuple(StageChange(c.stage.name, c.at) for c in posting.stage_changes),
    )


def all_posting_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Posting.id).order_by(Posting.id)))


def delete_posting_row(session: Session, posting_id: int) -> None:
    posting = session.get(Posting, posting_id)
    if posting is None:
        raise RecordNotFound(f"There is no posting with id {posting_id}.")
    company_id = posting.company_id
    search_index.unindex_posting(session, posting_id)
    session.delete(posting)
    session.flush()
    if company_id is not None:
        drop_company_if_unused(session, company_id)


def drop_company_if_unused(session: Session, company_id: int) -> None:
    """A company no posting points at any more is not kept as an orphan."""
    still_used = session.scalar(select(Posting.id).where(Posting.company_id == company_id))
    if still_used is None:
        session.execute(delete(Company).where(Company.id == company_id))


# ---------------------------------------------------------------------------------------------
# Stages


def stage_by_name(session: Session, name: str) -> Stage:
    stage = session.scalars(
        select(Stage).where(func.lower(Stage.name) == name.strip().lower(), ~Stage.archived)
    ).one_or_none()
    if stage is None:
        raise RecordNotFound(f"There is no stage named {name!r}.")
    return stage


def first_stage(session: Session) -> Stage:
    return session.scalars(select(Stage).where(~Stage.archived).order_by(Stage.position)).first()  # type: ignore[return-value]


def next_stage_order(session: Session, stage_id: int) -> float:
    top = session.scalar(select(func.max(Posting.stage_order)).where(Posting.stage_id == stage_id))
    return (top or 0.0) + 1.0


def add_history(
    session: Session, posting: Posting, changes: Sequence[StageChange], cache: BatchCache
) -> None:
    """Append stage changes to a posting's history without moving it (its stage is set)."""
    for change in changes:
        stage = cache.stage(session, change.stage)
        posting.stage_changes.append(StageChangeRow(stage=stage, at=change.at))


def record_stage(session: Session, posting: Posting, stage: Stage, at: datetime) -> None:
    posting.stage = stage
    posting.stage_order = next_stage_order(session, stage.id)
    posting.stage_changes.append(StageChangeRow(stage=stage, at=at))


# ---------------------------------------------------------------------------------------------
# Search (the list's own queries are plain SQL, in posting_list)


def matching(query: Select, search: str) -> Select:
    """Narrow a query over postings to those holding every word of ``search`` (full-text)."""
    fts_query = match_query(search)
    if fts_query is None:
        return query
    hits = (
        text("SELECT rowid FROM postings_fts WHERE postings_fts MATCH :q")
        .bindparams(q=fts_query)
        .columns(rowid=Integer)
    )
    # "id + 0", as in posting_list: the matches are checked against the rows the query walks.
    return query.where((Posting.id + 0).in_(hits))


def load_all_postings(session: Session) -> Sequence[Posting]:
    """Every posting with everything its document needs, in a handful of queries."""
    return session.scalars(
        select(Posting)
        .order_by(Posting.id)
        .options(
            selectinload(Posting.items),
            selectinload(Posting.stage),
            selectinload(Posting.stage_changes).selectinload(StageChangeRow.stage),
            selectinload(Posting.company).selectinload(Company.industries),
            selectinload(Posting.company).selectinload(Company.investors),
            selectinload(Posting.company).selectinload(Company.funding_rounds),
            selectinload(Posting.company).selectinload(Company.h1b_counts),
            selectinload(Posting.company).selectinload(Company.news),
        )
    ).all()


# ---------------------------------------------------------------------------------------------
# Duplicates


def find_duplicate(session: Session, doc: PostingDocument) -> tuple[int, str] | None:
    """The id of a stored posting ``doc`` repeats, and why: same link, company and title, text."""
    if doc.url:
        found = session.scalar(select(Posting.id).where(Posting.url == doc.url).limit(1))
        if found is not None:
            return found, "same link"
    if doc.company and doc.title:
        found = session.scalar(
            select(Posting.id)
            .join(Company, Company.id == Posting.company_id)
            .where(Company.name_key == company_key(doc.company))
            .where(Posting.title_key == title_key(doc.title))
            .limit(1)
        )
        if found is not None:
            return found, "same company and title"
    fingerprint = content_fingerprint(doc)
    if fingerprint is not None:
        found = session.scalar(
            select(Posting.id).where(Posting.fingerprint == fingerprint).limit(1)
        )
        if found is not None:
            return found, "nearly the same text"
    return None


def title_and_company(session: Session, posting_id: int) -> tuple[str, str | None]:
    row = session.execute(
        select(Posting.title, Company.name)
        .outerjoin(Company, Company.id == Posting.company_id)
        .where(Posting.id == posting_id)
    ).one()
    return row[0], row[1]
