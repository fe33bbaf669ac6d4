"""What an operation changed, by kind, so each view refreshes only what it shows.

Anki's ``OpChanges`` is the model: every mutation returns ``Changes`` (or a ``Result`` holding
a value and its ``Changes``); the window's one door (``desktop/ui/operations.py``) broadcasts
them, and each view looks only at the kinds it shows (``Changes.kinds``).

Ids are posting ids. The kinds after ``logins`` are room for what the next issues add (notes,
contacts, tasks, interviews, documents): a service for notes returns ``Changes(notes=...)``
and only the views that show notes look at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Generic, TypeVar


class Kind(Enum):
    POSTINGS = "postings"  # a posting came, went, or its own fields changed
    PIPELINE = "pipeline"  # an application moved (stage, place in it, history) or was labelled
    STAGES = "stages"  # the stage list itself: names, order, colours, open/closed
    LOGINS = "logins"  # a posting's portal login
    NOTES = "notes"
    CONTACTS = "contacts"
    TASKS = "tasks"
    INTERVIEWS = "interviews"
    DOCUMENTS = "documents"
    FACTS = "facts"  # what the user set about an application: applied on, rating, referral
    LABELS = "labels"  # the label list itself: names, colours, labels made or deleted


_NONE: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Changes:
    created: frozenset[int] = _NONE  # postings added
    updated: frozenset[int] = _NONE  # postings whose own fields changed (title, salary, ...)
    deleted: frozenset[int] = _NONE  # postings removed
    moved: frozenset[int] = _NONE  # applications whose stage, place or history changed
    labelled: frozenset[int] = _NONE  # applications whose labels changed (nothing else)
    stages: bool = False  # the stage list itself changed
    logins: frozenset[int] = _NONE  # postings whose portal login changed
    notes: frozenset[int] = _NONE
    contacts: frozenset[int] = _NONE
    tasks: frozenset[int] = _NONE
    interviews: frozenset[int] = _NONE
    documents: frozenset[int] = _NONE
    # Contact ids (not posting ids) whose own fields changed, or that came or went: a contact
    # need not be part of any application, yet the contacts page shows it.
    people: frozenset[int] = _NONE
    facts: frozenset[int] = _NONE  # applications whose applied-on date, rating or referral changed
    labels: bool = False  # the label list itself changed (its carriers are in ``labelled``)

    @property
    def postings(self) -> frozenset[int]:
        """Postings that came, went or whose own fields changed."""
        return self.created | self.updated | self.deleted

    @property
    def rows_come_or_go(self) -> bool:
        return bool(self.created or self.deleted)

    @property
    def kinds(self) -> frozenset[Kind]:
        """The kinds of things this change touched; a view ignores changes outside its own."""
        found = set()
        if self.postings:
            found.add(Kind.POSTINGS)
        if self.moved or self.labelled:
            found.add(Kind.PIPELINE)
        if self.stages:
            found.add(Kind.STAGES)
        for kind in (Kind.LOGINS, Kind.NOTES, Kind.CONTACTS, Kind.TASKS, Kind.INTERVIEWS):
            if getattr(self, kind.value):
                found.add(kind)
        if self.people:
            found.add(Kind.CONTACTS)
        if self.documents:
            found.add(Kind.DOCUMENTS)
        if self.facts:
            found.add(Kind.FACTS)
        if self.labels:
            found.add(Kind.LABELS)
        return frozenset(found)

    def touches(self, posting_id: int | None) -> bool:
        """Whether anything about this one posting (any kind) changed."""
        if posting_id is None:
            return False
        return any(
            posting_id in getattr(self, f.name) for f in fields(self) if f.name not in _NOT_POSTINGS
        )

    def merged(self, other: Changes) -> Changes:
        gone = self.deleted | other.deleted
        values: dict[str, object] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if f.name in ("stages", "labels"):
                values[f.name] = mine or theirs
            elif f.name == "deleted":
                values[f.name] = gone
            elif f.name == "people":
                values[f.name] = mine | theirs
            else:
                values[f.name] = (mine | theirs) - other.deleted
        return Changes(**values)  # type: ignore[arg-type]


_NOT_POSTINGS = frozenset({"stages", "people", "labels"})
NO_CHANGES = Changes()

T = TypeVar("T")


@dataclass(frozen=True)
class Result(Generic[T]):
    """A mutation's value (a new id, what undo needs) and what it changed."""

    value: T
    changes: Changes = field(default_factory=Changes)

    def __iter__(self) -> Iterator[object]:
        """``value, changes = result``: a result unpacks like the pair it is."""
        return iter((self.value, self.changes))
