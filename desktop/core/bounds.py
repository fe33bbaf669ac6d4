"""What a posting document may hold and still be stored and read back: numbers, dates and text.

Every way in passes through here: the readers' results (``services.importing.read_input``), the
JSON contract (``document.from_json``) and every save (``services.postings``). A value that
cannot be stored (an infinite salary, a count beyond SQLite's integers, a date whose UTC time
falls outside the calendar) is refused by name or dropped with a note; it never reaches the
library, where it would break every later read.
"""

from __future__ import annotations

import functools
import math
import operator
import weakref
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the posting's types: not loaded by the commands that only read values
    from desktop.core.posting import (
        CompanyProfile,
        FundingRound,
        H1bYear,
        PostingDocument,
        Salary,
    )
from desktop.core.text import storable_verbatim, without_invisible

# A quadrillion: beyond any salary or funding total in any currency, exact as a float and as
# SQLite's 64-bit integer, and short enough to show.
MAX_AMOUNT = 10**15
MAX_COUNT = 10**9  # H1B filings per year
FIRST_YEAR, LAST_YEAR = 1900, 9999  # dates a posting, a capture or a stage change can carry
MAX_ID = 2**63 - 1  # SQLite's largest integer


def amount_problem(value: float | None, what: str) -> str | None:
    """Why ``value`` (an amount of money) cannot be stored, or None when it can."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"{what} is not a finite number"
    if abs(value) > MAX_AMOUNT:
        return f"{what} is beyond {MAX_AMOUNT:,}, more than Jobdeck can store"
    if value < 0:
        return f"{what} is negative"
    return None


def whole_number_problem(value: int | None, what: str, low: int, high: int) -> str | None:
    if value is None:
        return None
    if not low <= value <= high:
        return f"{what} must be between {low} and {high}"
    return None


def datetime_problem(value: datetime | None, what: str) -> str | None:
    """Why ``value`` cannot be stored (no time zone, or a UTC time outside years 1900-9999)."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        return f"{what} needs a time zone"
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        return f"{what} ({value.date().isoformat()}) is outside the years {FIRST_YEAR}-{LAST_YEAR}"
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        return f"{what} ({value.isoformat()}) is outside the calendar in UTC"
    if not FIRST_YEAR <= utc.year <= LAST_YEAR:
        return f"{what} ({value.isoformat()}) is outside the years {FIRST_YEAR}-{LAST_YEAR}"
    return None


def salary_problems(salary: Salary | None) -> list[str]:
    if salary is None:
        return []
    found = [
        p
        for p in (
            amount_problem(salary.min, "salary.min"),
            amount_problem(salary.max, "salary.max"),
        )
        if p
    ]
    if not found and salary.min is not None and salary.max is not None and salary.min > salary.max:
        found.append(f"salary.min ({salary.min:g}) is above salary.max ({salary.max:g})")
    return found


def _round_problems(i: int, r: FundingRound) -> list[str]:
    where = f"company_profile.funding.rounds[{i}].amount_usd"
    return [p for p in (amount_problem(r.amount_usd, where),) if p]


def profile_problems(profile: CompanyProfile | None) -> list[str]:
    if profile is None:
        return []
    found: list[str] = []
    if profile.funding is not None:
        total = amount_problem(profile.funding.total_usd, "company_profile.funding.total_usd")
        found += [total] if total else []
        for i, r in enumerate(profile.funding.rounds):
            found += _round_problems(i, r)
    if profile.h1b is not None:
        for i, y in enumerate(profile.h1b.by_year):
            at = f"company_profile.h1b.by_year[{i}]"
            found += [
                p
                for p in (
                    whole_number_problem(y.year, f"{at}.year", FIRST_YEAR, LAST_YEAR),
                    whole_number_problem(y.count, f"{at}.count", 0, MAX_COUNT),
                )
                if p
            ]
    return found


# Documents ``problems`` found nothing in, keyed by id and checked to be the very object (as
# ``_SCRUBBED`` below): a document is frozen, so what was storable stays so. A document read
# (the JSON contract, a sheet's row) and then saved (``services.postings.checked``) is checked
# once, not once by its reader and again by the save.
_WITHIN_BOUNDS: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()


def problems(doc: PostingDocument) -> list[str]:
    """Everything in ``doc`` that cannot be stored, each naming its field; empty when all can."""
    if _WITHIN_BOUNDS.get(id(doc)) is doc:
        return []
    found = salary_problems(doc.salary) + profile_problems(doc.company_profile)
    for what, moment in (("posted_at", doc.posted_at), ("captured_at", doc.captured_at)):
        problem = datetime_problem(moment, what)
        found += [problem] if problem else []
    for i, change in enumerate(doc.stage_history):
        problem = datetime_problem(change.at, f"stage_history[{i}].at")
        found += [problem] if problem else []
    if doc.id is not None:
        problem = whole_number_problem(doc.id, "id", 1, MAX_ID)
        found += [problem] if problem else []
    if not found:
        _WITHIN_BOUNDS[id(doc)] = doc
    return found


def _bounded_salary(salary: Salary | None, notes: list[str]) -> Salary | None:
    found = salary_problems(salary)
    if salary is None or not found:
        return salary
    notes.extend(f"{p}: the salary's numbers were dropped, its text kept" for p in found)
    if salary.text is None and salary.currency is None and salary.period is None:
        return None
    return replace(salary, min=None, max=None)


