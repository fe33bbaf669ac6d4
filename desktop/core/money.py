"""Money amounts as job boards write them: "$8.11B", "$100M", "$160,000 - $210,000 a year"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SCALE = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_AMOUNT = re.compile(
    r"^\s*(?P<cur>US\$|\$|€|£|USD|EUR|GBP)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>[KkMmBbTt])?\s*$"
)
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP"}


def parse_amount(text: str | None) -> int | None:
    """The number an amount stands for ("$8.11B" -> 8110000000), or None if it is not one."""
    if not text:
        return None
    match = _AMOUNT.match(text)
    if match is None:
        return None
    try:
        number = Decimal(match["num"].replace(",", ""))
    except InvalidOperation:
        return None
    return int(number * _SCALE[(match["scale"] or "").upper()])


def currency_of(text: str | None) -> str | None:
    """ISO currency code from a symbol or code at the start of an amount."""
    if not text:
        return None
    match = _AMOUNT.match(text)
    if match is None or match["cur"] is None:
        return None
    cur = match["cur"]
    return CURRENCY_SYMBOLS.get(cur, cur.upper())


# ---------------------------------------------------------------------------------------------
# Salary ranges in running text: "$160,000 - $210,000 a year", "$160K/yr - $210K/yr",
# "Pay range: 90,000 to 120,000 USD per year", "€50/hour".

_CUR = r"(?:US\$|C\$|CA\$|A\$|AU\$|\$|€|£|USD|EUR|GBP|CAD|AUD|CHF|INR|JPY)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PER = (
    r"(?:\s*(?:/|per|an?|each)\s*(?P<{g}>year|yr|annum|month|mo|week|wk|day|hour|hr)\b"
    r"|\s+(?P<{g}2>annually|yearly|monthly|weekly|daily|hourly)\b)"
)
_ONE = (
    r"(?P<{g}cur>{cur})?\s?(?P<{g}num>{num})\s?(?P<{g}scale>[kKmM])?\b\s?(?P<{g}code>{cur})?"
    r"(?:{per})?"
)
_SALARY = re.compile(
    _ONE.format(g="a", cur=_CUR, num=_NUM, per=_PER.format(g="aper"))
    + r"(?:\s*(?:-|–|—|to)\s*"
    + _ONE.format(g="b", cur=_CUR, num=_NUM, per=_PER.format(g="bper"))
    + r")?",
    re.IGNORECASE,
)
_PERIOD_WORDS = {
    "year": "year", "yr": "year", "annum": "year", "annually": "year", "yearly": "year",
    "month": "month", "mo": "month", "monthly": "month",
    "week": "week", "wk": "week", "weekly": "week",
    "day": "day", "daily": "day",
    "hour": "hour", "hr": "hour", "hourly": "hour",
}  # fmt: skip
_CODES = {"C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD"}
MAX_SALARY_LINE = 500


@dataclass(frozen=True)
class SalaryRange:
    """A salary as found in text; the readers turn it into the document's Salary."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    text: str


def _value(match: re.Match[str], g: str) -> float:
    number = float(match[f"{g}num"].replace(",", ""))
    return number * _SCALE[(match[f"{g}scale"] or "").upper()]


def _code(symbol: str | None) -> str | None:
    if not symbol:
        return None
    return _CODES.get(symbol.upper(), CURRENCY_SYMBOLS.get(symbol, symbol.upper()))


def find_salary(line: str) -> SalaryRange | None:
    """The first salary (a single amount or a range) stated in a line of text, or None.

    An amount counts only with a currency next to it, so "5+ years" or "401(k)" are not salaries.
    """
    if not line or len(line) > MAX_SALARY_LINE:
        return None
    for match in _SALARY.finditer(line):
        cur = _code(match["acur"] or match["acode"] or match["bcur"] or match["bcode"])
        if cur is None:
            continue
        low = _value(match, "a")
        high = _value(match, "b") if match["bnum"] else None
        if high is not None and high < low:
            continue
        words = [match[k] for k in ("aper", "aper2", "bper", "bper2") if match[k]]
        lowered = line.lower()
        if not words:
            for word, period in _PERIOD_WORDS.items():
                if len(word) > 3 and re.search(rf"\b{word}\b", lowered):
                    words = [period]
                    break
        period = _PERIOD_WORDS.get(words[0].lower()) if words else None
        if high is not None and match["ascale"] is None and match["bscale"] is not None:
            low *= _SCALE[match["bscale"].upper()]  # "$160 - 210K": the scale covers both ends
        text = match[0].strip()
        return SalaryRange(
            min=low, max=high if high is not None else low, currency=cur, period=period, text=text
        )
    return None
