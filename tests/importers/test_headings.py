"""The heading vocabulary (desktop/importers/vocabulary/headings.toml): the wordings real
postings use for each section, in English, German, French, Spanish and Portuguese."""

from __future__ import annotations

import tomllib

import pytest

from desktop.importers.headings import _VOCABULARY, known_heading, vocabulary


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("What you'll do", "responsibilities"),
        ("What You’ll Do:", "responsibilities"),
        ("Key Duties", "responsibilities"),
        ("Main duties of the job", "responsibilities"),
        ("## What you'll do", "responsibilities"),
        ("Who you are", "required"),
        ("What we need to see:", "required"),
        ("Essential criteria", "required"),
        ("You may be a good fit if you:", "required"),
        ("Desirable criteria", "preferred"),
        ("Ways to stand out from the crowd:", "preferred"),
        ("Nice to have", "preferred"),
        ("Bonus points", "preferred"),
        ("Strong candidates may also have:", "preferred"),
        ("We'd be thrilled if you also have:", "preferred"),
        ("The following would be an advantage:", "preferred"),
        ("Ihre Aufgaben", "responsibilities"),
        ("Ihr Profil", "required"),
        ("Wir bieten", "benefits"),
        ("Über uns", "company"),
        ("Vos missions :", "responsibilities"),
        ("Profil recherché :", "required"),
        ("Les plus :", "preferred"),
        ("Requisitos", "required"),
        ("Se valorará", "preferred"),
        ("Beneficios", "benefits"),
        ("Diferenciais", "preferred"),
        ("Benefícios", "benefits"),
        ("Job overview", "summary"),
        ("Kontakt", "other"),
    ],
)
def test_real_headings_fill_their_field(line, field):
    found = known_heading(line)
    assert found is not None, line
    assert found[0] == field


@pytest.mark.parametrize(
    "line",
    [
        "Advantage: Experience with ISO 20022 or SEPA payment formats",
        "We ship to production several times a day.",
        "Strong Go or Kotlin, and working knowledge of PostgreSQL internals",
        "Big Data: Spark and Kafka pipelines",
        "Fluent English; Arabic is a plus",
    ],
)
def test_items_and_prose_are_not_headings(line):
    assert known_heading(line) is None


def test_no_wording_is_listed_for_two_fields():
    with _VOCABULARY.open("rb") as file:
        data = tomllib.load(file)
    seen: dict[str, str] = {}
    for field, languages in data.items():
        for language, names in languages.items():
            if language == "patterns":
                continue
            for name in names:
                assert name == name.lower().strip(), name
                assert seen.setdefault(name, field) == field, f"{name!r} is in two fields"
    assert vocabulary() == seen
