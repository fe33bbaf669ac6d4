"""Two ``jobdeck import`` processes and a loop of moves on one library at once (a few seconds):
every file is imported exactly once, no process fails, and nothing else changes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from desktop.core.document import to_json
from desktop.services import pipeline, postings, stages
from desktop.services.library import open_library
from tests.samples import amazon_document

ROOT = Path(__file__).resolve().parents[2]
EXISTING, FILES = 8, 24
TIME_LIMIT_S = 120  # a bound for a stuck run on a loaded machine; a good run takes seconds


def _posting_file(folder: Path, n: int) -> Path:
    # Six new companies shared by the files: both processes create them, at the same time.
    doc = amazon_document(
        title=f"Stress posting {n}",
        company=f"Stress Company {n % 6}",
        url=f"https://jobs.example.com/stress/{n}",
        description=f"Posting number {n} of the stress test, with a text of its own ({n * 7}).",
        summary=f"Summary {n}",
        company_profile=None,
        industries=(),
    )
    path = folder / f"posting-{n:02}.json"
    path.write_text(json.dumps([to_json(doc.with_changes(id=None))]), encoding="utf-8")
    return path


def _stable(document: object) -> dict[str, object]:
    """A posting as export shows it, minus what the moves change."""
    fields = to_json(document)  # type: ignore[arg-type]
    for moved in ("stage", "stage_history"):
        fields.pop(moved)
    return fields


def test_two_imports_and_moves_at_once_import_every_file_once(
    data_dir: Path, tmp_path: Path
) -> None:
    db = open_library(data_dir)
    existing = [
        postings.create_posting(
            db,
            amazon_document(
                title=f"Existing {n}",
                url=f"https://jobs.example.com/existing/{n}",
                description=f"Existing posting {n}",
            ),
        ).value
        for n in range(EXISTING)
    ]
    before = {pid: _stable(postings.get_posting(db, pid)) for pid in existing}
    stage_ids = [s.id for s in stages.list_stages(db)]
    db.close()
    files = [_posting_file(tmp_path, n) for n in range(FILES)]

    # Each process imports two thirds of the files, in opposite orders: a third are in both.
    first = [str(p) for p in files[: FILES * 2 // 3]]
    second = [str(p) for p in reversed(files[FILES // 3 :])]
    command = [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "import"]
    importers = [
        subprocess.Popen(
            [*command, *paths], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for paths in (first, second)
    ]

    moved_to: dict[int, int] = {}
    move_errors: list[BaseException] = []

    def keep_moving() -> None:
        mover = open_library(data_dir)
        try:
            step = 0
            while any(p.poll() is None for p in importers) or step < 10:
                posting, stage = existing[step % EXISTING], stage_ids[step % len(stage_ids)]
                pipeline.move_application(mover, posting, stage)
                moved_to[posting] = stage
                step += 1
        except BaseException as error:
            move_errors.append(error)
        finally:
            mover.close()

    moves = threading.Thread(target=keep_moving)
    started = time.monotonic()
    moves.start()
    outputs = [p.communicate(timeout=TIME_LIMIT_S) for p in importers]
    moves.join(timeout=max(1.0, TIME_LIMIT_S - (time.monotonic() - started)))

    for process, (out, err) in zip(importers, outputs, strict=True):
        assert process.returncode == 0, out + err
        assert "Traceback" not in err
    assert move_errors == []
    db = open_library(data_dir)
    try:
        documents = list(postings.all_documents(db))
        titles = sorted(d.title for d in documents)
        assert titles == sorted(
            [f"Existing {n}" for n in range(EXISTING)]
            + [f"Stress posting {n}" for n in range(FILES)]
        )
        companies = {d.company for d in documents if (d.title or "").startswith("Stress")}
        assert companies == {f"Stress Company {k}" for k in range(6)}
        for pid in existing:
            assert _stable(postings.get_posting(db, pid)) == before[pid]
        stage_names = {s.id: s.name for s in stages.list_stages(db)}
        for pid, stage_id in moved_to.items():
            assert postings.get_posting(db, pid).stage == stage_names[stage_id]
    finally:
        db.close()
