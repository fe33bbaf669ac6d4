"""``jobdeck import`` of a tracker's spreadsheet: the user's path (read, map, duplicate checks,
save) from process start to exit, first into a new library, then the same file again (which
must change nothing)."""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

from benchmarks.user_paths import _checked, jobdeck_command

STATUSES = ("Applied", "Interview", "Wishlist", "Rejected", "Offer", "Phone screen", "Ghosted")
CITIES = ("Berlin", "Hamburg", "Remote", "Munich", "Leipzig", "Cologne", "Utrecht")


def write_sheet(path: Path, count: int, seed: int = 20) -> None:
    """A CSV of ``count`` applications as people keep them: invented companies (a third of
    them applied to more than once), statuses, day-first dates, links, pay and notes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["Company", "Job Title", "Status", "Date Saved", "Date Applied", "Link", "Location",
             "Salary", "Notes"]
        )  # fmt: skip
        for i in range(count):
            month, day = 1 + i % 12, 1 + i % 28
            applied = f"{day:02d}.{month:02d}.2026" if rng.random() < 0.85 else ""
            writer.writerow(
                [
                    f"Company {rng.randrange(count // 3 + 1)}",
                    f"Role {i}",
                    rng.choice(STATUSES),
                    f"01.{month:02d}.2026",
                    applied,
                    f"https://jobs.example.org/{i}",
                    rng.choice(CITIES),
                    f"€{rng.randrange(40, 90)}k - €{rng.randrange(90, 120)}k",
                    "Referred by a friend" if i % 7 == 0 else "",
                ]
            )


def spreadsheet_figures(count: int, scratch: Path) -> dict[str, float]:
    sheet = scratch / "applications.csv"
    write_sheet(sheet, count)
    target = scratch / "imported-sheet"
    command = [*jobdeck_command(), "--data-dir", str(target), "import", str(sheet)]
    first = _checked(command, memory=True)
    again = _checked(command)
    shutil.rmtree(target)
    sheet.unlink()
    return {
        "import_sheet_rows": count,
        "import_sheet_rows_per_s": round(count / first.seconds, 1),
        "import_sheet_rss_mb": round(first.peak_rss_mb, 1),
        "import_sheet_again_rows_per_s": round(count / again.seconds, 1),
    }


if __name__ == "__main__":
    import sys
    import tempfile

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="jobdeck-sheet-") as folder:
        print(spreadsheet_figures(rows, Path(folder)))
