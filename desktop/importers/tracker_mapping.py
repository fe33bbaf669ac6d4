"""Which column of a tracker's table holds which field, and which stage each status means.

A mapping is proposed from the header: a preset when the header is a layout known exactly
(JobSync, Huntr, LinkedIn, career-ops), else column by column through header synonyms
(``vocabulary/trackers.toml``). The user may change it (the window's mapping dialog, or
``jobdeck import --mapping FILE.json``) and keep it as a preset of their own.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.importers.result import ImportRefused

_VOCABULARY = Path(__file__).with_name("vocabulary") / "trackers.toml"

# The fields a column can fill, in the order the mapping dialog lists them, with their labels.
FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "company": "Company",
        "title": "Title",
        "status": "Status",
        "applied": "Date applied",
        "saved": "Date saved",
        "status_date": "Status date",
        "location": "Location",
        "url": "Link",
        "salary": "Salary",
        "deadline": "Deadline",
        "employment_type": "Job type",
        "work_model": "Workplace",
        "source": "Where applied",
        "contact": "Contact",
        "notes": "Notes",
        "description": "Description",
    }
)
DATE_FIELDS = ("applied", "saved", "status_date", "deadline")


def folded(header: str) -> str:
    """A header compared loosely: "Date Applied", "date_applied", "dateApplied" are one."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header.strip())
    return " ".join(re.sub(r"[_\-./]+", " ", spaced).casefold().split())


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    signature: tuple[str, ...]  # the headers that tell this layout
    columns: Mapping[str, str]  # field -> header
    default_status: str | None = None  # what a row without a status column is


