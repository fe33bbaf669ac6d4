"""File > Application log…: the dated record of a period's applications, as a printable PDF
(opened once written) or as a CSV table, limited to a stage or a search too.

Made when first asked for, never before the window's first paint.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.printing import pdf
from desktop.services import application_log, application_log_report, export, stages
from desktop.services.errors import ServiceError
from desktop.services.library import Library
from desktop.ui.dialogs import messages

NAME_KEY = "application_log/name"  # the user's name, printed in the header, asked once


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ApplicationLogDialog(QDialog):
    """Emits ``written(path)`` after a file is written."""

    written = Signal(object)

    def __init__(
        self, db: Library, settings: QSettings, search: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self.open_file = QDesktopServices.openUrl  # tests put a recorder here
        self.setObjectName("application-log")
        self.setWindowTitle("Application log")
        self.setMinimumWidth(460)
        today = date.today()
        self.start = QDateEdit(_qdate((today.replace(day=1) - timedelta(days=62)).replace(day=1)))
        self.end = QDateEdit(_qdate(today))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.stage = QComboBox()
        self.stage.addItem("Any stage", None)
        for info in stages.list_stages(db):
            self.stage.addItem(info.name, info.name)
        self.search = QLineEdit(search)
        self.search.setPlaceholderText("Every application")
        self.name = QLineEdit(str(settings.value(NAME_KEY, "") or ""))
        self.name.setPlaceholderText("Printed in the header")
        form = QFormLayout()
        form.addRow("From (applied on)", self.start)
        form.addRow("To", self.end)
        form.addRow("Stage now", self.stage)
        form.addRow("Matching", self.search)
        form.addRow("Your name", self.name)
        note = QLabel(
            "One row per application sent in the period: its date, company, position, where it "
            "was applied, its stage now and the dated trail of stages."
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.pdf_button = QPushButton("Save PDF…")
        self.csv_button = QPushButton("Export CSV…")
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.csv_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.pdf_button.setDefault(True)
        self.pdf_button.clicked.connect(self._choose_pdf)
        self.csv_button.clicked.connect(self._choose_csv)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def which(self) -> application_log.LogFilter:
        return application_log.LogFilter(
            _day(self.start.date()),
            _day(self.end.date()),
            self.stage.currentData(),
            self.search.text().strip(),
        )

    def _checked_period(self) -> bool:
        if self.start.date() > self.end.date():
            messages.show_error(self, "No such period", "The period ends before it starts.")
            return False
        return True

    def _choose_pdf(self) -> None:
        if not self._checked_period():
            return
        which = self.which()
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the application log", f"applications-{which.start}-{which.end}.pdf",
            "PDF (*.pdf)",
        )  # fmt: skip
        if path:
            self.write_pdf(Path(path))

    def _choose_csv(self) -> None:
        if not self._checked_period():
            return
        which = self.which()
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the applications", f"applications-{which.start}-{which.end}.csv",
            "CSV (*.csv)",
        )  # fmt: skip
        if path:
            self.write_csv(Path(path))

    def write_pdf(self, path: Path) -> int | None:
        """Write the log of the period to ``path`` and open it; the number of applications."""
        name = self.name.text().strip()
        self._settings.setValue(NAME_KEY, name)
        which = self.which()
        try:
            count = application_log_report.write_log(self._db, which, path, name, pdf.render_pdf)
        except ServiceError as error:
            messages.show_error(self, "The log was not saved", str(error))
            return None
        self.written.emit(path)
        self.open_file(QUrl.fromLocalFile(str(path)))
        return count

    def write_csv(self, path: Path) -> int | None:
        try:
            count = export.export_to_file(self._db, path, as_csv=True, which=self.which())
        except ServiceError as error:
            messages.show_error(self, "Export failed", str(error))
            return None
        self.written.emit(path)
        return count
