"""``jobdeck note add|list|delete``: the same notes the window shows, and clear refusals."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.services import notes, postings
from desktop.services.library import open_library
from tests.cli.test_import_export_cli import run
from tests.samples import amazon_document


def _library(data_dir: Path) -> int:
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document()).value
    db.close()
    return posting


def test_a_note_added_from_the_shell_is_listed_and_searchable(capsys, data_dir: Path) -> None:
    posting = _library(data_dir)
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "note",
        "add",
        str(posting),
        "Recruiter: Dana, https://example.com/dana",
    )
    assert code == 0 and f"to posting #{posting}" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "note", "list", str(posting), "--json")
    (listed,) = json.loads(out)
    assert listed["text"] == "Recruiter: Dana, https://example.com/dana"
    assert listed["posting_id"] == posting
    db = open_library(data_dir)
    try:
        assert postings.list_posting_ids(db, "dana") == [posting]
    finally:
        db.close()


def test_a_note_read_from_stdin_keeps_its_lines(
    capsys, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posting = _library(data_dir)
    monkeypatch.setattr("sys.stdin", io.StringIO("first line\nsecond line\n"))
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "note", "add", str(posting), "-")
    assert code == 0
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "note", "list", str(posting))
    assert "    first line\n    second line" in out


def test_bad_notes_are_refused_by_name_and_nothing_is_saved(capsys, data_dir: Path) -> None:
    posting = _library(data_dir)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "note", "add", str(posting), "  ")
    assert code == 1 and "needs some text" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "note", "add", "4242", "hi")
    assert code == 1 and "Posting 4242" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "note", "delete", "77")
    assert code == 1 and "Note 77" in err
    db = open_library(data_dir)
    try:
        assert notes.list_notes(db, posting) == []
    finally:
        db.close()


def test_delete_removes_the_note(capsys, data_dir: Path) -> None:
    posting = _library(data_dir)
    run(capsys, "--data-dir", str(data_dir), "note", "add", str(posting), "short-lived")
    db = open_library(data_dir)
    (note,) = notes.list_notes(db, posting)
    db.close()
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "note", "delete", str(note.id))
    assert code == 0 and f"note #{note.id} deleted" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "note", "list", str(posting))
    assert out == ""
