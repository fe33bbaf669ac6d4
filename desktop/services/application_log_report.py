"""The printable application log: one row per application in a period, with the user's name
and the period in the header, as a page of rich text, and the PDF written from it.

The page is built here, without Qt: every value is escaped before it goes into the page, so a
company or title is shown as the text it is, never as markup, and the page names no resource.
Drawing it is Qt's job (``desktop.printing.pdf.render_pdf``), which the window and ``jobdeck
report`` hand to ``write_log`` as ``render``: services never import Qt.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from desktop.services import application_log, export
from desktop.services.application_log import LogEntry, LogFilter, day
from desktop.services.library import Library

Render = Callable[[str], bytes]  # a page of rich text -> the PDF's bytes

_STYLE = """
body { font-family: sans-serif; font-size: 9pt; color: #111; }
h1 { font-size: 15pt; margin: 0; }
p.meta { color: #444; margin: 2px 0 10px 0; }
table { border-collapse: collapse; }
th { background: #e5e7eb; text-align: left; padding: 4px; font-weight: bold; }
td { padding: 4px; border-bottom: 1px solid #d1d5db; vertical-align: top; }
"""
COLUMNS = ("#", "Applied on", "Company", "Position", "Where applied", "Stage now", "Stage trail")


def _period(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()}"
    if start:
        return f"from {start.isoformat()}"
    if end:
        return f"until {end.isoformat()}"
    return "all applications"


def page_html(
    entries: Iterable[LogEntry], name: str, start: date | None, end: date | None
) -> tuple[str, int]:
    """The log as rich text, and how many applications it lists."""
    rows = []
    count = 0
    for count, entry in enumerate(entries, start=1):
        trail = "<br>".join(
            f"{html.escape(change.stage)} {day(change.at)}" for change in entry.trail
        )
        if entry.interviews:
            trail += "<br>Interviews: " + ", ".join(day(at) for at in entry.interviews)
        cells = (
            str(count),
            day(entry.applied_on),
            html.escape(entry.company),
            html.escape(entry.title),
            html.escape(entry.where),
            html.escape(entry.stage),
        )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + f"<td>{trail}</td></tr>")
    header = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
    who = html.escape(name) if name else "—"
    made = datetime.now().astimezone().date().isoformat()
    body = (
        f"<h1>Application log</h1><p class='meta'>{who} · {_period(start, end)} · "
        f"{count} application{'s' if count != 1 else ''} · made {made} with Jobdeck</p>"
        f"<table width='100%' cellspacing='0'><thead><tr>{header}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    if not count:
        body += "<p>No application in this period.</p>"
    return f"<html><head><style>{_STYLE}</style></head><body>{body}</body></html>", count


def write_log(db: Library, which: LogFilter, path: Path, name: str, render: Render) -> int:
    """Write the log of the applications ``which`` picks to ``path`` as a PDF drawn by
    ``render``; returns how many it lists. The file is all or nothing, readable by the user
    only (``export.save_file``). Raises ``WriteFailed`` when it cannot be written."""
    page, count = page_html(application_log.entries(db, which), name, which.start, which.end)
    export.save_file(path, render(page))
    return count
