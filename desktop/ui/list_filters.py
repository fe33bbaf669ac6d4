"""The filters the list offers beside its search: what each choice lists when its menu opens.

Stage, Work model, Type, Location and Label tick values (several widen); Posted, Applied and Salary
take one. The values become filter terms (``core.filter_terms``) through ``term``.
"""

from __future__ import annotations

from functools import partial

from desktop.core.filter_terms import term
from desktop.core.work_models import WORK_MODELS
from desktop.services import labels, postings, stages
from desktop.services.library import Library
from desktop.ui.views.filter_bar import FilterBar

PERIODS = [("7d", "Last 7 days"), ("30d", "Last 30 days"), ("90d", "Last 90 days")]
SALARY = [("yes", "With a salary"), ("no", "Without a salary")]


def _stages(library: Library) -> list[tuple[str, str]]:
    return [(s.name, f"{s.name}  ({s.count:,})") for s in stages.list_stages(library)]


def _common(library: Library, column: str) -> list[tuple[str, str]]:
    return [(v, f"{v}  ({n:,})") for v, n in postings.filter_choices(library, column)]


def _labels(library: Library) -> list[tuple[str, str]]:
    return [(u.label.name, f"{u.label.name}  ({u.count:,})") for u in labels.list_labels(library)]


def add_list_filters(bar: FilterBar, library: Library) -> None:
    bar.add_choice("stage", "Stage", partial(_stages, library), partial(term, "stage"))
    bar.add_choice(
        "work", "Work model", lambda: [(m, m) for m in WORK_MODELS], partial(term, "work")
    )
    bar.add_choice(
        "type", "Type", partial(_common, library, "employment_type"), partial(term, "type")
    )
    bar.add_choice(
        "location", "Location", partial(_common, library, "location"), partial(term, "location")
    )
    bar.add_choice("posted", "Posted", lambda: PERIODS, partial(term, "posted"), several=False)
    bar.add_choice("applied", "Applied", lambda: PERIODS, partial(term, "applied"), several=False)
    bar.add_choice("salary", "Salary", lambda: SALARY, partial(term, "salary"), several=False)
    bar.add_choice("label", "Label", partial(_labels, library), partial(term, "label"))  # issue 17
