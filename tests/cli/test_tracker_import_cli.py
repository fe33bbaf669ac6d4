"""``jobdeck import`` of spreadsheets and other trackers' exports, as a user runs it: each
preset read to the right fields, stages and dated history; the second import changes nothing;
bad rows named by number; a mapping file overrides the guess."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from tests.conftest import FIXTURES

TRACKERS = FIXTURES / "trackers"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def exported(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[str, dict[str, Any]]:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    assert code == 0, err
    return {doc["company"]: doc for doc in json.loads(out)}


def trail(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """The stage history as (stage, UTC time to the minute)."""
    return [(c["stage"], c["at"][:16]) for c in doc["stage_history"]]


def test_jobsync_export_keeps_its_dates_as_the_history(capsys, data_dir: Path) -> None:
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "import", str(TRACKERS / "jobsync.csv")
    )
    assert code == 0, err
    assert "through the JobSync CSV export preset" in out
    docs = exported(capsys, data_dir)
    quill = docs["Quillfeather Analytics"]
    assert quill["title"] == "Senior Data Engineer"
    assert quill["stage"] == "Interviewing"
    # The status has no date in the export: Interviewing is entered when the import learns of
    # it (the current stage is always the latest entry), after the export's own dates.
    assert trail(quill)[:2] == [("Saved", "2026-08-02T09:15"), ("Applied", "2026-08-04T14:30")]
    assert trail(quill)[2][0] == "Interviewing" and trail(quill)[2][1] > "2026-08-04T14:30"
    assert quill["work_model"] == "Remote" and quill["location"] == "Leipzig, Germany"
    assert "Where applied: LinkedIn" in quill["description"]
    assert docs["Marrowvale Robotics"]["stage"] == "Saved"  # "draft": not applied yet
    assert trail(docs["Marrowvale Robotics"]) == [("Saved", "2026-08-05T11:00")]
    assert docs["Tinderbox Games"]["stage"] == "Rejected"
    assert docs["Ostrander & Pell"]["stage"] == "Offer"


def test_huntr_download_lists_become_stages_and_html_becomes_text(capsys, data_dir: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(TRACKERS / "huntr.csv"))
    assert code == 0, err
    assert "Huntr data download preset" in out
    docs = exported(capsys, data_dir)
    assert {name: doc["stage"] for name, doc in docs.items()} == {
        "Fernwood Systems": "Saved",
        "Gravelpit Cloud": "Applied",
        "Hollowreed Studio": "Interviewing",
        "Ironbark Health": "Offer",
    }
    fern = docs["Fernwood Systems"]
    assert fern["url"] == "https://jobs.example.org/fernwood/42"
    assert "<" not in fern["description"] and "Build the platform." in fern["description"]
    assert "Kubernetes" in fern["description"]


def test_linkedin_applied_jobs_are_applied_on_their_day_and_time(capsys, data_dir: Path) -> None:
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "import", str(TRACKERS / "linkedin.csv")
    )
    assert code == 0, err
    assert "LinkedIn applied jobs preset" in out
    docs = exported(capsys, data_dir)
    assert {doc["stage"] for doc in docs.values()} == {"Applied"}
    (change,) = docs["Juniper Ledger"]["stage_history"]
    assert change["stage"] == "Applied"
    from datetime import datetime

    local = datetime.fromisoformat(change["at"]).astimezone()
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2026, 11, 25, 15, 15)
    kestrel = docs["Kestrel Freight"]
    # The contact is the company's contact, with a part in the application.
    (contact,) = kestrel["contacts"]
    assert contact["email"] == "recruiter@kestrel.example"
    assert contact["company"] == "Kestrel Freight" and contact["roles"] == ["other"]
    assert kestrel["url"] == "https://www.linkedin.com/jobs/view/1000000002"


def test_career_ops_markdown_tracker(capsys, data_dir: Path) -> None:
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "import", str(TRACKERS / "career-ops.md")
    )
    assert code == 0, err
    assert "(Markdown, 4 rows)" in out
    docs = exported(capsys, data_dir)
    assert {name: doc["stage"] for name, doc in docs.items()} == {
        "Moonwort Bio": "Applied",
        "Nettlebank": "Saved",
        "Oxbow Transit": "Interviewing",
        "Pebblecrest": "Withdrawn",
    }
    assert docs["Oxbow Transit"]["title"] == "Product Manager"
    # The row's notes are the application's note, not lines of the posting's text.
    assert [n["text"] for n in docs["Oxbow Transit"]["notes"]] == ["Panel on 10-20"]
    assert "Panel on 10-20" not in (docs["Oxbow Transit"]["description"] or "")


@pytest.mark.parametrize("name", ["jobsync.csv", "huntr.csv", "linkedin.csv", "career-ops.md"])
def test_the_second_import_of_the_same_file_changes_nothing(
    capsys, data_dir: Path, name: str
) -> None:
    path = str(TRACKERS / name)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", path)
    assert code == 0, err
    before = exported(capsys, data_dir)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", path)
    assert code == 0, err
    assert "saved #" not in out and "updated #" not in out
    assert out.count("unchanged #") == len(before)
    assert exported(capsys, data_dir) == before


def test_a_matching_row_fills_only_the_empty_fields(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    first.write_text("Company,Title,Location\nAcme,Dev,Berlin\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(
        "Company,Title,Location,Link\nAcme,Dev,Munich,https://acme.example/dev\n", encoding="utf-8"
    )
    run(capsys, "--data-dir", str(data_dir), "import", str(first))
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(second))
    assert code == 0, err
    assert "updated #1 Acme: Dev" in out
    (doc,) = exported(capsys, data_dir).values()
    assert doc["location"] == "Berlin"  # the user's own value stays
    assert doc["url"] == "https://acme.example/dev"  # the empty one is filled
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "import", "--on-duplicate", "update", str(second)
    )
    assert exported(capsys, data_dir)["Acme"]["location"] == "Munich"  # when the user asks


def test_applying_twice_to_one_job_is_two_applications(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "twice.csv"
    sheet.write_text(
        "Company,Title,Applied on,Status\n"
        "Acme,Dev,2026-03-01,Rejected\n"
        "Acme,Dev,2026-10-01,Applied\n",
        encoding="utf-8",
    )
    for _ in range(2):
        code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(sheet))
        assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    docs = json.loads(out)
    assert sorted((d["stage"], d["stage_history"][0]["at"][:10]) for d in docs) == [
        ("Applied", "2026-10-01"),
        ("Rejected", "2026-03-01"),
    ]


def test_bad_rows_are_named_and_the_rest_imported(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "mixed.csv"
    sheet.write_text(
        "Company,Title,Status,Date Applied\n"
        "Acme,Dev,Applied,2026-09-01\n"
        ",,Applied,2026-09-02\n"
        "Beta,Ops,Applied,next tuesday\n"
        "Gamma,QA,Coffee chat,2026-09-03\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(sheet))
    assert code == 1
    assert f"refused {sheet}: row 3: no company and no title" in err
    assert f"refused {sheet}: row 4: the date applied 'next tuesday' is not a date" in err
    assert "row 5: the status 'Coffee chat' has no stage; imported as Applied" in out
    assert "Traceback" not in err
    docs = exported(capsys, data_dir)
    assert set(docs) == {"Acme", "Gamma"}
    assert docs["Gamma"]["stage"] == "Applied"


def test_a_mapping_file_names_the_columns_and_statuses(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "own.csv"
    sheet.write_text(
        "Firm;What;Where;Sent;Result\nAcme;Dev;Berlin;14.09.2026;Coffee chat\n", encoding="utf-8"
    )
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps(
            {
                "columns": {"company": "Firm", "title": "What", "location": "Where",
                            "applied": "Sent", "status": "Result"},
                "statuses": {"Coffee chat": "Screening"},
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "import", "--mapping", str(mapping), str(sheet)
    )
    assert code == 0, err
    assert f"through the mapping in {mapping}" in out
    doc = exported(capsys, data_dir)["Acme"]
    assert doc["stage"] == "Screening" and doc["location"] == "Berlin"
    assert [c["stage"] for c in doc["stage_history"]] == ["Applied", "Screening"]
    assert doc["stage_history"][0]["at"][:10] == "2026-09-14"


@pytest.mark.parametrize(
    ("mapping", "reason"),
    [
        ("{not json", "not a JSON mapping"),
        ('{"columns": {"employer": "Firm"}}', "unknown field 'employer'"),
        ('{"columns": {"company": "Nope"}}', "a column the table lacks"),
        ('{"columns": {"location": "Firm"}}', "no column is a company or a title"),
    ],
)
def test_a_bad_mapping_is_refused_by_name(
    capsys, data_dir: Path, tmp_path: Path, mapping: str, reason: str
) -> None:
    sheet = tmp_path / "own.csv"
    sheet.write_text("Firm,What\nAcme,Dev\n", encoding="utf-8")
    path = tmp_path / "mapping.json"
    path.write_text(mapping, encoding="utf-8")
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "import", "--mapping", str(path), str(sheet)
    )
    assert code == 1
    assert reason in err and "Traceback" not in err


def test_a_sheet_whose_headers_mean_nothing_asks_for_a_mapping(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("A,B,C\n1,2,3\n", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(sheet))
    assert code == 1
    assert "no column is a company or a title" in err and "--mapping" in err


def test_a_markdown_posting_is_still_read_as_a_posting(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    posting = tmp_path / "posting.md"
    posting.write_text(
        "# Senior Gardener\n\n**Company:** Greenleaf Estates\n\n## About the role\n\n"
        "Tend the gardens of a large estate, plan the seasons and lead two apprentices.\n",
        encoding="utf-8",
    )
    _code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(posting))
    assert "rows)" not in out
    assert "no column is a company" not in err


def test_two_rows_filling_one_posting_both_count(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    first.write_text("Company,Title,Link\nAcme,Dev,https://acme.example/1\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(
        "Company,Title,Link,Location,Salary\n"
        "Acme,Dev,https://acme.example/1,Berlin,\n"
        "Acme,Dev,https://acme.example/1,,€60k - €70k\n",
        encoding="utf-8",
    )
    run(capsys, "--data-dir", str(data_dir), "import", str(first))
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(second))
    assert code == 0, err
    (doc,) = exported(capsys, data_dir).values()
    assert doc["location"] == "Berlin"
    assert (doc["salary"]["min"], doc["salary"]["max"]) == (60000, 70000)


def test_an_excel_workbook_is_imported_with_its_dates(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employer", "Position", "Stage", "Applied On", "Apply Link"])
    sheet.append(["Acme", "Dev", "On-site", datetime(2026, 9, 3), "https://acme.example/1"])
    sheet.append(["Beta", "Ops", "Bookmarked", None, None])
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    for _ in range(2):
        code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(path))
        assert code == 0, err
    assert "(Excel, 2 rows)" in out and out.count("unchanged #") == 2
    docs = exported(capsys, data_dir)
    assert docs["Acme"]["stage"] == "Interviewing" and docs["Beta"]["stage"] == "Saved"
    assert trail(docs["Acme"])[0][0] == "Applied"
    assert docs["Acme"]["stage_history"][0]["at"][:10] == "2026-09-03"


def test_a_sheet_dates_the_application_of_a_posting_saved_before(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    link = "https://jobs.example.org/wrenfield/3"
    saved = tmp_path / "saved.csv"
    saved.write_text(f"Company,Title,Link,Date Saved\nWrenfield,Designer,{link},2026-10-05\n")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(saved))
    assert code == 0, err
    sheet = tmp_path / "applied.csv"
    sheet.write_text(
        "Company,Title,Link,Status,Date Applied,Notes\n"
        f"Wrenfield,Designer,{link},Applied,2026-10-02,Portfolio sent\n"
    )
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(sheet))
    assert code == 0, err
    assert "updated #1 Wrenfield: Designer" in out
    doc = exported(capsys, data_dir)["Wrenfield"]
    assert doc["stage"] == "Applied"
    assert [(c["stage"], c["at"][:10]) for c in doc["stage_history"]] == [
        ("Saved", "2026-10-02"),
        ("Applied", "2026-10-02"),
    ]
    assert [n["text"] for n in doc["notes"]] == ["Portfolio sent"]
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(sheet))
    assert code == 0, err
    assert "unchanged #1 Wrenfield: Designer" in out


def test_a_stage_the_sheet_dates_after_the_current_one_is_named_and_left_out(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    link = "https://jobs.example.org/wrenfield/4"
    first = tmp_path / "first.csv"
    first.write_text(
        f"Company,Title,Link,Status,Status Date\nWrenfield,Writer,{link},Offer,2026-10-10\n"
    )
    assert run(capsys, "--data-dir", str(data_dir), "import", str(first))[0] == 0
    later = tmp_path / "later.csv"
    later.write_text(
        f"Company,Title,Link,Status,Status Date\nWrenfield,Writer,{link},Interview,2026-10-15\n"
    )
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(later))
    assert code == 0, err
    (note,) = [line for line in out.splitlines() if "Interviewing" in line]
    assert "would come after “Offer”" in note and "left out" in note
    assert exported(capsys, data_dir)["Wrenfield"]["stage"] == "Offer"


def test_a_dry_run_shows_what_a_saved_posting_would_gain_and_saves_nothing(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    link = "https://jobs.example.org/wrenfield/5"
    saved = tmp_path / "saved.csv"
    saved.write_text(f"Company,Title,Link,Date Saved\nWrenfield,Editor,{link},2026-10-05\n")
    assert run(capsys, "--data-dir", str(data_dir), "import", str(saved))[0] == 0
    before = exported(capsys, data_dir)["Wrenfield"]
    sheet = tmp_path / "applied.csv"
    sheet.write_text(
        "Company,Title,Link,Status,Date Applied,Notes,Contact,Location\n"
        f"Wrenfield,Editor,{link},Interview,2026-10-02,Portfolio sent,"
        '"Anna Schmidt (Recruiter); Ben Meyer",Leipzig\n'
        "Larkspur,Proofreader,https://jobs.example.org/larkspur/6,Applied,2026-10-03,,,\n"
    )
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", "--dry-run", str(sheet))
    assert code == 0, err
    gains = [line.split("would gain: ", 1)[1] for line in out.splitlines() if "would gain" in line]
    assert "would update #1 Wrenfield: Editor" in out
    assert "would save Larkspur: Proofreader" in out
    assert "the location it lacked" in gains
    assert "note “Portfolio sent”" in gains
    assert "Anna Schmidt as recruiter" in gains and "Ben Meyer as other" in gains
    assert any(g.startswith("stage “Applied” on 02 Oct 2026") for g in gains)
    assert any(g.startswith("stage “Interviewing” on 05 Oct 2026") for g in gains)
    assert "a move to “Interviewing”" in gains
    # The status has no date in the sheet: the preview says where it goes.
    assert "“Interviewing” has no date in the sheet" in out
    # Nothing was saved.
    after = exported(capsys, data_dir)
    assert list(after) == ["Wrenfield"] and after["Wrenfield"] == before
    # The import then does what the dry run showed.
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(sheet))
    assert code == 0, err
    doc = exported(capsys, data_dir)["Wrenfield"]
    assert doc["stage"] == "Interviewing" and doc["location"] == "Leipzig"
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", "--dry-run", str(sheet))
    assert "would leave #1 Wrenfield: Editor unchanged" in out
