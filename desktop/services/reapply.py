"""The re-apply warning: before I repeat myself, what I already have at this employer.

"Amazon: 2 earlier applications: Rejected 2026-10-02, Ghosted since 2026-09-14". Companies are
matched by ``core.company_match``: the rules through the indexed ``companies.match_key``, then
spelling slips among the keys the library knows (kept per open library, refreshed when
companies come or go). A near-identical title at the same employer within 90 days is named
apart: that is the same role again, not only the same employer.

Shown by the import preview, the new-posting form, the detail pane, the board (a marker on the
card) and ``jobdeck import``. Plain SQL only: nothing here waits for the ORM.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from desktop.core.company_match import CompanyIndex, match_key, near_identical_titles
from desktop.core.pipeline import Card
from desktop.services.library import Library
from desktop.storage import company_applications as rows
from desktop.storage.pipeline_sql import stored_time

SAME_ROLE_DAYS = 90
LISTED = 5  # earlier applications named in the one-line summary; the rest are counted
# Closed stages that mean "still no answer" rather than an outcome: shown as "since" a date.
WAITING_STAGES = frozenset({"ghosted"})


@dataclass(frozen=True)
class EarlierApplication:
    posting_id: int
    title: str
    company: str
    stage: str
    stage_closed: bool
    since: datetime | None  # when it entered the stage it is in
    last_activity: datetime | None  # its latest stage change, else when it was saved

    @property
    def standing(self) -> str:
        """The stage and its day: "Rejected 2026-10-02", "Applied since 2026-09-14" (waiting)."""
        if self.since is None:
            return self.stage
        day = self.since.astimezone().date().isoformat()
        if self.stage_closed and self.stage.casefold() not in WAITING_STAGES:
            return f"{self.stage} {day}"
        return f"{self.stage} since {day}"


@dataclass(frozen=True)
class ReapplyWarning:
    """What the library already holds at the employer of a posting."""

    company: str  # as the earlier applications name it
    earlier: tuple[EarlierApplication, ...]  # newest activity first
    same_role: tuple[EarlierApplication, ...]  # near-identical title, active within 90 days
    word: str = "earlier"  # "other" where the posting itself is saved (the detail pane)

    @property
    def summary(self) -> str:
        count = len(self.earlier)
        noun = "application" if count == 1 else "applications"
        listed = ", ".join(a.standing for a in self.earlier[:LISTED])
        more = f" and {count - LISTED:,} more" if count > LISTED else ""
        return f"{self.company}: {count:,} {self.word} {noun}: {listed}{more}"

    @property
    def same_role_line(self) -> str | None:
        if not self.same_role:
            return None
        roles = "; ".join(f"“{a.title}” ({a.standing})" for a in self.same_role[:LISTED])
        return f"Same role within {SAME_ROLE_DAYS} days: {roles}"

    @property
    def text(self) -> str:
        """The summary, and the same-role line when there is one, one per line."""
        return "\n".join(line for line in (self.summary, self.same_role_line) if line)


# -- the keys a library knows, for spelling slips ------------------------------------------------


@dataclass
class _Known:
    stamp: tuple[int, int]
    index: CompanyIndex


_known: weakref.WeakKeyDictionary[Library, _Known] = weakref.WeakKeyDictionary()
_known_lock = threading.Lock()


def _index(db: Library) -> CompanyIndex:
    """The match keys of the library's companies, read again only when companies came or went."""
    with db.querying() as connection:
        stamp = rows.company_stamp(connection)
        with _known_lock:
            known = _known.get(db)
            if known is not None and known.stamp == stamp:
                return known.index
            if known is not None and stamp[0] >= known.stamp[0] and stamp[1] > known.stamp[1]:
                # Only new companies (the usual case: a posting saved): add their keys.
                known.index.add(key for _, key in rows.match_keys(connection, known.stamp[1]))
                known.stamp = stamp
                return known.index
            index = CompanyIndex(key for _, key in rows.match_keys(connection))
            _known[db] = _Known(stamp, index)
            return index


