from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desktop.core.dates import aware, is_age, parse_date, parse_moment, posted_from_age

NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9 hours ago", NOW - timedelta(hours=9)),
        ("Posted 5 Days Ago", NOW - timedelta(days=5)),
        ("an hour ago", NOW - timedelta(hours=1)),
        ("2 weeks ago", NOW - timedelta(weeks=2)),
        ("30+ days ago", NOW - timedelta(days=30)),
        ("1 month ago", datetime(2026, 2, 28, 12, 0, tzinfo=UTC)),
        ("1 year ago", datetime(2025, 3, 31, 12, 0, tzinfo=UTC)),
        ("yesterday", NOW - timedelta(days=1)),
        ("just now", NOW),
        ("soon", None),
        ("", None),
    ],
)
def test_posted_from_age(text, expected):
    assert posted_from_age(text, NOW) == expected


def test_is_age():
    assert is_age("9 hours ago") and not is_age("Amazon")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-12-31", date(2025, 12, 31)),
        ("2025-12-31T08:00:00Z", date(2025, 12, 31)),
        ("Dec 31, 2025", date(2025, 12, 31)),
        ("31 December 2025", date(2025, 12, 31)),
        ("12/31/2025", date(2025, 12, 31)),
        ("2025-13-45", None),
        ("Smarch 3, 2025", None),
        (None, None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_parse_moment_keeps_or_adds_a_zone():
    east = timezone(timedelta(hours=2))
    captured = datetime(2026, 1, 2, 10, tzinfo=east)
    assert parse_moment("2025-12-30T08:15:00-08:00", captured).utcoffset() == timedelta(hours=-8)
    assert parse_moment("2025-12-30", captured) == datetime(2025, 12, 30, tzinfo=east)
    assert parse_moment("2025-12-30T08:15:00", captured).tzinfo == east
    assert parse_moment("3 days ago", captured) == captured - timedelta(days=3)


def test_aware_gives_naive_times_a_zone():
    assert aware(datetime(2026, 1, 1)).tzinfo is not None


def test_day_first_dates_are_read_when_they_can_only_be_day_first():
    from datetime import date

    from desktop.core.dates import parse_date

    assert parse_date("14/10/2026") == date(2026, 10, 14)
    assert parse_date("10/14/2026") == date(2026, 10, 14)
    assert parse_date("14.10.2026") == date(2026, 10, 14)


def test_ages_in_short_form_and_in_four_more_languages():
    from datetime import UTC, datetime, timedelta

    from desktop.core.dates import posted_from_age

    captured = datetime(2026, 1, 10, 12, tzinfo=UTC)
    assert posted_from_age("Posted 5h ago", captured) == captured - timedelta(hours=5)
    assert posted_from_age("vor 4 Tagen", captured) == captured - timedelta(days=4)
    assert posted_from_age("il y a 3 jours", captured) == captured - timedelta(days=3)
    assert posted_from_age("hace 2 semanas", captured) == captured - timedelta(weeks=2)
    assert posted_from_age("há 1 mês", captured) == datetime(2025, 12, 10, 12, tzinfo=UTC)
    assert posted_from_age("30+ days ago", captured) == captured - timedelta(days=30)
    assert posted_from_age("ha sido", captured) is None
