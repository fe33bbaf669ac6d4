"""``jobdeck import`` and ``jobdeck export`` as a user runs them: exit codes and messages."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "jobright-amazon-rl-intern.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_import_saves_and_says_what_it_saved(capsys, data_dir: Path) -> None:
    code, out, err = run(capsys, "import", str(SAMPLE), "--data-dir", str(data_dir))
    assert code == 0, err
    assert out.startswith("saved #1 Amazon: 2026 Applied Science Internship")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    (doc,) = json.loads(out)
    assert doc["company_profile"]["funding"]["total_usd"] == 8110000000
    assert doc["raw"] == SAMPLE.read_text(encoding="utf-8")


def test_a_refused_input_names_the_file_and_the_reason_and_exits_1(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 50)
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "import", str(SAMPLE), str(empty), str(blob)
    )
    assert code == 1
    assert "saved #1" in out
    assert f"refused {empty}:" in err and f"refused {blob}:" in err
    assert "Traceback" not in err


def test_dry_run_json_prints_documents_and_saves_nothing(capsys, data_dir: Path) -> None:
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "import", "--dry-run", "--json", str(SAMPLE)
    )
    assert code == 0
    (doc,) = json.loads(out)
    assert doc["id"] is None and doc["source_format"] == "jobright"
    assert "stage" not in doc
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    assert json.loads(out) == []


def test_a_dry_run_shows_a_body_pasted_without_its_title_and_says_what_is_missing(
    capsys, data_dir: Path
) -> None:
    body = FIXTURES / "real-world" / "06-greenhouse-body-with-form.txt"
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "import", "--dry-run", "--json", str(body)
    )
    (doc,) = json.loads(out)  # what was read, so the missing title can be seen
    assert doc["title"] is None and doc["company"] == "Orbital Freight"
    assert "needs a title" in err and "no title line" in err
    assert code == 1  # it cannot be saved as it is


def test_stdin_is_read_with_a_dash(capsys, data_dir: Path, monkeypatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(SAMPLE.read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "-")
    assert code == 0 and "saved #1 Amazon" in out


def test_a_duplicate_is_skipped_by_default_and_updated_on_request(capsys, data_dir: Path) -> None:
    run(capsys, "--data-dir", str(data_dir), "import", str(SAMPLE))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(SAMPLE))
    assert code == 0 and out.startswith("skipped Amazon")
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "import", "--on-duplicate", "update", str(SAMPLE)
    )
    assert code == 0 and out.startswith("updated #1")


def test_export_import_export_gives_identical_documents(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    run(
        capsys,
        "--data-dir",
        str(data_dir),
        "import",
        str(SAMPLE),
        *map(str, FIXTURES.glob("importers/*.txt")),
    )
    exported = tmp_path / "all.json"
    run(capsys, "--data-dir", str(data_dir), "export", "--format", "json", "-o", str(exported))
    other = tmp_path / "other-library"
    code, _, err = run(capsys, "--data-dir", str(other), "import", str(exported))
    assert code == 0, err
    again = tmp_path / "again.json"
    run(capsys, "--data-dir", str(other), "export", "--format", "json", "-o", str(again))
    assert json.loads(again.read_text()) == json.loads(exported.read_text())


def test_usage_errors_exit_2_without_a_traceback(capsys) -> None:
    code, _, err = run(capsys, "import")
    assert code == 2 and "usage:" in err and "Traceback" not in err
    code, _, err = run(capsys, "export", "--format", "xml")
    assert code == 2 and "invalid choice" in err


def test_an_export_merges_its_company_data_into_a_company_the_library_knows(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    """A chunk with data for a known company is written through the ORM (its plain try is
    rolled back untouched): the posting is saved once and the company gains the data."""
    from desktop.core.document import to_json
    from desktop.core.posting import Qualifications
    from desktop.services import postings
    from desktop.services.library import open_library
    from tests.samples import amazon_document

    db = open_library(data_dir)
    postings.create_posting(db, amazon_document(industries=(), company_profile=None))
    db.close()
    export = tmp_path / "export.json"
    other = amazon_document(
        title="Another role",
        url="https://example.com/another",
        summary="Another team, another role.",
        description="Plan the delivery routes of a whole region, with the people who drive them.",
        responsibilities=("Plan routes",),
        qualifications=Qualifications(required=("Logistics",)),
    )
    export.write_text(json.dumps([to_json(other)]))
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(export))
    assert code == 0, err
    assert "saved #2 Amazon: Another role" in out
    db = open_library(data_dir)
    first, second = (postings.get_posting(db, posting_id) for posting_id in (1, 2))
    db.close()
    assert first.industries == second.industries == other.industries
    assert second.company_profile == first.company_profile == other.company_profile
