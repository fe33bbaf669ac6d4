"""Readers: text in, posting documents out, one module per source format.

Other layers call :func:`read_postings`; it detects the format and returns one
:class:`ReadResult` per posting, or raises :class:`ImportRefused` with the reason.
"""

from desktop.importers.detect import read_postings
from desktop.importers.result import ImportRefused, ReadResult

__all__ = ["ImportRefused", "ReadResult", "read_postings"]
