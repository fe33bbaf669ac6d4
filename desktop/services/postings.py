"""Saving, reading, listing and deleting postings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.listing import PostingRow, SortKey
from desktop.deferred_import import deferred
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound, PostingNotFound  # noqa: F401 (re-exported)
from desktop.services.library import Library
from desktop.storage import posting_list

if TYPE_CHECKING:
    from desktop.core import bounds
    from desktop.core.posting import PostingDocument
    from desktop.services import logins
    from desktop.storage import posting_documents, record_errors
    from desktop.storage import posting_records as records
else:  # the ORM, the keyring and the save checks: loaded after the window's first paint,
    # which needs only the list
    records = deferred("desktop.storage.posting_records")
    record_errors = deferred("desktop.storage.record_errors")
    bounds = deferred("desktop.core.bounds")
    # whole postings' types and reads: not for the list (``jobdeck list``, the first paint)
    posting_documents = deferred("desktop.storage.posting_documents")
    logins = deferred("desktop.services.logins")


class InvalidPosting(Invalid):
    """A posting that cannot be saved as it is; the message says what to fix."""


def _now() -> datetime:
    return datetime.now(UTC)


def checked(doc: PostingDocument) -> PostingDocument:
    """``doc`` as it will be stored (invisible characters cleaned from its text), or
    ``InvalidPosting`` naming what cannot be saved: no title or company, a number or a date
    beyond what the library can hold (see ``core.bounds``)."""
    doc = bounds.without_invisible_text(doc)
    if not (doc.title or "").strip():
        raise InvalidPosting("A posting needs a title.")
    if not (doc.company or "").strip():
        raise InvalidPosting("A posting needs a company.")
    found = bounds.problems(doc)
    if found:
        raise InvalidPosting(f"This posting cannot be saved: {'; '.join(found)}.")
    return doc


def create_posting(
    db: Library, doc: PostingDocument, *, now: datetime | None = None
) -> Result[int]:
    """Save a new posting; the result's value is its id. Company data merges into a known one.

    Raises ``InvalidPosting`` (no title, no company, an unknown stage), ``WriteFailed``.
    """
    changes = create_postings(db, [doc], now=now)
    (posting_id,) = changes.created
    return Result(posting_id, changes)


def create_postings(
    db: Library, docs: Sequence[PostingDocument], *, now: datetime | None = None
) -> Changes:
    """Save many new postings in one transaction: all of them, or (on a bad one) none.

    One transaction and one flush per batch, instead of per posting, is what makes large
    imports fast: the ORM then writes each table with one executemany.
    """
    docs = [checked(doc) for doc in docs]
    with db.writing() as session:
        try:
            created = frozenset(records.insert_postings(session, docs, now or _now()))
        except record_errors.StageMissing as error:
            raise InvalidPosting(str(error)) from None
    return Changes(created=created)


def update_posting(
    db: Library,
    posting_id: int,
    doc: PostingDocument,
    *,
    merge_company: bool = False,
    now: datetime | None = None,
) -> Result[int]:
    """Replace a posting's fields with ``doc``; its ``raw`` text and its stage stay as they are.

    The company's profile becomes what the user edited, or with ``merge_company`` (a newer copy
    of the posting imported over it) the new data merges in: newer values win, lists merge.
    """
    doc = checked(doc)
    with db.writing() as session:
        try:
            records.update_document(
                session, posting_id, doc, now or _now(), merge_company=merge_company
            )
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None
    return Result(posting_id, Changes(updated=frozenset({posting_id})))


def delete_posting(db: Library, posting_id: int) -> Changes:
    """Delete the posting and all that hangs on it for good (its login's password too).
    The window deletes through ``posting_removal.remove_posting`` instead, which can be undone.

    Raises ``PostingNotFound``, ``WriteFailed``.
    """
    from desktop.services import posting_removal

    removed, changes = posting_removal.remove_posting(db, posting_id)
    # best effort: a keyring problem never blocks the delete
    logins.forget_secret(posting_removal.secret_key(removed))  # type: ignore[arg-type]
    return changes  # type: ignore[return-value]


def get_posting(db: Library, posting_id: int) -> PostingDocument:
    """The whole posting document (plain SQL: the window shows it before the ORM loads)."""
    with db.querying() as connection:
        document = posting_documents.read_document(connection, posting_id)
    if document is None:
        raise PostingNotFound(f"There is no posting with id {posting_id}.")
    return document


# The list's reads are plain SQL (posting_list): they are what the window paints first.


def list_postings(
    db: Library,
    search: str = "",
    sort: SortKey = SortKey.POSTED,
    descending: bool = True,
    *,
    stage_id: int | None = None,
) -> list[PostingRow]:
    """Every posting's list row (those in ``stage_id`` only, when given), in list order."""
    with db.querying() as connection:
        return posting_list.list_rows(connection, search, sort, descending, stage_id)


def list_posting_ids(
    db: Library,
    search: str = "",
    sort: SortKey = SortKey.POSTED,
    descending: bool = True,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[int]:
    with db.querying() as connection:
        return posting_list.list_ids(
            connection, search, sort, descending, offset=offset, limit=limit
        )


def count_matching(db: Library, search: str = "") -> int:
    with db.querying() as connection:
        return posting_list.count_matching(connection, search)


def count_and_first_ids(
    db: Library,
    search: str = "",
    sort: SortKey = SortKey.POSTED,
    descending: bool = True,
    *,
    page: int,
    whole_up_to: int,
) -> tuple[int, list[int]]:
    """How many postings match, and the ids the list shows first: every one of them when
    there are at most ``whole_up_to``, else the first ``page`` (``posting_list``)."""
    with db.querying() as connection:
        return posting_list.count_and_first_ids(
            connection, search, sort, descending, page=page, whole_up_to=whole_up_to
        )


def filter_choices(db: Library, column: str, limit: int = 12) -> list[tuple[str, int]]:
    """The most common employment types or locations (``column``: "employment_type",
    "location") with how many postings have each: the filter bar's choices."""
    from desktop.storage import filter_sql

    with db.querying() as connection:
        return filter_sql.choices(connection, column, limit)


def posting_rows(db: Library, ids: Sequence[int]) -> dict[int, PostingRow]:
    with db.querying() as connection:
        return posting_list.rows_by_id(connection, ids)


def count_postings(db: Library) -> int:
    return count_matching(db)


def iter_documents(db: Library) -> Iterator[PostingDocument]:
    """Every posting's document in id order, read as one snapshot a chunk at a time, so the
    whole library is never in memory at once (an export of 100,000 postings, say)."""
    with db.querying() as connection:
        yield from posting_documents.iter_documents(connection)


def all_documents(db: Library) -> list[PostingDocument]:
    return list(iter_documents(db))
