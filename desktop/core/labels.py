"""Named labels: the user's own words for applications ("remote", "dream job", "referral"),
each with a colour, several per application, and usable as a filter.

They replace the one anonymous colour a board card could carry (migration 0014 turns each
colour in use into a label named after it: ``PALETTE``). A label's identity is its name, compared
without case and with runs of spaces folded (``name_key``), so "Remote" and "remote " are one.

The search box takes ``label:NAME`` (``label:"full remote"`` for a name with spaces), a filter
term like the filter bar's others (``core.filter_terms``): it keeps the applications carrying
that label; several labels widen (any of them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.text import without_invisible

MAX_NAME = 40
# The colours offered when a label is made, with the names the old anonymous colours had on
# the board's menu: a library's colour labels become labels with these names.
PALETTE = (
    ("Red", "#ef4444"),
    ("Orange", "#f97316"),
    ("Yellow", "#eab308"),
    ("Green", "#22c55e"),
    ("Blue", "#3b82f6"),
    ("Purple", "#a855f7"),
    ("Grey", "#6b7280"),
)
DEFAULT_COLOR = "#3b82f6"
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Label:
    id: int
    name: str
    color: str  # "#rrggbb"


@dataclass(frozen=True)
class LabelUse:
    """A label and how many applications carry it (the label list, the filter's choices)."""

    label: Label
    count: int


class LabelProblem(ValueError):
    """A label name or colour that cannot be stored; the message says what is wrong."""


def name_key(name: str) -> str:
    """The name as compared: case folded, runs of white space as one space, trimmed."""
    return " ".join(without_invisible(name).split()).casefold()


def checked_name(name: str) -> str:
    """The name as stored (invisible characters removed, spaces folded), or LabelProblem for
    an empty one, one over ``MAX_NAME`` characters, or one holding a double quote (which the
    search syntax uses to delimit names)."""
    cleaned = " ".join(without_invisible(name).split())
    if not cleaned:
        raise LabelProblem("A label needs a name.")
    if len(cleaned) > MAX_NAME:
        raise LabelProblem(f"A label name is at most {MAX_NAME} characters ({len(cleaned)} given).")
    if '"' in cleaned:
        raise LabelProblem(f"A label name cannot hold a double quote: {cleaned!r}.")
    return cleaned


def checked_color(color: str) -> str:
    """``#rrggbb`` in lower case, or LabelProblem naming the value."""
    value = color.strip()
    if not _COLOR.match(value):
        raise LabelProblem(f"{color!r} is not a colour like #3b82f6.")
    return value.lower()


def color_for(name: str) -> str:
    """The palette's colour for one of its names ("red" -> "#ef4444"), else the default."""
    key = name_key(name)
    return next((c for n, c in PALETTE if n.casefold() == key), DEFAULT_COLOR)


def name_for_color(color: str) -> str:
    """The name a stored anonymous colour becomes: the palette's ("Red"), else the colour."""
    value = color.strip().lower()
    return next((n for n, c in PALETTE if c == value), f"Colour {value}")
