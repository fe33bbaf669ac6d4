"""Dialogs of the agenda: a new task, an interview round (new or changed), the settings.

Each is opened with ``open()`` and reports what was chosen by a signal, so tests drive them
as a user would; the caller runs the operation through the door.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.agenda import INTERVIEW_KINDS, AgendaSettings, Interview
from desktop.core.zones import UnknownZone, name_of, zone_named

COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class TaskDialog(QDialog):
    """A new task: what, when (a day, and a time if wanted), about the application or not."""

    chosen = Signal(object, str, object, object)  # posting id or None, title, date, time|None

    def __init__(
        self, application: tuple[int, str] | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("task-dialog")
        self.setWindowTitle("New task")
        self.title = QLineEdit()
        self.title.setObjectName("task-title")
        self.title.setPlaceholderText("Follow up with the recruiter")
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.timed = QCheckBox("at")
        self.at = QTimeEdit(QTime(9, 0))
        self.at.setDisplayFormat("HH:mm")
        self.at.setEnabled(False)
        self.timed.toggled.connect(self.at.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.day, 1)
        when.addWidget(self.timed)
        when.addWidget(self.at)
        self.about = QCheckBox(application[1] if application else "")
        self.about.setChecked(application is not None)
        self.about.setVisible(application is not None)
        self._posting_id = application[0] if application else None
        self.problem = QLabel()
        self.problem.setObjectName("task-problem")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("&What", self.title)
        form.addRow("&Due", when)
        if application is not None:
            form.addRow("About", self.about)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self))
        self.resize(440, self.sizeHint().height())

    def accept(self) -> None:
        if not self.title.text().strip():
            self.problem.setText("Say what is to be done.")
            self.problem.show()
            self.title.setFocus()
            return
        chosen = self.day.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        at = None
        if self.timed.isChecked():
            t = self.at.time()
            at = time(t.hour(), t.minute())
        posting_id = self._posting_id if self.about.isChecked() else None
        self.chosen.emit(posting_id, self.title.text(), day, at)
        super().accept()


class InterviewDialog(QDialog):
    """An interview round: kind, start and end in a zone, place or link, interviewers, notes,
    and (afterwards) the outcome."""

    chosen = Signal(object)  # the Interview (id 0 for a new one)

    def __init__(
        self,
        interview: Interview,
        application: str,
        local: tzinfo,
        parent: QWidget | None = None,
        *,
        contacts: Sequence[str] = (),
    ) -> None:
        """``contacts``: names of the application's (and its company's) contacts, offered as
        interviewers."""
        super().__init__(parent)
        self.setObjectName("interview-dialog")
        self.setWindowTitle("Interview" if interview.id else "New interview")
        self._interview = interview
        self.kind = QComboBox()
        self.kind.setObjectName("interview-kind")
        for key, title in INTERVIEW_KINDS.items():
            self.kind.addItem(title, key)
        self.kind.setCurrentIndex(list(INTERVIEW_KINDS).index(interview.kind))
        self.zone = QComboBox()
        self.zone.setObjectName("interview-zone")
        self.zone.setEditable(True)
        names = list(dict.fromkeys([interview.time_zone, name_of(local), *COMMON_ZONES]))
        self.zone.addItems(names)
        self.zone.setCurrentText(interview.time_zone)
        start = interview.in_own_zone()
        self.start = QDateTimeEdit(_qt_datetime(start))
        self.start.setObjectName("interview-start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy HH:mm")
        length = (
            int((interview.ends_at - interview.starts_at).total_seconds() // 60)
            if interview.ends_at
            else 60
        )
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(length)
        self.place = QLineEdit(interview.place)
        self.place.setObjectName("interview-place")
        self.place.setPlaceholderText("An address, or a video link")
        self.interviewers = QPlainTextEdit("\n".join(interview.interviewers))
        self.interviewers.setObjectName("interview-interviewers")
        self.interviewers.setPlaceholderText("One name a line")
        self.interviewers.setFixedHeight(60)
        self.contacts = QComboBox()
        self.contacts.setObjectName("interview-contacts")
        self.contacts.addItem("Add one of the application's contacts…")
        self.contacts.addItems(list(contacts))
        self.contacts.setVisible(bool(contacts))
        self.contacts.activated.connect(self._add_contact)
        self.prep = QPlainTextEdit(interview.prep_notes)
        self.prep.setObjectName("interview-prep")
        self.prep.setFixedHeight(80)
        self.outcome = QLineEdit(interview.outcome)
        self.outcome.setObjectName("interview-outcome")
        self.problem = QLabel()
        self.problem.setObjectName("interview-problem")
        self.problem.hide()
        form = QFormLayout()
        if application:
            form.addRow("Application", QLabel(application))
        form.addRow("&Kind", self.kind)
        form.addRow("&Starts", self.start)
        form.addRow("Time &zone", self.zone)
        form.addRow("&Length", self.minutes)
        form.addRow("&Where", self.place)
        form.addRow("&Interviewers", self.interviewers)
        if contacts:
            form.addRow("", self.contacts)
        form.addRow("&Preparation", self.prep)
        form.addRow("&Outcome", self.outcome)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self))
        self.resize(480, self.sizeHint().height())

    def _add_contact(self, index: int) -> None:
        if index <= 0:
            return
        name = self.contacts.itemText(index)
        names = [line.strip() for line in self.interviewers.toPlainText().splitlines()]
        if name not in names:
            self.interviewers.setPlainText("\n".join([*(n for n in names if n), name]))
        self.contacts.setCurrentIndex(0)

    def accept(self) -> None:
        zone_name = self.zone.currentText().strip()
        try:
            zone = zone_named(zone_name)
        except UnknownZone as error:
            self.problem.setText(f"{error}.")
            self.problem.show()
            return
        chosen = self.start.dateTime()
        d, t = chosen.date(), chosen.time()
        start = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone)
        minutes = self.minutes.value()
        people = tuple(
            line.strip() for line in self.interviewers.toPlainText().splitlines() if line.strip()
        )
        self.chosen.emit(
            Interview(
                self._interview.id,
                self._interview.posting_id,
                self.kind.currentData(),
                start,
                start + timedelta(minutes=minutes) if minutes else None,
                zone_name,
                self.place.text().strip(),
                people,
                self.prep.toPlainText(),
                self.outcome.text().strip(),
                self._interview.uid,
            )
        )
        super().accept()


class AgendaSettingsDialog(QDialog):
    chosen = Signal(object)  # AgendaSettings

    def __init__(self, settings: AgendaSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda-settings-dialog")
        self.setWindowTitle("Agenda settings")
        self.reminders = QCheckBox("Remind me of what falls due (desktop notifications)")
        self.reminders.setChecked(settings.reminders)
        self.lead = _spin(settings.interview_lead_minutes, 0, 24 * 60, " minutes before")
        self.suggestions = QCheckBox("Suggest follow-ups")
        self.suggestions.setChecked(settings.suggestions)
        self.follow_up = _spin(settings.follow_up_days, 1, 365, " days after Applied")
        self.thank_you = QCheckBox("Suggest a thank-you note the day after an interview")
        self.thank_you.setChecked(settings.thank_you)
        self.ghosted = _spin(settings.ghosted_days, 1, 365, " days of silence")
        form = QFormLayout()
        form.addRow(self.reminders)
        form.addRow("Interviews: remind", self.lead)
        form.addRow(self.suggestions)
        form.addRow("Follow up", self.follow_up)
        form.addRow(self.thank_you)
        form.addRow("Suggest Ghosted after", self.ghosted)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def accept(self) -> None:
        self.chosen.emit(
            AgendaSettings(
                reminders=self.reminders.isChecked(),
                interview_lead_minutes=self.lead.value(),
                suggestions=self.suggestions.isChecked(),
                follow_up_days=self.follow_up.value(),
                thank_you=self.thank_you.isChecked(),
                ghosted_days=self.ghosted.value(),
            )
        )
        super().accept()


def _spin(value: int, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


def _qt_datetime(value: datetime) -> QDateTime:
    """The wall time of ``value`` as a QDateTime the editor shows unchanged (UTC, so no
    daylight-saving gap of the machine's zone moves it); the dialog's zone is chosen beside."""
    return QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute), QTimeZone.utc()
    )
