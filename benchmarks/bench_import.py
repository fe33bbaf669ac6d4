"""Import figures: parse time of the shared sample, paste-to-preview of it, a 1 MB saved page
(with and without structured data), the real-world samples, a 5 MB text file, and 1,000 files
imported.

QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_import [FILES]

Targets (issue 14): a 1 MB saved page read in under 150 ms; paste-to-preview of the shared sample
in under 50 ms.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from desktop.importers import read_postings
from desktop.services import importing
from desktop.services.library import open_library
from desktop.storage.database import open_database

SAMPLE = (
    Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "jobright-amazon-rl-intern.txt"
)


def _quiet(done: int, total: int, what: str) -> None:
    pass


def parse_sample_ms(runs: int = 50) -> float:
    data = SAMPLE.read_bytes()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_postings(data, name=SAMPLE.name, captured_at=datetime.now(UTC))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


REAL_WORLD = SAMPLE.parent / "real-world"


def _median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def saved_page(size: int, structured: bool) -> str:
    """A saved job page of about ``size`` bytes: the posting (as JSON-LD or only as visible
    text) in a page padded with what real pages carry: menus, scripts, styles, similar jobs."""
    posting = (REAL_WORLD / "14-jsonld-goodfit-keyduties.html").read_text(encoding="utf-8")
    if not structured:
        start, end = posting.index('<script type="application/ld+json">'), posting.index("</head>")
        posting = posting[:start] + posting[end:]
    head, _, tail = posting.partition("<footer>")
    similar = (
        '<section class="job-item"><h3><a href="/job/{n}">Data Engineer {n}</a></h3>'
        "<p>Build pipelines for team {n}; we value curiosity and care.</p>"
        "<ul><li>Work area: Lund</li><li>Working hours: Full time</li></ul></section>\n"
    )
    script = "<script>window.__STATE__ = {" + '"k": "v", ' * 2000 + "};</script>\n"
    padding = []
    total = len(posting)
    n = 0
    while total < size:
        chunk = similar.format(n=n) if n % 20 else script
        padding.append(chunk)
        total += len(chunk)
        n += 1
    body = '<div class="similar-jobs"><h2>Similar jobs</h2>' + "".join(padding) + "</div>"
    return f"{head}{body}<footer>{tail}"


def saved_page_ms(structured: bool, runs: int = 15) -> float:
    page = saved_page(1024 * 1024, structured).encode("utf-8")
    return _median_ms(
        lambda: read_postings(page, name="page.html", captured_at=datetime.now(UTC)), runs
    )


def paste_to_preview_ms(runs: int = 20) -> float:
    """The shared sample from the clipboard to the preview dialog built and filled: read, the
    duplicate checks against a library, and the dialog (offscreen)."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.dialogs.import_preview import ImportPreview

    app = QApplication.instance() or QApplication([])
    text = SAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="jobdeck-bench-") as scratch:
        db = open_library(Path(scratch) / "data")

        def paste() -> None:
            candidates = importing.read_input(db, text, "clipboard")
            preview = ImportPreview(db, candidates)
            preview.deleteLater()

        paste()  # the first run pays the imports, as the app pays them once after start-up
        figure = _median_ms(paste, runs)
        app.processEvents()
        db.close()
    return figure


def real_world_ms() -> float:
    """All eighteen real-world samples read once (board pastes, pages, ATS JSON)."""
    samples = [p for p in sorted(REAL_WORLD.iterdir()) if ".expected." not in p.name]
    data = [(p.name, p.read_bytes()) for p in samples]

    def read_all() -> None:
        for name, raw in data:
            read_postings(raw, name=name, captured_at=datetime.now(UTC))

    return _median_ms(read_all, 5)


def five_megabyte_seconds() -> float:
    text = SAMPLE.read_text(encoding="utf-8")
    body = "\n".join(f"Responsibility line {i} about models and data." for i in range(120_000))
    big = (text + "\n" + body)[: 5 * 1024 * 1024]
    start = time.perf_counter()
    read_postings(big, name="big.txt", captured_at=datetime.now(UTC))
    return time.perf_counter() - start


def files_per_second(count: int) -> float:
    text = SAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="jobdeck-bench-") as scratch:
        folder = Path(scratch) / "files"
        folder.mkdir()
        paths = []
        for i in range(count):
            path = folder / f"posting-{i}.txt"
            # Vary the title so every file is a new posting, not a duplicate.
            path.write_text(text.replace("2026 Applied Science", f"2026 Applied Science {i}"))
            paths.append(path)
        db = open_database(Path(scratch) / "data")
        start = time.perf_counter()
        report = importing.read_files(db, paths, _quiet, threading.Event())
        jobs = [(c.document, importing.Decision.SAVE_NEW, None) for c in report.drafts]
        saved = importing.save_many(db, jobs, _quiet, threading.Event())
        elapsed = time.perf_counter() - start
        db.close()
        assert len(saved.changes.created) == count, "every file should have been saved"
    return count / elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    figures = {
        "parse_shared_sample_ms": round(parse_sample_ms(), 2),
        "paste_to_preview_shared_sample_ms": round(paste_to_preview_ms(), 1),
        "read_1mb_saved_page_jsonld_ms": round(saved_page_ms(structured=True), 1),
        "read_1mb_saved_page_text_only_ms": round(saved_page_ms(structured=False), 1),
        "read_18_real_world_samples_ms": round(real_world_ms(), 1),
        "parse_5mb_text_s": round(five_megabyte_seconds(), 2),
        f"import_{count}_files_per_s": round(files_per_second(count), 1),
    }
    for name, value in figures.items():
        print(f"{name:32} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
