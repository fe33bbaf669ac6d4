"""Links from postings: shown as text we build ourselves, opened only after a click and a check."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.text import safe_link


def open_safe_link(url: str) -> bool:
    """Open ``url`` in the user's browser or mail app if it is https or mailto; else do nothing."""
    checked = safe_link(url)
    if checked is None:
        return False
    return QDesktopServices.openUrl(QUrl(checked, QUrl.ParsingMode.StrictMode))


def link_label(url: str, text: str | None = None, parent: QWidget | None = None) -> QLabel:
    """A label showing a clickable link when ``url`` is safe, or the plain text otherwise.

    The markup is ours: both the address and the text are escaped, and the label never opens
    links on its own, so nothing from a posting can become live HTML.
    """
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setOpenExternalLinks(False)
    label.linkActivated.connect(open_safe_link)
    set_link(label, url, text)
    return label


def set_link(label: QLabel, url: str, text: str | None = None) -> None:
    """Show another link in a ``link_label`` (the pane fills its labels again per posting)."""
    checked = safe_link(url) if url else None
    shown = text or url
    if checked is None:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(shown)
        label.setToolTip("")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)  # Qt's own
        return
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(f'<a href="{html.escape(checked, quote=True)}">{html.escape(shown)}</a>')
    label.setToolTip(checked)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.LinksAccessibleByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    )


def web_address(url: str | None) -> str | None:
    """``url`` if it is an http or https link with a host (what a browser should open), else
    None: a posting's link is never handed on as file:, javascript: or anything else."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url.strip()


def open_in_browser(url: str | None) -> bool:
    """Open a posting's http(s) link through the desktop's URL handler; False when it has none
    (or the desktop could not open it)."""
    checked = web_address(url)
    if checked is None:
        return False
    return QDesktopServices.openUrl(QUrl(checked, QUrl.ParsingMode.StrictMode))
