"""Deferred modules: imported once, on first use, from whichever thread gets there first."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import deferred_import

SLOW_MODULE = """
import time
time.sleep(0.3)  # long enough for a second thread to arrive while this one imports
RUNS = [1]
VALUE = "ready"
"""


@pytest.fixture
def slow_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    name = f"jobdeck_slow_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(SLOW_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(deferred_import, "_REGISTERED", [])  # other tests' load_deferred
    yield name
    sys.modules.pop(name, None)


def test_nothing_is_imported_before_first_use(slow_module: str) -> None:
    module = deferred_import.deferred(slow_module)
    assert slow_module not in sys.modules
    assert "not loaded yet" in repr(module)
    assert module.VALUE == "ready"
    assert slow_module in sys.modules


def test_two_threads_using_it_at_once_both_see_the_whole_module(slow_module: str) -> None:
    module = deferred_import.deferred(slow_module)
    seen: list[object] = []

    def use() -> None:
        try:
            seen.append(module.VALUE)
        except Exception as error:  # recorded, so the assertion below names it
            seen.append(error)

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["ready"] * 4
    assert sys.modules[slow_module].RUNS == [1]  # executed once


def test_load_deferred_imports_every_module_named_so_far(slow_module: str) -> None:
    deferred_import.deferred(slow_module)
    deferred_import.load_deferred()
    assert slow_module in sys.modules
