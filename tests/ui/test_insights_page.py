"""The Insights page as a user meets it: its figures, what each opens, keeping up, pictures."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.insights import day_range
from desktop.core.posting import PostingDocument, StageChange
from desktop.services import insights, labels, pipeline, postings
from desktop.services.library import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.views.insight_filters import LOADING_TIP

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.now(UTC).replace(microsecond=0)


def _add(db: Library, title: str, company: str, history: list[tuple[str, int]]) -> int:
    changes = tuple(StageChange(s, NOW - timedelta(days=d)) for s, d in history)
    doc = PostingDocument(title=title, company=company, stage=history[-1][0], stage_history=changes)
    return postings.create_posting(db, doc, now=changes[0].at).value


def _fill(db: Library) -> dict[str, int]:
    return {
        "screened": _add(
            db, "Data Scientist", "Acme", [("Saved", 20), ("Applied", 19), ("Screening", 15)]
        ),
        "rejected": _add(
            db, "ML Engineer", "Globex", [("Saved", 18), ("Applied", 17), ("Rejected", 10)]
        ),
        "waiting": _add(db, "Analyst", "Initech", [("Saved", 12), ("Applied", 11)]),
        "saved": _add(db, "Researcher", "Umbrella", [("Saved", 2)]),
    }


def _insights(qtbot: QtBot, window: MainWindow):  # -> InsightsPage
    lazy = next(page for page in window.pages if page.key == "insights")
    assert not lazy.built  # nothing of it before it is first shown
    window.action("page.insights").trigger()
    page = lazy.page()
    assert window.current_page() is lazy
    _read(qtbot, page)
    return page


def _read(qtbot: QtBot, page) -> None:
    """The figures are read off the UI thread, in two parts: wait until both are shown."""
    qtbot.waitUntil(lambda: page.figures is not None)


def test_the_funnel_share_counts_skipped_stages_and_opens_what_got_that_far(
    qtbot: QtBot, make_window, db: Library
) -> None:
    """A history tracked from Applied that skipped Screening for Interviewing still got as far
    as Saved and as Screening: the shares stay within 100% and open those applications."""
    _fill(db)
    _add(db, "Tracked", "Hooli", [("Applied", 6), ("Interviewing", 3)])
    window = make_window()
    page = _insights(qtbot, window)
    funnel = page.funnel
    rows = [(s.stage.name, s.count, funnel.share_text(s)) for s in funnel.steps][:5]
    assert rows == [
        ("Saved", 4, ""),
        ("Applied", 4, "80% of Saved got this far"),  # of 5: the tracked one too
        ("Screening", 1, "50% of Applied got this far"),  # Screening, or Interviewing
        ("Interviewing", 1, "50% of Screening got this far"),
        ("Offer", 0, "0% of Interviewing got this far"),
    ]
    assert "Screening: 1 entered it; 2 got this far" in funnel.tip(funnel.steps[2])
    centre = funnel.share_centre(2)
    assert centre is not None and funnel.share_centre(0) is None
    qtbot.mouseClick(funnel, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    dialog = page.dialogs[-1]
    assert dialog.windowTitle() == "Got as far as Screening (or further)"
    assert sorted(a.title for a in dialog.applications) == ["Data Scientist", "Tracked"]
    dialog.reject()
    qtbot.mouseClick(funnel, Qt.MouseButton.LeftButton, pos=funnel.hit_centre(2).toPoint())
    assert [a.title for a in page.dialogs[-1].applications] == ["Data Scientist"]
    page.dialogs[-1].reject()


def test_the_page_shows_the_figures_and_each_opens_its_applications(
    qtbot: QtBot, make_window, db: Library
) -> None:
    ids = _fill(db)
    window = make_window()
    page = _insights(qtbot, window)
    assert page.total_tile.value == "4"
    assert page.applied_tile.value == "3"
    assert page.rate_tile.value == "67%"
    assert page.median_tile.value == "5.5"  # 4 and 7 days
    assert [(s.stage.name, s.count) for s in page.funnel.steps][:3] == [
        ("Saved", 4),
        ("Applied", 3),
        ("Screening", 1),
    ]
    assert page.waiting.rowCount() == 1
    assert page.waiting.item(0, 1).text() == "Analyst"

    # A click on the Screening bar lists the one application that reached it.
    qtbot.mouseClick(
        page.funnel, Qt.MouseButton.LeftButton, pos=page.funnel.hit_centre(2).toPoint()
    )
    dialog = page.dialogs[-1]
    assert [a.title for a in dialog.applications] == ["Data Scientist"]
    dialog.choose(0)  # shows it in the list, selected, with its details beside
    assert window.current_page() is window.list_page
    assert window.selected_id() == ids["screened"]

    window.action("page.insights").trigger()
    _read(qtbot, page)
    flows = [(f.source.name, f.target.name) for f in page.sankey.flows]
    index = flows.index(("Applied", "Rejected"))
    qtbot.mouseClick(
        page.sankey, Qt.MouseButton.LeftButton, pos=page.sankey.hit_centre(index).toPoint()
    )
    assert [a.title for a in page.dialogs[-1].applications] == ["ML Engineer"]
    page.dialogs[-1].reject()

    week = next(i for i, w in enumerate(page.weeks.weeks) if w.applied)
    qtbot.mouseClick(
        page.weeks, Qt.MouseButton.LeftButton, pos=page.weeks.hit_centre(week).toPoint()
    )
    assert page.dialogs[-1].applications
    page.dialogs[-1].reject()

    page.rate_tile.click()
    assert {a.title for a in page.dialogs[-1].applications} == {"Data Scientist", "ML Engineer"}
    page.dialogs[-1].reject()
    acme = next(
        r for r in range(page.fastest.rowCount()) if page.fastest.item(r, 0).text() == "Acme"
    )
    page.fastest.cellActivated.emit(acme, 0)
    assert [a.title for a in page.dialogs[-1].applications] == ["Data Scientist"]
    page.dialogs[-1].reject()


def test_the_page_is_read_ahead_while_idle_and_its_first_show_only_paints(
    qtbot: QtBot, make_window, db: Library
) -> None:
    """A while after the window's first paint the page is built hidden and reads its first
    part and the filters' choices: the first Ctrl+4 paints them at once, then reads the rest."""
    ids = _fill(db)
    labels.put_labels(db, [ids["saved"]], ["Green"])
    window = make_window()
    lazy = next(page for page in window.pages if page.key == "insights")
    qtbot.waitUntil(lambda: lazy.built, timeout=15_000)
    page = lazy.page()
    qtbot.waitUntil(lambda: not page.reading and page.label_filter.isEnabled(), timeout=15_000)
    assert not page.is_shown() and not page.stale
    assert page.overview is not None and page.overview.total == 4
    assert page.answers is None and page.figures is None  # the second part waits for a show
    offered = [page.label_filter.itemText(i) for i in range(page.label_filter.count())]
    assert offered == ["Any", "Green"]

    window.action("page.insights").trigger()
    assert not page.reading and page.answering  # the first part is on show at once
    assert page.total_tile.value == "4" and page.rate_tile.value == "…"
    _read(qtbot, page)
    assert page.rate_tile.value == "67%" and page.waiting.rowCount() == 1

    # A change after the read-ahead: the page reads again when shown, not what it had.
    window.action("page.list").trigger()
    window.operations.run("Delete", lambda: postings.delete_posting(db, ids["saved"]))
    with qtbot.waitSignal(page.loaded):
        window.action("page.insights").trigger()
    assert page.total_tile.value == "3"


