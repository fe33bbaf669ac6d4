"""The application's workspace beside the posting: one tab per panel (its facts, notes,
contacts, documents), listed once here.

Imported by ``side_panels`` only after the window's first paint (or when the side is made
without waiting, as in tests), so none of these modules cost start-up time. Each panel has
``show_posting(id | None)``, listens to the door for its own kind of change, and names its tab
through ``title_changed``.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.core.application_facts import WorkspaceCounts
from desktop.services import application_facts
from desktop.ui.pages import WindowParts


class WorkspacePanel(Protocol):
    title_changed: SignalInstance

    def show_posting(
        self, posting_id: int | None, counts: WorkspaceCounts | None = None
    ) -> None: ...

    def isVisible(self) -> bool: ...

    def start_writing(self) -> None: ...


def add_workspace_panels(parts: WindowParts, tabs: QTabWidget) -> dict[str, WorkspacePanel]:
    """Make the panels, add each as a tab after the posting's, and return them by key."""
    from desktop.ui.views.contacts_panel import ContactsPanel
    from desktop.ui.views.documents_panel import DocumentsPanel
    from desktop.ui.views.facts_panel import FactsPanel
    from desktop.ui.views.notes_panel import NotesPanel

    panels: dict[str, WorkspacePanel] = {
        "facts": FactsPanel(parts),
        "notes": NotesPanel(parts),
        "contacts": ContactsPanel(parts),
        "documents": DocumentsPanel(parts),
    }
    titles = {
        "facts": "Application",
        "notes": "Notes",
        "contacts": "Contacts",
        "documents": "Documents",
    }
    for key, panel in panels.items():
        assert isinstance(panel, QWidget)
        index = tabs.addTab(panel, titles[key])
        panel.title_changed.connect(lambda title, i=index: _retitle(tabs, i, title))
    return panels


def _retitle(tabs: QTabWidget, index: int, title: str) -> None:
    if tabs.tabText(index) != title:  # the tab bar lays itself out again on every set
        tabs.setTabText(index, title)


def show_in_workspace(
    parts: WindowParts, panels: dict[str, WorkspacePanel], posting_id: int | None
) -> None:
    """Show ``posting_id`` in every panel. The tabs out of sight are counted for their titles
    in one query (the tab in sight reads its rows; each of the others reads them when shown)."""
    counts = None
    if posting_id is not None and not all(panel.isVisible() for panel in panels.values()):
        counts = application_facts.workspace_counts(parts.library, posting_id)
    for panel in panels.values():
        panel.show_posting(posting_id, counts)
