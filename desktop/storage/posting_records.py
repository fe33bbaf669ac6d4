"""Postings in and out of the database: documents become rows, rows become documents.

Everything that knows both the posting document and the posting tables lives here, so the
services above speak only in documents and the UI never sees an ORM object. Companies are in
``company_records``, stage look-ups in ``stage_lookups``, duplicate checks in ``duplicate_checks``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.fingerprint import content_fingerprint, raw_fingerprint
from desktop.core.posting import PostingDocument, Salary
from desktop.storage import bulk_derived, company_rows, search_index
from desktop.storage.company_records import (
    company_key,
    drop_company_if_unused,
    find_or_create_company,
    merge_company_profile,
    profile_of,
    replace_company_profile,
)
from desktop.storage.models import Company, Posting, PostingItem, StageChangeRow
from desktop.storage.pipeline_sql import stored_time
from desktop.storage.plain_rows import (
    dbapi_connection,
    hold_batch_pages,
    insert_rows,
    insert_values,
)
from desktop.storage.record_errors import PostingMissing
from desktop.storage.stage_lookups import next_order, stage_id


def title_key(title: str) -> str:
    return " ".join(title.casefold().split())


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class BatchCache:
    """Look-ups shared by the postings saved in one transaction, so a batch of a hundred
    queries each stage and company once and is flushed once, not three times a posting."""

    connection: sqlite3.Connection
    stages: dict[str, int] = field(default_factory=dict)  # ids by lower-case name
    companies: dict[str, Company] = field(default_factory=dict)
    next_order: dict[int, float] = field(default_factory=dict)

    def prefetch_companies(self, session: Session, keys: Iterable[str]) -> None:
        """Read the batch's known companies (by ``company_key``) with all their lists in a few
        queries, instead of five lazy loads per posting when their profiles are merged."""
        for chunk in _chunks(sorted(set(keys) - set(self.companies)), 500):
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

    def stage(self, name: str | None) -> int:
        """The stage's id; the first stage's for no name. Raises StageMissing."""
        key = (name or "").strip().lower()
        if key not in self.stages:
            self.stages[key] = stage_id(self.connection, name)
        return self.stages[key]

    def order_at_end(self, stage: int) -> float:
        if stage not in self.next_order:
            self.next_order[stage] = next_order(self.connection, stage)
        order = self.next_order[stage]
        self.next_order[stage] = order + 1.0
        return order


# From this many new postings in a batch, their derived rows are filled by a statement each
# (storage/bulk_derived.py): fewer cost less through the triggers than dropping and creating
# them again.
BULK_DERIVED_FROM = 20


def insert_postings(session: Session, docs: Sequence[PostingDocument], now: datetime) -> list[int]:
    """Add new postings (with their lines, history and search index rows); returns their ids.

    Known companies merge through the ORM; new companies, the postings and their rows are
    written with one executemany per table and no ORM object each, which is what lets
    ``jobdeck import`` save thousands a second. The caller's transaction must hold
    the write lock (``Database.writing`` begins IMMEDIATE): the ids are given here, from the
    largest in use (a document's own ``id``, from an export, is not used). Raises StageMissing
    for a stage that does not exist.
    """
    if not docs:
        return []
    connection = dbapi_connection(session)
    if len(docs) >= BULK_DERIVED_FROM:
        hold_batch_pages(connection)
    cache = BatchCache(connection)
    companies = _companies_for(session, docs, cache)
    (largest,) = connection.execute("SELECT max(id) FROM postings").fetchone()
    first_id = (largest or 0) + 1
    stored_now = stored_time(now)  # as UtcDateTime writes it
    postings: list[dict[str, object]] = []
    history: list[tuple[int, int, str]] = []
    items: list[tuple[int, str, int, str]] = []
    indexed = []
    for offset, (doc, (company_id, company_name)) in enumerate(zip(docs, companies, strict=True)):
        posting_id = first_id + offset
        stage = cache.stage(doc.stage)
        postings.append(
            posting_columns(doc)
            | {
                "id": posting_id,
                "company_id": company_id,
                "raw": doc.raw,
                "raw_fingerprint": raw_fingerprint(doc.raw),
                "stage_id": stage,
                "stage_order": cache.order_at_end(stage),
                "created_at": stored_now,
                "updated_at": stored_now,
            }
        )
        # An import of Jobdeck's own export keeps the application's whole history.
        if doc.stage_history:
            history += [
                (posting_id, cache.stage(change.stage), stored_time(change.at))
                for change in doc.stage_history
            ]
        else:
            history.append((posting_id, stage, stored_now))
        items += [
            (posting_id, kind, position, line)
            for kind, lines in _item_kinds(doc)
            for position, line in enumerate(lines)
        ]
        indexed.append((posting_id, company_name, doc))
    # Plain executemany on the session's own connection (same transaction): SQLAlchemy's
    # per-row parameter processing was a fifth of an import's time.
    if len(postings) < BULK_DERIVED_FROM:
        _insert_new(connection, postings, history)
    else:  # their dates and previous stages filled per batch, not by triggers per row
        with bulk_derived.triggers_held(connection, first_id, first_id + len(postings) - 1):
            _insert_new(connection, postings, history)
    insert_values(connection, "posting_items", ("posting_id", "kind", "position", "text"), items)
    search_index.index_documents(session, indexed, new=True)
    return [row["id"] for row in postings]  # type: ignore[misc]


def _insert_new(
    connection: sqlite3.Connection,
    postings: list[dict[str, object]],
    history: list[tuple[int, int, str]],
) -> None:
    insert_rows(connection, "postings", postings)
    insert_values(connection, "stage_changes", ("posting_id", "stage_id", "at"), history)


def _companies_for(
    session: Session, docs: Sequence[PostingDocument], cache: BatchCache
) -> list[tuple[int, str]]:
    """Each document's company as (id, name), found or made, the document's company data merged
    in: known companies through the ORM, new ones folded and written as rows (company_rows)."""
    # The known companies are found by id and name alone; only those the batch says something
    # of are read whole (the ORM, with their lists): a tracker sheet's rows name only the
    # employer, and reading each whole took a third of such an import; an export's companies
    # are mostly new to the library.
    keys = [company_key(doc.company or "") for doc in docs]
    named_only = _ids_and_names(cache.connection, set(keys))
    cache.prefetch_companies(
        session,
        [
            key
            for doc, key in zip(docs, keys, strict=True)
            if key in named_only and (doc.industries or doc.company_profile is not None)
        ],
    )
    new: dict[str, company_rows.NewCompany] = {}
    # What the batch says of each known company is folded first (the pure rule, as for new
    # ones) and written once per company, not once per posting: an export holds hundreds of
    # postings of one employer.
    known_folds: dict[str, company_rows.NewCompany] = {}
    stored: dict[str, tuple[object, ...]] = {}  # each known one as it was, to tell a change
    with session.no_autoflush:
        for doc, key in zip(docs, keys, strict=True):
            if not doc.industries and doc.company_profile is None:
                if key not in cache.companies and key not in named_only:
                    new.setdefault(key, company_rows.NewCompany(doc.company or ""))
                continue
            known = cache.companies.get(key)
            if known is not None:
                if key not in known_folds:
                    industries = tuple(row.name for row in known.industries)
                    profile = profile_of(known)
                    stored[key] = (industries, profile, known.has_profile)
                    known_folds[key] = company_rows.NewCompany(
                        known.name, industries, profile, known.has_profile
                    )
                known_folds[key].fold(doc.industries, doc.company_profile)
            else:  # the prefetch found every known one: this one is new
                new.setdefault(key, company_rows.NewCompany(doc.company or ""))
                new[key].fold(doc.industries, doc.company_profile)
        for key, folded in known_folds.items():
            known = cache.companies[key]
            if (tuple(folded.industries), folded.profile, folded.has_profile) == stored[key]:
                # The batch says nothing new of it (an export repeats an employer's data in
                # each of its postings): rewriting its rows through the ORM cost a tenth of
                # the import.
                continue
            replace_company_profile(known, folded.industries, folded.profile)
            known.has_profile = folded.has_profile
    session.flush()
    made = company_rows.insert_companies(session, new)
    return [
        (made[key], new[key].name)
        if key in made
        else (cache.companies[key].id, cache.companies[key].name)
        if key in cache.companies
        else named_only[key]
        for key in keys
    ]


def _ids_and_names(connection: sqlite3.Connection, keys: set[str]) -> dict[str, tuple[int, str]]:
    """The known companies among ``keys`` (``company_key``s) as key -> (id, name)."""
    found: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(sorted(keys), 500):
        rows = connection.execute(
            "SELECT name_key, id, name FROM companies "
            f"WHERE name_key IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        found.update((key, (company_id, name)) for key, company_id, name in rows)
    return found


def _item_kinds(doc: PostingDocument) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The posting's lists by the ``kind`` their lines are stored under."""
    return (
        ("responsibility", doc.responsibilities),
        ("required", doc.qualifications.required),
        ("preferred", doc.qualifications.preferred),
        ("benefit", doc.benefits),
    )


def item_rows(doc: PostingDocument) -> list[tuple[str, int, str]]:
    """The posting's list lines as (kind, position, text)."""
    return [
        (kind, position, line)
        for kind, lines in _item_kinds(doc)
        for position, line in enumerate(lines)
    ]


def posting_columns(doc: PostingDocument) -> dict[str, object]:
    """The ``postings`` columns that come from the document's fields (not ``raw``, the stage,
    the company or the times), as the row of a new posting or the update of a stored one."""
    salary = doc.salary or Salary()
    title = doc.title or ""
    return {
        "title": title,
        "title_key": title_key(title),
        "fingerprint": content_fingerprint(doc),
        "location": doc.location,
        "employment_type": doc.employment_type,
        "work_model": doc.work_model,
        "salary_min": salary.min,
        "salary_max": salary.max,
        "salary_currency": salary.currency,
        "salary_period": salary.period,
        "salary_text": salary.text,
        "posted_text": doc.posted_text,
        "posted_at": doc.posted_at,
        "captured_at": doc.captured_at,
        "valid_through": doc.valid_through,
        "url": doc.url,
        "summary": doc.summary,
        "description": doc.description,
        "source_format": doc.source_format,
    }


def update_document(
    session: Session,
    posting_id: int,
    doc: PostingDocument,
    now: datetime,
    *,
    merge_company: bool,
) -> None:
    """Replace a stored posting's fields with ``doc``; its ``raw`` text and stage stay.

    The company's profile becomes what the user edited, or with ``merge_company`` (a newer
    copy of the posting imported over it) the new data merges in. Raises PostingMissing.
    """
    posting = load_posting(session, posting_id)
    old_company_id = posting.company_id
    company = find_or_create_company(session, doc.company or "")
    if merge_company:
        merge_company_profile(company, doc.industries, doc.company_profile)
    else:
        company.name = (doc.company or "").strip()
        replace_company_profile(company, doc.industries, doc.company_profile)
    posting.company = company
    write_document(session, posting, doc, now)
    session.flush()
    # A company's name can change only in case here (another name is another company),
    # which search ignores: re-indexing this posting is enough.
    search_index.index_postings(session, [(posting, doc)])
    if old_company_id is not None and old_company_id != company.id:
        drop_company_if_unused(session, old_company_id)


def write_document(session: Session, posting: Posting, doc: PostingDocument, now: datetime) -> None:
    """Copy every field of ``doc`` onto a stored ``posting`` (its ``raw`` stays as it was)."""
    for column, value in posting_columns(doc).items():
        setattr(posting, column, value)
    posting.updated_at = now
    # Clear the old lines first so the new ones can reuse their (kind, position) keys.
    posting.items = []
    session.flush()
    posting.items = [PostingItem(kind=k, position=p, text=line) for k, p, line in item_rows(doc)]


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


def all_posting_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Posting.id).order_by(Posting.id)))
