"""The shortcut for text that is already clean gives exactly what cleaning it would give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.text import clean_paragraphs, clean_text
from desktop.importers.sanitize import (
    already_paragraphs,
    already_plain,
    defuse_links,
    plain,
    plain_paragraphs,
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


def test_clean_text_takes_the_shortcut_and_dirty_text_does_not() -> None:
    assert already_plain("Train models for ranking")
    assert already_paragraphs("First paragraph.\nSecond line.\n\nNext paragraph.")
    for dirty in ("two  spaces", " lead", "no\u00a0break", "a<b>", "x: y", "Ama\u200dzon", ""):
        assert not already_plain(dirty), dirty
    for dirty in ("\nlead", "end\n", "a\n\n\nb", "a\r\nb"):
        assert not already_paragraphs(dirty), dirty
