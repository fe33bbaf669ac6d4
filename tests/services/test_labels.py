"""Named labels through the services: made, renamed, recoloured, deleted and put back; put on
and taken off applications; the search's label: terms narrow the list, the board and the count;
wrong names and colours are named; the old colour labels become named labels on migration."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from desktop.core.filter_terms import filter_terms
from desktop.core.labels import Label
from desktop.services import labels, pipeline, postings
from desktop.services.errors import Invalid, NotFound
from desktop.services.library import Library, open_library
from desktop.storage import migrate
from desktop.storage.database import database_path
from tests.samples import amazon_document


def _add(db: Library, title: str) -> int:
    return postings.create_posting(db, amazon_document(title=title, url=None)).value


def test_labels_are_made_put_on_applications_and_listed_with_their_counts(db: Library) -> None:
    a, b = _add(db, "Robotics intern"), _add(db, "Pricing analyst")
    remote = labels.create_label(db, "Remote").value
    assert remote.color == "#3b82f6"  # not a palette name: the default colour
    assert labels.create_label(db, "red").value.color == "#ef4444"
    result = labels.put_labels(db, [a, b], ["remote", "Dream job"])
    assert result.value == [a, b] and result.changes.labelled == {a, b} and result.changes.labels
    uses = {u.label.name: u.count for u in labels.list_labels(db)}
    assert uses == {"Dream job": 2, "red": 0, "Remote": 2}
    assert [label.name for label in labels.labels_of(db, a)] == ["Dream job", "Remote"]
    assert labels.take_labels(db, [a], ["REMOTE"]).value == [a]
    assert [label.name for label in labels.labels_of(db, a)] == ["Dream job"]
    (card,) = pipeline.cards_of(db, [b])
    assert [label.name for label in card.labels] == ["Dream job", "Remote"]
    assert [label.name for label in pipeline.application(db, b).labels] == ["Dream job", "Remote"]


def test_wrong_names_and_colours_are_named_and_nothing_is_saved(db: Library) -> None:
    labels.create_label(db, "Remote")
    for name, color, says in (
        ("  ", None, "needs a name"),
        ("x" * 41, None, "at most 40"),
        ('say "hi"', None, "double quote"),
        ("remote ", None, "already a label named 'Remote'"),
        ("Onsite", "red", "'red' is not a colour"),
    ):
        with pytest.raises(Invalid, match=says):
            labels.create_label(db, name, color)
    assert [u.label.name for u in labels.list_labels(db)] == ["Remote"]
    onsite = labels.create_label(db, "Onsite").value
    with pytest.raises(Invalid, match="already a label named 'Remote'"):
        labels.update_label(db, onsite.id, "REMOTE", "#000000")
    with pytest.raises(NotFound, match="no label named 'nope'"):
        labels.take_labels(db, [1], ["nope"])
    with pytest.raises(NotFound, match="no posting with id 999"):
        labels.put_labels(db, [999], ["Remote"])


def test_rename_recolour_delete_and_undo_put_everything_back(db: Library) -> None:
    a, b = _add(db, "A"), _add(db, "B")
    labels.put_labels(db, [a, b], ["Remote"])
    remote = labels.label_named(db, "remote")
    renamed = labels.update_label(db, remote.id, "Fully remote", "#22c55e")
    assert renamed.value == remote and renamed.changes.labelled == {a, b}
    assert labels.labels_of(db, a) == (Label(remote.id, "Fully remote", "#22c55e"),)
    deleted = labels.delete_label(db, remote.id)
    assert deleted.changes.labelled == {a, b} and labels.labels_of(db, a) == ()
    postings.delete_posting(db, b)
    back = labels.restore_label(db, deleted.value)
    assert back.changes.labelled == {a}  # b was deleted meanwhile
    assert labels.labels_of(db, a) == (Label(remote.id, "Fully remote", "#22c55e"),)
    before = labels.set_labels(db, a, []).value
    assert before == [remote.id] and labels.labels_of(db, a) == ()


def test_label_terms_narrow_the_list_the_board_and_the_count(db: Library) -> None:
    a, b, c = _add(db, "Robotics intern"), _add(db, "Robotics lead"), _add(db, "Pricing analyst")
    labels.put_labels(db, [a, c], ["Remote"])
    labels.put_labels(db, [a], ["Full time"])
    assert filter_terms('robotics label:remote label:"full  TIME"').labels == (
        "remote",
        "full time",
    )
    for search, expected in (
        ("label:remote", {a, c}),
        ("Label:REMOTE robotics", {a}),
        ('label:"full time" label:remote', {a, c}),  # either (as stage:A stage:B)
        ('label:"full time" robotics', {a}),
        ("label:nobody", set()),
        ("robotics", {a, b}),
    ):
        listed = {row.id for row in postings.list_postings(db, search)}
        assert listed == expected, search
        assert postings.count_matching(db, search) == len(expected), search
        count, first = postings.count_and_first_ids(db, search, page=100, whole_up_to=5000)
        assert count == len(expected) and set(first) == expected, search
        board = pipeline.load_board(db, search)
        assert {card.id for card in board.cards} == expected, search
        assert sum(stage.count for stage in board.stages) == len(expected), search
    (row,) = postings.list_postings(db, 'label:"Full time"')
    assert row.labels_shown == "Full time, Remote"


def test_a_library_with_colour_labels_at_the_old_head_gets_named_labels(data_dir: Path) -> None:
    engine = create_engine(f"sqlite:///{database_path(data_dir)}")
    migrate.upgrade_to_head(engine, "0016")
    with engine.begin() as connection:
        for number, color in enumerate(["#ef4444", "#22c55e", "#EF4444", "#123abc", None], 1):
            connection.exec_driver_sql(
                "INSERT INTO postings (id, title, title_key, raw, stage_id, stage_order, "
                "label_color, created_at, updated_at) VALUES (?, ?, '', '', 1, ?, ?, "
                "'2026-11-01 10:00:00.000000', '2026-11-01 10:00:00.000000')",
                (number, f"Job {number}", number, color),
            )
    engine.dispose()
    db = open_library(data_dir)
    try:
        uses = {(u.label.name, u.label.color): u.count for u in labels.list_labels(db)}
        assert uses == {
            ("Colour #123abc", "#123abc"): 1,
            ("Green", "#22c55e"): 1,
            ("Red", "#ef4444"): 2,
        }
        assert [label.name for label in labels.labels_of(db, 3)] == ["Red"]
        assert labels.labels_of(db, 5) == ()
        assert {row.id for row in postings.list_postings(db, "label:red")} == {1, 3}
        with db.querying() as connection:
            columns = [row[1] for row in connection.execute("PRAGMA table_info(postings)")]
        assert "label_color" not in columns
    finally:
        db.close()


def test_undo_of_a_delete_brings_the_labels_back(db: Library) -> None:
    from desktop.services import posting_removal

    posting_id = _add(db, "A")
    labels.put_labels(db, [posting_id], ["Remote", "Dream job"])
    removed = posting_removal.remove_posting(db, posting_id).value
    assert {u.label.name: u.count for u in labels.list_labels(db)} == {"Dream job": 0, "Remote": 0}
    back = posting_removal.put_back_posting(db, removed).value
    assert [label.name for label in labels.labels_of(db, back)] == ["Dream job", "Remote"]
