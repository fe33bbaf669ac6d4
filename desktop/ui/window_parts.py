"""The parts the window is made of, listed once: its pages, the panels beside them, and the
commands that contribute actions. Adding a page or a panel is a line here and a module of its
own; the shell (``main_window.py``) does not change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.ui.actions import ActionSpec
from desktop.ui.agenda_commands import AgendaCommands
from desktop.ui.label_commands import LabelCommands
from desktop.ui.lazy_page import LazyPage
from desktop.ui.library_commands import LibraryCommands
from desktop.ui.list_menu import ListMenu
from desktop.ui.list_page import ListPage
from desktop.ui.pages import DropTarget, Page, WindowParts
from desktop.ui.pipeline_commands import PipelineCommands
from desktop.ui.posting_commands import PostingCommands
from desktop.ui.read_ahead import ReadAhead
from desktop.ui.record_commands import RecordCommands
from desktop.ui.side_panels import SidePanels


@dataclass
class Parts:
    list_page: ListPage
    board_page: LazyPage  # desktop.ui.board_page.BoardPage, built when first shown
    side: SidePanels
    posting_commands: PostingCommands
    pipeline_commands: PipelineCommands
    library_commands: LibraryCommands
    pages: list[Page] = field(default_factory=list)
    contributions: list[ActionSpec] = field(default_factory=list)
    drop_targets: list[DropTarget] = field(default_factory=list)
    agenda_page: LazyPage | None = None  # desktop.ui.agenda_page.AgendaPage, built when shown
    agenda: AgendaCommands | None = None


def build_parts(parts: WindowParts, *, waits: bool, restored: Any) -> Parts:
    """Make every part, wire them to each other, and collect their actions."""
    list_page = ListPage(parts)
    # Pages other than the list are built when first shown: their modules are not imported
    # before the window's first paint.
    board_page = LazyPage(
        parts,
        key="board",
        title="&Board",
        shortcut="Ctrl+2",
        factory="desktop.ui.board_page:BoardPage",
    )
    agenda_page = LazyPage(
        parts, key="agenda", title="&Agenda", shortcut="Ctrl+3",
        factory="desktop.ui.agenda_page:AgendaPage",
    )  # fmt: skip
    agenda = AgendaCommands(parts, agenda_page)
    list_page.model.badge_of = agenda.state.badge
    agenda.state.badges_changed.connect(list_page.model.badges_changed)
    board_page.when_built(agenda.repaint_with_badges)
    contacts_page = LazyPage(
        parts,
        key="contacts",
        title="&Contacts",
        shortcut="Ctrl+5",
        factory="desktop.ui.contacts_page:ContactsPage",
    )
    documents_page = LazyPage(
        parts,
        key="documents",
        title="&Documents",
        shortcut="Ctrl+6",
        factory="desktop.ui.documents_page:DocumentsPage",
    )
    side = SidePanels(parts, waits=waits)
    postings = PostingCommands(parts, list_page.title_of)
    pipeline = PipelineCommands(parts, board_page)
    library = LibraryCommands(parts, restored)
    list_page.new_requested.connect(postings.new)
    list_page.paste_requested.connect(postings.imports.paste)
    list_page.open_requested.connect(postings.edit)
    list_page.searched_for.connect(board_page.searched)
    side.detail.change_date_requested.connect(pipeline.ask_stage_date)
    side.stage_bar.move_requested.connect(pipeline.move_to)  # issue 16: stage where it is read
    side.stage_bar.applied_today_requested.connect(pipeline.mark_applied_today)
    window_action = parts.window.action  # type: ignore[attr-defined]
    ListMenu(list_page.table, parts.library, list_page.selected_id, window_action, pipeline.move_to)
    insights_page = LazyPage(
        parts,
        key="insights",
        title="&Insights",
        shortcut="Ctrl+4",
        factory="desktop.ui.insights_page:InsightsPage",
    )
    list_page.searched_for.connect(insights_page.searched)
    # Read ahead when idle after start-up, one at a time: the Agenda at 1 s (AgendaCommands),
    # the board at 1.5 s, the Insights at 2 s (issue 21).
    ReadAhead(parts, board_page, after_ms=1500)
    ReadAhead(parts, insights_page, after_ms=2000)
    pages: list[Page] = [  # type: ignore[list-item]
        list_page,
        board_page,
        agenda_page,
        insights_page,
        contacts_page,
        documents_page,
    ]
    contributions = [
        *postings.actions(local_to=[list_page.table, board_page.later("view")]),
        *library.actions(),
        *RecordCommands(parts).actions(),  # kept by the window (its Qt parent)
        *list_page.actions(),
        *pipeline.actions(local_to=[list_page.table, board_page.later("view")]),
        *board_page.actions(),
        *side.actions(),
        *agenda.actions(),
        *LabelCommands(parts, board_page).actions(),  # issue 17: named labels
    ]
    drop_targets: list[DropTarget] = [postings]
    return Parts(
        list_page,
        board_page,
        side,
        postings,
        pipeline,
        library,
        pages,
        contributions,
        drop_targets,
        agenda_page=agenda_page,
        agenda=agenda,
    )
