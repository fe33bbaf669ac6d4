"""The re-apply warning against a library written for the test, right answers worked by hand.

now = 2026-11-30 12:00 UTC. At Amazon (written three ways; "AMAZON" and "Amazon" are one
row) the user has:
  A "Software Engineer II"  Saved 80 days ago, Applied 79, Rejected 59 (2026-10-02)
  B "Data Scientist"        Saved 100 days ago, Applied 99, Ghosted 77 (2026-09-14)
  D "Software Engineer II"  Applied 200 days ago (2026-05-14), nothing since
and at Metabase one posting saved 3 days ago.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.posting import PostingDocument, StageChange
from desktop.services import pipeline, postings, reapply
from desktop.services.library import Library

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _add(db: Library, company: str, title: str, history: list[tuple[str, int]]) -> int:
    changes = tuple(StageChange(stage, NOW - timedelta(days=days)) for stage, days in history)
    doc = PostingDocument(title=title, company=company, stage=history[-1][0], stage_history=changes)
    return postings.create_posting(db, doc, now=NOW - timedelta(days=history[0][1])).value


@pytest.fixture
def library(db: Library) -> dict[str, int]:
    return {
        "A": _add(
            db,
            "Amazon.com, Inc.",
            "Software Engineer II",
            [("Saved", 80), ("Applied", 79), ("Rejected", 59)],
        ),
        "B": _add(
            db, "AMAZON", "Data Scientist", [("Saved", 100), ("Applied", 99), ("Ghosted", 77)]
        ),
        "D": _add(db, "Amazon", "Software Engineer II", [("Applied", 200)]),
        "M": _add(db, "Metabase", "Engineer", [("Saved", 3)]),
    }


def test_the_warning_names_each_earlier_application_newest_first(
    db: Library, library: dict[str, int]
) -> None:
    warning = reapply.check(db, "Amazon", "Product Manager", now=NOW)
    assert warning is not None
    assert warning.summary == (
        "Amazon.com, Inc.: 3 earlier applications: Rejected 2026-10-02, "
        "Ghosted since 2026-09-14, Applied since 2026-05-14"
    )
    assert [a.posting_id for a in warning.earlier] == [library["A"], library["B"], library["D"]]
    assert warning.same_role == ()
    assert warning.text == warning.summary


def test_a_near_identical_title_within_90_days_is_named_as_the_same_role(
    db: Library, library: dict[str, int]
) -> None:
    warning = reapply.check(db, "amazon inc", "Software Engineer III", now=NOW)
    assert warning is not None
    # D has the very title, but nothing happened to it for 200 days: not within 90.
    assert [a.posting_id for a in warning.same_role] == [library["A"]]
    assert warning.same_role_line == (
        "Same role within 90 days: “Software Engineer II” (Rejected 2026-10-02)"
    )
    later = reapply.check(db, "Amazon", "Software Engineer II", now=NOW + timedelta(days=40))
    assert later is not None and later.same_role == ()  # 99 days after the rejection


def test_near_misses_and_unknown_employers_get_no_warning(
    db: Library, library: dict[str, int]
) -> None:
    assert reapply.check(db, "Meta", "Engineer", now=NOW) is None
    assert reapply.check(db, "Stripe", "Engineer", now=NOW) is None
    assert reapply.check(db, None, "Engineer", now=NOW) is None
    assert reapply.check(db, "   ", "Engineer", now=NOW) is None
    metabase = reapply.check(db, "Metabase Inc.", "Engineer", now=NOW)
    assert metabase is not None
    assert metabase.summary == "Metabase: 1 earlier application: Saved since 2026-11-27"


def test_the_posting_itself_and_postings_saved_since_are_not_earlier(
    db: Library, library: dict[str, int]
) -> None:
    warning = reapply.check(db, "Amazon", excluding={library["A"]}, word="other", now=NOW)
    assert warning is not None
    assert warning.summary.startswith("AMAZON: 2 other applications: Ghosted since 2026-09-14")
    # Saved 90 days ago or later (A at 80 days) is not earlier than an import begun then.
    before = reapply.check(db, "Amazon", created_before=NOW - timedelta(days=90), now=NOW)
    assert before is not None
    assert [a.posting_id for a in before.earlier] == [library["B"], library["D"]]


def test_a_spelling_slip_finds_the_employer(db: Library, library: dict[str, int]) -> None:
    accenture = _add(db, "Accenture", "Consultant", [("Applied", 10)])
    warning = reapply.check(db, "Acenture plc", "Consultant", now=NOW)
    assert warning is not None
    assert [a.posting_id for a in warning.earlier] == [accenture]
    # The rules alone (the detail pane's quick check) do not forgive the slip.
    assert reapply.check(db, "Acenture plc", "Consultant", now=NOW, slips=False) is None
    assert reapply.check(db, "Accenture plc", "Consultant", now=NOW, slips=False) is not None
    # The index of known names keeps up with companies added after it was first read.
    shopify = _add(db, "Shopify", "Developer", [("Applied", 5)])
    later = reapply.check(db, "Shopfiy", None, now=NOW)
    assert later is not None and [a.posting_id for a in later.earlier] == [shopify]


def test_many_drafts_are_checked_in_one_call(db: Library, library: dict[str, int]) -> None:
    drafts = [
        reapply.Draft("Amazon", "x", frozenset({library["A"], library["B"]})),
        reapply.Draft("Nowhere Ltd", "x"),
        reapply.Draft(None, None),
        reapply.Draft("metabase", "Engineer"),
    ]
    found = reapply.check_many(db, drafts, now=NOW)
    assert [w.summary if w else None for w in found] == [
        "AMAZON: 1 earlier application: Applied since 2026-05-14",  # B's row: case is folded
        None,
        None,
        "Metabase: 1 earlier application: Saved since 2026-11-27",
    ]
    assert found[3] is not None and [a.title for a in found[3].same_role] == ["Engineer"]


def test_board_cards_carry_the_number_of_other_applications_at_their_employer(
    db: Library, library: dict[str, int]
) -> None:
    board = pipeline.load_board(db)
    others = {card.id: card.others_at_company for card in board.cards}
    assert others == {library["A"]: 2, library["B"]: 2, library["D"]: 2, library["M"]: 0}
    (card,) = pipeline.cards_of(db, [library["B"]])
    assert card.others_at_company == 2
    postings.delete_posting(db, library["D"])
    assert {c.others_at_company for c in pipeline.cards_of(db, [library["A"]])} == {1}


def test_large_counts_read_with_thousands_separators() -> None:
    one = reapply.EarlierApplication(1, "Engineer", "Amazon", "Saved", False, None, None)
    warning = reapply.ReapplyWarning("Amazon", (one,) * 2999, ())
    assert warning.summary.startswith("Amazon: 2,999 earlier applications: Saved, Saved")
    assert warning.summary.endswith(f" and {2999 - reapply.LISTED:,} more")
