"""A fingerprint of what a posting says, so the same posting pasted twice is recognised.

Two copies of one posting differ in small ways: "9 hours ago" vs "2 days ago", spacing, bullet
glyphs, a title shortened on one board. The fingerprint hashes the body (summary, description,
responsibilities, qualifications) folded to lower-case letters and digits, so those differences
vanish while a different posting gives a different value. Too little body text gives None: a
fingerprint of two lines would match postings that merely look alike.
"""

from __future__ import annotations

import functools
import hashlib
import re

from desktop.core.posting import PostingDocument

MIN_BODY_CHARS = 120
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def body_text(doc: PostingDocument) -> str:
    parts = [
        doc.summary or "",
        doc.description or "",
        *doc.responsibilities,
        *doc.qualifications.required,
        *doc.qualifications.preferred,
    ]
    return _NOT_WORD.sub("", " ".join(parts).casefold())


# An import checks a posting for duplicates, then saves it: the same document is fingerprinted
# twice in a row, and folding a posting's text is most of the work. The last few are kept.
@functools.lru_cache(maxsize=1024)
def content_fingerprint(doc: PostingDocument) -> str | None:
    body = body_text(doc)
    if len(body) < MIN_BODY_CHARS:
        return None
    return hashlib.sha1(body.encode("utf-8"), usedforsecurity=False).hexdigest()


@functools.lru_cache(maxsize=1024)
def raw_fingerprint(raw: str) -> str | None:
    """A fingerprint of the input as received, folded like the body's, so a posting corrected
    in the preview is still found when the same text is pasted again. None for too little."""
    folded = _NOT_WORD.sub("", raw.casefold())
    if len(folded) < MIN_BODY_CHARS:
        return None
    return hashlib.sha1(folded.encode("utf-8"), usedforsecurity=False).hexdigest()
