"""`make run` sets up what the app needs and nothing more (issue 16, items 4 and 5): the app's
libraries without the test tools, then Qt's system libraries, then the window."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEST_TOOLS = ("pytest", "pytest-qt", "hypothesis", "ruff")


def _names(requirements: list[str]) -> set[str]:
    return {
        r.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip()
        for r in requirements
    }


def test_the_apps_libraries_hold_no_test_tools() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not _names(project["dependencies"]) & set(TEST_TOOLS)
    assert set(TEST_TOOLS) <= _names(project["optional-dependencies"]["test"])


@pytest.mark.skipif(
    shutil.which("make") is None or not (ROOT / "Makefile").exists(),
    reason="make is not installed, or the tests run outside the source tree",
)
def test_make_run_installs_the_app_alone_then_qts_system_libraries_then_opens_the_window() -> None:
    # -n: print what would run; -B: as on a fresh clone, whatever the stamps say.
    steps = subprocess.run(
        ["make", "-n", "-B", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    installs = [s for s in steps if "pip install" in s and "--upgrade pip" not in s]
    assert installs == [".venv/bin/python -m pip install -e ."]  # not '.[test]'
    assert not any("[test]" in s or "--tests" in s for s in steps)
    order = [s for s in steps if "system-deps.sh" in s or s.endswith("/jobdeck")]
    assert order == ["bash scripts/system-deps.sh", ".venv/bin/jobdeck"]
    assert any(s.startswith("echo") and "Setting up" in s for s in steps)  # says what it does
