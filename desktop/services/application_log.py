"""A dated record of applications: when each was sent, when it was first answered, its
interviews, its stage and the trail of stages behind it.

The CSV export and the printable application log (``jobdeck report``, File > Application log)
read it, limited to a stage, a date range (of the application's date) or a search. What a job
centre asks for as proof of applying ("Bewerbungsnachweis") is one row per application here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from desktop.core.posting import PostingDocument, StageChange
from desktop.services import postings
from desktop.services.library import Library

APPLIED = "applied"
_WHERE_LABEL = "Where applied: "


@dataclass(frozen=True)
class LogFilter:
    """Which applications: ``start``..``end`` (inclusive, local days) of the application's
    date; a stage by name (any case); a search as the list's search box takes it."""

    start: date | None = None
    end: date | None = None
    stage: str | None = None
    search: str = ""

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class LogEntry:
    posting_id: int
    company: str
    title: str
    where: str  # the board or site it was applied through, or the link's host
    applied_on: datetime | None
    first_response: datetime | None  # the first stage after the application (an answer)
    stage: str
    trail: tuple[StageChange, ...]
    interviews: tuple[datetime, ...]


def applied_on(doc: PostingDocument) -> datetime | None:
    """When the application was sent: the first time it entered Applied; without one, the
    first stage it entered after its first (an application tracked from a later stage)."""
    trail = doc.stage_history
    for change in trail:
        if change.stage.casefold() == APPLIED:
            return change.at
    return trail[1].at if len(trail) > 1 else None


def first_response(doc: PostingDocument, sent: datetime | None) -> datetime | None:
    """The first stage change after the application was sent (screening, a rejection ...)."""
    if sent is None:
        return None
    for change in doc.stage_history:
        if change.at > sent and change.stage.casefold() != APPLIED:
            return change.at
    return None


def where_applied(doc: PostingDocument) -> str:
    for line in (doc.description or "").splitlines():
        if line.startswith(_WHERE_LABEL):
            return line[len(_WHERE_LABEL) :].strip()
    if doc.url:
        host = urlsplit(doc.url).hostname or ""
        return host.removeprefix("www.")
    return ""


def interview_times(db: Library) -> dict[int, list[datetime]]:
    """Each application's interview start times, earliest first (one query for all)."""
    from desktop.storage import interview_rows

    found: dict[int, list[datetime]] = {}
    with db.querying() as connection:
        for interview, _ in interview_rows.interviews_between(connection, None, None):
            found.setdefault(interview.posting_id, []).append(interview.starts_at)
    return found


def selector(db: Library, which: LogFilter) -> Callable[[PostingDocument], bool]:
    """Whether a posting's document is one ``which`` selects (the search runs once, here)."""
    ids = set(postings.list_posting_ids(db, which.search)) if which.search else None
    stage = which.stage.casefold() if which.stage else None

    def selected(doc: PostingDocument) -> bool:
        if ids is not None and doc.id not in ids:
            return False
        if stage is not None and (doc.stage or "").casefold() != stage:
            return False
        if not which.dated:
            return True
        sent = applied_on(doc)
        if sent is None:
            return False
        day = sent.astimezone().date()
        return not ((which.start and day < which.start) or (which.end and day > which.end))

    return selected


def entries(db: Library, which: LogFilter = LogFilter()) -> Iterator[LogEntry]:
    """The applications ``which`` selects, by application date (undated ones last when no
    date range is asked for; left out when one is)."""
    selected = selector(db, which)
    interviews = interview_times(db)
    found: list[LogEntry] = []
    for doc in postings.iter_documents(db):
        if doc.id is None or not selected(doc):
            continue
        sent = applied_on(doc)
        found.append(
            LogEntry(
                doc.id,
                doc.company or "",
                doc.title or "",
                where_applied(doc),
                sent,
                first_response(doc, sent),
                doc.stage or "",
                doc.stage_history,
                tuple(interviews.get(doc.id, ())),
            )
        )
    found.sort(key=lambda e: (e.applied_on is None, e.applied_on or datetime.min, e.posting_id))
    yield from found


def day(moment: datetime | None) -> str:
    """A moment as the user's calendar day ("2026-09-03"), or ""."""
    return moment.astimezone().date().isoformat() if moment is not None else ""


def trail_text(trail: tuple[StageChange, ...]) -> str:
    return "; ".join(f"{change.stage} {day(change.at)}" for change in trail)
