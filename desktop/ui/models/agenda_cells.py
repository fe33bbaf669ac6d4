"""How a row of the agenda looks: its When text, its tooltip, its flags and fonts (made once:
the view asks for them for every cell it paints)."""

from __future__ import annotations

from datetime import date, timedelta, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop.core.agenda import AgendaItem, ItemKind


def _flag_table() -> dict[tuple[str, bool, bool, bool], Qt.ItemFlag]:
    """Every (kind of row, droppable, checkable, draggable) with its flags, made once."""
    flag = Qt.ItemFlag
    table = {}
    for droppable in (False, True):
        section = flag.ItemIsEnabled | (flag.ItemIsDropEnabled if droppable else flag.NoItemFlags)
        table[("section", droppable, False, False)] = section
        for checkable in (False, True):
            for draggable in (False, True):
                row = flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren
                if droppable:
                    row |= flag.ItemIsDropEnabled
                if checkable:
                    row |= flag.ItemIsUserCheckable
                if draggable:
                    row |= flag.ItemIsDragEnabled
                table[("row", droppable, checkable, draggable)] = row
    return table


FLAGS = _flag_table()
_FONTS: dict[str, QFont] = {}


def font(kind: str) -> QFont:
    """A bold, italic or struck-out font, made once (after the application exists)."""
    made = _FONTS.get(kind)
    if made is None:
        made = QFont()
        made.setBold(kind == "bold")
        made.setItalic(kind == "italic")
        made.setStrikeOut(kind == "struck")
        _FONTS[kind] = made
    return made


def when_text(item: AgendaItem, today: date, zone: tzinfo | None) -> str:
    """The When column of an item: Today, Tomorrow, a weekday, a date; its time in ``zone``."""
    day = item.day
    if day == today:
        text = "Today"
    elif day == today + timedelta(days=1):
        text = "Tomorrow"
    elif day == today - timedelta(days=1):
        text = "Yesterday"
    elif abs((day - today).days) < 7:
        text = f"{day:%a %d %b}"
    else:
        text = f"{day:%a %d %b %Y}" if day.year != today.year else f"{day:%a %d %b}"
    if item.at is not None and zone is not None:
        text += f" {item.at.astimezone(zone):%H:%M}"
    return text


def tooltip(item: AgendaItem) -> str:
    """What can be done with the row, by keyboard and mouse."""
    if item.kind is ItemKind.TASK:
        return "Space: done · +/−: a day later/earlier · drag to another day"
    if item.kind is ItemKind.INTERVIEW:
        return "Enter: open the application · +/−: a day later/earlier · drag to another day"
    if item.kind is ItemKind.DEADLINE:
        return "The posting's application deadline"
    return "Enter: open the application"
