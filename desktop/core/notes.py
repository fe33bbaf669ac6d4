"""A note the user wrote about an application, and the links inside its text.

Notes are the user's own plain text. Links in it (http, https, mailto, tel) are found here so
every view offers the same ones, and only those kinds: a ``javascript:`` or ``file:`` address in
a note stays text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from desktop.core.text import without_invisible

# Long enough for pasted e-mails and interview write-ups; a note is not a place for a book.
MAX_NOTE_CHARS = 100_000
NOTE_LINK_SCHEMES = ("http", "https", "mailto", "tel")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# An address as people write it in text: with its scheme, or starting "www.". Trailing
# punctuation of the sentence (".", ",", ")") is not part of it.
_LINK = re.compile(
    r"(?:https?://|mailto:|tel:|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]}]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Note:
    """One note: ``posting_id`` is the application it belongs to; times are UTC-aware."""

    id: int
    posting_id: int
    text: str
    created_at: datetime
    updated_at: datetime


def note_text(text: str) -> str:
    """``text`` as a note stores it: line breaks kept (CRLF made LF), control and invisible
    format characters removed, blank lines at both ends trimmed.

    Raises ``ValueError`` naming the problem: an empty note, or one over ``MAX_NOTE_CHARS``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", unicodedata.normalize("NFC", without_invisible(text)))
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    if not text.strip():
        raise ValueError("A note needs some text.")
    if len(text) > MAX_NOTE_CHARS:
        raise ValueError(
            f"A note can hold at most {MAX_NOTE_CHARS:,} characters; this one has {len(text):,}."
        )
    return text


def openable_link(url: str) -> str | None:
    """The address to open for a link found in a note, or None when it is not one Jobdeck
    opens (only http(s) with a host, mailto and tel). "www.x.org" opens as https."""
    url = url.strip()
    if url.lower().startswith("www."):
        url = "https://" + url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in NOTE_LINK_SCHEMES:
        return None
    if scheme in ("http", "https") and not parts.netloc:
        return None
    if scheme in ("mailto", "tel") and not parts.path:
        return None
    return url


def text_and_links(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut into pieces, each (piece, address to open or None for plain text)."""
    pieces: list[tuple[str, str | None]] = []
    last = 0
    for match in _LINK.finditer(text):
        target = openable_link(match.group())
        if target is None:
            continue
        if match.start() > last:
            pieces.append((text[last : match.start()], None))
        pieces.append((match.group(), target))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], None))
    return pieces
