"""Plain-text rules of the posting document: clean strings and links that are safe to offer.

Untrusted text from postings goes through here before it is stored, so what the UI shows is
already plain text with nothing in it that could be a live link of a dangerous kind.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

SAFE_LINK_SCHEMES = ("https", "mailto")

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u200b\ufeff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str | None:
    """One line of clean text: runs of white space folded, no-break spaces made plain, trimmed.

    Returns None for text that is empty once cleaned, so "no value" is always None.
    """
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value)
    value = _CONTROL.sub("", value)
    value = " ".join(_SPACES.sub(" ", value).split())
    return value or None


def clean_paragraphs(value: str | None) -> str | None:
    """Multi-line text (a description): each line cleaned, blank-line paragraph breaks kept."""
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", value):
        lines = [line for line in (clean_text(x) for x in block.split("\n")) if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs) or None


def clean_lines(text: str) -> tuple[str, ...]:
    """Text edited one item per line (the form's list fields) into clean items."""
    return tuple(item for item in (clean_text(line) for line in text.splitlines()) if item)


def safe_link(url: str | None) -> str | None:
    """The URL if it is a link Jobdeck may offer to open (https or mailto), else None."""
    url = clean_text(url)
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in SAFE_LINK_SCHEMES:
        return None
    if parts.scheme.lower() == "https" and not parts.netloc:
        return None
    return url
