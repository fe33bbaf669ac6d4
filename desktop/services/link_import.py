"""Saving a posting from its link: find it saved already, or fetch it from the best source.

The best source of a link on an applicant-tracking system is its job JSON (``job_links``);
failing that (or for any other link) the page, read as a saved page is: its schema.org
JobPosting, else its main text. What comes back goes through the same readers as a file, so
a link and the recorded response imported as a file give the same document. Sites that show
jobs only to signed-in people (LinkedIn, Indeed, Glassdoor) are told apart from postings, and
the user is told what to copy and paste instead; a login wall is never saved as a posting.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.posting import PostingDocument, Qualifications
from desktop.deferred_import import deferred
from desktop.importers import ImportRefused, ReadResult
from desktop.importers.job_links import (
    Endpoints,
    Source,
    clean_link,
    is_login_page,
    paste_instead,
    same_link_forms,
    sources,
    walled_site,
    web_link,
)
from desktop.services import importing, postings, web_client
from desktop.services.changes import Result
from desktop.services.importing import Duplicate, ImportDraft, Progress
from desktop.services.library import Library
from desktop.services.web_client import (
    LOGIN_REQUIRED,
    NOT_A_POSTING,
    NOT_FOUND,
    REFUSED,
    SITE_ERROR,
    FetchCancelled,
    LinkRefused,
)

if TYPE_CHECKING:
    from desktop.storage import duplicate_checks
else:
    duplicate_checks = deferred("desktop.storage.duplicate_checks")

# For tests only: where the systems' job JSON is fetched from (None: their public APIs).
ENDPOINTS: Endpoints | None = None
_STRUCTURED = frozenset({"json-ld", "microdata", "rdfa", "board-json"})
# Statuses that mean "sign in first" or "no robots": LinkedIn answers 999 to clients it
# does not know, others 401, 403 or 429.
_WALL_STATUSES = frozenset({401, 403, 429, 999})
_PASSWORD_FIELD = re.compile(rb"<input\b[^>]*\btype\s*=\s*[\"']?password", re.IGNORECASE)


def saved_with_link(db: Library, link: str) -> Duplicate | None:
    """The saved posting whose link is ``link`` (tracking parameters such as utm_* and gh_src
    aside, and a trailing slash), found without fetching anything; None if there is none.
    Raises ImportRefused when ``link`` is not an http(s) link."""
    link = web_link(link)
    forms = same_link_forms(link)
    prefix = min(forms).split("?", 1)[0].rstrip("/")
    with db.reading() as session:
        found = [
            posting_id
            for url, posting_id in duplicate_checks.links_starting_with(session, prefix)
            if url and _cleaned(url) in forms
        ]
        if not found:
            return None
        posting_id = min(found)
        title, company = duplicate_checks.title_and_company(session, posting_id)
    return Duplicate(posting_id, title, company, duplicate_checks.SAME_LINK)


def _cleaned(url: str) -> str | None:
    try:
        return clean_link(web_link(url))
    except ImportRefused:
        return None


def read_link(
    link: str,
    *,
    cancelled: threading.Event | None = None,
    captured_at: datetime | None = None,
) -> list[ReadResult]:
    """The posting(s) at ``link``, read from its best source, not yet checked against the
    library. Each document's ``url`` is the one its source names (the canonical link, the
    ATS's job URL), else ``link`` cleaned of tracking; its ``raw`` is what was fetched.

    Raises LinkRefused whose ``cause`` names what happened (no network, timed out, not found,
    not a job posting, login required, refused, site error), or FetchCancelled.
    """
    try:
        link = web_link(link)
    except ImportRefused as refused:
        raise LinkRefused(link.strip(), REFUSED, refused.reason.split(": ", 1)[-1]) from None
    captured_at = captured_at or datetime.now(UTC)
    found = sources(link, ENDPOINTS)
    api, page = (found[0], found[1]) if len(found) == 2 else (None, found[0])
    if api is not None:
        try:
            results = _read_api(link, api, cancelled, captured_at)
        except LinkRefused:
            pass  # the page may still be there (a board moved, an API changed): try it
        else:
            if any(r.document.company is None for r in results):
                results = _company_from_page(link, page, results, cancelled, captured_at)
            return _named(results, link)
    return _named(_read_page(link, page, cancelled, captured_at), link)


def _company_from_page(
    link: str,
    page: Source,
    results: list[ReadResult],
    cancelled: threading.Event | None,
    captured_at: datetime,
) -> list[ReadResult]:
    """Lever's and Ashby's job JSON name no company; the job's page often does, in its
    schema.org hiringOrganization. Only structured data is taken (never a guess from the
    page's title); when the page has none or cannot be fetched, the company stays empty and
    the preview asks for it."""
    try:
        on_page = _read_page(link, page, cancelled, captured_at)
    except LinkRefused:
        return results
    names = {r.document.company for r in on_page if r.document.source_format in _STRUCTURED}
    if len(names) != 1 or None in names:
        return results
    (company,) = names
    note = "company: read from the job's page; its job JSON names none"
    return [
        ReadResult(r.document.with_changes(company=company), (*r.warnings, note))
        if r.document.company is None
        else r
        for r in results
    ]


def _named(results: list[ReadResult], link: str) -> list[ReadResult]:
    fallback = clean_link(link)
    return [
        ReadResult(r.document.with_changes(url=r.document.url or fallback), r.warnings)
        for r in results
    ]


def _read_api(
    link: str, source: Source, cancelled: threading.Event | None, captured_at: datetime
) -> list[ReadResult]:
    fetched = web_client.fetch(source.url, accept="application/json", cancelled=cancelled)
    _check_status(link, fetched)
    body: bytes | str = fetched.body
    if source.job_id is not None:  # a board's list (Ashby): the job is one of its items
        body = _job_from_list(link, fetched.body, source.job_id)
    results = _read(link, body, "response.json", captured_at)
    if not all(r.document.source_format == "board-json" for r in results):
        raise LinkRefused(link, NOT_A_POSTING, f"the {source.system} answer is not a job")
    return results


def _job_from_list(link: str, body: bytes, job_id: str) -> str:
    try:
        jobs = json.loads(body).get("jobs")
    except (ValueError, AttributeError, RecursionError):
        jobs = None
    for job in jobs if isinstance(jobs, list) else []:
        if isinstance(job, dict) and (
            job.get("id") == job_id or str(job.get("jobUrl", "")).rstrip("/").endswith(job_id)
        ):
            return json.dumps(job, ensure_ascii=False)
    raise LinkRefused(link, NOT_FOUND, "not found: the job board does not list this job (closed?)")


def _read_page(
    link: str, source: Source, cancelled: threading.Event | None, captured_at: datetime
) -> list[ReadResult]:
    fetched = web_client.fetch(source.url, cancelled=cancelled)
    wall = walled_site(link) or walled_site(fetched.final_url)
    if fetched.status in _WALL_STATUSES or (
        fetched.final_url != source.url and is_login_page(fetched.final_url)
    ):
        raise LinkRefused(link, LOGIN_REQUIRED, _wall_reason(link, fetched.status, wall))
    _check_status(link, fetched)
    name = "page.json" if "json" in fetched.content_type else "page.html"
    if fetched.content_type == "text/plain":
        name = "page.txt"
    # A sign-in form (a password field) on a page without a structured posting is a login
    # wall on any site, not only the known ones: never read its text as a posting.
    signs_in = _PASSWORD_FIELD.search(fetched.body[:500_000]) is not None
    if wall is None and not signs_in:
        return _read(link, web_client.text_of(fetched), name, captured_at)
    try:
        results = _read(link, web_client.text_of(fetched), name, captured_at)
    except LinkRefused:
        results = []
    if not results or any(r.document.source_format not in _STRUCTURED for r in results):
        # What a walled site shows a visitor is its sign-in page, whatever else it says.
        raise LinkRefused(link, LOGIN_REQUIRED, paste_instead(link, None if wall else "The site"))
    return results


def _wall_reason(link: str, status: int, wall: object) -> str:
    if wall is not None or status in (401, 999):
        return paste_instead(link)
    return (
        f"the site refused to show the page to Jobdeck (HTTP {status}: login required or "
        "robots blocked). " + paste_instead(link, "The site")
    )


def _check_status(link: str, fetched: web_client.Fetched) -> None:
    status = fetched.status
    if status in (404, 410):
        raise LinkRefused(link, NOT_FOUND, f"not found (HTTP {status}): the job may be closed")
    if status >= 400:
        raise LinkRefused(link, SITE_ERROR, f"the site answered with an error (HTTP {status})")
    if not fetched.body.strip():
        raise LinkRefused(link, NOT_A_POSTING, "the site sent an empty page")


def _read(link: str, body: bytes | str, name: str, captured_at: datetime) -> list[ReadResult]:
    try:
        return importing.read_documents(body, name, captured_at=captured_at)
    except ImportRefused as refused:
        reason = refused.reason.split(": ", 1)[-1]
        raise LinkRefused(link, NOT_A_POSTING, f"not a job posting: {reason}") from None


# ---------------------------------------------------------------------------------------------
# Several links, as the window fetches them: one after another into one preview.


@dataclass(frozen=True)
class LinkReport:
    drafts: list[ImportDraft]
    refusals: list[LinkRefused]  # one per link that could not be read, naming it
    already_saved: list[tuple[str, Duplicate]] = field(default_factory=list)  # not fetched
    cancelled: bool = False


def read_links(
    db: Library,
    links: Sequence[str],
    progress: Progress,
    cancelled: threading.Event,
    *,
    refresh: bool = False,
) -> LinkReport:
    """Fetch each link in turn into drafts for the preview, each with the saved posting it
    repeats. A link already saved is not fetched unless ``refresh`` (it is reported in
    ``already_saved`` instead). A stop keeps what was read before it."""
    drafts: list[ImportDraft] = []
    refusals: list[LinkRefused] = []
    already: list[tuple[str, Duplicate]] = []
    captured_at = datetime.now(UTC)
    for done, link in enumerate(links):
        if cancelled.is_set():
            return LinkReport(drafts, refusals, already, cancelled=True)
        progress(done, len(links), link)
        try:
            saved = saved_with_link(db, link)
            if saved is not None and not refresh:
                already.append((link, saved))
                continue
            for result in read_link(link, cancelled=cancelled, captured_at=captured_at):
                duplicate = importing.find_duplicate(db, result.document) or saved
                drafts.append(ImportDraft(link, result.document, result.warnings, duplicate))
        except FetchCancelled:
            return LinkReport(drafts, refusals, already, cancelled=True)
        except LinkRefused as refused:
            refusals.append(refused)
        except ImportRefused as refused:  # not a web link at all
            refusals.append(LinkRefused(link, REFUSED, refused.reason))
    progress(len(links), len(links), "")
    return LinkReport(drafts, refusals, already)


# ---------------------------------------------------------------------------------------------
# Refreshing a saved posting from its source: only the fields the user picks change.

# (field, label) of what a refresh may update, in the detail pane's order.
REFRESHABLE: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("company", "Company"),
    ("location", "Location"),
    ("work_model", "Work model"),
    ("employment_type", "Employment"),
    ("salary", "Salary"),
    ("posted_at", "Posted"),
    ("valid_through", "Apply by"),
    ("summary", "Summary"),
    ("description", "Description"),
    ("responsibilities", "Responsibilities"),
    ("qualifications", "Qualifications"),
    ("benefits", "Benefits"),
    ("url", "Link"),
)


def changed_fields(saved: PostingDocument, fetched: PostingDocument) -> list[str]:
    """The refreshable fields whose fetched value differs from the saved one (a value the
    source no longer gives is not a change: the source dropping it is no reason to lose it)."""
    return [
        name
        for name, _label in REFRESHABLE
        if _given(getattr(fetched, name)) and getattr(fetched, name) != getattr(saved, name)
    ]


def _given(value: object) -> bool:
    if isinstance(value, Qualifications):
        return bool(value.required or value.preferred)
    return value is not None and value != () and value != ""


def empty_in_saved(saved: PostingDocument, names: Sequence[str]) -> list[str]:
    """Of ``names``, those the saved posting has no value for: filling them loses nothing."""
    return [name for name in names if not _given(getattr(saved, name))]


def refresh_posting(
    db: Library, posting_id: int, fetched: PostingDocument, fields: Sequence[str]
) -> Result[PostingDocument]:
    """Update the saved posting's ``fields`` from ``fetched``; everything else (its stage,
    notes, history, the fields the user did not pick) stays. The result's value is the
    posting as it was, for undo. Raises PostingNotFound, InvalidPosting."""
    saved = postings.get_posting(db, posting_id)
    allowed = {name for name, _label in REFRESHABLE}
    picked = {name: getattr(fetched, name) for name in fields if name in allowed}
    result = postings.update_posting(db, posting_id, saved.with_changes(**picked))
    return Result(saved, result.changes)


def restore_posting(db: Library, posting_id: int, saved: PostingDocument) -> Result[int]:
    """Undo a refresh: the posting's fields as they were before it."""
    return postings.update_posting(db, posting_id, saved)
