"""Numbers, dates and text no library can hold are refused or dropped with a note, never saved;
a bad value an older Jobdeck did save reads as unknown instead of breaking every read."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.document import to_json
from desktop.core.posting import PostingDocument, Salary, StageChange
from desktop.services import export, importing, postings
from desktop.services.library import Library, open_library
from tests.samples import amazon_document


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def strict_json(text: str) -> object:
    """json.loads that refuses NaN and Infinity, as every other JSON reader does."""

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def export_text(doc: PostingDocument, **salary: object) -> str:
    """A Jobdeck export of ``doc`` whose salary numbers are spelled as given (raw JSON)."""
    out = to_json(doc.with_changes(salary=Salary(1, 2, "USD", "year", "a lot")))
    text = json.dumps([out])
    for key, spelled in salary.items():
        text = text.replace(f'"{key}": {1 if key == "min" else 2}', f'"{key}": {spelled}')
    return text


@pytest.mark.parametrize(
    ("spelled", "named"),
    [
        ("1e400", "salary.min must be a finite number"),
        ("Infinity", "salary.min must be a finite number"),
        ("NaN", "salary.min must be a finite number"),
        ("9" * 400, "salary.min is beyond"),
        ("1e16", "salary.min is beyond"),
        ("-5", "salary.min is negative"),
        ("3", "salary.min (3) is above salary.max (2)"),
    ],
)
def test_an_export_with_a_number_no_library_can_hold_is_refused_by_name(
    capsys, data_dir: Path, tmp_path: Path, spelled: str, named: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(export_text(amazon_document(), min=spelled), encoding="utf-8")
    for dry in ([], ["--dry-run", "--json"]):
        code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(bad), *dry)
        assert code == 1
        assert named in err and "Traceback" not in err
        if dry:
            assert strict_json(out) == []  # NaN never reaches --json
    db = open_library(data_dir)
    assert postings.count_postings(db) == 0
    db.close()


def test_a_json_ld_salary_or_date_beyond_reach_is_dropped_with_a_note(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    page = tmp_path / "posting.json"
    page.write_text(
        '{"@context": "https://schema.org", "@type": "JobPosting", "title": "Engineer",'
        ' "hiringOrganization": {"@type": "Organization", "name": "Acme"},'
        ' "description": "Build things for people all day long, with care.",'
        ' "datePosted": "0001-01-01T00:00:00+14:00",'
        ' "baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value":'
        ' {"@type": "QuantitativeValue", "minValue": 1e400, "maxValue": 1e400,'
        ' "unitText": "YEAR"}}}',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", str(page), "--json")
    assert code == 0, err
    (doc,) = strict_json(out)
    assert doc["posted_at"] is None
    assert "posted_at (0001-01-01) is outside the years 1900-9999" in err
    assert not doc["salary"] or doc["salary"]["min"] is None


@pytest.mark.parametrize(
    "doc",
    [
        amazon_document(salary=Salary(float("inf"), None, "USD", "year", "x")),
        amazon_document(salary=Salary(float("nan"), None, "USD", "year", "x")),
        amazon_document(salary=Salary(-1, 5, "USD", "year", "x")),
        amazon_document(salary=Salary(9, 5, "USD", "year", "x")),
        amazon_document(posted_at=datetime(1, 1, 1, tzinfo=UTC)),
        amazon_document(stage_history=(StageChange("Saved", datetime(1, 1, 1, tzinfo=UTC)),)),
    ],
)
def test_the_form_and_the_batch_path_refuse_what_cannot_be_stored(db: Library, doc) -> None:
    with pytest.raises(postings.InvalidPosting, match="cannot be saved"):
        postings.create_posting(db, doc)
    good = amazon_document(title="Fine")
    report = importing.save_many(
        db,
        [(good, importing.Decision.SAVE_NEW, None), (doc, importing.Decision.SAVE_NEW, None)],
        lambda *_: None,
        threading.Event(),
    )
    assert len(report.failures) == 1 and "cannot be saved" in report.failures[0]
    assert [d.title for d in postings.all_documents(db)] == ["Fine"]


def _poison(db: Library, posting_id: int) -> None:
    """What an older Jobdeck saved: an infinite salary and a time that is no time."""
    with sqlite3.connect(db.path) as conn:
        conn.execute(
            "UPDATE postings SET salary_min = ?, salary_max = ?, posted_at = ? WHERE id = ?",
            (float("inf"), float("-inf"), "not a time", posting_id),
        )
    conn.close()


def test_an_existing_bad_row_reads_as_unknown_everywhere(capsys, data_dir: Path) -> None:
    db = open_library(data_dir)
    bad = postings.create_posting(db, amazon_document()).value
    postings.create_posting(db, amazon_document(title="Other"))
    _poison(db, bad)
    doc = postings.get_posting(db, bad)
    assert doc.salary is None or (doc.salary.min is None and doc.salary.max is None)
    assert doc.posted_at is None
    assert len(strict_json(export.export_json(db))) == 2
    assert "Other" in export.export_csv(db)
    listed = postings.posting_rows(db, [bad])[bad].salary
    assert listed is None or listed.max is None
    postings.update_posting(db, bad, doc.with_changes(title="Edited"))
    db.close()
    code, out, err = run(capsys, "--data-dir", str(data_dir), "list")
    assert code == 0 and "Edited" in out, err
    code, out, err = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    assert code == 0 and len(strict_json(out)) == 2, err
    db = open_library(data_dir)
    postings.delete_posting(db, bad)
    assert postings.count_postings(db) == 1
    db.close()
