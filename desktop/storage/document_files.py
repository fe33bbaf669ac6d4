"""The library's document files: ``documents/<first two hex digits>/<sha256>.<type>`` beside
the database, written once, owner-only, never executable.

A copy is written to a partial file, synced, checked against the hash read, and renamed into
place, so a file in the folder is always whole; one already there (the same content) is not
written again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from desktop.core.documents import stored_name
from desktop.storage import library_files

CHUNK = 1024 * 1024


class DocumentFileError(Exception):
    """A file could not be read or copied; the message names it and says why."""


def documents_dir(data_dir: Path) -> Path:
    return data_dir / "documents"


def file_path(data_dir: Path, sha256: str, file_name: str) -> Path:
    return documents_dir(data_dir) / sha256[:2] / stored_name(sha256, file_name)


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            yield chunk


def hash_file(path: Path) -> tuple[str, int]:
    """(sha256 hex, size in bytes) of the file. Raises ``DocumentFileError``."""
    digest, size = hashlib.sha256(), 0
    try:
        for chunk in _chunks(path):
            digest.update(chunk)
            size += len(chunk)
    except OSError as error:
        raise DocumentFileError(f"Cannot read {path}: {error.strerror or error}.") from None
    return digest.hexdigest(), size


def store_file(data_dir: Path, source: Path) -> tuple[str, int, bool]:
    """Copy ``source`` into the library; returns (sha256, size, whether it was new).

    Raises ``DocumentFileError`` naming the file when it cannot be read (gone, unreadable, a
    folder), changed while it was copied, or cannot be written; nothing is left half-written.
    """
    if not source.is_file():
        raise DocumentFileError(f"{source} is not a file (moved or deleted?).")
    sha256, size = hash_file(source)
    target = file_path(data_dir, sha256, source.name)
    if target.exists() and hash_file(target)[0] == sha256:
        return sha256, size, False
    partial = target.with_name(target.name + ".partial")
    try:
        library_files.make_private_dir(target.parent)
        digest = hashlib.sha256()
        with library_files.open_private(partial, "wb") as out:
            for chunk in _chunks(source):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise DocumentFileError(f"{source} changed while it was copied; try again.")
        partial.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise DocumentFileError(f"Cannot copy {source}: {error.strerror or error}.") from None
    except DocumentFileError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return sha256, size, True


def remove_file(data_dir: Path, sha256: str, file_name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        file_path(data_dir, sha256, file_name).unlink()


# -- backups: the files travel inside the backup's database file ------------------------------

BACKUP_TABLE = "backup_document_files"


def embed_files(backup: sqlite3.Connection, data_dir: Path) -> None:
    """Put every document file the backup's rows name into the backup itself (a table of
    sha256, stored name, content), so a backup is one file holding the database and its files.
    A library without documents (or from before them) gets no table."""
    has_documents = backup.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'"
    ).fetchone()
    if not has_documents:
        return
    rows = backup.execute("SELECT sha256, min(file_name) FROM documents GROUP BY sha256").fetchall()
    if not rows:
        return
    backup.execute(
        f"CREATE TABLE {BACKUP_TABLE} (sha256 TEXT PRIMARY KEY, name TEXT, content BLOB)"
    )
    for sha256, file_name in rows:
        path = file_path(data_dir, sha256, file_name)
        try:
            content = path.read_bytes()
        except OSError:
            continue  # a file lost before the backup: the check names it after a restore
        backup.execute(
            f"INSERT INTO {BACKUP_TABLE} VALUES (?, ?, ?)",
            (sha256, stored_name(sha256, file_name), content),
        )
    backup.commit()


def extract_files(db_path: Path) -> list[str]:
    """After a restore: write the files a backup carried into the library's folder, each
    checked against its hash, and drop the table. Returns the problems (a file damaged in the
    backup), empty when all is well; nothing is written for a damaged file."""
    data_dir = db_path.parent
    problems: list[str] = []
    connection = sqlite3.connect(db_path)
    try:
        exists = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (BACKUP_TABLE,)
        ).fetchone()
        if not exists:
            return problems
        for sha256, name, content in connection.execute(
            f"SELECT sha256, name, content FROM {BACKUP_TABLE}"
        ):
            if hashlib.sha256(content).hexdigest() != sha256:
                problems.append(f"the document {name} is damaged in the backup")
                continue
            target = documents_dir(data_dir) / sha256[:2] / name
            if target.exists() and hash_file(target)[0] == sha256:
                continue
            library_files.make_private_dir(target.parent)
            partial = target.with_name(target.name + ".partial")
            with library_files.open_private(partial, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            partial.replace(target)
        if not problems:
            connection.execute(f"DROP TABLE {BACKUP_TABLE}")
            connection.commit()
    finally:
        connection.close()
    return problems
