"""The posting form edits structured lists one item per line; this reads and writes those lines.

Formats, chosen to look like what boards show:
  H1B by year    "2025: 18969"                             (year: count)
  Funding round  "2023-01-03 | Post Ipo Debt | $8B"         (date | type | amount; parts optional)
  News           "2025-12-31 | Headline | https://..."      (date | title | link; parts optional)
A line that does not fit raises DocumentError naming the list and the line number.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.core.document import DocumentError
from desktop.core.money import parse_amount
from desktop.core.posting import FundingRound, H1bYear, NewsItem
from desktop.core.text import clean_text, safe_link

_H1B_LINE = re.compile(r"^(\d{4})\s*[:=(\s]\s*([\d,]+)\)?$")


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _iso_date(value: str | None, what: str, number: int) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise DocumentError(
            f"{what}, line {number}: {value!r} is not a date like 2025-12-31"
        ) from None


def parse_h1b_lines(text: str) -> tuple[H1bYear, ...]:
    years: list[H1bYear] = []
    for number, line in _lines(text):
        match = _H1B_LINE.match(line)
        if match is None:
            raise DocumentError(f"H1B by year, line {number}: write it as 2025: 18969")
        years.append(H1bYear(int(match[1]), int(match[2].replace(",", ""))))
    return tuple(years)


def format_h1b_lines(years: tuple[H1bYear, ...]) -> str:
    return "\n".join(f"{y.year}: {y.count}" for y in years)


def _parts(line: str, count: int) -> list[str | None]:
    parts: list[str | None] = [clean_text(p) for p in line.split("|")]
    return (parts + [None] * count)[:count]


def parse_round_lines(text: str) -> tuple[FundingRound, ...]:
    rounds = []
    for number, line in _lines(text):
        if line.count("|") > 2:
            raise DocumentError(f"Funding rounds, line {number}: use date | type | amount")
        when, kind, amount = _parts(line, 3)
        rounds.append(
            FundingRound(
                date=_iso_date(when, "Funding rounds", number),
                type=kind,
                amount=amount,
                amount_usd=parse_amount(amount),
            )
        )
    return tuple(rounds)


def format_round_lines(rounds: tuple[FundingRound, ...]) -> str:
    return "\n".join(
        " | ".join(part or "" for part in (r.date, r.type, r.amount)).rstrip(" |") for r in rounds
    )


def parse_news_lines(text: str) -> tuple[NewsItem, ...]:
    items = []
    for number, line in _lines(text):
        when, title, link = _parts(line, 3)
        if link is not None and safe_link(link) is None:
            raise DocumentError(f"Recent news, line {number}: links must start with https://")
        items.append(NewsItem(date=_iso_date(when, "Recent news", number), title=title, url=link))
    return tuple(items)


def format_news_lines(items: tuple[NewsItem, ...]) -> str:
    return "\n".join(
        " | ".join(part or "" for part in (n.date, n.title, n.url)).rstrip(" |") for n in items
    )
