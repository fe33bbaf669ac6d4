"""New postings written as rows: a batch of documents, one executemany per table, no ORM.

``jobdeck import`` saves thousands of postings a second this way, and a chunk of new postings
at new companies (an export into a new library, a tracker's sheet) is written without loading
SQLAlchemy at all: the ORM is asked for (``session``) only to merge a batch's data into
companies the library knows, which raises ``NeedsSession`` when the caller has none.
Updates of stored postings are ``posting_records``'s.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.fingerprint import content_fingerprint, raw_fingerprint
from desktop.core.posting import PostingDocument, Salary
from desktop.core.text import name_key
from desktop.storage import bulk_derived, company_rows, search_index
from desktop.storage.pipeline_sql import stored_time
from desktop.storage.plain_rows import hold_batch_pages, insert_rows, insert_values
from desktop.storage.record_errors import StageMissing

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class NeedsSession(Exception):
    """The batch merges data into companies the library knows, which is the ORM's work, and
    the caller gave no session: write it again in one (nothing of this try is kept)."""


def company_key(name: str) -> str:
    # Cleaned of invisible characters first: "Ama<ZWJ>zon" is Amazon, not a look-alike.
    return name_key(name)


def title_key(title: str) -> str:
    return " ".join(title.casefold().split())


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class BatchCache:
    """Look-ups shared by the postings saved in one transaction, so a batch of a hundred
    queries each stage and company once, not once a posting."""

    connection: sqlite3.Connection
    stages: dict[str, int] = field(default_factory=dict)  # ids by lower-case name
    next_order: dict[int, float] = field(default_factory=dict)

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


def stage_id(conn: sqlite3.Connection, name: str | None) -> int:
    """The id of the stage named ``name`` (in any case; not archived), or of the first stage
    for no name: ``stage_lookups.stage_by_name`` and ``first_stage`` in plain SQL. Raises
    StageMissing."""
    if not name:
        first = conn.execute(
            "SELECT id FROM stages WHERE NOT archived ORDER BY position LIMIT 1"
        ).fetchone()
        if first is None:
            raise StageMissing("There is no stage to save a posting in.")
        return first[0]
    found = conn.execute(
        "SELECT id FROM stages WHERE lower(name) = ? AND NOT archived", (name.strip().lower(),)
    ).fetchone()
    if found is None:
        raise StageMissing(f"There is no stage named {name!r}.")
    return found[0]


def next_order(conn: sqlite3.Connection, stage: int) -> float:
    """``stage_lookups.next_stage_order``: the order after the last posting in the stage."""
    (top,) = conn.execute(
        "SELECT max(stage_order) FROM postings WHERE stage_id = ?", (stage,)
    ).fetchone()
    return (top or 0.0) + 1.0


# From this many new postings in a batch, their derived rows are filled by a statement each
# (storage/bulk_derived.py): fewer cost less through the triggers than dropping and creating
# them again.
BULK_DERIVED_FROM = 20


def insert_postings(
    connection: sqlite3.Connection,
    docs: Sequence[PostingDocument],
    now: datetime,
    session: Session | None = None,
) -> list[int]:
    """Add new postings (with their lines, history and search index rows); returns their ids.

    ``connection`` is the caller's transaction, which must hold the write lock
    (``Database.writing`` and ``plain_writing`` begin IMMEDIATE): the ids are given here, from
    the largest in use (a document's own ``id``, from an export, is not used). New companies,
    the postings and their rows are written with one executemany per table and no ORM object
    each, which is what lets ``jobdeck import`` save thousands a second; data for known
    companies merges through ``session`` (NeedsSession without one). Raises StageMissing for
    a stage that does not exist.
    """
    if not docs:
        return []
    if len(docs) >= BULK_DERIVED_FROM:
        hold_batch_pages(connection)
    cache = BatchCache(connection)
    companies = _companies_for(connection, docs, session)
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
    # Plain executemany in the caller's transaction: SQLAlchemy's per-row parameter
    # processing was a fifth of an import's time.
    if len(postings) < BULK_DERIVED_FROM:
        _insert_new(connection, postings, history)
    else:  # their dates and previous stages filled per batch, not by triggers per row
        with bulk_derived.triggers_held(connection, first_id, first_id + len(postings) - 1):
            _insert_new(connection, postings, history)
    insert_values(connection, "posting_items", ("posting_id", "kind", "position", "text"), items)
    search_index.index_documents(connection, indexed, new=True)
    return [row["id"] for row in postings]  # type: ignore[misc]


def _insert_new(
    connection: sqlite3.Connection,
    postings: list[dict[str, object]],
    history: list[tuple[int, int, str]],
) -> None:
    insert_rows(connection, "postings", postings)
    insert_values(connection, "stage_changes", ("posting_id", "stage_id", "at"), history)


def _companies_for(
    connection: sqlite3.Connection, docs: Sequence[PostingDocument], session: Session | None
) -> list[tuple[int, str]]:
    """Each document's company as (id, name), found or made, the document's company data merged
    in: new companies folded and written as rows (company_rows), known ones through the ORM
    (``session``; NeedsSession without one)."""
    # The known companies are found by id and name alone; only those the batch says something
    # of are read whole (the ORM, with their lists): a tracker sheet's rows name only the
    # employer, and reading each whole took a third of such an import; an export's companies
    # are mostly new to the library.
    keys = [company_key(doc.company or "") for doc in docs]
    named_only = _ids_and_names(connection, set(keys))
    merged_into = {
        key
        for doc, key in zip(docs, keys, strict=True)
        if key in named_only and (doc.industries or doc.company_profile is not None)
    }
    if merged_into:
        if session is None:
            raise NeedsSession("the batch has data for companies the library knows")
        from desktop.storage import known_companies  # the ORM: only for such a batch

        known_companies.merge(session, docs, keys, merged_into)
    new: dict[str, company_rows.NewCompany] = {}
    for doc, key in zip(docs, keys, strict=True):
        if key in named_only:
            continue
        if key not in new:
            new[key] = company_rows.NewCompany(doc.company or "")
        if doc.industries or doc.company_profile is not None:
            new[key].fold(doc.industries, doc.company_profile)
    made = company_rows.insert_companies(connection, new)
    return [(made[key], new[key].name) if key in made else named_only[key] for key in keys]


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
