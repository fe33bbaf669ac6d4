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

from desktop.core.posting import PostingDocument

MIN_BODY_CHARS = 120
# Every ASCII byte but digits and lower-case letters: deleted by bytes.translate, in C.
_NOT_WORD_BYTES = bytes(b for b in range(128) if not (48 <= b <= 57 or 97 <= b <= 122))


def _folded(text: str) -> bytes:
    """``text`` case-folded with everything but the digits and letters a to z left out, as
    ASCII bytes (what the pattern ``[^0-9a-z]`` would keep, several times faster)."""
    return text.casefold().encode("ascii", "ignore").translate(None, _NOT_WORD_BYTES)


def content_fingerprint(doc: PostingDocument) -> str | None:
    return _body_fingerprint(
        doc.summary,
        doc.description,
        doc.responsibilities,
        doc.qualifications.required,
        doc.qualifications.preferred,
    )


# An import checks a posting for duplicates, then saves it: the same text is fingerprinted
# twice in a row, and folding a posting's text is most of the work. The last few are kept,
# keyed by the text itself (strings keep their hash; hashing the whole document did not, and
# a copy of it with another id missed).
@functools.lru_cache(maxsize=1024)
def _body_fingerprint(
    summary: str | None,
    description: str | None,
    responsibilities: tuple[str, ...],
    required: tuple[str, ...],
    preferred: tuple[str, ...],
) -> str | None:
    body = _folded(
        " ".join([summary or "", description or "", *responsibilities, *required, *preferred])
    ).decode("ascii")
    if len(body) < MIN_BODY_CHARS:
        return None
    return hashlib.sha1(body.encode("utf-8"), usedforsecurity=False).hexdigest()


@functools.lru_cache(maxsize=1024)
def raw_fingerprint(raw: str) -> str | None:
    """A fingerprint of the input as received, folded like the body's, so a posting corrected
    in the preview is still found when the same text is pasted again. None for too little."""
    folded = _folded(raw)
    if len(folded) < MIN_BODY_CHARS:
        return None
    return hashlib.sha1(folded, usedforsecurity=False).hexdigest()
