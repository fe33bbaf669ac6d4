"""The command line under faults: bad values refused by name while the other files import, a
read-only disk, broken JSON, oversized input, and restore/check saying what really happened."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from desktop.cli import main
from desktop.core.document import to_json
from desktop.services import backups, postings
from desktop.services.importing import MAX_INPUT_BYTES
from desktop.services.library import open_library
from tests.conftest import FIXTURES
from tests.reliability.conftest import make_library
from tests.samples import amazon_document

SAMPLE = FIXTURES / "jobright-amazon-rl-intern.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def export_file(folder: Path, name: str, **changes: object) -> Path:
    """A one-posting Jobdeck export whose JSON fields are overridden as given."""
    doc = to_json(amazon_document(title=name, url=None))
    doc.update(changes)
    path = folder / f"{name}.json"
    path.write_text(json.dumps([doc]), encoding="utf-8")
    return path


def titles(data_dir: Path) -> list[str]:
    db = open_library(data_dir)
    try:
        return sorted(d.title or "" for d in postings.all_documents(db))
    finally:
        db.close()


def test_each_bad_file_is_refused_by_name_and_the_others_are_imported(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    good = export_file(tmp_path, "Good")
    early = export_file(tmp_path, "Early", posted_at="0001-01-01T00:00:00+14:00")
    huge_id = export_file(tmp_path, "HugeId", id=10**22)
    profile = to_json(amazon_document()).get("company_profile")
    profile["h1b"] = {"note": None, "by_year": [{"year": 2024, "count": 10**30}]}
    counts = export_file(tmp_path, "Counts", company_profile=profile)
    last = export_file(tmp_path, "Last")
    code, _, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "import",
        "--on-duplicate=keep",
        *map(str, (good, early, huge_id, counts, last)),
    )
    assert code == 1
    assert f"refused {early}" in err and "posted_at (0001-01-01) is outside" in err
    assert f"refused {huge_id}" in err and "id must be between" in err
    assert f"refused {counts}" in err and "h1b.by_year[0].count" in err
    assert titles(data_dir) == ["Good", "Last"]


@pytest.mark.parametrize(
    "args",
    [
        ("move", "12345678901234567890123", "Applied"),
        ("move", "1", "Applied", "--at", "0001-01-01T00:00:00+14:00"),
        ("move", "1", "Applied", "--at", "1000-01-01T00:00:00+00:00"),
        ("login", "get", "99999999999999999999999"),
    ],
)
def test_ids_and_times_beyond_reach_are_usage_errors(capsys, data_dir: Path, args) -> None:
    make_library(data_dir, 1)
    code, _, err = run(capsys, "--data-dir", str(data_dir), *args)
    assert code == 2
    assert "not a posting id" in err or "outside the years 1900-9999" in err


def test_a_truncated_export_is_refused_as_broken_json(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    whole = json.dumps([to_json(amazon_document())], indent=2)
    cut = tmp_path / "cut.json"
    cut.write_text(whole[:700], encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(cut))
    assert code == 1 and "broken JSON" in err
    assert titles(data_dir) == []
    # Text that merely starts with a bracket is still read as text.
    text = tmp_path / "remote.txt"
    text.write_text("[Remote] " + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(text), "--dry-run")
    assert "JSON" not in err


def test_standard_input_has_the_same_50_mb_limit(
    capsys, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"a" * (MAX_INPUT_BYTES + 1)))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", "-")
    assert code == 1 and "refused stdin: is larger than 50 MB" in err


def test_a_dry_run_refuses_what_the_import_refuses(capsys, data_dir: Path, tmp_path: Path) -> None:
    make_library(data_dir, 0)
    unknown_stage = export_file(tmp_path, "Staged", stage="Nowhere", stage_history=[])
    no_company = export_file(tmp_path, "Nameless", company=None, company_profile=None)
    for path in (unknown_stage, no_company):
        dry = run(capsys, "--data-dir", str(data_dir), "import", str(path), "--dry-run")
        real = run(capsys, "--data-dir", str(data_dir), "import", str(path))
        assert dry[0] == real[0] == 1
        assert "would save" not in dry[1]
        assert dry[2].splitlines()[-1] == real[2].splitlines()[-1]
    assert titles(data_dir) == []


def test_restore_from_a_relative_path(
    capsys, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_library(data_dir, 2)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "--data-dir", str(data_dir), "backup", "--to", "copy.db")[0] == 0
    code, out, err = run(capsys, "--data-dir", str(data_dir), "restore", "copy.db")
    assert code == 0 and "restored copy.db" in out, err
    assert len(titles(data_dir)) == 2


def test_restore_refuses_while_the_window_has_the_library(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    make_library(data_dir, 1)
    db = open_library(data_dir)
    copy = backups.backup_to(db, tmp_path / "copy.db")
    db.close()
    lock = QLockFile(str(data_dir / "jobdeck.lock"))  # what the window holds while it runs
    assert lock.tryLock(0)
    try:
        code, _, err = run(capsys, "--data-dir", str(data_dir), "restore", str(copy))
        assert code == 1 and "window has this library open" in err
    finally:
        lock.unlock()
    assert run(capsys, "--data-dir", str(data_dir), "restore", str(copy))[0] == 0


def test_check_on_a_missing_library_says_so(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "none"), "check")
    assert code == 1 and "there is no library" in err and "DAMAGED" not in out + err
