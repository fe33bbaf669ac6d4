"""The command line on a library on a read-only disk: reading commands and backups work, writing
ones say the disk is read-only, and nothing prints a traceback or calls a healthy file damaged."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from desktop.services.library import library_path
from tests.cli.test_cli_faults import SAMPLE, run
from tests.reliability.conftest import Mount, make_library, remount_read_only


def test_on_a_read_only_disk_reading_commands_work_and_writing_ones_say_why(
    capsys, tmpfs: Mount, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a password\n")))
    data_dir = tmpfs("ro-library")
    make_library(data_dir, 2)
    remount_read_only(data_dir)
    before = library_path(data_dir).read_bytes()
    at = ("--data-dir", str(data_dir))
    for reading in (("list",), ("stages",), ("export", "--format", "csv"), ("check",)):
        code, out, err = run(capsys, *at, *reading)
        assert code == 0, (reading, err)
    code, out, _ = run(capsys, *at, "backup", "--to", str(tmp_path / "rescued.db"))
    assert code == 0 and (tmp_path / "rescued.db").exists()
    for writing in (
        ("import", str(SAMPLE)),
        ("import", str(SAMPLE), "--dry-run"),
        ("move", "1", "Applied"),
        ("login", "set", "1", "--url", "https://a.test", "--username", "me"),
        ("login", "set", "1", "--keep-password"),
        ("backup",),
    ):
        code, out, err = run(capsys, *at, *writing)
        assert code == 1, (writing, out, err)
        assert "read-only" in err.lower(), (writing, err)
    assert library_path(data_dir).read_bytes() == before
