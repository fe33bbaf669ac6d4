"""Money amounts as job boards write them: "$8.11B", "$100M", "$160,000 - $210,000 a year"."""

from __future__ import annotations

import re
from collections.abc import Iterator
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

# Currency codes pay is stated in; a code before "$" names which dollar ("CAD $119,000").
CURRENCY_CODES = (
    "USD|EUR|GBP|CAD|AUD|NZD|CHF|INR|JPY|CNY|SGD|HKD|AED|SAR|QAR|KWD|BHD|OMR|ZAR|SEK|NOK|DKK"
    "|PLN|CZK|HUF|RON|BRL|MXN|ARS|CLP|COP|PEN|ILS|TRY|KRW|TWD|PHP|MYR|IDR|THB|VND|NGN|KES|EGP|PKR"
)
_CUR = (
    r"(?:(?:USD|CAD|AUD|NZD|SGD|HKD|MXN)\s?\$|US\$|C\$|CA\$|A\$|AU\$|NZ\$|S\$|HK\$|R\$|MX\$"
    r"|\$|€|£|₹|¥|" + CURRENCY_CODES + r")"
)
# 160,000.50 | 55.000 or 55.000,50 (European) | 55 000 (French) | 1500.5
_NUM = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
)
_UNITS = (
    r"year|yr|annum|month|mo|week|wk|day|hour|hr|jahr|monat|woche|tag|stunde|std|mois|an"
    r"|semaine|jour|heure|año|mes|semana|día|hora|ano|mês|dia"
)
_PER = (
    r"(?:\s*(?:brutto|netto|bruto|neto|brut|net|gross)?\s*(?:/|per|an?|each|pro|par|por|al|ao)\s*(?P<{g}>"
    + _UNITS
    + r")\b|\s+(?P<{g}2>annually|yearly|monthly|weekly|daily|hourly|jährlich|monatlich|annuel"
    r"|mensuel|anual|mensual|mensal)\b)"
)
_ONE = (
    r"(?P<{g}cur>{cur})?\s?(?P<{g}num>{num})\s?(?P<{g}scale>[kKmMbB]|mn|bn)?\b\s?(?P<{g}code>{cur})?"
    r"(?:{per})?"
)
_SALARY = re.compile(
    _ONE.format(g="a", cur=_CUR, num=_NUM, per=_PER.format(g="aper"))
    + r"(?:\s*(?:-|–|—|to|bis|à|a|até)\s*"
    + _ONE.format(g="b", cur=_CUR, num=_NUM, per=_PER.format(g="bper"))
    + r")?",
    re.IGNORECASE,
)
_PERIOD_WORDS = {
    "year": "year", "yr": "year", "annum": "year", "annually": "year", "yearly": "year",
    "annual": "year", "month": "month", "mo": "month", "monthly": "month",
    "week": "week", "wk": "week", "weekly": "week",
    "day": "day", "daily": "day",
    "hour": "hour", "hr": "hour", "hourly": "hour",
    "jahr": "year", "jährlich": "year", "jahresgehalt": "year", "monat": "month",
    "monatlich": "month", "woche": "week", "tag": "day", "stunde": "hour", "std": "hour",
    "an": "year", "annuel": "year", "annuelle": "year", "mois": "month", "mensuel": "month",
    "semaine": "week", "jour": "day", "heure": "hour",
    "año": "year", "anual": "year", "mes": "month", "mensual": "month", "semana": "week",
    "día": "day", "hora": "hour", "ano": "year", "mês": "month", "mensal": "month", "dia": "day",
}  # fmt: skip
# The longer period words as whole words, in one pattern: a line is searched once, not once a
# word (a sheet's salary column is read ten thousand times).
_LONG_PERIOD_WORDS = [word for word in _PERIOD_WORDS if len(word) > 3]
_PERIOD_WORD = re.compile(r"\b(" + "|".join(map(re.escape, _LONG_PERIOD_WORDS)) + r")\b")
_CODES = {
    "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "S$": "SGD",
    "HK$": "HKD", "R$": "BRL", "MX$": "MXN", "₹": "INR", "¥": "JPY",
}  # fmt: skip
# Amounts that are a company's money, not pay: "$40M Series B", "$50M+ processed", "$8B revenue".
_NOT_PAY = re.compile(
    r"\b(?:series [a-h]|seed|funding|funded|raised|raise|revenue|valuation|valued|processed"
    r"|arr|investors?|investment|backed|budget|allowance|stipend|reimburse\w*|grant|assets"
    r"|under management|aum|gmv|transactions?|sales|customers|users|budget\w*|bonus|prize)\b"
    r"|budget",
    re.IGNORECASE,
)
_BIG_SCALE = re.compile(r"^\s*(?:million|billion|trillion|mio|mrd|mn|bn)\b", re.IGNORECASE)
_UP_TO = re.compile(r"\b(?:up to|max(?:imum)?|bis zu|jusqu'à|hasta|até)\s*$", re.IGNORECASE)
_FROM = re.compile(
    r"\b(?:from|starting at|starts at|at least|ab|à partir de|desde|a partir de)\s*$",
    re.IGNORECASE,
)
MAX_SALARY_LINE = 500


