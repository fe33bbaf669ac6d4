"""Readers: text in, posting documents out, one module per source format.

Other layers call :func:`read_postings`; it detects the format and returns one
:class:`ReadResult` per posting, or raises :class:`ImportRefused` with the reason.

The readers (lxml, nh3) are imported when ``read_postings`` is first asked for, so naming
``ImportRefused`` costs nothing at start-up.
"""

from typing import TYPE_CHECKING, Any

from desktop.importers.result import ImportRefused, ReadResult

if TYPE_CHECKING:
    from desktop.importers.detect import read_postings

__all__ = ["ImportRefused", "ReadResult", "read_postings"]


def __getattr__(name: str) -> Any:
    if name == "read_postings":
        from desktop.importers.detect import read_postings

        return read_postings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
