"""Render the README's screenshots of the real main window as it opens by default (the list or
the board with the detail pane beside it, default settings), offscreen, with demo postings.

QT_QPA_PLATFORM=offscreen python scripts/make_screenshots.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from desktop.storage.database import open_database
from desktop.ui.app import make_application
from desktop.ui.main_window import MainWindow

# The demo library lives beside this script and uses the benchmarks' posting generator.
sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent)]
from demo_library import fill  # noqa: E402


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory(prefix="jobdeck-shots-") as scratch:
        data_dir = Path(scratch) / "data"
        fill(data_dir, board=True)
        db = open_database(data_dir)
        settings = QSettings(str(Path(scratch) / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, settings)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        target = out_dir / "main-window.png"
        window.grab().save(str(target))
        print(f"wrote {target}")
        # The board as the default window shows it: with the detail pane beside it (View >
        # Show details hides the pane; the README says so under the picture).
        window.show_page(window.board_page)
        app.processEvents()
        target = out_dir / "board.png"
        window.grab().save(str(target))
        print(f"wrote {target}")
        # Insights is pictured as a page, not a window: with the pane hidden it gets the whole
        # width (grabbed right after the pane goes, a narrower page came out with its sections
        # drawn over each other; the real window lays it out fine either way).
        window.action("side.details").trigger()
        window.action("page.insights").trigger()
        app.processEvents()
        insights = next(page for page in window.pages if page.key == "insights")
        # The page reads off the UI thread: wait for both parts of its figures (at most 60 s).
        deadline = time.monotonic() + 60
        while (insights.reading or insights.answering) and (time.monotonic() < deadline):
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()
        target = out_dir / "insights.png"
        insights.content.grab().save(str(target))  # the whole page, scrolled or not
        print(f"wrote {target}")
        window.close()
        db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots"))
