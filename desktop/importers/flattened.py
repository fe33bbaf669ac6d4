"""A posting flattened onto one line (a page copied as one paragraph, a form field that kept no
line breaks): split again before the headings and labels it carries inline.

"Senior Engineer Location: Austin, TX Salary: $120k Responsibilities: Build APIs • Run on-call"
becomes the lines the text reader expects: the heading on a line of its own, each "Label: value"
on its own line, each "•" item on its own line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.importers.headings import vocabulary
from desktop.importers.labels import label_names

# Only a long line is a flattened page; and only one with several inline headings or labels.
MIN_FLATTENED = 300
MIN_MARKERS = 3
_INLINE_BULLET = re.compile(r"\s+[•▪◦●]\s+")


@lru_cache(maxsize=1)
def _markers() -> tuple[frozenset[str], frozenset[str]]:
    """(every inline marker name, the ones that are headings), lower case."""
    headings = frozenset(vocabulary())
    return headings | label_names(), headings


# The words before a colon: a marker name is one to six of them.
_WORDS_BEFORE = re.compile(r"(?:\S+\s){0,5}\S+\s?$")
MAX_COLONS = 2000


def _find_markers(line: str) -> list[tuple[int, int, bool]]:
    """(start, end, is a heading) of each capitalised "Name:" a known heading or label names.

    Only the colons are visited (a flattened page has a few dozen), and for each only the few
    words before it, so a 5 MB line without colons costs one count.
    """
    names, headings = _markers()
    found: list[tuple[int, int, bool]] = []
    position = line.find(":")
    while position != -1:
        if position + 1 == len(line) or line[position + 1].isspace():
            before = line[max(0, position - 60) : position]
            match = _WORDS_BEFORE.search(before)
            words = match[0].split() if match else []
            for count in range(min(len(words), 6), 0, -1):
                name = " ".join(words[-count:])
                start = position - len(before) + before.rfind(name)
                if (
                    name.lower() in names
                    and name[:1].isupper()
                    and (start == 0 or line[start - 1].isspace())
                ):
                    found.append((start, position + 1, name.lower() in headings))
                    break
        position = line.find(":", position + 1)
    return found


def split_flattened(line: str) -> list[str]:
    """The line split before its inline headings, labels and bullets; [line] when it is not a
    flattened page."""
    colons = line.count(":")
    if len(line) < MIN_FLATTENED or not MIN_MARKERS <= colons <= MAX_COLONS:
        return [line]  # a flattened posting has a few dozen colons, not thousands
    found = _find_markers(line)
    if len(found) < MIN_MARKERS:
        return [line]
    out: list[str] = []
    start = 0
    for begin, end, is_heading in found:
        out.append(line[start:begin].strip())
        if is_heading:
            out.append(line[begin:end].strip())  # the heading on its own line, its items below
            start = end
        else:
            start = begin  # "Label: value" stays one line
    out.append(line[start:].strip())
    lines: list[str] = []
    for part in out:
        pieces = _INLINE_BULLET.split(part)
        lines.append(pieces[0])
        lines.extend(f"• {piece}" for piece in pieces[1:])
    return [x for x in lines if x]
