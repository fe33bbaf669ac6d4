"""The user's stages: add, rename, recolour, reorder, open/closed, delete (moving cards first)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.stages import StageInfo
from desktop.deferred_import import deferred
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound
from desktop.services.library import Library
from desktop.storage import stage_sql

if TYPE_CHECKING:
    from desktop.storage import pipeline_records as records
    from desktop.storage import record_errors
else:  # the ORM, loaded after the window's first paint
    records = deferred("desktop.storage.pipeline_records")
    record_errors = deferred("desktop.storage.record_errors")

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
STAGES_CHANGED = Changes(stages=True)


class StageError(Invalid):
    """A stage edit that cannot be done as asked; the message says why."""


class UnknownStage(NotFound):
    """No stage with that id or name (deleted or renamed since, say)."""


@dataclass(frozen=True)
class DeletedStage:
    """Everything needed to bring a deleted stage back with its cards."""

    stage: StageInfo
    moved: tuple[tuple[int, float], ...]  # (posting id, its order in the deleted stage)
    history_ids: tuple[int, ...]


def list_stages(db: Library) -> list[StageInfo]:
    """The stages in use, in board order, with their numbers of postings (plain SQL)."""
    with db.querying() as connection:
        return stage_sql.stages_with_counts(connection)


def resolve_stage(db: Library, name: str) -> StageInfo:
    """The stage in use with this name (any case). Raises UnknownStage."""
    with db.querying() as connection:
        try:
            return stage_sql.stage_named(connection, name)
        except record_errors.StageMissing as error:
            raise UnknownStage(str(error)) from None


def _clean_name(db_session: object, name: str, stage_id: int | None = None) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise StageError("A stage needs a name.")
    if records.stage_named(db_session, cleaned, excluding=stage_id) is not None:  # type: ignore[arg-type]
        raise StageError(f"There is already a stage named {cleaned!r}.")
    return cleaned


def _check_color(color: str) -> str:
    if not _COLOR.match(color):
        raise StageError(f"{color!r} is not a colour like #3b82f6.")
    return color.lower()


def add_stage(
    db: Library, name: str, color: str = "#7c8aa5", *, is_closed: bool = False
) -> Result[int]:
    """Add a stage; the result's value is its id. An open stage goes before the closed ones
    (Rejected, Withdrawn, Ghosted end the board), a closed one at the end. A deleted (archived)
    stage of that name comes back instead. Raises ``StageError`` for an empty or taken name, a
    bad colour."""
    cleaned = " ".join(name.split())
    with db.writing() as session:
        in_use = records.all_stages(session)
        position = len(in_use)
        if not is_closed:
            position = next((i for i, s in enumerate(in_use) if s.is_closed), len(in_use))
        for index, stage in enumerate(in_use):  # make room: positions 0 .. n with a gap
            stage.position = index if index < position else index + 1
        existing = records.stage_named(session, cleaned)
        if existing is not None and existing.archived:
            existing.archived = False
            existing.name, existing.color = cleaned, _check_color(color)
            existing.is_closed, existing.position = is_closed, position
            return Result(existing.id, STAGES_CHANGED)
        stage_id = records.add_stage_row(
            session, _clean_name(session, cleaned), _check_color(color), is_closed, position
        )
        return Result(stage_id, STAGES_CHANGED)


def _edit(db: Library, stage_id: int, **values: object) -> Changes:
    with db.writing() as session:
        try:
            stage = records.get_stage(session, stage_id)
        except record_errors.StageMissing as error:
            raise StageError(str(error)) from None
        if "name" in values:
            values["name"] = _clean_name(session, str(values["name"]), stage_id)
        if "color" in values:
            values["color"] = _check_color(str(values["color"]))
        for key, value in values.items():
            setattr(stage, key, value)
    return STAGES_CHANGED


def rename_stage(db: Library, stage_id: int, name: str) -> Changes:
    return _edit(db, stage_id, name=name)


def recolor_stage(db: Library, stage_id: int, color: str) -> Changes:
    return _edit(db, stage_id, color=color)


def set_stage_closed(db: Library, stage_id: int, is_closed: bool) -> Changes:
    return _edit(db, stage_id, is_closed=is_closed)


def reorder_stages(db: Library, ordered_ids: list[int]) -> Changes:
    with db.writing() as session:
        stages = {stage.id: stage for stage in records.all_stages(session)}
        if sorted(ordered_ids) != sorted(stages):
            raise StageError("The new order must list every stage once.")
        for position, stage_id in enumerate(ordered_ids):
            stages[stage_id].position = position
    return STAGES_CHANGED


def delete_stage(db: Library, stage_id: int, move_to: int | None = None) -> Result[DeletedStage]:
    """Delete a stage; its cards first go to ``move_to`` (required when it has any)."""
    now = datetime.now(UTC)
    with db.writing() as session:
        try:
            stage = records.get_stage(session, stage_id)
        except record_errors.StageMissing as error:
            raise StageError(str(error)) from None
        everything = records.all_stages(session)
        if len(everything) == 1:
            raise StageError("The last stage cannot be deleted.")
        cards = records.postings_in_stage(session, stage_id)
        if cards and (move_to is None or move_to == stage_id):
            raise StageError(
                f"{stage.name!r} holds {len(cards)} posting(s): choose a stage to move them to."
            )
        moved: list[tuple[int, float]] = []
        history: list[int] = []
        if cards and move_to is not None:
            moved, history = records.move_all_cards(session, stage_id, move_to, now)
        info = StageInfo(stage.id, stage.name, stage.color, stage.is_closed, stage.position, 0)
        stage.archived = True
        for position, other in enumerate(s for s in everything if s.id != stage_id):
            other.position = position
    moved_ids = frozenset(posting_id for posting_id, _ in moved)
    return Result(
        DeletedStage(info, tuple(moved), tuple(history)), Changes(moved=moved_ids, stages=True)
    )


def restore_stage(db: Library, deleted: DeletedStage) -> Changes:
    """Undo a delete: the stage returns to its place, and its cards to it."""
    with db.writing() as session:
        stage = records.get_stage(session, deleted.stage.id)
        others = records.all_stages(session)
        stage.archived = False
        others.insert(min(deleted.stage.position, len(others)), stage)
        for position, each in enumerate(others):
            each.position = position
        for posting_id, order in deleted.moved:
            posting = records.get_posting(session, posting_id)
            posting.stage_id, posting.stage_order = stage.id, order
        for change_id in deleted.history_ids:
            records.delete_change(session, change_id)
    return Changes(moved=frozenset(p for p, _ in deleted.moved), stages=True)
