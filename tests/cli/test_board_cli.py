"""``jobdeck stages``, ``list`` and ``move``: what a user sees, and nothing changed on a mistake."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.services import postings
from desktop.services.library import open_library
from tests.cli.test_import_export_cli import run
from tests.samples import amazon_document


def _library(data_dir: Path) -> int:
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document()).value
    db.close()
    return posting


def test_stages_lists_every_stage_with_its_count(capsys, data_dir: Path) -> None:
    _library(data_dir)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "stages")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Saved", "1", "open"]
    assert lines[-1].split() == ["Ghosted", "0", "closed"]


def test_move_with_a_date_then_list_and_export_show_it(capsys, data_dir: Path) -> None:
    posting = _library(data_dir)
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "move",
        str(posting),
        "applied",
        "--at",
        "2026-11-17T09:00:00+01:00",
    )
    # Applied before the posting was saved: "Saved" moves back with it, and says so.
    moved, saved_line = out.strip().splitlines()
    assert (code, moved) == (0, f"moved #{posting} to Applied")
    assert saved_line.strip().startswith("Saved: was ")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--stage", "Applied", "--json")
    assert [row["id"] for row in json.loads(out)] == [posting]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    (doc,) = json.loads(out)
    assert doc["stage"] == "Applied"
    # The current stage is the latest entry of the history, as the board and list say.
    assert doc["stage_history"] == [
        {"stage": "Saved", "at": "2026-11-17T08:00:00+00:00"},
        {"stage": "Applied", "at": "2026-11-17T08:00:00+00:00"},
    ]


def test_move_at_a_time_after_the_last_entry_moves_nothing_else(capsys, data_dir: Path) -> None:
    posting = _library(data_dir)
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "move",
        str(posting),
        "Applied",
        "--at",
        "2099-01-01T09:00Z",
    )
    assert (code, out.strip()) == (0, f"moved #{posting} to Applied")


def test_an_unknown_id_or_stage_exits_2_and_changes_nothing(capsys, data_dir: Path) -> None:
    posting = _library(data_dir)
    for args, message in (
        (["move", "999", "Applied"], "no posting with id 999"),
        (["move", str(posting), "Hired"], "no stage named 'Hired'"),
        (["move", str(posting), "Applied", "--at", "last week"], "not an ISO 8601"),
        (["list", "--stage", "Hired"], "no stage named 'Hired'"),
    ):
        code, _, err = run(capsys, "--data-dir", str(data_dir), *args)
        assert code == 2 and message in err and "Traceback" not in err
    db = open_library(data_dir)
    stored = postings.get_posting(db, posting)
    db.close()
    assert stored.stage == "Saved" and len(stored.stage_history) == 1


def test_list_search_finds_the_work_model_and_stage_it_names(capsys, data_dir: Path) -> None:
    db = open_library(data_dir)
    remote = postings.create_posting(db, amazon_document(title="Remote role", work_model="Remote"))
    onsite = postings.create_posting(db, amazon_document(title="Office role")).value
    db.close()
    here = ("--data-dir", str(data_dir))
    code, out, _ = run(capsys, *here, "list", "--search", "remote", "--json")
    assert (code, [row["id"] for row in json.loads(out)]) == (0, [remote.value])
    run(capsys, *here, "move", str(onsite), "Screening")
    code, out, _ = run(capsys, *here, "list", "--search", "screening", "--json")
    assert (code, [row["id"] for row in json.loads(out)]) == (0, [onsite])
