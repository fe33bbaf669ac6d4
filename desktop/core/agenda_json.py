"""An application's interviews and tasks in the JSON contract (export only, like ``stage``).

    "interviews": [{"kind": "technical", "start": "2026-12-03T14:00:00+01:00",
                    "end": null, "time_zone": "Europe/Paris", "place": "https://meet…",
                    "interviewers": ["Ann Lee"], "prep_notes": "", "outcome": "",
                    "uid": "…@jobdeck"}],
    "tasks": [{"title": "Send the thank-you note", "due_on": "2026-12-04",
               "due_at": null, "time_zone": "Europe/Paris", "done_at": null,
               "uid": "…@jobdeck"}]

Times are ISO 8601 with their offset (an interview's in its own zone); the UID is kept, so
importing an export into a library that has the same interview or task does not add it twice.

The library's tasks of no application ride on the export's first document, in the tasks' shape:

    "free_tasks": [{"title": "Update the CV", "due_on": "2026-12-10", ...}]

An export is a JSON array of posting documents: a reader older than this key passes over it
(unknown keys are ignored), where another element would be refused as a posting. So the tasks
ride on a posting whenever there is one. A library with tasks of no application and no posting
at all has no document to carry them; its export is then an array of one library record, which
no posting document can be mistaken for (it has none of their keys) and which names the
version of its own shape:

    [{"jobdeck_library": 1, "free_tasks": [{"title": "Update the CV", ...}]}]

A reader older than the record refuses it by name and loses nothing else (there is nothing
else in that file).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from desktop.core.agenda import INTERVIEW_KINDS, MAX_TITLE, Interview, Task
from desktop.core.zones import UnknownZone, zone_named

Fail = Callable[[str], Exception]
MAX_UID = 64
LIBRARY_KEY, LIBRARY_VERSION = "jobdeck_library", 1  # the library record's marker, its version


def interviews_json(interviews: Sequence[Interview]) -> list[dict[str, Any]]:
    return [
        {
            "kind": i.kind,
            "start": i.in_own_zone().isoformat(),
            "end": i.ends_at.astimezone(zone_named(i.time_zone)).isoformat() if i.ends_at else None,
            "time_zone": i.time_zone,
            "place": i.place,
            "interviewers": list(i.interviewers),
            "prep_notes": i.prep_notes,
            "outcome": i.outcome,
            "uid": i.uid,
        }
        for i in interviews
    ]


def tasks_json(tasks: Sequence[Task]) -> list[dict[str, Any]]:
    return [
        {
            "title": t.title,
            "due_on": t.due_on.isoformat(),
            "due_at": t.due_at.astimezone(zone_named(t.time_zone)).isoformat()
            if t.due_at
            else None,
            "time_zone": t.time_zone,
            "done_at": t.done_at.isoformat() if t.done_at else None,
            "uid": t.uid,
        }
        for t in tasks
    ]


def interviews_from(items: list[Any], fail: Fail) -> tuple[Interview, ...]:
    """Read ``interviews``; ``fail(message)`` makes the error to raise, naming the field."""
    found = []
    for n, item in enumerate(items):
        where = f"interviews[{n}]."
        if not isinstance(item, dict):
            raise fail(f"interviews[{n}] must be an object")
        kind = _text(item, "kind", where, fail)
        if kind not in INTERVIEW_KINDS:
            raise fail(f"{where}kind must be one of {', '.join(INTERVIEW_KINDS)}")
        zone = _zone(item, where, fail)
        start = _moment(item, "start", where, fail)
        if start is None:
            raise fail(f"{where}start is needed")
        people = item.get("interviewers", [])
        if not isinstance(people, list) or not all(isinstance(p, str) for p in people):
            raise fail(f"{where}interviewers must be a list of names")
        found.append(
            Interview(
                0,
                0,
                kind,
                start,
                _moment(item, "end", where, fail),
                zone,
                _text(item, "place", where, fail),
                tuple(p for p in people if p.strip()),
                _text(item, "prep_notes", where, fail),
                _text(item, "outcome", where, fail),
                _uid(item, where, fail),
            )
        )
    return tuple(found)


def tasks_from(items: list[Any], fail: Fail, key: str = "tasks") -> tuple[Task, ...]:
    """Read ``tasks`` (or ``free_tasks``, named by ``key`` in the errors)."""
    found = []
    for n, item in enumerate(items):
        where = f"{key}[{n}]."
        if not isinstance(item, dict):
            raise fail(f"{key}[{n}] must be an object")
        title = " ".join(_text(item, "title", where, fail).split())
        if not title or len(title) > MAX_TITLE:
            raise fail(f"{where}title must be 1 to {MAX_TITLE} characters")
        try:
            due_on = date.fromisoformat(_text(item, "due_on", where, fail))
        except ValueError:
            raise fail(f"{where}due_on must be an ISO date (YYYY-MM-DD)") from None
        if not 1900 <= due_on.year <= 9999:
            raise fail(f"{where}due_on must be in the years 1900 to 9999")
        found.append(
            Task(
                0,
                None,
                title,
                due_on,
                _moment(item, "due_at", where, fail),
                _zone(item, where, fail),
                _moment(item, "done_at", where, fail),
                _uid(item, where, fail),
            )
        )
    return tuple(found)


def _text(item: dict[str, Any], key: str, where: str, fail: Fail) -> str:
    value = item.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise fail(f"{where}{key} must be text")
    return value


def _zone(item: dict[str, Any], where: str, fail: Fail) -> str:
    name = _text(item, "time_zone", where, fail) or "UTC"
    try:
        zone_named(name)
    except UnknownZone as error:
        raise fail(f"{where}time_zone: {error}") from None
    return name


def _moment(item: dict[str, Any], key: str, where: str, fail: Fail) -> datetime | None:
    text = _text(item, key, where, fail)
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise fail(f"{where}{key} is not an ISO 8601 date and time: {text!r}") from None
    if value.tzinfo is None:
        raise fail(f"{where}{key} needs a time zone: {text!r}")
    if not 1900 <= value.year <= 9999:
        raise fail(f"{where}{key} must be in the years 1900 to 9999")
    return value


def _uid(item: dict[str, Any], where: str, fail: Fail) -> str:
    uid = _text(item, "uid", where, fail).strip()
    if not uid or len(uid) > MAX_UID:
        raise fail(f"{where}uid must be 1 to {MAX_UID} characters")
    return uid


def library_json(free_tasks: Sequence[Task]) -> dict[str, Any]:
    """The library record: an export's home for the tasks of no application when it has no
    posting document to carry them."""
    return {LIBRARY_KEY: LIBRARY_VERSION, "free_tasks": tasks_json(free_tasks)}


def is_library_record(value: Any) -> bool:
    return isinstance(value, dict) and LIBRARY_KEY in value


def library_from(value: dict[str, Any], fail: Fail) -> tuple[Task, ...]:
    """The tasks of no application a library record carries; raises ``fail`` naming what is
    wrong (a version newer than this Jobdeck reads, a bad task)."""
    version = value.get(LIBRARY_KEY)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail(f"{LIBRARY_KEY} must be a version number (1)")
    if version > LIBRARY_VERSION:
        raise fail(
            f"the library record is of version {version}; this Jobdeck reads version "
            f"{LIBRARY_VERSION}: a newer Jobdeck wrote it"
        )
    items = value.get("free_tasks", [])
    if not isinstance(items, list):
        raise fail("free_tasks must be a list")
    return tasks_from(items, fail, "free_tasks")
