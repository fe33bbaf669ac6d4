"""A command builds only its own group's parser; the groups' declared names are what they add."""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys

import pytest

from desktop.cli import ALL_COMMANDS, COMMAND_GROUPS, CommandGroup, build_parser, main


def _commands_of(parser: argparse.ArgumentParser) -> set[str]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(sub.choices)


@pytest.mark.parametrize("group", COMMAND_GROUPS, ids=lambda group: group.module)
def test_each_group_adds_exactly_the_commands_it_declares(group: CommandGroup) -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    group.function(group.adds)(commands, [])
    assert _commands_of(parser) == set(group.names)


@pytest.mark.parametrize("group", COMMAND_GROUPS, ids=lambda group: group.module)
def test_every_command_a_group_declares_has_a_function_to_run_it(group: CommandGroup) -> None:
    for name in {**group.runs, **group.runs_on_folder}.values():
        assert callable(group.function(name))
    assert not set(group.runs) & set(group.runs_on_folder)


def test_a_command_imports_only_its_own_group() -> None:
    code = (
        "import sys; from desktop.cli import build_parser; "
        "build_parser(['move', '3', 'Applied']); "
        "print(sorted(m for m in sys.modules if m.startswith('desktop.cli.')))"
    )
    printed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    groups = {f"desktop.cli.{group.module}" for group in COMMAND_GROUPS}
    assert groups & set(ast.literal_eval(printed)) == {"desktop.cli.pipeline"}


def test_a_command_builds_its_group_only_and_help_lists_every_command() -> None:
    assert _commands_of(build_parser(["--data-dir", "x", "move", "3", "Applied"])) == {
        "stages",
        "list",
        "move",
    }
    assert _commands_of(build_parser(["--help"])) == set(ALL_COMMANDS)
    assert _commands_of(build_parser(["--data-dir", "x", "-h"])) == set(ALL_COMMANDS)
    assert _commands_of(build_parser(["no-such-command"])) == set(ALL_COMMANDS)


def test_the_window_builds_no_command_parser_and_imports_no_command_group() -> None:
    for window in ([], ["--data-dir", "x"], ["--self-test"], ["--data-dir", "x", "--self-test"]):
        assert _commands_of(build_parser(window)) == set()
    code = (
        "import sys; from desktop.cli import build_parser; "
        "build_parser(['--data-dir', 'x', '--self-test']); "
        "print(sorted(m for m in sys.modules if m.startswith('desktop.cli.')))"
    )
    printed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    groups = {f"desktop.cli.{group.module}" for group in COMMAND_GROUPS}
    assert not groups & set(ast.literal_eval(printed))


def test_an_unknown_command_is_named_with_the_choices(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["no-such-command"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'no-such-command'" in error and "move" in error
