"""A person at the keyboard: add a posting in the real window and find it stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services import postings
from desktop.services.library import open_library

pytestmark = pytest.mark.e2e


def test_a_posting_typed_into_the_new_posting_form_is_saved(launch, tmp_path: Path) -> None:
    data_dir = tmp_path / "library"
    app = launch(data_dir)
    app.keys("ctrl+n")
    app.wait_for_dialog("New posting")
    app.type("Research Intern, Causal ML")
    app.keys("Tab")
    app.type("Netflix")
    app.keys("ctrl+Return")
    assert app.quit() == 0

    db = open_library(data_dir)
    try:
        (row,) = postings.list_postings(db)
    finally:
        db.close()
    assert (row.title, row.company, row.stage) == ("Research Intern, Causal ML", "Netflix", "Saved")
