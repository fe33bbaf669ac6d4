"""Issue 21 at scale: the Insights figures, their page's first paint, the re-apply check.

    python -m benchmarks.bench_insights DATA_DIR [--histories]

DATA_DIR holds a library (``make bench`` fills one: ``python -m benchmarks.synthetic DIR N``).
With ``--histories``, a copy of it first gets a realistic stage history for every posting (the
synthetic postings are all only Saved): a walk through the stages over the last 180 days, about
three entries each, written in plain SQL. Prints one JSON line of medians in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.services import insights, pipeline, postings, reapply
from desktop.services.library import open_library
from desktop.storage.pipeline_sql import stored_time

# Where a walk ends, and how often: most applications stop early, as in real searches.
WALKS = (
    ((), 30),
    (("Applied",), 25),
    (("Applied", "Ghosted"), 15),
    (("Applied", "Rejected"), 12),
    (("Applied", "Screening"), 5),
    (("Applied", "Screening", "Rejected"), 6),
    (("Applied", "Screening", "Interviewing"), 3),
    (("Applied", "Screening", "Interviewing", "Offer"), 2),
    (("Applied", "Screening", "Interviewing", "Offer", "Accepted"), 1),
    (("Applied", "Withdrawn"), 1),
)


def spread_histories(db_file: Path, seed: int = 11) -> int:
    """Give every posting a walk through the stages; returns the stage changes added."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    conn = sqlite3.connect(db_file)
    stage_ids = dict(conn.execute("SELECT name, id FROM stages WHERE NOT archived"))
    walks = [walk for walk, _ in WALKS]
    weights = [weight for _, weight in WALKS]
    changes, moves = [], []
    for (posting_id,) in conn.execute("SELECT id FROM postings").fetchall():
        walk = rng.choices(walks, weights)[0]
        at = now - timedelta(days=rng.uniform(1, 180))
        conn.execute(
            "UPDATE stage_changes SET at = ? WHERE posting_id = ?", (stored_time(at), posting_id)
        )
        for name in walk:
            at += timedelta(days=rng.uniform(0.5, 12))
            changes.append((posting_id, stage_ids[name], stored_time(min(at, now))))
        if walk:
            moves.append((stage_ids[walk[-1]], posting_id))
    conn.executemany(
        "INSERT INTO stage_changes (posting_id, stage_id, at) VALUES (?, ?, ?)", changes
    )
    conn.executemany("UPDATE postings SET stage_id = ? WHERE id = ?", moves)
    conn.commit()
    conn.close()
    return len(changes)


def _median_ms(action, runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1)


def measure(data_dir: Path) -> dict[str, float]:
    from PySide6.QtCore import QEventLoop, QSettings

    from desktop.ui.app import make_application
    from desktop.ui.main_window import MainWindow

    db = open_library(data_dir)
    figures_ms = _median_ms(lambda: insights.insights(db))
    overview_ms = _median_ms(lambda: next(iter(insights.read_in_parts(db))))
    figures = insights.insights(db)
    ids = postings.list_posting_ids(db)[:200]
    docs = [postings.get_posting(db, pid) for pid in ids[:30]]
    reapply.check(db, "warm-up", None)  # the known names are read once per open library
    check_ms = statistics.median(
        _median_ms(lambda d=d: reapply.check(db, d.company, d.title, excluding={d.id}), 1)
        for d in docs
    )
    board_ms = _median_ms(lambda: pipeline.load_board(db), 3)
    app = make_application()
    scratch = tempfile.mkdtemp(prefix="jobdeck-insights-")
    window = MainWindow(db, QSettings(f"{scratch}/w.ini", QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    page = next(p for p in window.pages if p.key == "insights")

    def shown(everything: bool = False) -> None:  # read off the UI thread: until painted
        while page.reading or (everything and page.answering):
            loop = QEventLoop()  # idle meanwhile, as the app's own loop is
            page.part_shown.connect(loop.quit)
            loop.exec()
            page.part_shown.disconnect(loop.quit)
        page.widget.grab()

    def first_paint() -> None:  # the first part: the funnel and the flows
        window.show_page(page)
        shown()

    paint_ms = _median_ms(first_paint, 1)
    complete_ms = paint_ms + _median_ms(lambda: shown(everything=True), 1)
    frame_ms = _median_ms(lambda: (page.reload(), page.widget.grab()), 3)
    again_ms = _median_ms(lambda: (page.reload(), shown(everything=True)), 3)
    window.close()
    db.close()
    return {
        "postings": figures.total,
        "applied": figures.responses.applied,
        "figures_ms": figures_ms,
        "overview_ms": overview_ms,
        "insights_first_paint_ms": paint_ms,
        "insights_complete_ms": round(complete_ms, 1),
        "insights_reload_paint_ms": again_ms,
        "insights_frame_while_reading_ms": frame_ms,
        "reapply_check_ms": round(check_ms, 1),
        "board_with_markers_ms": board_ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--histories", action="store_true", help="on a copy with histories")
    args = parser.parse_args()
    data_dir = args.data_dir
    if args.histories:
        copy = Path(tempfile.mkdtemp(prefix="jobdeck-histories-"))
        for name in ("jobdeck.db", "jobdeck.db-wal", "jobdeck.db-shm"):
            if (data_dir / name).exists():
                shutil.copy2(data_dir / name, copy / name)
        added = spread_histories(copy / "jobdeck.db")
        print(f"added {added} stage changes to a copy in {copy}")
        data_dir = copy
    print(json.dumps(measure(data_dir)))


if __name__ == "__main__":
    main()
