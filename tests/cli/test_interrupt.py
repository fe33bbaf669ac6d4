"""Ctrl+C during a long ``jobdeck import``: no traceback, a plain message, and the library
holds whole chunks only (the process is real; the interrupt is a real SIGINT)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from desktop.services import postings
from desktop.services.export import export_json
from desktop.services.import_saving import BATCH_SIZE
from desktop.services.library import open_library
from tests.samples import amazon_document


def test_ctrl_c_in_a_long_import_stops_with_a_message_and_keeps_whole_chunks(
    data_dir: Path, tmp_path: Path
) -> None:
    source = open_library(tmp_path / "source")
    postings.create_postings(source, [amazon_document()])
    (element,) = json.loads(export_json(source))
    source.close()
    export = tmp_path / "export.json"
    copies = [{**element, "title": f"Copy {i}"} for i in range(6000)]
    export.write_text(json.dumps(copies), encoding="utf-8")

    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "import", str(export)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the first chunk is saved: the user presses Ctrl+C
    assert first.startswith(b"saved #")
    process.send_signal(signal.SIGINT)
    rest, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert "Traceback" not in err.decode()
    assert "stopped by Ctrl+C. Nothing in the library is half-saved" in err.decode()
    printed = 1 + rest.count(b"saved #")
    db = open_library(data_dir)
    try:
        saved = postings.count_postings(db)
    finally:
        db.close()
    assert printed <= saved < len(copies)  # what it said it saved is saved; it stopped
    assert saved % BATCH_SIZE == 0  # whole chunks only: the one under way was rolled back
