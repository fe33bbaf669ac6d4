from __future__ import annotations

import pytest

from desktop.core.money import currency_of, find_salary, parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [("$8.11B", 8_110_000_000), ("$8B", 8_000_000_000), ("$100M", 100_000_000),
     ("$62.5M", 62_500_000), ("$160,000", 160_000), ("12K", 12_000), ("about $5", None),
     ("", None), (None, None)],
)  # fmt: skip
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


def test_currency_of():
    assert currency_of("$8B") == "USD"
    assert currency_of("€1.2B") == "EUR"
    assert currency_of("8B") is None


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "period"),
    [
        ("$160,000 - $210,000 a year", 160_000, 210_000, "USD", "year"),
        ("$160K/yr - $210K/yr", 160_000, 210_000, "USD", "year"),
        ("Pay range: 90,000 to 120,000 USD per year", 90_000, 120_000, "USD", "year"),
        ("€50/hour", 50, 50, "EUR", "hour"),
        ("$45 - $60 per hour", 45, 60, "USD", "hour"),
        ("£40,000–£50,000 annually", 40_000, 50_000, "GBP", "year"),
        ("$160 - 210K", 160_000, 210_000, "USD", None),
    ],
)
def test_find_salary(text, low, high, currency, period):
    found = find_salary(text)
    assert (found.min, found.max, found.currency, found.period) == (low, high, currency, period)


@pytest.mark.parametrize("text", ["5+ years of experience", "401(k) matching", "Series B", ""])
def test_find_salary_needs_a_currency(text):
    assert find_salary(text) is None


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "period"),
    [
        ("AED 18,000 - 22,000 per month", 18_000, 22_000, "AED", "month"),
        ("CAD $119,000 - $246,000 total", 119_000, 246_000, "CAD", None),
        ("$95,000.50 - $120,000.75 a year", 95_000.5, 120_000.75, "USD", "year"),
        ("€55.000 – €65.000 brutto/Jahr", 55_000, 65_000, "EUR", "year"),
        ("45 000 € - 52 000 € par an", 45_000, 52_000, "EUR", "year"),
        ("R$ 8.500 por mês", 8_500, 8_500, "BRL", "month"),
        ("up to $120k per year", None, 120_000, "USD", "year"),
        ("From $19.50 an hour", 19.5, None, "USD", "hour"),
        ("SGD 6,000 monthly", 6_000, 6_000, "SGD", "month"),
    ],
)
def test_find_salary_reads_pay_as_the_world_writes_it(text, low, high, currency, period):
    found = find_salary(text)
    assert (found.min, found.max, found.currency, found.period) == (low, high, currency, period)


@pytest.mark.parametrize(
    "text",
    ["$50M+ processed", "$40M Series B led by X", "raised $3 million", "$2B in revenue",
     "a $1,500 yearly learning budget", "Weiterbildungsbudget von 2.000 €"],
)  # fmt: skip
def test_company_money_is_not_a_salary(text):
    assert find_salary(text) is None


def test_a_labelled_value_is_pay_without_a_currency_but_prose_is_not():
    assert find_salary("50,000 - 60,000 per year") is None
    found = find_salary("50,000 - 60,000 per year", labelled=True)
    assert (found.min, found.max, found.currency) == (50_000, 60_000, None)
    assert find_salary("5+ years", labelled=True) is None
