"""Paste, drop and File > Import: from input to the preview to saved postings.

Reading many files and saving many postings run in the background with a progress dialog;
inputs that cannot be imported are listed with their reasons, and nothing is half-saved.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QSettings, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.deferred_import import deferred
from desktop.importers import ImportRefused
from desktop.services.library import Library
from desktop.ui.background import BackgroundJob
from desktop.ui.dialogs import messages
from desktop.ui.file_folders import last_folder, remember_folder

# Dialogs are imported when first opened: PySide makes a Qt class's enums when the class is
# first used, and the window's start need not pay for the dialogs' classes.
if TYPE_CHECKING:
    from desktop.core.agenda import Task
    from desktop.services import importing, tracker_import
    from desktop.ui.dialogs.import_preview import ImportPreview
    from desktop.ui.dialogs.link_import import LinkImportDialog
    from desktop.ui.tracker_import_flow import TrackerImportFlow
else:  # the readers and the save path: loaded after the first paint, before the first import
    importing = deferred("desktop.services.importing")
    tracker_import = deferred("desktop.services.tracker_import")

FORM_TEXT_LIMIT = 1_000_000  # characters: more is no posting to type a title over
IMPORT_FILTER = (
    "Postings and spreadsheets (*.txt *.html *.htm *.json *.md *.csv *.tsv *.xlsx);;"
    "Spreadsheets and tracker exports (*.csv *.tsv *.xlsx *.md);;All files (*)"
)


def _payload(mime: QMimeData) -> str | None:
    html = mime.html() if mime.hasHtml() else None
    text = mime.text() if mime.hasText() else None
    return importing.clipboard_payload(html, text)


def local_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def web_links(mime: QMimeData) -> list[str]:
    """The http(s) links of a drop or a paste made only of links (a link dragged from a
    browser's address bar or a page, several copied one a line), else []."""
    from desktop.importers.job_links import links_in

    dropped = [url.toString() for url in mime.urls() if url.scheme() in ("http", "https")]
    if dropped:
        return dropped
    text = mime.text() if mime.hasText() else ""
    return (links_in(text) or []) if "://" in text[:2000] else []


def can_import(mime: QMimeData) -> bool:
    return bool(local_files(mime)) or mime.hasText() or mime.hasHtml() or bool(web_links(mime))


class ImportFlow(QObject):
    """Owns the preview and background jobs of imports started from ``window``."""

    changes = Signal(object)  # Changes, whenever postings were saved
    open_requested = Signal(int)  # a saved posting to show (a link already saved)
    refresh_wanted = Signal(int, object)  # saved posting id, its ImportDraft fetched anew
    preview_opened = Signal(object)  # ImportPreview, for tests and the window
    form_requested = Signal(str)  # text to start a New posting form with

    def __init__(self, db: Library, window: QWidget, settings: QSettings | None = None) -> None:
        super().__init__(window)
        self._db = db
        self._window = window
        self._settings = settings  # remembers the folder files were imported from
        self.preview: ImportPreview | None = None
        self.job: BackgroundJob | None = None
        self.trackers: TrackerImportFlow | None = None  # spreadsheets: made on the first one
        self.link_dialog: LinkImportDialog | None = None

    # -- entry points --------------------------------------------------------------------------

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not can_import(mime):
            holds = "an image" if mime is not None and mime.hasImage() else "nothing"
            messages.show_info(
                self._window,
                "Nothing to paste",
                f"The clipboard holds {holds}, not text. Copy the posting's text (or select "
                "all on its page and copy), then paste again.",
            )
            return
        self.import_mime(mime, "clipboard")

    def import_mime(self, mime: QMimeData, source: str) -> None:
        files = local_files(mime)
        if files:
            self.import_files(files)
            return
        links = web_links(mime)
        if links:
            self.import_links(links, fetch=True)
            return
        payload = _payload(mime)
        if payload is None:
            return
        try:
            drafts = importing.read_input(self._db, payload, source)
        except ImportRefused as refused:
            self._offer_form(payload, refused.reason)
            return
        self._open_preview(drafts)

    def _offer_form(self, text: str, reason: str) -> None:
        """Text that does not read as a posting: the user may still know it is one."""
        if len(text) > FORM_TEXT_LIMIT:  # too large for a form: only the reason
            messages.show_error(self._window, "Nothing imported", reason)
            return
        messages.confirm(
            self._window,
            "Not a posting?",
            f"This does not look like a job posting ({reason}). Open the New posting form "
            "with the text in it, to fill in the title and company yourself?",
            "Open New posting",
            lambda: self.form_requested.emit(text),
            destructive=False,
        )

    def choose_files(self) -> None:
        start = last_folder(self._settings, "import") if self._settings else Path.home()
        names, _ = QFileDialog.getOpenFileNames(
            self._window, "Import postings", str(start), IMPORT_FILTER
        )
        if names:
            if self._settings is not None:
                remember_folder(self._settings, "import", Path(names[0]))
            self.import_files([Path(name) for name in names])

    def import_links(self, links: list[str] | None = None, *, fetch: bool = False) -> None:
        """Open Import from link (File menu: empty; a pasted or dropped link: filled and
        fetching at once). The network is used only here, and only when the user asks."""
        from desktop.ui.dialogs.link_import import LinkImportDialog

        dialog = self.link_dialog
        if dialog is None:
            dialog = LinkImportDialog(self._db, self._window)
            dialog.drafts_ready.connect(self._open_preview)
            dialog.open_requested.connect(self.open_requested.emit)
            dialog.refresh_ready.connect(self.refresh_wanted.emit)
            dialog.finished.connect(self._link_dialog_closed)
            self.link_dialog = dialog
        if links and not dialog.is_fetching():
            dialog.set_links(links)
        dialog.open()
        if links and fetch and not dialog.is_fetching():
            dialog.fetch()

    def _link_dialog_closed(self) -> None:
        if self.link_dialog is not None:
            self.link_dialog.deleteLater()
            self.link_dialog = None

    def import_files(self, paths: list[Path]) -> None:
        if self.job is not None:
            return  # one import at a time
        tables = [path for path in paths if tracker_import.is_table_file(path)]
        if tables:  # a spreadsheet or tracker export: its column mapping first
            self._import_tables(tables)
            paths = [path for path in paths if path not in tables]
            if not paths:
                return
        work = partial(importing.read_files, self._db, paths)
        self._start_job(f"Reading {len(paths):,} file(s)", work, self._files_read)

    def _import_tables(self, paths: list[Path]) -> None:
        if self.trackers is None:
            from desktop.ui.tracker_import_flow import TrackerImportFlow

            self.trackers = TrackerImportFlow(self._db, self._window)
            self.trackers.changes.connect(self.changes.emit)
        self.trackers.start(paths)

    # -- steps ---------------------------------------------------------------------------------

    def _start_job(self, title: str, work: object, on_done: object) -> None:
        job = BackgroundJob(title, work, self._window)  # type: ignore[arg-type]
        job.finished.connect(on_done)
        job.failed.connect(self._job_failed)
        job.destroyed.connect(self._job_gone)
        self.job = job
        job.start()

    def _job_gone(self) -> None:
        self.job = None

    def _job_failed(self, message: str) -> None:
        self.job = None
        messages.show_error(self._window, "Import stopped", message)

    def _files_read(self, report: importing.ReadReport) -> None:
        self.job = None
        if report.refusals:
            messages.show_error(
                self._window,
                "Some files were not imported",
                "\n".join(f"• {reason}" for reason in report.refusals),
            )
        if report.free_tasks and not report.cancelled:
            self._add_free_tasks(report.free_tasks)
        if report.drafts and not report.cancelled:
            self._open_preview(report.drafts)

    def _add_free_tasks(self, found: tuple[Task, ...]) -> None:
        """An export of a library with no posting carries only tasks of no application:
        nothing to preview, so they are added (by UID: none twice) and the user is told."""
        from desktop.services import tasks
        from desktop.services.errors import ServiceError

        try:
            result = tasks.import_free_tasks(self._db, found)
        except ServiceError as error:
            messages.show_error(self._window, "The tasks were not imported", str(error))
            return
        self.changes.emit(result.changes)
        known = len(found) - result.value
        messages.show_info(
            self._window,
            "Tasks imported",
            f"Added {result.value} task(s) of no application to the Agenda"
            + (f"; {known} were there already." if known else "."),
        )

    def _open_preview(self, drafts: list[importing.ImportDraft]) -> None:
        if self.preview is not None:
            self.preview.close()
        from desktop.ui.dialogs.import_preview import ImportPreview

        preview = ImportPreview(self._db, drafts, self._window)
        preview.changes_made.connect(self.changes.emit)
        preview.save_all_requested.connect(self._save_all)
        preview.finished.connect(self._preview_closed)
        self.preview = preview
        preview.open()
        self.preview_opened.emit(preview)

    def _preview_closed(self) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
            self.preview = None

    def _save_all(self, jobs: list[importing.SaveJob]) -> None:
        work = partial(importing.save_many, self._db, jobs)
        done = partial(self._all_saved, total=len(jobs))
        self._start_job(f"Saving {len(jobs):,} posting(s)", work, done)

    def _all_saved(self, report: importing.SaveReport, *, total: int) -> None:
        self.job = None
        if report.changes.postings:
            self.changes.emit(report.changes)
        if report.cancelled:  # what was saved stays saved: say how much, and what was not
            saved = len(report.changes.created | report.changes.updated)
            messages.show_info(
                self._window,
                "Import cancelled",
                f"Cancelled after {report.done:,} of {total:,} posting(s): {saved:,} saved (new"
                f" or updated) stay saved; the other {total - report.done:,} were not imported.",
            )
        if report.failures:
            messages.show_error(
                self._window,
                "Some postings were not saved",
                "\n".join(f"• {failure}" for failure in report.failures),
            )
