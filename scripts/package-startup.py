"""Start-up time of the bundle against the same app run from .venv, measured together.

python scripts/package-startup.py [--runs 7] [--bundle dist/jobdeck/jobdeck] [--venv .venv]

Both run ``--self-test`` (open the real window offscreen, paint it, select a posting, exit) on one
temporary library filled by scripts/demo_library.py. The runs are interleaved, and the order
within each pair alternates, so a machine that gets busier or a warming disk cache hits both the
same. One warm-up run each is not counted. Prints the median, min and max wall time of each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "jobdeck" / "jobdeck")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv")
    args = parser.parse_args()
    venv_python = args.venv / "bin" / "python"
    for path in (args.bundle, venv_python):
        if not path.exists():
            sys.exit(f"{path} is missing: run make package and make venv first")

    with tempfile.TemporaryDirectory(prefix="jobdeck-startup-") as tmp:
        data = Path(tmp) / "data"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=tmp)
        env.pop("JOBDECK_DATA_DIR", None)
        subprocess.run(
            [str(venv_python), str(ROOT / "scripts" / "demo_library.py"), str(data)],
            env=dict(env, PYTHONPATH=str(ROOT)),  # it imports benchmarks/ from the tree
            check=True,
            capture_output=True,
        )
        commands = {
            "bundle": [str(args.bundle), "--data-dir", str(data), "--self-test"],
            ".venv": [str(venv_python), "-m", "desktop", "--data-dir", str(data), "--self-test"],
        }
        check = subprocess.run(commands["bundle"], env=env, capture_output=True, text=True)
        print(f"library: {check.stdout.strip()}")
        for command in commands.values():
            timed(command, env)  # warm-up
        times: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(args.runs):
            order = list(commands) if run % 2 == 0 else list(reversed(commands))
            for name in order:
                times[name].append(timed(commands[name], env))

    print(f"--self-test wall time, {args.runs} interleaved runs each (offscreen):")
    for name, values in times.items():
        print(
            f"  {name:7} median {statistics.median(values) * 1000:5.0f} ms"
            f"  (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"
        )
    ratio = statistics.median(times["bundle"]) / statistics.median(times[".venv"])
    print(f"  bundle / .venv: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
