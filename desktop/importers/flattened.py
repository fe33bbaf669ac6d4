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
def _markers() -> tuple[re.Pattern[str], frozenset[str]]:
    headings = frozenset(vocabulary())
    names = sorted(headings | label_names(), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names if len(name) >= 3)
    # Capitalised in the text ("Requirements:"), after a space, before a colon.
    return re.compile(rf"(?<=\s)(?i:{alternatives})\s?:(?=\s)"), headings


def split_flattened(line: str) -> list[str]:
    """The line split before its inline headings, labels and bullets; [line] when it is not a
    flattened page."""
    if len(line) < MIN_FLATTENED:
        return [line]
    pattern, headings = _markers()
    found = [m for m in pattern.finditer(line) if m[0][:1].isupper()]
    if len(found) < MIN_MARKERS:
        return [line]
    out: list[str] = []
    start = 0
    for match in found:
        out.append(line[start : match.start()].strip())
        name = match[0].rstrip(":").strip().lower()
        if name in headings:
            out.append(match[0].strip())  # the heading on its own line, its items below
            start = match.end()
        else:
            start = match.start()  # "Label: value" stays one line
    out.append(line[start:].strip())
    lines: list[str] = []
    for part in out:
        pieces = _INLINE_BULLET.split(part)
        lines.append(pieces[0])
        lines.extend(f"• {piece}" for piece in pieces[1:])
    return [x for x in lines if x]
