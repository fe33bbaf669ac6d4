"""Documents sent with an application (a resume, a cover letter, a transcript; any file), kept
in the library folder under their content's SHA-256, so one resume sent to thirty applications
is stored once.

Jobdeck never runs or renders a document; it asks the desktop to open it, and not even that
for a file whose type the desktop would run as a program.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

LARGE_FILE_BYTES = 50 * 1024 * 1024  # a file over this asks first
MAX_LABEL_CHARS = 200

# Types a desktop would run rather than show: such a file is kept, but never opened by Jobdeck.
RUNNABLE_EXTENSIONS = frozenset(
    {
        "app", "appimage", "apk", "bat", "bin", "cmd", "com", "cpl", "deb", "desktop", "dll",
        "dmg", "exe", "hta", "jar", "js", "jse", "lnk", "msi", "msp", "pif", "pkg", "ps1",
        "py", "rpm", "run", "scr", "sh", "vb", "vbe", "vbs", "wsf", "command", "action",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Document:
    """One document sent with one application."""

    id: int
    posting_id: int
    sha256: str
    file_name: str  # the name the file had when attached
    label: str  # "Resume v3", "Cover letter"
    sent_on: date | None
    size: int  # bytes
    attached_at: datetime

    @property
    def extension(self) -> str:
        return extension_of(self.file_name)


@dataclass(frozen=True)
class DocumentVersion:
    """One stored file (one version of a resume, say) and every application it went to, as
    (document id, posting id, posting title, label, sent on)."""

    sha256: str
    file_name: str
    size: int
    sent_with: tuple[tuple[int, int, str, str, date | None], ...]


def extension_of(file_name: str) -> str:
    """The file's type as its name says, lower case, without the dot ("pdf"), or ""."""
    suffix = PurePath(file_name).suffix.lower().lstrip(".")
    return suffix if suffix.isalnum() and len(suffix) <= 10 else ""


def stored_name(sha256: str, file_name: str) -> str:
    """The name of the library's copy: the content's hash, and the type so the desktop knows
    which program shows it."""
    extension = extension_of(file_name)
    return f"{sha256}.{extension}" if extension else sha256


def may_open(file_name: str) -> bool:
    """Whether Jobdeck may hand the file to the desktop to open (not a program or script)."""
    return extension_of(file_name) not in RUNNABLE_EXTENSIONS


def label_for(label: str | None, file_name: str) -> str:
    """The label to store: the user's, trimmed, or the file's name without its type."""
    text = " ".join((label or "").split())
    if len(text) > MAX_LABEL_CHARS:
        raise ValueError(f"A label is at most {MAX_LABEL_CHARS} characters.")
    return text or PurePath(file_name).stem or file_name