def test_shown_while_the_first_part_is_read_ahead(qtbot: QtBot, make_window, db: Library) -> None:
    """Ctrl+4 while the read-ahead is on its way: the answers follow the first part; the
    filters say they are loading until the choices arrive."""
    _fill(db)
    window = make_window()
    lazy = next(page for page in window.pages if page.key == "insights")
    page = lazy.page()
    assert not page.label_filter.isEnabled() and page.label_filter.count() == 1
    assert page.label_filter.toolTip() == LOADING_TIP
    page.prepare()
    window.action("page.insights").trigger()
    assert page.reading
    _read(qtbot, page)
    assert page.total_tile.value == "4" and page.rate_tile.value == "67%"
    qtbot.waitUntil(page.type_filter.isEnabled)
    assert page.type_filter.toolTip() == ""


def test_the_page_keeps_up_with_changes_and_filters(qtbot: QtBot, make_window, db: Library) -> None:
    ids = _fill(db)
    window = make_window()
    page = _insights(qtbot, window)
    screening = pipeline.resolve_stage(db, "Screening").id
    with qtbot.waitSignal(page.loaded):
        window.operations.run(
            "Move", lambda: pipeline.move_application(db, ids["waiting"], screening)
        )
    assert page.rate_tile.value == "100%"
    assert page.waiting.rowCount() == 0

    labels.put_labels(db, [ids["saved"]], ["Green"])
    with qtbot.waitSignal(page.loaded):
        page.reload()
    with qtbot.waitSignal(page.loaded):
        page.label_filter.setCurrentIndex(page.label_filter.findData("Green"))
    assert page.total_tile.value == "1"
    with qtbot.waitSignal(page.loaded):
        page.period.choose(30)
    with qtbot.waitSignal(page.loaded):
        page.label_filter.setCurrentIndex(0)
    assert page.total_tile.value == "4"
    with qtbot.waitSignal(page.loaded):
        page.period.choose(0)

    # Hidden, it only notes the change, and reads when shown again.
    window.action("page.list").trigger()
    window.operations.run("Delete", lambda: postings.delete_posting(db, ids["saved"]))
    assert page.stale and page.total_tile.value == "4"
    with qtbot.waitSignal(page.loaded):
        window.action("page.insights").trigger()
    assert page.total_tile.value == "3"


