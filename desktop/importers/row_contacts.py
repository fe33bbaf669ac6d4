"""A tracker's "Contact" cell read as a person: name, e-mail, phone, profile link, their title,
and the role they had in the application.

People write contacts as they come: "Dana Reyes", "Dana Reyes <dana@northwind.example>",
"Dana Reyes (Recruiter), dana@northwind.example, +49 30 1234567", "linkedin.com/in/dana-reyes".
What is not a name, an address, a number or a link stays in the contact's note, so nothing of
the cell is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.contacts import ContactFields, checked_contact

_EMAIL = re.compile(r"(?:mailto:)?([^\s<>(),;]+@[^\s<>(),;]+\.[^\s<>(),;.]{2,})", re.IGNORECASE)
_LINK = re.compile(
    r"(?:https?://|www\.|(?<![\w@.])linkedin\.com/|(?<![\w@.])xing\.com/)[^\s<>(),;]+",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w])\+?\d[\d ()./\-]{5,}\d")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_SEPARATORS = re.compile(r"\s*(?:[,;|/]|\s[-–—]\s)\s*")
# The words that name a contact's part in an application (core.contacts.ROLES), as a tracker
# writes them beside the name.
_ROLE_WORDS = (
    ("hiring manager", "hiring manager"),
    ("recruit", "recruiter"),
    ("talent", "recruiter"),
    ("sourcer", "recruiter"),
    ("referr", "referrer"),
    ("referral", "referrer"),
    ("interview", "interviewer"),
)
DEFAULT_ROLE = "other"


@dataclass(frozen=True)
class RowContact:
    """A person read from a contact cell, and their role in the row's application."""

    fields: ContactFields
    role: str


# Between two people in one cell: "Anna Schmidt; Ben Meyer", one a line, "Anna & Ben".
_PEOPLE = re.compile(r"\s*(?:[;\n]|\s&\s)\s*")


def read_contacts(text: str, company: str) -> tuple[tuple[RowContact, ...], tuple[str, ...]]:
    """The people ``text`` names, at ``company`` ("Anna Schmidt; Ben Meyer" is two), and the
    pieces of the cell that name nobody (for the caller's note).

    A piece without a name of its own (an address, a number, a title such as "Recruiter")
    belongs to the person before it (the first such, to the one after it): "Dana Reyes;
    Recruiter; dana@x.example" is one person.
    A person named twice is one contact.
    """
    groups: list[str] = []
    for piece in _PEOPLE.split(text.strip()):
        if not piece.strip():
            continue
        if groups and not _names_someone(piece):
            groups[-1] = f"{groups[-1]}, {piece.strip()}"
        else:
            groups.append(piece.strip())
    if len(groups) > 1 and not _names_someone(groups[0]):  # "link; Ben": Ben's link
        groups[:2] = [f"{groups[1]}, {groups[0]}"]
    people: dict[str, RowContact] = {}
    unread: list[str] = []
    for group in groups:
        person = read_contact(group, company)
        if person is None:
            unread.append(group)
        else:
            people.setdefault(person.fields.name.casefold(), person)
    return tuple(people.values()), tuple(unread)


def _names_someone(piece: str) -> bool:
    """Whether a piece of a contact cell names a person of its own (not only a way to reach
    the one before, or their title)."""
    found = _parts(" ".join(piece.split()))
    reached = bool(found.email or found.link or found.phone)
    return (
        bool(found.name)
        and _looks_like_name(found.name, reached=reached)
        and role_in(found.name) == DEFAULT_ROLE
    )


def read_contact(text: str, company: str) -> RowContact | None:
    """The person ``text`` names, at ``company``, checked as the contact form checks one; None
    when the cell names nobody the library can keep as a contact (no name and no e-mail, an
    address that is not one) -- the caller keeps the cell as a note then."""
    text = " ".join(text.split())
    if not text or not company.strip():
        return None
    found = _parts(text)
    email, link, phone = found.email, found.link, found.phone
    name = found.name
    title = ", ".join(found.titles) or None
    if name and not _looks_like_name(name, reached=bool(email or phone or link)):
        return None  # a sentence ("called twice, no answer"), kept as a note by the caller
    if not name:
        name = email[1] if email else ""
    if not name:
        return None
    fields = ContactFields(
        name=name,
        company=company,
        title=title,
        email=email[1] if email else None,
        phone=phone[0].strip() if phone else None,
        link=link[0] if link else None,
    )
    try:
        fields = checked_contact(fields)
    except ValueError:
        return None
    return RowContact(fields, role_in(title or ""))


@dataclass(frozen=True)
class _Parts:
    name: str
    titles: list[str]
    email: tuple[str, str] | None  # (the text matched, the address)
    link: tuple[str, str] | None
    phone: tuple[str, str] | None


def _parts(text: str) -> _Parts:
    """A contact's text taken apart: its address, link and number, then its name and titles."""
    rest = text
    email = _take(_EMAIL, rest)
    if email:
        rest = rest.replace(email[0], " ")
    link = _take(_LINK, rest)
    if link:
        rest = rest.replace(link[0], " ")
    phone = _take(_PHONE, rest)
    if phone:
        rest = rest.replace(phone[0], " ")
    rest = rest.replace("<>", " ").replace("<", " ").replace(">", " ")
    titles = [t.strip() for t in _BRACKETED.findall(rest) if t.strip()]
    rest = _BRACKETED.sub(" ", rest)
    parts = [p.strip() for p in _SEPARATORS.split(rest) if p and p.strip()]
    name = parts[0] if parts else ""
    titles += parts[1:]
    label, colon, named = name.partition(":")  # "Recruiter: Dana Reyes"
    if colon and named.strip():
        titles.insert(0, label.strip())
        name = named.strip()
    return _Parts(name, titles, email, link, phone)


def _looks_like_name(text: str, *, reached: bool) -> bool:
    """Whether ``text`` reads as a person's name: a few words, no digits or "@"; without an
    address, number or link beside it, its first and last words capitalised ("Dana Reyes",
    "Ludwig van Beethoven"), so a sentence in the cell is not taken for someone."""
    words = text.split()
    if not words or len(words) > (6 if reached else 4):
        return False
    if any(ch.isdigit() or ch == "@" for ch in text) or not any(ch.isalpha() for ch in text):
        return False
    return reached or (words[0][:1].isupper() and words[-1][:1].isupper())


def role_in(title: str) -> str:
    """The role a title names ("Senior Recruiter" -> recruiter), else ``DEFAULT_ROLE``."""
    folded = title.casefold()
    for word, role in _ROLE_WORDS:
        if word in folded:
            return role
    return DEFAULT_ROLE


def _take(pattern: re.Pattern[str], text: str) -> tuple[str, str] | None:
    """The first match as (the text matched, the value in it)."""
    found = pattern.search(text)
    if found is None:
        return None
    return found.group(0), found.group(found.lastindex or 0)
