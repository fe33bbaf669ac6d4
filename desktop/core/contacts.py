"""The people of a job search: a contact belongs to a company and takes a role in any of its
applications (recruiter, hiring manager, referrer, interviewer).

The fields are checked here, once, for the window's form, the command line and vCard import:
a name is needed, an e-mail must look like one, a profile link must be a web address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from desktop.core.text import clean_text

# Roles a contact plays in one application; stored as these words.
ROLES = ("recruiter", "hiring manager", "referrer", "interviewer", "other")
MAX_FIELD_CHARS = 2_000
MAX_NOTE_CHARS = 20_000

# One "@", something before it, a domain with a dot after it, no spaces: what a mail program
# will accept as an address; anything stricter refuses real addresses.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()./\-]{3,}(?:\s*(?:x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class ContactFields:
    """What the user gives for a contact; ``company`` is the company's name."""

    name: str
    company: str
    title: str | None = None  # their role/title at the company ("Technical Recruiter")
    email: str | None = None
    phone: str | None = None
    link: str | None = None  # a profile page (LinkedIn, a personal site)
    note: str | None = None


@dataclass(frozen=True)
class Contact:
    id: int
    company_id: int
    fields: ContactFields

    @property
    def name(self) -> str:
        return self.fields.name

    @property
    def company(self) -> str:
        return self.fields.company


@dataclass(frozen=True)
class ContactLink:
    """A contact's part in one application."""

    contact_id: int
    posting_id: int
    role: str


@dataclass(frozen=True)
class ApplicationContact:
    """A contact as one application lists it: who, and in which role."""

    contact: Contact
    role: str


@dataclass(frozen=True)
class ContactListing:
    """A contact on the contacts page: who, and the applications they are part of, as
    (posting id, posting title, role)."""

    contact: Contact
    applications: tuple[tuple[int, str, str], ...] = field(default_factory=tuple)


def role_word(role: str) -> str:
    """``role`` as stored (one of ``ROLES``), or ``ValueError`` naming the roles there are."""
    folded = " ".join(role.replace("-", " ").replace("_", " ").split()).casefold()
    if folded not in ROLES:
        raise ValueError(f"Unknown role {role!r}; a contact's role is one of: {', '.join(ROLES)}.")
    return folded


def _field(value: str | None, what: str) -> str | None:
    value = clean_text(value)
    if value is not None and len(value) > MAX_FIELD_CHARS:
        raise ValueError(f"The {what} is too long (at most {MAX_FIELD_CHARS:,} characters).")
    return value


def checked_contact(fields: ContactFields) -> ContactFields:
    """``fields`` cleaned (spaces folded, empty values None), or ``ValueError`` naming every
    field that is wrong, in the form's words: "The e-mail 'dana@' is not an e-mail address"."""
    problems: list[str] = []
    values: dict[str, str | None] = {}
    for name, what in (
        ("name", "name"),
        ("company", "company"),
        ("title", "role/title"),
        ("email", "e-mail"),
        ("phone", "phone"),
        ("link", "profile link"),
    ):
        try:
            values[name] = _field(getattr(fields, name), what)
        except ValueError as error:
            problems.append(str(error))
            values[name] = None
    note = (fields.note or "").replace("\r\n", "\n").strip() or None
    if note is not None and len(note) > MAX_NOTE_CHARS:
        problems.append(f"The note is too long (at most {MAX_NOTE_CHARS:,} characters).")
    if not values["name"]:
        problems.append("A contact needs a name.")
    if not values["company"]:
        problems.append("A contact needs a company.")
    email = values["email"]
    if email is not None:
        if email.lower().startswith("mailto:"):
            email = values["email"] = email[7:]
        if not _EMAIL.match(email):
            problems.append(f"The e-mail {email!r} is not an e-mail address.")
    phone = values["phone"]
    if phone is not None and not _PHONE.match(phone):
        problems.append(f"The phone {phone!r} is not a phone number.")
    link = values["link"]
    if link is not None:
        parts = urlsplit(link if "://" in link else "https://" + link)
        if parts.scheme.lower() not in ("http", "https") or "." not in parts.netloc:
            problems.append(f"The profile link {link!r} is not a web address.")
        else:
            values["link"] = parts.geturl()
    if problems:
        raise ValueError(" ".join(problems))
    return replace(fields, note=note, **values)  # type: ignore[arg-type]