def test_a_custom_range_of_days_counts_as_jobdeck_stats_from_to(
    qtbot: QtBot, make_window, db: Library
) -> None:
    _fill(db)  # histories began 20, 18, 12 and 2 days ago
    page = _insights(qtbot, make_window())
    assert not page.period.first.isVisibleTo(page.widget)  # presets show no dates
    first = (NOW - timedelta(days=13)).astimezone().date()
    last = (NOW - timedelta(days=1)).astimezone().date()
    with qtbot.waitSignal(page.loaded):
        page.period.set_range(first, last)
    _read(qtbot, page)
    assert page.period.first.isVisibleTo(page.widget)
    assert page.period.first.date().toString("yyyy-MM-dd") == first.isoformat()
    # The days first to last, both included, in the local time zone: what --from/--to mean.
    expected = insights.insights(db, start=day_range(first, last)[0], end=day_range(first, last)[1])
    assert expected.total == 2
    assert page.total_tile.value == "2" and page.applied_tile.value == "1"
    page.total_tile.click()  # opens the applications of that range, not of all time
    assert {a.title for a in page.dialogs[-1].applications} == {"Analyst", "Researcher"}
    page.dialogs[-1].reject()

    # "from" moved past "to" takes "to" along: never an empty, backwards range.
    with qtbot.waitSignal(page.loaded):
        page.period.first.setDate(page.period.last.date().addDays(3))
    assert page.period.last.date() == page.period.first.date()
    _read(qtbot, page)
    assert page.total_tile.value == "0"
    with qtbot.waitSignal(page.loaded):
        page.period.choose(0)
    assert page.total_tile.value == "4" and not page.period.first.isVisibleTo(page.widget)


def test_the_charts_are_saved_as_png_and_svg(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    _fill(db)
    page = _insights(qtbot, make_window())
    page.save_picture(tmp_path / "insights.png")
    page.save_picture(tmp_path / "insights.svg")
    assert (tmp_path / "insights.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "insights.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Screening" in svg


def test_the_window_imports_nothing_of_the_page_until_it_is_shown(data_dir: Path) -> None:
    code = textwrap.dedent(
        """
        import json, sys
        from pathlib import Path
        from PySide6.QtCore import QSettings
        from desktop.services.library import open_library
        from desktop.ui.app import make_application
        from desktop.ui.main_window import MainWindow

        app = make_application()
        db = open_library(Path(sys.argv[1]))
        window = MainWindow(db, QSettings(sys.argv[1] + "/w.ini", QSettings.Format.IniFormat))
        window.show()
        app.processEvents()
        page_modules = ("desktop.ui.insights_page", "desktop.ui.views.insight_charts",
                        "desktop.ui.views.insight_funnel", "desktop.services.insights",
                        "desktop.core.insights", "rapidfuzz")
        before = [m for m in page_modules if m in sys.modules]
        window.action("page.insights").trigger()
        after = [m for m in page_modules if m in sys.modules]
        window.close()
        db.close()
        print(json.dumps([before, after]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    before, after = json.loads(done.stdout.splitlines()[-1])
    assert before == []
    assert after == [
        "desktop.ui.insights_page",
        "desktop.ui.views.insight_charts",
        "desktop.ui.views.insight_funnel",
        "desktop.services.insights",
        "desktop.core.insights",
    ]
