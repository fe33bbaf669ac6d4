"""The JSON export carries each application's interviews and tasks; importing it gives them
back (same times, zones and UIDs), and importing it again adds none of them twice."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop.core.document import DocumentError, from_json
from desktop.services import interviews, postings, tasks
from desktop.services.library import Library, open_library
from tests.cli.test_import_export_cli import run
from tests.samples import amazon_document

PARIS = ZoneInfo("Europe/Paris")


def _filled(data_dir: Path) -> int:
    db = open_library(data_dir)
    try:
        job = postings.create_posting(db, amazon_document(title="Engineer")).value
        start = datetime(2026, 12, 3, 14, 0, tzinfo=ZoneInfo("America/New_York"))
        made = interviews.new_interview(
            job, "panel", start, ends_at=start + timedelta(hours=1), place="https://meet.example/x",
            interviewers=("Ann Lee",), prep_notes="Read the paper", outcome="Went well",
        )  # fmt: skip
        interviews.add_interview(db, made)
        due = tasks.new_task(
            job, "Thank Ann", date(2026, 12, 4), at=time(9, 30), time_zone="Europe/Paris"
        )
        done_id = tasks.add_task(db, due).value
        tasks.set_done(db, done_id, now=datetime(2026, 12, 4, 10, 0, tzinfo=PARIS))
        tasks.add_task(db, tasks.new_task(job, "Negotiate", date(2026, 12, 10), time_zone="UTC"))
        return job
    finally:
        db.close()


def _agenda_of(db: Library, posting_id: int) -> tuple[list[object], list[object]]:
    return (
        [replace(i, id=0, posting_id=0) for i in interviews.interviews_of(db, posting_id)],
        [replace(t, id=0, posting_id=None) for t in tasks.tasks_of(db, posting_id)],
    )


def test_export_then_import_gives_the_same_interviews_and_tasks(capsys, tmp_path: Path) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    job = _filled(source)
    exported = tmp_path / "export.json"
    assert (
        run(capsys, "--data-dir", str(source), "export", "--format", "json", "-o", str(exported))[0]
        == 0
    )
    (doc,) = json.loads(exported.read_text(encoding="utf-8"))
    assert doc["interviews"][0]["start"] == "2026-12-03T14:00:00-05:00"
    assert doc["interviews"][0]["time_zone"] == "America/New_York"
    assert [t["title"] for t in doc["tasks"]] == ["Thank Ann", "Negotiate"]
    assert doc["tasks"][0]["due_at"] == "2026-12-04T09:30:00+01:00"

    for _ in range(2):  # the second import adds nothing twice
        code, _out, err = run(capsys, "--data-dir", str(target), "import", str(exported))
        assert code == 0, err
    before, after = open_library(source), open_library(target)
    try:
        (imported,) = postings.list_posting_ids(after)
        assert _agenda_of(after, imported) == _agenda_of(before, job)
    finally:
        before.close()
        after.close()


def test_a_posting_without_interviews_or_tasks_exports_as_it_always_did(db: Library) -> None:
    from desktop.services.export import export_json

    postings.create_posting(db, amazon_document())
    (doc,) = json.loads(export_json(db))
    assert "interviews" not in doc and "tasks" not in doc


def test_bad_interviews_and_tasks_in_a_file_are_named() -> None:
    base = {"title": "T", "company": "C"}
    for extra, expected in (
        ({"interviews": {}}, "interviews must be a list"),
        ({"interviews": [{"kind": "lunch"}]}, "interviews[0].kind must be one of"),
        ({"interviews": [{"kind": "final", "uid": "u"}]}, "interviews[0].start is needed"),
        (
            {"interviews": [{"kind": "final", "start": "2026-12-01T10:00", "uid": "u"}]},
            "interviews[0].start needs a time zone",
        ),
        ({"tasks": [{"title": "x", "due_on": "soon", "uid": "u"}]}, "tasks[0].due_on"),
        (
            {"tasks": [{"title": "x", "due_on": "2026-12-01", "time_zone": "Mars/X", "uid": "u"}]},
            "tasks[0].time_zone",
        ),
        ({"tasks": [{"title": "x", "due_on": "2026-12-01"}]}, "tasks[0].uid"),
    ):
        try:
            from_json({**base, **extra})
        except DocumentError as error:
            assert expected in str(error), (extra, error)
        else:
            raise AssertionError(f"{extra} was accepted")


def _free(db: Library) -> list[object]:
    from desktop.storage import agenda_transfer  # the rows, as the export reads them

    with db.querying() as connection:
        return [replace(t, id=0) for t in agenda_transfer.free_tasks(connection)]


def test_tasks_of_no_application_go_out_on_the_first_document_and_come_back_once(
    capsys, tmp_path: Path
) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    _filled(source)
    db = open_library(source)
    try:
        postings.create_posting(db, amazon_document(title="Second"))
        cv = tasks.new_task(None, "Update the CV", date(2026, 12, 8), time_zone="Europe/Paris")
        call = tasks.new_task(
            None, "Call the agency", date(2026, 12, 9), at=time(11, 0), time_zone="Asia/Kolkata"
        )
        tasks.add_tasks(db, [cv, call])
        tasks.set_done(db, tasks.add_task(db, replace(cv, title="Book a room", uid="r@x")).value)
        expected = _free(db)
    finally:
        db.close()
    exported = tmp_path / "export.json"
    code, _out, err = run(
        capsys, "--data-dir", str(source), "export", "--format", "json", "-o", str(exported)
    )
    assert code == 0, err
    first, second = json.loads(exported.read_text(encoding="utf-8"))
    assert [t["title"] for t in first["free_tasks"]] == [
        "Update the CV",
        "Book a room",
        "Call the agency",
    ]
    assert first["free_tasks"][2]["due_at"] == "2026-12-09T11:00:00+05:30"
    assert "free_tasks" not in second

    # Imported twice (the second time every posting is a duplicate, skipped): once each.
    for _ in range(2):
        code, _out, err = run(capsys, "--data-dir", str(target), "import", str(exported))
        assert code == 0, err
    after = open_library(target)
    try:
        assert _free(after) == expected
    finally:
        after.close()


def test_free_tasks_that_are_wrong_are_refused_by_name() -> None:
    doc = to_json_with_free_tasks([{"title": "Update the CV", "due_on": "next week"}])
    try:
        from_json(doc)
    except DocumentError as error:
        assert "free_tasks[0].due_on" in str(error)
    else:
        raise AssertionError("a free task with a bad day was read")


def to_json_with_free_tasks(items: list[dict[str, object]]) -> dict[str, object]:
    from desktop.core.document import to_json

    doc = to_json(amazon_document())
    doc["free_tasks"] = items
    return doc


def _only_free_tasks(data_dir: Path) -> list[object]:
    """A library with tasks of no application and no posting: every kind of task."""
    db = open_library(data_dir)
    try:
        made = [
            tasks.new_task(None, "Update the CV", date(2026, 12, 8), time_zone="Europe/Paris"),
            tasks.new_task(
                None, "Call the agency", date(2026, 12, 9), at=time(11, 0), time_zone="Asia/Kolkata"
            ),
            tasks.new_task(
                None,
                "Book a room",
                date(2026, 12, 2),
                at=time(23, 30),
                time_zone="Pacific/Auckland",
            ),
        ]
        ids = tasks.add_tasks(db, made).value
        tasks.set_done(db, ids[2], now=datetime(2026, 12, 1, 9, 0, tzinfo=PARIS))
        return _free(db)
    finally:
        db.close()


def test_tasks_of_a_library_with_no_posting_go_out_in_the_library_record_and_come_back(
    capsys, tmp_path: Path
) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    expected = _only_free_tasks(source)
    exported = tmp_path / "export.json"
    code, out, err = run(
        capsys, "--data-dir", str(source), "export", "--format", "json", "-o", str(exported)
    )
    assert code == 0, err
    (record,) = json.loads(exported.read_text(encoding="utf-8"))  # no longer an empty array
    assert record["jobdeck_library"] == 1
    assert [t["title"] for t in record["free_tasks"]] == [
        "Book a room",
        "Update the CV",
        "Call the agency",
    ]
    assert not {"title", "company", "raw", "stage"} & record.keys()  # no posting's keys

    code, out, err = run(capsys, "--data-dir", str(target), "import", "--dry-run", str(exported))
    assert (code, out) == (0, "would add 3 task(s) of no application\n"), err
    code, out, err = run(capsys, "--data-dir", str(target), "import", str(exported))
    assert (code, out) == (0, "added 3 task(s) of no application\n"), err
    code, out, err = run(capsys, "--data-dir", str(target), "import", str(exported))
    assert (code, out) == (0, "added 0 task(s) of no application (3 already in the library)\n")
    after = open_library(target)
    try:
        assert _free(after) == expected  # every field: day, instant, zone, done, UID
    finally:
        after.close()
    # Exported again from the library it went to: the same file.
    again = tmp_path / "again.json"
    run(capsys, "--data-dir", str(target), "export", "--format", "json", "-o", str(again))
    assert json.loads(again.read_text(encoding="utf-8")) == [record]


def test_a_library_record_through_standard_input_and_one_that_is_wrong(
    capsys, tmp_path: Path, monkeypatch
) -> None:
    import io
    import sys

    source, target = tmp_path / "a", tmp_path / "b"
    expected = _only_free_tasks(source)
    code, out, _ = run(capsys, "--data-dir", str(source), "export", "--format", "json")
    assert code == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(out.encode())))
    assert run(capsys, "--data-dir", str(target), "import", "-")[0] == 0
    after = open_library(target)
    try:
        assert _free(after) == expected
    finally:
        after.close()

    for record, named in (
        ({"jobdeck_library": 2, "free_tasks": []}, "version 2"),
        ({"jobdeck_library": 1, "free_tasks": [{"title": "x", "due_on": "soon"}]}, "due_on"),
    ):
        wrong = tmp_path / "wrong.json"
        wrong.write_text(json.dumps([record]), encoding="utf-8")
        code, _out, err = run(capsys, "--data-dir", str(target), "import", str(wrong))
        assert code == 1 and named in err and "Traceback" not in err, err


def test_a_file_with_postings_and_a_library_record_imports_both(capsys, tmp_path: Path) -> None:
    # Jobdeck never writes one (the tasks ride on the first posting), but two exports joined by
    # hand may: every posting and every task comes in.
    source, target = tmp_path / "a", tmp_path / "b"
    _filled(source)
    exported = tmp_path / "export.json"
    run(capsys, "--data-dir", str(source), "export", "--format", "json", "-o", str(exported))
    records = tmp_path / "records"
    free = _only_free_tasks(records)
    run(capsys, "--data-dir", str(records), "export", "--format", "json", "-o", str(tmp_path / "r"))
    joined = tmp_path / "joined.json"
    joined.write_text(
        json.dumps(
            json.loads(exported.read_text(encoding="utf-8"))
            + json.loads((tmp_path / "r").read_text(encoding="utf-8"))
        ),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--data-dir", str(target), "import", str(joined))
    assert code == 0, err
    assert "added 3 task(s) of no application" in out and "saved #1" in out
    after = open_library(target)
    try:
        assert _free(after) == free
        assert len(tasks.tasks_of(after, 1)) == 2
    finally:
        after.close()
