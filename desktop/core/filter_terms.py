"""Filters as terms of the search text: ``stage:Applied work:remote posted:30d salary:yes``.

The filter bar beside the search box writes these terms; they travel with the search to every
view that follows it (the list, its counts, the board, Insights, the application log), and a
user may type them too. Several values of one kind widen (``stage:Applied stage:Screening``:
either stage); different kinds narrow (``stage:Applied work:remote``: both). Whatever is not
a term is searched as words.

| term | keeps the postings |
|---|---|
| ``stage:NAME`` | in that stage |
| ``work:remote`` | of that work model (Remote, Hybrid, Onsite) |
| ``type:"full-time"`` | of that employment type, as the posting gave it |
| ``location:NAME`` | whose location holds NAME |
| ``posted:30d`` | posted in the last 30 days |
| ``applied:30d`` | applied to in the last 30 days (the user's date, else the move to Applied) |
| ``salary:yes`` / ``salary:no`` | with (without) a salary |
| ``label:NAME`` | carrying that label (``core.labels``; names compared without case) |

Names holding spaces are quoted: ``stage:"Phone screen"``. A term whose value is not one of
these forms (``posted:soon``) is not a term: it is searched as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.labels import name_key
from desktop.core.work_models import WORK_MODELS

KINDS = ("stage", "work", "type", "location", "posted", "applied", "salary", "label")
_TERM = re.compile(
    r'(?<!\S)(stage|work|type|location|posted|applied|salary|label):(?:"([^"]*)"?|(\S+))',
    re.IGNORECASE,
)
_DAYS = re.compile(r"^(\d{1,5})d$", re.IGNORECASE)
MAX_DAYS = 36500


@dataclass(frozen=True)
class FilterTerms:
    """The filters found in a search text, and the words left to search."""

    words: str = ""
    stages: tuple[str, ...] = ()  # names, case folded
    work_models: tuple[str, ...] = ()  # as stored: "Remote", "Hybrid", "Onsite"
    types: tuple[str, ...] = ()  # case folded
    locations: tuple[str, ...] = ()
    posted_days: int | None = None
    applied_days: int | None = None
    salary: bool | None = None
    labels: tuple[str, ...] = ()  # label names as compared (core.labels.name_key)
    terms: tuple[str, ...] = field(default=())  # each term as found, in order

    @property
    def narrows(self) -> bool:
        """Whether any filter is set."""
        return bool(self.terms)


def _days(value: str) -> int | None:
    found = _DAYS.match(value)
    if found is None:
        return None
    days = int(found.group(1))
    return days if 0 < days <= MAX_DAYS else None


def _accepted(kind: str, value: str) -> object:
    """The term's value as a filter uses it, or None when the value is not a valid one."""
    folded = " ".join(value.split()).casefold()
    if not folded:
        return None
    if kind == "work":
        return next((m for m in WORK_MODELS if m.casefold() == folded), None)
    if kind in ("posted", "applied"):
        return _days(folded)
    if kind == "salary":
        return {"yes": True, "no": False}.get(folded)
    if kind == "location":
        return " ".join(value.split())
    if kind == "label":
        return name_key(value)
    return folded  # stage, type


def filter_terms(text: str) -> FilterTerms:
    """Split a search text into its filter terms and the words left. Never raises."""
    values: dict[str, list[object]] = {kind: [] for kind in KINDS}
    found: list[str] = []

    def take(match: re.Match[str]) -> str:
        kind = match.group(1).casefold()
        raw = match.group(2) if match.group(2) is not None else match.group(3)
        value = _accepted(kind, raw)
        if value is None:
            return match.group(0)  # not a term after all: searched as words
        if value not in values[kind]:
            values[kind].append(value)
        found.append(match.group(0))
        return " "

    words = _TERM.sub(take, text)
    posted = values["posted"]
    applied = values["applied"]
    salary = values["salary"]
    return FilterTerms(
        words=words,
        stages=tuple(values["stage"]),  # type: ignore[arg-type]
        work_models=tuple(values["work"]),  # type: ignore[arg-type]
        types=tuple(values["type"]),  # type: ignore[arg-type]
        locations=tuple(values["location"]),  # type: ignore[arg-type]
        posted_days=min(posted) if posted else None,  # type: ignore[type-var]
        applied_days=min(applied) if applied else None,  # type: ignore[type-var]
        salary=salary[-1] if len(salary) == 1 else None,  # type: ignore[arg-type]
        labels=tuple(values["label"]),  # type: ignore[arg-type]
        terms=tuple(found),
    )


def term(kind: str, value: str) -> str:
    """What to write for one filter: ``stage:Applied``, ``stage:"Phone screen"``."""
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not a filter (one of: {', '.join(KINDS)}).")
    cleaned = " ".join(value.replace('"', "").split())
    return f'{kind}:"{cleaned}"' if " " in cleaned or not cleaned else f"{kind}:{cleaned}"


def words_only(text: str) -> str:
    """The search text without its filter terms (what the FTS index is asked for)."""
    return filter_terms(text).words
