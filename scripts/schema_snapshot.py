"""Write desktop/storage/schema_snapshot.py: the schema and rows of a new library at the head
migration, which ``open_database`` creates a new library from instead of running every
migration (about 1.5 s of a first ``jobdeck import``).

Run it after adding a migration (tests/storage/test_schema_snapshot.py fails until then):

    python scripts/schema_snapshot.py
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "desktop" / "storage" / "schema_snapshot.py"

HEADER = '''"""The schema and rows of a new library at migration {revision}, written by
scripts/schema_snapshot.py from a library Alembic migrated: do not edit, run the script.

``migrate.create_at_head`` makes a new library from it (one transaction, no Alembic);
tests/storage/test_schema_snapshot.py checks it equals what the migrations make.
"""

# ruff: noqa: E501

REVISION = {revision!r}

# sqlite_master's statements in the order SQLite holds them (tables before what refers to them),
# without what SQLite makes itself (automatic indexes, a virtual table's own tables).
SCHEMA: tuple[str, ...] = (
'''


def snapshot_of(path: Path) -> tuple[str, list[str], dict[str, list[tuple[object, ...]]]]:
    """(revision, statements, rows by table) of the library file at ``path``."""
    with sqlite3.connect(path) as conn:
        entries = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).fetchall()
        virtual = [
            name
            for kind, name, sql in entries
            if kind == "table" and sql.upper().startswith("CREATE VIRTUAL TABLE")
        ]
        own = [
            (kind, name, sql)
            for kind, name, sql in entries
            if not any(name.startswith(f"{table}_") and kind == "table" for table in virtual)
        ]
        rows = {}
        for kind, name, _sql in own:
            if kind == "table" and name not in virtual:
                found = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
                if found:
                    rows[name] = found
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    conn.close()
    return revision, [sql for _kind, _name, sql in own], rows


def module_text(revision: str, statements: list[str], rows: dict[str, list[tuple]]) -> str:
    text = HEADER.format(revision=revision)
    text += "".join(f"    {sql!r},\n" for sql in statements) + ")\n\n"
    text += "# The rows the migrations write (the default stages, the revision), by table.\n"
    text += "ROWS: dict[str, tuple[tuple[object, ...], ...]] = {\n"
    for table, found in rows.items():
        text += f"    {table!r}: (\n" + "".join(f"        {row!r},\n" for row in found) + "    ),\n"
    return text + "}\n"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from desktop.storage import database

    with tempfile.TemporaryDirectory(prefix="jobdeck-schema-") as folder:
        revision, statements, rows = snapshot_of(database.migrated_library(Path(folder)))
    TARGET.write_text(module_text(revision, statements, rows), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(TARGET)], check=True)
    print(f"{TARGET.relative_to(ROOT)}: schema {revision}, {len(statements)} statements")


if __name__ == "__main__":
    main()
