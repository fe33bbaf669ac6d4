"""Reader for job-board text copied from Jobright-style pages.

The page copies as lines: "Company · 9 hours ago", the title, a summary, glued industry chips,
then sections under one-word headings (Responsibilities, Qualification with Required/Preferred,
Benefits, Company, H1B Sponsorship, Funding, Recent News) and a "Company data provided by" footer.
Copying glues labels to values ("Public CompanyTotal Funding"), so those are split on the known
labels before reading. Every line that no rule places becomes a warning.
"""

from __future__ import annotations

import re
from datetime import datetime

from desktop.core.dates import aware, is_age, parse_date, parse_moment
from desktop.core.money import currency_of, parse_amount
from desktop.core.posting import (
    CompanyProfile,
    Funding,
    FundingRound,
    H1b,
    H1bYear,
    NewsItem,
    PostingDocument,
    Qualifications,
)
from desktop.importers.intro import IntroFields
from desktop.importers.lines import join_wrapped, list_items, paragraph, split_lines
from desktop.importers.result import ImportRefused, ReadResult
from desktop.importers.sanitize import plain, sanitize_document

_HEADINGS = {
    "responsibilities": "responsibilities",
    "qualification": "qualification",
    "qualifications": "qualification",
    "required": "required",
    "preferred": "preferred",
    "benefits": "benefits",
    "company": "company",
    "h1b sponsorship": "h1b",
    "funding": "funding",
    "recent news": "news",
}
_HEADER = re.compile(r"^(?P<company>[^·]{1,200}?)\s*·\s*(?P<age>[^·]{1,80})$")
_FOOTER = re.compile(r"^company data provided by\s*(?P<source>.{1,80})$", re.IGNORECASE)
_H1B_YEAR = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*\((?P<count>[\d,]{1,9})\)$")
_CHART_CAPTIONS = (
    "distribution of different job fields",
    "represents job field",
    "trends of total sponsorships",
    "job fields receiving sponsorship",
)
_FUNDING_LABELS = re.compile(r"(Current Stage|Total Funding|Key Investors)")
_ROUND = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})\s*(?P<type>[^·]{0,80}?)\s*(?:·\s*(?P<amount>.{1,40}))?$"
)
_NEWS_DATE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\s*(?P<title>.*)$")
_INTERN = re.compile(r"\bintern(?:ship)?s?\b", re.IGNORECASE)
# Markers only Jobright-style pages have; two of them tell the format even without the header.
_MARKERS = ("H1B Sponsorship", "Company data provided by", "Key Investors", "Recent News")


def looks_like_jobright(text: str) -> bool:
    """Whether the text is a Jobright-style board page (cheap: header line and a few markers)."""
    head = text.lstrip()[:400].split("\n", 1)[0].strip()
    match = _HEADER.match(head)
    if match is not None and (is_age(match["age"]) or parse_date(match["age"]) is not None):
        return True
    return sum(marker in text for marker in _MARKERS) >= 2


def _heading(line: str) -> str | None:
    if len(line) > 30:
        return None
    return _HEADINGS.get(line.rstrip(":").strip().lower())


def _usd(amount: str | None) -> int | None:
    # Only dollar amounts become amount_usd; other currencies keep their text and no number.
    if currency_of(amount) != "USD":
        return None
    return parse_amount(amount)


