"""What Alembic's comparison of models and database leaves out (used by env.py and a test)."""

from __future__ import annotations

# Made by hand in migration 0021: (date, posting_id DESC), a column order Alembic's comparison
# cannot read (it would report them as to be removed).
_DESCENDING_INDEXES = frozenset(
    f"ix_application_dates_{column}_up" for column in ("applied_at", "stage_since", "last_activity")
)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # The FTS5 index and its shadow tables are made by hand in a migration, not by a model.
    if type_ == "table" and name is not None and name.startswith("postings_fts"):
        return False
    return not (type_ == "index" and name in _DESCENDING_INDEXES)
