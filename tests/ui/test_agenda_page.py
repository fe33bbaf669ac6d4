"""The Agenda page, the badges and the reminders, used as a person would, with the clock and
the zone driven by the test (no sleeping, nothing from the machine's clock)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.agenda import ItemKind
from desktop.services import agenda, interviews, pipeline, postings, tasks
from desktop.services.library import Library
from desktop.ui.agenda_state import AgendaState
from desktop.ui.models.agenda_model import ITEM_ROLE, TASK_MIME
from desktop.ui.models.posting_table_model import BADGE_ROLE, COL_TITLE
from tests.samples import amazon_document
from tests.startup.test_paint_first import _fresh_python

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    made = Clock()
    monkeypatch.setattr(AgendaState, "default_clock", staticmethod(made))
    monkeypatch.setattr(AgendaState, "default_zone", staticmethod(lambda: PARIS))
    return made


def _posting(db: Library, title: str) -> int:
    saved = START - timedelta(days=60)
    return postings.create_posting(db, amazon_document(title=title), now=saved).value


def _task(
    db: Library, posting_id: int | None, title: str, day: date, at: time | None = None
) -> int:
    made = tasks.new_task(posting_id, title, day, at=at, time_zone="Europe/Paris")
    return tasks.add_task(db, made, now=START).value


def _agenda(window):
    window.action("page.agenda").trigger()
    page = window.parts.agenda_page.page()
    assert window.current_page().key == "agenda"
    return page


def _rows(page, section: str) -> list[str]:
    model = page.model
    parent = model.section_index(section)
    return [model.data(model.index(r, 1, parent)) for r in range(model.rowCount(parent))]


def _select(page, title: str) -> None:
    model = page.model
    for s in range(model.rowCount()):
        parent = model.index(s, 0)
        for r in range(model.rowCount(parent)):
            if model.data(model.index(r, 1, parent)) == title:
                page.view.setCurrentIndex(model.index(r, 0, parent))
                return
    raise AssertionError(f"{title!r} is not on the agenda")


def test_the_agenda_groups_what_is_due_and_ticks_tasks_done_with_undo(
    qtbot: QtBot, make_window, db: Library, clock: Clock, qtmodeltester
) -> None:
    job = _posting(db, "Engineer")
    late = _task(db, job, "Send references", START.date() - timedelta(days=1))
    _task(db, job, "Prepare the panel", START.date() + timedelta(days=3))
    _task(db, None, "Update CV", START.date() + timedelta(days=20))
    interviews.add_interview(
        db, interviews.new_interview(job, "onsite", START + timedelta(hours=5))
    )
    window = make_window()
    page = _agenda(window)
    qtmodeltester.check(page.model)

    assert _rows(page, "Overdue") == ["Send references"]
    assert _rows(page, "Today") == ["Onsite interview"]
    assert _rows(page, "This week") == ["Prepare the panel"]
    assert _rows(page, "Later") == ["Update CV"]
    assert page.summary.text() == "1 overdue · 1 today · 1 this week"

    _select(page, "Send references")
    assert window.selected_id() == job  # the row's application is shown beside
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    assert tasks.get_task(db, late).done
    assert _rows(page, "Overdue") == []
    assert _rows(page, "Today") == ["Send references", "Onsite interview"]  # struck, for today
    window.action("window.undo").trigger()
    assert not tasks.get_task(db, late).done
    assert _rows(page, "Overdue") == ["Send references"]


def test_a_task_moves_by_keyboard_and_by_drag_to_another_day(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    job = _posting(db, "Engineer")
    task_id = _task(db, job, "Call back", START.date(), time(16, 30))
    window = make_window()
    page = _agenda(window)
    _select(page, "Call back")
    qtbot.keyClick(page.view, Qt.Key.Key_Plus)
    moved = tasks.get_task(db, task_id)
    assert moved.due_on == START.date() + timedelta(days=1)
    assert moved.due_at.astimezone(PARIS).time() == time(16, 30)
    assert _rows(page, "This week") == ["Call back"]
    qtbot.keyClick(page.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert tasks.get_task(db, task_id).due_on == START.date()

    # Drag the row onto "Later": a week from today.
    model = page.model
    parent = model.section_index("Today")
    row = model.index(0, 0, parent)
    mime = model.mimeData([row])
    assert mime.hasFormat(TASK_MIME)
    later = model.section_index("Later")
    assert not model.canDropMimeData(
        mime, Qt.DropAction.MoveAction, -1, 0, model.section_index("Overdue")
    )
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, later)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, later)
    assert tasks.get_task(db, task_id).due_on == START.date() + timedelta(days=7)
    assert _rows(page, "Later") == ["Call back"]
    window.action("window.undo").trigger()
    assert tasks.get_task(db, task_id).due_on == START.date()


def test_a_reminder_due_now_fires_exactly_once_and_the_start_up_summary_lists_the_missed(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    job = _posting(db, "Engineer")
    _task(db, job, "Missed yesterday", START.date() - timedelta(days=1), time(15, 0))
    _task(db, job, "Missed this morning", START.date(), time(8, 0))
    _task(db, job, "Send the take-home", START.date(), time(10, 30))
    interviews.add_interview(
        db, interviews.new_interview(job, "technical", START + timedelta(hours=1), place="Zoom")
    )
    window = make_window()
    watch = window.parts.agenda.start_watch()  # as after the first paint
    assert watch.shown == [
        (
            "2 reminders fell due while Jobdeck was closed",
            "Due: Missed yesterday\nDue: Missed this morning",
        )
    ]
    assert window.findChild(type(watch.toast), "reminder-toast").isVisible()

    clock.now = START + timedelta(minutes=20)
    watch.tick()
    assert len(watch.shown) == 1  # nothing new is due
    assert not watch.exact.isActive()
    # 10 s before the next one falls due: not shown yet, but looked at again at its time.
    clock.now = START + timedelta(minutes=29, seconds=50)
    watch.tick()
    assert len(watch.shown) == 1 and watch.exact.isActive()
    assert 10_000 <= watch.exact.interval() <= 10_100
    clock.now = START + timedelta(minutes=31)
    watch.tick()
    watch.tick()
    assert watch.shown[1:] == [("Due: Send the take-home", "Amazon — Engineer")]
    clock.now = START + timedelta(minutes=45)
    watch.tick()
    assert watch.shown[2:] == [("Technical interview in 15 minutes", "Amazon — Engineer — Zoom")]

    # A second window on the same library (or the next start) shows none of them again.
    again = make_window()
    assert again.parts.agenda.start_watch().shown == []


def test_turning_reminders_off_is_one_setting(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    job = _posting(db, "Engineer")
    _task(db, job, "Due soon", START.date(), time(10, 30))
    window = make_window()
    watch = window.parts.agenda.start_watch()
    reminders_action = window.action("agenda.reminders")
    assert reminders_action.isChecked()
    reminders_action.trigger()
    assert agenda.settings(db).reminders is False
    clock.now = START + timedelta(hours=1)
    watch.tick()
    assert watch.shown == []
    reminders_action.trigger()
    watch.tick()
    assert watch.shown == [("Due: Due soon", "Amazon — Engineer")]


def test_badges_mark_the_list_rows_with_something_overdue_or_due_today(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    late, calm = _posting(db, "Late"), _posting(db, "Calm")
    _task(db, late, "Overdue", START.date() - timedelta(days=2))
    window = make_window()
    window.parts.agenda.start_watch()
    model = window.list_page.model

    def badge(posting_id: int) -> object:
        return model.data(model.index(model.row_of(posting_id), COL_TITLE), BADGE_ROLE)

    assert badge(late) == "overdue" and badge(calm) is None
    today = _task(db, calm, "Today", START.date())
    window.operations.broadcast(tasks.changes_for(tasks.get_task(db, today)))
    assert badge(calm) == "today"
    window.action("page.board").trigger()  # the board paints the same badges
    state = AgendaState.of(window)
    assert state.badge(calm) == "today" and state.badge(late) == "overdue"
    window.board_page.view.grab()


def test_badges_follow_a_delete_its_undo_and_a_card_move(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    late, calm = _posting(db, "Late"), _posting(db, "Calm")
    _task(db, late, "Overdue", START.date() - timedelta(days=2))
    window = make_window()
    window.parts.agenda.start_watch()
    state = AgendaState.of(window)
    assert state.badge(late) == "overdue"
    window.list_page.select(late)
    window.list_page.table.setFocus()
    window.action("posting.delete").trigger()
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    (delete,) = [b for b in box.buttons() if b.text().replace("&", "") == "Delete"]
    with qtbot.waitSignal(window.changes_applied):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert state.badge(late) is None  # its task went with it
    window.action("window.undo").trigger()
    assert state.badge(late) == "overdue"  # and came back with it
    window.action("page.board").trigger()
    applied = pipeline.resolve_stage(db, "Applied").id
    window.board_page.view.move_requested.emit(late, applied, 0)
    assert pipeline.application(db, late).stage == "Applied"
    assert state.badge(late) == "overdue" and state.badge(calm) is None


def test_suggestions_are_shown_and_accepted_with_enter(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    job = _posting(db, "Engineer")
    applied = pipeline.resolve_stage(db, "Applied").id
    pipeline.move_application(db, job, applied, at=START - timedelta(days=9))
    window = make_window()
    page = _agenda(window)
    assert _rows(page, "Suggested") == ["Follow up on the application"]
    _select(page, "Follow up on the application")
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert _rows(page, "Today") == ["Follow up on the application"]
    assert page.model.section_index("Suggested") == QModelIndex()
    window.action("window.undo").trigger()
    assert _rows(page, "Suggested") == ["Follow up on the application"]
    _select(page, "Follow up on the application")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)  # dismissed: not suggested again
    assert page.model.section_index("Suggested") == QModelIndex()
    assert tasks.tasks_of(db, job) == []


def test_new_task_and_interview_dialogs_and_one_interview_exported(
    qtbot: QtBot, make_window, db: Library, clock: Clock, tmp_path: Path
) -> None:
    job = _posting(db, "Engineer")
    window = make_window()
    window.list_page.select(job)
    window.action("agenda.new-task").trigger()
    dialog = window.parts.agenda.dialog
    dialog.accept()  # no title: said so, nothing saved
    assert dialog.problem.isVisibleTo(dialog) and tasks.tasks_of(db, job) == []
    dialog.title.setText("Write to Dana")
    dialog.timed.setChecked(True)
    dialog.accept()
    (made,) = tasks.tasks_of(db, job)
    assert made.title == "Write to Dana" and made.due_at == START.replace(hour=9)

    window.action("agenda.add-interview").trigger()
    dialog = window.parts.agenda.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("panel"))
    dialog.zone.setCurrentText("America/New_York")
    dialog.place.setText("https://meet.example/abc")
    dialog.interviewers.setPlainText("Ann Lee\nBo Chen")
    dialog.accept()
    (interview,) = interviews.interviews_of(db, job)
    assert interview.kind == "panel" and interview.time_zone == "America/New_York"
    assert interview.in_own_zone().hour == 10
    assert interview.interviewers == ("Ann Lee", "Bo Chen")
    # They are the application's contacts now, offered when the next round is added.
    window.action("agenda.add-interview").trigger()
    dialog = window.parts.agenda.dialog
    offered = [dialog.contacts.itemText(i) for i in range(1, dialog.contacts.count())]
    assert offered == ["Ann Lee", "Bo Chen"]
    dialog.contacts.activated.emit(2)
    assert dialog.interviewers.toPlainText() == "Bo Chen"
    dialog.reject()

    page = _agenda(window)
    _select(page, "Panel interview")
    menu = page.menu_for(page.selected_entry())
    texts = [a.text() for a in menu.actions()]
    assert "E&xport this interview (.ics)…" in texts
    target = tmp_path / "panel.ics"
    window.parts.agenda.export_calendar(interview_id=interview.id, target=target)
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["uid"]) == interview.uid
    assert page.model.data(page.view.currentIndex(), ITEM_ROLE).kind is ItemKind.INTERVIEW


def test_the_agenda_is_not_loaded_before_the_first_paint() -> None:
    loaded = _fresh_python(
        """
        import json, sys
        import desktop.ui.app, desktop.ui.main_window, desktop.ui.window_parts
        print(json.dumps(sorted(sys.modules)))
        """
    )
    for name in (
        "desktop.ui.agenda_page",
        "desktop.ui.agenda_watch",
        "desktop.services.agenda",
        "desktop.services.calendar_export",
        "icalendar",
    ):
        assert name not in loaded


def test_interviews_appear_in_the_applications_timeline_between_stage_changes(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    job = _posting(db, "Engineer")
    applied = pipeline.resolve_stage(db, "Applied").id
    interviewing = pipeline.resolve_stage(db, "Interviewing").id
    pipeline.move_application(db, job, applied, at=START - timedelta(days=20))
    pipeline.move_application(db, job, interviewing, at=START - timedelta(days=5))
    first = interviews.new_interview(job, "phone-screen", START - timedelta(days=10))
    interviews.add_interview(db, first)
    window = make_window()
    window.list_page.select(job)
    assert window.side.detail.findChild(QLabel, "timeline-interview-1").text() == (
        "Phone screen interview"
    )
    timeline = window.side.detail._timeline
    assert [e.stage for e in timeline][-3:] == ["Applied", "Phone screen interview", "Interviewing"]
    # A new round shows at once (the door reports it), after the last stage change.
    second = interviews.new_interview(job, "final", START + timedelta(days=1))
    window.operations.run("Add", lambda: interviews.add_interview(db, second))
    assert [e.stage for e in window.side.detail._timeline][-1] == "Final interview"


def test_the_agenda_is_read_ahead_and_a_section_reads_more_when_its_end_is_seen(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    from desktop.services.agenda import PAGE

    job = _posting(db, "Engineer")
    made = [
        tasks.new_task(
            job, f"Missed {n:02}", START.date() - timedelta(days=1 + n // 3), time_zone="UTC"
        )
        for n in range(PAGE + 20)
    ]
    tasks.add_tasks(db, made, now=START)
    _task(db, job, "Today's call", START.date())
    window = make_window()
    # After start-up, while the window is idle: the page is made and read, still hidden.
    window.parts.agenda.prepare_agenda()
    page = window.parts.agenda_page.page()
    assert window.current_page().key != "agenda" and not page.stale
    assert page.model.counts()["Overdue"] == PAGE and _rows(page, "Today") == ["Today's call"]
    # A change while it is hidden is read a moment later, not when Ctrl+3 is pressed.
    another = tasks.new_task(job, "Another call", START.date(), time_zone="Europe/Paris")
    window.operations.run("Add a task", lambda: tasks.add_task(db, another, now=START))
    assert page.stale
    qtbot.waitUntil(lambda: not page.stale, timeout=5000)
    assert _rows(page, "Today") == ["Today's call", "Another call"]  # in the order added

    page = _agenda(window)
    overdue = page.model.section_index("Overdue")
    assert page.model.rowCount(overdue) == PAGE  # a page, though a screen shows fewer
    assert page.model.data(overdue) == f"Overdue ({PAGE}+)"
    # Scrolled down to the last overdue row read: the next page is read, in the middle of
    # the agenda (Qt itself would read more only for the last section).
    page.view.scrollTo(page.model.index(PAGE - 1, 0, overdue))
    qtbot.waitUntil(lambda: page.model.rowCount(overdue) == PAGE + 20)
    assert page.model.data(overdue) == f"Overdue ({PAGE + 20})"
    assert page.summary.text() == f"{PAGE + 20} overdue · 2 today · 0 this week"
    assert _rows(page, "Today") == ["Today's call", "Another call"]  # in the order added


def test_an_interview_moves_by_keyboard_and_by_drag_with_undo(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    from desktop.ui.models.agenda_model import INTERVIEW_MIME

    job = _posting(db, "Engineer")
    start = START + timedelta(days=2, hours=4)  # Friday 14:00 in Paris
    made = interviews.new_interview(job, "technical", start, ends_at=start + timedelta(hours=1))
    interview_id = interviews.add_interview(db, made).value
    window = make_window()
    page = _agenda(window)
    _select(page, "Technical interview")
    qtbot.keyClick(page.view, Qt.Key.Key_Plus)
    moved = interviews.get_interview(db, interview_id)
    assert moved.starts_at == start + timedelta(days=1)
    assert moved.ends_at == moved.starts_at + timedelta(hours=1)
    qtbot.keyClick(page.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert interviews.get_interview(db, interview_id).starts_at == start

    # Dragged onto "Later": a week from today, still at 14:00 Paris time.
    model = page.model
    row = model.index(0, 0, model.section_index("This week"))
    assert model.flags(row) & Qt.ItemFlag.ItemIsDragEnabled
    mime = model.mimeData([row])
    assert mime.hasFormat(INTERVIEW_MIME) and not mime.hasFormat(TASK_MIME)
    later = model.section_index("Later")
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, later)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, later)
    dropped = interviews.get_interview(db, interview_id).starts_at.astimezone(PARIS)
    assert dropped == datetime.combine(START.date() + timedelta(days=7), time(14, 0), PARIS)
    assert _rows(page, "Later") == ["Technical interview"]
    window.action("window.undo").trigger()
    assert interviews.get_interview(db, interview_id).starts_at == start
    assert _rows(page, "This week") == ["Technical interview"]


def test_undo_of_an_added_interview_removes_the_contacts_made_for_it_and_redo_brings_them(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    from desktop.services import contacts

    job = _posting(db, "Engineer")
    window = make_window()
    made = interviews.new_interview(job, "panel", START, interviewers=("Bo Chen", "Ana Ruiz"))
    window.parts.agenda._save_interview(made)  # what the dialog's Save does

    def names() -> list[str]:
        return sorted(a.contact.name for a in contacts.contacts_of_posting(db, job))

    def ids() -> tuple[object, ...]:
        people = sorted(
            (a.contact.id, a.contact.name, a.role) for a in contacts.contacts_of_posting(db, job)
        )
        return tuple(people), tuple((i.id, i.uid) for i in interviews.interviews_of(db, job))

    assert names() == ["Ana Ruiz", "Bo Chen"] and len(interviews.interviews_of(db, job)) == 1
    saved = ids()
    window.action("window.undo").trigger()
    assert names() == [] and interviews.interviews_of(db, job) == []
    assert contacts.contacts_of_company(db, "Amazon") == []
    window.action("window.redo").trigger()
    assert ids() == saved  # the same interview and contacts (ids, roles), not new ones
    window.action("window.undo").trigger()
    window.action("window.redo").trigger()
    assert ids() == saved

    # Changed to add an interviewer: undo takes the new contact back, redo restores it as it was.
    (interview,) = interviews.interviews_of(db, job)
    changed = replace(interview, interviewers=(*interview.interviewers, "Cy Park"), place="Room 4")
    window.parts.agenda._save_interview(changed)
    after = ids()
    assert names() == ["Ana Ruiz", "Bo Chen", "Cy Park"]
    window.action("window.undo").trigger()
    assert ids() == saved and interviews.interviews_of(db, job)[0].place == interview.place
    window.action("window.redo").trigger()
    assert ids() == after and interviews.interviews_of(db, job)[0].place == "Room 4"


def test_a_section_whose_end_shows_without_scrolling_reads_more_by_itself(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    from desktop.services.agenda import PAGE

    job = _posting(db, "Engineer")
    made = [
        tasks.new_task(job, f"Later {n:02}", START.date() + timedelta(days=30), time_zone="UTC")
        for n in range(PAGE + 5)
    ]
    tasks.add_tasks(db, made, now=START)
    window = make_window()
    window.parts.agenda.prepare_agenda()  # read while hidden, before the view was laid out
    window.resize(1200, 2400)  # tall enough to show every row read without a scroll bar
    page = _agenda(window)
    later = page.model.section_index("Later")
    qtbot.waitUntil(lambda: page.model.rowCount(later) == PAGE + 5)


def test_a_task_given_in_another_zone_is_shown_and_moved_by_the_users_day(
    qtbot: QtBot, make_window, db: Library, clock: Clock
) -> None:
    # 07:30 on Thursday in Tokyo is 23:30 on Wednesday (START's day) in Paris.
    job = _posting(db, "Engineer")
    made = tasks.new_task(
        job, "Tokyo call", date(2026, 12, 3), at=time(7, 30), time_zone="Asia/Tokyo"
    )
    task_id = tasks.add_task(db, made, now=START).value
    window = make_window()
    window.parts.agenda.start_watch()
    model = window.list_page.model
    assert model.data(model.index(model.row_of(job), COL_TITLE), BADGE_ROLE) == "today"
    page = _agenda(window)
    assert _rows(page, "Today") == ["Tokyo call"] and _rows(page, "This week") == []
    _select(page, "Tokyo call")
    qtbot.keyClick(page.view, Qt.Key.Key_Plus)  # a day later: Thursday in Paris
    assert _rows(page, "This week") == ["Tokyo call"]
    moved = tasks.get_task(db, task_id)
    assert moved.due_at.astimezone(PARIS) == datetime(2026, 12, 3, 23, 30, tzinfo=PARIS)

    # Dropped on "Later" (a week from today in Paris): it falls on that day in Paris.
    parent = page.model.section_index("This week")
    mime = page.model.mimeData([page.model.index(0, 0, parent)])
    page.model.dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, 0, page.model.section_index("Later")
    )
    moved = tasks.get_task(db, task_id)
    assert moved.due_at.astimezone(PARIS).date() == START.date() + timedelta(days=7)
    assert moved.due_at.astimezone(ZoneInfo("Asia/Tokyo")).time() == time(7, 30)
    assert _rows(page, "Later") == ["Tokyo call"]
    assert model.data(model.index(model.row_of(job), COL_TITLE), BADGE_ROLE) is None
