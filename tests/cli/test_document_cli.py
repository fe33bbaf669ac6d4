"""``jobdeck attach``, ``documents``, ``detach``; ``backup --to`` and ``restore`` carry the files
into a new, empty data folder."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.services import postings
from desktop.services.library import open_library
from tests.cli.test_import_export_cli import run
from tests.samples import amazon_document


def test_attach_list_detach_and_a_backup_restored_elsewhere(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document()).value
    db.close()
    resume = tmp_path / "Resume v3.pdf"
    resume.write_bytes(b"%PDF resume three")
    here = ("--data-dir", str(data_dir))
    code, out, _ = run(
        capsys,
        *here,
        "attach",
        str(posting),
        str(resume),
        "--label",
        "Resume v3",
        "--sent-on",
        "2026-11-02",
    )
    assert code == 0 and "Resume v3" in out
    code, out, _ = run(capsys, *here, "documents", str(posting), "--json")
    (doc,) = json.loads(out)
    assert (doc["label"], doc["sent_on"], doc["size"]) == ("Resume v3", "2026-11-02", 17)
    code, out, _ = run(capsys, *here, "documents", "--json")
    assert json.loads(out)[0]["sent_with"][0]["posting_id"] == posting
    backup = tmp_path / "whole.db"
    code, _, err = run(capsys, *here, "backup", "--to", str(backup))
    assert code == 0, err
    fresh = tmp_path / "fresh"
    code, _, err = run(capsys, "--data-dir", str(fresh), "restore", str(backup))
    assert code == 0, err
    stored = list((fresh / "documents").glob("*/*"))
    assert [p.read_bytes() for p in stored] == [b"%PDF resume three"]
    code, out, _ = run(capsys, *here, "detach", str(doc["id"]))
    assert code == 0 and "taken off" in out


def test_unreadable_and_large_files_are_named(capsys, data_dir: Path, tmp_path: Path) -> None:
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document()).value
    db.close()
    here = ("--data-dir", str(data_dir))
    code, _, err = run(capsys, *here, "attach", str(posting), str(tmp_path / "nope.pdf"))
    assert code == 1 and "nope.pdf" in err
    big = tmp_path / "big.zip"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024 + 1)
    code, _, err = run(capsys, *here, "attach", str(posting), str(big))
    assert code == 1 and "over 50 MB" in err
    code, _, _ = run(capsys, *here, "attach", str(posting), str(big), "--large")
    assert code == 0


def test_detaching_the_last_use_of_a_file_says_so_and_removing_it_is_a_command(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    from desktop.services import documents, postings
    from desktop.services.library import open_library
    from tests.samples import amazon_document

    db = open_library(data_dir)
    posting_id = postings.create_posting(db, amazon_document()).value
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(b"%PDF")
    doc = documents.attach_document(db, posting_id, resume, label="Resume").value
    db.close()
    here = ("--data-dir", str(data_dir))
    code, out, _ = run(capsys, *here, "detach", str(doc.id))
    assert code == 0 and "resume.pdf is sent with no application now" in out
    assert "jobdeck documents --remove-unused" in out
    assert len(list((data_dir / "documents").glob("*/*"))) == 1  # not removed unasked
    code, out, _ = run(capsys, *here, "documents", "--remove-unused")
    assert code == 0 and out == "1 unused file(s) removed from the library folder\n"
    assert list((data_dir / "documents").glob("*/*")) == []
