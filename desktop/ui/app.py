"""Starting the window: the QApplication, the library, and ``--self-test``."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.services import postings
from desktop.storage.database import Database, DatabaseError, open_database
from desktop.ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Jobdeck")
    app.setOrganizationName("Jobdeck")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("jobdeck")
    return app


def window_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Jobdeck", "Jobdeck")


def run_app(data_dir: Path, *, self_test: bool = False) -> int:
    if self_test:
        return run_self_test(data_dir)
    app = make_application()
    try:
        db = open_database(data_dir)
    except DatabaseError as error:
        box = QMessageBox(QMessageBox.Icon.Critical, "Jobdeck cannot open your library", str(error))
        box.exec()  # nothing else is running yet: a blocking box is what the user should see
        return 1
    window = MainWindow(db, window_settings())
    window.show()
    try:
        return app.exec()
    finally:
        db.close()


def run_self_test(data_dir: Path) -> int:
    """Open the real window on the library, paint it, select a posting, and report."""
    started = time.perf_counter()
    problems: list[str] = []

    def collect(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            problems.append(message)

    previous = qInstallMessageHandler(collect)
    db: Database | None = None
    try:
        app = make_application()
        db = open_database(data_dir)
        # Throw-away settings: a self-test never changes the user's saved window layout.
        scratch = tempfile.TemporaryDirectory(prefix="jobdeck-self-test-")
        settings = QSettings(str(Path(scratch.name) / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, settings)
        window.show()
        app.processEvents()
        if window.grab().isNull():
            problems.append("the main window could not be painted")
        stored = postings.count_postings(db)
        shown = window.model.rowCount()
        if shown != stored:
            problems.append(f"the list shows {shown} postings, the library holds {stored}")
        if stored and window.detail.posting_id is None:
            problems.append("the detail pane did not show the selected posting")
        elapsed = time.perf_counter() - started
        window.close()
    except DatabaseError as error:
        problems.append(str(error))
    except Exception as error:  # the self-test reports every failure rather than crashing
        problems.append(f"{type(error).__name__}: {error}")
    finally:
        qInstallMessageHandler(previous)
        if db is not None:
            db.close()
    if problems:
        for problem in problems:
            print(f"self-test failed: {problem}", file=sys.stderr)
        return 1
    print(f"self-test ok: {stored} postings shown, window painted in {elapsed * 1000:.0f} ms")
    return 0
