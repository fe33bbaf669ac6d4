"""Time zones by name: the zone a time was given in, and the user's own.

An interview at "14:00 Paris time" is stored as an instant (UTC) plus the zone it was given in,
so it is shown in the user's zone and exported to a calendar in its own. A zone is named as the
IANA database names it ("Europe/Paris") or, when only an offset was given ("+01:00"), as that
fixed offset ("UTC+01:00").
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_OFFSET = re.compile(r"^(?:UTC)?([+-])(\d{2}):?(\d{2})$")
MAX_ZONE_NAME = 64


class UnknownZone(ValueError):
    """Not a time zone name Jobdeck knows (nor a fixed offset such as ``UTC+01:00``)."""


@cache
def zone_named(name: str) -> tzinfo:
    """The zone called ``name`` ("Europe/Paris", "UTC", "UTC+01:00"). Raises UnknownZone."""
    if name in ("UTC", "Z"):
        return UTC
    match = _OFFSET.match(name)
    if match:
        sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        if delta >= timedelta(hours=24):
            raise UnknownZone(f"{name!r} is not a time zone offset")
        return timezone(-delta if sign == "-" else delta)
    if not name or len(name) > MAX_ZONE_NAME or ".." in name or name.startswith("/"):
        raise UnknownZone(f"{name!r} is not a time zone name")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownZone(f"{name!r} is not a time zone name (such as Europe/Paris)") from None


def name_of(zone: tzinfo | None, at: datetime | None = None) -> str:
    """A name ``zone_named`` reads back: the IANA key, else the fixed offset at ``at``."""
    if zone is None or zone is UTC:
        return "UTC"
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    offset = zone.utcoffset(at or datetime.now(UTC))
    if offset is None or offset == timedelta(0):
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_given(value: datetime) -> str:
    """The name of the zone an aware ``value`` was written in."""
    return name_of(value.tzinfo, value)


def local_zone_name() -> str:
    """The machine's zone by IANA name when it can be found ($TZ, /etc/localtime), else its
    present offset; read each time, so a change of zone while Jobdeck runs is followed."""
    configured = os.environ.get("TZ", "").lstrip(":")
    if configured:
        try:
            zone_named(configured)
            return configured
        except UnknownZone:
            pass
    link = Path("/etc/localtime")
    try:
        target = str(link.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidate = target.split("zoneinfo/", 1)[1]
        try:
            zone_named(candidate)
            return candidate
        except UnknownZone:
            pass
    return name_of(datetime.now().astimezone().tzinfo)


def local_zone() -> tzinfo:
    """The machine's zone (see ``local_zone_name``)."""
    return zone_named(local_zone_name())
