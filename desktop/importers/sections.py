"""The body of a posting in text: its sections under their headings, the description, and the
lists each section gives (shared by the text, JSON-LD and job-board JSON readers)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.posting import Qualifications
from desktop.importers.headings import generic_heading, known_heading
from desktop.importers.labels import bare_label, label_row
from desktop.importers.lines import join_wrapped, list_items, strip_bullet

_BOILERPLATE = re.compile(
    r"equal (?:employment )?opportunity|\bEEO\b|reasonable accommodation", re.IGNORECASE
)
_LIST_KEYS = ("responsibilities", "required", "preferred", "benefits")
# Items of a requirements list that say themselves they are preferred ("Advantage: ...").
_PREFERRED_ITEM = re.compile(
    r"^(?:advantage|nice to have|bonus|plus|preferred|desirable|a plus)\s*:", re.IGNORECASE
)


@dataclass
class Sections:
    """The body's lines by field, the description's paragraphs, and the known headings seen."""

    by_key: dict[str, list[str]] = field(default_factory=dict)
    description: list[str] = field(default_factory=list)
    known: int = 0
    company_heading: str | None = None
    labels: list[tuple[str, str]] = field(default_factory=list)


def split_body(lines: list[str]) -> tuple[list[str], Sections]:
    """The header lines (before the first heading) and the sections after it.

    A bulleted section ends where a blank line is followed by a line without a bullet (the
    salary note or the "Apply" button after the last list); stated pay goes to the salary
    section; a "Label: value" fact row ("Job Type: Full-time") and equal-opportunity boilerplate
    end any section. Those lines stay in the description.
    """
    sections = Sections()
    header: list[str] = []
    current: list[str] | None = None
    bulleted = after_blank = False
    pending: str | None = None  # a label line in the body, waiting for its value below
    for line in lines:
        if pending is not None and current is not None:
            if not line:
                continue
            sections.labels.append((pending, line))
            sections.description.append(line)
            pending = None
            continue
        known = known_heading(line) if len(line) <= 70 else None
        if known is not None:
            key, text = known
            sections.known += 1
            if key == "company" and text.startswith("about ") and text not in ("about us",):
                sections.company_heading = sections.company_heading or line.rstrip(":")[6:]
            current = sections.by_key.setdefault(key, [])
            current.append("")  # a blank keeps a second section of one kind a new paragraph
            sections.description.extend(["", line.rstrip(":").strip("#* ")])
            bulleted = after_blank = False
            continue
        if current is not None and line and generic_heading(line):
            current = sections.by_key.setdefault("other", [])
            sections.description.extend(["", line.rstrip(":").strip("#* ")])
            bulleted = after_blank = False
            continue
        if current is None:
            header.append(line)
            continue
        text, has_bullet = strip_bullet(line) if line else ("", False)
        sections.description.append(text)
        if not line:
            after_blank = True
            current.append(line)
            continue
        if (kind := bare_label(line)) is not None and not has_bullet:
            pending = kind
            current = sections.by_key.setdefault("other", [])
            continue
        row = label_row(line)
        if row is not None:
            kind, _label, value = row
            if kind == "salary":
                sections.by_key.setdefault("salary", []).append(text)
            else:
                sections.labels.append((kind, value))
            current = sections.by_key.setdefault("other", [])
            continue
        if (
            _BOILERPLATE.search(line)
            or (bulleted and after_blank and not has_bullet)
            or (after_blank and len(line) > 200 and _short_items(current))
        ):
            # The list is over: a paragraph of prose after a list of short items is the
            # posting's closing text (a pay note, the company's pitch), not one more item.
            current = sections.by_key.setdefault("other", [])
        bulleted = bulleted or has_bullet
        after_blank = False
        current.append(line)
    return header, sections


def _short_items(section: list[str]) -> bool:
    items = [x for x in section if x]
    return len(items) >= 2 and all(len(x) <= 160 for x in items)


def list_sections(sections: Sections) -> list[str]:
    return [key for key in _LIST_KEYS if list_items(sections.by_key.get(key, []))]


def summary_or_duties(sections: Sections) -> tuple[list[str], list[str]]:
    """(summary lines, duties): a "Job Description:" section that is a list of duties with no
    "Responsibilities" section beside it gives the responsibilities, not the summary."""
    summary = sections.by_key.get("summary", [])
    if list_items(sections.by_key.get("responsibilities", [])):
        return summary, []
    paragraphs: list[list[str]] = [[]]
    for line in summary:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    for block in paragraphs:
        items = join_wrapped(block)
        bulleted = all(strip_bullet(x)[1] for x in block)
        if len(items) >= 3 and (bulleted or not any(x.endswith(".") for x in items)):
            rest = [x for x in summary if x not in block]
            return rest, block
    return summary, []


def qualifications_of(sections: Sections) -> Qualifications:
    required = list_items(sections.by_key.get("required", []))
    preferred = list_items(sections.by_key.get("preferred", []))
    moved = [item for item in required if _PREFERRED_ITEM.match(item)]
    if moved:
        required = [item for item in required if item not in moved]
        preferred = [*preferred, *(_PREFERRED_ITEM.sub("", item).strip() for item in moved)]
    return Qualifications(required=tuple(required), preferred=tuple(preferred))


def description_of(prose: list[str], sections: Sections) -> str | None:
    """The description as plain text: the prose before the first heading, then every section
    under its heading, bullets dropped and wrapped lines joined."""
    lines = [strip_bullet(line)[0] if line else "" for line in prose]
    return "\n".join(_paragraph_lines([*lines, "", *sections.description])) or None


def _paragraph_lines(lines: list[str]) -> list[str]:
    """Description lines with wrapped ones joined and single blank lines between paragraphs."""
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1]:
                out.append("")
        elif out and out[-1] and _joins(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def _joins(previous: str, line: str) -> bool:
    return len(join_wrapped([previous, line])) == 1
