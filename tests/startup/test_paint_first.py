"""The window paints its list before the ORM, the keyring and the readers are loaded.

The first three tests run Jobdeck in a fresh Python, the only place where "not loaded yet"
can be seen: this test process has loaded everything long before.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.main_window import MainWindow
from tests.samples import AMAZON_TITLE, amazon_document

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "sqlalchemy", "keyring", "lxml", "nh3", "extruct", "alembic", "importlib.metadata",
    "httpx", "httpcore", "h11", "anyio", "certifi", "ssl",
)  # fmt: skip


def _run_python(*args: str) -> list[str]:
    """Run a new interpreter offscreen; its output lines, once it has exited without error."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def _fresh_python(code: str, *args: str) -> dict:
    """Run ``code`` in a new interpreter; it prints one JSON object as its last line."""
    return json.loads(_run_python("-c", textwrap.dedent(code), *args)[-1])


def test_the_window_modules_load_nothing_heavy() -> None:
    loaded = _fresh_python(
        """
        import json, sys
        import desktop.cli, desktop.ui.app, desktop.ui.main_window
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert [name for name in loaded if name.split(".")[0] in HEAVY or name in HEAVY] == []
    # A dozen dataclasses the list does not show: loaded with the first whole posting read.
    assert "desktop.core.posting" not in loaded


def test_the_list_and_the_selected_posting_are_read_without_the_orm(
    db: Library, data_dir: Path
) -> None:
    postings.create_posting(db, amazon_document())
    db.close()
    seen = _fresh_python(
        """
        import json, sys
        from pathlib import Path
        from desktop.services import postings
        from desktop.services.library import open_library

        db = open_library(Path(sys.argv[1]))
        ids = postings.list_posting_ids(db)
        rows = postings.posting_rows(db, ids)
        # What the detail pane shows of the selected posting.
        from desktop.services import logins, pipeline
        shown = postings.get_posting(db, ids[0])
        history = pipeline.application(db, ids[0]).timeline
        login = logins.get_login(db, ids[0])
        print(json.dumps({
            "count": postings.count_matching(db, "reinforcement"),
            "titles": [rows[i].title for i in ids],
            "shown": [shown.title, [entry.stage for entry in history], login],
            "orm": "sqlalchemy" in sys.modules,
        }))
        """,
        str(data_dir),
    )
    assert seen == {
        "count": 1,
        "titles": [AMAZON_TITLE],
        "shown": [AMAZON_TITLE, ["Saved"], None],
        "orm": False,
    }


def test_the_self_test_paints_the_list_then_shows_the_posting(db: Library, data_dir: Path) -> None:
    postings.create_posting(db, amazon_document())
    db.close()
    lines = _run_python("-m", "desktop", "--data-dir", str(data_dir), "--self-test")
    painted, shown, verdict = lines
    assert painted == "self-test: window painted with 1 postings"
    assert shown == "self-test: selected posting shown"  # make bench times start-up to these
    assert verdict.startswith("self-test ok: 1 postings shown; in ms, window painted ")


def test_the_detail_pane_fills_once_the_first_frame_is_painted(
    qtbot: QtBot, db: Library, tmp_path: Path
) -> None:
    saved = postings.create_posting(db, amazon_document())
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings, paint_first=True)
    qtbot.addWidget(window)

    # Before the first paint: the list is there, the posting selected, the pane still blank
    # (not "select a posting", which would be wrong with a posting selected).
    assert window.list_page.model.rowCount() == 1
    assert window.selected_id() == saved.value
    assert window.side.detail.posting_id is None
    assert window.side.detail.visible_sections() == []

    window.show()
    qtbot.waitUntil(lambda: window.side.detail.posting_id == saved.value)
    assert "responsibilities" in window.side.detail.visible_sections()
    window.close()


def test_no_other_page_is_built_for_the_first_paint(
    qtbot: QtBot, db: Library, tmp_path: Path
) -> None:
    """The board is built when first shown: the shortcuts local to its view (Delete, Ctrl+Enter)
    reach it then, not by building it with the window (which read the board before the list
    could paint)."""
    posting_id = postings.create_posting(db, amazon_document()).value
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings, paint_first=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.side.detail.posting_id == posting_id)
    assert [page.key for page in window.pages if getattr(page, "built", True)] == ["list"]
    window.show_page(window.board_page)
    local = {action.objectName() for action in window.board_page.view.actions()}
    assert {"posting.delete", "pipeline.applied_today"} <= local
    window.close()


def test_the_window_modules_are_not_read_as_text_by_pyside() -> None:
    """PySide6 reads the source of each module imported after it (for ``__feature__``), 4 % of
    the instructions to the first paint: the window package answers for it. If a PySide6
    upgrade asks another way, this fails and ``desktop.ui.pyside_scan`` is looked at."""
    seen = _fresh_python(
        """
        import inspect, json, sys
        import PySide6.QtCore

        read = []
        original = inspect.getsource
        inspect.getsource = lambda obj, _o=original: (read.append(obj.__name__), _o(obj))[1]
        import desktop.ui.app
        from desktop.ui import pyside_scan

        feature = sys.modules["PySide6.support.feature"]
        skipped = feature._mod_uses_pyside is pyside_scan._uses_no_feature
        print(json.dumps({"skipped": skipped, "read": read}))
        """
    )
    assert seen["skipped"]
    # Only what the package imports to answer for PySide (the window's 130 modules were read).
    assert set(seen["read"]) <= {"io", "__future__", "sys", "types", "desktop.ui.pyside_scan"}
