"""A word typed in the search box also finds the postings whose stage or work model it names.

"remote" finds the Remote postings as well as those saying "remote"; "applied" those in the
stage Applied. The list, its count, the board and Insights agree, and they stay right after
every way a stage or work model changes: a move, an edit, a renamed or deleted stage, an undo
of a delete, an import.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core.insights import Filters
from desktop.core.posting import PostingDocument
from desktop.importers.result import ReadResult
from desktop.services import importing, insights, pipeline, posting_removal, postings, stages
from desktop.services.library import Library


def _doc(title: str, text: str = "", work_model: str | None = None) -> PostingDocument:
    return PostingDocument(
        title=title, company="Acme", description=text or None, work_model=work_model
    )


def _posting(db: Library, title: str, text: str = "", work_model: str | None = None) -> int:
    return postings.create_posting(db, _doc(title, text, work_model)).value


def _found(db: Library, search: str) -> set[int]:
    """What the user sees for ``search``: the list, with its count and the board agreeing."""
    ids = set(postings.list_posting_ids(db, search))
    assert postings.count_matching(db, search) == len(ids)
    assert set(postings.list_posting_ids(db, search, limit=200)) == ids  # the page read
    board = pipeline.load_board(db, search)
    assert sum(stage.count for stage in board.stages) == len(ids)
    assert {card.id for card in board.cards} == ids
    return ids


def _stage(db: Library, name: str) -> int:
    return pipeline.resolve_stage(db, name).id


def test_a_word_finds_the_work_model_and_the_stage_it_names_as_well_as_the_text(
    db: Library,
) -> None:
    remote = _posting(db, "Rust engineer", "Ship a compiler.", "Remote")
    says_remote = _posting(db, "Go engineer", "Our team is remote-friendly.", "Onsite")
    hybrid = _posting(db, "Python engineer", "Data pipelines in Python.", "Hybrid")
    sent = _posting(db, "Designer", "Figma all day.")
    says_applied = _posting(db, "Research scientist", "Applied mathematics.")
    pipeline.move_application(db, sent, _stage(db, "Applied"))

    assert _found(db, "remote") == {remote, says_remote}
    assert _found(db, "Remote") == {remote, says_remote}
    assert _found(db, "rem") == {remote, says_remote}  # as the user types, word starts
    assert _found(db, "hybrid") == {hybrid}
    assert _found(db, "applied") == {sent, says_applied}
    assert _found(db, "saved") == {remote, says_remote, hybrid, says_applied}
    # Every word must be found somewhere: the stage, the work model or the text.
    assert _found(db, "remote rust") == {remote}
    assert _found(db, "python hybrid") == {hybrid}
    assert _found(db, "applied figma") == {sent}
    assert _found(db, "remote figma") == set()
    # With the filter terms beside the box: both narrow.
    assert _found(db, "remote work:onsite") == {says_remote}
    assert _found(db, "engineer stage:Saved remote") == {remote, says_remote}
    # The facts are never found by words of their own spelling.
    assert _found(db, "zz") == set()
    assert _found(db, "zzstage") == set()


def test_the_words_follow_every_change_of_stage_or_work_model(db: Library) -> None:
    card = _posting(db, "Designer", "Figma all day.", "Onsite")
    other = _posting(db, "Writer", "Words.", "Onsite")
    applied = _stage(db, "Applied")
    assert _found(db, "applied") == set()

    move = pipeline.move_application(db, card, applied)  # a move
    assert _found(db, "applied") == {card}
    pipeline.undo_move(db, move.value)  # its undo
    assert _found(db, "applied") == set()
    pipeline.move_application(db, card, applied)

    # A renamed stage: its new name finds its postings, its old name no longer does.
    stages.rename_stage(db, applied, "Sent off")
    assert _found(db, "sent") == {card}
    assert _found(db, "applied") == set()

    # An edit of the work model.
    edited = replace(postings.get_posting(db, other), work_model="Remote")
    postings.update_posting(db, other, edited)
    assert _found(db, "remote") == {other}
    assert _found(db, "onsite") == {card}

    # Deleted and put back (Undo Delete): found by its stage and work model again.
    removed = posting_removal.remove_posting(db, card).value
    assert _found(db, "sent") == set()
    restored = posting_removal.put_back_posting(db, removed).value
    assert _found(db, "sent") == {restored}
    assert _found(db, "onsite") == {restored}

    # A deleted stage's cards moved to another: found by that stage's name.
    screening = _stage(db, "Screening")
    stages.delete_stage(db, applied, move_to=screening)
    assert _found(db, "screening") == {restored}
    assert _found(db, "sent") == set()


def test_imported_postings_are_found_by_their_stage_and_work_model(db: Library) -> None:
    read = [
        ReadResult(replace(_doc("Imported remote", "Plain.", "Remote"), stage="Interviewing")),
        ReadResult(_doc("Imported onsite", "Plain.", "Onsite")),
    ]
    outcomes = list(importing.import_documents(db, read, importing.Decision.SKIP))
    ids = {outcome.posting_id for outcome in outcomes}
    remote = next(i for i in ids if postings.get_posting(db, i).work_model == "Remote")

    assert _found(db, "remote") == {remote}
    assert _found(db, "interviewing") == {remote}
    assert _found(db, "onsite saved") == ids - {remote}


def test_insights_count_the_postings_the_words_find(db: Library) -> None:
    _posting(db, "Rust engineer", "Ship a compiler.", "Remote")
    _posting(db, "Go engineer", "Our team is remote-friendly.", "Onsite")
    _posting(db, "Python engineer", "Pipelines.", "Hybrid")

    figures = insights.insights(db, filters=Filters(search="remote"))
    assert figures.total == 2


def test_words_with_letters_beyond_ascii_are_found_in_any_case(db: Library) -> None:
    """ "straße" finds "Straße" (case-folding it to "strasse" found nothing), "zürich" and
    "ZÜRICH" and "zurich" find "Zürich", whatever the case the posting wrote them in."""
    street = _posting(db, "Kurier", "Büro an der GROßEN STRAßE, Zürich.")
    greek = _posting(db, "Αναλυτής", "Ομάδα ΔΕΔΟΜΈΝΩΝ στην Αθήνα.")
    _posting(db, "Courier", "Office on Main Street, Geneva.")

    for typed in ("straße", "Straße", "große", "zürich", "ZÜRICH", "zurich", "zür"):
        assert _found(db, typed) == {street}, typed
    for typed in ("δεδομένων", "ΔΕΔΟΜΈΝΩΝ", "αναλυτής", "αθήνα"):
        assert _found(db, typed) == {greek}, typed
