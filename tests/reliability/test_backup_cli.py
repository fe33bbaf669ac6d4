"""``jobdeck backup``, ``restore`` and ``check``: clear verdicts, exit 0 or 1, never a traceback.

Until ``desktop/cli.py`` registers the commands, ``run`` dispatches them exactly the way the
wiring does (same parser parents, same split between library and data-folder commands).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from desktop import cli
from desktop.cli import backup as cli_backup
from desktop.services import backups
from desktop.services.library import open_library, resolve_data_dir
from tests.reliability.conftest import make_library


def _wired_main(argv: list[str]) -> int:
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="jobdeck", parents=[data_dir])
    cli_backup.add_backup_commands(parser.add_subparsers(dest="command"), [data_dir])
    args = parser.parse_args(argv)
    folder = resolve_data_dir(getattr(args, "data_dir", None))
    if args.command in cli_backup.DATA_DIR_COMMANDS:
        return cli_backup.DATA_DIR_COMMANDS[args.command](folder, args)
    db = open_library(folder)
    try:
        return cli_backup.run_backup(db, args)
    finally:
        db.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    wired = "backup" in cli.ALL_COMMANDS
    try:
        code = cli.main(list(argv)) if wired else _wired_main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_backup_then_check_then_restore(capsys, data_dir: Path, tmp_path: Path) -> None:
    make_library(data_dir, 2)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "backup")
    assert code == 0
    (made,) = backups.list_backups(data_dir)
    assert f"backed up to {made.path}" in out

    target = tmp_path / "usb" / "jobdeck-copy.db"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "backup", "--to", str(target))
    assert code == 0 and target.exists()

    make_library(data_dir, 3)  # five now
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "restore", str(target))
    assert code == 0
    assert "saved in" in out and "restored" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 0
    assert out.startswith("ok:")
    assert [b.postings for b in backups.list_backups(data_dir)] == [5, 2]


def test_check_says_damaged_and_exits_1(capsys, data_dir: Path) -> None:
    make_library(data_dir, 1)
    path = data_dir / "jobdeck.db"
    path.write_bytes(path.read_bytes()[:3000])
    code, _, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 1
    assert err.startswith(f"DAMAGED: {path}")
    assert "jobdeck restore FILE" in err


def test_restore_works_when_the_library_cannot_be_opened(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    make_library(data_dir, 2)
    good = tmp_path / "good.db"
    run(capsys, "--data-dir", str(data_dir), "backup", "--to", str(good))
    path = data_dir / "jobdeck.db"
    path.write_bytes(b"\x00garbage" * 500)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "restore", str(good))
    assert code == 0
    assert "damaged library was moved aside" in out
    assert run(capsys, "--data-dir", str(data_dir), "check")[0] == 0


def test_mistakes_exit_1_with_a_message(capsys, data_dir: Path, tmp_path: Path) -> None:
    make_library(data_dir, 1)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "restore", str(tmp_path / "nope.db"))
    assert (code, err.strip()) == (1, f"jobdeck restore: {tmp_path / 'nope.db'} does not exist")
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "restore", str(not_a_backup))
    assert code == 1 and "not a good backup" in err
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "backup", "--to", str(blocked / "x.db"))
    assert code == 1 and err.startswith("jobdeck backup: Cannot back up to")
    assert run(capsys, "--data-dir", str(tmp_path / "empty"), "check")[0] == 1
