"""Import from link: one or more job links fetched off the UI thread, into the import preview.

The dialog keeps the links: while they are fetched (a progress bar, Cancel), after a failure
(what happened, in words, with the links that failed left in the box to try again or to open
and paste instead), and for a link already saved (open the saved posting, or refresh it from
the source). Nothing here is saved: the drafts go to the same preview as a paste.

The fetch runs in a daemon thread, not a QThread: a site that does not answer holds its
thread for up to the 10 s timeout, and Cancel must not wait for it, nor closing the app. A
cancelled or superseded fetch's result is ignored when it comes.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.library import Library
from desktop.ui.dialogs.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from desktop.services.importing import Duplicate
    from desktop.services.link_import import LinkReport

HINT = (
    "Paste a job's web address, or several, one a line. Jobdeck reads the posting from the "
    "site's own job data (Greenhouse, Lever, Ashby, SmartRecruiters, Workable, Workday) or from "
    "the page. LinkedIn, Indeed and Glassdoor show jobs only after a login: copy the posting's "
    "text from your browser and paste it instead."
)


class _Bridge(QObject):
    """Carries the worker thread's progress and result to the UI thread (queued signals)."""

    progressed = Signal(int, int, int, str)  # run, done, total, link
    finished = Signal(int, object)  # run, LinkReport or an error message


