"""The library's document files as one zip, and back: for a JSON export to carry its files.

The zip holds ``documents/<sha256>/<file name>`` for every file some application uses, once
each (the name it was first attached under). ``jobdeck import export.json --documents files.zip``
(or the zip on its own) copies each file into the library's ``documents/`` folder, checked
against the hash its folder names: a file whose content does not match is refused by name and
not stored. The JSON export names documents by the same hashes, so the two meet again.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from desktop.services import whole_files
from desktop.services.errors import Invalid, WriteFailed
from desktop.services.library import Library
from desktop.storage import document_files, document_records

_ENTRY = re.compile(r"^documents/([0-9a-f]{64})/([^/]+)$")
MAX_ENTRY = 2 * 1024**3  # refuse an entry that says it is larger than 2 GB (a zip bomb)


@dataclass(frozen=True)
class ZipWritten:
    files: int  # files written into the zip
    missing: tuple[str, ...] = ()  # file names in use whose file is gone from the library


@dataclass
class ZipRead:
    stored: int = 0  # files new to the library
    already: int = 0  # files it had
    refused: list[str] = field(default_factory=list)  # "name: why", nothing stored for them


def write_documents_zip(db: Library, target: Path) -> ZipWritten:
    """Write every document file in use to the zip ``target`` (owner-only, complete or not at
    all). A file missing from the library folder is left out and named in ``missing``.
    Raises WriteFailed naming the file."""
    with db.querying() as connection:
        files = document_records.stored_files(connection)
    written, missing = 0, []
    with (
        whole_files.writing(target) as out,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for sha256, name in files:
            path = document_files.file_path(db.data_dir, sha256, name)
            if not path.is_file():
                missing.append(name)
                continue
            archive.write(path, f"documents/{sha256}/{PurePosixPath(name).name}")
            written += 1
    return ZipWritten(written, tuple(missing))


def read_documents_zip(db: Library, source: Path) -> ZipRead:
    """Copy the files of a documents zip into the library, each checked against its hash.
    Raises Invalid when ``source`` is not a readable zip (nothing stored then)."""
    report = ZipRead()
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as error:
        raise Invalid(f"{source} is not a documents zip: {error}") from None
    with archive, tempfile.TemporaryDirectory(prefix="jobdeck-zip-") as scratch:
        for entry in archive.infolist():
            if entry.is_dir():
                continue
            found = _ENTRY.match(entry.filename)
            if found is None:
                report.refused.append(f"{entry.filename}: not documents/<sha256>/<name>")
                continue
            sha256, name = found.groups()
            if entry.file_size > MAX_ENTRY:
                report.refused.append(f"{name}: larger than 2 GB")
                continue
            problem = _store(db, archive, entry, sha256, Path(scratch) / sha256 / name)
            if problem == "":
                report.stored += 1
            elif problem is None:
                report.already += 1
            else:
                report.refused.append(f"{name}: {problem}")
    return report


def _store(
    db: Library, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, sha256: str, scratch: Path
) -> str | None:
    """Store one entry: "" when new, None when the library had it, else why it was refused."""
    target = document_files.file_path(db.data_dir, sha256, scratch.name)
    if target.is_file() and document_files.hash_file(target)[0] == sha256:
        return None
    scratch.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with archive.open(entry) as data, scratch.open("wb") as out:
            for chunk in iter(lambda: data.read(document_files.CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
    except (OSError, zipfile.BadZipFile, EOFError) as error:
        return f"cannot be read from the zip ({error})"
    try:
        if digest.hexdigest() != sha256:
            return "its content does not match its SHA-256 (damaged or changed)"
        try:
            document_files.store_file(db.data_dir, scratch)
        except document_files.DocumentFileError as error:
            raise WriteFailed(str(error)) from None
        return ""
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(scratch.parent)
