"""Section headings of career-site and ATS postings, in the many wordings they come in."""

from __future__ import annotations

import re

# Heading text (lower case, no trailing colon) -> the document field its section fills.
_KNOWN: dict[str, str] = {}
for _key, _names in {
    "responsibilities": (
        "responsibilities",
        "key responsibilities",
        "key job responsibilities",
        "job responsibilities",
        "your responsibilities",
        "main responsibilities",
        "role responsibilities",
        "duties",
        "job duties",
        "duties and responsibilities",
        "essential duties and responsibilities",
        "essential functions",
        "what you'll do",
        "what you will do",
        "what you'll be doing",
        "what you will be doing",
        "what you'll work on",
        "in this role you will",
        "in this role, you will",
        "your role",
        "your impact",
        "the impact you'll have",
        "day to day",
        "day-to-day",
        "a day in the life",
        "you will",
    ),
    "required": (
        "qualifications",
        "qualification",
        "basic qualifications",
        "minimum qualifications",
        "required qualifications",
        "requirements",
        "job requirements",
        "minimum requirements",
        "required skills",
        "required experience",
        "what we're looking for",
        "what we are looking for",
        "who you are",
        "what you bring",
        "what you'll bring",
        "what you will bring",
        "you have",
        "you might be a fit if",
        "must have",
        "must haves",
        "must-haves",
        "skills and experience",
        "skills & experience",
        "about you",
        "your experience",
        "experience",
        "required",
        "skills",
        "you should have",
        "what you need",
        "what you'll need",
        "what you need to succeed",
    ),
    "preferred": (
        "preferred qualifications",
        "preferred",
        "preferred skills",
        "preferred experience",
        "nice to have",
        "nice to haves",
        "nice-to-have",
        "nice-to-haves",
        "bonus points",
        "bonus points if you",
        "bonus points if you have",
        "bonus",
        "pluses",
        "a plus",
        "additional qualifications",
        "desired qualifications",
        "desired skills",
        "it would be great if you",
        "extra credit",
        "even better if you have",
        "good to have",
    ),
    "benefits": (
        "benefits",
        "perks",
        "perks and benefits",
        "perks & benefits",
        "benefits and perks",
        "benefits & perks",
        "what we offer",
        "what we provide",
        "why join us",
        "our benefits",
        "compensation and benefits",
        "compensation & benefits",
        "total rewards",
        "what's in it for you",
        "why you'll love working here",
        "we offer",
        "what you'll get",
        "what you get",
    ),
    "summary": (
        "about the role",
        "about the job",
        "about this role",
        "about the position",
        "job description",
        "description",
        "overview",
        "role overview",
        "position overview",
        "job summary",
        "position summary",
        "summary",
        "the role",
        "the opportunity",
        "role description",
        "about the opportunity",
    ),
    "company": ("about us", "about the company", "who we are", "our company", "the company"),
    "salary": (
        "salary",
        "salary range",
        "pay range",
        "base pay range",
        "compensation",
        "pay",
        "pay transparency",
        "base salary",
        "compensation range",
    ),
}.items():
    for _name in _names:
        _KNOWN[_name] = _key

_MARKDOWN = re.compile(r"^(?:#{1,6}\s*|\*\*|__)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
MAX_HEADING = 70


def normalise(line: str) -> str:
    """A heading's text for lookup: no markdown marks, no trailing colon, plain apostrophes."""
    text = _MARKDOWN.sub("", line).strip().strip("*_").strip()
    return text.rstrip(":").strip().translate(_APOSTROPHES).lower()


def known_heading(line: str) -> tuple[str, str] | None:
    """(field, heading text) when the line is a heading Jobdeck knows, else None.

    "About Acme" counts as the company section; "Bonus points if you have experience in:" is
    matched by its known start when the line is short and ends in a colon.
    """
    if not line or len(line) > MAX_HEADING:
        return None
    text = normalise(line)
    if text in _KNOWN:
        return _KNOWN[text], text
    if text.startswith("about ") and len(text.split()) <= 4 and not line.endswith("."):
        return "company", text
    if line.endswith(":"):
        for name, key in _KNOWN.items():
            if len(name) > 6 and text.startswith(name + " "):
                return key, text
    return None


def generic_heading(line: str) -> bool:
    """A heading Jobdeck does not know by name: short and either ending in a colon, in capitals,
    or marked up as a markdown heading. Its section still goes into the description."""
    if not line or len(line) > 50 or len(line.split()) > 7:
        return False
    if line.startswith("#") or (line.startswith("**") and line.endswith("**")):
        return True
    if line.endswith(":") and not any(ch in line[:-1] for ch in ".:;"):
        return True
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)
