"""Shared helpers for the importer tests: fixture paths and a fixed capture time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLES = FIXTURES / "importers"
CAPTURED_AT = datetime(2026, 1, 2, 19, 38, tzinfo=UTC)


@pytest.fixture
def captured_at() -> datetime:
    return CAPTURED_AT


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")
