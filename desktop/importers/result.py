"""What a reader hands back, and how it says no."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # naming ImportRefused (the window does at start-up) loads no posting types
    from desktop.core.agenda import Task
    from desktop.core.posting import PostingDocument


class ImportRefused(ValueError):
    """The input is not something Jobdeck can import; ``reason`` says why in the user's words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ReadResult:
    """One posting read from the input, with a warning for each piece the reader could not place."""

    document: PostingDocument
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class LibraryRecord:
    """What an export carries beside its postings: the library's tasks of no application
    (the record an export of a library with no posting holds; core.agenda_json)."""

    free_tasks: tuple[Task, ...]