def spellings(db: Library, company: str) -> set[str]:
    """The match keys that name the same employer as ``company`` in this library."""
    key = match_key(company)
    return _index(db).spellings(key) if key else set()


# -- the warnings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A posting about to be saved (or shown), to check against the library."""

    company: str | None
    title: str | None
    excluding: frozenset[int] = frozenset()  # the posting itself, the one it duplicates


def check(
    db: Library,
    company: str | None,
    title: str | None = None,
    *,
    excluding: Collection[int] = (),
    created_before: datetime | None = None,
    now: datetime | None = None,
    word: str = "earlier",
    slips: bool = True,
) -> ReapplyWarning | None:
    """The warning for one posting, or None when the library has nothing at its employer.

    ``excluding``: posting ids that are not earlier applications (the posting itself);
    ``created_before``: only postings saved before then count (an import's own are not
    earlier). ``now`` sets the 90 days' end (default: now). ``slips``: also forgive spelling
    slips (reads every known name once per open library); without, the rules alone, one
    indexed query (the detail pane, shown on every selection).
    """
    (warning,) = check_many(
        db,
        [Draft(company, title, frozenset(excluding))],
        created_before=created_before,
        now=now,
        word=word,
        slips=slips,
    )
    return warning


def check_many(
    db: Library,
    drafts: Sequence[Draft],
    *,
    created_before: datetime | None = None,
    now: datetime | None = None,
    word: str = "earlier",
    slips: bool = True,
) -> list[ReapplyWarning | None]:
    """``check`` for many postings at once (an import's chunk): one read for all of them."""
    if not any(d.company for d in drafts):
        return [None] * len(drafts)
    index = _index(db) if slips else None
    keys_of: list[set[str]] = []
    for draft in drafts:
        key = match_key(draft.company) if draft.company else ""
        if not key:
            keys_of.append(set())
        else:
            keys_of.append(index.spellings(key) if index is not None else {key})
    wanted = set().union(*keys_of)
    with db.querying() as connection:
        found = rows.applications_at(
            connection,
            wanted,
            created_before=stored_time(created_before) if created_before else None,
        )
    by_key: dict[str, list[rows.ApplicationRow]] = {}
    for row in found:
        by_key.setdefault(row.match_key, []).append(row)
    since = (now or datetime.now(UTC)) - timedelta(days=SAME_ROLE_DAYS)
    return [
        _warning(draft, [r for k in keys for r in by_key.get(k, ())], since, word)
        for draft, keys in zip(drafts, keys_of, strict=True)
    ]


def _warning(
    draft: Draft, found: list[rows.ApplicationRow], since: datetime, word: str
) -> ReapplyWarning | None:
    earlier = [
        EarlierApplication(
            r.posting_id,
            r.title,
            r.company,
            r.stage,
            r.stage_closed,
            r.entered_stage_at or r.created_at,
            r.last_change_at or r.created_at,
        )
        for r in found
        if r.posting_id not in draft.excluding
    ]
    if not earlier:
        return None
    oldest = datetime.min.replace(tzinfo=UTC)
    earlier.sort(key=lambda a: (a.last_activity or oldest, a.posting_id), reverse=True)
    same_role = tuple(
        a
        for a in earlier
        if draft.title
        and a.last_activity is not None
        and a.last_activity >= since
        and near_identical_titles(draft.title, a.title)
    )
    return ReapplyWarning(earlier[0].company, tuple(earlier), same_role, word)


def with_markers(db: Library, cards: Sequence[Card]) -> list[Card]:
    """The cards, each knowing how many other postings its employer has (the board's marker).

    The employer is matched by the rules (the indexed match key): one read for all the cards.
    """
    keys = {card.id: match_key(card.company) if card.company else "" for card in cards}
    wanted = {key for key in keys.values() if key}
    if not wanted:
        return list(cards)
    with db.querying() as connection:
        counts = rows.postings_per_key(connection, wanted)
    return [
        replace(card, others_at_company=max(counts.get(keys[card.id], 0) - 1, 0))
        if counts.get(keys[card.id], 0) > 1
        else card
        for card in cards
    ]
