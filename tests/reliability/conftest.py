"""Reliability fixtures: a real filesystem that is read-only or full, and a few small libraries.

Tests run as root in CI, where ``chmod`` stops nothing. A tmpfs mounted read-only (or with a
tiny size) makes the kernel itself refuse the writes, which is what a user's disk does; without
``mount`` rights these tests are skipped with that reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.services import postings
from desktop.services.library import Library, open_library
from tests.samples import amazon_document

Mount = Callable[..., Path]


def _run(*command: str) -> bool:
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Mount]:
    """``tmpfs(name, size="1m")`` mounts a fresh tmpfs; ``remount_read_only(path)`` below."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount(8) to make a real read-only or full filesystem")
    mounted: list[Path] = []

    def mount(name: str, size: str = "4m") -> Path:
        point = tmp_path / name
        point.mkdir()
        if not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)):
            pytest.skip("mount -t tmpfs is not permitted here")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        if not _run("umount", str(point)):
            _run("umount", "-l", str(point))  # something still has a file open: detach lazily


def remount_read_only(point: Path) -> None:
    assert _run("mount", "-o", "remount,ro", str(point)), f"cannot remount {point} read-only"


def fill_library(db: Library, count: int) -> list[int]:
    return [
        postings.create_posting(db, amazon_document(title=f"Posting {n}")).value
        for n in range(count)
    ]


def make_library(data_dir: Path, count: int) -> None:
    db = open_library(data_dir)
    fill_library(db, count)
    db.close()
