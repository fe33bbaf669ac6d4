"""Board profiles: what each job board adds around a posting, as data (profiles/*.toml).

A profile says how to recognise its board (``signals``: a board is recognised when at least
``min_signals`` of them match lines of the input) and what of the copy is page chrome: whole
lines and line patterns, blocks between two markers (LinkedIn's "Meet the hiring team" up to
"About the job"), the form that follows the posting, a suffix on the title, and the chrome text a
``textContent`` copy glues to its neighbours. ``any.toml`` holds what every board shares and
always applies. Adding a board is one TOML file and its tests.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_FOLDER = Path(__file__).with_name("profiles")
# Only the first lines decide which board a paste comes from; a 5 MB paste stays fast.
_SIGNAL_LINES = 400
_CHROME_LINE = 300
_PARTS = re.compile(r"\s+[·•|]\s+")
# A list bullet before a chrome line ("- Do you have experience with X?") is not part of it.
_BULLET = re.compile(r"^[-•*·▪◦]\s+")


def _patterns(items: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(item, re.IGNORECASE) for item in items)


@dataclass(frozen=True)
class BoardProfile:
    name: str
    signals: tuple[re.Pattern[str], ...] = ()
    min_signals: int = 1
    chrome_lines: frozenset[str] = frozenset()
    chrome_patterns: tuple[re.Pattern[str], ...] = ()
    drop_blocks: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()
    end_markers: tuple[re.Pattern[str], ...] = ()
    title_suffixes: tuple[str, ...] = ()
    glue_markers: tuple[str, ...] = ()
    company_lines: tuple[re.Pattern[str], ...] = ()
    html_chrome: frozenset[str] = frozenset()

    @classmethod
    def from_toml(cls, data: dict) -> BoardProfile:
        return cls(
            name=data["name"],
            signals=_patterns(data.get("signals", ())),
            min_signals=int(data.get("min_signals", 1)),
            chrome_lines=frozenset(line.lower() for line in data.get("chrome_lines", ())),
            chrome_patterns=_patterns(data.get("chrome_patterns", ())),
            drop_blocks=tuple(
                (re.compile(a, re.IGNORECASE), re.compile(b, re.IGNORECASE))
                for a, b in data.get("drop_blocks", ())
            ),
            end_markers=_patterns(data.get("end_markers", ())),
            title_suffixes=tuple(data.get("title_suffixes", ())),
            glue_markers=tuple(data.get("glue_markers", ())),
            company_lines=_patterns(data.get("company_lines", ())),
            html_chrome=frozenset(data.get("html_chrome", ())),
        )


@lru_cache(maxsize=1)
def profiles() -> tuple[BoardProfile, ...]:
    """Every profile, the shared ``any`` profile first."""
    found = []
    for path in sorted(_FOLDER.glob("*.toml")):
        with path.open("rb") as file:
            found.append(BoardProfile.from_toml(tomllib.load(file)))
    found.sort(key=lambda p: p.name != "any")
    return tuple(found)


def recognise(lines: list[str]) -> tuple[BoardProfile, ...]:
    """The profiles that apply to these lines: ``any`` and every board whose signals match."""
    head = [line.lower() for line in lines[:_SIGNAL_LINES] if line]
    out = []
    for profile in profiles():
        if not profile.signals:
            out.append(profile)
            continue
        hits = sum(1 for signal in profile.signals if any(signal.search(x) for x in head))
        if hits >= profile.min_signals:
            out.append(profile)
    return tuple(out)


class Chrome:
    """The chrome rules of the recognised profiles, merged."""

    def __init__(self, found: tuple[BoardProfile, ...]) -> None:
        self.names = tuple(p.name for p in found if p.name != "any")
        self.lines = frozenset().union(*(p.chrome_lines for p in found))
        self.patterns = tuple(x for p in found for x in p.chrome_patterns)
        self.blocks = tuple(x for p in found for x in p.drop_blocks)
        self.end_markers = tuple(x for p in found for x in p.end_markers)
        self.title_suffixes = tuple(x for p in found for x in p.title_suffixes)
        self.company_lines = tuple(x for p in found for x in p.company_lines)

    def company(self, line: str) -> str | None:
        """The employer a line names ("Read the full ad at Acme AB"), or None."""
        for pattern in self.company_lines:
            if (match := pattern.match(line)) is not None:
                return match["company"].strip()
        return None

    def is_chrome(self, line: str) -> bool:
        lowered = _BULLET.sub("", line.strip().lower())
        if lowered in self.lines:
            return True
        return any(pattern.match(lowered) for pattern in self.patterns)

    def without_chrome_parts(self, line: str) -> str:
        """A "·"-separated header line without its chrome parts ("86 applicants")."""
        parts = _PARTS.split(line)
        if len(parts) < 2:
            return line
        kept = [part for part in parts if not self.is_chrome(part)]
        return " · ".join(kept) if len(kept) != len(parts) else line

    def title(self, line: str) -> str:
        for suffix in self.title_suffixes:
            if line.lower().endswith(suffix):
                return line[: -len(suffix)].rstrip()
        return line


def unglue(text: str, found: tuple[BoardProfile, ...]) -> str:
    """Text copied through ``textContent`` with the boards' glued chrome put on lines of its own,
    and inline CSS rules (".css-1q7h3vb{box-sizing:...}") removed."""
    if "{" in text:  # a CSS rule has a brace; most pastes have none, and skip the scan
        text = _CSS_RULE.sub("\n", text)
    markers = [m for p in found for m in p.glue_markers]
    if not markers:
        return text
    glued = re.compile("|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)))
    lines = []
    for line in text.split("\n"):
        if len(line) > 200 and glued.search(line):
            line = glued.sub(_own_line, line)
        lines.append(line)
    return "\n".join(lines)


def _own_line(match: re.Match[str]) -> str:
    # "- job post" ends the title's line; any other marker is a line of its own.
    text = match[0]
    return f"{text}\n" if text.startswith(("- ", "– ")) else f"\n{text}\n"


# A CSS rule or a run of them: a selector, then a brace block with "property:value" inside.
_CSS_RULE = re.compile(r"(?:[.#][\w-]+(?::[\w-]+)?\{[^{}\n]{0,2000}\})+")


def drop_chrome(lines: list[str], chrome: Chrome, is_heading) -> tuple[list[str], list[str]]:
    """(the lines without chrome, the chrome lines dropped).

    Blocks are dropped only when their end marker follows (else nothing is lost); the page's
    tail (an application form) only after the posting has had a section heading.
    """
    dropped: list[str] = []
    out: list[str] = []
    skip_until: re.Pattern[str] | None = None
    seen_heading = False
    # Chrome is a short line; a long one (a paragraph, a flattened page) is never tested.
    lowered = [line.lower() if len(line) <= _CHROME_LINE else "" for line in lines]
    for index, line in enumerate(lines):
        low = lowered[index]
        if skip_until is not None:
            if skip_until.match(low):
                skip_until = None
            else:
                dropped.append(line)
                continue
        if line and len(line) <= _CHROME_LINE:
            block = next((b for b in chrome.blocks if b[0].match(low)), None)
            if block is not None and any(block[1].match(x) for x in lowered[index + 1 :]):
                skip_until = block[1]
                dropped.append(line)
                continue
            if seen_heading and any(m.match(low) for m in chrome.end_markers):
                dropped.extend(x for x in lines[index:] if x)
                break
            if chrome.is_chrome(line):
                dropped.append(line)
                continue
            line = chrome.without_chrome_parts(line)
            seen_heading = seen_heading or is_heading(line)
        out.append(line)
    return out, dropped


def html_chrome_words() -> frozenset[str]:
    """Words in an element's id or class that mark it as page chrome on a saved page."""
    return frozenset().union(*(p.html_chrome for p in profiles()))
