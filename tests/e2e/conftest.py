"""End-to-end: the real app in a real X11 window on a virtual screen, driven with real input.

Needs Xvfb and xdotool (``make test`` installs them); skipped with a clear reason without them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def _free_display() -> str:
    for number in range(150, 250):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return f":{number}"
    raise RuntimeError("no free X display number")


def _wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class X11App:
    display: str
    window: str
    process: subprocess.Popen[bytes]

    def xdotool(self, *args: str) -> str:
        env = {**os.environ, "DISPLAY": self.display}
        done = subprocess.run(
            ["xdotool", *args], env=env, capture_output=True, text=True, check=True, timeout=20
        )
        return done.stdout.strip()

    def keys(self, *combos: str) -> None:
        for combo in combos:
            self.xdotool("key", combo)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "15", text)
        time.sleep(0.15)

    def drag(self, start: tuple[int, int], end: tuple[int, int], steps: int = 12) -> None:
        """Press, move in small steps, release: Qt's own drag and drop code runs."""
        self.xdotool("mousemove", "--window", self.window, str(start[0]), str(start[1]))
        self.xdotool("mousedown", "1")
        time.sleep(0.2)
        for step in range(1, steps + 1):
            x = start[0] + (end[0] - start[0]) * step // steps
            y = start[1] + (end[1] - start[1]) * step // steps
            self.xdotool("mousemove", "--window", self.window, str(x), str(y))
            time.sleep(0.05)
        time.sleep(0.2)
        self.xdotool("mouseup", "1")
        time.sleep(0.5)

    def focus(self) -> None:
        # Xvfb has no window manager: focus does not come back by itself when a dialog closes.
        self.xdotool("windowfocus", "--sync", self.window)
        time.sleep(0.2)

    def wait_for_dialog(self, title: str, seconds: float = 20) -> None:
        """Wait until a window titled ``title`` shows, then give it the keyboard: typing before
        it is there (a busy machine opens it late) would go to the window behind it."""
        found: list[str] = []

        def shown() -> bool:
            try:
                ids = self.xdotool("search", "--onlyvisible", "--name", f"^{title}$")
            except subprocess.CalledProcessError:
                return False
            found[:] = ids.splitlines()
            return bool(found)

        _wait_for(shown, seconds, f"the {title!r} window")
        self.xdotool("windowfocus", "--sync", found[-1])
        time.sleep(0.2)

    def quit(self) -> int:
        self.focus()
        self.keys("ctrl+q")
        # Quitting takes a second idle; on a machine busy with other work it took over 20.
        return self.process.wait(timeout=60)


@pytest.fixture
def x11_display() -> Iterator[str]:
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (make test installs it); e2e needs a real X11")
    display = _free_display()
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_for(lambda: Path(f"/tmp/.X11-unix/X{display[1:]}").exists(), 10, "Xvfb to start")
    yield display
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def launch(x11_display: str, tmp_path: Path) -> Iterator[Callable[[Path], X11App]]:
    started: list[X11App] = []

    def start(data_dir: Path) -> X11App:
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update(DISPLAY=x11_display, XDG_CONFIG_HOME=str(tmp_path / "config"))
        log = tmp_path / f"app-{len(started)}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        probe = X11App(x11_display, "", process)
        window = ""

        def shown() -> bool:
            nonlocal window
            assert process.poll() is None, f"Jobdeck exited: {log.read_text(errors='replace')}"
            try:
                found = probe.xdotool("search", "--onlyvisible", "--pid", str(process.pid))
            except subprocess.CalledProcessError:
                return False
            window = found.splitlines()[-1] if found else ""
            return bool(window)

        _wait_for(shown, 30, "the Jobdeck window")
        app = X11App(x11_display, window, process)
        app.focus()
        # Qt makes the window active a moment after X gives it the focus, and finishes its
        # start-up just after the first frame: keys sent before then miss the shortcuts on a
        # busy machine (as run-in-x11.sh, wait a second before driving).
        time.sleep(1.0)
        started.append(app)
        return app

    yield start
    for app in started:
        if app.process.poll() is None:
            app.process.kill()
            app.process.wait(timeout=10)
