"""What the user types in the search box, as an FTS5 query over the postings index."""

from __future__ import annotations

import re

from desktop.core.filter_terms import words_only

_WORD = re.compile(r"\w+", re.UNICODE)


def match_query(words: str) -> str | None:
    """An FTS5 query for every word as a prefix, or None when the text has no words.

    Each word is quoted, so FTS5 syntax typed by the user (AND, NEAR, *, quotes) is plain text.
    Filter terms (``stage:Applied``) are not words (``filter_sql.filter_conditions``).
    """
    tokens = _WORD.findall(words_only(words).casefold())
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)
