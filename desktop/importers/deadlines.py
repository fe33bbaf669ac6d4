"""Application deadlines ("Apply by", "Closing date", JSON-LD ``validThrough``) as ISO 8601 text.

A deadline keeps the precision the source gives: a date stays a date ("2027-01-31"), a time
without a zone stays without one ("2026-01-20T09:00:00"), since the source did not say which
zone it meant; a zone given is kept.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from desktop.core.dates import parse_date

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_TIME = re.compile(
    r"[\s,]+(?:at\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<zone>[A-Z]{2,4}))?$",
    re.IGNORECASE,
)


def parse_deadline(text: str | None) -> str | None:
    """The deadline as ISO 8601 text, or None when the text is not a date ("Open until
    filled", "rolling")."""
    if not text:
        return None
    text = text.strip()
    if _ISO.match(text):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        return text[:10] if len(text) == 10 else moment.isoformat()
    day = parse_date(text)
    if day is not None:
        return day.isoformat()
    match = _TIME.search(text)
    if match is None:
        return None
    day = parse_date(text[: match.start()].strip(" ,"))
    if day is None:
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return datetime.combine(day, time(hour, minute)).isoformat()


# "Apply by March 15, 2026", "Applications close on 7 December 2026", "open until 2026-03-15".
_IN_PROSE = re.compile(
    r"\b(?:apply by|apply before|applications? (?:close|closes|are due|due)(?: on| by)?"
    r"|closing date(?: is| for applications is)?|deadline(?: to apply| for applications)?(?: is)?"
    r"|(?:remain |is )?open until|accepting applications until|bewerbungsfrist(?: bis)?"
    r"|date limite(?: de candidature)?)\s*:?\s*(?:on |the )?"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8}\.?,? \d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4})",
    re.IGNORECASE,
)


def deadline_in_text(lines: list[str]) -> str | None:
    """The deadline a sentence of the posting states ("Apply by March 15, 2026"), or None."""
    for line in lines:
        if line and len(line) <= 600 and (match := _IN_PROSE.search(line)) is not None:
            found = parse_deadline(match["date"])
            if found is not None:
                return found
    return None
