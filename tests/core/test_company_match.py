"""Company names that mean one employer, and names that must not be taken for each other."""

from __future__ import annotations

import pytest

from desktop.core.company_match import (
    CompanyIndex,
    match_key,
    near_identical_titles,
    slip_of,
)

SAME_EMPLOYER = [
    ("Amazon", "amazon"),
    ("Amazon", "Amazon.com"),
    ("Amazon", "Amazon.com, Inc."),
    ("Amazon", "www.amazon.com"),
    ("Amazon", "  AMAZON  INC "),
    ("Meta", "Meta Platforms, Inc."),
    ("Siemens", "Siemens AG"),
    ("Zalando", "Zalando SE"),
    ("Nestlé", "Nestle S.A."),
    ("Booking.com", "Booking.com B.V."),
    ("JPMorgan Chase & Co.", "J.P. Morgan Chase"),
    ("The Walt Disney Company", "Walt Disney"),
    ("Mercedes-Benz Group AG", "Mercedes Benz"),
    ("Google LLC", "Google"),
    ("Deutsche Bank AG", "Deutsche  Bank"),
    ("Société Générale", "Societe Generale S.A."),
    ("Monzo", "Monzo.co.uk"),
    ("Ama\u200dzon", "Amazon"),  # an invisible joiner
]

DIFFERENT_EMPLOYERS = [
    ("Meta", "Metabase"),
    ("Stripe", "Stripes"),
    ("Apple", "Applied Materials"),
    ("Amazon", "Amazonas Bank"),
    ("Studio 54", "Studio 55"),
    ("Company 12", "Company 13"),
    ("Johnson & Johnson", "Johnson"),
    ("Snap", "Snapchat"),
    ("Intel", "Intuit"),
    ("Oracle", "Oracles Ltd"),
    ("Uber", "Lyft"),
]


@pytest.mark.parametrize(("a", "b"), SAME_EMPLOYER)
def test_names_of_one_employer_have_one_key(a: str, b: str) -> None:
    assert match_key(a) == match_key(b) != ""


@pytest.mark.parametrize(("a", "b"), DIFFERENT_EMPLOYERS)
def test_near_misses_are_other_employers(a: str, b: str) -> None:
    key_a, key_b = match_key(a), match_key(b)
    assert key_a != key_b
    assert not slip_of(key_a, key_b)
    assert CompanyIndex([key_b]).spellings(key_a) == {key_a}


@pytest.mark.parametrize(
    ("typed", "known"),
    [("Acenture", "Accenture"), ("Gogole LLC", "Google"), ("Shopfiy", "Shopify Inc.")],
)
def test_a_spelling_slip_in_a_long_enough_name_is_forgiven(typed: str, known: str) -> None:
    index = CompanyIndex([match_key(known), match_key("Databricks")])
    assert match_key(known) in index.spellings(match_key(typed))


def test_short_names_must_match_exactly() -> None:
    # One letter apart is another employer when a name has fewer than six letters.
    assert CompanyIndex(["lyft"]).spellings("left") == {"left"}
    assert not slip_of("arm", "ark")


def test_a_name_of_only_a_legal_form_keeps_a_key() -> None:
    assert match_key("Company") == "company"
    assert match_key("") == ""
    assert match_key("!!!") == ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Software Engineer II", "Software Engineer III"),
        ("Senior Software Engineer, Payments", "Senior Software Engineer - Payments"),
        ("Data Scientist", "data  scientist"),
        ("Engineer, Backend", "Backend Engineer"),
    ],
)
def test_near_identical_titles_are_one_role(a: str, b: str) -> None:
    assert near_identical_titles(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Data Scientist", "Data Engineer"),
        ("Backend Engineer", "Frontend Engineer"),
        ("Product Manager", "Product Designer"),
        ("Engineer", ""),
    ],
)
def test_other_titles_are_other_roles(a: str, b: str) -> None:
    assert not near_identical_titles(a, b)
