"""``jobdeck contact add|list|link``: people from the shell, wrong fields named."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.services import contacts, postings
from desktop.services.library import open_library
from tests.cli.test_import_export_cli import run
from tests.samples import amazon_document


def _library(data_dir: Path) -> int:
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document()).value
    db.close()
    return posting


def test_add_list_and_link_a_contact(capsys, data_dir: Path) -> None:
    posting = _library(data_dir)
    here = ("--data-dir", str(data_dir))
    code, out, _ = run(
        capsys,
        *here,
        "contact",
        "add",
        "--company",
        "Amazon",
        "--name",
        "Dana Reyes",
        "--email",
        "dana@amazon.example",
        "--role",
        "Recruiter",
        "--phone",
        "+1 206 555 0100",
        "--link",
        "https://linkedin.com/in/dana",
    )
    assert code == 0 and "Dana Reyes (Amazon)" in out
    code, out, _ = run(capsys, *here, "contact", "list", "--json")
    (dana,) = json.loads(out)
    assert {k: dana[k] for k in ("name", "company", "email", "title")} == {
        "name": "Dana Reyes",
        "company": "Amazon",
        "email": "dana@amazon.example",
        "title": "Recruiter",
    }
    code, out, _ = run(
        capsys, *here, "contact", "link", str(dana["id"]), str(posting), "--role", "hiring manager"
    )
    assert code == 0
    code, out, _ = run(capsys, *here, "contact", "list", "--json")
    assert json.loads(out)[0]["applications"] == [
        {"posting_id": posting, "title": amazon_document().title, "role": "hiring manager"}
    ]
    code, out, _ = run(capsys, *here, "contact", "list")
    assert "Dana Reyes" in out and "Amazon" in out


def test_wrong_fields_and_roles_are_named_and_nothing_is_saved(capsys, data_dir: Path) -> None:
    posting = _library(data_dir)
    here = ("--data-dir", str(data_dir))
    code, _, err = run(
        capsys,
        *here,
        "contact",
        "add",
        "--company",
        "Amazon",
        "--name",
        "X",
        "--email",
        "not-an-address",
        "--link",
        "ftp://x.example",
    )
    assert code == 1
    assert "e-mail 'not-an-address'" in err and "profile link 'ftp://x.example'" in err
    code, _, err = run(capsys, *here, "contact", "link", "5", str(posting), "--role", "recruiter")
    assert code == 1 and "Contact 5" in err
    db = open_library(data_dir)
    try:
        assert contacts.list_contacts(db) == []
    finally:
        db.close()


def test_contacts_go_out_as_vcards_and_come_into_a_new_library(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    here = ("--data-dir", str(data_dir))
    run(
        capsys,
        *here,
        "contact",
        "add",
        "--company",
        "Amazon",
        "--name",
        "Dana Reyes",
        "--email",
        "dana@amazon.example",
    )
    out_file = tmp_path / "people.vcf"
    code, out, _ = run(capsys, *here, "contact", "export", "-o", str(out_file))
    assert code == 0 and "1 contacts written" in out
    assert out_file.stat().st_mode & 0o077 == 0
    assert "EMAIL;TYPE=INTERNET:dana@amazon.example" in out_file.read_text()
    fresh = ("--data-dir", str(tmp_path / "fresh"))
    code, out, _ = run(capsys, *fresh, "contact", "import", str(out_file))
    assert code == 0 and "1 contacts added, 0 already there" in out
    code, out, _ = run(capsys, *fresh, "contact", "list", "--json")
    assert [(c["name"], c["company"]) for c in json.loads(out)] == [("Dana Reyes", "Amazon")]
    code, _, err = run(capsys, *fresh, "contact", "import", str(tmp_path / "missing.vcf"))
    assert code == 1 and "missing.vcf" in err
