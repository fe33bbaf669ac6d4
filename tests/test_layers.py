"""The house's layers (architecture.md): arrows point down only, nothing below the UI imports
Qt, and the UI and the command line reach storage only through the services. Read from the
source (every import, including deferred ones), so a slip fails here, not in a review."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

DESKTOP = Path(__file__).parent.parent / "desktop"

# package -> the imports it must never make (a name or a dotted prefix)
FORBIDDEN = {
    "core": ("desktop", "PySide6", "sqlalchemy", "sqlite3"),
    "importers": ("desktop.ui", "desktop.cli", "desktop.services", "desktop.storage", "PySide6"),
    "storage": ("desktop.ui", "desktop.cli", "desktop.services", "desktop.printing", "PySide6"),
    "services": ("desktop.ui", "desktop.cli", "desktop.printing", "PySide6"),
    "cli": ("desktop.ui", "desktop.storage", "PySide6"),
    "ui": ("desktop.storage", "desktop.cli"),
    # Qt's print support for the window and the command line: Qt, and nothing of ours.
    "printing": ("desktop",),
}
# core may import core; the command line's entry point opens the window when no command is
# given (``jobdeck`` alone), which is the one way from cli to ui.
ALLOWED = {("core", "desktop.core"), ("cli/__init__.py", "desktop.ui.app")}


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif (  # deferred("desktop.storage.x"): an import all the same
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "deferred"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def _matches(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _allowed(package: str, path: Path, name: str) -> bool:
    where = path.relative_to(DESKTOP).as_posix()
    return any(place in (package, where) and _matches(name, allowed) for place, allowed in ALLOWED)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_is_below_it(package: str) -> None:
    slips = [
        f"{path.relative_to(DESKTOP.parent)}:{line} imports {name}"
        for path in sorted((DESKTOP / package).rglob("*.py"))
        for line, name in _imports(path)
        if any(_matches(name, banned) for banned in FORBIDDEN[package])
        and not _allowed(package, path, name)
    ]
    assert slips == []


# SQL as this code base writes it: upper-case keywords (a label such as "Delete the interview"
# is not SQL).
SQL = re.compile(
    r"^\s*(SELECT\b.*\bFROM\b|SELECT \d|INSERT (OR \w+ )?INTO\b|UPDATE \w+ SET\b|DELETE FROM\b"
    r"|WITH \w+|CREATE (TEMP |TEMPORARY |UNIQUE )?(TABLE|INDEX|VIEW|TRIGGER)\b|PRAGMA \w+)",
    re.DOTALL,
)


@pytest.mark.parametrize("package", ["services", "cli", "ui"])
def test_sql_is_written_only_in_storage(package: str) -> None:
    """Every query lives in ``desktop/storage`` (one place to index, migrate and test it): a
    string that starts like SQL in the layers above is a slip, wherever it hides."""
    slips = [
        f"{path.relative_to(DESKTOP.parent)}:{node.lineno}: {node.value[:40]!r}"
        for path in sorted((DESKTOP / package).rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value)
    ]
    assert slips == []
