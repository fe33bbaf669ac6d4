"""The contact form: a person's name, company, role/title, e-mail, phone, profile link and note;
for a new contact of an application, also their role in it.

It saves through a callback the opener gives (which runs the service through the door); what
the service refuses is shown in the form, naming the field, and everything typed is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.contacts import ROLES, ContactFields

# save(fields, role or None, done) -> None; calls done(error or None) when the door is through.
Save = Callable[[ContactFields, str | None, Callable[[object | None], None]], None]


class ContactForm(QDialog):
    def __init__(
        self,
        parent: QWidget,
        title: str,
        fields: ContactFields,
        save: Save,
        *,
        ask_role: bool = False,
        role: str = "recruiter",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contact-form")
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self._save = save
        self.name = self._line(fields.name, "Full name")
        self.company = self._line(fields.company, "The company they work for")
        self.title_field = self._line(fields.title, "e.g. Technical Recruiter")
        self.email = self._line(fields.email, "name@company.com")
        self.phone = self._line(fields.phone, "+1 206 555 0100")
        self.link = self._line(fields.link, "https://www.linkedin.com/in/…")
        self.note = QPlainTextEdit(fields.note or "")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Company", self.company)
        form.addRow("Role/&title", self.title_field)
        form.addRow("&E-mail", self.email)
        form.addRow("&Phone", self.phone)
        form.addRow("Profile &link", self.link)
        form.addRow("N&ote", self.note)
        self.role: QComboBox | None = None
        if ask_role:
            self.role = QComboBox()
            self.role.setObjectName("contact-role")
            self.role.addItems(ROLES)
            self.role.setCurrentText(role)
            form.addRow("In this &application", self.role)
        self.error = QLabel()
        self.error.setObjectName("contact-error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.finished.connect(self.deleteLater)

    @staticmethod
    def _line(value: str | None, placeholder: str) -> QLineEdit:
        line = QLineEdit(value or "")
        line.setPlaceholderText(placeholder)
        return line

    def fields(self) -> ContactFields:
        return ContactFields(
            name=self.name.text(),
            company=self.company.text(),
            title=self.title_field.text() or None,
            email=self.email.text() or None,
            phone=self.phone.text() or None,
            link=self.link.text() or None,
            note=self.note.toPlainText() or None,
        )

    def save(self) -> None:
        role = self.role.currentText() if self.role is not None else None
        self._save(self.fields(), role, self._done)

    def _done(self, error: object | None) -> None:
        if error is None:
            self.accept()
        else:
            self.error.setText(str(error))
            self.error.show()
