"""The everyday commands run on plain SQL: they never wait for the ORM, Alembic or keyring.

Run in a fresh interpreter, the only place where "not loaded" can be seen.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.services import logins, pipeline, postings
from desktop.services.library import Library
from tests.samples import amazon_document

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "keyring", "lxml", "nh3", "extruct")


def _modules_after(data_dir: Path, *args: str) -> tuple[int, str, list[str]]:
    code = textwrap.dedent(
        f"""
        import io, json, sys
        from contextlib import redirect_stdout
        from desktop.cli import main
        out = io.StringIO()
        with redirect_stdout(out):
            code = main(sys.argv[1:])
        heavy = sorted({{name.split(".")[0] for name in sys.modules}} & {set(HEAVY)!r})
        print(json.dumps({{"code": code, "out": out.getvalue(), "heavy": heavy}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    return result["code"], result["out"], result["heavy"]


@pytest.mark.parametrize(
    "command",
    [
        ["stages"],
        ["list", "--stage", "applied"],
        ["move", "{id}", "Applied"],
        ["login", "get", "{id}"],
    ],
)
def test_everyday_commands_load_nothing_heavy(
    db: Library, data_dir: Path, command: list[str]
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    pipeline.move_application(db, posting_id, pipeline.resolve_stage(db, "Applied").id)
    logins.set_login(db, posting_id, url="https://example.com", username="me", password=None)
    db.close()
    args = [part.format(id=posting_id) for part in command]
    code, out, heavy = _modules_after(data_dir, *args)
    assert code == 0 and out
    assert heavy == [], f"jobdeck {' '.join(args)} imported {heavy}"


def test_an_import_of_new_postings_loads_no_orm(data_dir: Path, tmp_path: Path) -> None:
    """An export and a tracker's sheet imported into a new library are written in plain SQL."""
    from desktop.core.document import to_json

    export = tmp_path / "export.json"
    export.write_text(json.dumps([to_json(amazon_document())]))
    sheet = tmp_path / "applications.csv"
    sheet.write_text("Company,Job Title,Status\nAcme,Data Engineer,Applied\n")
    for path in (export, sheet):
        code, out, heavy = _modules_after(data_dir, "import", str(path))
        assert code == 0 and "saved #" in out, out
        assert "sqlalchemy" not in heavy and "alembic" not in heavy, heavy
