"""The command line as users run it: each ``jobdeck`` process timed from start to exit.

Used by ``benchmarks.run`` (``make bench``); runnable alone on an existing library:

    python -m benchmarks.user_paths --data-dir DIR [--import-count N]

Every figure is a whole process (Python start-up, imports, the work, printing, exit), timed
from its launch to its end; long runs also report the process's own peak memory (``wait4``'s
rusage, read through a small launcher so nothing the benchmark itself holds is counted). The
commands write to a file, as a shell redirect would, not to a pipe the benchmark has to drain.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = FIXTURES / "jobright-amazon-rl-intern.txt"
PAGE = FIXTURES / "importers" / "jsonld-greenhouse.html"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int
    output: bytes


def jobdeck_command() -> list[str]:
    """The ``jobdeck`` console script of this environment (what ``make run`` installs)."""
    script = Path(sys.executable).with_name("jobdeck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop"]


# Linux carries a process's peak RSS across exec, and a child forked from this (large)
# benchmark process starts with this process's pages: its ru_maxrss would be ours. A small
# Python in between forks the command from its own small memory and reports the command's peak.
_MEASURE = (
    "import os, subprocess, sys; "
    "p = subprocess.Popen(sys.argv[2:]); _, status, usage = os.wait4(p.pid, 0); "
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss)); "
    "sys.exit(os.waitstatus_to_exitcode(status))"
)


def run_process(command: list[str], stdin: bytes | None = None, *, memory: bool = False) -> Run:
    """Run ``command`` to its end: wall seconds, exit code, stdout, and with ``memory`` its
    peak RSS in MB (through the small launcher, whose start, about 20 ms, is then counted in
    the seconds too: used only for the long runs)."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as given,
        tempfile.NamedTemporaryFile(delete=False) as peak,
    ):
        if stdin is not None:
            given.write(stdin)
            given.seek(0)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        start = time.perf_counter()
        launcher = [sys.executable, "-c", _MEASURE, peak.name] if memory else []
        returncode = subprocess.call(
            [*launcher, *command],
            stdin=given,
            stdout=out,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        seconds = time.perf_counter() - start
        out.seek(0)
        output = out.read()
    kilobytes = Path(peak.name).read_text() or "0"  # ru_maxrss is in kilobytes on Linux
    os.unlink(peak.name)
    return Run(seconds, int(kilobytes) / 1024, returncode, output)


def _checked(command: list[str], stdin: bytes | None = None, *, memory: bool = False) -> Run:
    run = run_process(command, stdin, memory=memory)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {run.returncode}")
    return run


def baseline_seconds(output: bytes, runs: int = 5) -> float:
    """``python -c "import sqlite3"`` plus printing ``output``: the floor of any command."""
    with tempfile.NamedTemporaryFile(delete=False) as saved:
        saved.write(output)
    try:
        code = f"import sqlite3, sys; sys.stdout.buffer.write(open({saved.name!r}, 'rb').read())"
        times = [_checked([sys.executable, "-c", code]).seconds for _ in range(runs)]
    finally:
        os.unlink(saved.name)
    return statistics.median(times)


def command_figures(data_dir: Path, runs: int = 5) -> dict[str, float]:
    """``stages``, ``list --stage Offer``, ``move``, ``login get``: seconds and x of the floor."""
    jobdeck = [*jobdeck_command(), "--data-dir", str(data_dir)]
    listing = _checked([*jobdeck, "list", "--json"]).output
    posting_id = json.loads(listing)[0]["id"]
    portal = ["--url", "https://example.com/portal", "--username", "bench@example.com"]
    _checked([*jobdeck, "login", "set", str(posting_id), *portal, "--keep-password"])
    commands = {
        "stages": ["stages"],
        "list_offer": ["list", "--stage", "Offer"],
        "move": ["move", str(posting_id), "Applied"],
        "login_get": ["login", "get", str(posting_id)],
    }
    figures: dict[str, float] = {}
    for name, arguments in commands.items():
        _checked([*jobdeck, *arguments])  # warm the file cache
        samples = [_checked([*jobdeck, *arguments]) for _ in range(runs)]
        seconds = statistics.median(run.seconds for run in samples)
        floor = baseline_seconds(samples[0].output)
        figures[f"cli_{name}_s"] = round(seconds, 3)
        figures[f"cli_{name}_ratio"] = round(seconds / floor, 2)
    return figures


def export_figures(data_dir: Path, scratch: Path) -> dict[str, float]:
    """``jobdeck export --format json|csv -o FILE`` of the whole library."""
    jobdeck = [*jobdeck_command(), "--data-dir", str(data_dir)]
    figures: dict[str, float] = {}
    for kind in ("json", "csv"):
        target = scratch / f"export.{kind}"
        run = _checked([*jobdeck, "export", "--format", kind, "-o", str(target)], memory=True)
        figures[f"export_{kind}_s"] = round(run.seconds, 2)
        figures[f"export_{kind}_rss_mb"] = round(run.peak_rss_mb, 1)
        target.unlink()
    return figures


def import_export_figures(source_dir: Path, count: int, scratch: Path) -> dict[str, float]:
    """``jobdeck import`` of an export of ``count`` postings into a new library.

    The export is made by ``jobdeck export`` from the first ``count`` postings of a library
    filled with synthetic postings for this purpose (``source_dir``).
    """
    export = scratch / "export-for-import.json"
    source = [*jobdeck_command(), "--data-dir", str(source_dir)]
    _checked([*source, "export", "--format", "json", "-o", str(export)])
    target = scratch / "imported"
    run = _checked(
        [*jobdeck_command(), "--data-dir", str(target), "import", str(export)], memory=True
    )
    shutil.rmtree(target)
    export.unlink()
    return {
        "import_export_count": count,
        "import_export_per_s": round(count / run.seconds, 1),
        "import_export_rss_mb": round(run.peak_rss_mb, 1),
    }


def _files(folder: Path, template: Path, count: int, marker: str) -> list[str]:
    text = template.read_text(encoding="utf-8")
    if marker not in text:
        raise SystemExit(f"{template.name} no longer holds {marker!r}: pick another marker")
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"posting-{i}{template.suffix}"
        # Another title (and text) in each file, so each is a new posting, not a duplicate.
        path.write_text(text.replace(marker, f"{marker} {i}"), encoding="utf-8")
        paths.append(str(path))
    return paths


def import_files_figures(count: int, scratch: Path) -> dict[str, float]:
    """``jobdeck import`` of ``count`` pasted-text files and of ``count`` saved pages."""
    figures: dict[str, float] = {}
    for name, template, marker in (
        ("text", SAMPLE, "2026 Applied Science"),
        ("pages", PAGE, "Platform Engineer"),
    ):
        paths = _files(scratch / name, template, count, marker)
        target = scratch / f"imported-{name}"
        run = _checked(
            [*jobdeck_command(), "--data-dir", str(target), "import", *paths], memory=True
        )
        figures[f"import_{name}_files_per_s"] = round(count / run.seconds, 1)
        figures[f"import_{name}_files_rss_mb"] = round(run.peak_rss_mb, 1)
        shutil.rmtree(target)
        shutil.rmtree(scratch / name)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an existing library")
    parser.add_argument("--import-count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jobdeck-bench-") as scratch:
        figures = command_figures(args.data_dir)
        figures.update(export_figures(args.data_dir, Path(scratch)))
        figures.update(import_files_figures(args.import_count, Path(scratch)))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
