"""Jobdeck's own JSON export, read one posting at a time from the file.

An export is Jobdeck's backup, and a library of 100,000 postings exports to about 800 MB: far
past the size cap for a posting, and far too much to hold parsed in memory. This reader takes
the file's array apart element by element with the standard library's ``raw_decode``, so its
memory is that of one posting, and hands each element to the export reader
(:mod:`desktop.importers.jobdeck_json`), which validates and cleans it.

Only a file whose first element is a Jobdeck posting document is read this way; anything else
goes through the ordinary readers, with their size cap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.importers import jobdeck_json
from desktop.importers.result import ImportRefused, ReadResult

CHUNK_CHARS = 1 << 20  # read a MiB of text at a time
_WHITESPACE = " \t\n\r"


class _Elements:
    """The elements of the JSON array in a text file, decoded one at a time."""

    def __init__(self, path: Path) -> None:
        self._file = path.open(encoding="utf-8-sig")
        self._decoder = json.JSONDecoder()
        self._buffer = ""
        self._at = 0  # where in the buffer reading goes on
        self._ended = False  # the whole file is in the buffer
        self.consumed = 0  # characters of the file before the buffer

    def close(self) -> None:
        self._file.close()

    def _more(self) -> bool:
        if self._ended:
            return False
        text = self._file.read(CHUNK_CHARS)
        if not text:
            self._ended = True
            return False
        # Let go of what has been decoded, keep what has not.
        self.consumed += self._at
        self._buffer = self._buffer[self._at :] + text
        self._at = 0
        return True

    def _next_char(self) -> str | None:
        """The next character that is not white space (not consumed), or None at the end."""
        while True:
            while self._at < len(self._buffer) and self._buffer[self._at] in _WHITESPACE:
                self._at += 1
            if self._at < len(self._buffer):
                return self._buffer[self._at]
            if not self._more():
                return None

    def _expect(self, wanted: str) -> str:
        found = self._next_char()
        if found is None or found not in wanted:
            where = f"at character {self.consumed + self._at + 1}"
            shown = "the end of the file" if found is None else repr(found)
            raise ImportRefused(
                f"the Jobdeck export is broken JSON: {shown} {where}, where one of "
                f"{', '.join(repr(c) for c in wanted)} belongs"
            )
        self._at += 1
        return found

    def _element(self) -> Any:
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._at)
            except json.JSONDecodeError as error:
                if self._more():
                    continue  # the element goes on past what has been read so far
                raise ImportRefused(
                    f"the Jobdeck export is broken JSON: {error.msg} at character "
                    f"{self.consumed + error.pos + 1}"
                ) from None
            self._at = end
            return value

    def __iter__(self) -> Iterator[Any]:
        self._expect("[")
        if self._next_char() == "]":
            return
        while True:
            self._next_char()  # raw_decode starts at a value, not at the white space before it
            yield self._element()
            if self._expect(",]") == "]":
                break
        if self._next_char() is not None:
            raise ImportRefused("the Jobdeck export is broken JSON: text follows its end")


def _first_element(path: Path) -> Any:
    elements = _Elements(path)
    try:
        return next(iter(elements), None)
    finally:
        elements.close()


# An array of JSON objects: how an export begins, whatever comes after.
_OBJECTS_ARRAY = re.compile(rb'\[\s*\{\s*"')


def is_export(path: Path) -> bool:
    """Whether the file is a Jobdeck export: a JSON array whose first element is a posting
    document, or an array of JSON objects that breaks off (an export cut short, to be refused
    as broken JSON rather than read as text). Reads only as far as the first element.
    """
    try:
        with path.open("rb") as head:
            start = head.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    if not _OBJECTS_ARRAY.match(start):
        return False
    try:
        first = _first_element(path)
    except ImportRefused:
        return True  # JSON objects in an array, broken: say so
    return first is not None and jobdeck_json.looks_like_export(first)


def read_export(path: Path) -> Iterator[ReadResult | ImportRefused]:
    """Each posting of a Jobdeck export file, in order, as it is read.

    An element that is not a valid posting document comes as an ImportRefused naming it (the
    others are still read). Raises ImportRefused, naming the place in the file, for JSON that
    breaks off: the postings before it have been yielded by then. A file that does not end its
    array (cut off, say) is refused before any posting is read.
    """
    if not _ends_an_array(path):
        raise ImportRefused(
            "the Jobdeck export is broken JSON: the file ends before its array does "
            "(was it cut off?)"
        )
    elements = _Elements(path)
    try:
        for number, element in enumerate(elements, start=1):
            if not isinstance(element, dict):
                yield ImportRefused(f"posting {number}: a posting must be a JSON object")
                continue
            try:
                yield from jobdeck_json.read(element)
            except ImportRefused as refused:
                yield ImportRefused(f"posting {number}: {refused.reason}")
    finally:
        elements.close()


def _ends_an_array(path: Path) -> bool:
    with path.open("rb") as tail:
        size = tail.seek(0, 2)
        tail.seek(max(0, size - 64))
        return tail.read().rstrip(b" \t\r\n").endswith(b"]")