def _bounded_profile(profile: CompanyProfile | None, notes: list[str]) -> CompanyProfile | None:
    if profile is None or not profile_problems(profile):
        return profile
    funding, h1b = profile.funding, profile.h1b
    if funding is not None:
        total = funding.total_usd
        problem = amount_problem(total, "company_profile.funding.total_usd")
        if problem:
            notes.append(f"{problem}: dropped")
            total = None
        rounds = []
        for i, r in enumerate(funding.rounds):
            for problem in _round_problems(i, r):
                notes.append(f"{problem}: dropped")
                r = replace(r, amount_usd=None)
            rounds.append(r)
        funding = replace(funding, total_usd=total, rounds=tuple(rounds))
    if h1b is not None:
        years: list[H1bYear] = []
        for i, y in enumerate(h1b.by_year):
            at = f"company_profile.h1b.by_year[{i}]"
            problem = whole_number_problem(
                y.year, f"{at}.year", FIRST_YEAR, LAST_YEAR
            ) or whole_number_problem(y.count, f"{at}.count", 0, MAX_COUNT)
            if problem:
                notes.append(f"{problem}: that year was dropped")
            else:
                years.append(y)
        h1b = replace(h1b, by_year=tuple(years))
    return replace(profile, funding=funding, h1b=h1b)


def _bounded_datetime(value: datetime | None, what: str, notes: list[str]) -> datetime | None:
    problem = datetime_problem(value, what)
    if problem:
        notes.append(f"{problem}: dropped")
        return None
    return value


def bounded(doc: PostingDocument) -> tuple[PostingDocument, tuple[str, ...]]:
    """``doc`` with what cannot be stored dropped, and one note per dropped value.

    Text is cleaned of invisible characters everywhere but ``raw`` (see ``core.text``). A stage
    change whose time cannot be stored is dropped from the history with a note.
    """
    notes: list[str] = []
    history = []
    for i, change in enumerate(doc.stage_history):
        if _bounded_datetime(change.at, f"stage_history[{i}].at", notes) is not None:
            history.append(change)
    doc = replace(
        doc,
        salary=_bounded_salary(doc.salary, notes),
        company_profile=_bounded_profile(doc.company_profile, notes),
        posted_at=_bounded_datetime(doc.posted_at, "posted_at", notes),
        captured_at=_bounded_datetime(doc.captured_at, "captured_at", notes),
        stage_history=tuple(history),
        id=None if whole_number_problem(doc.id, "id", 1, MAX_ID) else doc.id,
    )
    return without_invisible_text(doc), tuple(notes)


def _scrub(name: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return storable_verbatim(value) if name == "raw" else without_invisible(value)
    if isinstance(value, tuple):
        scrubbed = tuple(_scrub(name, item) for item in value)
        # The same items (each unchanged item comes back as itself): keep the tuple.
        return value if all(map(operator.is_, scrubbed, value)) else scrubbed
    if hasattr(type(value), "__dataclass_fields__"):
        return _scrubbed_dataclass(value)
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# Field values that are never text: skipped without a look.
_NOT_TEXT = frozenset({int, float, bool, datetime, date})


def _scrubbed_dataclass(obj: Any) -> Any:
    changes = {}
    for name in _field_names(type(obj)):
        value = getattr(obj, name)
        kind = type(value)
        if value is None or kind in _NOT_TEXT or (kind is str and value.isascii()):
            continue  # nothing invisible can hide there (no format character is ASCII)
        scrubbed = _scrub(name, value)
        # Unchanged text and parts come back as themselves: "is" tells, where "!=" compared
        # whole nested documents field by field.
        if scrubbed is not value and scrubbed != value:
            changes[name] = scrubbed
    return replace(obj, **changes) if changes else obj


# Documents (and parts) known to hold no invisible text: what this module's walk gave back,
# and what ``importers.sanitize`` vouches for by the same rule. Keyed by id, each checked to be
# the very object (a later object may reuse the id of one that is gone); the frozen documents
# cannot change after they are made. So a document read, cleaned and then saved is walked once,
# not once by the reader and again by the save's check.
_SCRUBBED: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()


def vouch_scrubbed(obj: Any) -> Any:
    """Record that frozen ``obj`` holds no invisible text by ``without_invisible_text``'s rule
    (its caller made every text field so); returns ``obj``. Only ``importers.sanitize`` does,
    for what it cleaned itself."""
    _SCRUBBED[id(obj)] = obj
    return obj


def without_invisible_text(obj: Any) -> Any:
    """A document (or part of one) with invisible characters and lone surrogates removed from
    every text field; ``raw`` keeps everything but lone surrogates, which become U+FFFD."""
    if _SCRUBBED.get(id(obj)) is obj:
        return obj
    scrubbed = _scrubbed_dataclass(obj)
    _SCRUBBED[id(scrubbed)] = scrubbed
    return scrubbed


def readable_amount(value: float | None) -> float | None:
    """A stored amount as it may be shown: one that could not be stored today (an infinity
    saved by an older Jobdeck, say) reads as unknown (None) rather than breaking the read.
    Whole values come back as ints: SQLite hands back REAL, and 160000.0 shows as 160000."""
    if value is None or amount_problem(value, "") is not None:
        return None
    return int(value) if value == int(value) else value


def readable_datetime(text: str | None) -> datetime | None:
    """A stored ISO time as it may be shown; text that is not one reads as unknown (None)."""
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except (ValueError, TypeError):
        return None
    if value.tzinfo is UTC and FIRST_YEAR <= value.year <= LAST_YEAR:
        return value  # as the library writes times: nothing more to check (most reads)
    return value if datetime_problem(value, "") is None else None
