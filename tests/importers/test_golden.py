"""Every sample in tests/fixtures/importers read as its reviewed golden file says."""

from __future__ import annotations

import json

import pytest

from tests.importers.golden import golden_path, reading, samples


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.name)
def test_sample_matches_golden(sample):
    expected = json.loads(golden_path(sample).read_text(encoding="utf-8"))
    assert reading(sample) == expected
