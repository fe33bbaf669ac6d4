"""What an operation changed, by kind: how views tell what concerns them."""

from __future__ import annotations

from desktop.services.changes import Changes, Kind, Result


def test_each_field_is_a_kind_a_view_can_ask_for() -> None:
    assert Changes().kinds == frozenset()
    assert Changes(created=frozenset({1})).kinds == {Kind.POSTINGS}
    assert Changes(labelled=frozenset({1})).kinds == {Kind.PIPELINE}
    assert Changes(moved=frozenset({1}), stages=True).kinds == {Kind.PIPELINE, Kind.STAGES}
    assert Changes(logins=frozenset({1})).kinds == {Kind.LOGINS}
    assert Changes(notes=frozenset({1}), documents=frozenset({2})).kinds == {
        Kind.NOTES,
        Kind.DOCUMENTS,
    }


def test_merging_drops_what_was_deleted_later() -> None:
    first = Changes(created=frozenset({1, 2}), labelled=frozenset({2}))
    merged = first.merged(Changes(deleted=frozenset({2}), stages=True))
    assert merged == Changes(
        created=frozenset({1}), deleted=frozenset({2}), labelled=frozenset(), stages=True
    )
    assert merged.touches(2) and not merged.touches(3)


def test_a_result_unpacks_into_its_value_and_changes() -> None:
    value, changes = Result(7, Changes(created=frozenset({7})))
    assert value == 7 and changes.created == {7}
