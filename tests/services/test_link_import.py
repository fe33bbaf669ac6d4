"""Saving a posting from its link: the best source, the careful client, every way it fails.

Every response comes from a local server (tests/link_server.py); nothing reaches the internet.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from desktop.core.document import to_json
from desktop.importers.job_links import clean_link, links_in, sources
from desktop.services import importing, link_import, postings, web_client
from desktop.services.library import Library
from desktop.services.link_import import FetchCancelled, LinkRefused, read_link, read_links
from tests.link_server import RECORDED, LocalWeb, web_fixture  # noqa: F401

AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def comparable(doc) -> dict:
    return to_json(replace(doc, captured_at=AT))


def as_file(name: str) -> dict:
    (result,) = importing.read_documents((RECORDED / name).read_bytes(), name, captured_at=AT)
    return comparable(result.document)


# -- the best source: each ATS's job JSON ------------------------------------------------------

ATS_CASES = [
    (
        "https://job-boards.greenhouse.io/tidewaterlabs/jobs/4400123?gh_src=abc",
        "/v1/boards/tidewaterlabs/jobs/4400123",
        "greenhouse-job.json",
    ),
    (
        "https://boards.greenhouse.io/embed/job_app?for=tidewaterlabs&token=4400123",
        "/v1/boards/tidewaterlabs/jobs/4400123",
        "greenhouse-job.json",
    ),
    (
        "https://jobs.lever.co/quillfeather/5f1c2a9e-1111-4222-8333-944455556666",
        "/v0/postings/quillfeather/5f1c2a9e-1111-4222-8333-944455556666",
        "lever-posting.json",
    ),
    (
        "https://jobs.smartrecruiters.com/CrumbAndCo/744000012345678-bakery-shift-supervisor",
        "/v1/companies/CrumbAndCo/postings/744000012345678",
        "smartrecruiters-posting.json",
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
]


@pytest.mark.parametrize(
    ("link", "endpoint", "recorded"),
    ATS_CASES,
    ids=["greenhouse", "greenhouse-embed", "lever", "smartrecruiters", "workable", "workday"],
)
def test_an_ats_link_reads_its_job_json_as_the_file_would_be_read(
    web: LocalWeb, link: str, endpoint: str, recorded: str
) -> None:
    web.recorded(endpoint, recorded)
    (result,) = read_link(link)
    assert web.asked == [endpoint]  # the JSON, not the page
    assert comparable(result.document) == as_file(recorded)
    assert result.document.source_format == "board-json"
    assert result.document.raw == (RECORDED / recorded).read_text(encoding="utf-8")
    assert result.document.title


def test_an_ashby_link_picks_its_job_from_the_board(web: LocalWeb) -> None:
    web.recorded("/posting-api/job-board/brightkiln", "ashby-board.json")
    link = "https://jobs.ashbyhq.com/brightkiln/7b7b7b7b-bbbb-4ccc-8ddd-000000000002"
    (result,) = read_link(link)
    doc = result.document
    assert (doc.title, doc.company, doc.work_model) == (
        "Kiln Firmware Engineer",
        "Brightkiln",
        "Remote",
    )
    assert doc.url == link
    assert doc.responsibilities == ("Write the controller firmware in Rust", "Test on real kilns")
    assert web.asked == ["/posting-api/job-board/brightkiln?includeCompensation=true"]


def test_a_company_the_job_json_lacks_is_read_from_the_pages_structured_data(
    web: LocalWeb,
) -> None:
    uuid = "5f1c2a9e-1111-4222-8333-944455556666"
    web.recorded(f"/v0/postings/quillfeather/{uuid}", "lever-posting.json")
    page = (
        '<html><head><script type="application/ld+json">{"@type": "JobPosting", "title": '
        '"Customer Success Lead", "hiringOrganization": {"name": "Quillfeather"}}</script>'
        "</head><body><h1>Customer Success Lead</h1></body></html>"
    )
    web.add(f"/quillfeather/{uuid}", page)
    (result,) = read_link(web.url(f"/quillfeather/{uuid}", host="jobs.lever.co"))
    assert result.document.company == "Quillfeather"
    assert result.document.source_format == "board-json"
    assert "company: read from the job's page; its job JSON names none" in result.warnings

    # A page without structured data gives no company: no guess from its title.
    web.add(
        f"/quillfeather/{uuid}",
        "<html><head><title>Quillfeather - Lead</title></head>"
        "<body><h1>Customer Success Lead</h1><p>Lots of text about the role.</p></body></html>",
    )
    (result,) = read_link(web.url(f"/quillfeather/{uuid}", host="jobs.lever.co"))
    assert result.document.company is None


def test_a_broken_ats_answer_falls_back_to_the_page(web: LocalWeb) -> None:
    # The API has nothing (404); the link's own page is read instead.
    page = (RECORDED / "jobposting-page.html").read_text(encoding="utf-8")
    link = web.add("/embed/job_app?for=x&token=1", page)
    assert [s.system for s in sources(link)] == ["page"]  # a local link is no ATS
    (result,) = read_link(link)
    assert result.document.title == "Greenhouse Gardener"


# -- pages -------------------------------------------------------------------------------------


def test_a_page_with_a_jobposting_is_read_from_its_structured_data(web: LocalWeb) -> None:
    link = web.recorded("/jobs/gardener", "jobposting-page.html", "text/html; charset=utf-8")
    (result,) = read_link(link + "?utm_source=newsletter")
    doc = result.document
    assert comparable(doc) == as_file("jobposting-page.html")
    assert doc.source_format == "json-ld"
    assert doc.company == "Fernhollow Nursery"
    assert doc.url == "https://careers.fernhollow.example/jobs/greenhouse-gardener"  # canonical
    assert doc.raw == (RECORDED / "jobposting-page.html").read_text(encoding="utf-8")


def test_a_page_without_structured_data_is_read_as_text_under_the_given_link(
    web: LocalWeb,
) -> None:
    link = web.recorded("/bike-mechanic", "plain-page.html", "text/html")
    (result,) = read_link(link + "?utm_campaign=fall&ref=board")
    doc = result.document
    assert doc.title == "Bike Mechanic"
    assert "Service and repair customer bikes" in doc.responsibilities
    assert doc.url == link + "?ref=board"  # the link given, tracking removed
    assert "Home" not in (doc.description or "")  # the page's menu is not the posting


def test_the_client_names_jobdeck_and_its_version(web: LocalWeb) -> None:
    link = web.recorded("/jobs/gardener", "jobposting-page.html", "text/html")
    read_link(link)
    assert web.user_agents[0].startswith("Jobdeck/")


def test_the_system_proxy_is_honoured(web: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    # The proxy (this server) is asked for the whole URL of a host it stands in for.
    monkeypatch.setenv("HTTP_PROXY", web.base)
    monkeypatch.setenv("NO_PROXY", "")
    page = (RECORDED / "jobposting-page.html").read_bytes()
    web.add("http://jobs.invalid/gardener", page)
    (result,) = read_link("http://jobs.invalid/gardener")
    assert result.document.title == "Greenhouse Gardener"
    assert web.asked == ["http://jobs.invalid/gardener"]


def test_a_few_redirects_are_followed(web: LocalWeb) -> None:
    web.recorded("/final", "jobposting-page.html", "text/html")
    web.redirect("/hop2", web.url("/final"))
    web.redirect("/hop1", "/hop2", status=301)
    (result,) = read_link(web.url("/hop1"))
    assert result.document.title == "Greenhouse Gardener"


# -- failures: each names its cause, keeps the link, saves nothing -----------------------------


def refused(link: str) -> LinkRefused:
    with pytest.raises(LinkRefused) as caught:
        read_link(link)
    error = caught.value
    assert error.link == link
    assert "\n" not in error.reason and error.reason.startswith(link)
    return error


def test_a_missing_posting_is_not_found(web: LocalWeb) -> None:
    error = refused(web.url("/jobs/closed"))
    assert error.cause == web_client.NOT_FOUND and "HTTP 404" in error.reason


def test_a_redirect_loop_is_stopped(web: LocalWeb) -> None:
    web.redirect("/loop", "/loop")
    error = refused(web.url("/loop"))
    assert error.cause == web_client.REFUSED and "more than 5 redirects" in error.reason
    assert len(web.asked) == 6


def test_a_slow_server_times_out(web: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_client, "TIMEOUT_S", 0.5)
    web.add("/slow", "<html><body><h1>Too late</h1></body></html>", delay=5)
    error = refused(web.url("/slow"))
    assert error.cause == web_client.TIMED_OUT and "0.5 s" in error.reason


def test_the_timeout_covers_the_whole_fetch(web: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each answer is quick, but together they take longer than the whole fetch may.
    monkeypatch.setattr(web_client, "TIMEOUT_S", 0.6)
    web.add("/b", "<html><body><h1>Late</h1></body></html>", delay=0.4)
    web.add("/a", b"", status=302, headers={"Location": "/b"}, delay=0.4)
    assert refused(web.url("/a")).cause == web_client.TIMED_OUT


@pytest.mark.parametrize("length", [True, False], ids=["declared", "streamed"])
def test_an_oversized_body_is_refused(web: LocalWeb, length: bool) -> None:
    web.add("/huge", b"<html><body>" + b"a" * (6 * 1024 * 1024), length=length)
    error = refused(web.url("/huge"))
    assert error.cause == web_client.REFUSED and "larger than 5 MB" in error.reason


def test_a_gzip_bomb_is_refused_without_unpacking_it(web: LocalWeb) -> None:
    web.gzip_bomb("/bomb", unpacked_mb=64)
    error = refused(web.url("/bomb"))
    assert error.cause == web_client.REFUSED and "unpacks to more than 5 MB" in error.reason


def test_a_gzipped_page_is_read(web: LocalWeb) -> None:
    import gzip

    page = gzip.compress((RECORDED / "jobposting-page.html").read_bytes())
    web.add("/packed", page, headers={"Content-Encoding": "gzip"})
    (result,) = read_link(web.url("/packed"))
    assert result.document.title == "Greenhouse Gardener"


@pytest.mark.parametrize(
    ("content_type", "named"),
    [("application/pdf", "a PDF file"), ("image/png", "an image")],
)
def test_a_link_to_something_other_than_a_page_is_refused(
    web: LocalWeb, content_type: str, named: str
) -> None:
    web.add("/file", b"%PDF-1.7 not a page at all, really not" * 10, content_type=content_type)
    error = refused(web.url("/file"))
    assert error.cause == web_client.NOT_A_POSTING and named in error.reason


def test_a_page_that_is_no_posting_says_so(web: LocalWeb) -> None:
    web.add("/empty", "<html><body></body></html>")
    error = refused(web.url("/empty"))
    assert error.cause == web_client.NOT_A_POSTING


@pytest.mark.parametrize("status", [999, 403])
def test_a_login_wall_by_status_tells_what_to_paste(web: LocalWeb, status: int) -> None:
    web.add("/jobs/view/123", "<html><body>Request denied</body></html>", status=status)
    link = web.url("/jobs/view/123", host="www.linkedin.com")
    error = refused(link)
    assert error.cause == web_client.LOGIN_REQUIRED
    assert "LinkedIn shows this job only to signed-in visitors" in error.reason
    assert "“About the job”" in error.reason and "Ctrl+V" in error.reason


def test_a_login_page_is_never_read_as_a_posting(web: LocalWeb) -> None:
    # LinkedIn answering 200 with its sign-in page: text, but not the job.
    web.recorded("/jobs/view/456", "login-wall.html", "text/html")
    error = refused(web.url("/jobs/view/456", host="www.linkedin.com"))
    assert error.cause == web_client.LOGIN_REQUIRED


def test_a_sign_in_form_on_any_site_is_a_login_wall(web: LocalWeb) -> None:
    web.recorded("/careers/portal", "login-wall.html", "text/html")
    error = refused(web.url("/careers/portal"))
    assert error.cause == web_client.LOGIN_REQUIRED
    assert error.reason.endswith("paste it into Jobdeck (Ctrl+V)")


def test_a_redirect_to_a_sign_in_page_is_a_login_wall(web: LocalWeb) -> None:
    web.add("/login", "<html><body><h1>Sign in</h1><p>Email</p><p>Password</p></body></html>")
    web.redirect("/careers/42", "/login?next=/careers/42")
    error = refused(web.url("/careers/42"))
    assert error.cause == web_client.LOGIN_REQUIRED and "paste it into Jobdeck" in error.reason


@pytest.mark.parametrize(
    "link",
    ["file:///etc/passwd", "data:text/html,<h1>Job</h1>", "ftp://example.test/job.txt", "jobs"],
)
def test_only_web_links_are_read(web: LocalWeb, link: str) -> None:
    with pytest.raises(LinkRefused) as caught:
        read_link(link)
    assert caught.value.cause == web_client.REFUSED
    assert "only http and https" in caught.value.reason or "not a web address" in (
        caught.value.reason
    )
    assert web.asked == []


def test_a_redirect_to_a_local_file_is_refused(web: LocalWeb) -> None:
    web.redirect("/sneaky", "file:///etc/passwd")
    error = refused(web.url("/sneaky"))
    assert error.cause == web_client.REFUSED and "file:" in error.reason


def test_no_network_is_named(web: LocalWeb) -> None:
    error = refused("https://careers.nowhere.invalid/jobs/1")
    assert error.cause == web_client.NO_NETWORK
    assert "careers.nowhere.invalid" in error.reason


# -- duplicates by link, before fetching -------------------------------------------------------


def test_a_saved_link_is_found_without_fetching(web: LocalWeb, db: Library) -> None:
    link = web.recorded("/jobs/gardener", "jobposting-page.html", "text/html")
    (result,) = read_link(link + "?utm_source=x")
    saved = postings.create_posting(db, result.document.with_changes(url=link + "/?gh_src=1"))
    web.asked.clear()
    duplicate = link_import.saved_with_link(db, link + "?utm_medium=email&utm_source=y#apply")
    assert duplicate is not None and duplicate.posting_id == saved.value
    assert duplicate.reason == "same link" and duplicate.title == "Greenhouse Gardener"
    assert link_import.saved_with_link(db, web.url("/jobs/gardener-2")) is None
    assert web.asked == []

    report = read_links(db, [link + "?utm_source=z"], lambda *a: None, threading.Event())
    assert report.drafts == [] and [d.posting_id for _, d in report.already_saved] == [saved.value]
    assert web.asked == []
    refreshed = read_links(db, [link], lambda *a: None, threading.Event(), refresh=True).drafts
    assert [d.duplicate.posting_id for d in refreshed] == [saved.value]  # type: ignore[union-attr]


def test_tracking_parameters_are_removed() -> None:
    assert (
        clean_link("HTTPS://Jobs.Example.com/a/1?utm_source=x&gh_src=y&gh_jid=7&fbclid=z#top")
        == "https://jobs.example.com/a/1?gh_jid=7"
    )


# -- several links -----------------------------------------------------------------------------


def test_several_links_are_fetched_in_turn_and_failures_keep_their_link(
    web: LocalWeb, db: Library
) -> None:
    good = web.recorded("/jobs/gardener", "jobposting-page.html", "text/html")
    other = web.recorded("/bike-mechanic", "plain-page.html", "text/html")
    missing = web.url("/gone")
    pasted = f"{good}\n\n  {missing}\n<{other}>\n"
    links = links_in(pasted)
    assert links == [good, missing, other]
    seen: list[tuple[int, int, str]] = []
    report = read_links(db, links, lambda *a: seen.append(a), threading.Event())
    assert [d.document.title for d in report.drafts] == ["Greenhouse Gardener", "Bike Mechanic"]
    assert [(r.link, r.cause) for r in report.refusals] == [(missing, web_client.NOT_FOUND)]
    assert seen[0] == (0, 3, good) and seen[-1] == (3, 3, "")
    assert postings.count_postings(db) == 0  # reading saves nothing


def test_a_paste_of_text_with_a_link_is_no_list_of_links() -> None:
    assert links_in("Engineer at Acme\nhttps://acme.example/jobs/1") is None
    assert links_in("file:///etc/passwd") is None


def test_a_stop_keeps_what_was_read(web: LocalWeb, db: Library) -> None:
    good = web.recorded("/jobs/gardener", "jobposting-page.html", "text/html")
    stop = threading.Event()

    def progress(done: int, total: int, what: str) -> None:
        if done == 1:
            stop.set()

    report = read_links(db, [good, web.url("/never")], progress, stop)
    assert report.cancelled and len(report.drafts) == 1
    assert web.asked == ["/jobs/gardener"]
    with pytest.raises(FetchCancelled):
        read_link(good, cancelled=stop)
