"""Suggested follow-ups: shown, never applied, until the user accepts or dismisses them.

- a follow-up, ``follow_up_days`` after an application entered Applied with no change since;
- a thank-you note, the day after an interview (for three days);
- moving to Ghosted, after ``ghosted_days`` of silence (no stage change, no interview) in an
  open stage past the first.

Each is on by default and configurable (``AgendaSettings``); a decision (accepted or
dismissed) is remembered by the suggestion's key, which names the stage entry or interview it
is about, so it is not suggested again, and a new stage entry brings a new one.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from desktop.core.agenda import Suggestion, SuggestionKind, local_day
from desktop.core.stages import FIRST_STAGE
from desktop.core.zones import name_of
from desktop.services import pipeline, tasks
from desktop.services.agenda import settings
from desktop.services.changes import Changes, Result
from desktop.services.errors import NotFound
from desktop.services.library import Library
from desktop.storage import interview_rows, record_errors, stage_sql, suggestion_rows

APPLIED, GHOSTED = "Applied", "Ghosted"
THANK_YOU_DAYS = 3  # a thank-you is suggested for this many days after the interview


def suggestions(db: Library, now: datetime, zone: tzinfo) -> list[Suggestion]:
    """What is suggested now, oldest reason first; none when suggestions are turned off."""
    chosen = settings(db)
    if not chosen.suggestions:
        return []
    today = local_day(now, zone)
    found: list[Suggestion] = []
    with db.querying() as connection:
        decided = suggestion_rows.decided(connection)
        stages = {s.name.casefold(): s for s in suggestion_rows.stages_in_use(connection)}
        applied = stages.get(APPLIED.casefold())
        if applied is not None:
            since = now - timedelta(days=chosen.follow_up_days)
            # Not where a follow-up (or something else) is already planned.
            for posting_id, change_id, _at, name in suggestion_rows.latest_entries(
                connection, [applied.id], since, without_open_tasks=True
            ):
                found.append(
                    Suggestion(
                        f"follow-up:{posting_id}:{change_id}",
                        SuggestionKind.FOLLOW_UP,
                        posting_id,
                        name,
                        "Follow up on the application",
                        today,
                    )
                )
        if chosen.thank_you:
            start = datetime.combine(
                today - timedelta(days=THANK_YOU_DAYS), datetime.min.time(), zone
            )
            end = datetime.combine(today, datetime.min.time(), zone)
            for interview, name in interview_rows.interviews_between(connection, start, end):
                found.append(
                    Suggestion(
                        f"thank-you:{interview.id}",
                        SuggestionKind.THANK_YOU,
                        interview.posting_id,
                        name,
                        f"Send a thank-you note for the {interview.kind_title.lower()} interview",
                        local_day(interview.starts_at, zone) + timedelta(days=1),
                    )
                )
        ghosted = stages.get(GHOSTED.casefold())
        if ghosted is not None:
            watched = [
                s.id
                for s in stages.values()
                if not s.is_closed and s.name.casefold() != FIRST_STAGE.casefold()
            ]
            since = now - timedelta(days=chosen.ghosted_days)
            # An interview since then is not silence.
            for posting_id, change_id, _at, name in suggestion_rows.latest_entries(
                connection, watched, since, quiet_since=since
            ):
                found.append(
                    Suggestion(
                        f"ghosted:{posting_id}:{change_id}",
                        SuggestionKind.GHOSTED,
                        posting_id,
                        name,
                        f"No news for {chosen.ghosted_days} days: move to {ghosted.name}?",
                        today,
                    )
                )
    return [s for s in found if s.key not in decided]


def accept(db: Library, suggestion: Suggestion, now: datetime, zone: tzinfo) -> Result[object]:
    """Do what is suggested: make the task (a follow-up, a thank-you) or move the application
    to Ghosted; the suggestion is not shown again. The value is what ``undo_accept`` needs."""
    if suggestion.kind is SuggestionKind.GHOSTED:
        with db.querying() as connection:
            try:
                stage = stage_sql.stage_named(connection, GHOSTED)
            except record_errors.StageMissing:
                raise NotFound(f"There is no stage named {GHOSTED} any more.") from None
        moved = pipeline.move_application(db, suggestion.posting_id, stage.id, at=now)
        _decide(db, suggestion.key, "accepted", now)
        return Result(moved.value, moved.changes)
    task = tasks.new_task(
        suggestion.posting_id,
        suggestion.text,
        max(suggestion.due_on, local_day(now, zone)),
        time_zone=name_of(zone, now),
    )
    made = tasks.add_task(db, task, now=now)
    _decide(db, suggestion.key, "accepted", now)
    return Result(made.value, made.changes)


def undo_accept(db: Library, suggestion: Suggestion, value: object) -> Changes:
    """Take back an accepted suggestion: the task goes, or the application moves back."""
    if isinstance(value, int):
        changes = tasks.delete_task(db, value).changes
    else:
        changes = pipeline.undo_move(db, value)  # type: ignore[arg-type]
    undismiss(db, suggestion.key)
    return changes


def dismiss(db: Library, suggestion: Suggestion, now: datetime) -> Changes:
    """Do not suggest this again."""
    _decide(db, suggestion.key, "dismissed", now)
    return Changes(tasks=frozenset({suggestion.posting_id}))


def undismiss(db: Library, key: str) -> Changes:
    with db.plain_writing() as connection:
        suggestion_rows.undecide(connection, key)
    return Changes(tasks=frozenset({tasks.FREE}))


def _decide(db: Library, key: str, decision: str, now: datetime) -> None:
    with db.plain_writing() as connection:
        suggestion_rows.decide(connection, key, decision, now)
