"""The agenda's commands (a new task, an interview for the selected application, the calendar
export, reminders on or off, the settings) and, once the window has painted, its watch: the
reminders and the badges.

Light at import: the dialogs, the services and the watch are imported when first used, so
nothing of the agenda is loaded before the window's first paint.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFileDialog

from desktop.ui.actions import ActionSpec
from desktop.ui.agenda_state import AgendaState
from desktop.ui.pages import WindowParts

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.core.agenda import AgendaSettings, Interview
    from desktop.services.changes import Changes, Result
    from desktop.services.interviews import SavedInterview, TakenBack
    from desktop.services.library import Library
    from desktop.ui.agenda_watch import AgendaWatch
    from desktop.ui.lazy_page import LazyPage


PREPARE_AFTER_MS = 1000  # after the first paint, once the start-up's own work is done


class AgendaCommands(QObject):
    def __init__(self, parts: WindowParts, page: LazyPage | None = None) -> None:
        super().__init__(parts.window)
        self._page = page  # the Agenda page, read ahead of its first Ctrl+3
        self.setObjectName("agenda-commands")  # the agenda page finds it by this name
        self._parts = parts
        self.state = AgendaState.of(parts.window)
        self.watch: AgendaWatch | None = None
        self.dialog: Any = None  # the dialog open now (tests answer it)
        self._painted = False
        parts.window.installEventFilter(self)

    def actions(self) -> list[ActionSpec]:
        return [
            ActionSpec("agenda.new-task", "New &task…", self.new_task, "Edit", group=4,
                       shortcuts=("Ctrl+T",)),
            ActionSpec("agenda.add-interview", "Add &interview…", self.add_interview, "Edit",
                       group=4, shortcuts=("Ctrl+Shift+I",), needs_selection=True),
            ActionSpec("agenda.settings", "A&genda settings…", self.edit_settings, "Edit",
                       group=9),
            ActionSpec("agenda.export-calendar", "Export &calendar (.ics)…",
                       self.export_calendar, "File", group=3),
            ActionSpec("agenda.reminders", "&Reminders", self.toggle_reminders, "View",
                       group=5, checkable=True, checked=True),
        ]  # fmt: skip

    def repaint_with_badges(self, page: Any) -> None:
        """Repaint ``page`` (the board) whenever the badges change."""
        from PySide6.QtWidgets import QAbstractItemView

        def repaint(_ids: object) -> None:
            for view in page.widget.findChildren(QAbstractItemView):
                view.viewport().update()

        self.state.badges_changed.connect(repaint)

    # -- after the first paint: the watch ------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._painted
            and watched is self._parts.window
            and event.type() == QEvent.Type.Paint
        ):
            self._painted = True
            self._parts.window.removeEventFilter(self)
            QTimer.singleShot(0, self.start_watch)
        return False

    def start_watch(self) -> AgendaWatch:
        """Start the reminders and the badges (once): the start-up summary shows now."""
        if self.watch is None:
            from desktop.ui.agenda_watch import AgendaWatch

            self.watch = AgendaWatch(self._parts, self.state)
            action = self._action("agenda.reminders")
            if action is not None:
                action.setChecked(self.watch.settings().reminders)
            self.watch.start()
            QTimer.singleShot(PREPARE_AFTER_MS, self, self.prepare_agenda)
        return self.watch

    def prepare_agenda(self) -> None:
        """Build the Agenda page (hidden) and read it while the window is idle after start-up,
        so the first Ctrl+3 only lays it out and paints it (the page keeps it read since)."""
        page = self._page
        if page is not None and self._parts.window.isVisible():
            page.page().prepare()

    # -- commands ------------------------------------------------------------------------------

    def new_task(self) -> None:
        from desktop.services import postings
        from desktop.ui.dialogs.agenda_dialogs import TaskDialog

        posting_id = self._parts.selected_id()
        application = None
        if posting_id is not None:
            try:
                doc = postings.get_posting(self._parts.library, posting_id)
                name = f"{doc.company} — {doc.title}" if doc.company else doc.title
                application = (posting_id, name)
            except postings.PostingNotFound:
                application = None
        today = self.state.now().astimezone(self.state.zone()).date()
        dialog = TaskDialog(application, today, self._parts.window)
        dialog.chosen.connect(self._add_task)
        self._open(dialog)

    def _add_task(self, posting_id: int | None, title: str, day: Any, at: Any) -> None:
        from desktop.core.zones import name_of
        from desktop.services import tasks

        library = self._parts.library
        zone = name_of(self.state.zone(), self.state.now())
        self._parts.operations.run(
            "Add the task",
            lambda: tasks.add_task(library, tasks.new_task(posting_id, title, day, at=at,
                                                            time_zone=zone)),
            undo=lambda task_id: tasks.delete_task(library, task_id).changes,
        )  # fmt: skip

    def add_interview(self, posting_id: int | None = None) -> None:
        from datetime import timedelta

        from desktop.services import interviews

        posting_id = posting_id or self._parts.selected_id()
        if posting_id is None:
            return
        zone = self.state.zone()
        start = (self.state.now() + timedelta(days=1)).astimezone(zone)
        start = start.replace(hour=10, minute=0, second=0, microsecond=0)
        from desktop.core.zones import name_of

        blank = interviews.new_interview(posting_id, "phone-screen", start,
                                         time_zone=name_of(zone, start))  # fmt: skip
        self.edit_interview(blank)

    def edit_interview(self, interview: Interview) -> None:
        from desktop.services import agenda, contacts
        from desktop.ui.dialogs.agenda_dialogs import InterviewDialog

        library = self._parts.library
        name = agenda.application_name(library, interview.posting_id)
        people = [
            a.contact.name for a in contacts.contacts_of_posting(library, interview.posting_id)
        ]
        company = contacts.company_of_posting(library, interview.posting_id)
        if company:
            people += [c.name for c in contacts.contacts_of_company(library, company)]
        dialog = InterviewDialog(
            interview, name, self.state.zone(), self._parts.window,
            contacts=sorted(set(people), key=str.casefold),
        )  # fmt: skip
        dialog.chosen.connect(self._save_interview)
        self._open(dialog)

    def _save_interview(self, interview: Interview) -> None:
        from desktop.services import interviews

        library = self._parts.library
        if interview.id:
            step = _InterviewSaving(
                library, lambda: interviews.change_interview(library, interview)
            )
            self._parts.operations.run("Change the interview", step.do, undo=step.undo)
        else:
            step = _InterviewSaving(
                library, lambda: interviews.add_interview_round(library, interview)
            )
            self._parts.operations.run("Add the interview", step.do, undo=step.undo)

    def delete_interview(self, interview_id: int) -> None:
        from desktop.services import interviews

        library = self._parts.library
        self._parts.operations.run(
            "Delete the interview",
            lambda: interviews.delete_interview(library, interview_id),
            undo=lambda gone: interviews.restore_interview(library, gone),
        )

    def export_calendar(self, interview_id: int | None = None, target: Path | None = None) -> None:
        """Ask where (unless ``target`` is given) and write the calendar, or one interview."""
        if target is None:
            suggested = "interview.ics" if interview_id else "jobdeck-agenda.ics"
            chosen, _filter = QFileDialog.getSaveFileName(
                self._parts.window,
                "Export calendar",
                str(Path.home() / suggested),
                "iCalendar (*.ics)",
            )
            if not chosen:
                return
            target = Path(chosen)
        from desktop.services import calendar_export
        from desktop.services.changes import Changes

        library = self._parts.library
        now = self.state.now()

        def write() -> Changes:
            calendar_export.write_calendar(library, target, now, interview_id=interview_id)
            return Changes()

        self._parts.operations.run("Export the calendar", write)

    def toggle_reminders(self) -> None:
        from dataclasses import replace

        from desktop.services import agenda

        action = self._action("agenda.reminders")
        wanted = action.isChecked() if action is not None else True
        library = self._parts.library
        chosen = replace(agenda.settings(library), reminders=wanted)
        self._parts.operations.run("Turn reminders " + ("on" if wanted else "off"),
                                   lambda: agenda.save_settings(library, chosen))  # fmt: skip

    def edit_settings(self) -> None:
        from desktop.services import agenda
        from desktop.ui.dialogs.agenda_dialogs import AgendaSettingsDialog

        dialog = AgendaSettingsDialog(agenda.settings(self._parts.library), self._parts.window)
        dialog.chosen.connect(self._save_settings)
        self._open(dialog)

    def _save_settings(self, chosen: AgendaSettings) -> None:
        from desktop.services import agenda

        library = self._parts.library
        action = self._action("agenda.reminders")
        if action is not None:
            action.setChecked(chosen.reminders)
        self._parts.operations.run("Change the agenda settings",
                                   lambda: agenda.save_settings(library, chosen))  # fmt: skip

    def _open(self, dialog: Any) -> None:
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _action(self, action_id: str) -> Any:
        find = getattr(self._parts.window, "action", None)
        try:
            return find(action_id) if find is not None else None
        except KeyError:
            return None


class _InterviewSaving:
    """The undo step of saving an interview: undo takes back the interview and the contacts
    made for its interviewers (keeping what it removed); redo puts those back under the same
    ids and roles, so what refers to them (a note naming the contact, the calendar's UID)
    still finds them."""

    def __init__(self, library: Library, first: Callable[[], Result[SavedInterview]]) -> None:
        self._library, self._first = library, first
        self._taken: TakenBack | None = None

    def do(self) -> Result[SavedInterview]:
        from desktop.services import interviews

        if self._taken is None:
            return self._first()
        return interviews.put_back(self._library, self._taken)

    def undo(self, saved: SavedInterview) -> Changes:
        from desktop.services import interviews

        taken = interviews.take_back(self._library, saved)
        self._taken = taken.value
        return taken.changes
