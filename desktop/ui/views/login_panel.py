"""The application portal login of one posting: URL, username, and a password kept in the keyring.

Keyring calls can block for seconds (an unlock prompt), so every service call that may reach the
keyring runs on a thread pool; the worker only calls the service and hands the outcome back by a
queued signal, and widgets are touched on the UI thread alone. desktop.secrets bounds each call
with a time limit, so a worker always comes back. When the keyring cannot be used, the message
appears under the password field, nothing is saved, and "Save without password" saves the rest.
Unsaved edits are never dropped silently: before another posting is shown or the window closes,
``leave_or_ask`` asks (Save, Discard, Cancel), as the posting form does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import logins
from desktop.services.changes import Changes
from desktop.services.errors import ServiceError
from desktop.services.library import Library
from desktop.ui.dialogs import messages
from desktop.ui.views.password_clipboard import CLIPBOARD_CLEAR_MS, PasswordClipboard
from desktop.ui.views.pool_jobs import PoolJobs

log = logging.getLogger(__name__)

EXPECTED_ERRORS = (logins.SecretStoreUnavailable, ServiceError)


class LoginPanel(QGroupBox):
    changed = Signal(object)  # Changes, after a save or a delete
    job_finished = Signal(str)  # "save", "show", "copy" or "delete", once the UI has caught up
    clipboard_cleared = Signal()

    def __init__(
        self,
        db: Library,
        parent: QWidget | None = None,
        *,
        clipboard_clear_ms: int = CLIPBOARD_CLEAR_MS,
    ) -> None:
        super().__init__("Application portal login", parent)
        self.setObjectName("login-panel")
        self._db = db
        self._posting_id: int | None = None
        self._login: logins.LoginDetails | None = None
        self._generation = 0  # results of jobs for an earlier posting are dropped
        self._busy = False
        self._typed = False  # the password field holds what the user typed, not a reveal
        self._on_saved: Callable[[], None] | None = None  # what waits for a save to succeed
        self._on_save_failed: Callable[[], None] | None = None
        self.asking: QMessageBox | None = None  # the Save/Discard/Cancel question, when open
        self._saving_password = False
        self.jobs = PoolJobs(self)  # keyring calls, off the UI thread
        self.jobs.done.connect(self._job_done)
        self.clipboard = PasswordClipboard(self, clipboard_clear_ms)
        self.clipboard.cleared.connect(self.clipboard_cleared)
        self._build()
        self.show_posting(None)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.url = QLineEdit(placeholderText="https://…/login")
        self.url.setObjectName("login-url")
        self.username = QLineEdit(placeholderText="User name or email")
        self.username.setObjectName("login-username")
        self.password = QLineEdit()
        self.password.setObjectName("login-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.textEdited.connect(self._password_edited)
        self.show_button = QPushButton("Show", checkable=True)
        self.show_button.toggled.connect(self._show_toggled)
        self.copy_button = QPushButton("Copy")
        self.copy_button.clicked.connect(self.copy_password)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.show_button)
        password_row.addWidget(self.copy_button)
        # Right under the password: where the user looks when saving it did not work.
        self.status = QLabel()
        self.status.setObjectName("login-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.hide()
        # Offered when the keyring could not take the password: the rest can still be saved.
        self.save_without_password_button = QPushButton("Save without password")
        self.save_without_password_button.setObjectName("login-save-without-password")
        self.save_without_password_button.clicked.connect(self.save_without_password)
        self.save_without_password_button.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.save_without_password_button, 0, Qt.AlignmentFlag.AlignTop)

        self.save_button = QPushButton("Save login")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton("Delete login")
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)

        form = QFormLayout()
        form.addRow("Portal", self.url)
        form.addRow("Username", self.username)
        form.addRow("Password", password_row)
        form.addRow("", status_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)

    # -- showing a posting -----------------------------------------------------------------

    @property
    def posting_id(self) -> int | None:
        return self._posting_id

    def has_unsaved_edits(self) -> bool:
        """True when the fields hold something not saved: a changed URL or username, or a
        typed password."""
        if self._posting_id is None:
            return False
        url, username = (self._login.url, self._login.username) if self._login else ("", "")
        typed = self._typed and bool(self.password.text())
        return typed or self.url.text() != url or self.username.text() != username

    def leave_or_ask(self, leave: Callable[[], None], stay: Callable[[], None]) -> bool:
        """Before the posting shown is left (another selected, the window closed): False when
        there is nothing unsaved (the caller goes on). Otherwise True, and asks: Save runs
        ``leave`` once saved (``stay`` if saving fails: the message says why, the edits stay),
        Discard forgets the edits and runs ``leave``, Cancel runs ``stay``."""
        if not self.has_unsaved_edits():
            return False
        if self.asking is not None:
            return True  # already asking

        def discard() -> None:
            self.show_posting(self._posting_id, keep_edits=False)
            leave()

        def save() -> None:
            self.save(on_saved=leave, on_failed=stay)

        self.asking = messages.ask_to_save(
            self,
            "Save the portal login?",
            "You changed this posting's portal login and have not saved it. "
            "Save it before you go on?",
            save,
            discard,
            stay,
        )
        self.asking.finished.connect(self._asked)
        return True

    def _asked(self) -> None:
        self.asking = None

    def show_posting(self, posting_id: int | None, *, keep_edits: bool = True) -> None:
        """Show the login of ``posting_id`` (None: nothing selected). Reads no keyring. The
        posting shown again (its stage moved, say) keeps what is typed into its fields, unless
        ``keep_edits`` is False."""
        same = posting_id is not None and posting_id == self._posting_id
        if same and keep_edits and self.has_unsaved_edits():
            return
        self._generation += 1
        self._on_saved = self._on_save_failed = None
        self._busy = False
        if posting_id != self._posting_id:
            self._set_status("")
        self._posting_id = posting_id
        self._login = None
        if posting_id is not None:
            try:
                self._login = logins.get_login(self._db, posting_id)
            except logins.UnknownPosting:
                self._posting_id = None
        self.url.setText(self._login.url if self._login else "")
        self.username.setText(self._login.username if self._login else "")
        self._forget_password_text()
        self._update_controls()

    def _forget_password_text(self) -> None:
        self.password.clear()
        self._typed = False
        self.show_button.blockSignals(True)
        self.show_button.setChecked(False)
        self.show_button.blockSignals(False)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        stored = self._login is not None and self._login.has_password
        self.password.setPlaceholderText(
            "Stored in the system keyring (type to replace)" if stored else "Password"
        )

    def _update_controls(self) -> None:
        ready = self._posting_id is not None and not self._busy
        for widget in (self.url, self.username, self.password, self.save_button):
            widget.setEnabled(ready)
        has_secret = bool(self.password.text()) or bool(self._login and self._login.has_password)
        self.show_button.setEnabled(ready and has_secret)
        self.copy_button.setEnabled(ready and has_secret)
        self.delete_button.setEnabled(ready and self._login is not None)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.save_without_password_button.hide()
        self.status.setText(text)
        self.status.setStyleSheet("QLabel { color: #b3261e; }" if error else "")
        self.status.setVisible(bool(text))

    def _password_edited(self, _text: str) -> None:
        self._typed = True
        self._update_controls()

    # -- commands --------------------------------------------------------------------------

    def save(
        self,
        *,
        on_saved: Callable[[], None] | None = None,
        on_failed: Callable[[], None] | None = None,
        with_password: bool = True,
    ) -> None:
        """Save the fields (the password into the keyring); then ``on_saved``, or ``on_failed``
        when it could not be saved. Without ``with_password``, a typed password is left out."""
        posting_id = self._posting_id
        if posting_id is None or self._busy:
            return
        self._on_saved, self._on_save_failed = on_saved, on_failed
        db = self._db
        password = self.password.text() if self._typed and with_password else None
        self._saving_password = bool(password)
        url, username = self.url.text(), self.username.text()

        def work() -> logins.LoginDetails | None:
            logins.set_login(db, posting_id, url=url, username=username, password=password)
            return logins.get_login(db, posting_id)

        self._run("save", work)

    def save_without_password(self) -> None:
        """Save the URL and username alone: the password typed is not stored anywhere."""
        self.save(on_saved=self._on_saved, on_failed=self._on_save_failed, with_password=False)

    def delete(self) -> None:
        posting_id = self._posting_id
        if posting_id is None or self._busy or self._login is None:
            return
        db = self._db
        messages.confirm(
            self,
            "Delete login?",
            "Delete this posting's portal login? Its password is removed from the system keyring.",
            "Delete",
            lambda: self._run("delete", lambda: logins.delete_login(db, posting_id)),
        )

    def copy_password(self) -> None:
        if self._typed and self.password.text():
            self._copy(self.password.text())
            self.job_finished.emit("copy")
        elif self._posting_id is not None and self._login and self._login.has_password:
            self._reveal("copy")

    def _show_toggled(self, shown: bool) -> None:
        if not shown:
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            if not self._typed:
                self.password.clear()  # a revealed password does not stay in the widget
            return
        if self._typed or not (self._login and self._login.has_password):
            self.password.setEchoMode(QLineEdit.EchoMode.Normal)
            self.job_finished.emit("show")
        else:
            self._reveal("show")

    def _reveal(self, op: str) -> None:
        posting_id, db = self._posting_id, self._db
        if posting_id is not None:
            self._run(op, lambda: logins.reveal_password(db, posting_id))

    def _copy(self, password: str) -> None:
        seconds = self.clipboard.copy(password)
        self._set_status(f"Password copied. It will be cleared from the clipboard in {seconds} s.")

    def clear_copied_password(self) -> None:
        """Empty the clipboard if it still holds the password this panel put there."""
        self.clipboard.clear()

    # -- running keyring work off the UI thread --------------------------------------------

    def _run(self, op: str, work: Callable[[], Any]) -> None:
        self._busy = True
        self._update_controls()
        self.jobs.run((self._generation, op), work)

    def _job_done(self, tag: tuple[int, str], value: object, error: object) -> None:
        generation, op = tag
        if generation != self._generation:
            return  # the user moved on to another posting meanwhile
        self._busy = False
        if error is not None:
            self._job_failed(op, error)
        else:
            self._job_succeeded(op, value)
        self._update_controls()
        self.job_finished.emit(op)

    def _job_succeeded(self, op: str, value: Any) -> None:
        if op == "save":
            saved_password = self._saving_password
            self._login = value
            self.url.setText(value.url if value else "")  # as stored (spaces trimmed ...)
            self.username.setText(value.username if value else "")
            self._forget_password_text()
            self._set_status(
                "Saved. The password is in the system keyring." if saved_password else "Saved."
            )
            self.changed.emit(Changes(logins=frozenset({self._posting_id})))
            then, self._on_saved, self._on_save_failed = self._on_saved, None, None
            if then is not None:
                then()
        elif op == "delete":
            self.show_posting(self._posting_id, keep_edits=False)
            self._set_status("Login deleted.")
            self.changed.emit(value)
        elif op == "show":
            self.password.setText(value)
            self.password.setEchoMode(QLineEdit.EchoMode.Normal)
        elif op == "copy":
            self._copy(value)

    def _job_failed(self, op: str, error: object) -> None:
        if op == "show":
            self.show_button.blockSignals(True)
            self.show_button.setChecked(False)
            self.show_button.blockSignals(False)
        if isinstance(error, EXPECTED_ERRORS):
            text = str(error)
        else:
            log.error("Portal login %s failed", op, exc_info=error)  # type: ignore[arg-type]
            text = f"Something went wrong ({type(error).__name__})."
        offer = False
        if op == "save":
            offer = self._typed and bool(self.password.text())
            text += (
                " Nothing was saved. The password was not stored anywhere."
                if offer
                else " Nothing was saved."
            )
        self._set_status(text, error=True)
        # The keyring could not take the password: the URL and username can still be kept.
        self.save_without_password_button.setVisible(offer)
        if op == "save":
            then, self._on_saved, self._on_save_failed = self._on_save_failed, None, None
            if then is not None:
                then()
