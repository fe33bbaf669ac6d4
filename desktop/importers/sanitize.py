"""The last word on a document's safety: no markup and no unsafe links outside ``raw``.

Every reader builds its document and passes it through :func:`sanitize_document`, so a reader's
bug cannot leak a ``<script>`` or a ``javascript:`` link into a field the UI shows.
"""

from __future__ import annotations

import html
import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

import nh3

from desktop.core.text import clean_paragraphs, clean_text, safe_link

_MARKUP_HINT = re.compile(r"<[A-Za-z/!?]|&[#A-Za-z0-9]{1,32};?")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
# Links a text field may not carry. A link is a scheme glued to its target ("javascript:alert(1)",
# "file:///etc/passwd"); a word followed by a colon and a space is prose ("Big Data: Spark",
# "About:", "FTP: and SFTP:") and stays. http is downgraded to a bare address rather than
# dropped, since the address is still useful text; the others are removed outright.
_UNSAFE_LINK = re.compile(
    r"\b(?:javascript|vbscript|data|file|blob|ftp|smb|about|chrome|ms-[a-z-]+)\s{0,3}:"
    r"(?=[^\s<>\"'])[^\s<>\"']*",
    re.IGNORECASE,
)
_HTTP = re.compile(r"\bhttp://", re.IGNORECASE)
_MULTILINE = {"description"}
_LINKS = {"url"}
_VERBATIM = {"raw"}


def strip_markup(value: str) -> str:
    """Plain text: tags and comments removed (script and style with their content), entities
    decoded. Text without markup comes back as it was."""
    if not _MARKUP_HINT.search(value):
        return value
    for _ in range(3):
        # nh3 escapes what it keeps, so unescape after; a decoded "&lt;b&gt;" is markup again,
        # which the next pass removes.
        value = html.unescape(nh3.clean(value, tags=set(), attributes={}, strip_comments=True))
        if not _TAG_LIKE.search(value):
            return value
    return _TAG_LIKE.sub("‹", value)  # still tag-like after three passes: make it inert


def defuse_links(value: str) -> str:
    """Text with unsafe link schemes removed (javascript:, file:, ...) and http:// dropped."""
    if ":" not in value:
        return value
    value = _UNSAFE_LINK.sub("", value)
    return _HTTP.sub("", value)


def plain(value: str | None) -> str | None:
    """One clean, safe line of text."""
    return None if value is None else clean_text(defuse_links(strip_markup(value)))


def plain_paragraphs(value: str | None) -> str | None:
    """Clean, safe multi-line text."""
    return None if value is None else clean_paragraphs(defuse_links(strip_markup(value)))


def _clean_value(name: str, value: Any) -> Any:
    if isinstance(value, str):
        if name in _VERBATIM:
            return value
        if name in _LINKS:
            return safe_link(strip_markup(value))
        return plain_paragraphs(value) if name in _MULTILINE else plain(value)
    if isinstance(value, tuple):
        items = (_clean_value(name, item) for item in value)
        return tuple(item for item in items if item is not None)
    if is_dataclass(value) and not isinstance(value, type):
        return _clean_dataclass(value)
    return value


def _clean_dataclass(obj: Any) -> Any:
    changes = {f.name: _clean_value(f.name, getattr(obj, f.name)) for f in fields(obj)}
    # A required text field (a company's name) that cleans away keeps a readable placeholder.
    for f in fields(obj):
        if (
            f.default is f.default_factory
            and changes[f.name] is None
            and isinstance(getattr(obj, f.name), str)
        ):
            changes[f.name] = "Unknown"
    return replace(obj, **changes)


def sanitize_document(doc: Any) -> Any:
    """The document with every field but ``raw`` made clean, plain and link-safe."""
    return _clean_dataclass(doc)
