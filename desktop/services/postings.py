"""Saving, reading, listing and deleting postings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.core.document import PostingDocument, StageChange
from desktop.core.listing import PostingRow, SortKey
from desktop.services import logins
from desktop.services.changes import Changes
from desktop.storage import posting_records as records
from desktop.storage.database import Database
from desktop.storage.models import Posting


class InvalidPosting(ValueError):
    """A posting that cannot be saved as it is; the message says what to fix."""


class PostingNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Saved:
    posting_id: int
    changes: Changes


def _now() -> datetime:
    return datetime.now(UTC)


def _check(doc: PostingDocument) -> None:
    if not (doc.title or "").strip():
        raise InvalidPosting("A posting needs a title.")
    if not (doc.company or "").strip():
        raise InvalidPosting("A posting needs a company.")


def create_posting(db: Database, doc: PostingDocument, *, now: datetime | None = None) -> Saved:
    """Save a new posting. Company data merges into the company if it is already known."""
    _check(doc)
    now = now or _now()
    with db.writing() as session:
        try:
            stage = (
                records.stage_by_name(session, doc.stage)
                if doc.stage
                else records.first_stage(session)
            )
        except records.RecordNotFound as error:
            raise InvalidPosting(str(error)) from None
        company = records.find_or_create_company(session, doc.company or "")
        records.merge_company_profile(company, doc.industries, doc.company_profile)
        posting = Posting(
            raw=doc.raw,
            created_at=now,
            company=company,
            stage=stage,
            stage_order=records.next_stage_order(session, stage.id),
        )
        records.write_document(session, posting, doc, now)
        session.add(posting)
        # An import of Jobdeck's own export keeps the application's whole history.
        history = doc.stage_history or (StageChange(stage.name, now),)
        try:
            records.add_history(session, posting, history)
        except records.RecordNotFound as error:
            raise InvalidPosting(str(error)) from None
        session.flush()
        posting_id = posting.id
    return Saved(posting_id, Changes(created=frozenset({posting_id})))


def update_posting(
    db: Database,
    posting_id: int,
    doc: PostingDocument,
    *,
    merge_company: bool = False,
    now: datetime | None = None,
) -> Saved:
    """Replace a posting's fields with ``doc``; its ``raw`` text and its stage stay as they are.

    The company's profile becomes what the user edited, or with ``merge_company`` (a newer copy
    of the posting imported over it) the new data merges in: newer values win, lists merge.
    """
    _check(doc)
    now = now or _now()
    with db.writing() as session:
        try:
            posting = records.load_posting(session, posting_id)
        except records.RecordNotFound as error:
            raise PostingNotFound(str(error)) from None
        old_company_id = posting.company_id
        company = records.find_or_create_company(session, doc.company or "")
        if merge_company:
            records.merge_company_profile(company, doc.industries, doc.company_profile)
        else:
            company.name = (doc.company or "").strip()
            records.replace_company_profile(company, doc.industries, doc.company_profile)
        posting.company = company
        records.write_document(session, posting, doc, now)
        session.flush()
        if old_company_id is not None and old_company_id != company.id:
            records.drop_company_if_unused(session, old_company_id)
    return Saved(posting_id, Changes(updated=frozenset({posting_id})))


def delete_posting(db: Database, posting_id: int) -> Changes:
    # Read first: the login row goes with the posting (ON DELETE CASCADE), its password not.
    secret = logins.stored_secret_key(db, posting_id)
    with db.writing() as session:
        try:
            records.delete_posting_row(session, posting_id)
        except records.RecordNotFound as error:
            raise PostingNotFound(str(error)) from None
    logins.forget_secret(secret)  # best effort: a keyring problem never blocks the delete
    return Changes(deleted=frozenset({posting_id}))


def get_posting(db: Database, posting_id: int) -> PostingDocument:
    with db.reading() as session:
        try:
            return records.document_of(records.load_posting(session, posting_id))
        except records.RecordNotFound as error:
            raise PostingNotFound(str(error)) from None


def list_postings(
    db: Database, search: str = "", sort: SortKey = SortKey.POSTED, descending: bool = True
) -> list[PostingRow]:
    with db.reading() as session:
        return records.list_rows(session, search, sort, descending)


def count_postings(db: Database) -> int:
    with db.reading() as session:
        return records.count_rows(session)


def all_documents(db: Database) -> list[PostingDocument]:
    with db.reading() as session:
        return [records.document_of(p) for p in records.load_all_postings(session)]
