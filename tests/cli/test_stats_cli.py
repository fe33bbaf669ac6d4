"""``jobdeck stats``: the funnel, the response rate and the median days, as text and JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.posting import PostingDocument, StageChange
from desktop.services import postings
from desktop.services.library import open_library

# Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
DAY = datetime(2026, 10, 5, 12, 0, tzinfo=UTC)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(data_dir: Path) -> Path:
    """A: applied Oct 5, screened Oct 8 (3 days). B: applied Oct 6, rejected Oct 11 (5 days).
    C: applied Oct 20, ghosted. D: saved Oct 21 only."""
    db = open_library(data_dir)
    histories = {
        "A": [("Saved", 0), ("Applied", 0), ("Screening", 3)],
        "B": [("Applied", 1), ("Rejected", 6)],
        "C": [("Applied", 15), ("Ghosted", 40)],
        "D": [("Saved", 16)],
    }
    try:
        for name, history in histories.items():
            changes = tuple(StageChange(s, DAY + timedelta(days=d)) for s, d in history)
            doc = PostingDocument(
                title=f"Role {name}", company=f"Company {name}", stage=history[-1][0],
                stage_history=changes,
            )  # fmt: skip
            postings.create_posting(db, doc, now=changes[0].at)
    finally:
        db.close()
    return data_dir


def test_stats_json_has_the_funnel_the_rate_and_the_median(capsys, library: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(library), "stats", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [(s["stage"], s["reached"]) for s in data["funnel"]] == [
        ("Saved", 2),
        ("Applied", 3),
        ("Screening", 1),
        ("Interviewing", 0),
        ("Offer", 0),
        ("Accepted", 0),
        ("Rejected", 1),
        ("Withdrawn", 0),
        ("Ghosted", 1),
    ]
    # Tracked from Applied, B and C got as far as Saved: 3 of the 4 went on to Applied.
    assert [s["conversion"] for s in data["funnel"][:4]] == [None, 0.75, 0.3333, 0.0]
    assert [s["reached_or_later"] for s in data["funnel"][:3]] == [4, 3, 1]
    assert data["response_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert data["median_days_to_first_response"] == 4.0  # of 3 and 5


def test_from_and_to_choose_where_histories_begin(capsys, library: Path) -> None:
    code, out, _ = run(
        capsys, "--data-dir", str(library), "stats", "--from", "2026-10-06", "--to", "2026-10-20",
        "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["applications"] == 2  # B (Oct 6) and C (Oct 20); A began Oct 5, D Oct 21
    assert data["response_rate"] == 0.5
    assert data["median_days_to_first_response"] == 5.0


def test_stats_as_text(capsys, library: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(library), "stats")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Applications: 4"
    # Saved 2, Applied 3 (B and C were tracked from Applied): the conversion counts them as
    # having got as far as Saved, never "150% of the stage before".
    assert "  Saved              2" in lines
    assert "  Applied            3  (75% of Saved: 3 of 4 got this far)" in lines
    assert "  Screening          1  (33% of Applied: 1 of 3 got this far)" in lines
    assert "  Offer              0" in lines  # none got as far as Interviewing: no share
    assert "  Rejected           1" in lines
    assert all("%" not in line or int(line.split("%")[0].split()[-1].strip("(")) <= 100
               for line in lines)  # fmt: skip
    assert "Response rate: 67% (2 of 3 applied)" in lines
    assert lines[-1] == "Median days to the first response: 4.0"


def test_a_bad_date_or_period_is_a_usage_error(capsys, library: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(library), "stats", "--from", "2026-13-01")
    assert code == 2 and "'2026-13-01' is not a date like 2026-11-30" in err
    code, _, err = run(
        capsys, "--data-dir", str(library), "stats", "--from", "2026-10-10", "--to", "2026-10-01"
    )
    assert code == 2 and "--to is before --from" in err
