"""Golden tests: the real-world samples (board pastes, saved pages, ATS JSON) read as a correct
reader must read them. Each sample reproduces the structure and traps of one format; the
expected file beside it lists the values the source makes certain (see expectations.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.document import to_json
from desktop.importers import ImportRefused, read_postings
from tests.importers.expectations import checks
from tests.importers.support import CAPTURED_AT, FIXTURES

REAL_WORLD = FIXTURES / "real-world"
SAMPLES = sorted(
    p
    for p in REAL_WORLD.iterdir()
    if ".expected." not in p.name and p.suffix in (".txt", ".html", ".json", ".md")
)


def _read(sample: Path) -> tuple[dict | None, str | None]:
    try:
        results = read_postings(sample.read_bytes(), name=sample.name, captured_at=CAPTURED_AT)
    except ImportRefused as refused:
        return None, refused.reason
    return to_json(results[0].document, with_store_fields=False), None


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_real_world_sample_reads_as_expected(sample: Path) -> None:
    expected_path = sample.with_name(sample.name.rsplit(".", 1)[0] + ".expected.json")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    doc, refusal = _read(sample)
    failed = [
        f"{name}: got {got!r}"
        for name, ok, soft, got in checks(expected, doc, refusal)
        if not ok and not soft
    ]
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_raw_is_the_input_as_received(sample: Path) -> None:
    doc, _refusal = _read(sample)
    if doc is not None:
        assert doc["raw"] == sample.read_bytes().decode("utf-8-sig")
