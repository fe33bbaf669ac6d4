"""``jobdeck import https://...``: the same document as the recorded response imported as a
file; every failure a one-line message naming its cause, exit 1, nothing saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.services import web_client
from tests.cli.test_import_export_cli import run
from tests.link_server import RECORDED, LocalWeb, web_fixture  # noqa: F401

CASES = [
    (
        "https://job-boards.greenhouse.io/tidewaterlabs/jobs/4400123?gh_src=news",
        "/v1/boards/tidewaterlabs/jobs/4400123",
        "greenhouse-job.json",
    ),
    (
        "https://apply.workable.com/harbourlight/j/FE12AB34/",
        "/api/v2/accounts/harbourlight/jobs/FE12AB34",
        "workable-job.json",
    ),
    (
        "https://northwind.wd5.myworkdayjobs.com/en-US/Careers/job/Omaha-NE/"
        "Fleet-Maintenance-Planner_R0042",
        "/wday/cxs/northwind/Careers/job/Omaha-NE/Fleet-Maintenance-Planner_R0042",
        "workday-job.json",
    ),
    (None, "/jobs/gardener", "jobposting-page.html"),
]


def without_capture_time(docs: list[dict]) -> list[dict]:
    return [{k: v for k, v in doc.items() if k != "captured_at"} for doc in docs]


@pytest.mark.parametrize(
    ("link", "path", "recorded"), CASES, ids=["greenhouse", "workable", "workday", "json-ld page"]
)
def test_a_link_imports_as_its_recorded_response_does(
    capsys, web: LocalWeb, data_dir: Path, link: str | None, path: str, recorded: str
) -> None:
    kind = "application/json" if recorded.endswith(".json") else "text/html; charset=utf-8"
    served = web.recorded(path, recorded, kind)
    link = link or served
    code, from_link, err = run(capsys, "--data-dir", str(data_dir), "import", "--dry-run",
                               "--json", link)  # fmt: skip
    assert code == 0, err
    code, from_file, err = run(capsys, "--data-dir", str(data_dir), "import", "--dry-run",
                               "--json", str(RECORDED / recorded))  # fmt: skip
    assert code == 0, err
    assert without_capture_time(json.loads(from_link)) == without_capture_time(
        json.loads(from_file)
    )

    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", link)
    assert code == 0, err
    assert out.startswith("saved #1 ")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    (saved,) = json.loads(out)
    assert saved["raw"] == (RECORDED / recorded).read_text(encoding="utf-8")


def test_a_page_without_its_own_link_keeps_the_link_given(
    capsys, web: LocalWeb, data_dir: Path
) -> None:
    link = web.recorded("/bike-mechanic", "plain-page.html", "text/html")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", link + "?utm_source=x")
    assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    (saved,) = json.loads(out)
    assert saved["url"] == link and saved["title"] == "Bike Mechanic"


def _failures(web: LocalWeb) -> list[tuple[str, str]]:
    web.redirect("/loop", "/loop")
    web.add("/slow", "<html><body><h1>Late</h1></body></html>", delay=5)
    web.add("/huge", b"<html><body>" + b"a" * (6 * 1024 * 1024), length=False)
    web.gzip_bomb("/bomb")
    web.add("/pdf", b"%PDF-1.7" * 100, content_type="application/pdf")
    web.add("/jobs/view/9", "<html><body>denied</body></html>", status=999)
    web.add("/forbidden", "<html><body>denied</body></html>", status=403)
    return [
        (web.url("/gone"), "not found (HTTP 404)"),
        (web.url("/loop"), "more than 5 redirects"),
        (web.url("/slow"), "timed out"),
        (web.url("/huge"), "larger than 5 MB"),
        (web.url("/bomb"), "unpacks to more than 5 MB"),
        (web.url("/pdf"), "a PDF file"),
        (web.url("/jobs/view/9", host="www.linkedin.com"), "LinkedIn shows this job only"),
        (web.url("/forbidden"), "login required or robots blocked"),
        ("https://nowhere.invalid/job/1", "could not find nowhere.invalid"),
        ("file:///etc/passwd", "only http and https"),
        ("data:text/html,<h1>Job</h1>", "only http and https"),
    ]


def test_every_failure_is_one_line_exit_1_and_saves_nothing(
    capsys, web: LocalWeb, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Long enough for every quick answer on a busy machine, short of /slow's 5 s.
    monkeypatch.setattr(web_client, "TIMEOUT_S", 2.0)
    for link, cause in _failures(web):
        code, out, err = run(capsys, "--data-dir", str(data_dir), "import", link)
        assert code == 1, link
        assert err.count("\n") == 1 and err.startswith(f"refused {link}: "), err
        assert cause in err and "Traceback" not in err
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "--format", "json")
    assert json.loads(out) == []


def test_a_saved_link_is_skipped_before_anything_is_fetched(
    capsys, web: LocalWeb, data_dir: Path
) -> None:
    link = web.recorded("/jobs/gardener", "jobposting-page.html", "text/html")
    # The page names its canonical link: saved under that, found by it again.
    canonical = "https://careers.fernhollow.example/jobs/greenhouse-gardener"
    assert run(capsys, "--data-dir", str(data_dir), "import", link)[0] == 0
    web.asked.clear()
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "import", canonical + "?utm_source=mail"
    )
    assert code == 0, err
    assert "skipped Fernhollow Nursery: Greenhouse Gardener: already saved as #1 (same link)" in out
    assert web.asked == []
    # Asked to update it, the link is fetched and the saved posting updated.
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "import", "--on-duplicate", "update", link
    )
    assert code == 0, err
    assert out.startswith("updated #1 ")
