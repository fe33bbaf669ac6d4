"""Documents through the services, on a real library folder: stored once by content, named
when unreadable or too large, removed with undo, unused files found; and a backup carries the
files: backup -> wipe -> restore brings notes, contacts and documents back byte for byte."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.core.contacts import ContactFields
from desktop.services import backups, contacts, documents, notes, postings
from desktop.services.errors import NotFound, Refused
from desktop.services.library import Library, open_library
from tests.samples import amazon_document


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / "outside" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path


def test_the_same_resume_sent_twice_is_stored_once(db: Library, tmp_path: Path) -> None:
    first = postings.create_posting(db, amazon_document()).value
    second = postings.create_posting(db, amazon_document(title="SDE", company="Stripe")).value
    resume = _file(tmp_path, "resume-v3.pdf", b"%PDF-1.7 resume v3")
    a = documents.attach_document(db, first, resume, label="Resume v3", sent_on=date(2026, 11, 2))
    b = documents.attach_document(db, second, resume)
    assert a.changes.documents == {first}
    assert a.value.sha256 == b.value.sha256 and b.value.label == "resume-v3"
    stored = list((db.data_dir / "documents").glob("*/*"))
    assert len(stored) == 1 and stored[0].suffix == ".pdf"
    assert stored[0].read_bytes() == b"%PDF-1.7 resume v3"
    assert stored[0].stat().st_mode & 0o177 == 0  # owner-only, never executable
    (version,) = documents.list_versions(db)
    assert sorted(p for _, p, _, _, _ in version.sent_with) == [first, second]
    assert [d.label for d in documents.documents_of(db, first)] == ["Resume v3"]


def test_a_vanished_folder_or_huge_file_is_named_and_nothing_saved(
    db: Library, tmp_path: Path
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    with pytest.raises(documents.InvalidDocument, match=r"gone\.pdf"):
        documents.attach_document(db, posting_id, tmp_path / "gone.pdf")
    with pytest.raises(documents.InvalidDocument, match="not a file"):
        documents.attach_document(db, posting_id, tmp_path)
    big = tmp_path / "outside" / "video.mp4"
    big.parent.mkdir(exist_ok=True)
    with big.open("wb") as out:
        out.truncate(51 * 1024 * 1024)
    with pytest.raises(documents.LargeDocument, match=r"video\.mp4 is 51 MB"):
        documents.attach_document(db, posting_id, big)
    assert documents.documents_of(db, posting_id) == []
    documents.attach_document(db, posting_id, big, large_ok=True)
    assert [d.size for d in documents.documents_of(db, posting_id)] == [51 * 1024 * 1024]


def test_a_missing_posting_leaves_no_copy_behind(db: Library, tmp_path: Path) -> None:
    letter = _file(tmp_path, "letter.docx", b"dear hiring manager")
    with pytest.raises(NotFound, match="Posting 77"):
        documents.attach_document(db, 77, letter)
    assert list((db.data_dir / "documents").glob("*/*")) == []


def test_removed_documents_come_back_and_unused_files_are_found(
    db: Library, tmp_path: Path
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    doc = documents.attach_document(db, posting_id, _file(tmp_path, "cv.pdf", b"cv")).value
    removed = documents.remove_document(db, doc.id).value
    assert documents.documents_of(db, posting_id) == []
    (unused,) = documents.unused_files(db)
    documents.restore_document(db, removed)
    assert documents.documents_of(db, posting_id) == [doc]
    assert documents.unused_files(db) == []
    postings.delete_posting(db, posting_id)  # the last application using it
    assert documents.unused_files(db) == [unused]
    assert unused.exists()  # only after the user agrees:
    assert documents.remove_unused_files(db, [unused]) == 1 and not unused.exists()


def test_programs_are_kept_but_never_opened(db: Library, tmp_path: Path) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    doc = documents.attach_document(db, posting_id, _file(tmp_path, "setup.exe", b"MZ")).value
    with pytest.raises(Refused, match="program or script"):
        documents.openable_file(db, doc)
    pdf = documents.attach_document(db, posting_id, _file(tmp_path, "a.pdf", b"%PDF")).value
    assert documents.openable_file(db, pdf).read_bytes() == b"%PDF"


def test_backup_wipe_restore_brings_everything_back_byte_for_byte(
    data_dir: Path, tmp_path: Path
) -> None:
    db = open_library(data_dir)
    posting_id = postings.create_posting(db, amazon_document()).value
    notes.add_note(db, posting_id, "Phone screen went well")
    dana = contacts.add_contact(db, ContactFields(name="Dana", company="Amazon")).value
    contacts.link_contact(db, dana.id, posting_id, "recruiter")
    content = bytes(range(256)) * 1000
    documents.attach_document(db, posting_id, _file(tmp_path, "resume.pdf", content))
    target = tmp_path / "elsewhere" / "jobdeck-backup.db"
    backups.backup_to(db, target)
    db.close()
    shutil.rmtree(data_dir)  # wiped: a new, empty data folder
    data_dir.mkdir()
    backups.restore_backup(data_dir, target)
    db = open_library(data_dir)
    try:
        assert [n.text for n in notes.list_notes(db, posting_id)] == ["Phone screen went well"]
        assert [(a.contact.name, a.role) for a in contacts.contacts_of_posting(db, posting_id)] == [
            ("Dana", "recruiter")
        ]
        (doc,) = documents.documents_of(db, posting_id)
        assert documents.openable_file(db, doc).read_bytes() == content
    finally:
        db.close()


def test_a_backup_with_a_damaged_document_is_refused_and_nothing_changes(
    data_dir: Path, tmp_path: Path
) -> None:
    import sqlite3

    db = open_library(data_dir)
    posting_id = postings.create_posting(db, amazon_document()).value
    documents.attach_document(db, posting_id, _file(tmp_path, "resume.pdf", b"original"))
    target = tmp_path / "b.db"
    backups.backup_to(db, target)
    db.close()
    with sqlite3.connect(target) as broken:
        broken.execute("UPDATE backup_document_files SET content = X'00'")
    broken.close()
    with pytest.raises(Exception, match="damaged in the backup"):
        backups.restore_backup(data_dir, target)
    db = open_library(data_dir)
    try:
        assert len(documents.documents_of(db, posting_id)) == 1
    finally:
        db.close()
