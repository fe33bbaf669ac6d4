"""The document files as a zip beside the JSON export, and back: every file in use once,
checked by hash on the way in; a damaged file is refused by name; a file gone is named."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from desktop.services import document_zip, documents, postings
from desktop.services.errors import Invalid
from desktop.services.library import Library, open_library
from tests.cli.test_import_export_cli import run
from tests.samples import amazon_document


def _two_applications_one_resume(db: Library, tmp_path: Path) -> tuple[bytes, bytes]:
    resume, letter = tmp_path / "resume v3.pdf", tmp_path / "letter.docx"
    resume.write_bytes(b"%PDF resume " * 1000)
    letter.write_bytes(b"PK letter")
    for title in ("A", "B"):
        posting_id = postings.create_posting(db, amazon_document(title=title, url=None)).value
        documents.attach_document(
            db, posting_id, resume, label="Resume v3", sent_on=date(2026, 11, 2)
        )
    documents.attach_document(db, posting_id, letter, label="Cover letter")
    return resume.read_bytes(), letter.read_bytes()


def test_the_zip_holds_each_file_once_and_brings_them_back(db: Library, tmp_path: Path) -> None:
    resume, letter = _two_applications_one_resume(db, tmp_path)
    target = tmp_path / "files.zip"
    assert document_zip.write_documents_zip(db, target) == document_zip.ZipWritten(2)
    with zipfile.ZipFile(target) as archive:
        names = sorted(archive.namelist())
    assert [n.split("/")[2] for n in names] == ["letter.docx", "resume v3.pdf"]
    assert target.stat().st_mode & 0o777 == 0o600
    other = open_library(tmp_path / "other")
    try:
        read = document_zip.read_documents_zip(other, target)
        assert (read.stored, read.already, read.refused) == (2, 0, [])
        again = document_zip.read_documents_zip(other, target)
        assert (again.stored, again.already) == (0, 2)
        stored = sorted((other.data_dir / "documents").glob("*/*"))
        assert sorted(p.read_bytes() for p in stored) == sorted([resume, letter])
    finally:
        other.close()


def test_a_damaged_file_is_refused_by_name_and_a_bad_zip_is_named(
    db: Library, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("documents/" + "a" * 64 + "/resume.pdf", b"not what the hash says")
        archive.writestr("../../etc/passwd", b"x")
    read = document_zip.read_documents_zip(db, bad)
    assert read.stored == 0 and read.refused == [
        "resume.pdf: its content does not match its SHA-256 (damaged or changed)",
        "../../etc/passwd: not documents/<sha256>/<name>",
    ]
    assert not (db.data_dir / "documents").exists() or not any(
        (db.data_dir / "documents").glob("*/*")
    )
    (tmp_path / "plain.zip").write_text("not a zip")
    with pytest.raises(Invalid, match=r"plain\.zip is not a documents zip"):
        document_zip.read_documents_zip(db, tmp_path / "plain.zip")


def test_export_and_import_with_the_zip_from_the_command_line(capsys, tmp_path: Path) -> None:
    first = tmp_path / "first"
    db = open_library(first)
    try:
        resume, _letter = _two_applications_one_resume(db, tmp_path)
    finally:
        db.close()
    out, files = tmp_path / "export.json", tmp_path / "files.zip"
    here = ("--data-dir", str(first))
    code, _, err = run(
        capsys, *here, "export", "--format", "json", "-o", str(out), "--documents", str(files)
    )
    assert code == 0 and "2 document files written" in err
    code, _, err = run(capsys, *here, "export")
    assert code == 2 and "give --format json|csv, or --documents FILES.zip" in err
    code, _, err = run(capsys, *here, "export", "--documents", str(tmp_path / "only.zip"))
    assert code == 0 and zipfile.ZipFile(tmp_path / "only.zip").namelist()
    other = ("--data-dir", str(tmp_path / "other"))
    code, stdout, err = run(capsys, *other, "import", str(out), "--documents", str(files))
    assert code == 0, err
    assert "documents: 2 stored, 0 already in the library" in stdout
    db = open_library(tmp_path / "other")
    try:
        posting_id = postings.list_posting_ids(db, "A")[0]
        (doc,) = [d for d in documents.documents_of(db, posting_id) if d.label == "Resume v3"]
        assert documents.openable_file(db, doc).read_bytes() == resume
    finally:
        db.close()
    assert json.loads(out.read_text())[0]["documents"]


def test_a_file_gone_from_the_library_is_named_and_exits_1(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    db = open_library(data_dir)
    try:
        _two_applications_one_resume(db, tmp_path)
        for path in (data_dir / "documents").glob("*/*.docx"):
            path.unlink()
    finally:
        db.close()
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "export", "--documents", str(tmp_path / "f.zip")
    )
    assert code == 1 and "1 document files written" in err
    assert "missing from the library folder, left out: letter.docx" in err