@dataclass(frozen=True)
class SalaryRange:
    """A salary as found in text; the readers turn it into the document's Salary."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    text: str


def number_of(text: str) -> float:
    """A number as pay is written: "160,000.50", "55.000" or "55.000,50", "55 000", "1500.5"."""
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", text):
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def _value(match: re.Match[str], g: str) -> float:
    scale = (match[f"{g}scale"] or "").upper()
    return number_of(match[f"{g}num"]) * _SCALE.get(scale[:1], 1)


def _code(symbol: str | None) -> str | None:
    if not symbol:
        return None
    symbol = symbol.replace(" ", "")
    if len(symbol) == 4 and symbol.endswith("$") and symbol[:3].isalpha():
        return symbol[:3].upper()  # "CAD $"
    return _CODES.get(symbol.upper(), CURRENCY_SYMBOLS.get(symbol, symbol.upper()))


def _not_pay(line: str, match: re.Match[str]) -> bool:
    """Whether the amount is a company's money (funding, revenue, a budget), not pay."""
    scales = [(match[k] or "").upper() for k in ("ascale", "bscale")]
    if any(s[:1] in ("M", "B") for s in scales) or _BIG_SCALE.match(line[match.end() :]):
        return True
    before = line[max(0, match.start() - 30) : match.start()]
    after = line[match.end() : match.end() + 40]
    return bool(_NOT_PAY.search(before) or _NOT_PAY.search(after))


def find_salary(line: str, *, labelled: bool = False) -> SalaryRange | None:
    """The first salary (a single amount or a range) stated in a line of text, or None.

    An amount counts only with a currency next to it, so "5+ years" or "401(k)" are not salaries;
    a ``labelled`` value ("Salary: 50,000 - 60,000 per year") is pay by its label, so a range or
    an amount with a period counts without one (its currency is then None).
    """
    return next(find_salaries(line, labelled=labelled), None)


def find_salaries(line: str, *, labelled: bool = False) -> Iterator[SalaryRange]:
    """Every salary stated in a line, in order ("total $128k - $231k, base $105k - $165k")."""
    if not line or len(line) > MAX_SALARY_LINE:
        return
    for match in _SALARY.finditer(line):
        cur = _code(match["acur"] or match["acode"] or match["bcur"] or match["bcode"])
        if _not_pay(line, match):
            continue
        if cur is None:
            periodic = any(match[k] for k in ("aper", "aper2", "bper", "bper2"))
            if not labelled or not (match["bnum"] or periodic):
                continue
        low = _value(match, "a")
        high = _value(match, "b") if match["bnum"] else None
        if high is not None and high < low:
            continue
        words = [match[k] for k in ("aper", "aper2", "bper", "bper2") if match[k]]
        lowered = line.lower()
        if not words:
            found = set(_PERIOD_WORD.findall(lowered))
            # The first in the vocabulary's order, as when each word was searched in turn.
            words = [next(word for word in _LONG_PERIOD_WORDS if word in found)] if found else []
        period = _PERIOD_WORDS.get(words[0].lower()) if words else None
        if high is not None and match["ascale"] is None and match["bscale"] is not None:
            low *= _SCALE[match["bscale"].upper()[:1]]  # "$160 - 210K": the scale covers both ends
        text = match[0].strip()
        before = line[max(0, match.start() - 14) : match.start()]
        if high is None and _UP_TO.search(before):
            # "up to $120k": a ceiling, not a floor.
            yield SalaryRange(min=None, max=low, currency=cur, period=period, text=text)
            continue
        if high is None and _FROM.search(before):
            # "From $19.50 an hour": a floor, not a ceiling.
            yield SalaryRange(min=low, max=None, currency=cur, period=period, text=text)
            continue
        yield SalaryRange(
            min=low, max=high if high is not None else low, currency=cur, period=period, text=text
        )
