"""What storage raises when a row a caller named is not there.

The kind of record is in the class, not in the message: services map ``PostingMissing`` and
``StageMissing`` to their own errors without reading any text.
"""

from __future__ import annotations


class RecordNotFound(LookupError):
    """A row named by id or name does not exist; the message is in a user's words."""


class PostingMissing(RecordNotFound):
    """No posting with that id."""


class StageMissing(RecordNotFound):
    """No (live) stage with that id or name."""


class StageChangeMissing(RecordNotFound):
    """No stage change (history entry) with that id."""


class InterviewMissing(RecordNotFound):
    """No interview with that id."""


class TaskMissing(RecordNotFound):
    """No task with that id."""
