"""Reading a job's link: any text in, never a crash; cleaning is stable; the ATS endpoints."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.importers import ImportRefused
from desktop.importers.job_links import (
    Endpoints,
    clean_link,
    links_in,
    looks_like_link,
    same_link_forms,
    sources,
    walled_site,
    web_link,
)

LINKISH = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda scheme, host, path, query: f"{scheme}://{host}/{path}?{query}",
        st.sampled_from(["http", "https", "HTTPS", "file", "ftp", "javascript", ""]),
        st.sampled_from(
            ["jobs.lever.co", "boards.greenhouse.io", "acme.wd5.myworkdayjobs.com", "x", ""]
        ),
        st.text(max_size=60),
        st.text(max_size=60),
    ),
)


@settings(max_examples=300, deadline=None)
@given(LINKISH)
def test_any_text_is_either_a_web_link_or_refused_by_name(text: str) -> None:
    looks_like_link(text)
    links_in(text)
    try:
        link = web_link(text)
    except ImportRefused as refused:
        assert refused.reason
        return
    cleaned = clean_link(link)
    assert clean_link(cleaned) == cleaned  # cleaning twice changes nothing
    assert cleaned in same_link_forms(link)
    found = sources(link)
    assert found[-1].system == "page" and found[-1].url == link
    walled_site(link)


def test_each_system_resolves_to_its_job_json() -> None:
    ends = Endpoints()
    cases = {
        "https://boards.greenhouse.io/acme/jobs/123?gh_src=x": (
            "greenhouse",
            "https://boards-api.greenhouse.io/v1/boards/acme/jobs/123",
        ),
        "https://jobs.eu.lever.co/acme/abc-123/apply": (
            "lever",
            "https://api.eu.lever.co/v0/postings/acme/abc-123",
        ),
        "https://jobs.ashbyhq.com/acme/0a0a-1": (
            "ashby",
            "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true",
        ),
        "https://careers.smartrecruiters.com/Acme/7440001-chef": (
            "smartrecruiters",
            "https://api.smartrecruiters.com/v1/companies/Acme/postings/7440001",
        ),
        "https://apply.workable.com/acme/j/AB12/": (
            "workable",
            "https://apply.workable.com/api/v2/accounts/acme/jobs/AB12",
        ),
        "https://acme.wd1.myworkdayjobs.com/External/job/Remote/Clerk_R9": (
            "workday",
            "https://acme.wd1.myworkdayjobs.com/wday/cxs/acme/External/job/Remote/Clerk_R9",
        ),
    }
    for link, (system, url) in cases.items():
        first = sources(link, ends)[0]
        assert (first.system, first.url) == (system, url), link
    # Not a job page of a known system: the page itself.
    for link in ("https://boards.greenhouse.io/acme", "https://acme.example/jobs/1"):
        assert [s.system for s in sources(link)] == ["page"]
