"""``jobdeck facts``: shown, changed, wrong values refused by name."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.services import postings
from desktop.services.library import open_library
from tests.cli.test_import_export_cli import run
from tests.samples import amazon_document


def test_facts_are_set_and_shown(capsys, data_dir: Path) -> None:
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document(valid_through="2026-12-15")).value
    db.close()
    here = ("--data-dir", str(data_dir))
    code, out, _ = run(
        capsys,
        *here,
        "facts",
        str(posting),
        "--rating",
        "5",
        "--referral",
        "yes",
        "--applied-on",
        "2026-11-20",
        "--json",
    )
    assert code == 0
    shown = json.loads(out)
    assert (shown["rating"], shown["referral"], shown["deadline"]) == (5, True, "2026-12-15")
    assert shown["applied_at"].startswith("2026-11-20") and shown["applied_set_by_user"]
    code, out, _ = run(capsys, *here, "facts", str(posting), "--rating", "none")
    assert code == 0 and "rating:     -" in out and "referral:   yes" in out


def test_wrong_values_are_usage_errors(capsys, data_dir: Path) -> None:
    here = ("--data-dir", str(data_dir))
    code, _, err = run(capsys, *here, "facts", "1", "--rating", "7")
    assert code == 2 and "not a rating" in err
    code, _, err = run(capsys, *here, "facts", "99", "--rating", "3")
    assert code == 1 and "Posting 99" in err
