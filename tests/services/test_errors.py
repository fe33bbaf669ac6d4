"""The services' one error family: what the window and the command line catch, on a real file."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from desktop.services import backups, logins, pipeline, postings, stages
from desktop.services.errors import (
    Invalid,
    LibraryTooNew,
    NotFound,
    Refused,
    ServiceError,
)
from desktop.services.library import Library, open_library
from tests.samples import amazon_document


def test_every_service_error_is_one_of_the_four_kinds() -> None:
    kinds = {
        postings.PostingNotFound: NotFound,
        postings.InvalidPosting: Invalid,
        pipeline.UnknownStage: NotFound,
        stages.StageError: Invalid,
        logins.UnknownPosting: NotFound,
        logins.NoPasswordStored: NotFound,
        backups.BackupError: Refused,
    }
    for error, kind in kinds.items():
        assert issubclass(error, kind) and issubclass(error, ServiceError), error


def test_undoing_a_move_of_a_deleted_posting_raises_not_found_with_a_message(db: Library) -> None:
    posting = postings.create_posting(db, amazon_document()).value
    applied = pipeline.resolve_stage(db, "Applied").id
    record, _ = pipeline.move_application(db, posting, applied)
    postings.delete_posting(db, posting)
    with pytest.raises(NotFound, match=f"no posting with id {posting}"):
        pipeline.undo_move(db, record)


def test_a_move_tells_a_missing_posting_from_a_missing_stage(db: Library) -> None:
    posting = postings.create_posting(db, amazon_document()).value
    applied = pipeline.resolve_stage(db, "Applied").id
    with pytest.raises(postings.PostingNotFound):
        pipeline.move_application(db, posting + 1, applied)
    with pytest.raises(pipeline.UnknownStage):
        pipeline.move_application(db, posting, applied + 100)


def test_a_stage_time_without_a_zone_is_invalid(db: Library) -> None:
    with pytest.raises(Invalid, match="time zone"):
        pipeline.correct_stage_time(db, 1, datetime(2026, 11, 17, 9, 0))


def test_a_library_from_a_newer_jobdeck_is_refused_as_too_new(data_dir: Path) -> None:
    open_library(data_dir).close()
    with sqlite3.connect(data_dir / "jobdeck.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    with pytest.raises(LibraryTooNew, match="newer version of Jobdeck") as raised:
        open_library(data_dir)
    assert isinstance(raised.value, Refused)


def test_a_file_that_is_not_a_library_is_refused(data_dir: Path) -> None:
    (data_dir / "jobdeck.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(Refused, match="not a readable Jobdeck database"):
        open_library(data_dir)
