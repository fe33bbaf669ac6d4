"""Plain-text rules of the posting document: clean strings and links that are safe to offer.

Untrusted text from postings goes through here before it is stored, so what the UI shows is
already plain text with nothing in it that could be a live link of a dangerous kind.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

SAFE_LINK_SCHEMES = ("https", "mailto")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Unicode's format characters (category Cf: zero-width joiners and spaces, direction marks and
# overrides such as U+202E, the soft hyphen, tag characters) and lone surrogates (Cs). They are
# invisible, so "Ama<ZWJ>zon" would look like Amazon and be another company; a lone surrogate
# cannot even be written as UTF-8. Listed here (Unicode 14) rather than found at start-up, which
# would cost a pass over every code point; tests/core checks the list against ``unicodedata``.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str | None) -> str | None:
    """One line of clean text: runs of white space folded, no-break spaces made plain, trimmed.

    Returns None for text that is empty once cleaned, so "no value" is always None.
    """
    if value is None:
        return None
    if not value.isascii():
        # A zero-width space or a BOM between two words still parts them; str.split() below
        # folds every other kind of space (no-break, figure, narrow) with the rest.
        value = value.replace("\u200b", " ").replace("\ufeff", " ")
        value = unicodedata.normalize("NFC", without_invisible(value))
    value = _CONTROL.sub("", value)
    value = " ".join(value.split())
    return value or None


def without_invisible(value: str) -> str:
    """``value`` with invisible format characters and lone surrogates removed, nothing else
    changed: the cleaning every stored text field but ``raw`` gets."""
    if value.isascii():  # O(1) in CPython; no format character or surrogate is ASCII
        return value
    return _INVISIBLE.sub("", value)


def storable_verbatim(value: str) -> str:
    """Text kept as it came (``raw``) made storable: a lone surrogate, which UTF-8 cannot
    encode, becomes U+FFFD; everything else is left exactly as it was."""
    if value.isascii():  # O(1) in CPython; a surrogate is never ASCII
        return value
    return _LONE_SURROGATE.sub("\ufffd", value)


def name_key(name: str) -> str:
    """The form two names are compared on: invisible characters removed, case and runs of
    white space folded. "Amazon", "amazon " and "Ama<ZWJ>zon" have one key."""
    return " ".join(unicodedata.normalize("NFC", without_invisible(name)).casefold().split())


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
