"""Field labels ("Location: Austin, TX", "Organization:<TAB>Acme") from vocabulary/labels.toml,
and the tab-separated ``Label:<TAB>value`` rows of university and co-op boards."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from desktop.importers.headings import known_heading
from desktop.importers.intro import employment_type_of, work_model_of

_VOCABULARY = Path(__file__).with_name("vocabulary") / "labels.toml"
# Single-word labels that stand alone on a line above their value ("Location" / "Austin, TX",
# "Department" / "Engineering"); other single words ("Title", "Type") are too likely text.
_ONE_WORD_LABELS = ("location", "company", "ignore")
_PAREN = re.compile(r"\s*\([^)]{0,80}\)")
# "Label: value" with a label of a few words; the value is the rest of the line.
LABEL_LINE = re.compile(r"^(?P<label>[^\W\d_][\w /&'’-]{0,40}?)\s?:\s*(?P<value>.{1,300})$")
_TAB_ROW = re.compile(r"^\s*(?P<label>[^\t:]{1,120}):\t+(?P<value>.*)$")


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    with _VOCABULARY.open("rb") as file:
        data = tomllib.load(file)
    out: dict[str, str] = {}
    for field, names in data.items():
        for name in names:
            out.setdefault(normalise(name), field)
    return out


def label_names() -> frozenset[str]:
    """Every label Jobdeck knows, normalised."""
    return frozenset(_labels())


def normalise(label: str) -> str:
    """A label for lookup: lower case, no parenthetical, no trailing colon, spaces folded."""
    text = _PAREN.sub("", label).strip().rstrip(":").strip().lower()
    return " ".join(text.split())


def label_field(label: str) -> str | None:
    """The field a label names ("Job Location (If Unknown)" -> "location"), or None."""
    return _labels().get(normalise(label))


def label_row(line: str) -> tuple[str, str, str] | None:
    """(field, label, value) when the line is "Label: value" with a known label, else None."""
    match = LABEL_LINE.match(line)
    if match is None:
        return None
    field = label_field(match["label"])
    return None if field is None else (field, match["label"], match["value"].strip())


def expand_tab_rows(raw_lines: list[str]) -> tuple[list[str], list[str]]:
    """Lines with ``Label:<TAB>value`` rows made plain: a section heading row becomes its
    heading (its value, a sub-heading like "What You'll Do:", goes), a field row becomes
    "Label: value", and a row with no value takes the lines below it as its value.

    Returns (lines, rows that name no field Jobdeck keeps), so the latter can be listed.
    """
    out: list[str] = []
    unplaced: list[str] = []
    open_label: str | None = None  # a row with no value collects the lines below it
    collected: list[str] = []

    def close() -> None:
        nonlocal open_label
        if open_label is not None:
            value = ", ".join(collected)
            out.append(f"{open_label}: {value}" if value else "")
            if label_field(open_label) in (None, "ignore"):
                unplaced.append(f"{open_label}: {value}".strip())
            open_label = None
            collected.clear()

    for line in raw_lines:
        row = _TAB_ROW.match(line)
        if row is not None:
            label = _PAREN.sub("", row["label"]).strip()
        if row is None:
            if open_label is not None and line.strip():
                collected.append(line.strip().lstrip("-•* ").strip())
                continue
            close()
            out.append(line)
            continue
        close()
        value = row["value"].strip()
        heading = known_heading(label + ":")
        field = label_field(label)
        if not value:
            if heading is not None:
                out.append(label + ":")
            else:
                open_label = label
            continue
        if heading is not None and (field is None or known_heading(value) is not None):
            out.append(label + ":")
            if known_heading(value) is None and not value.endswith(":"):
                out.append(value)
            continue
        out.append(f"{label}: {value}")
        if field in (None, "ignore"):
            unplaced.append(f"{label}: {value}")
    close()
    return out, unplaced


def has_tab_rows(text: str) -> bool:
    return ":\t" in text


def bare_label(line: str) -> str | None:
    """The field of a line that is only a label ("Employment type", "locations"), or None."""
    if len(line) > 40 or line.endswith((".", "?")):
        return None
    kind = label_field(line)
    if kind is None or work_model_of(line) or employment_type_of(line):
        return None
    if line != line.lower() and len(line.split()) < 2 and kind not in _ONE_WORD_LABELS:
        return None  # "Industries", "Title": too likely a heading or a word of the text
    return kind
