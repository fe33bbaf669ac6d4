"""Open a saved posting's page in the browser (the card's menu, Edit > Open posting in browser).

Only http and https links are opened, through the desktop's URL handler; a posting without one
says so instead of doing nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.dialogs import messages
from desktop.ui.views.links import open_in_browser, web_address


def open_posting_in_browser(parent: QWidget, library: Library, posting_id: int) -> bool:
    """Open the posting's link; an error box when it has no http(s) link or is gone."""
    try:
        doc = postings.get_posting(library, posting_id)
    except postings.PostingNotFound as error:
        messages.show_error(parent, "Posting not found", str(error))
        return False
    if web_address(doc.url) is None:
        messages.show_error(
            parent,
            "No link to open",
            f"“{doc.title}” has no web link (http or https) to open in a browser.",
        )
        return False
    return open_in_browser(doc.url)
