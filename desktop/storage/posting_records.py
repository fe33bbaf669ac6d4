"""Postings in and out of the database: documents become rows, rows become documents.

Everything that knows both the posting document and the posting tables lives here, so the
services above speak only in documents and the UI never sees an ORM object. Companies are in
``company_records``, stage look-ups in ``stage_lookups``, duplicate checks in ``duplicate_checks``;
new postings are written as plain rows by ``new_postings``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.posting import PostingDocument
from desktop.storage import new_postings, search_index
from desktop.storage.company_records import (
    drop_company_if_unused,
    find_or_create_company,
    merge_company_profile,
    replace_company_profile,
)
from desktop.storage.models import Company, Posting, PostingItem, StageChangeRow
from desktop.storage.new_postings import (  # noqa: F401 (the names callers know from here)
    BULK_DERIVED_FROM,
    item_rows,
    posting_columns,
    title_key,
)
from desktop.storage.plain_rows import dbapi_connection
from desktop.storage.record_errors import PostingMissing


def insert_postings(session: Session, docs: Sequence[PostingDocument], now: datetime) -> list[int]:
    """``new_postings.insert_postings`` in the session's transaction (known companies merge
    through it); returns the new postings' ids."""
    return new_postings.insert_postings(dbapi_connection(session), docs, now, session)


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
