"""The crash test runs (with 5 kills instead of 50), and its checker does catch a lost write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.services import postings
from desktop.services.library import open_library
from tests.samples import amazon_document

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import crash_test  # noqa: E402


def test_five_kills_lose_no_acknowledged_write(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "crash_test.py"), "--kills", "5", "--seed", "8"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("crash test ok: 5 SIGKILLs survived")


def test_the_checker_notices_a_lost_or_rolled_back_write(data_dir: Path) -> None:
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document(title="Kept [w5]")).value
    db.close()
    assert crash_test.verify(data_dir, [{"op": "import", "id": posting}]) == []
    problems = crash_test.verify(
        data_dir,
        [
            {"op": "import", "id": posting + 1},
            {"op": "edit", "id": posting, "serial": 6},
            {"op": "move", "id": posting},
        ],
    )
    assert len(problems) == 3
