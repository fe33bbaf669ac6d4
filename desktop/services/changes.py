"""What an operation changed, so each view refreshes only what is affected (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    created: frozenset[int] = field(default_factory=frozenset)
    updated: frozenset[int] = field(default_factory=frozenset)
    deleted: frozenset[int] = field(default_factory=frozenset)
    stages: bool = False  # the stage list itself (names, order, colours) changed

    @property
    def postings(self) -> frozenset[int]:
        return self.created | self.updated | self.deleted

    def merged(self, other: Changes) -> Changes:
        return Changes(
            created=(self.created | other.created) - other.deleted,
            updated=(self.updated | other.updated) - other.deleted,
            deleted=self.deleted | other.deleted,
            stages=self.stages or other.stages,
        )
