"""The figures of a job search from the applications' stage histories: definitions and the
plain rules that put the counted rows together. No I/O: storage counts in SQL, here the counts
become figures.

Definitions (what the Insights page and ``jobdeck stats`` print):

- An application is in the period when its history begins in it (saved, or applied, first).
- ``reached`` of a stage: the applications whose history ever entered it, whatever came after
  (moved back, the stage deleted since).
- ``reached_or_later`` of an open stage: the applications whose history entered it or any open
  stage after it on the board. A history may skip stages (tracked from Applied on, imported
  without its Saved entry, moved straight to Interviewing): it still got that far. Closed
  stages (Rejected, Withdrawn, Ghosted) are where an application ends, not a step forward. A
  deleted stage keeps its place on the board (just before the stage that took its place).
- The conversion into an open stage: of the applications that got as far as the open stage
  before it, the share that got as far as this one: reached_or_later over the previous
  stage's reached_or_later. One set holds the other, so it never exceeds 100%; with none
  before, there is no conversion (None, not a division by zero).
- A flow: one step of a history, from the stage it was in to the next one it entered. A card
  moved back (Screening -> Applied) is a flow like any other; each application counts once per
  step, however often it took it.
- Applied: the applications whose history entered the stage named "Applied" (the first time
  counts). A response: after that, entering any stage but Withdrawn and Ghosted (the user's
  own decision, or silence), Applied itself and stages placed before it on the board (a card
  moved back). Days to the first response run from the first entry into Applied.
- Waiting: applied, not yet answered, and in a stage still open; the longest waits first.

Every figure has a ``Figure`` key: the services list the applications it counts from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

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
    label: str | None = None  # a label's name (any case)
    employment_type: str | None = None  # as stored ("Full-time"), compared without case


@dataclass(frozen=True)
class StageRef:
    id: int
    name: str
    color: str
    position: int
    is_closed: bool
    archived: bool  # deleted by the user: kept so histories keep their names

    @property
    def place(self) -> float:
        """Where the stage stands on the board. A deleted stage keeps the position it had,
        which the stage after it took when the others closed up: it stood just before that."""
        return self.position - 0.5 if self.archived else float(self.position)


@dataclass(frozen=True)
class Figure:
    """Names what a figure counts, to list those applications: ("reached", stage id),
    ("reached_or_later", stage id), ("flow", (from id, to id)), ("week", monday), ("company",
    match key), ("all"), ("applied"), ("responded"), ("waiting")."""

    kind: str
    key: object = None


@dataclass(frozen=True)
class FunnelStep:
    stage: StageRef
    count: int  # applications that ever entered the stage ("reached")
    # Open stages in use: the applications that entered it or an open stage after it; None
    # for closed and deleted stages.
    reached_or_later: int | None = None
    # The open stage in use before this one, which the conversion is measured from.
    previous: StageRef | None = None
    previous_reached_or_later: int | None = None

    @property
    def conversion(self) -> float | None:
        """Of the applications that got as far as ``previous``, the share that got as far as
        this stage (0 to 1); None for the first open stage, for closed and deleted stages,
        and when none got as far as the stage before."""
        if self.reached_or_later is None or not self.previous_reached_or_later:
            return None
        return self.reached_or_later / self.previous_reached_or_later

    @property
    def figure(self) -> Figure:
        return Figure("reached", self.stage.id)

    @property
    def onward_figure(self) -> Figure:
        """The applications the conversion counts as having got this far."""
        return Figure("reached_or_later", self.stage.id)


@dataclass(frozen=True)
class Flow:
    source: StageRef
    target: StageRef
    count: int

    @property
    def figure(self) -> Figure:
        return Figure("flow", (self.source.id, self.target.id))


@dataclass(frozen=True)
class Week:
    monday: date  # in the user's time zone
    applied: int

    @property
    def figure(self) -> Figure:
        return Figure("week", self.monday)


@dataclass(frozen=True)
class Responses:
    applied: int
    responded: int
    median_days: float | None  # to the first response, among those answered

    @property
    def rate(self) -> float | None:
        return self.responded / self.applied if self.applied else None


@dataclass(frozen=True)
class CompanyFigures:
    company: str  # of its names, the one that sorts first ("Acme" before "Acme Inc.")
    key: str  # its match key: one employer however written
    applications: int
    responses: Responses
    offers: int  # reached Offer or Accepted
    rejections: int  # reached Rejected

    @property
    def figure(self) -> Figure:
        return Figure("company", self.key)


@dataclass(frozen=True)
class WaitingApplication:
    posting_id: int
    company: str
    title: str
    stage: str
    applied_at: datetime
    days: float  # since it was sent


@dataclass(frozen=True)
class Insights:
    total: int  # every application in the period
    funnel: list[FunnelStep]
    flows: list[Flow]
    weeks: list[Week]
    responses: Responses
    companies: list[CompanyFigures]  # fastest median response first, then most answered
    waiting: list[WaitingApplication]  # longest first, WAITING_SHOWN at most
    waiting_count: int = 0
    stages: dict[int, StageRef] = field(default_factory=dict)

    @property
    def companies_by_outcome(self) -> list[CompanyFigures]:
        return by_outcome(self.companies)


def by_outcome(companies: Iterable[CompanyFigures]) -> list[CompanyFigures]:
    """Most offers first, then fewest rejections per application, then most answered."""
    return sorted(
        companies,
        key=lambda c: (
            -c.offers,
            c.rejections / max(c.applications, 1),
            -(c.responses.rate or 0.0),
            c.company.casefold(),
        ),
    )


@dataclass(frozen=True)
class Overview:
    """The first part of the figures, read from indexes alone: what the page paints first."""

    total: int
    funnel: list[FunnelStep]
    flows: list[Flow]
    applied: int  # entered Applied (as the funnel counts it)
    stages: dict[int, StageRef] = field(default_factory=dict)


@dataclass(frozen=True)
class Answers:
    """The second part: who answered and when, per week and per employer, who waits."""

    weeks: list[Week]
    responses: Responses
    companies: list[CompanyFigures]  # empty when not asked for
    waiting: list[WaitingApplication]
    waiting_count: int = 0
    # ``companies`` by outcome, ranked where they are read (off the UI thread: 25,000
    # employers take a tenth of a second to sort)
    companies_by_outcome: list[CompanyFigures] = field(default_factory=list)


def joined(overview: Overview, answers: Answers) -> Insights:
    """Both parts as one set of figures."""
    return Insights(
        total=overview.total,
        funnel=overview.funnel,
        flows=overview.flows,
        weeks=answers.weeks,
        responses=answers.responses,
        companies=answers.companies,
        waiting=answers.waiting,
        waiting_count=answers.waiting_count,
        stages=overview.stages,
    )


def day_range(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """[start, end) for the days ``first`` to ``last``, both included, in the user's time zone
    (local midnight of ``first``, local midnight after ``last``); None leaves that side open.
    ``jobdeck stats --from/--to`` and the page's custom range both mean this.
    Raises ValueError when ``last`` is before ``first``."""
    if first is not None and last is not None and last < first:
        raise ValueError("the last day is before the first")
    start = datetime.combine(first, time()).astimezone() if first is not None else None
    end = (
        datetime.combine(last + timedelta(days=1), time()).astimezone()
        if last is not None
        else None
    )
    return start, end


def applied_stage(stages: Sequence[StageRef]) -> StageRef | None:
    """The stage named Applied (one in use rather than a deleted one of that name)."""
    named = [s for s in stages if s.name.casefold() == APPLIED]
    return next((s for s in named if not s.archived), named[0] if named else None)


def response_stages(stages: Sequence[StageRef], applied: StageRef) -> frozenset[int]:
    """The stages whose entry after Applied is an answer (see the module's definitions). A
    deleted stage keeps its place: a deleted "Phone screen" after Applied was an answer."""
    return frozenset(
        s.id
        for s in stages
        if s.id != applied.id and s.name.casefold() not in NOT_RESPONSES and s.place > applied.place
    )


def stages_named(stages: Iterable[StageRef], names: frozenset[str]) -> frozenset[int]:
    return frozenset(s.id for s in stages if s.name.casefold() in names)


def open_ranks(stages: Iterable[StageRef]) -> dict[int, int]:
    """{open stage id (deleted ones too): its rank in board order, 0 first}. Stages that stand
    at the same place share a rank. Closed stages have none: entering one is no step forward."""
    opened = [s for s in stages if not s.is_closed]
    places = sorted({s.place for s in opened})
    return {s.id: places.index(s.place) for s in opened}


def onward_stages(stages: Iterable[StageRef], stage_id: int) -> frozenset[int]:
    """The open stages whose entry means an application got as far as ``stage_id``: it and
    every open stage after it (deleted ones by the place they kept). Empty for a closed one."""
    ranks = open_ranks(stages)
    if stage_id not in ranks:
        return frozenset()
    return frozenset(s for s, rank in ranks.items() if rank >= ranks[stage_id])


def funnel(
    stages: Sequence[StageRef], reached: Mapping[int, int], furthest: Mapping[int, int]
) -> list[FunnelStep]:
    """Stages in use in board order, then deleted ones that some history entered.

    ``reached``: {stage id: applications that entered it}; ``furthest``: {rank (see
    ``open_ranks``): applications whose furthest open stage entered has that rank}."""
    ranks = open_ranks(stages)
    at_least: dict[int, int] = {}  # {rank: applications that got at least that far}
    running = 0
    for rank in sorted({*ranks.values(), *furthest}, reverse=True):
        running += furthest.get(rank, 0)
        at_least[rank] = running
    shown = [s for s in sorted(stages, key=lambda s: s.position) if not s.archived]
    shown += [s for s in stages if s.archived and reached.get(s.id)]
    steps: list[FunnelStep] = []
    previous: StageRef | None = None
    for stage in shown:
        count = reached.get(stage.id, 0)
        if stage.archived or stage.is_closed:
            # "Rejected" is where an application ends, not a step after "Accepted".
            steps.append(FunnelStep(stage, count))
            continue
        onward = at_least.get(ranks[stage.id], 0)
        before = at_least.get(ranks[previous.id], 0) if previous is not None else None
        steps.append(FunnelStep(stage, count, onward, previous, before))
        previous = stage
    return steps


def flows(stages: Mapping[int, StageRef], steps: Iterable[tuple[int, int, int]]) -> list[Flow]:
    """(from id, to id, count) as flows, from the earliest stage on the board onwards."""
    made = [Flow(stages[a], stages[b], n) for a, b, n in steps if a in stages and b in stages]
    return sorted(
        made,
        key=lambda f: (f.source.archived, f.source.position, f.target.position, f.target.name),
    )


def every_week(counted: Sequence[tuple[date, int]]) -> list[Week]:
    """Each week from the first counted Monday to the last, empty weeks too."""
    if not counted:
        return []
    counts = dict(counted)
    weeks, monday = [], min(counts)
    while monday <= max(counts):
        weeks.append(Week(monday, counts.get(monday, 0)))
        monday += timedelta(days=7)
    return weeks


def median(sorted_values: Sequence[float]) -> float | None:
    """The median of values already in order (None for none)."""
    count = len(sorted_values)
    if not count:
        return None
    middle = count // 2
    if count % 2:
        return sorted_values[middle]
    return (sorted_values[middle - 1] + sorted_values[middle]) / 2


def rank_by_response_time(companies: Iterable[CompanyFigures]) -> list[CompanyFigures]:
    """Fastest median answer first; never answered last; then most answered, then by name."""
    never = float("inf")
    return sorted(
        companies,
        key=lambda c: (
            c.responses.median_days if c.responses.median_days is not None else never,
            -c.responses.responded,
            c.company.casefold(),
        ),
    )
