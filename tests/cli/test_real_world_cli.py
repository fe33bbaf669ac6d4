"""The real-world samples through ``jobdeck import --dry-run --json``, as users and the
corpus's check.py run it: the command line must show what the readers read, for every sample
(a posting read without its title included), and meet the same expectations."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.importers.expectations import checks
from tests.importers.test_real_world import SAMPLES


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_dry_run_json_meets_the_samples_expectations(capsys, tmp_path: Path, sample: Path):
    expected_path = sample.with_name(sample.name.rsplit(".", 1)[0] + ".expected.json")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    with contextlib.suppress(SystemExit):
        main(["--data-dir", str(tmp_path / "data"), "import", "--dry-run", "--json", str(sample)])
    out, err = capsys.readouterr()
    docs = json.loads(out or "[]")
    doc = docs[0] if docs else None
    refusal = None if docs else err
    failed = [
        f"{name}: got {got!r}"
        for name, ok, soft, got in checks(expected, doc, refusal)
        if not ok and not soft
    ]
    assert not failed, "\n".join(failed)
