"""The crash test: kill a busy writer with SIGKILL, again and again; no acknowledged write is lost.

A writer process does real work through the services (imports of the sample postings, moves
between stages, edits) and, after each write is committed, appends an acknowledgement to a log
and fsyncs it. The controller kills it with SIGKILL at a random moment, then checks the library:
``PRAGMA integrity_check`` is ok, and every acknowledged write is there.

    python scripts/crash_test.py --kills 50           (make crash-test)
    python scripts/crash_test.py --kills 5 --seed 1   (what the test suite runs)

An acknowledgement is written only after the commit returns, so the library may hold a write
that was never acknowledged (killed in between), never the reverse. The checks allow for that:
an edit's serial number in the library is at least the acknowledged one; a posting's history is
at least as long as its acknowledged moves.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "fixtures" / "importers"
SERIAL = re.compile(r" \[w(\d+)\]$")


# -- the writer -----------------------------------------------------------------------------------


def _acknowledge(log_fd: int, record: dict[str, object]) -> None:
    # One write() of a whole line, then fsync: a torn last line is simply not an acknowledgement.
    os.write(log_fd, (json.dumps(record) + "\n").encode())
    os.fsync(log_fd)


def run_writer(data_dir: Path, log: Path, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    from desktop.services import importing, pipeline, postings, stages
    from desktop.storage.database import open_database

    rng = random.Random(seed)
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    db = open_database(data_dir)
    stage_ids = {s.name: s.id for s in stages.list_stages(db)}
    log_fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    serial = int(time.time() * 1000)  # grows across runs, so a newer edit has a larger number
    ids = [row.id for row in postings.list_postings(db)]
    while True:
        serial += 1
        roll = rng.random()
        if roll < 0.3 or not ids:
            draft = importing.read_file(db, rng.choice(samples))[0]
            changes = importing.save_draft(db, draft.document)
            (posting_id,) = changes.created
            ids.append(posting_id)
            _acknowledge(log_fd, {"op": "import", "id": posting_id})
        elif roll < 0.65:
            posting_id = rng.choice(ids)
            current = postings.get_posting(db, posting_id).stage
            choices = [stage_id for name, stage_id in stage_ids.items() if name != current]
            pipeline.move_application(db, posting_id, rng.choice(choices))
            _acknowledge(log_fd, {"op": "move", "id": posting_id})
        else:
            posting_id = rng.choice(ids)
            doc = postings.get_posting(db, posting_id)
            title = SERIAL.sub("", doc.title or "posting") + f" [w{serial}]"
            postings.update_posting(db, posting_id, doc.with_changes(title=title))
            _acknowledge(log_fd, {"op": "edit", "id": posting_id, "serial": serial})


# -- the controller -------------------------------------------------------------------------------


def read_acknowledged(log: Path) -> list[dict[str, int]]:
    acked = []
    for line in log.read_bytes().split(b"\n"):
        try:
            acked.append(json.loads(line))
        except ValueError:
            continue  # the torn last line of a killed writer
    return acked


def verify(data_dir: Path, acked: list[dict[str, int]]) -> list[str]:
    """Every acknowledged write present, and SQLite's integrity check clean."""
    import sqlite3

    path = data_dir / "jobdeck.db"
    conn = sqlite3.connect(path)  # a normal connection: it recovers the WAL like the app does
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        titles = dict(conn.execute("SELECT id, title FROM postings"))
        history = dict(
            conn.execute("SELECT posting_id, count(*) FROM stage_changes GROUP BY posting_id")
        )
    finally:
        conn.close()
    moves: dict[int, int] = {}
    newest_edit: dict[int, int] = {}
    for record in acked:
        posting_id = record["id"]
        if posting_id not in titles:
            problems.append(f"acknowledged {record['op']} of posting {posting_id}: posting missing")
        elif record["op"] == "move":
            moves[posting_id] = moves.get(posting_id, 0) + 1
        elif record["op"] == "edit":
            newest_edit[posting_id] = max(newest_edit.get(posting_id, 0), record["serial"])
    for posting_id, count in moves.items():
        if history.get(posting_id, 0) < count + 1:  # + the stage it was imported into
            problems.append(f"posting {posting_id}: {count} moves acknowledged, history shorter")
    for posting_id, serial in newest_edit.items():
        found = SERIAL.search(titles.get(posting_id) or "")
        if found is None or int(found.group(1)) < serial:
            problems.append(f"posting {posting_id}: acknowledged edit w{serial} lost")
    return problems


def run_once(data_dir: Path, log: Path, rng: random.Random, max_delay: float) -> None:
    """Start a writer, wait until it is writing, let it write a random while, SIGKILL it."""
    before = log.stat().st_size if log.exists() else 0
    writer = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--writer",
            str(data_dir),
            str(log),
            str(rng.randrange(1 << 30)),
        ],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while (log.stat().st_size if log.exists() else 0) == before:
        if writer.poll() is not None:
            error = writer.stderr.read().decode() if writer.stderr else ""
            raise SystemExit(f"the writer stopped before writing anything:\n{error}")
        if time.monotonic() > deadline:
            writer.kill()
            raise SystemExit("the writer wrote nothing in 60 s")
        time.sleep(0.005)
    time.sleep(rng.uniform(0, max_delay))
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    if writer.stderr:
        writer.stderr.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--max-delay", type=float, default=0.5, help="seconds of writing, at most")
    parser.add_argument("--data-dir", type=Path, help="keep the library here (default: temporary)")
    parser.add_argument("--writer", nargs=3, metavar=("DIR", "LOG", "SEED"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer:
        run_writer(Path(args.writer[0]), Path(args.writer[1]), int(args.writer[2]))
        return 0
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="jobdeck-crash-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        log = data_dir.parent / f"{data_dir.name}-acknowledged.log"
        log.unlink(missing_ok=True)
        started = time.monotonic()
        for kill in range(1, args.kills + 1):
            run_once(data_dir, log, rng, args.max_delay)
            acked = read_acknowledged(log)
            problems = verify(data_dir, acked)
            if problems:
                print(f"FAILED after kill {kill} (seed {seed}):", *problems[:10], sep="\n  ")
                return 1
        counts = {op: sum(r["op"] == op for r in acked) for op in ("import", "move", "edit")}
        print(
            f"crash test ok: {args.kills} SIGKILLs survived, {len(acked)} acknowledged writes "
            f"verified ({counts['import']} imports, {counts['move']} moves, "
            f"{counts['edit']} edits), integrity_check ok after every kill; "
            f"seed {seed}, {time.monotonic() - started:.0f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
