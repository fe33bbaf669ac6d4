"""Is this posting already in the library? The duplicate check an import makes for every
posting it reads (same link, same company and title, nearly the same text)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.posting import PostingDocument
from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.storage import duplicate_checks
else:  # the ORM, loaded after the window's first paint
    duplicate_checks = deferred("desktop.storage.duplicate_checks")


@dataclass(frozen=True)
class Duplicate:
    posting_id: int
    title: str
    company: str | None
    reason: str  # "same link" | "same company and title" | "nearly the same text"


def find_duplicate(db: Library, doc: PostingDocument) -> Duplicate | None:
    return duplicates(db, [doc]).get(0)


def duplicates(db: Library, docs: Sequence[PostingDocument]) -> dict[int, Duplicate]:
    with db.reading() as session:
        return duplicates_in(session, docs)


def duplicates_in(
    transaction: Session | sqlite3.Connection,
    docs: Sequence[PostingDocument],
    ignore: Iterable[int] = (),
) -> dict[int, Duplicate]:
    """The duplicates of ``docs`` by index, checked in the caller's transaction (its session
    or its plain connection)."""
    found = duplicate_checks.find_duplicates(transaction, docs, set(ignore))
    names = duplicate_checks.titles_and_companies(transaction, {pid for pid, _ in found.values()})
    return {
        index: Duplicate(posting_id, *names[posting_id], reason)
        for index, (posting_id, reason) in found.items()
    }
