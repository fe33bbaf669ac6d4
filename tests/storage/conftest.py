"""Storage tests work on storage's own ``Database`` (below the services' door), a real file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.storage.database import Database, open_database

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Database]:
    database = open_database(data_dir)
    yield database
    database.close()