@dataclass(frozen=True)
class Vocabulary:
    synonyms: Mapping[str, str]  # folded header -> field
    presets: tuple[Preset, ...]
    statuses: Mapping[str, str]  # folded status -> default stage name


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The header synonyms, presets and statuses of ``vocabulary/trackers.toml``, read once."""
    with _VOCABULARY.open("rb") as file:
        data = tomllib.load(file)
    synonyms: dict[str, str] = {}
    for name, headers in data["columns"].items():
        for header in headers:
            synonyms.setdefault(folded(header), name)  # the first field listed wins
    presets = tuple(
        Preset(
            key,
            spec["name"],
            tuple(spec["signature"]),
            MappingProxyType(dict(spec["columns"])),
            spec.get("default_status"),
        )
        for key, spec in data["presets"].items()
    )
    statuses = {
        folded(status): stage for stage, names in data["statuses"].items() for status in names
    }
    return Vocabulary(MappingProxyType(synonyms), presets, MappingProxyType(statuses))


@dataclass(frozen=True)
class ColumnMapping:
    """field -> column index of the table; source status (folded) -> stage name."""

    columns: Mapping[str, int]
    statuses: Mapping[str, str] = field(default_factory=dict)
    preset: str | None = None  # the preset's name when one was recognised or chosen
    default_status: str | None = None

    def column(self, name: str) -> int | None:
        return self.columns.get(name)

    def with_column(self, name: str, column: int | None) -> ColumnMapping:
        """The mapping with ``name`` read from ``column`` (None: from no column); a column
        maps to one field, so another field reading it loses it."""
        columns = {f: c for f, c in self.columns.items() if f != name and c != column}
        if column is not None:
            columns[name] = column
        return replace(self, columns=MappingProxyType(columns), preset=None)

    def with_status(self, status: str, stage: str) -> ColumnMapping:
        return replace(self, statuses=MappingProxyType({**self.statuses, folded(status): stage}))


def _index(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for column, name in enumerate(header):
        found.setdefault(folded(name), column)
    return found


def preset_for(header: Sequence[str]) -> Preset | None:
    """The preset whose signature the header holds, or None."""
    known = _index(header)
    for preset in vocabulary().presets:
        if all(folded(name) in known for name in preset.signature):
            return preset
    return None


def from_preset(preset: Preset, header: Sequence[str]) -> ColumnMapping:
    known = _index(header)
    columns = {
        name: known[folded(title)]
        for name, title in preset.columns.items()
        if folded(title) in known
    }
    return ColumnMapping(
        MappingProxyType(columns), preset=preset.name, default_status=preset.default_status
    )


def by_synonyms(header: Sequence[str]) -> ColumnMapping:
    """Each column whose header is a synonym of a field, the first such column per field."""
    synonyms = vocabulary().synonyms
    columns: dict[str, int] = {}
    for column, name in enumerate(header):
        found = synonyms.get(folded(name))
        if found is not None and found not in columns:
            columns[found] = column
    return ColumnMapping(MappingProxyType(columns))


def propose(header: Sequence[str]) -> ColumnMapping:
    """The mapping to offer for a header: its preset's, else the synonyms'."""
    preset = preset_for(header)
    return from_preset(preset, header) if preset is not None else by_synonyms(header)


def missing_fields(mapping: ColumnMapping) -> list[str]:
    """What a mapping lacks to read any row: a company or a title column."""
    if "company" in mapping.columns or "title" in mapping.columns:
        return []
    return ["company", "title"]


def from_json(value: Any, header: Sequence[str]) -> ColumnMapping:
    """A mapping from its JSON (``--mapping FILE.json``, a saved preset)::

        {"columns": {"company": "Employer", "title": "Role", ...},
         "statuses": {"Phone call": "Screening"}, "default_status": "Applied"}

    Headers are matched loosely (``folded``). Raises ImportRefused naming an unknown field, a
    header the table lacks or a value of the wrong kind.
    """
    if not isinstance(value, dict) or not isinstance(value.get("columns"), dict):
        raise ImportRefused('the mapping must be a JSON object with "columns": {field: header}')
    known = _index(header)
    columns: dict[str, int] = {}
    for name, title in value["columns"].items():
        if name not in FIELDS:
            raise ImportRefused(
                f"the mapping names an unknown field {name!r}; fields are {', '.join(FIELDS)}"
            )
        if title is None:
            continue
        if not isinstance(title, str) or folded(title) not in known:
            raise ImportRefused(
                f"the mapping reads {name} from {title!r}, a column the table lacks"
            )
        columns[name] = known[folded(title)]
    statuses = value.get("statuses", {})
    if not isinstance(statuses, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in statuses.items()
    ):
        raise ImportRefused('the mapping\'s "statuses" must map each status to a stage name')
    default = value.get("default_status")
    if default is not None and not isinstance(default, str):
        raise ImportRefused('the mapping\'s "default_status" must be a stage name')
    return ColumnMapping(
        MappingProxyType(columns),
        MappingProxyType({folded(k): v for k, v in statuses.items()}),
        preset=value.get("name") if isinstance(value.get("name"), str) else None,
        default_status=default,
    )


def to_json(mapping: ColumnMapping, header: Sequence[str], name: str | None = None) -> dict:
    """The mapping as ``from_json`` reads it, columns named by their headers."""
    value: dict[str, Any] = {
        "columns": {f: header[c] for f, c in mapping.columns.items() if c < len(header)},
        "statuses": dict(mapping.statuses),
    }
    if mapping.default_status:
        value["default_status"] = mapping.default_status
    if name:
        value["name"] = name
    return value


def stage_of(status: str, mapping: ColumnMapping, stages: Sequence[str]) -> str | None:
    """The library's stage for a source status: the user's mapping first, then the statuses
    trackers use; a stage named like the status itself counts too. None when none fits
    (or the stage it names is not in ``stages``, the library's stage names)."""
    key = folded(status)
    by_name = {folded(stage): stage for stage in stages}
    for wanted in (mapping.statuses.get(key), key, vocabulary().statuses.get(key)):
        if wanted is not None and folded(wanted) in by_name:
            return by_name[folded(wanted)]
    return None
