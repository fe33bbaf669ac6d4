"""Import figures: parse time of the shared sample, a 5 MB text file, and 1,000 files imported.

python -m benchmarks.bench_import [FILES]
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
        jobs = [(c.document, importing.Decision.SAVE_NEW, None) for c in report.candidates]
        saved = importing.save_many(db, jobs, _quiet, threading.Event())
        elapsed = time.perf_counter() - start
        db.close()
        assert len(saved.changes.created) == count, "every file should have been saved"
    return count / elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    figures = {
        "parse_shared_sample_ms": round(parse_sample_ms(), 2),
        "parse_5mb_text_s": round(five_megabyte_seconds(), 2),
        f"import_{count}_files_per_s": round(files_per_second(count), 1),
    }
    for name, value in figures.items():
        print(f"{name:32} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
