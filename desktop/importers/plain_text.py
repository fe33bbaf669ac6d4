"""Reader for plain text from career sites and applicant-tracking pages (Greenhouse, Lever,
Workday, Ashby ... as copied or saved), and for the visible text of HTML without structured data.

The top lines carry the title, company and short facts (location, work model, type, salary),
sometimes as "Label: value" or as a label line followed by its value (Workday). Sections follow
under headings in many wordings (see headings.py); bullets of any kind become list items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.dates import aware, parse_moment
from desktop.core.posting import CompanyProfile, PostingDocument, Qualifications, Salary
from desktop.core.text import safe_link
from desktop.importers.headings import generic_heading, known_heading
from desktop.importers.intro import (
    ROLE_WORDS,
    IntroFields,
    employment_type_of,
    salary_of,
    work_model_of,
)
from desktop.importers.lines import join_wrapped, list_items, paragraph, split_lines, strip_bullet
from desktop.importers.result import ImportRefused, ReadResult
from desktop.importers.sanitize import plain, sanitize_document

# Label lines: "Location: Austin, TX", or Workday's "locations" on one line and the value below.
_LABELS = {
    "job title": "title", "title": "title", "position": "title", "role": "title",
    "company": "company", "employer": "company", "organization": "company",
    "location": "location", "locations": "location", "job location": "location",
    "office location": "location",
    "employment type": "employment_type", "job type": "employment_type",
    "time type": "employment_type", "commitment": "employment_type", "type": "employment_type",
    "workplace type": "work_model", "work model": "work_model", "remote": "work_model",
    "work arrangement": "work_model", "location type": "work_model",
    "salary": "salary", "pay range": "salary", "salary range": "salary",
    "compensation": "salary", "base pay": "salary",
    "posted on": "posted", "posted": "posted", "date posted": "posted",
    "job requisition id": "ignore", "req id": "ignore", "requisition id": "ignore",
    "job id": "ignore", "department": "ignore", "team": "ignore",
    "url": "url", "apply at": "url", "link": "url",
}  # fmt: skip
_LABEL_LINE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{1,24}):\s*(?P<value>.{1,300})$")
_TITLE_AT = re.compile(
    r"^(?:job application for\s+)?(?P<title>.{3,120}?) at (?P<company>[^,]{2,60})$", re.I
)
_AT_COMPANY = re.compile(r"^at (?P<company>.{2,60})$", re.IGNORECASE)
# Page furniture a copy picks up: buttons and links, not content.
_FURNITURE = {
    "apply", "apply now", "apply for this job", "apply for this position", "save", "save job",
    "share", "share this job", "back to jobs", "view all jobs", "easy apply", "sign in",
    "back", "print", "email this job", "submit application",
}  # fmt: skip
_BOILERPLATE = re.compile(
    r"equal (?:employment )?opportunity|\bEEO\b|reasonable accommodation", re.IGNORECASE
)
_POSTED = re.compile(r"^posted\s*:?\s*(?P<when>.{1,60})$", re.IGNORECASE)
_INTERN = re.compile(r"\bintern(?:ship)?\b", re.IGNORECASE)
_POSTING_WORDS = re.compile(
    r"\b(?:responsibilit\w*|qualifications?|requirements?|experience|apply|salary|benefits"
    r"|candidate|role|team|hiring|position|skills|years)\b",
    re.IGNORECASE,
)


@dataclass
class Sections:
    """The body's lines by field, the description's paragraphs, and the known headings seen."""

    by_key: dict[str, list[str]] = field(default_factory=dict)
    description: list[str] = field(default_factory=list)
    known: int = 0
    company_heading: str | None = None


def split_body(lines: list[str]) -> tuple[list[str], Sections]:
    """The header lines (before the first heading) and the sections after it.

    A bulleted section ends where a blank line is followed by a line without a bullet (the
    salary note or the "Apply" button after the last list); stated pay goes to the salary
    section; equal-opportunity boilerplate ends any section. Those lines stay in the description.
    """
    sections = Sections()
    header: list[str] = []
    current: list[str] | None = None
    bulleted = after_blank = False
    for line in lines:
        known = known_heading(line) if len(line) <= 70 else None
        if known is not None:
            key, text = known
            sections.known += 1
            if key == "company" and text.startswith("about ") and text not in ("about us",):
                sections.company_heading = sections.company_heading or line.rstrip(":")[6:]
            current = sections.by_key.setdefault(key, [])
            current.append("")  # a blank keeps a second section of one kind a new paragraph
            sections.description.extend(["", line.rstrip(":")])
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
        if line.lower() in _FURNITURE:
            continue
        label = _LABEL_LINE.match(line)
        if label is not None and _LABELS.get(label["label"].lower()) == "salary":
            sections.by_key.setdefault("salary", []).append(text)
            continue
        if _BOILERPLATE.search(line) or (bulleted and after_blank and not has_bullet):
            current = sections.by_key.setdefault("other", [])
        bulleted = bulleted or has_bullet
        after_blank = False
        current.append(line)
    return header, sections


@dataclass
class _Header:
    title: str | None = None
    company: str | None = None
    posted: str | None = None
    url: str | None = None
    fields: IntroFields = field(default_factory=IntroFields)
    prose: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def _apply_label(head: _Header, kind: str, value: str) -> None:
    f = head.fields
    if kind == "title":
        head.title = head.title or value
    elif kind == "company":
        head.company = head.company or value
    elif kind == "location":
        if not f.take(value):
            f.location = f.location or value
    elif kind == "employment_type":
        f.employment_type = f.employment_type or employment_type_of(value) or value
    elif kind == "work_model":
        f.work_model = f.work_model or work_model_of(value)
        if f.work_model is None and value.lower() in ("yes", "true"):
            f.work_model = "Remote"
    elif kind == "salary":
        f.salary = f.salary or salary_of(value)
    elif kind == "posted":
        head.posted = head.posted or value
    elif kind == "url":
        head.url = head.url or safe_link(value)


def _read_header(lines: list[str]) -> _Header:
    head = _Header()
    pending: str | None = None  # a Workday label waiting for its value on the next line
    candidates: list[str] = []
    for line in (x for x in lines if x):
        lowered = line.lower()
        if pending is not None:
            _apply_label(head, pending, line)
            pending = None
            continue
        if lowered in _FURNITURE:
            continue
        if lowered in _LABELS:
            pending = _LABELS[lowered]
            continue
        label = _LABEL_LINE.match(line)
        if label is not None and label["label"].lower() in _LABELS:
            _apply_label(head, _LABELS[label["label"].lower()], label["value"].strip())
            continue
        if (posted := _POSTED.match(line)) is not None:
            head.posted = head.posted or posted["when"]
            continue
        if line.startswith("https://") and " " not in line:
            head.url = head.url or safe_link(line)
            continue
        if (at := _AT_COMPANY.match(line)) is not None and head.company is None:
            head.company = at["company"]
            continue
        if head.fields.take(line):
            candidates.extend(head.fields.leftovers)
            continue
        candidates.append(line)
    _pick_title_and_company(head, candidates)
    return head


def _pick_title_and_company(head: _Header, candidates: list[str]) -> None:
    short = [c for c in candidates if len(c) <= 120 and not c.endswith(".")]
    if head.title is None:
        for line in short:
            match = _TITLE_AT.match(line)
            if match is not None and ROLE_WORDS.search(match["title"]):
                head.title, head.company = match["title"], head.company or match["company"]
                break
    if head.title is None:
        with_role = [c for c in short if ROLE_WORDS.search(c)]
        head.title = with_role[0] if with_role else (short[0] if short else None)
    for line in candidates:
        if line == head.title or (line.endswith(".") or len(line) > 120):
            if line != head.title:
                head.prose.append(line)
            continue
        if head.company is None and len(line) <= 60:
            head.company = line
        else:
            head.unplaced.append(line)


def _looks_like_posting(head: _Header, sections: Sections, text: str) -> bool:
    if head.title is None:
        return False
    if sections.known >= 1:
        return True
    hits = len(_POSTING_WORDS.findall(text[:20000]))
    return bool(ROLE_WORDS.search(head.title)) and hits >= 3


def _salary_anywhere(lines: list[str]) -> Salary | None:
    for line in lines:
        if line and (any(sym in line for sym in "$€£") or "USD" in line or "EUR" in line):
            found = salary_of(line)
            if found is not None:
                return found
    return None


def read(text: str, *, captured_at: datetime, source_format: str = "text") -> ReadResult:
    """Read one plain-text posting; raises ImportRefused when the text is not a posting."""
    captured_at = aware(captured_at)
    lines = split_lines(text)
    header_lines, sections = split_body(lines)
    head = _read_header(header_lines)
    if not _looks_like_posting(head, sections, text):
        raise ImportRefused(
            "the text does not look like a job posting: no job title and no sections such as "
            "Responsibilities, Requirements or Benefits were found"
        )
    f = head.fields
    by_key = sections.by_key
    summary = paragraph(join_wrapped(by_key.get("summary", []))) or paragraph(head.prose)
    company = head.company or sections.company_heading
    about = paragraph(join_wrapped(by_key.get("company", [])))
    employment_type = f.employment_type
    if employment_type is None and head.title and _INTERN.search(head.title):
        employment_type = "Internship"
    posted_at = parse_moment(head.posted, captured_at) if head.posted else None
    doc = PostingDocument(
        title=head.title,
        company=company,
        location=f.location,
        employment_type=employment_type,
        work_model=f.work_model,
        salary=f.salary or _salary_anywhere(by_key.get("salary", [])) or _salary_anywhere(lines),
        posted_text=head.posted,
        posted_at=posted_at,
        captured_at=captured_at,
        url=head.url,
        summary=summary,
        description=description_of(head.prose, sections),
        industries=f.industries,
        responsibilities=tuple(list_items(by_key.get("responsibilities", []))),
        qualifications=Qualifications(
            required=tuple(list_items(by_key.get("required", []))),
            preferred=tuple(list_items(by_key.get("preferred", []))),
        ),
        benefits=tuple(list_items(by_key.get("benefits", []))),
        company_profile=CompanyProfile(name=company, description=about)
        if company and about
        else None,
        source_format=source_format,
        raw=text,
    )
    warnings = [f"top of the text: could not place {_shown(line)!r}" for line in head.unplaced]
    warnings += [f"top of the text: could not place {_shown(x)!r}" for x in f.unplaced]
    return ReadResult(sanitize_document(doc), tuple(warnings))


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


def _shown(line: str) -> str:
    shown = plain(line) or ""
    return shown if len(shown) <= 90 else shown[:87] + "..."
