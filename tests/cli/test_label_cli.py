"""``jobdeck label``: made, put on and taken off, renamed, deleted; ``jobdeck list --label``;
what cannot be done says so on one line and exits 1."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.services import postings
from desktop.services.library import open_library
from tests.cli.test_import_export_cli import run
from tests.samples import amazon_document


def test_labels_from_the_command_line(capsys, data_dir: Path) -> None:
    db = open_library(data_dir)
    a = postings.create_posting(db, amazon_document(title="Robotics intern", url=None)).value
    b = postings.create_posting(db, amazon_document(title="Pricing analyst", url=None)).value
    db.close()
    here = ("--data-dir", str(data_dir))
    code, out, _ = run(capsys, *here, "label", "new", "Dream job", "--color", "#A855F7")
    assert code == 0 and out == "label 'Dream job' made (#a855f7)\n"
    code, out, _ = run(capsys, *here, "label", "add", str(a), "dream job", "Remote")
    assert code == 0 and out == f"posting #{a} labels: Dream job, Remote\n"
    run(capsys, *here, "label", "add", str(b), "Remote")
    code, out, _ = run(capsys, *here, "label", "list", "--json")
    assert json.loads(out) == [
        {"id": 1, "name": "Dream job", "color": "#a855f7", "count": 1},
        {"id": 2, "name": "Remote", "color": "#3b82f6", "count": 2},
    ]
    code, out, _ = run(capsys, *here, "list", "--label", "remote", "--label", "Dream Job", "--json")
    assert sorted((r["id"], r["labels"]) for r in json.loads(out)) == [
        (a, ["Dream job", "Remote"]),
        (b, ["Remote"]),
    ]  # either label, as the filter bar's ticks
    code, out, _ = run(capsys, *here, "list", "--label", "Dream Job", "--json")
    assert [r["id"] for r in json.loads(out)] == [a]
    code, out, _ = run(capsys, *here, "label", "edit", "remote", "--name", "Fully remote")
    assert out == "label 'Remote' (#3b82f6) is now 'Fully remote' (#3b82f6)\n"
    code, out, _ = run(capsys, *here, "label", "remove", str(a), "fully remote")
    assert code == 0 and out == f"posting #{a} labels: Dream job\n"
    code, out, _ = run(capsys, *here, "label", "delete", "Fully remote")
    assert code == 0 and out == "label 'Fully remote' deleted (taken off 1 application)\n"
    code, out, _ = run(capsys, *here, "label", "list")
    assert out == "#a855f7  Dream job                1 application\n"


def test_what_cannot_be_done_is_one_line_and_exit_1(capsys, data_dir: Path) -> None:
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document()).value
    db.close()
    here = ("--data-dir", str(data_dir))
    run(capsys, *here, "label", "new", "Remote")
    for command, says in (
        (("label", "new", "remote"), "There is already a label named 'Remote'."),
        (("label", "new", "Onsite", "--color", "blue"), "'blue' is not a colour like #3b82f6."),
        (("label", "remove", str(posting), "Nope"), "There is no label named 'Nope'."),
        (("label", "add", "999", "Remote"), "There is no posting with id 999."),
        (("label", "delete", "Nope"), "There is no label named 'Nope'."),
    ):
        code, out, err = run(capsys, *here, *command)
        assert code == 1 and out == "" and says in err and len(err.strip().splitlines()) == 1, (
            command,
            err,
        )
