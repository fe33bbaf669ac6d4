"""A command builds only its own group's parser; the groups' declared names are what they add."""

from __future__ import annotations

import argparse

import pytest

from desktop.cli import ALL_COMMANDS, COMMAND_GROUPS, COMMANDS, build_parser, main
from desktop.cli.backup import DATA_DIR_COMMANDS


def _commands_of(parser: argparse.ArgumentParser) -> set[str]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(sub.choices)


@pytest.mark.parametrize(("add", "names"), COMMAND_GROUPS)
def test_each_group_adds_exactly_the_commands_it_declares(add, names) -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    add(commands, [])
    assert _commands_of(parser) == set(names)


def test_every_command_that_runs_is_in_a_group() -> None:
    assert set(ALL_COMMANDS) == set(COMMANDS) | set(DATA_DIR_COMMANDS)


def test_a_command_builds_its_group_only_and_help_lists_every_command() -> None:
    assert _commands_of(build_parser(["--data-dir", "x", "move", "3", "Applied"])) == {
        "stages",
        "list",
        "move",
    }
    assert _commands_of(build_parser(["--help"])) == set(ALL_COMMANDS)
    assert _commands_of(build_parser([])) == set(ALL_COMMANDS)
    assert _commands_of(build_parser(["no-such-command"])) == set(ALL_COMMANDS)


def test_an_unknown_command_is_named_with_the_choices(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["no-such-command"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'no-such-command'" in error and "move" in error
