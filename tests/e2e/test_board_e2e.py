"""A person with a mouse: drag a real card to another column and find the move stored."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.services import postings
from desktop.services.library import open_library
from tests.samples import amazon_document

pytestmark = pytest.mark.e2e

# Where things are in the 1200x760 window (no window manager places it at 0,0): the first
# card of the first column (Saved), and empty space in the second column (Applied).
FIRST_CARD_IN_SAVED = (135, 165)
EMPTY_SPACE_IN_APPLIED = (400, 400)


def test_dragging_a_card_to_applied_moves_the_application(launch, tmp_path: Path) -> None:
    data_dir = tmp_path / "library"
    db = open_library(data_dir)
    first = postings.create_posting(db, amazon_document(title="Dragged")).value
    postings.create_posting(db, amazon_document(title="Stays"))
    db.close()

    app = launch(data_dir)
    app.keys("ctrl+2")
    time.sleep(1.0)  # the board is built when first shown: let a busy machine finish it
    # The first card in Saved is the first posting added: columns keep the order cards came in.
    app.drag(FIRST_CARD_IN_SAVED, EMPTY_SPACE_IN_APPLIED)
    assert app.quit() == 0

    db = open_library(data_dir)
    try:
        moved = postings.get_posting(db, first)
        stays = [row for row in postings.list_postings(db) if row.id != first]
    finally:
        db.close()
    assert moved.stage == "Applied"
    assert [change.stage for change in moved.stage_history] == ["Saved", "Applied"]
    assert [row.stage for row in stays] == ["Saved"]
