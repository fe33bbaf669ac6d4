"""Is this posting already in the library? Same link, same company and title, or nearly the
same text (a fingerprint of its content), or the same text as received (a posting corrected in
the preview, pasted again)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.fingerprint import content_fingerprint, raw_fingerprint
from desktop.core.posting import PostingDocument
from desktop.storage.company_records import company_key
from desktop.storage.models import Company, Posting
from desktop.storage.posting_records import title_key


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
    received = raw_fingerprint(doc.raw)
    if received is not None:
        # The same input pasted again after the first copy was corrected in the preview.
        found = session.scalar(
            select(Posting.id).where(Posting.raw_fingerprint == received).limit(1)
        )
        if found is not None:
            return found, "the same text as received"
    return None


def title_and_company(session: Session, posting_id: int) -> tuple[str, str | None]:
    row = session.execute(
        select(Posting.title, Company.name)
        .outerjoin(Company, Company.id == Posting.company_id)
        .where(Posting.id == posting_id)
    ).one()
    return row[0], row[1]
