"""Reader for plain text from career sites and applicant-tracking pages (Greenhouse, Lever,
Workday, Ashby, LinkedIn, Indeed, StepStone ... as copied or saved), and for the visible text
of HTML without structured data.

The input is first cleared of the board's page chrome (see profiles.py: buttons, ratings, the
application form, glued ``textContent`` copies, inline CSS) and its tab-separated label rows made
plain. The top lines then carry the title, company and short facts (location, work model, type,
salary, age), as "Label: value", as a label line followed by its value (Workday), or as "·"-joined
chips. Sections follow under headings in many wordings (vocabulary/headings.toml); bullets of any
kind become list items. A body without a title line (LinkedIn's "About the job", a Greenhouse
page body) is read when its sections show it is a posting; the title is then left empty for the
user, and the warnings say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.dates import aware, is_age, parse_moment
from desktop.core.posting import CompanyProfile, PostingDocument
from desktop.core.text import clean_text, safe_link
from desktop.importers import deadlines
from desktop.importers.flattened import split_flattened
from desktop.importers.headings import known_heading
from desktop.importers.intro import (
    ROLE_WORDS,
    IntroFields,
    employment_type_of,
    looks_like_place_name,
    salary_of,
    work_model_of,
)
from desktop.importers.labels import LABEL_LINE, bare_label, expand_tab_rows, label_row
from desktop.importers.lines import (
    first_paragraph,
    join_wrapped,
    list_items,
    paragraph,
    strip_bullet,
)
from desktop.importers.markdown import looks_like_markdown, title_from_page_title, to_plain
from desktop.importers.money_context import other_pay, pay_from, resolve_currency
from desktop.importers.profiles import Chrome, drop_chrome, recognise, unglue
from desktop.importers.result import ImportRefused, ReadResult
from desktop.importers.sanitize import plain, sanitize_document
from desktop.importers.sections import (
    Sections,
    description_of,
    list_sections,
    qualifications_of,
    split_body,
    summary_or_duties,
)

_TITLE_AT = re.compile(
    r"^(?:job application for\s+)?(?P<title>.{3,120}?) at (?P<company>[^,]{2,60})$", re.I
)
_AT_COMPANY = re.compile(r"^at (?P<company>.{2,60})$", re.IGNORECASE)
# "Acme Corp is an equal opportunity employer": the footer names the company.
_EEO_COMPANY = re.compile(
    r"^(?P<company>[A-Z][\w&.,'’ -]{1,60}?) (?:is|are) (?:an|a proud) equal (?:employment )?"
    r"opportunity",
)
_POSTED = re.compile(r"^(?:posted|reposted)\s*:?\s*(?P<when>.{1,60})$", re.IGNORECASE)
# A line that is only an age in words ("Publicada hace 3 días"): no chips beside it.
_AGE_LINE = re.compile(r"^[^·|•,]{0,25}\d[^·|•,]{0,35}$")
# "Engineering – Platform": a board's department and team (Lever, Ashby), never the company.
_CATEGORY = re.compile(r"^[\w&/ ]{2,30} [–—] [\w&/ ]{2,30}$")
_INTERN = re.compile(r"\bintern(?:ship)?\b", re.IGNORECASE)
_POSTING_WORDS = re.compile(
    r"\b(?:responsibilit\w*|qualifications?|requirements?|experience|apply|salary|benefits"
    r"|candidate|role|team|hiring|position|skills|years)\b",
    re.IGNORECASE,
)


@dataclass
class _Header:
    title: str | None = None
    company: str | None = None
    posted: str | None = None
    deadline: str | None = None
    url: str | None = None
    country: str | None = None
    fields: IntroFields = field(default_factory=IntroFields)
    prose: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    labelled: set[str] = field(default_factory=set)
    unread_pay: list[str] = field(default_factory=list)


def _apply_label(head: _Header, kind: str, value: str) -> None:
    f = head.fields
    value = value.strip()
    if not value:
        return
    if kind == "title":
        head.title = head.title or value
        head.labelled.add("title")
    elif kind == "company":
        if "company" not in head.labelled:
            head.company = value
        head.labelled.add("company")
    elif kind == "location":
        if not f.take(value):
            f.location = f.location or value
    elif kind == "country":
        head.country = head.country or value
    elif kind == "employment_type":
        # "Part time (15 hours)": the type is what stands before the detail.
        bare = re.sub(r"\s*\(.*\)$", "", value)
        f.employment_type = f.employment_type or employment_type_of(bare) or value
    elif kind == "work_model":
        f.work_model = f.work_model or work_model_of(value)
        if f.work_model is None and value.lower() in ("yes", "true"):
            f.work_model = "Remote"
    elif kind == "salary":
        found = salary_of(value, labelled=True)
        if found is None and f.salary is None:
            head.unread_pay.append(value)
        f.salary = f.salary or found
    elif kind == "posted":
        head.posted = head.posted or value
    elif kind == "deadline":
        head.deadline = head.deadline or value
    elif kind == "url":
        head.url = head.url or safe_link(value)


def _read_header(lines: list[str], chrome: Chrome, skip: set[str]) -> tuple[_Header, list[str]]:
    head = _Header()
    pending: str | None = None  # a Workday label waiting for its value on the next line
    candidates: list[str] = []
    for line in (x for x in lines if x):
        if pending is not None:
            _apply_label(head, pending, line)
            pending = None
            continue
        if line in skip:
            continue
        # A label on a line of its own, the value below (Workday's "locations", LinkedIn's
        # "Employment type"); a word that is a value itself ("Remote") is not a label.
        if (kind := bare_label(line)) is not None:
            pending = kind
            continue
        if (row := label_row(strip_bullet(line)[0])) is not None:
            _apply_label(head, row[0], row[2])  # also "• Work area: Lund" in a fact list
            continue
        if (posted := _POSTED.match(line)) is not None:
            head.posted = head.posted or posted["when"]
            continue
        if _AGE_LINE.match(line) and is_age(line):
            head.posted = head.posted or line  # "Publicada hace 3 días", "Il y a 2 jours"
            continue
        if line.startswith("https://") and " " not in line:
            head.url = head.url or safe_link(line)
            continue
        if (at := _AT_COMPANY.match(line)) is not None and head.company is None:
            head.company = at["company"]
            continue
        if (named := chrome.company(line)) is not None:
            if "company" not in head.labelled:
                head.company = named
                head.labelled.add("company")
            continue
        if head.fields.take(line):
            candidates.extend(head.fields.leftovers)
            continue
        if LABEL_LINE.match(line) and not line.endswith("."):
            head.unplaced.append(line)  # a fact row Jobdeck has no field for
            continue
        candidates.append(chrome.title(line))
    head.posted = head.posted or head.fields.posted
    return head, candidates


def _pick_title_and_company(head: _Header, candidates: list[str]) -> None:
    # A question ("Is this you?") or a list item is never a title or a company.
    head.prose.extend(c for c in candidates if strip_bullet(c)[1])
    candidates = [c for c in candidates if not strip_bullet(c)[1]]
    short = [c for c in candidates if len(c) <= 120 and not c.endswith((".", "?", "!"))]
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
        if line == head.title or (line.endswith((".", "?", "!")) or len(line) > 120):
            if line != head.title:
                head.prose.append(line)
            continue
        if head.company is None and len(line) <= 60 and not _CATEGORY.match(line):
            head.company = line
        elif head.fields.location is None and looks_like_place_name(line):
            head.fields.location = line
        elif line != head.company:
            head.unplaced.append(line)


def _refusal(head: _Header, sections: Sections, text: str) -> str | None:
    """Why the text is not a posting, or None when it is one."""
    lists = list_sections(sections)
    hits = len(_POSTING_WORDS.findall(text[:20000]))
    f = head.fields
    facts = sum(
        x is not None for x in (f.location, f.employment_type, f.work_model, f.salary, head.posted)
    )
    if head.title is not None:
        if sections.known >= 1 or (ROLE_WORDS.search(head.title) and hits + facts >= 3):
            return None
        return (
            "the text does not look like a job posting: it has no sections such as "
            "Responsibilities, Requirements or Benefits, and its first line does not name a job"
        )
    if len(lists) >= 2 or (lists and hits >= 3):
        return None  # a body without its title line: read it, the preview asks for the title
    if not lists:
        return (
            "the text does not look like a job posting: no job title and no sections such as "
            "Responsibilities, Requirements or Benefits were found"
        )
    return (
        "the text does not look like a job posting: no job title was found, and its only "
        "section has too little posting text around it"
    )


def _same_name(one: str, other: str) -> bool:
    a, b = one.casefold(), other.casefold()
    return a in b or b in a


def _company_from_footer(lines: list[str]) -> str | None:
    for line in lines:
        if line and (match := _EEO_COMPANY.match(line)) is not None:
            name = match["company"].strip()
            if not name.lower().startswith(("we ", "our ", "the company", "this ")):
                return name
    return None


# Boards separate a header's facts by a wide gap ("Acme Corp  Chicago, IL" on LinkedIn's guest
# view); cleaning folds that gap, so a short line's gaps become the "·" the chips reader splits.
_GAP = re.compile(r"(?<=[^\s.!?:;,])(?: {2,}|\t+)(?=\S)")


def _clean_line(line: str) -> str:
    # A very long line is a paragraph (or a flattened page): the reader only needs its white
    # space folded to place it, and sanitize_document cleans every field in full afterwards.
    if len(line) > 20_000:
        return " ".join(line.split())
    return clean_text(_spaced_parts(line)) or ""


def _spaced_parts(line: str) -> str:
    if len(line) > 150 or line.rstrip().endswith(".") or not _GAP.search(line.strip()):
        return line
    return _GAP.sub(" · ", line.strip())


def prepare(text: str) -> tuple[list[str], Chrome, list[str], list[str]]:
    """(clean lines without page chrome, the chrome rules used, the chrome lines dropped, the
    label rows with no field) for a plain-text input (Markdown syntax already removed)."""
    found = recognise(text[:200_000].split("\n"))
    chrome = Chrome(found)
    raw_lines = unglue(text.replace("\r\n", "\n").replace("\r", "\n"), found).split("\n")
    unplaced_rows: list[str] = []
    if ":\t" in text:
        raw_lines, unplaced_rows = expand_tab_rows(raw_lines)
    if sum(1 for line in raw_lines if line.strip()) <= 5:  # one line, or a title and one line
        raw_lines = [part for line in raw_lines for part in split_flattened(line) or [""]]
    lines = [_clean_line(line) for line in raw_lines]
    lines, dropped = drop_chrome(lines, chrome, lambda x: known_heading(x) is not None)
    return lines, chrome, dropped, [clean_text(x) or "" for x in unplaced_rows]


def read(
    text: str,
    *,
    captured_at: datetime,
    source_format: str = "text",
    page_title: str | None = None,
) -> ReadResult:
    """Read one plain-text posting; raises ImportRefused when the text is not a posting.

    ``page_title`` (a saved page's <title>) suggests the title when the text has no title line.
    """
    captured_at = aware(captured_at)
    body = text
    if looks_like_markdown(text):
        page = to_plain(text)
        body, page_title = page.text, page_title or page.page_title
    lines, chrome, _dropped, unplaced_rows = prepare(body)
    header_lines, sections = split_body(lines)
    head, candidates = _read_header(header_lines, chrome, set(unplaced_rows))
    for kind, value in sections.labels:
        _apply_label(head, kind, value)
    if "company" in head.labelled:
        candidates = [c for c in candidates if c != head.company]
    _pick_title_and_company(head, candidates)
    reason = _refusal(head, sections, body)
    if reason is not None:
        raise ImportRefused(reason)
    f = head.fields
    by_key = sections.by_key
    warnings: list[str] = []
    summary_lines, duties = summary_or_duties(sections)
    summary = paragraph(join_wrapped(first_paragraph(summary_lines))) or paragraph(head.prose)
    company = head.company or sections.company_heading
    named = sections.company_heading
    if head.company and named and not _same_name(head.company, named):
        warnings.append(f"company: the text also names {named!r} (About {named}); check it")
    elif head.company is None and named:
        warnings.append(f"company: taken from the heading 'About {named}'; check it")
    if company is None:
        company = _company_from_footer(lines)
        if company is not None:
            warnings.append(f"company: taken from the text's closing lines ({company!r}); check it")
    if head.title is None and (suggested := title_from_page_title(page_title)) is not None:
        head.title = suggested
        warnings.append(f"title: taken from the page's title ({suggested!r}); check it")
    elif head.title is None:
        warnings.append("title: the text has no title line; enter the job title")
    about = paragraph(join_wrapped(by_key.get("company", [])))
    employment_type = f.employment_type
    if employment_type is None and head.title and _INTERN.search(head.title):
        employment_type = "Internship"
    posted_at = parse_moment(head.posted, captured_at) if head.posted else None
    salary = f.salary or pay_from(by_key.get("salary", []), lines)
    salary, note = resolve_currency(salary, [f.location, head.country, *header_lines])
    if note:
        warnings.append(note)
    if salary is not None and salary.currency is None and note is None:
        warnings.append(f"salary: {salary.text!r} names no currency; enter it")
    if salary is None and head.unread_pay:
        warnings.append(f"salary: could not read {head.unread_pay[0]!r} as pay; enter it")
    if others := other_pay(lines, salary):
        shown = "; ".join(others)
        warnings.append(f"salary: the text also states {shown}; check which is the pay")
    doc = PostingDocument(
        title=head.title,
        company=company,
        location=f.location,
        employment_type=employment_type,
        work_model=f.work_model,
        salary=salary,
        posted_text=head.posted,
        posted_at=posted_at,
        captured_at=captured_at,
        valid_through=deadlines.parse_deadline(head.deadline) or deadlines.deadline_in_text(lines),
        url=head.url,
        summary=summary,
        description=description_of(head.prose, sections),
        industries=f.industries,
        responsibilities=tuple(
            list_items(by_key.get("responsibilities", [])) or list_items(duties)
        ),
        qualifications=qualifications_of(sections),
        benefits=tuple(list_items(by_key.get("benefits", []))),
        company_profile=CompanyProfile(name=company, description=about)
        if company and about
        else None,
        source_format=source_format,
        raw=text,
    )
    warnings += [f"top of the text: could not place {_shown(line)!r}" for line in head.unplaced]
    warnings += [f"top of the text: could not place {_shown(x)!r}" for x in f.unplaced]
    return ReadResult(sanitize_document(doc), tuple(warnings))


def _shown(line: str) -> str:
    shown = plain(line) or ""
    return shown if len(shown) <= 90 else shown[:87] + "..."
