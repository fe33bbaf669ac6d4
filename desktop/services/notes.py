"""Notes on an application: what the user wrote down, each with its time, newest first.

Every change returns ``Changes(notes={posting id})``; the search index's ``notes`` column is
written in the same transaction, so a saved note is found by the search box at once.
"""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.core.notes import Note, note_text
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound
from desktop.services.library import Library
from desktop.storage import note_records


class InvalidNote(Invalid):
    """A note that cannot be saved as it is (empty, too long); the message says why."""


class NoteNotFound(NotFound):
    """No note with that id (deleted since, say)."""


def _now() -> datetime:
    return datetime.now(UTC)


def _checked(text: str) -> str:
    try:
        return note_text(text)
    except ValueError as error:
        raise InvalidNote(str(error)) from None


def _touched(posting_id: int) -> Changes:
    return Changes(notes=frozenset({posting_id}))


def list_notes(db: Library, posting_id: int) -> list[Note]:
    """The posting's notes, newest first (none for a posting that is not there)."""
    with db.querying() as connection:
        return note_records.notes_of(connection, posting_id)


def count_notes(db: Library, posting_id: int) -> int:
    with db.querying() as connection:
        return note_records.note_count(connection, posting_id)


def add_note(
    db: Library, posting_id: int, text: str, *, now: datetime | None = None
) -> Result[Note]:
    """Write a new note on the posting's application; the value is the stored note.

    Raises ``InvalidNote`` (empty, over ``core.notes.MAX_NOTE_CHARS``), ``NotFound`` (no such
    posting), ``WriteFailed``.
    """
    text = _checked(text)
    with db.plain_writing() as connection:
        note = note_records.add_note(connection, posting_id, text, now or _now())
    return Result(note, _touched(posting_id))


def edit_note(db: Library, note_id: int, text: str, *, now: datetime | None = None) -> Result[Note]:
    """Replace a note's text; the value is the note as it was (what undo puts back).

    Raises ``InvalidNote``, ``NoteNotFound``, ``WriteFailed``.
    """
    text = _checked(text)
    with db.plain_writing() as connection:
        try:
            before = note_records.edit_note(connection, note_id, text, now or _now())
        except note_records.NoteMissing as error:
            raise NoteNotFound(str(error)) from None
    return Result(before, _touched(before.posting_id))


def delete_note(db: Library, note_id: int) -> Result[Note]:
    """Remove a note; the value is the note removed (what undo puts back).

    Raises ``NoteNotFound``, ``WriteFailed``.
    """
    with db.plain_writing() as connection:
        try:
            before = note_records.delete_note(connection, note_id)
        except note_records.NoteMissing as error:
            raise NoteNotFound(str(error)) from None
    return Result(before, _touched(before.posting_id))


def restore_note(db: Library, note: Note) -> Result[Note]:
    """Put a deleted note back as it was: same id, text and times (undo of a delete).

    Raises ``NotFound`` when its posting is gone, ``WriteFailed``.
    """
    with db.plain_writing() as connection:
        restored = note_records.add_note(
            connection,
            note.posting_id,
            note.text,
            note.created_at,
            note_id=note.id,
            updated_at=note.updated_at,
        )
    return Result(restored, _touched(note.posting_id))


def put_back_text(db: Library, note: Note) -> Result[Note]:
    """Undo of an edit: the note gets ``note``'s text and time of change back."""
    with db.plain_writing() as connection:
        try:
            before = note_records.edit_note(connection, note.id, note.text, note.updated_at)
        except note_records.NoteMissing as error:
            raise NoteNotFound(str(error)) from None
    return Result(before, _touched(note.posting_id))
