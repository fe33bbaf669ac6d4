"""Dates as postings write them: ISO dates, "Dec 31, 2025", and relative ages like "9 hours ago".

Relative ages only mean something against the moment the posting was captured, so every function
that turns one into a time takes that moment. Results always carry a time zone.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

_UNITS = {
    "second": "seconds",
    "sec": "seconds",
    "minute": "minutes",
    "min": "minutes",
    "hour": "hours",
    "hr": "hours",
    "day": "days",
    "week": "weeks",
    "wk": "weeks",
    "month": "months",
    "mo": "months",
    "year": "years",
    "yr": "years",
}
_AGE = re.compile(
    r"(?P<n>\d{1,4}|an?|one)\+?\s*(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?"
    r"|wks?|months?|mos?|years?|yrs?)\s+ago\b",
    re.IGNORECASE,
)
_SPECIAL_AGE = re.compile(r"\b(just now|today|yesterday)\b", re.IGNORECASE)
# "5h ago", "3d ago", "2w ago", "1mo ago": the short forms boards use.
_SHORT_AGE = re.compile(r"\b(?P<n>\d{1,4})\+?\s?(?P<unit>h|d|w|mo|m|y)\s+ago\b", re.IGNORECASE)
_SHORT_UNITS = {"h": "hour", "d": "day", "w": "week", "mo": "month", "m": "minute", "y": "year"}
# Ages in German, French, Spanish and Portuguese: "vor 4 Tagen", "il y a 3 jours",
# "hace 2 días", "há 5 dias".
_FOREIGN_AGE = re.compile(
    r"\b(?:vor|il y a|hace|há|ha)\s+(?P<n>\d{1,4}|einem|einer|un|une|uno|una|um|uma)\s+"
    r"(?P<unit>\w+)",
    re.IGNORECASE,
)
_FOREIGN_UNITS = {
    "minute": "minute", "minuten": "minute", "minutes": "minute", "minutos": "minute",
    "stunde": "hour", "stunden": "hour", "heure": "hour", "heures": "hour", "hora": "hour",
    "horas": "hour", "tag": "day", "tagen": "day", "jour": "day", "jours": "day", "día": "day",
    "días": "day", "dia": "day", "dias": "day", "woche": "week", "wochen": "week",
    "semaine": "week", "semaines": "week", "semana": "week", "semanas": "week",
    "monat": "month", "monaten": "month", "mois": "month", "mes": "month", "meses": "month",
    "mês": "month", "jahr": "year", "jahren": "year", "an": "year", "ans": "year",
    "año": "year", "años": "year", "ano": "year", "anos": "year",
}  # fmt: skip
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MDY = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def aware(moment: datetime) -> datetime:
    """The moment with a time zone; a naive one is taken as local time (the user's clock)."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def _minus_months(moment: datetime, months: int) -> datetime:
    # Calendar months, clamped to the month's last day, so "1 month ago" on Mar 31 is Feb 28/29.
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    if year < 1:
        return moment.replace(year=1, month=1, day=1)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def posted_from_age(text: str | None, captured_at: datetime) -> datetime | None:
    """The absolute time a relative age ("9 hours ago", "1 month ago") points to, or None."""
    if not text:
        return None
    captured_at = aware(captured_at)
    match = _AGE.search(text) or _SHORT_AGE.search(text) or _FOREIGN_AGE.search(text)
    if match is not None:
        n_text = match["n"].lower()
        n = int(n_text) if n_text.isdigit() else 1  # "a", "an", "one", "einem", "un", ...
        unit_text = match["unit"].lower()
        word = _SHORT_UNITS.get(unit_text) or _FOREIGN_UNITS.get(unit_text)
        if word is None and match.re is _FOREIGN_AGE:
            return None
        word = word or unit_text.rstrip("s") or "s"
        unit = _UNITS.get(word, _UNITS.get(word[:3], "days"))
        try:
            if unit == "months":
                return _minus_months(captured_at, n)
            if unit == "years":
                return _minus_months(captured_at, 12 * n)
            return captured_at - timedelta(**{unit: n})
        except (OverflowError, ValueError):
            return None
    special = _SPECIAL_AGE.search(text)
    if special is None:
        return None
    word = special[1].lower()
    return captured_at - timedelta(days=1) if word == "yesterday" else captured_at


def is_age(text: str) -> bool:
    """Whether the text is a relative age like "9 hours ago" or "yesterday"."""
    return bool(
        _AGE.search(text)
        or _SHORT_AGE.search(text)
        or _FOREIGN_AGE.search(text)
        or _SPECIAL_AGE.search(text)
    )


def parse_date(text: str | None) -> date | None:
    """A calendar date from ISO ("2025-12-31", also with a time), "Dec 31, 2025", "31 December
    2025", US "12/31/2025" (day first when the first number cannot be a month: "14/10/2026")
    or "14.10.2026"; None when the text is not one of those."""
    if not text:
        return None
    text = text.strip()
    try:
        match = _ISO_DATE.match(text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _MDY.match(text)
        if match and match[1].lower() in _MONTHS:
            return date(int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
        match = _DMY.match(text)
        if match and match[2].lower() in _MONTHS:
            return date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
        match = _SLASH.match(text)
        if match:
            first, second = int(match[1]), int(match[2])
            if first > 12 >= second:  # "14/10/2026" can only be day first
                return date(int(match[3]), second, first)
            return date(int(match[3]), first, second)
        match = _DOTTED.match(text)
        if match:  # "14.10.2026": day first, as everywhere that writes dates with dots
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def parse_moment(text: str | None, captured_at: datetime) -> datetime | None:
    """An absolute time from an ISO date-time, a date or a relative age.

    A date without a time is taken as midnight in the capture's time zone; a date-time without a
    zone is taken in the capture's zone too, since that is where the user read it.
    """
    if not text:
        return None
    captured_at = aware(captured_at)
    text = text.strip()
    if _ISO_DATE.match(text) and len(text) > 10:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=captured_at.tzinfo)
    day = parse_date(text)
    if day is not None:
        return datetime(day.year, day.month, day.day, tzinfo=captured_at.tzinfo)
    return posted_from_age(text, captured_at)


_MONTH_DAY = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?$")


def parse_typed_date(text: str | None, today: date, *, ahead: bool = False) -> date | None:
    """A date as people type it into a form: every form ``parse_date`` reads, and a month and
    day without the year ("Nov 20", "20 Nov"), taken as the last such day up to ``today``
    (a posting's date is in the past), or with ``ahead`` the next such day from ``today`` on
    (a deadline). None when the text is none of those."""
    found = parse_date(text)
    if found is not None or not text:
        return found
    text = text.strip()
    month_day = _MONTH_DAY.match(text)
    day_month = _DAY_MONTH.match(text)
    if month_day:
        month, day = month_day[1].lower(), int(month_day[2])
    elif day_month:
        month, day = day_month[2].lower(), int(day_month[1])
    else:
        return None
    if month not in _MONTHS:
        return None
    years = (today.year, today.year + 1) if ahead else (today.year, today.year - 1)
    for year in years:
        try:
            candidate = date(year, _MONTHS[month], day)
        except ValueError:  # "Feb 30"; "Feb 29" of a year that has none
            continue
        if (candidate >= today) if ahead else (candidate <= today):
            return candidate
    return None
