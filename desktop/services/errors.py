"""The one error family the window and the command line catch.

Every service failure is one of four kinds, each already worded for a user:

- ``NotFound``: what was asked for is not in the library (a posting deleted since, a stage renamed).
- ``Invalid``: the input is wrong (an empty title, a time without a zone); nothing was saved.
- ``Refused``: the library will not do it (a file from a newer Jobdeck, a stage still in use, a
  damaged or unreadable file, a bad backup).
- ``WriteFailed``: the change was right but could not be written (a full disk); none of it was.

Storage's own errors (``DatabaseError``, ``RecordNotFound``) are mapped to these by
``desktop.services.library``; nothing above services needs to know storage's classes.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A use case could not be done; ``str(error)`` says why in a user's words."""


class NotFound(ServiceError, LookupError):
    """What the call named is not in the library (any more)."""


class PostingNotFound(NotFound):
    """No posting with that id (deleted since, say)."""


class Invalid(ServiceError, ValueError):
    """The input is wrong; nothing was saved."""


class Refused(ServiceError):
    """The library will not do this (newer file, damaged file, a rule of the library)."""


class LibraryTooNew(Refused):
    """The library file was written by a newer Jobdeck; it was left untouched."""


class WriteFailed(ServiceError):
    """The change could not be written (full disk, read-only folder); none of it was saved."""


class LibraryBusy(WriteFailed):
    """Another process held the library's write lock longer than the busy timeout (5 s);
    nothing was saved, and the same write can simply be tried again."""
