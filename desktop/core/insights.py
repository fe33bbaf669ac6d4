"""The figures of a job search, computed from the applications' stage histories: pure Python.

Every figure keeps the ids of the applications it counts, so the window can open them.

Definitions (what the Insights page and ``jobdeck stats`` print):

- An application is in the period when its history begins in it (saved, or applied, first).
- ``reached`` of a stage: the applications whose history ever entered it, whatever came after
  (moved back, the stage deleted since).
- A flow: one step of a history, from the stage it was in to the next one it entered. A card
  moved back (Screening -> Applied) is a flow like any other.
- Applied: the applications whose history entered the stage named "Applied" (the first time
  counts). A response: after that, entering any stage but Withdrawn and Ghosted (the user's
  own decision, or silence), Applied itself and stages placed before it on the board (a card
  moved back). Days to the first response run from the first entry into Applied.
- Waiting: applied, not yet answered, and in a stage still open; the longest waits first.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

APPLIED = "applied"
NOT_RESPONSES = frozenset({"withdrawn", "ghosted"})
# Stages that end an application with an answer, for ranking companies by outcome.
GOOD_OUTCOMES = frozenset({"offer", "accepted"})
REJECTED = frozenset({"rejected"})
WAITING_SHOWN = 15


@dataclass(frozen=True)
class Filters:
    """Which applications count, besides the period."""

    search: str = ""  # the search box's words (full-text)
    label: str | None = None  # a card label colour, "#rrggbb"
    employment_type: str | None = None  # as stored ("Full-time"), compared without case


@dataclass(frozen=True)
class StageRef:
    id: int
    name: str
    color: str
    position: int
    is_closed: bool
    archived: bool  # deleted by the user: kept so histories keep their names


@dataclass(frozen=True)
class History:
    """One application: its employer and its stage changes, oldest first."""

    posting_id: int
    employer: str  # the company's match key ("" for none): one employer however written
    company: str  # the name to show
    stage_id: int  # the stage it is in now
    changes: tuple[tuple[int, datetime], ...]  # (stage id, when it entered it), in order


@dataclass(frozen=True)
class FunnelStep:
    stage: StageRef
    reached: tuple[int, ...]  # posting ids
    # Of the applications that reached the open stage before, the share that reached this one
    # (open stages only; None for the first, for closed and for deleted stages).
    conversion: float | None

    @property
    def count(self) -> int:
        return len(self.reached)


@dataclass(frozen=True)
class Flow:
    source: StageRef
    target: StageRef
    postings: tuple[int, ...]  # each application once, however often it took this step

    @property
    def count(self) -> int:
        return len(self.postings)


@dataclass(frozen=True)
class Week:
    monday: date
    applied: tuple[int, ...]  # applications that entered Applied in that week


@dataclass(frozen=True)
class Responses:
    applied: tuple[int, ...]
    responded: tuple[int, ...]
    median_days: float | None  # to the first response, among those answered

    @property
    def rate(self) -> float | None:
        return len(self.responded) / len(self.applied) if self.applied else None


@dataclass(frozen=True)
class CompanyFigures:
    company: str
    responses: Responses
    offers: tuple[int, ...]  # reached Offer or Accepted
    rejections: tuple[int, ...]  # reached Rejected
    postings: tuple[int, ...]  # every application at the employer in the period


@dataclass(frozen=True)
class WaitingApplication:
    posting_id: int
    company: str
    stage: str
    applied_at: datetime
    days: float  # since it was sent


@dataclass(frozen=True)
class Insights:
    total: tuple[int, ...]  # every application in the period
    funnel: list[FunnelStep]
    flows: list[Flow]
    weeks: list[Week]
    responses: Responses
    companies: list[CompanyFigures]  # fastest median response first, then most answered
    waiting: list[WaitingApplication]  # longest first
    waiting_count: int = 0
    stages: dict[int, StageRef] = field(default_factory=dict)

    @property
    def companies_by_outcome(self) -> list[CompanyFigures]:
        """Most offers first, then fewest rejections per application, then most answered."""
        return sorted(
            self.companies,
            key=lambda c: (
                -len(c.offers),
                len(c.rejections) / max(len(c.postings), 1),
                -(c.responses.rate or 0.0),
                c.company.casefold(),
            ),
        )


def in_period(
    histories: Iterable[History], start: datetime | None, end: datetime | None
) -> list[History]:
    """The applications whose history begins within [start, end) (None: open-ended)."""
    return [
        h
        for h in histories
        if h.changes
        and (start is None or h.changes[0][1] >= start)
        and (end is None or h.changes[0][1] < end)
    ]


def compute(stages: Sequence[StageRef], histories: Sequence[History], now: datetime) -> Insights:
    """Every figure of the Insights page for these applications (already filtered)."""
    by_id = {stage.id: stage for stage in stages}
    applied_stage = next(
        (s for s in stages if s.name.casefold() == APPLIED and not s.archived),
        next((s for s in stages if s.name.casefold() == APPLIED), None),
    )
    reached: dict[int, list[int]] = defaultdict(list)
    flows: dict[tuple[int, int], list[int]] = defaultdict(list)
    applied_at: dict[int, datetime] = {}
    answered_after: dict[int, float] = {}
    for history in histories:
        pid = history.posting_id
        seen: set[int] = set()
        stepped: set[tuple[int, int]] = set()
        previous: int | None = None
        first_applied: datetime | None = None
        for stage_id, at in history.changes:
            if stage_id not in seen:
                seen.add(stage_id)
                reached[stage_id].append(pid)
            if (
                previous is not None
                and previous != stage_id
                and (previous, stage_id) not in stepped
            ):
                stepped.add((previous, stage_id))
                flows[(previous, stage_id)].append(pid)
            previous = stage_id
            if applied_stage is None:
                continue
            if first_applied is None:
                if stage_id == applied_stage.id:
                    first_applied = at
                    applied_at[pid] = at
            elif pid not in answered_after and _is_response(by_id.get(stage_id), applied_stage):
                answered_after[pid] = (at - first_applied).total_seconds() / 86400
    funnel = _funnel(stages, reached)
    flow_list = sorted(
        (
            Flow(by_id[a], by_id[b], tuple(ids))
            for (a, b), ids in flows.items()
            if a in by_id and b in by_id
        ),
        key=lambda f: (f.source.archived, f.source.position, f.target.position, f.target.name),
    )
    responses = _responses(list(applied_at), answered_after)
    companies = _companies(histories, applied_at, answered_after, by_id)
    waiting = _waiting(histories, applied_at, answered_after, by_id, now)
    return Insights(
        total=tuple(h.posting_id for h in histories),
        funnel=funnel,
        flows=flow_list,
        weeks=_weeks(applied_at),
        responses=responses,
        companies=companies,
        waiting=waiting[:WAITING_SHOWN],
        waiting_count=len(waiting),
        stages=by_id,
    )


def _is_response(stage: StageRef | None, applied: StageRef) -> bool:
    if stage is None or stage.id == applied.id:
        return False
    if stage.name.casefold() in NOT_RESPONSES:
        return False
    # An archived stage keeps its old place: a deleted "Phone screen" after Applied answered.
    return stage.position > applied.position


def _funnel(stages: Sequence[StageRef], reached: Mapping[int, list[int]]) -> list[FunnelStep]:
    """Stages in use in board order, then deleted ones that some history entered."""
    shown = [s for s in sorted(stages, key=lambda s: s.position) if not s.archived]
    shown += [s for s in stages if s.archived and reached.get(s.id)]
    steps: list[FunnelStep] = []
    previous: int | None = None
    for stage in shown:
        ids = tuple(reached.get(stage.id, ()))
        open_stage = not stage.archived and not stage.is_closed
        # Between consecutive open stages only: "Rejected" is where an application ends,
        # not a step after "Accepted".
        conversion = len(ids) / previous if open_stage and previous else None
        steps.append(FunnelStep(stage, ids, conversion))
        if open_stage:
            previous = len(ids)
    return steps


def _responses(applied: Sequence[int], answered_after: Mapping[int, float]) -> Responses:
    responded = tuple(pid for pid in applied if pid in answered_after)
    days = [answered_after[pid] for pid in responded]
    return Responses(tuple(applied), responded, statistics.median(days) if days else None)


def _weeks(applied_at: Mapping[int, datetime]) -> list[Week]:
    """Every week from the first application to the last (empty weeks too), Monday first."""
    if not applied_at:
        return []
    by_monday: dict[date, list[int]] = defaultdict(list)
    for pid, at in applied_at.items():
        day = at.astimezone().date()  # the user's own week
        by_monday[day - timedelta(days=day.weekday())].append(pid)
    first, last = min(by_monday), max(by_monday)
    weeks = []
    monday = first
    while monday <= last:
        weeks.append(Week(monday, tuple(sorted(by_monday.get(monday, ())))))
        monday += timedelta(days=7)
    return weeks


def _companies(
    histories: Sequence[History],
    applied_at: Mapping[int, datetime],
    answered_after: Mapping[int, float],
    stages: Mapping[int, StageRef],
) -> list[CompanyFigures]:
    groups: dict[str, list[History]] = defaultdict(list)
    for history in histories:
        groups[history.employer or history.company.casefold()].append(history)
    figures = []
    for members in groups.values():
        names = Counter(h.company for h in members)
        entered = [
            {stages[s].name.casefold() for s, _ in h.changes if s in stages} for h in members
        ]
        figures.append(
            CompanyFigures(
                company=names.most_common(1)[0][0] or "(no company)",
                responses=_responses(
                    [h.posting_id for h in members if h.posting_id in applied_at], answered_after
                ),
                offers=tuple(
                    h.posting_id
                    for h, names_ in zip(members, entered, strict=True)
                    if names_ & GOOD_OUTCOMES
                ),
                rejections=tuple(
                    h.posting_id
                    for h, names_ in zip(members, entered, strict=True)
                    if names_ & REJECTED
                ),
                postings=tuple(h.posting_id for h in members),
            )
        )
    never = float("inf")
    return sorted(
        figures,
        key=lambda c: (
            c.responses.median_days if c.responses.median_days is not None else never,
            -len(c.responses.responded),
            c.company.casefold(),
        ),
    )


def _waiting(
    histories: Sequence[History],
    applied_at: Mapping[int, datetime],
    answered_after: Mapping[int, float],
    stages: Mapping[int, StageRef],
    now: datetime,
) -> list[WaitingApplication]:
    waiting = []
    for history in histories:
        pid = history.posting_id
        stage = stages.get(history.stage_id)
        if pid not in applied_at or pid in answered_after or stage is None or stage.is_closed:
            continue
        sent = applied_at[pid]
        days = (now - sent).total_seconds() / 86400
        waiting.append(WaitingApplication(pid, history.company, stage.name, sent, days))
    waiting.sort(key=lambda w: (-w.days, w.posting_id))
    return waiting
