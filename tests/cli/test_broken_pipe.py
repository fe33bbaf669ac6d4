"""``jobdeck list | head``: a reader that stops reading ends the command quietly, for every
command that prints (the process is real: the pipe is an OS pipe closed before it writes)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services import postings
from desktop.services.library import open_library
from tests.samples import amazon_document


@pytest.fixture
def filled(data_dir: Path) -> Path:
    db = open_library(data_dir)
    postings.create_postings(db, [amazon_document(title=f"Job {i}") for i in range(300)])
    db.close()
    return data_dir


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--json"],
        ["stages"],
        ["export", "--format", "json"],
        ["export", "--format", "csv"],
        ["move", "1", "Applied"],
        ["import", "--dry-run", "-"],
        ["--help"],
        ["login", "--help"],
    ],
)
def test_a_reader_gone_ends_the_command_without_a_traceback(
    filled: Path, command: list[str]
) -> None:
    sample = (Path(__file__).parents[1] / "fixtures" / "jobright-amazon-rl-intern.txt").read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(filled), *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stdin is not None
    process.stdout.close()  # like `head` that has read what it wanted
    _, err = process.communicate(sample if "-" in command else b"", timeout=60)
    assert err.decode() == ""
    assert process.returncode in (0, 141)
