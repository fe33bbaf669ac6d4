"""Opening the library at start-up, and what to do when it cannot be opened as it is.

The decisions live here, with no Qt: ``open_at_startup`` either opens the library or says why
not, as a ``Damaged`` (move the file aside, offer a backup) or a ``CannotOpen`` (a message to
show as it is). The window only shows the boxes (``desktop/ui/startup_recovery.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.services.errors import LibraryTooNew, Refused
from desktop.services.library import Library, library_path, open_library, storage_errors
from desktop.storage import backups as backup_files

WAL_HEADER_BYTES = 32  # a WAL no longer than its header holds no page to replay


@dataclass(frozen=True)
class Damaged:
    """The library file is damaged; ``reason`` is SQLite's first complaint."""

    reason: str


@dataclass(frozen=True)
class CannotOpen:
    """The library cannot be used as it is (newer file, read-only folder); nothing was changed."""

    message: str


def _wal_with_pages(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-wal").stat().st_size > WAL_HEADER_BYTES
    except OSError:
        return False


def damage_of(path: Path) -> str | None:
    """Why the library file at ``path`` is damaged, or None when it is sound (or absent)."""
    if not path.exists():
        return None
    # quick_check: this runs before the window shows, after every unclean exit; the full check
    # took 6 s at 100,000 postings. It still finds a foreign or torn WAL's damage.
    problems = backup_files.integrity_problems(path, quick=True)
    return problems[0] if problems else None


def check_before_open(data_dir: Path) -> Damaged | None:
    """A damaged file found before SQLite replays a WAL left beside it, else None.

    A WAL left beside the file means the last run did not close cleanly, or the WAL came from
    elsewhere: a foreign WAL can make the library look empty, and opening would then build a
    fresh schema over the user's data. An empty WAL (a run killed before it wrote anything) has
    nothing to replay: no check, which at 100,000 postings reads the whole 1.2 GB file.
    """
    path = library_path(data_dir)
    if _wal_with_pages(path):
        reason = damage_of(path)
        if reason is not None:
            return Damaged(reason)
    return None


def open_at_startup(data_dir: Path) -> Library | Damaged | CannotOpen:
    """Open the library for the window, or say why it cannot be opened as it is."""
    path = library_path(data_dir)
    try:
        library = open_library(data_dir)
    except LibraryTooNew as error:
        return CannotOpen(str(error))
    except Refused as error:
        reason = damage_of(path)
        # no damage: a folder problem, not the file; say it as it is
        return CannotOpen(str(error)) if reason is None else Damaged(reason)
    problem = backup_files.write_problem(path)
    if problem is not None:
        library.close()
        return CannotOpen(
            f"Jobdeck cannot save to your library {path}: {problem}.\n\n"
            "Nothing was changed. Make the folder writable (or free some space) and start "
            "Jobdeck again."
        )
    return library


@storage_errors()
def move_damaged_aside(data_dir: Path) -> Path:
    """Move the damaged library file aside (never delete it); returns where it went.

    Raises ``Refused`` when it cannot be moved; the message says why.
    """
    return backup_files.move_aside(library_path(data_dir))
