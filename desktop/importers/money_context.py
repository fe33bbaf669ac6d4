"""Pay in running text, judged with the posting around it.

``core.money.find_salary`` reads one line; here the readers decide which line's money is pay
(a range, or an amount with a period or a pay word, never a perk's budget or a funding round)
and which dollar a bare "$" is, from where the posting is.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from desktop.core.money import CURRENCY_CODES, MAX_SALARY_LINE, find_salaries
from desktop.core.posting import Salary
from desktop.importers.intro import salary_of

_REGIONS = Path(__file__).with_name("vocabulary") / "dollar_regions.toml"
_PAY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|paid|compensation|wage|wages|rate|earn|base|ote|remuneration"
    r"|gehalt|vergütung|brutto|salaire|rémunération|salario|sueldo|salário|remuneração)\b",
    re.IGNORECASE,
)
# A "$" that says which dollar: "USD", "US$", "CAD", "C$" ... anywhere in the salary's text.
_MONEY_HINT = re.compile(rf"[$€£₹¥]|\b(?:{CURRENCY_CODES})\b")
_NAMED_DOLLAR = re.compile(r"\b(?:USD|CAD|AUD|NZD|SGD|HKD|MXN)\b|US\$|C\$|CA\$|A\$|AU\$|NZ\$")


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[re.Pattern[str], ...]]:
    with _REGIONS.open("rb") as file:
        data = tomllib.load(file)
    return {
        code: tuple(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)") for name in names)
        for code, names in data.items()
    }


def salary_in_lines(lines: Iterable[str]) -> Salary | None:
    """The first pay stated in the lines: a range, or a single amount with a period or a pay
    word beside it. The line before lends its period ("Annual base salary" above the range)."""
    previous = ""
    for line in lines:
        if not line or len(line) > MAX_SALARY_LINE:
            continue  # find_salary reads no longer line; pay is stated in a short one
        if _MONEY_HINT.search(line):
            found = salary_of(line)
            if found is not None and (
                found.min != found.max or found.period or _PAY_WORDS.search(line)
            ):
                if found.period is None:
                    period = salary_of(f"{previous} {line}")
                    if period is not None and period.period:
                        found = replace(found, period=period.period)
                return found
        previous = line
    return None


def pay_from(section: list[str], lines: list[str]) -> Salary | None:
    """The pay of a posting: from its salary section when it has one, else from any line. A
    section's range whose period only its heading gave ("Annual base salary") takes the period
    the whole text reads for the same range."""
    found = salary_in_lines(section)
    if found is not None and found.period is not None:
        return found
    anywhere = salary_in_lines(lines)
    if found is None:
        return anywhere
    if anywhere is not None and (anywhere.min, anywhere.max) == (found.min, found.max):
        return anywhere
    return found


def other_pay(lines: Iterable[str], chosen: Salary | None) -> list[str]:
    """Pay the text states besides ``chosen`` (a base range beside a total one, a second
    location's range), as written; the preview lists them beside the salary."""
    others: list[str] = []
    key = None if chosen is None else (chosen.min, chosen.max)
    for line in lines:
        if not line or len(line) > MAX_SALARY_LINE or not _MONEY_HINT.search(line):
            continue
        for found in find_salaries(line):
            ranged = found.min is not None and found.max is not None and found.min != found.max
            placed = (found.min, found.max) == key or found.text in others
            if (ranged or found.period) and not placed:
                others.append(found.text)
    return others[:3]


def dollar_region(context: Iterable[str | None]) -> str | None:
    """The non-US dollar currency the places in ``context`` use, or None."""
    text = " ".join(c for c in context if c).lower()
    if not text:
        return None
    for code, patterns in _regions().items():
        if any(p.search(text) for p in patterns):
            return code
    return None


def resolve_currency(
    salary: Salary | None, context: Iterable[str | None]
) -> tuple[Salary | None, str | None]:
    """(the salary, a note for the user): a bare "$" in a posting from a place with another
    dollar keeps no currency, and the note says so, rather than a guessed USD."""
    if salary is None or salary.currency != "USD":
        return salary, None
    text = salary.text or ""
    if "$" not in text or _NAMED_DOLLAR.search(text):
        return salary, None
    region = dollar_region(context)
    if region is None:
        return salary, None
    note = (
        f"salary: {text!r} gives only '$' in a posting from a place that uses {region}; "
        "the currency is left empty: check it"
    )
    return replace(salary, currency=None), note
