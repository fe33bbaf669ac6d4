"""Filling a stored posting's empty fields from another copy of it, and nothing more.

A tracker's row that repeats a saved posting (imported from the same spreadsheet before, or
saved from the board and now listed in the user's sheet) adds what the posting lacks and never
overwrites what the user has: the rule of ``jobdeck import`` for spreadsheets by default.
"""

from __future__ import annotations

from dataclasses import fields, replace

from desktop.core.posting import PostingDocument, Qualifications

# What a copy may fill: the posting's own fields, not its identity, raw text, stage or history.
FILLABLE = (
    "location", "employment_type", "work_model", "salary", "posted_text", "posted_at",
    "valid_through", "url", "summary", "description", "industries", "responsibilities",
    "benefits", "qualifications", "company_profile",
)  # fmt: skip


def _empty(value: object) -> bool:
    return value is None or value == "" or value == () or value == Qualifications()


def fill_empty_fields(stored: PostingDocument, incoming: PostingDocument) -> PostingDocument:
    """``stored`` with each empty fillable field taken from ``incoming`` (``stored`` itself,
    unchanged, when ``incoming`` has nothing it lacks)."""
    known = {f.name for f in fields(PostingDocument)}
    assert set(FILLABLE) <= known
    filled = {
        name: getattr(incoming, name)
        for name in FILLABLE
        if _empty(getattr(stored, name)) and not _empty(getattr(incoming, name))
    }
    return replace(stored, **filled) if filled else stored
