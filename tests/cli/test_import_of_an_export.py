"""``jobdeck import`` of Jobdeck's own export: the library's backup, read as it goes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.importers import export_stream
from tests.cli.test_import_export_cli import SAMPLE, run


def _library_with(capsys: pytest.CaptureFixture[str], data_dir: Path, count: int) -> list[dict]:
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(count):
        posting = data_dir.parent / f"posting-{i}.txt"
        posting.write_text(text.replace("2026 Applied Science", f"2026 Applied Science {i}"))
        keep = ("--on-duplicate", "keep")  # the same text with another title
        code, _, err = run(capsys, "--data-dir", str(data_dir), "import", *keep, str(posting))
        assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    assert code == 0
    return json.loads(out)


def _export(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict]:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _without_ids(documents: list[dict]) -> list[dict]:
    return [{k: v for k, v in doc.items() if k != "id"} for doc in documents]


@pytest.mark.parametrize("layout", ["indented", "compact", "with a byte-order mark"])
def test_an_export_restores_every_posting_across_read_boundaries(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    exported = _library_with(capsys, tmp_path / "old", 3)
    text = json.dumps(exported, ensure_ascii=False, indent=None if layout == "compact" else 2)
    backup = tmp_path / "backup.json"
    backup.write_text(("\ufeff" if "mark" in layout else "") + text, encoding="utf-8")
    # A tiny read size makes every posting span many reads of the file.
    monkeypatch.setattr(export_stream, "CHUNK_CHARS", 97)
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "new"), "import", str(backup))
    assert code == 0, err
    assert out.count("saved #") == 3
    assert _without_ids(_export(capsys, tmp_path / "new")) == _without_ids(exported)


def test_a_cut_off_export_is_refused_as_broken_json_and_nothing_is_saved(
    capsys, tmp_path: Path
) -> None:
    exported = _library_with(capsys, tmp_path / "old", 2)
    backup = tmp_path / "backup.json"
    backup.write_bytes(json.dumps(exported, indent=2).encode()[:5000])  # head -c 5000
    code, _out, err = run(capsys, "--data-dir", str(tmp_path / "new"), "import", str(backup))
    assert code == 1
    assert "broken JSON" in err and str(backup) in err
    assert _export(capsys, tmp_path / "new") == []


def test_a_bad_posting_in_an_export_is_refused_by_number_and_the_rest_are_saved(
    capsys, tmp_path: Path
) -> None:
    exported = _library_with(capsys, tmp_path / "old", 3)
    exported[1]["work_model"] = "On the moon"
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(exported), encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", str(tmp_path / "new"), "import", str(backup))
    assert code == 1
    assert "posting 2" in err and "work_model" in err
    assert [d["title"] for d in _export(capsys, tmp_path / "new")] == [
        exported[0]["title"],
        exported[2]["title"],
    ]


def test_importing_the_same_export_twice_saves_nothing_the_second_time(
    capsys, tmp_path: Path
) -> None:
    exported = _library_with(capsys, tmp_path / "old", 2)
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(exported), encoding="utf-8")
    new = tmp_path / "new"
    assert run(capsys, "--data-dir", str(new), "import", str(backup))[0] == 0
    code, out, _ = run(capsys, "--data-dir", str(new), "import", str(backup))
    assert code == 0
    assert out.count("skipped") == 2 and "saved #" not in out
    assert len(_export(capsys, new)) == 2
