"""A document is walked for invisible text once on its way in: what the reader's cleaning
vouches for is what the save's check would have made of it, and nothing else is trusted."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import bounds
from desktop.core.application_record import ApplicationRecord, NoteRecord
from desktop.core.posting import CompanyProfile, NewsItem, Qualifications, Salary
from desktop.importers.sanitize import sanitize_document
from desktop.services.postings import checked
from tests.samples import amazon_document

ZWJ, RLO, LONE = "\u200d", "\u202e", "\udc00"
# Text rich in what either walk acts on: invisible and direction characters, a lone surrogate,
# markup, odd spaces, accents.
PIECES = [*"ab Z9.:,-\n<>&", "\u00a0", "\u200b", ZWJ, RLO, "\ufeff", LONE, "e\u0301", "é"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def _full_scrub(doc):  # the walk itself, never the memory of an earlier one
    return bounds._scrubbed_dataclass(doc)


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT)
def test_a_sanitized_document_is_what_the_full_walk_makes_of_it(
    title: str, company: str, line: str, raw: str, news: str, note: str
) -> None:
    doc = amazon_document(
        title=f"T{title}",
        company=f"C{company}",
        raw=raw,
        responsibilities=(line, f"x{line}"),
        qualifications=Qualifications(required=(line,)),
        salary=Salary(text=line),
        company_profile=CompanyProfile(name=f"C{company}", news=(NewsItem(title=news),)),
    )
    doc = replace(doc, application=ApplicationRecord(notes=(NoteRecord(note, *_times(doc)),)))
    cleaned = sanitize_document(doc)
    assert checked(cleaned) == _full_scrub(cleaned)


def _times(doc):
    return (doc.captured_at, doc.captured_at)


def test_only_the_vouched_object_is_trusted() -> None:
    clean = sanitize_document(amazon_document())
    assert checked(clean) is clean  # vouched for: not walked again
    # A copy made afterwards (here with invisible text put back in) is walked in full.
    dirty = clean.with_changes(title=f"Engi{ZWJ}neer{RLO}")
    assert checked(dirty).title == "Engineer"
    # Raw text or the user's own records holding what the reader keeps as it came: the
    # document is not vouched for, and the save's check still cleans them.
    kept = sanitize_document(amazon_document(raw=f"raw{LONE}"))
    assert checked(kept).raw == "raw\ufffd"


def test_markup_holding_a_lone_surrogate_is_cleaned_not_a_crash() -> None:
    # An export's "\udc00" inside markup reached nh3, which takes only UTF-8.
    doc = sanitize_document(amazon_document(title=f"<b>Engineer{LONE}</b>"))
    assert checked(doc).title == "Engineer"
