"""The dated record of applications: the CSV export's dates and filters, and the printable
application log (``jobdeck report``), its text read back from the PDF."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.services import interviews
from desktop.services.library import open_library

SHEET = (
    "Company,Title,Status,Date Saved,Date Applied,Status Date,Link\n"
    "Acme Rockets,Propulsion Engineer,Interview,2026-08-28,2026-09-03,2026-09-12,"
    "https://www.acme.example/jobs/1\n"
    "Borealis Data,Data Analyst,Rejected,,2026-10-05,2026-10-20,\n"
    "Cobalt Labs,Backend Developer,Applied,,2026-12-01,,\n"
    "Delta Foods,Buyer,Wishlist,2026-09-10,,,\n"
    "<b>Evil & Co</b>,<i>Title</i>,Applied,,2026-09-15,,\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> Path:
    sheet = tmp_path / "history.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(sheet))
    assert code == 0, err
    return data_dir


def rows(text: str) -> dict[str, dict[str, str]]:
    return {row["company"]: row for row in csv.DictReader(io.StringIO(text))}


def test_the_csv_export_carries_each_applications_dates(capsys, library: Path) -> None:
    db = open_library(library)
    try:
        acme = next(r for r in rows_of(capsys, library) if r["company"] == "Acme Rockets")
        start = datetime(2026, 9, 18, 10, 0, tzinfo=UTC)
        interviews.add_interview(db, interviews.new_interview(int(acme["id"]), "onsite", start))
    finally:
        db.close()
    code, out, err = run(capsys, "--data-dir", str(library), "export", "--format", "csv")
    assert code == 0, err
    found = rows(out)
    acme = found["Acme Rockets"]
    assert acme["applied_on"] == "2026-09-03"
    assert acme["first_response"] == "2026-09-12"
    assert acme["interviews"] == "2026-09-18"
    assert acme["stage_dates"] == ("Saved 2026-08-28; Applied 2026-09-03; Interviewing 2026-09-12")
    assert found["Delta Foods"]["applied_on"] == "" and found["Delta Foods"]["stage"] == "Saved"


def rows_of(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict[str, str]]:
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "--format", "csv")
    return list(csv.DictReader(io.StringIO(out)))


@pytest.mark.parametrize(
    ("limits", "companies"),
    [
        (["--stage", "rejected"], {"Borealis Data"}),
        (["--from", "2026-09-01", "--to", "2026-09-30"], {"Acme Rockets", "<b>Evil & Co</b>"}),
        (["--from", "2026-10-01"], {"Borealis Data", "Cobalt Labs"}),
        (["--search", "propulsion"], {"Acme Rockets"}),
        (["--to", "2026-11-30", "--stage", "Applied"], {"<b>Evil & Co</b>"}),
    ],
)
def test_the_csv_export_is_limited_to_a_stage_a_period_or_a_search(
    capsys: pytest.CaptureFixture[str], library: Path, limits: list[str], companies: set[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(library), "export", "--format", "csv", *limits)
    assert code == 0, err
    assert set(rows(out)) == companies


def test_the_same_limits_to_a_file(capsys, library: Path, tmp_path: Path) -> None:
    target = tmp_path / "september.csv"
    code, _, err = run(
        capsys, "--data-dir", str(library), "export", "--format", "csv",
        "--from", "2026-09-01", "--to", "2026-09-30", "-o", str(target),
    )  # fmt: skip
    assert code == 0, err
    assert set(rows(target.read_text(encoding="utf-8"))) == {"Acme Rockets", "<b>Evil & Co</b>"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "json", "--stage", "Applied"], "limit the CSV export"),
        (["export", "--format", "csv", "--from", "2026-10-01", "--to", "2026-09-01"], "after"),
        (["report", "-o", "x.pdf", "--from", "2026-10-01", "--to", "2026-09-01"], "after"),
    ],
)
def test_limits_that_make_no_sense_are_refused(
    capsys: pytest.CaptureFixture[str], library: Path, args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "--data-dir", str(library), *args)
    assert code == 1 and message in err


def test_a_day_that_is_not_a_day_is_a_usage_error(capsys, library: Path) -> None:
    code, _, err = run(
        capsys, "--data-dir", str(library), "export", "--format", "csv", "--from", "Sept"
    )
    assert code == 2 and "'Sept' is not a day" in err


def pdf_text(path: Path) -> str:
    """The PDF's text, words separated by single spaces (the reader gives tabs and lines)."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_application_log_lists_the_periods_applications(
    capsys, library: Path, tmp_path: Path
) -> None:
    target = tmp_path / "log.pdf"
    code, out, err = run(
        capsys, "--data-dir", str(library), "report",
        "--from", "2026-09-01", "--to", "2026-11-30", "--name", "Erika Mustermann",
        "-o", str(target),
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == f"wrote 3 applications to {target}"
    assert target.read_bytes().startswith(b"%PDF-")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    text = pdf_text(target)
    assert "Application log" in text
    assert "Erika Mustermann" in text and "2026-09-01 to 2026-11-30" in text
    for expected in (
        "2026-09-03 Acme Rockets Propulsion Engineer acme.example Interviewing",
        "Saved 2026-08-28 Applied 2026-09-03 Interviewing 2026-09-12",
        "2026-10-05 Borealis Data Data Analyst Rejected",
        "<b>Evil & Co</b> <i>Title</i>",  # printed as the text it is, not as markup
    ):
        assert expected in text
    assert "Cobalt Labs" not in text  # applied after the period
    assert "Delta Foods" not in text  # never applied
    assert text.index("Acme Rockets") < text.index("Evil & Co") < text.index("Borealis")


def test_an_empty_period_says_so(capsys, library: Path, tmp_path: Path) -> None:
    target = tmp_path / "empty.pdf"
    code, out, _ = run(
        capsys, "--data-dir", str(library), "report",
        "--from", "2025-01-01", "--to", "2025-01-31", "-o", str(target),
    )  # fmt: skip
    assert code == 0 and "wrote 0 applications" in out
    assert "No application in this period." in pdf_text(target)


def test_a_report_that_cannot_be_written_says_why(capsys, library: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "log.pdf"
    code, _, err = run(capsys, "--data-dir", str(library), "report", "-o", str(target))
    assert code == 1 and f"Cannot write {target}" in err and "Traceback" not in err
