"""Is this posting already in the library? Same link, same company and title, nearly the
same text (a fingerprint of its content), or the same text as received (a posting corrected in
the preview, pasted again).

The checks run for a whole batch at once (``find_duplicates``): four queries however many
postings an import holds, instead of three per posting. They are plain SQL on the session's
own connection (inside its transaction): building the ORM's statements, with a bound value per
link or fingerprint, cost more than SQLite's look-ups.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import UTC
from typing import TYPE_CHECKING, Any

from desktop.core.bounds import readable_datetime
from desktop.core.fingerprint import content_fingerprint, raw_fingerprint
from desktop.core.posting import PostingDocument
from desktop.storage.new_postings import company_key, title_key
from desktop.storage.plain_rows import plain_connection

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SAME_LINK = "same link"
SAME_COMPANY_AND_TITLE = "same company and title"
NEARLY_THE_SAME_TEXT = "nearly the same text"
THE_SAME_TEXT_AS_RECEIVED = "the same text as received"


def find_duplicate(
    db: Session | sqlite3.Connection, doc: PostingDocument
) -> tuple[int, str] | None:
    """The id of a stored posting ``doc`` repeats, and why: same link, company and title, text."""
    return find_duplicates(db, [doc]).get(0)


def find_duplicates(
    db: Session | sqlite3.Connection,
    docs: Sequence[PostingDocument],
    ignore: Collection[int] = (),
) -> dict[int, tuple[int, str]]:
    """For each document that repeats a stored posting: its index -> (posting id, reason).

    The first reason that holds wins (link, then company and title, then text), and among
    stored postings the oldest. Postings in ``ignore`` (those the same import just saved, say)
    are never taken for duplicates.
    """
    connection = plain_connection(db)
    by_link = _oldest(_postings_with(connection, "url", {doc.url for doc in docs}), ignore)
    pairs = {
        (company_key(doc.company), title_key(doc.title))
        for doc in docs
        if doc.company and doc.title
    }
    by_pair: dict[tuple[str, str], list[int]] = {}
    for company, title, posting_id in _stored_pairs(connection, sorted(pairs)):
        if posting_id not in ignore:
            by_pair.setdefault((company, title), []).append(posting_id)
    applied_days = _applied_days(connection, {i for ids in by_pair.values() for i in ids})
    fingerprints = [content_fingerprint(doc) for doc in docs]
    by_text = _oldest(_postings_with(connection, "fingerprint", set(fingerprints)), ignore)
    # The same input pasted again after the first copy was corrected in the preview.
    received = [raw_fingerprint(doc.raw) for doc in docs]
    by_received = _oldest(_postings_with(connection, "raw_fingerprint", set(received)), ignore)
    found: dict[int, tuple[int, str]] = {}
    for index, (doc, fingerprint, as_received) in enumerate(
        zip(docs, fingerprints, received, strict=True)
    ):
        pair = None
        if doc.company and doc.title:
            pair = (company_key(doc.company), title_key(doc.title))
        if doc.url and doc.url in by_link:
            found[index] = (by_link[doc.url], SAME_LINK)
        elif pair is not None and (same := _same_application(doc, by_pair.get(pair), applied_days)):
            found[index] = (same, SAME_COMPANY_AND_TITLE)
        elif fingerprint is not None and fingerprint in by_text:
            found[index] = (by_text[fingerprint], NEARLY_THE_SAME_TEXT)
        elif as_received is not None and as_received in by_received:
            found[index] = (by_received[as_received], THE_SAME_TEXT_AS_RECEIVED)
    return found


VALUES_PER_QUERY = 500  # bound values per query: well under SQLite's limit of 32,766


def _postings_with(
    connection: sqlite3.Connection, column: str, values: Collection[str | None]
) -> Iterator[tuple[str, int]]:
    """(value, posting id) of the stored postings whose ``column`` (indexed: the link or a
    fingerprint) holds one of ``values`` (None and empty values are left out)."""
    wanted = sorted(value for value in values if value)
    for start in range(0, len(wanted), VALUES_PER_QUERY):
        chunk = wanted[start : start + VALUES_PER_QUERY]
        yield from connection.execute(
            f"SELECT {column}, id FROM postings WHERE {column} IN ({', '.join('?' * len(chunk))})",
            chunk,
        )


PAIRS_PER_QUERY = 400  # two parameters each: well under SQLite's limit of 32,766


def _stored_pairs(
    connection: sqlite3.Connection, pairs: Sequence[tuple[str, str]]
) -> Iterator[tuple[str, str, int]]:
    """(company key, title key, posting id) of the stored postings with one of ``pairs``,
    by posting id within each query.

    The pairs are joined as a list of values: one look-up of the company and one of the
    (company, title) index per pair. Asking for "a company among these and a title among
    those" looked up every title for every company: 250,000 probes for a chunk of 500 rows of
    a sheet that names hundreds of employers.
    """
    for start in range(0, len(pairs), PAIRS_PER_QUERY):
        chunk = pairs[start : start + PAIRS_PER_QUERY]
        wanted = ", ".join("(?, ?)" for _ in chunk)
        yield from connection.execute(
            f"WITH wanted(name_key, title_key) AS (VALUES {wanted}) "
            "SELECT companies.name_key, postings.title_key, postings.id FROM wanted "
            "JOIN companies ON companies.name_key = wanted.name_key "
            "JOIN postings ON postings.company_id = companies.id "
            "AND postings.title_key = wanted.title_key "
            "ORDER BY postings.id",
            [value for pair in chunk for value in pair],
        )


APPLIED = "applied"  # the stage whose date tells one application to a job from another


def _applied_days(
    connection: sqlite3.Connection, posting_ids: Collection[int]
) -> dict[int, set[str]]:
    """The UTC days each posting entered the Applied stage (as stored: "2026-11-03")."""
    days: dict[int, set[str]] = {}
    wanted = sorted(posting_ids)
    for start in range(0, len(wanted), VALUES_PER_QUERY):
        chunk = wanted[start : start + VALUES_PER_QUERY]
        rows = connection.execute(
            "SELECT c.posting_id, c.at FROM stage_changes AS c "
            "JOIN stages AS s ON s.id = c.stage_id "
            f"WHERE lower(s.name) = ? AND c.posting_id IN ({', '.join('?' * len(chunk))})",
            [APPLIED, *chunk],
        )
        for posting_id, stored in rows:
            at = readable_datetime(stored)
            if at is not None:
                days.setdefault(posting_id, set()).add(at.astimezone(UTC).date().isoformat())
    return days


def _same_application(
    doc: PostingDocument, candidates: list[int] | None, applied_days: dict[int, set[str]]
) -> int | None:
    """Among stored postings with the document's company and title, the oldest that is the
    same application: one applied on the day the document says, or not applied at all.
    Someone who applied to the same job twice, months apart, has two applications."""
    if not candidates:
        return None
    applied = {
        change.at.astimezone(UTC).date().isoformat()
        for change in doc.stage_history
        if change.stage.casefold() == APPLIED
    }
    if not applied:
        return candidates[0]
    for posting_id in candidates:
        days = applied_days.get(posting_id)
        if not days or days & applied:
            return posting_id
    return None


def _oldest(rows: Iterable[Any], ignore: Collection[int]) -> dict[Any, int]:
    """key -> the smallest posting id with that key, from (key, posting id) rows."""
    oldest: dict[Any, int] = {}
    for key, posting_id in rows:
        if posting_id not in ignore and (key not in oldest or posting_id < oldest[key]):
            oldest[key] = posting_id
    return oldest


def titles_and_companies(
    db: Session | sqlite3.Connection, posting_ids: Collection[int]
) -> dict[int, tuple[str, str | None]]:
    """Each stored posting's title and company name, by id."""
    connection = plain_connection(db)
    found: dict[int, tuple[str, str | None]] = {}
    wanted = sorted(posting_ids)
    for start in range(0, len(wanted), VALUES_PER_QUERY):
        chunk = wanted[start : start + VALUES_PER_QUERY]
        rows = connection.execute(
            "SELECT p.id, p.title, c.name FROM postings AS p "
            "LEFT JOIN companies AS c ON c.id = p.company_id "
            f"WHERE p.id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        found.update((posting_id, (title, company)) for posting_id, title, company in rows)
    return found


def title_and_company(session: Session, posting_id: int) -> tuple[str, str | None]:
    return titles_and_companies(session, [posting_id])[posting_id]


def links_starting_with(session: Session, prefix: str) -> list[tuple[str, int]]:
    """(link, posting id) of every stored posting whose link starts with ``prefix`` (a link's
    scheme, host and path): the candidates for "the same link" once tracking is removed.
    A range on the link's index, not a scan."""
    rows = plain_connection(session).execute(
        "SELECT url, id FROM postings WHERE url >= ? AND url < ?", (prefix, prefix + "\uffff")
    )
    return [(url, posting_id) for url, posting_id in rows]
