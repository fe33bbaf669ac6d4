"""One Jobdeck per library: a second start asks the first to come forward and exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.single_instance import SingleInstance, server_name

# A second process doing what run_app will do first: claim, or hand over and exit.
SECOND_START = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from desktop.ui.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]))
    claimed = instance.claim()
    print("claimed" if claimed else "handed over", flush=True)
    if claimed and len(sys.argv) > 2:
        sys.stdin.readline()  # hold the library until told (or killed)
    """
)


@pytest.fixture
def instances() -> Iterator[list[SingleInstance]]:
    made: list[SingleInstance] = []
    yield made
    for instance in made:
        instance.release()


def _second_start(data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-c", SECOND_START, str(data_dir), *extra],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_a_second_process_brings_the_first_forward_and_exits(
    qtbot: QtBot, data_dir: Path, instances: list[SingleInstance]
) -> None:
    first = SingleInstance(data_dir)
    instances.append(first)
    assert first.claim()

    with qtbot.waitSignal(first.activation_requested, timeout=20000):
        second = _second_start(data_dir)
        # The signal arrives while we wait: the first process's event loop is running.
    out, _ = second.communicate(timeout=20)
    assert (second.returncode, out.strip()) == (0, "handed over")


def test_in_one_process_too_the_library_is_claimed_once(
    qtbot: QtBot, data_dir: Path, instances: list[SingleInstance]
) -> None:
    first, second = SingleInstance(data_dir), SingleInstance(data_dir)
    instances.extend([first, second])
    assert first.claim()
    with qtbot.waitSignal(first.activation_requested, timeout=5000):
        assert not second.claim()


def test_two_libraries_run_side_by_side(tmp_path: Path, instances: list[SingleInstance]) -> None:
    one, two = SingleInstance(tmp_path / "one"), SingleInstance(tmp_path / "two")
    instances.extend([one, two])
    assert one.claim() and two.claim()
    assert server_name(tmp_path / "one") != server_name(tmp_path / "two")
    assert server_name(tmp_path / "one") == server_name(tmp_path / "x" / ".." / "one")


def test_a_crashed_instance_does_not_lock_the_library_out(
    data_dir: Path, instances: list[SingleInstance]
) -> None:
    holder = _second_start(data_dir, "hold")
    assert holder.stdout is not None and holder.stdout.readline().strip() == "claimed"
    blocked = SingleInstance(data_dir)
    instances.append(blocked)
    assert not blocked.claim()  # alive: the library is taken (nobody answers the socket here)

    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    holder.stdin.close()  # type: ignore[union-attr]
    holder.stdout.close()

    after = SingleInstance(data_dir)
    instances.append(after)
    assert after.claim()  # its lock file names a dead process: stale, taken over
    assert (data_dir / "jobdeck.lock").exists()
