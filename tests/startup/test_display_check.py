"""Without a display or Qt's X11 libraries, the app says why in one sentence (no Qt advice to
reinstall, no core dump)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.ui.display_check import display_problem

DESKTOP = {"DISPLAY": ":0"}


def test_a_desktop_with_every_library_has_no_problem() -> None:
    assert display_problem(DESKTOP, "linux", lambda _name: True) is None


def test_a_missing_x11_library_is_named_with_its_package() -> None:
    problem = display_problem(DESKTOP, "linux", lambda name: "cursor" not in name)
    assert problem == (
        "Jobdeck cannot open its window because the system library libxcb-cursor0 is missing "
        "(install with: sudo apt-get install libxcb-cursor0)."
    )


def test_no_display_is_said_plainly() -> None:
    problem = display_problem({}, "linux", lambda _name: True)
    assert problem is not None and "no display was found" in problem


@pytest.mark.parametrize(
    "environ",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "vnc"},
    ],
)
def test_platforms_without_x11_are_left_to_qt(environ: dict[str, str]) -> None:
    assert display_problem(environ, "linux", lambda _name: False) is None
    assert display_problem({}, "darwin", lambda _name: False) is None


def _free_display() -> str:
    number = next(n for n in range(180, 400) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{number}"


@pytest.mark.parametrize("display", [None, "free"])
def test_the_app_started_without_a_display_says_why_in_one_sentence(
    data_dir: Path, display: str | None
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.pop("DISPLAY", None)
    if display:
        env["DISPLAY"] = _free_display()  # an X server that is not there
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith("Jobdeck cannot open its window because ")
    assert "Reinstalling" not in done.stderr
