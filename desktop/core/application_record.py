"""The application's own records as the JSON export carries them (posting-document.md):
``notes``, ``contacts`` (with their roles in this application), ``documents`` (with each file's
SHA-256), ``applied_at``, ``rating``, ``referral`` and ``labels`` (name and colour each).

``jobdeck import`` of an export puts them back: notes as written, contacts found by company and
name (or made), documents as rows naming their file by hash, the facts as set, labels found by
name (or made with the exported colour).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop.core.contacts import ContactFields
from desktop.core.labels import DEFAULT_COLOR, LabelProblem, checked_color, checked_name

KEYS = ("notes", "contacts", "documents", "applied_at", "rating", "referral", "labels")


@dataclass(frozen=True)
class NoteRecord:
    text: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ContactRecord:
    fields: ContactFields
    roles: tuple[str, ...]


@dataclass(frozen=True)
class DocumentRecord:
    label: str
    file_name: str
    sha256: str
    size: int
    sent_on: date | None


@dataclass(frozen=True)
class LabelRecord:
    name: str
    color: str  # "#rrggbb"


@dataclass(frozen=True)
class ApplicationRecord:
    notes: tuple[NoteRecord, ...] = ()
    contacts: tuple[ContactRecord, ...] = ()
    documents: tuple[DocumentRecord, ...] = ()
    applied_at: datetime | None = None  # the user's own date (not the move to Applied)
    rating: int | None = None
    referral: bool | None = None
    labels: tuple[LabelRecord, ...] = ()

    def is_empty(self) -> bool:
        return self == ApplicationRecord()


def record_json(record: ApplicationRecord) -> dict[str, Any]:
    return {
        "notes": [
            {"text": n.text, "created_at": n.created_at.isoformat(),
             "updated_at": n.updated_at.isoformat()}
            for n in record.notes
        ],
        "contacts": [
            {"name": c.fields.name, "company": c.fields.company, "title": c.fields.title,
             "email": c.fields.email, "phone": c.fields.phone, "link": c.fields.link,
             "note": c.fields.note, "roles": list(c.roles)}
            for c in record.contacts
        ],
        "documents": [
            {"label": d.label, "file_name": d.file_name, "sha256": d.sha256, "size": d.size,
             "sent_on": d.sent_on.isoformat() if d.sent_on else None}
            for d in record.documents
        ],
        "applied_at": record.applied_at.isoformat() if record.applied_at else None,
        "rating": record.rating,
        "referral": record.referral,
        "labels": [{"name": label.name, "color": label.color} for label in record.labels],
    }  # fmt: skip


def _objects(obj: Mapping[str, Any], key: str, error: Callable[[str], Exception]) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise error(f"{key} must be a list of objects")
    return value


def _text(obj: Mapping[str, Any], key: str, where: str, error: Callable[[str], Exception]) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise error(f"{where}.{key} must be text")
    return value


def _opt_text(
    obj: Mapping[str, Any], key: str, where: str, error: Callable[[str], Exception]
) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise error(f"{where}.{key} must be text or null")
    return value


def record_from(
    obj: Mapping[str, Any],
    parse_time: Callable[[str, str], datetime],
    error: Callable[[str], Exception],
) -> ApplicationRecord | None:
    """The record an exported posting carries, or None when it has none of ``KEYS``.
    ``parse_time(text, where)`` reads a time; ``error(message)`` is raised naming the field."""
    if not any(key in obj for key in KEYS):
        return None
    notes = tuple(
        NoteRecord(
            _text(n, "text", f"notes[{i}]", error),
            parse_time(_text(n, "created_at", f"notes[{i}]", error), f"notes[{i}].created_at"),
            parse_time(n.get("updated_at") or n["created_at"], f"notes[{i}].updated_at"),
        )
        for i, n in enumerate(_objects(obj, "notes", error))
    )
    contacts = []
    for i, c in enumerate(_objects(obj, "contacts", error)):
        where = f"contacts[{i}]"
        roles = c.get("roles") or []
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise error(f"{where}.roles must be a list of text")
        fields = ContactFields(
            name=_text(c, "name", where, error),
            company=_text(c, "company", where, error),
            title=_opt_text(c, "title", where, error),
            email=_opt_text(c, "email", where, error),
            phone=_opt_text(c, "phone", where, error),
            link=_opt_text(c, "link", where, error),
            note=_opt_text(c, "note", where, error),
        )
        contacts.append(ContactRecord(fields, tuple(roles)))
    documents = []
    for i, d in enumerate(_objects(obj, "documents", error)):
        where = f"documents[{i}]"
        sha256 = _text(d, "sha256", where, error).lower()
        if len(sha256) != 64 or any(ch not in "0123456789abcdef" for ch in sha256):
            raise error(f"{where}.sha256 must be 64 hex digits")
        size = d.get("size")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise error(f"{where}.size must be a whole number of bytes")
        sent = _opt_text(d, "sent_on", where, error)
        try:
            sent_on = date.fromisoformat(sent) if sent else None
        except ValueError:
            raise error(f"{where}.sent_on must be a day (YYYY-MM-DD)") from None
        documents.append(
            DocumentRecord(
                _text(d, "label", where, error), _text(d, "file_name", where, error), sha256,
                size, sent_on,
            )
        )  # fmt: skip
    applied = obj.get("applied_at")
    rating = obj.get("rating")
    if rating is not None and (isinstance(rating, bool) or rating not in range(1, 6)):
        raise error("rating must be 1 to 5 or null")
    referral = obj.get("referral")
    if referral is not None and not isinstance(referral, bool):
        raise error("referral must be true, false or null")
    labels = []
    for i, label in enumerate(_objects(obj, "labels", error)):
        where = f"labels[{i}]"
        try:
            name = checked_name(_text(label, "name", where, error))
            color = checked_color(label.get("color") or DEFAULT_COLOR)
        except LabelProblem as problem:
            raise error(f"{where}: {problem}") from None
        labels.append(LabelRecord(name, color))
    return ApplicationRecord(
        notes,
        tuple(contacts),
        tuple(documents),
        parse_time(applied, "applied_at") if isinstance(applied, str) else None,
        rating,
        referral,
        tuple(labels),
    )
