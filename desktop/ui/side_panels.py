"""The panels beside the pages, for the selected posting: the detail pane and its portal login,
and in tabs beside the posting the application's workspace (notes; ``workspace_panels``).

They listen to the door and read the posting again only when it is the one shown and a kind
they show changed (its fields, its stage and timeline, the stage names, its login). Hidden
(View > Show details off), they only note that they are stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.services import labels, pipeline, postings, stages
from desktop.services.changes import Changes
from desktop.ui.actions import ActionSpec
from desktop.ui.pages import WindowParts
from desktop.ui.views.detail_pane import DetailPane
from desktop.ui.views.login_panel import LoginPanel
from desktop.ui.views.stage_bar import StageBar

if TYPE_CHECKING:
    from desktop.core.pipeline import StageInfo


class SidePanels(QWidget):
    def __init__(self, parts: WindowParts, *, waits: bool = False) -> None:
        """With ``waits`` (the app's start), the pane stays blank until ``stop_waiting``: the
        window paints before the posting (and the ORM that reads it) is loaded."""
        super().__init__()
        self.setObjectName("detail-side")
        self._parts = parts
        self.waits = waits
        self._stale = False
        self._stages: list[StageInfo] | None = None  # the stage bar's choices
        self.detail = DetailPane()
        self.login_panel = LoginPanel(parts.library)
        self.login_panel.changed.connect(
            lambda changes: parts.operations.broadcast(changes, self.login_panel)
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The posting and, made after the first paint, the application's workspace tabs.
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detail-tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setAutoHide(True)
        self.tabs.addTab(self.detail, "Posting")
        self.workspace: dict = {}  # key -> panel (workspace_panels.WorkspacePanel)
        self.stage_bar = StageBar()
        layout.addWidget(self.stage_bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.login_panel)
        if not waits:
            self._add_workspace()
        if waits:
            self.detail.show_blank()  # not "select a posting": one is selected, and on its way
        parts.operations.changed.connect(self._changed)

    def actions(self) -> list[ActionSpec]:
        return [
            ActionSpec(
                "side.details",
                "Show &details",
                lambda: self.set_shown(not self.isVisible()),
                "View",
                group=2,
                shortcuts=("Ctrl+D",),
                checkable=True,
                checked=True,
            ),
            ActionSpec(
                "side.note",
                "Add &note",
                lambda: self.open_workspace("notes"),
                "Edit",
                group=3,
                shortcuts=("Ctrl+Shift+N",),
                needs_selection=True,
            ),
        ]

    def _add_workspace(self) -> None:
        from desktop.ui.workspace_panels import add_workspace_panels

        self.workspace = add_workspace_panels(self._parts, self.tabs)

    def open_workspace(self, key: str) -> None:
        """Show the side and the ``key`` tab (notes, ...), ready to write in."""
        if not self.isVisible():
            self._parts.window.action("side.details").trigger()  # type: ignore[attr-defined]
        panel = self.workspace.get(key)
        if panel is not None:
            self.tabs.setCurrentWidget(panel)
            panel.start_writing()

    def set_shown(self, visible: bool) -> None:
        self.setVisible(visible)
        if visible and self._stale:
            self.show_posting(self._parts.selected_id(), again=True)

    def stop_waiting(self) -> None:
        self.waits = False
        self._add_workspace()
        self.show_posting(self._parts.selected_id(), again=True)

    def show_posting(
        self, posting_id: int | None, *, again: bool = False, ask: bool = True
    ) -> None:
        """Show ``posting_id`` (None: nothing). Reads it only if it is not the one shown, or
        with ``again``. Unsaved login edits of the one shown are asked about first (not with
        ``ask`` False: the posting is gone, and its login with it)."""
        if self.waits:
            return  # stop_waiting shows the posting selected by then
        leaving = self.detail.posting_id
        if (
            ask
            and posting_id != leaving
            and leaving is not None
            and self.login_panel.leave_or_ask(
                lambda: self.show_posting(self._parts.selected_id(), again=True),
                lambda: self._parts.select(leaving),
            )
        ):
            return  # the answer shows the posting then selected, or selects this one again
        if posting_id == self.detail.posting_id and not again and not self._stale:
            return
        if not self.isVisibleTo(self._parts.window) and posting_id is not None:
            self._stale = True
            return
        self._stale = False
        library = self._parts.library
        try:
            doc = postings.get_posting(library, posting_id) if posting_id else None
            application = pipeline.application(library, posting_id) if doc else None
        except postings.PostingNotFound:
            doc, application = None, None
        timeline = application.timeline if application else ()
        if doc is not None and posting_id is not None:
            # Its interviews between the stage changes (read once the window has painted).
            from desktop.services.interviews import application_timeline

            timeline = application_timeline(library, posting_id, timeline)
        from desktop.services import reapply  # with the first posting, after the paint

        repeat = (
            # The rules alone (one indexed query): this runs on every selection.
            reapply.check(
                library, doc.company, doc.title, excluding={doc.id}, word="other", slips=False
            )
            if doc and doc.id is not None
            else None
        )
        self.detail.show_posting(doc, timeline, repeat, application.labels if application else ())
        self.stage_bar.show_application(
            self.detail.posting_id,
            application.stage if application else None,
            self._stage_list() if application else [],
        )
        self.login_panel.show_posting(self.detail.posting_id)
        if self.workspace:
            from desktop.ui.workspace_panels import show_in_workspace

            show_in_workspace(self._parts, self.workspace, self.detail.posting_id)

    def _stage_list(self) -> list[StageInfo]:
        # Read once and again only after a stage edit: counting 100,000 postings per stage on
        # every selection was a third of the time a posting took to show.
        if self._stages is None:
            self._stages = stages.list_stages(self._parts.library)
        return self._stages

    def _changed(self, changes: Changes, initiator: object) -> None:
        if changes.stages:
            self._stages = None
        shown = self.detail.posting_id
        if self.waits or shown is None:
            return
        if shown in changes.deleted:
            self.show_posting(self._parts.selected_id(), again=True, ask=False)
        elif (
            shown in changes.updated | changes.moved | changes.interviews
            or changes.stages
            or changes.created  # the other applications at its employer: one more
            or changes.deleted  # or one less
        ):
            self.show_posting(shown, again=True)
        else:
            if shown in changes.labelled:  # its labels only: the chips change, the page stays
                self.detail.show_labels(labels.labels_of(self._parts.library, shown))
            if shown in changes.logins and initiator is not self.login_panel:
                self.login_panel.show_posting(shown)
