"""The application dates the list shows and sorts by (Applied on, Days in stage, Last activity)
are stored (application_dates, kept by triggers) and stay what the rule says after every kind of
write: moves and their undo, corrected dates, the user's own applied date, notes, documents,
tasks, a renamed or deleted stage, a deleted posting put back, imports with a history."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop.core.application_facts import StoredFacts
from desktop.core.listing import SortKey
from desktop.core.posting import PostingDocument, StageChange
from desktop.importers.result import ReadResult
from desktop.services import (
    application_facts,
    documents,
    importing,
    notes,
    pipeline,
    posting_removal,
    postings,
    stages,
    tasks,
)
from desktop.services.library import Library

DAY = timedelta(days=1)
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

# The rule, worked out from scratch per posting (as the list did before the dates were stored).
_RULE = (
    "SELECT p.id, "
    "coalesce((SELECT f.applied_at FROM application_facts AS f WHERE f.posting_id = p.id), "
    "(SELECT min(a.at) FROM stage_changes AS a WHERE a.posting_id = p.id AND a.stage_id IN "
    "(SELECT id FROM stages WHERE lower(name) = 'applied'))), "
    "(SELECT max(h.at) FROM stage_changes AS h "
    "WHERE h.posting_id = p.id AND h.stage_id = p.stage_id), "
    "nullif(max("
    "coalesce((SELECT max(h.at) FROM stage_changes AS h WHERE h.posting_id = p.id), ''), "
    "coalesce((SELECT max(n.created_at) FROM notes AS n WHERE n.posting_id = p.id), ''), "
    "coalesce((SELECT max(d.attached_at) FROM documents AS d WHERE d.posting_id = p.id), ''), "
    "coalesce((SELECT max(t.done_at) FROM tasks AS t WHERE t.posting_id = p.id), '')), '') "
    "FROM postings AS p ORDER BY p.id"
)


def _stored_agree_with_the_rule(db: Library) -> None:
    with db.querying() as conn:
        wanted = conn.execute(_RULE).fetchall()
        stored = conn.execute(
            "SELECT posting_id, applied_at, stage_since, last_activity FROM application_dates "
            "ORDER BY posting_id"
        ).fetchall()
    assert stored == wanted


def _posting(db: Library, title: str) -> int:
    return postings.create_posting(db, PostingDocument(title=title, company="Acme")).value


def _row(db: Library, posting_id: int):  # type: ignore[no-untyped-def]
    return postings.posting_rows(db, [posting_id])[posting_id]


def _sorted(db: Library, key: SortKey, descending: bool = True) -> list[int]:
    ids = postings.list_posting_ids(db, "", key, descending)
    # A page at a time reads the same order (the window reads pages).
    paged = [
        i
        for start in range(0, len(ids) + 2, 2)
        for i in postings.list_posting_ids(db, "", key, descending, offset=start, limit=2)
    ]
    assert paged == ids
    return ids


def test_moves_corrections_facts_and_stage_renames_keep_the_dates(db: Library) -> None:
    first, second, third = (_posting(db, name) for name in ("First", "Second", "Third"))
    applied = pipeline.resolve_stage(db, "Applied").id
    screening = pipeline.resolve_stage(db, "Screening").id
    _stored_agree_with_the_rule(db)
    assert _row(db, first).applied_at is None

    pipeline.move_application(db, first, applied, at=T0 + 2 * DAY)
    pipeline.move_application(db, second, applied, at=T0 + DAY)
    move = pipeline.move_application(db, third, applied, at=T0 + 3 * DAY)
    _stored_agree_with_the_rule(db)
    assert _row(db, first).applied_at == T0 + 2 * DAY
    assert _sorted(db, SortKey.APPLIED) == [third, first, second]
    assert _sorted(db, SortKey.APPLIED, descending=False) == [second, first, third]

    pipeline.undo_move(db, move.value)  # the undo of a move
    _stored_agree_with_the_rule(db)
    assert _sorted(db, SortKey.APPLIED) == [first, second, third]  # blank last
    assert _sorted(db, SortKey.APPLIED, descending=False) == [second, first, third]

    # The date of a stage change corrected (the list's Applied on follows), then undone.
    change = next(e for e in pipeline.timeline(db, second) if e.stage == "Applied")
    dating = pipeline.correct_stage_time(db, change.id, T0 + 5 * DAY).value
    _stored_agree_with_the_rule(db)
    assert _sorted(db, SortKey.APPLIED) == [second, first, third]
    pipeline.undo_stage_time(db, dating)
    _stored_agree_with_the_rule(db)

    # The user's own applied-on date wins over the move, and goes with it.
    application_facts.set_facts(db, third, StoredFacts(T0 + 9 * DAY))
    _stored_agree_with_the_rule(db)
    assert _sorted(db, SortKey.APPLIED)[0] == third
    application_facts.set_facts(db, third, StoredFacts(None))
    _stored_agree_with_the_rule(db)

    # Days in stage: a later move to Screening starts its clock again.
    pipeline.move_application(db, first, screening, at=T0 + 6 * DAY)
    _stored_agree_with_the_rule(db)
    assert _row(db, first).stage_since == T0 + 6 * DAY
    # More days in the stage first: Second (Applied since day 1) before First (day 6).
    days = _sorted(db, SortKey.DAYS_IN_STAGE)
    assert days.index(second) < days.index(first)

    # A stage named Applied renamed: no application was "applied" by a move any more, as the
    # rule reads the stage's name; named back, they are again.
    stages.rename_stage(db, applied, "Sent")
    _stored_agree_with_the_rule(db)
    assert _row(db, second).applied_at is None
    stages.rename_stage(db, applied, "applied")
    _stored_agree_with_the_rule(db)
    assert _row(db, second).applied_at == T0 + DAY

    # A deleted stage's cards go to another: they entered it now.
    stages.delete_stage(db, screening, move_to=applied)
    _stored_agree_with_the_rule(db)


def test_notes_documents_tasks_and_undo_delete_keep_last_activity(
    db: Library, tmp_path: Path
) -> None:
    quiet, busy = _posting(db, "Quiet"), _posting(db, "Busy")
    later = datetime.now(UTC) + 3 * DAY  # after the postings' own "Saved" entries
    note = notes.add_note(db, busy, "Called the recruiter", now=later).value
    _stored_agree_with_the_rule(db)
    assert _row(db, busy).last_activity == later
    assert _sorted(db, SortKey.LAST_ACTIVITY) == [busy, quiet]
    notes.delete_note(db, note.id)
    _stored_agree_with_the_rule(db)
    notes.restore_note(db, note)
    _stored_agree_with_the_rule(db)

    resume = tmp_path / "resume.pdf"
    resume.write_bytes(b"%PDF-1.4 resume")
    attached = documents.attach_document(db, quiet, resume, now=later + DAY).value
    _stored_agree_with_the_rule(db)
    assert _sorted(db, SortKey.LAST_ACTIVITY) == [quiet, busy]
    documents.remove_document(db, attached.id)
    _stored_agree_with_the_rule(db)
    assert _sorted(db, SortKey.LAST_ACTIVITY) == [busy, quiet]

    task = tasks.new_task(busy, "Send portfolio", date(2026, 12, 5), time_zone="UTC")
    task_id = tasks.add_task(db, task).value
    tasks.set_done(db, task_id, now=later + 2 * DAY)
    _stored_agree_with_the_rule(db)
    assert _row(db, busy).last_activity == later + 2 * DAY
    tasks.set_done(db, task_id, False)
    _stored_agree_with_the_rule(db)

    # Deleted, then put back by Undo (under a new id when its own was taken meanwhile).
    removed = posting_removal.remove_posting(db, busy).value
    _stored_agree_with_the_rule(db)
    assert _sorted(db, SortKey.LAST_ACTIVITY) == [quiet]
    restored = posting_removal.put_back_posting(db, removed).value
    _stored_agree_with_the_rule(db)
    assert _row(db, restored).last_activity == later
    assert _sorted(db, SortKey.LAST_ACTIVITY) == [restored, quiet]


def test_imported_histories_have_their_dates(db: Library) -> None:
    doc = PostingDocument(title="Imported", company="Acme", stage="Screening")
    history = (
        StageChange("Saved", T0),
        StageChange("Applied", T0 + DAY),
        StageChange("Screening", T0 + 4 * DAY),
    )
    read = [ReadResult(replace(doc, stage_history=history))]
    (outcome,) = importing.import_documents(db, read, importing.Decision.SKIP)
    _stored_agree_with_the_rule(db)
    row = _row(db, outcome.posting_id)
    assert (row.applied_at, row.stage_since, row.last_activity) == (
        T0 + DAY,
        T0 + 4 * DAY,
        T0 + 4 * DAY,
    )


def test_every_trigger_is_there(db: Library, data_dir: Path) -> None:
    # A later migration rebuilding one of these tables (batch mode) would drop its triggers.
    from desktop.storage.database import database_path

    with sqlite3.connect(database_path(data_dir)) as conn:
        names = {
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'application_dates_%'"
            )
        }
    tables = ("stage_changes", "application_facts", "notes", "documents", "tasks")
    expected = {f"application_dates_{t}_{what}" for t in tables for what in ("added", "deleted")}
    expected |= {f"application_dates_{t}_changed" for t in tables}
    expected |= {
        "application_dates_posting_added",
        "application_dates_posting_deleted",
        "application_dates_posting_moved",
        "application_dates_stage_renamed",
    }
    assert names == expected
