"""Section headings of career-site and ATS postings, in the many wordings they come in."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

_VOCABULARY = Path(__file__).with_name("vocabulary") / "headings.toml"


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Heading text (lower case, no trailing colon) -> the document field its section fills,
    and the patterns for wordings that vary; read once from vocabulary/headings.toml."""
    with _VOCABULARY.open("rb") as file:
        data = tomllib.load(file)
    known: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for key, languages in data.items():
        for language, names in languages.items():
            if language == "patterns":
                patterns.extend((re.compile(p), key) for p in names)
                continue
            for name in names:
                # The first field named wins: a wording listed twice is a mistake the tests catch.
                known.setdefault(name, key)
    return known, tuple(patterns)


def vocabulary() -> dict[str, str]:
    """Every heading wording Jobdeck knows, lower case, mapped to its field."""
    return dict(_vocabulary()[0])


_MARKDOWN = re.compile(r"^(?:#{1,6}\s*|\*\*|__)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
MAX_HEADING = 70


def normalise(line: str) -> str:
    """A heading's text for lookup: no markdown marks, no trailing colon, plain apostrophes."""
    text = _MARKDOWN.sub("", line).strip().strip("*_").strip()
    return text.rstrip(":").strip().translate(_APOSTROPHES).lower()


def known_heading(line: str) -> tuple[str, str] | None:
    """(field, heading text) when the line is a heading Jobdeck knows, else None.

    "About Acme" counts as the company section; "Bonus points if you have experience in:" is
    matched by its known start when the line is short and ends in a colon.
    """
    if not line or len(line) > MAX_HEADING:
        return None
    text = normalise(line)
    known, patterns = _vocabulary()
    if text in known:
        return known[text], text
    if line.endswith(":"):  # "... would be an advantage:" introduces a list; without it, an item
        for pattern, key in patterns:
            if pattern.match(text):
                return key, text
    if text.startswith("about ") and len(text.split()) <= 4 and not line.endswith("."):
        return "company", text
    if line.endswith(":"):
        for name, key in known.items():
            if len(name) > 6 and text.startswith(name + " "):
                return key, text
    return None


def generic_heading(line: str) -> bool:
    """A heading Jobdeck does not know by name: short and either ending in a colon, in capitals,
    or marked up as a markdown heading. Its section still goes into the description."""
    if not line or len(line) > 50 or len(line.split()) > 7:
        return False
    if line.startswith("#") or (line.startswith("**") and line.endswith("**")):
        return True
    if line.endswith(":") and not any(ch in line[:-1] for ch in ".:;"):
        return True
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)