class LinkImportDialog(QDialog):
    drafts_ready = Signal(object)  # list[ImportDraft], for the preview
    open_requested = Signal(int)  # a saved posting to show
    refresh_ready = Signal(int, object)  # saved posting id, the ImportDraft fetched anew

    def __init__(self, db: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._run = 0  # the fetch whose result is awaited; older results are ignored
        self._cancel: threading.Event | None = None
        self._saved: tuple[str, Duplicate] | None = None
        self._refreshing: int | None = None  # the saved posting a refresh is fetched for
        self.threads: list[threading.Thread] = []  # for tests: wait for them to end
        self._bridge = _Bridge(self)
        self._bridge.progressed.connect(self._progressed)
        self._bridge.finished.connect(self._finished)
        self.setObjectName("link-import-dialog")
        self.setWindowTitle("Import from link")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        fit_to_screen(self, 620, 360)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(hint)
        self.links = QPlainTextEdit()
        self.links.setObjectName("link-input")
        self.links.setPlaceholderText("https://boards.greenhouse.io/company/jobs/1234567")
        self.links.setTabChangesFocus(True)
        layout.addWidget(self.links, 1)

        self.status = QLabel()
        self.status.setObjectName("link-status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # reasons may quote a site's text
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setStyleSheet(
            "#link-status { background: #fbeaea; color: #1f1f1f; border-radius: 6px;"
            " padding: 8px; }"
        )
        self.status.hide()
        layout.addWidget(self.status)

        # What is being fetched, above the bar: a busy bar shows no text of its own.
        self.progress_label = QLabel()
        self.progress_label.setObjectName("link-progress-label")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.hide()
        layout.addWidget(self.progress_label)
        self.progress = QProgressBar()
        self.progress.setObjectName("link-progress")
        self.progress.setRange(0, 0)  # busy until the first link is done
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)

        saved_row = QHBoxLayout()
        self.open_saved = QPushButton("Open saved posting")
        self.open_saved.setObjectName("open-saved")
        self.open_saved.clicked.connect(self._open_saved)
        self.refresh = QPushButton("Refresh from source…")
        self.refresh.setObjectName("refresh-saved")
        self.refresh.clicked.connect(self._refresh_saved)
        saved_row.addStretch(1)
        saved_row.addWidget(self.open_saved)
        saved_row.addWidget(self.refresh)
        layout.addLayout(saved_row)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.fetch_button = QPushButton("Fetch")
        self.fetch_button.setObjectName("fetch-links")
        self.fetch_button.setDefault(True)
        self.fetch_button.clicked.connect(self.fetch)
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("close-or-cancel")
        self.close_button.clicked.connect(self._close_or_cancel)
        buttons.addWidget(self.fetch_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._show_saved(None)

    # -- what the user does --------------------------------------------------------------------

    def set_links(self, links: Sequence[str]) -> None:
        self.links.setPlainText("\n".join(links))

    def fetch(self, *, refresh_of: int | None = None) -> None:
        """Fetch the links in the box (or refetch the saved one, for ``refresh_of``)."""
        from desktop.importers.job_links import links_in

        text = self.links.toPlainText()
        links = links_in(text)
        if not links:
            self._say(
                "Nothing to fetch: enter a job's http or https link, one a line."
                if not text.strip()
                else "Only http and https links can be fetched, one a line; for a posting's "
                "text, close this and paste it into the window."
            )
            return
        self._refreshing = refresh_of
        self._start(links, refresh=refresh_of is not None)

    def cancel(self) -> None:
        """Stop waiting at once; the thread ends by itself (within the timeout) unheard."""
        if self._cancel is not None:
            self._cancel.set()
        self._run += 1
        self._idle()
        self._say("Stopped. Nothing was fetched; the links are kept to try again.")

    def is_fetching(self) -> bool:
        return self._cancel is not None

    def _close_or_cancel(self) -> None:
        if self.is_fetching():
            self.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self._run += 1
        super().reject()

    def _open_saved(self) -> None:
        if self._saved is not None:
            self.open_requested.emit(self._saved[1].posting_id)
            self.accept()

    def _refresh_saved(self) -> None:
        if self._saved is not None:
            self.set_links([self._saved[0]])
            self.fetch(refresh_of=self._saved[1].posting_id)

    # -- the fetch -----------------------------------------------------------------------------

    def _start(self, links: list[str], *, refresh: bool) -> None:
        from desktop.services import link_import

        self._run += 1
        run, cancel, db = self._run, threading.Event(), self._db
        self._cancel = cancel
        bridge = self._bridge

        def work() -> None:
            def progress(done: int, total: int, link: str) -> None:
                _emit(bridge.progressed, run, done, total, link)

            try:
                result: object = link_import.read_links(
                    db, links, progress, cancel, refresh=refresh
                )
            except Exception as error:  # shown in the dialog, never lost in the thread
                result = f"{type(error).__name__}: {error}"
            _emit(bridge.finished, run, result)

        self._show_saved(None)
        self.status.hide()
        self.links.setReadOnly(True)
        self.fetch_button.setEnabled(False)
        self.close_button.setText("Cancel")
        self.progress.setRange(0, 0)
        self.progress_label.setText(f"Fetching {links[0]}")
        self.progress_label.show()
        self.progress.show()
        thread = threading.Thread(target=work, name="jobdeck-link-fetch", daemon=True)
        self.threads = [t for t in self.threads if t.is_alive()] + [thread]
        thread.start()

    def _progressed(self, run: int, done: int, total: int, link: str) -> None:
        if run != self._run or not link:
            return
        if total > 1:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.progress_label.setText(
            f"Fetching {done + 1:,} of {total:,}: {link}" if total > 1 else f"Fetching {link}"
        )

    def _finished(self, run: int, result: object) -> None:
        if run != self._run:
            return  # cancelled, or a newer fetch is under way
        self._idle()
        if isinstance(result, str):
            self._say(f"The links could not be fetched: {result}")
            return
        report: LinkReport = result  # type: ignore[assignment]
        lines = [f"• {refused.reason}" for refused in report.refusals]
        failed = [refused.link for refused in report.refusals]
        if report.already_saved:
            for link, saved in report.already_saved:
                lines.append(
                    f"• {link}: already saved as “{saved.title}”"
                    f"{f' at {saved.company}' if saved.company else ''} (#{saved.posting_id})"
                )
            if len(report.already_saved) == 1:
                self._show_saved(report.already_saved[0])
            failed += [link for link, _ in report.already_saved]
        if report.cancelled:
            lines.append("Stopped: the links not fetched yet are kept.")
        self.set_links(failed)
        if lines:
            self._say("\n".join(lines))
        if self._refreshing is not None and report.drafts:
            self.refresh_ready.emit(self._refreshing, report.drafts[0])
            self.accept()
            return
        if report.drafts:
            self.drafts_ready.emit(report.drafts)
            if not lines:
                self.accept()

    def _idle(self) -> None:
        self._cancel = None
        self.links.setReadOnly(False)
        self.fetch_button.setEnabled(True)
        self.close_button.setText("Close")
        self.progress.hide()
        self.progress_label.hide()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def _show_saved(self, saved: tuple[str, Duplicate] | None) -> None:
        self._saved = saved
        self.open_saved.setVisible(saved is not None)
        self.refresh.setVisible(saved is not None)


def _emit(signal: object, *args: object) -> None:
    # RuntimeError: the dialog was closed and deleted meanwhile; nobody is waiting.
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)  # type: ignore[attr-defined]
