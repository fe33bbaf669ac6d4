"""What a row of the Agenda page offers: its context menu and its keys (Space, + and −,
Ctrl+→ and Ctrl+←, Enter, Delete). Each calls the page, which runs it through the door."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu

from desktop.core.agenda import AgendaItem, ItemKind, Suggestion

if TYPE_CHECKING:
    from desktop.ui.agenda_commands import AgendaCommands
    from desktop.ui.agenda_page import AgendaPage


def menu_for(
    page: AgendaPage, entry: AgendaItem | Suggestion | None, commands: AgendaCommands | None
) -> QMenu:
    """The context menu of ``entry``'s row (empty for a section's title)."""
    menu = QMenu(page.widget)
    menu.setObjectName("agenda-menu")
    if isinstance(entry, Suggestion):
        menu.addAction("&Accept", lambda: page.accept(entry))
        menu.addAction("&Dismiss", lambda: page.dismiss(entry))
    elif isinstance(entry, AgendaItem) and entry.kind is ItemKind.TASK:
        menu.addAction("Not done" if entry.done else "&Done", page.toggle_selected)
        menu.addAction("A day &later", lambda: page.shift_selected(1))
        menu.addAction("A day &earlier", lambda: page.shift_selected(-1))
        menu.addAction("&Delete task", page.delete_selected)
    elif isinstance(entry, AgendaItem) and entry.kind is ItemKind.INTERVIEW and commands:
        menu.addAction("&Edit interview…", page.edit_selected_interview)
        menu.addAction("A day &later", lambda: page.shift_selected(1))
        menu.addAction("A day &earlier", lambda: page.shift_selected(-1))
        menu.addAction(
            "E&xport this interview (.ics)…",
            lambda: commands.export_calendar(interview_id=entry.id),
        )
        menu.addAction("&Delete interview", lambda: commands.delete_interview(entry.id))
    if entry is not None and entry.posting_id is not None:
        menu.addSeparator()
        menu.addAction("&Open application", lambda: page.open_in_list())
    return menu


def key_pressed(page: AgendaPage, event: QKeyEvent) -> bool:
    """Act on a key pressed in the page's view; whether it was one of the page's keys."""
    key, mods = event.key(), event.modifiers()
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    if key == Qt.Key.Key_Space:
        page.toggle_selected()
    elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) or (ctrl and key == Qt.Key.Key_Right):
        page.shift_selected(1)
    elif key == Qt.Key.Key_Minus or (ctrl and key == Qt.Key.Key_Left):
        page.shift_selected(-1)
    elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        page.open_selected()
    elif key == Qt.Key.Key_Delete:
        page.delete_selected()
    else:
        return False
    return True
