"""Bytes to text, refusing what is not text at all (images, archives, other binary data)."""

from __future__ import annotations

import codecs

from desktop.importers.result import ImportRefused

# File signatures worth naming in the refusal, so the user learns what they dropped.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
)
_WEBP = (b"RIFF", b"WEBP")
_TEXT_CONTROLS = set(b"\t\n\r\x0c")


def _is_text_like(data: bytes) -> bool:
    """Few control bytes: text has tabs and newlines but not NULs or other control codes."""
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls <= len(sample) // 200


def decode(data: bytes) -> str:
    """Decoded text: UTF-8 (with or without a BOM, or UTF-16 with one), else cp1252 when the bytes
    are clearly text. Raises ImportRefused naming what the bytes are instead."""
    if not data:
        raise ImportRefused("the input is empty")
    for signature, what in _SIGNATURES:
        if data.startswith(signature) and (len(signature) > 2 or not _is_text_like(data)):
            raise ImportRefused(f"the input is {what}, not a job posting's text")
    if data[:4] == _WEBP[0] and data[8:12] == _WEBP[1]:
        raise ImportRefused("the input is a WebP image, not a job posting's text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportRefused("the input is not valid UTF-16 text") from None
    if not _is_text_like(data):
        raise ImportRefused("the input is binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Windows text saved by older editors; only accepted when it decodes to printable text.
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRefused("the input is not valid UTF-8 text and not Windows-1252 text") from None
    return text
