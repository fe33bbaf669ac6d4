"""Postings in and out of the database: documents become rows, rows become documents.

Everything that knows both the posting document and the posting tables lives here, so the
services above speak only in documents and the UI never sees an ORM object. Companies are in
``company_records``, stage look-ups in ``stage_lookups``, duplicate checks in ``duplicate_checks``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from desktop.core.bounds import readable_amount
from desktop.core.fingerprint import content_fingerprint, raw_fingerprint
from desktop.core.posting import PostingDocument, Qualifications, Salary, StageChange
from desktop.storage import search_index
from desktop.storage.company_records import (
    company_key,
    drop_company_if_unused,
    find_or_create_company,
    merge_company_profile,
    profile_of,
)
from desktop.storage.models import Company, Posting, PostingItem, Stage, StageChangeRow
from desktop.storage.record_errors import PostingMissing
from desktop.storage.stage_lookups import first_stage, next_stage_order, stage_by_name


def title_key(title: str) -> str:
    return " ".join(title.casefold().split())


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


def insert_postings(session: Session, docs: Sequence[PostingDocument], now: datetime) -> list[int]:
    """Add new postings (with their lines, first history entry and search index rows).

    One flush for the whole batch, with look-ups shared and list lines bulk-inserted: that is
    what makes large imports fast. Raises StageMissing for a stage that does not exist.
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
    company = find_or_create_company(session, doc.company or "", cache.companies)
    merge_company_profile(company, doc.industries, doc.company_profile)
    posting = Posting(
        raw=doc.raw,
        raw_fingerprint=raw_fingerprint(doc.raw),
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
    posting.valid_through = doc.valid_through
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
        raise PostingMissing(f"There is no posting with id {posting_id}.")
    return posting


def _whole(value: float | None) -> float | None:
    """SQLite hands back REAL; 160000.0 is shown and exported as 160000. An amount that could
    never be stored (an infinity an older Jobdeck saved) reads as unknown."""
    return readable_amount(value)


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
        valid_through=posting.valid_through,
        url=posting.url,
        summary=posting.summary,
        description=posting.description,
        industries=tuple(r.name for r in company.industries) if company else (),
        responsibilities=tuple(lists["responsibility"]),
        qualifications=Qualifications(tuple(lists["required"]), tuple(lists["preferred"])),
        benefits=tuple(lists["benefit"]),
        company_profile=profile_of(company) if company else None,
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
        raise PostingMissing(f"There is no posting with id {posting_id}.")
    company_id = posting.company_id
    search_index.unindex_posting(session, posting_id)
    session.delete(posting)
    session.flush()
    if company_id is not None:
        drop_company_if_unused(session, company_id)


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
