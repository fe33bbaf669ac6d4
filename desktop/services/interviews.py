"""Interview rounds of an application: add, change, remove (and put back), read.

Every time is stored as an instant plus the zone it was given in. A change returns
``Changes(interviews={posting id})``: the agenda, the badges and the application's timeline
look at that kind.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from desktop.core.agenda import INTERVIEW_KINDS, MAX_TITLE, Interview
from desktop.core.bounds import datetime_problem
from desktop.core.pipeline import TimelineEntry
from desktop.core.zones import UnknownZone, zone_given, zone_named
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound
from desktop.services.library import Library
from desktop.services.postings import PostingNotFound
from desktop.storage import interview_rows, record_errors

if TYPE_CHECKING:
    from desktop.services.contacts import DeletedContact

MAX_TEXT = 20_000
INTERVIEWER = "interviewer"  # the role an interviewer takes among the application's contacts


class InterviewNotFound(NotFound):
    """No interview with that id (deleted since, say)."""


@dataclass(frozen=True)
class SavedInterview:
    """What saving an interview did, so that undo takes all of it back: the interview added
    (``before`` None) or changed (``before``: as it was), the contacts made for its
    interviewers, and the existing contacts given the interviewer role."""

    interview_id: int
    posting_id: int
    contacts_made: tuple[int, ...] = ()
    contacts_linked: tuple[int, ...] = ()
    before: Interview | None = None


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
    saved = add_interview_round(db, interview, now=now)
    return Result(saved.value.interview_id, saved.changes)


def add_interview_round(
    db: Library, interview: Interview, *, now: datetime | None = None
) -> Result[SavedInterview]:
    """``add_interview``, with what it did as the value (what ``undo_saved_interview`` takes
    back: the window's undo). Raises PostingNotFound, Invalid."""
    interview = checked(interview)
    with db.plain_writing() as connection:
        try:
            interview_id = interview_rows.insert_interview(connection, interview, now or _now())
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None
    changes = Changes(interviews=frozenset({interview.posting_id}))
    linked, made, roles = _link_interviewers(db, interview)
    saved = SavedInterview(interview_id, interview.posting_id, made, roles)
    return Result(saved, changes.merged(linked))


def change_interview(db: Library, interview: Interview) -> Result[SavedInterview]:
    """``update_interview``, with what it did as the value (the interview as it was and the
    contacts made or given the role for new interviewers), for ``undo_saved_interview``."""
    interview = checked(interview)
    before = _write_over(db, interview)
    linked, made, roles = _link_interviewers(db, replace(interview, posting_id=before.posting_id))
    saved = SavedInterview(interview.id, before.posting_id, made, roles, before)
    return Result(saved, Changes(interviews=frozenset({before.posting_id})).merged(linked))


def undo_saved_interview(db: Library, saved: SavedInterview) -> Changes:
    """Undo of ``add_interview_round`` (the interview removed) or ``change_interview`` (its
    fields put back); either way the contacts made for its interviewers are deleted and the
    interviewer roles it gave existing contacts taken away (``take_back``, without keeping
    what it removed)."""
    return take_back(db, saved).changes


@dataclass(frozen=True)
class TakenBack:
    """What ``take_back`` removed, for ``put_back`` (redo) to restore under the same ids: the
    saving it undid, the interview as that saving left it, and the contacts it had made."""

    saved: SavedInterview
    interview: Interview
    contacts: tuple[DeletedContact, ...]


def take_back(db: Library, saved: SavedInterview) -> Result[TakenBack]:
    """``undo_saved_interview``, keeping what it removed so that redo puts back the same
    interview and contacts (same ids, same roles) instead of making new ones."""
    from desktop.services import contacts

    if saved.before is None:
        result = delete_interview(db, saved.interview_id)
        interview, changes = result.value, result.changes
    else:
        interview = get_interview(db, saved.interview_id)
        _write_over(db, saved.before)
        changes = Changes(interviews=frozenset({saved.posting_id}))
    for contact_id in saved.contacts_linked:
        changes = changes.merged(
            contacts.unlink_contact(db, contact_id, saved.posting_id, INTERVIEWER)
        )
    removed = []
    for contact_id in saved.contacts_made:
        try:
            gone = contacts.delete_contact(db, contact_id)
        except NotFound:
            continue  # deleted since by the user: nothing left to take back
        removed.append(gone.value)
        changes = changes.merged(gone.changes)
    return Result(TakenBack(saved, interview, tuple(removed)), changes)


def put_back(db: Library, taken: TakenBack) -> Result[SavedInterview]:
    """Redo of a saving ``take_back`` undid: the interview added again (or changed again)
    under its id, its contacts restored under theirs with their roles, and the interviewer
    role given back to the contacts that had it from this saving. Raises PostingNotFound
    when the application was deleted since."""
    from desktop.services import contacts

    saved = taken.saved
    if saved.before is None:
        changes = restore_interview(db, taken.interview)
    else:
        _write_over(db, taken.interview)
        changes = Changes(interviews=frozenset({saved.posting_id}))
    for gone in taken.contacts:
        changes = changes.merged(contacts.restore_contact(db, gone).changes)
    for contact_id in saved.contacts_linked:
        changes = changes.merged(
            contacts.link_contact(db, contact_id, saved.posting_id, INTERVIEWER)
        )
    return Result(saved, changes)


def link_interviewers(db: Library, interview: Interview) -> Changes:
    """Make each interviewer one of the application's contacts in the role "interviewer":
    the company's contact of that name (any case) when there is one, else a new contact of
    the company. An application without a company keeps the names only."""
    return _link_interviewers(db, interview)[0]


def _link_interviewers(
    db: Library, interview: Interview
) -> tuple[Changes, tuple[int, ...], tuple[int, ...]]:
    """``link_interviewers``, with the ids of the contacts it made and of those it linked."""
    from desktop.core.contacts import ContactFields
    from desktop.services import contacts

    if not interview.interviewers:
        return Changes(), (), ()
    company = contacts.company_of_posting(db, interview.posting_id)
    if not company:
        return Changes(), (), ()
    known = {c.name.casefold(): c for c in contacts.contacts_of_company(db, company)}
    linked = {
        (a.contact.id, a.role) for a in contacts.contacts_of_posting(db, interview.posting_id)
    }
    changes = Changes()
    made: list[int] = []
    roles: list[int] = []
    for name in interview.interviewers:
        found = known.get(name.casefold())
        if found is None:
            stored = contacts.add_contact(
                db, ContactFields(name, company), posting_id=interview.posting_id,
                role=INTERVIEWER,
            )  # fmt: skip
            known[name.casefold()] = stored.value
            made.append(stored.value.id)
            changes = changes.merged(stored.changes)
        elif (found.id, INTERVIEWER) not in linked:
            changes = changes.merged(
                contacts.link_contact(db, found.id, interview.posting_id, INTERVIEWER)
            )
            linked.add((found.id, INTERVIEWER))
            roles.append(found.id)
    return changes, tuple(made), tuple(roles)


def reschedule(
    db: Library, interview_id: int, day: date, *, seen_in: tzinfo | None = None
) -> Result[Interview]:
    """Move an interview to another day at the same time of day in its own zone (its end
    moves with it); the value is the interview as it was (``restore_times`` puts it back).
    ``day`` is a day in the interview's own zone or, with ``seen_in``, the day in that zone
    (the user's) it is to fall on. Raises InterviewNotFound, Invalid."""
    if not 1900 <= day.year <= 9999:
        raise Invalid("The day must be in the years 1900 to 9999.")
    with db.plain_writing() as connection:
        try:
            before = interview_rows.get_interview(connection, interview_id)
            zone = zone_named(before.time_zone)
            own = before.starts_at.astimezone(zone)
            if seen_in is not None:  # as many days on as the user's day moves
                by = day - before.starts_at.astimezone(seen_in).date()
                try:
                    day = own.date() + by
                except OverflowError:
                    raise Invalid("The day must be in the years 1900 to 9999.") from None
                if not 1900 <= day.year <= 9999:
                    raise Invalid("The day must be in the years 1900 to 9999.")
            starts = datetime.combine(day, own.time(), zone)
            ends = None if before.ends_at is None else starts + (before.ends_at - before.starts_at)
            moved = replace(before, starts_at=starts, ends_at=ends)
            interview_rows.update_interview(connection, moved, _now())
        except record_errors.InterviewMissing as error:
            raise InterviewNotFound(str(error)) from None
    return Result(before, Changes(interviews=frozenset({before.posting_id})))


def restore_times(db: Library, before: Interview) -> Changes:
    """Give an interview back the start and end it had (undo of a reschedule)."""
    with db.plain_writing() as connection:
        try:
            now = interview_rows.get_interview(connection, before.id)
            back = replace(now, starts_at=before.starts_at, ends_at=before.ends_at)
            interview_rows.update_interview(connection, back, _now())
        except record_errors.InterviewMissing as error:
            raise InterviewNotFound(str(error)) from None
    return Changes(interviews=frozenset({before.posting_id}))


def shift(db: Library, interview_id: int, days: int) -> Result[Interview]:
    """Move an interview ``days`` days later (earlier when negative), same time of day."""
    interview = get_interview(db, interview_id)
    day = interview.starts_at.astimezone(zone_named(interview.time_zone)).date()
    try:
        return reschedule(db, interview_id, day + timedelta(days=days))
    except OverflowError:
        raise Invalid("The day must be in the years 1900 to 9999.") from None


def update_interview(db: Library, interview: Interview) -> Result[Interview]:
    """Save the changed fields of ``interview``; the value is the interview as it was (for
    undo). Raises InterviewNotFound, Invalid."""
    changed = change_interview(db, interview)
    assert changed.value.before is not None
    return Result(changed.value.before, changed.changes)


def _write_over(db: Library, interview: Interview) -> Interview:
    """Store ``interview``'s fields over the stored one (its posting stays); returns that one
    as it was. Raises InterviewNotFound."""
    with db.plain_writing() as connection:
        try:
            before = interview_rows.get_interview(connection, interview.id)
            interview_rows.update_interview(
                connection, replace(interview, posting_id=before.posting_id), _now()
            )
        except record_errors.InterviewMissing as error:
            raise InterviewNotFound(str(error)) from None
    return before


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
