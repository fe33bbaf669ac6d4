"""``jobdeck import`` (and its dry run) says when the employer already has applications."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.posting import PostingDocument, StageChange
from desktop.services import postings
from desktop.services.library import open_library


def job_posting(title: str, company: str) -> dict[str, object]:
    """A schema.org JobPosting, as a career site publishes it."""
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "hiringOrganization": {"@type": "Organization", "name": company},
        "description": "You will build the systems that route parcels to customers, every day.",
    }


POSTING = json.dumps(job_posting("Software Engineer III", "Amazon.com, Inc."))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def posting_file(tmp_path: Path) -> Path:
    path = tmp_path / "posting.json"
    path.write_text(POSTING, encoding="utf-8")
    return path


def _earlier_amazon(data_dir: Path) -> None:
    now = datetime.now(UTC)
    db = open_library(data_dir)
    try:
        rejected_at = datetime(2026, 10, 2, 12, 0, tzinfo=UTC)
        postings.create_posting(
            db,
            PostingDocument(
                title="Software Engineer II",
                company="AMAZON",
                stage="Rejected",
                stage_history=(
                    StageChange("Applied", rejected_at - timedelta(days=20)),
                    StageChange("Rejected", rejected_at),
                ),
            ),
            now=now - timedelta(days=80),
        )
    finally:
        db.close()


def test_import_and_its_dry_run_name_the_employer_and_the_earlier_stages(
    capsys, data_dir: Path, posting_file: Path
) -> None:
    _earlier_amazon(data_dir)
    for dry_run in (("--dry-run",), ()):
        code, out, err = run(
            capsys, "--data-dir", str(data_dir), "import", *dry_run, str(posting_file)
        )
        assert code == 0, err
        notes = [line for line in out.splitlines() if "re-apply" in line]
        assert notes[0] == (
            f"  note ({posting_file}): re-apply: AMAZON: 1 earlier application: Rejected 2026-10-02"
        )
    # The posting just saved is not an earlier application of itself, nor a duplicate of it.
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(posting_file))
    assert "skipped" in out
    assert "re-apply: AMAZON: 1 earlier application: Rejected 2026-10-02" in out


def test_postings_of_one_import_are_not_earlier_applications_of_each_other(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    docs = [job_posting("Data Scientist", "Zalando SE"), job_posting("Data Engineer", "Zalando")]
    path = tmp_path / "two.json"
    path.write_text(json.dumps(docs), encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(path))
    assert code == 0, err
    assert "re-apply" not in out
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", "--dry-run", str(path))
    # Read again, each is a duplicate of itself, and the other one is its earlier application.
    assert "re-apply: Zalando: 1 earlier application: Saved since" in out
    assert "re-apply: Zalando SE: 1 earlier application: Saved since" in out


def test_with_json_the_notes_go_to_stderr(capsys, data_dir: Path, posting_file: Path) -> None:
    _earlier_amazon(data_dir)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", "--json", str(posting_file))
    assert code == 0, err
    assert json.loads(out)[0]["company"] == "Amazon.com, Inc."
    assert "re-apply: AMAZON: 1 earlier application" in err
