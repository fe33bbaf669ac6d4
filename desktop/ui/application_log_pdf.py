"""The printable application log: one row per application in a period, with the user's name
and the period in the header, drawn to PDF by Qt's own PDF writer (no other dependency).

Every value is escaped before it goes into the page's rich text: a company or title is shown
as the text it is, never as markup, and the page loads no resource.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from datetime import date, datetime

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.services.application_log import LogEntry, day

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


def render_pdf(page: str) -> bytes:
    """The page drawn as a PDF (A4 landscape), in memory. Needs a QGuiApplication."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("Application log")
    writer.setCreator("Jobdeck")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(96)
    document = QTextDocument()
    document.setHtml(page)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    del writer  # the PDF is finished when its writer goes
    buffer.close()
    return bytes(data.data())


def ensure_gui() -> QGuiApplication:
    """The running application, or one made for drawing only (the command line): offscreen
    unless a display is asked for. A QApplication, as the window makes: a process (a test
    run, say) that goes on to show widgets needs that kind, and Qt allows one per process."""
    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["jobdeck"])
    return app  # type: ignore[return-value]
