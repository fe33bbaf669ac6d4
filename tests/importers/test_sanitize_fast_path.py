"""The shortcut for text that is already clean gives exactly what cleaning it would give."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.posting import CompanyProfile, Funding, NewsItem, PostingDocument, Qualifications
from desktop.core.text import clean_paragraphs, clean_text
from desktop.importers.sanitize import (
    _already_clean,
    _clean_dataclass,
    all_plain,
    already_paragraphs,
    already_plain,
    defuse_links,
    plain,
    plain_paragraphs,
    sanitize_document,
    strip_markup,
)

# Text rich in what the cleaning rules act on: spaces of every kind, line breaks, markup,
# entities, link schemes, invisible and direction characters, decomposed accents.
PIECES = [*"ab Z9.:,-/\n\r\t<>&;#", "\u00a0", "\u200b", "\u200d", "\u202e", "\ufeff"]
PIECES += ["e\u0301", "é", "\x07", "\u2028", "javascript:", "http://", "&amp;", "<b>", "  "]
TRICKY = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=400)
@given(TRICKY)
def test_a_line_judged_already_plain_is_what_cleaning_gives(value: str) -> None:
    slow = clean_text(defuse_links(strip_markup(value)))
    assert plain(value) == slow
    if already_plain(value):
        assert slow == value


@settings(max_examples=400)
@given(TRICKY)
def test_paragraphs_judged_already_clean_are_what_cleaning_gives(value: str) -> None:
    slow = clean_paragraphs(defuse_links(strip_markup(value)))
    assert plain_paragraphs(value) == slow
    if already_paragraphs(value):
        assert slow == value


@settings(max_examples=400)
@given(st.lists(TRICKY, max_size=6))
def test_lines_judged_plain_together_are_each_judged_plain(values: list[str]) -> None:
    assert all_plain(values) == all(already_plain(value) for value in values)


def test_lines_judged_together_find_the_one_that_is_not_plain() -> None:
    assert all_plain(["Train models", "for ranking", "é"])
    assert all_plain([])
    for dirty in ("", " lead", "end ", "two  spaces", "a\nb", "x: y", "a<b", "e\u0301", "\x07"):
        assert not all_plain(["Train models", dirty, "for ranking"]), dirty
        assert not all_plain([dirty]), dirty


def test_clean_text_takes_the_shortcut_and_dirty_text_does_not() -> None:
    assert already_plain("Train models for ranking")
    assert already_paragraphs("First paragraph.\nSecond line.\n\nNext paragraph.")
    for dirty in ("two  spaces", " lead", "no\u00a0break", "a<b>", "x: y", "Ama\u200dzon", ""):
        assert not already_plain(dirty), dirty
    for dirty in ("\nlead", "end\n", "a\n\n\nb", "a\r\nb"):
        assert not already_paragraphs(dirty), dirty


OPTIONAL = st.none() | TRICKY
TEXTS = st.lists(TRICKY, max_size=3).map(tuple)


@st.composite
def documents(draw: st.DrawFn) -> PostingDocument:
    """Documents with tricky text in every kind of field: lines, paragraphs, links, lists and
    the parts of a company's profile."""
    profile = CompanyProfile(
        name=draw(TRICKY),
        description=draw(OPTIONAL),
        funding=Funding(stage=draw(OPTIONAL), investors=draw(TEXTS)),
        news=(
            NewsItem(
                title=draw(OPTIONAL),
                url=draw(st.sampled_from([None, "https://a.example/n", "javascript:x"])),
            ),
        ),
    )
    return PostingDocument(
        title=draw(OPTIONAL),
        company=draw(OPTIONAL),
        location=draw(OPTIONAL),
        url=draw(
            st.sampled_from([None, "https://jobs.example.org/1", " https://x.example", "ftp://x"])
        ),
        summary=draw(OPTIONAL),
        description=draw(OPTIONAL),
        responsibilities=draw(TEXTS),
        qualifications=Qualifications(required=draw(TEXTS)),
        company_profile=draw(st.none() | st.just(profile)),
        raw=draw(TRICKY),
    )


@settings(max_examples=300)
@given(documents())
def test_a_document_judged_clean_at_once_is_what_cleaning_gives(doc: PostingDocument) -> None:
    slow = _clean_dataclass(doc)
    assert sanitize_document(doc) == slow
    if _already_clean(doc):
        assert slow is doc


def test_a_clean_document_comes_back_as_itself() -> None:
    doc = PostingDocument(
        title="Data Engineer",
        company="Acme",
        url="https://jobs.example.org/1",
        description="First paragraph.\nSecond line.\n\nNext paragraph.",
        responsibilities=("Build pipelines", "Mentor"),
        company_profile=CompanyProfile(name="Acme", news=(NewsItem(title="News"),)),
    )
    assert sanitize_document(doc) is doc
    dirty = replace(
        doc, company_profile=CompanyProfile(name="Acme", news=(NewsItem(title="<b>News</b>"),))
    )
    assert sanitize_document(dirty).company_profile.news[0].title == "News"
