"""Starting the window: the QApplication, the library, and ``--self-test``."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.deferred_import import load_deferred
from desktop.resources_path import icon_files
from desktop.services import postings
from desktop.services.errors import ServiceError
from desktop.services.library import Library, open_library
from desktop.ui.daily_backup import DailyBackupTimer
from desktop.ui.dialogs import messages
from desktop.ui.display_check import EXIT_NO_DISPLAY, display_problem, plain_words_if_qt_fails
from desktop.ui.lazy_page import LazyPage
from desktop.ui.main_thread_gc import MainThreadGarbageCollector
from desktop.ui.main_window import MainWindow
from desktop.ui.single_instance import SingleInstance, bring_forward
from desktop.ui.startup_recovery import StartupRecovery
from desktop.ui.unexpected_errors import UnexpectedErrorReporter


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    with plain_words_if_qt_fails():
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Jobdeck")
    app.setOrganizationName("Jobdeck")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("jobdeck")
    # Background jobs must never be where Qt objects get destroyed: collect on this thread.
    app.main_thread_gc = MainThreadGarbageCollector(app)  # type: ignore[attr-defined]
    # Every window inherits it, and the About box shows its parent window's icon.
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """Jobdeck's icon: the PNGs beside the code or in the bundle, else the icon theme's."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon if not icon.isNull() else QIcon.fromTheme("jobdeck")


def window_settings() -> QSettings:
    """The window's saved state (size, columns, the last search): owner-only (600) on POSIX,
    like the library. QSettings keeps the mode of the file it rewrites."""
    settings = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Jobdeck", "Jobdeck"
    )
    _owner_only(Path(settings.fileName()))
    return settings


def _owner_only(path: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # settings that cannot be saved are not worth a failure
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.parent.chmod(0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        path.chmod(0o600)


def run_app(data_dir: Path, *, self_test: bool = False) -> int:
    problem = display_problem()
    if problem is not None:  # one sentence naming the cause, not Qt's advice to reinstall
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    if self_test:
        return run_self_test(data_dir)
    app = make_application()
    instance = SingleInstance(data_dir)
    if not instance.claim():
        return 0  # the running Jobdeck was asked to come forward
    # Until the window is up, closing a recovery box must not end the app.
    app.setQuitOnLastWindowClosed(False)
    opened: list[tuple[Library, MainWindow]] = []
    dailies: list[DailyBackupTimer] = []

    def show_window(db: Library) -> None:
        window = MainWindow(db, window_settings(), paint_first=True)
        opened.append((db, window))
        instance.activation_requested.connect(lambda: bring_forward(window))
        daily = DailyBackupTimer(db, window)
        window.operations.changed.connect(daily.saw_changes)  # the first day's postings too
        dailies.append(daily)
        daily.failed.connect(lambda message: messages.show_error(window, "Backup failed", message))
        daily.start()
        window.show()
        app.setQuitOnLastWindowClosed(True)

    # Damaged, too new, read-only: StartupRecovery says what happened and offers a way on.
    recovery = StartupRecovery(data_dir)
    recovery.opened.connect(show_window)
    recovery.failed.connect(lambda _message: app.exit(1))
    QTimer.singleShot(0, recovery.start)
    reporter = UnexpectedErrorReporter(lambda: opened[-1][1] if opened else None)
    reporter.install()
    try:
        return app.exec()
    finally:
        reporter.uninstall()
        for daily in dailies:
            daily.wait()
        for db, _window in opened:
            db.close()
        instance.release()


def run_self_test(data_dir: Path) -> int:
    """Open the real window on the library, paint it, select a posting, and report.

    Starts as the app does (the list painted first, then the rest loaded) and says so on stdout
    the moment the window is painted: ``make bench`` times start-up up to that line.
    """
    started = time.perf_counter()
    problems: list[str] = []

    def collect(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            problems.append(message)

    previous = qInstallMessageHandler(collect)
    db: Library | None = None
    try:
        app = make_application()
        db = open_library(data_dir)
        # Throw-away settings: a self-test never changes the user's saved window layout.
        scratch = tempfile.TemporaryDirectory(prefix="jobdeck-self-test-")
        settings = QSettings(str(Path(scratch.name) / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, settings, paint_first=True)
        window.show()
        app.processEvents()
        if window.grab().isNull():
            problems.append("the main window could not be painted")
        painted = time.perf_counter() - started
        print(
            f"self-test: window painted with {window.list_page.model.rowCount()} postings",
            flush=True,
        )
        window.finish_start_up()
        shown = time.perf_counter() - started
        print("self-test: selected posting shown", flush=True)
        load_deferred()  # what the app loads next: all of it must be there (in the bundle too)
        for page in window.pages:  # and every page's module, imported when first shown
            if isinstance(page, LazyPage):
                page.page_class()
        stored = postings.count_postings(db)
        listed = window.list_page.model.rowCount()
        if listed != stored:
            problems.append(f"the list shows {listed} postings, the library holds {stored}")
        if stored and window.side.detail.posting_id is None:
            problems.append("the detail pane did not show the selected posting")
        elapsed = time.perf_counter() - started
        window.close()
    except ServiceError as error:
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
    print(
        f"self-test ok: {stored} postings shown; in ms, window painted {painted * 1000:.0f}, "
        f"posting shown {shown * 1000:.0f}, everything loaded {elapsed * 1000:.0f}"
    )
    return 0
