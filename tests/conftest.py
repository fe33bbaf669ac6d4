"""Shared fixtures: every test gets its own data folder and a real SQLite file."""

from __future__ import annotations

import gc
import os

# Before anything imports Qt: tests never need a screen.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.library import Library, open_library
from tests.samples import amazon_document  # noqa: F401  (re-exported for tests)

# Autouse: every test gets an in-memory keyring; none can reach the real one.
from tests.secrets.memory_keyring import memory_keyring_fixture  # noqa: F401

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing a test does may land in the real user's data folder or settings.
    monkeypatch.setenv("JOBDECK_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    # As the app does (desktop/ui/main_thread_gc.py): no automatic collection, which could run
    # in a worker thread and destroy Qt objects there; collect here, on the main thread.
    gc.disable()
    yield
    gc.collect()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def db(data_dir: Path) -> Iterator[Library]:
    database = open_library(data_dir)
    yield database
    database.close()
