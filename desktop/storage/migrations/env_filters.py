"""What Alembic's comparison of models and database leaves out (used by env.py and a test)."""

from __future__ import annotations


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # The FTS5 index and its shadow tables are made by hand in a migration, not by a model.
    return not (type_ == "table" and name is not None and name.startswith("postings_fts"))