class _Reader:
    def __init__(self, text: str, captured_at: datetime) -> None:
        self.text = text
        self.captured_at = aware(captured_at)
        self.warnings: list[str] = []
        self.sections: dict[str, list[str]] = {}
        self.data_source: str | None = None

    def warn(self, line: str, where: str) -> None:
        shown = plain(line) or ""
        if len(shown) > 90:
            shown = shown[:87] + "..."
        self.warnings.append(f"{where}: could not place {shown!r}")

    # -- layout ---------------------------------------------------------------------------------

    def split(self) -> tuple[list[str], list[str]]:
        """The lines before the first heading, and the sections' lines by heading."""
        intro: list[str] = []
        current: list[str] = intro
        for line in split_lines(self.text):
            key = _heading(line)
            if key is not None and key not in self.sections:
                current = self.sections.setdefault(key, [])
                continue
            footer = _FOOTER.match(line) if line[:1] in "Cc" else None
            if footer is not None:
                self.data_source = clean_source(footer["source"])
                continue
            current.append(line)
        return intro, [line for line in intro if line]

    # -- the posting ----------------------------------------------------------------------------

    def read(self) -> ReadResult:
        _, intro = self.split()
        company = posted_text = None
        if intro and (header := _HEADER.match(intro[0])) is not None:
            company, posted_text = header["company"].strip(), header["age"].strip()
            intro = intro[1:]
        if not intro:
            raise ImportRefused("no job title found in the board text")
        title, rest = intro[0], intro[1:]
        fields = IntroFields()
        for line in join_wrapped(rest):
            if fields.take(line):
                fields.unplaced.extend(fields.leftovers)
            elif len(line) >= 60 or line.endswith("."):
                fields.prose.append(line)
            else:
                fields.unplaced.append(line)
        for line in fields.unplaced:
            self.warn(line, "top of the page")

        quals = self.sections.get("qualification", [])
        required = list_items(quals) + list_items(self.sections.get("required", []))
        profile = self.company_profile(company)
        employment_type = fields.employment_type
        if employment_type is None and _INTERN.search(title):
            employment_type = "Internship"  # boards say so only in the title
        doc = PostingDocument(
            title=title,
            company=company or (profile.name if profile else None),
            location=fields.location,
            employment_type=employment_type,
            work_model=fields.work_model,
            salary=fields.salary,
            posted_text=posted_text,
            posted_at=parse_moment(posted_text, self.captured_at) if posted_text else None,
            captured_at=self.captured_at,
            summary=" ".join(fields.prose) or None,
            description=self.description(fields.prose),
            industries=fields.industries,
            responsibilities=tuple(list_items(self.sections.get("responsibilities", []))),
            qualifications=Qualifications(
                required=tuple(required),
                preferred=tuple(list_items(self.sections.get("preferred", []))),
            ),
            benefits=tuple(list_items(self.sections.get("benefits", []))),
            company_profile=profile,
            source_format="jobright",
            raw=self.text,
        )
        return ReadResult(sanitize_document(doc), tuple(self.warnings))

    def description(self, prose: list[str]) -> str | None:
        """The job part of the page as plain text: summary, then each job section under its name."""
        parts = [" ".join(prose)] if prose else []
        names = {
            "responsibilities": "Responsibilities",
            "qualification": "Qualification",
            "required": "Required",
            "preferred": "Preferred",
            "benefits": "Benefits",
        }
        for key, name in names.items():
            items = list_items(self.sections.get(key, []))
            if items or key in self.sections:
                parts.append("\n".join([name, *items]))
        return "\n\n".join(parts) or None

    # -- the company ----------------------------------------------------------------------------

    def company_profile(self, company: str | None) -> CompanyProfile | None:
        lines = [line for line in self.sections.get("company", []) if line]
        name = lines[0] if lines else company
        h1b = self.h1b()
        funding = self.funding()
        news = self.news()
        description = paragraph(join_wrapped(lines[1:])) if lines else None
        # The header's company name alone is not "something about the company".
        if not (lines or h1b or funding or news or self.data_source):
            return None
        return CompanyProfile(
            name=name or "Unknown",
            description=description,
            h1b=h1b,
            funding=funding,
            news=news,
            data_source=self.data_source,
        )

    def h1b(self) -> H1b | None:
        if "h1b" not in self.sections:
            return None
        note: list[str] = []
        years: list[H1bYear] = []
        for line in self.sections["h1b"]:
            if not line:
                continue
            year = _H1B_YEAR.match(line)
            if year is not None:
                years.append(H1bYear(int(year["year"]), int(year["count"].replace(",", ""))))
            elif any(caption in line.lower() for caption in _CHART_CAPTIONS):
                continue  # a chart's caption; the chart's data did not survive the copy
            elif not years:
                note.append(line)
            else:
                self.warn(line, "H1B Sponsorship")
        text = paragraph(join_wrapped(note))
        if text is None and not years:
            return None
        return H1b(note=text, by_year=tuple(years))

    def funding(self) -> Funding | None:
        if "funding" not in self.sections:
            return None
        # Re-split on the labels the copy glued to their neighbours, then read label by label.
        pieces: list[str] = []
        for line in self.sections["funding"]:
            pieces.extend(p.strip() for p in _FUNDING_LABELS.split(line) if p.strip())
        stage = total = None
        investors: list[str] = []
        rounds: list[FundingRound] = []
        label = None
        for piece in pieces:
            round_match = _ROUND.match(piece)
            if piece in ("Current Stage", "Total Funding", "Key Investors"):
                label = piece
            elif round_match is not None:
                amount = round_match["amount"].strip() if round_match["amount"] else None
                rounds.append(
                    FundingRound(
                        date=round_match["date"] if parse_date(round_match["date"]) else None,
                        type=round_match["type"].strip() or None,
                        amount=amount,
                        amount_usd=_usd(amount),
                    )
                )
                label = None
            elif label == "Current Stage" and stage is None:
                stage = piece
            elif label == "Total Funding" and total is None:
                total = piece
            elif label == "Key Investors":
                investors.extend(i.strip() for i in piece.split(",") if i.strip())
            else:
                self.warn(piece, "Funding")
        if not (stage or total or investors or rounds):
            return None
        return Funding(
            stage=stage,
            total=total,
            total_usd=_usd(total),
            investors=tuple(investors),
            rounds=tuple(rounds),
        )

    def news(self) -> tuple[NewsItem, ...]:
        # (date, headline lines) per item; a headline wrapped over lines continues its item.
        items: list[tuple[str | None, list[str]]] = []
        for line in self.sections.get("news", []):
            if not line:
                continue
            match = _NEWS_DATE.match(line)
            day = parse_date(line) if match is None else parse_date(match["date"])
            if day is not None:
                title = match["title"].strip() if match is not None else ""
                items.append((day.isoformat(), [title] if title else []))
            elif items:
                items[-1][1].append(line)
            else:
                items.append((None, [line]))
        return tuple(NewsItem(date=day, title=" ".join(words) or None) for day, words in items)


def clean_source(text: str) -> str | None:
    """The credited data source as written ("crunchbase"), without trailing punctuation."""
    return plain(text.strip().rstrip("."))


def read(text: str, *, captured_at: datetime) -> ReadResult:
    """Read one Jobright-style page; raises ImportRefused when no title can be found."""
    return _Reader(text, captured_at).read()
