"""Filter terms in the search text, read as the filter bar writes them and as users type them."""

from __future__ import annotations

from desktop.core.filter_terms import filter_terms, term, words_only


def test_terms_and_words_are_split() -> None:
    found = filter_terms('rust stage:Applied work:REMOTE type:"Full-time" berlin posted:30d')
    assert " ".join(found.words.split()) == "rust berlin"
    assert found.stages == ("applied",)
    assert found.work_models == ("Remote",)
    assert found.types == ("full-time",)
    assert found.posted_days == 30 and found.applied_days is None and found.salary is None
    assert found.narrows


def test_values_of_one_kind_widen_and_repeats_count_once() -> None:
    found = filter_terms("stage:Applied stage:screening stage:applied")
    assert found.stages == ("applied", "screening")


def test_a_value_that_is_not_one_is_searched_as_words() -> None:
    for text in ("posted:soon", "work:mars", "salary:maybe", "posted:0d", "stage:"):
        found = filter_terms(text)
        assert not found.narrows, text
        assert words_only(text) == text


def test_the_bar_writes_what_the_parser_reads() -> None:
    written = " ".join(
        [term("stage", "Phone screen"), term("location", "New York"), term("salary", "yes")]
    )
    assert written == 'stage:"Phone screen" location:"New York" salary:yes'
    found = filter_terms(written)
    assert found.stages == ("phone screen",)
    assert found.locations == ("New York",)
    assert found.salary is True
    assert found.words.strip() == ""


def test_a_word_merely_containing_a_colon_stays_a_word() -> None:
    assert not filter_terms("backstage:pass 10:30").narrows
