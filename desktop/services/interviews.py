"""Interview rounds of an application: add, change, remove (and put back), read.

Every time is stored as an instant plus the zone it was given in. A change returns
``Changes(interviews={posting id})``: the agenda, the badges and the application's timeline
look at that kind.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

from desktop.core.agenda import INTERVIEW_KINDS, MAX_TITLE, Interview
from desktop.core.bounds import datetime_problem
from desktop.core.pipeline import TimelineEntry
from desktop.core.zones import UnknownZone, zone_given, zone_named
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound
from desktop.services.library import Library
from desktop.services.postings import PostingNotFound
from desktop.storage import interview_rows, record_errors

MAX_TEXT = 20_000


class InterviewNotFound(NotFound):
    """No interview with that id (deleted since, say)."""


def kind_named(text: str) -> str:
    """The interview kind for ``text`` ("phone screen", "Take-home", "onsite"). Raises Invalid
    naming the kinds there are."""
    wanted = "-".join(text.casefold().replace("_", " ").split())
    for key, title in INTERVIEW_KINDS.items():
        if wanted in (key, "-".join(title.casefold().split())):
            return key
    known = ", ".join(INTERVIEW_KINDS)
    raise Invalid(f"{text!r} is not a kind of interview (one of: {known}).")


def checked(interview: Interview) -> Interview:
    """``interview`` with its text tidied; raises Invalid naming the first thing wrong."""
    if interview.kind not in INTERVIEW_KINDS:
        kind_named(interview.kind)
    for value, what in ((interview.starts_at, "The start"), (interview.ends_at, "The end")):
        problem = datetime_problem(value, what)
        if problem is not None:
            raise Invalid(f"{problem}.")
    if interview.ends_at is not None and interview.ends_at < interview.starts_at:
        raise Invalid("The interview ends before it starts.")
    try:
        zone_named(interview.time_zone)
    except UnknownZone as error:
        raise Invalid(f"{error}.") from None
    people = tuple(" ".join(name.split()) for name in interview.interviewers)
    for text, what in (
        (interview.place, "The place"),
        (interview.prep_notes, "The preparation notes"),
        (interview.outcome, "The outcome"),
        *((name, "An interviewer's name") for name in people),
    ):
        if len(text) > MAX_TEXT:
            raise Invalid(f"{what} is longer than {MAX_TEXT:,} characters.")
    if any(len(name) > MAX_TITLE for name in people):
        raise Invalid(f"An interviewer's name is longer than {MAX_TITLE} characters.")
    return replace(
        interview,
        place=interview.place.strip(),
        interviewers=tuple(name for name in people if name),
    )


def new_interview(
    posting_id: int,
    kind: str,
    starts_at: datetime,
    *,
    ends_at: datetime | None = None,
    time_zone: str | None = None,
    place: str = "",
    interviewers: tuple[str, ...] = (),
    prep_notes: str = "",
    outcome: str = "",
) -> Interview:
    """An interview not stored yet. ``time_zone`` defaults to the zone ``starts_at`` was
    written in. Raises Invalid for a start without a zone or an unknown kind."""
    if starts_at.tzinfo is None:
        raise Invalid("The interview's start needs a time zone.")
    return Interview(
        0,
        posting_id,
        kind if kind in INTERVIEW_KINDS else kind_named(kind),
        starts_at,
        ends_at,
        time_zone or zone_given(starts_at),
        place,
        interviewers,
        prep_notes,
        outcome,
        f"{uuid.uuid4()}@jobdeck",
    )


def add_interview(db: Library, interview: Interview, *, now: datetime | None = None) -> Result[int]:
    """Store a new interview round; the value is its id. Its interviewers become contacts of
    the application (``link_interviewers``). Raises PostingNotFound, Invalid."""
    interview = checked(interview)
    with db.plain_writing() as connection:
        try:
            interview_id = interview_rows.insert_interview(connection, interview, now or _now())
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None
    changes = Changes(interviews=frozenset({interview.posting_id}))
    return Result(interview_id, changes.merged(link_interviewers(db, interview)))


def link_interviewers(db: Library, interview: Interview) -> Changes:
    """Make each interviewer one of the application's contacts in the role "interviewer":
    the company's contact of that name (any case) when there is one, else a new contact of
    the company. An application without a company keeps the names only."""
    from desktop.core.contacts import ContactFields
    from desktop.services import contacts

    if not interview.interviewers:
        return Changes()
    company = contacts.company_of_posting(db, interview.posting_id)
    if not company:
        return Changes()
    known = {c.name.casefold(): c for c in contacts.contacts_of_company(db, company)}
    linked = {
        (a.contact.id, a.role) for a in contacts.contacts_of_posting(db, interview.posting_id)
    }
    changes = Changes()
    for name in interview.interviewers:
        found = known.get(name.casefold())
        if found is None:
            made = contacts.add_contact(
                db, ContactFields(name, company), posting_id=interview.posting_id,
                role="interviewer",
            )  # fmt: skip
            known[name.casefold()] = made.value
            changes = changes.merged(made.changes)
        elif (found.id, "interviewer") not in linked:
            changes = changes.merged(
                contacts.link_contact(db, found.id, interview.posting_id, "interviewer")
            )
    return changes


def update_interview(db: Library, interview: Interview) -> Result[Interview]:
    """Save the changed fields of ``interview``; the value is the interview as it was (for
    undo). Raises InterviewNotFound, Invalid."""
    interview = checked(interview)
    with db.plain_writing() as connection:
        try:
            before = interview_rows.get_interview(connection, interview.id)
            interview_rows.update_interview(
                connection, replace(interview, posting_id=before.posting_id), _now()
            )
        except record_errors.InterviewMissing as error:
            raise InterviewNotFound(str(error)) from None
    changes = Changes(interviews=frozenset({before.posting_id}))
    linked = link_interviewers(db, replace(interview, posting_id=before.posting_id))
    return Result(before, changes.merged(linked))


def delete_interview(db: Library, interview_id: int) -> Result[Interview]:
    """Remove an interview; the value is what it was, for ``restore_interview``."""
    with db.plain_writing() as connection:
        try:
            gone = interview_rows.delete_interview(connection, interview_id)
        except record_errors.InterviewMissing as error:
            raise InterviewNotFound(str(error)) from None
    return Result(gone, Changes(interviews=frozenset({gone.posting_id})))


def restore_interview(db: Library, interview: Interview) -> Changes:
    """Put back a deleted interview (same id and UID). Raises PostingNotFound when its
    application was deleted since."""
    with db.plain_writing() as connection:
        try:
            interview_rows.restore_interview(connection, interview, _now())
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None
    return Changes(interviews=frozenset({interview.posting_id}))


def get_interview(db: Library, interview_id: int) -> Interview:
    with db.querying() as connection:
        try:
            return interview_rows.get_interview(connection, interview_id)
        except record_errors.InterviewMissing as error:
            raise InterviewNotFound(str(error)) from None


def interviews_of(db: Library, posting_id: int) -> list[Interview]:
    """An application's interview rounds, earliest first."""
    with db.querying() as connection:
        return interview_rows.interviews_of(connection, posting_id)


INTERVIEW_COLOR = "#8b5cf6"


def application_timeline(
    db: Library, posting_id: int, stages: tuple[TimelineEntry, ...]
) -> tuple[TimelineEntry, ...]:
    """The application's stage history ``stages`` with its interviews between the stage
    changes, in time order."""
    rounds = interviews_of(db, posting_id)
    if not rounds:
        return stages
    entries = [
        TimelineEntry(
            i.id,
            f"{i.kind_title} interview" + (f" — {i.outcome}" if i.outcome else ""),
            INTERVIEW_COLOR,
            i.starts_at,
            kind="interview",
        )
        for i in rounds
    ]
    return tuple(sorted([*stages, *entries], key=lambda e: (e.at, e.kind != "stage", e.id)))


def _now() -> datetime:
    return datetime.now(UTC)
