"""A job's web address: checked, cleaned of tracking, and resolved to the source to fetch.

No I/O here: these functions only read the address. The applicant-tracking systems most
postings live on publish each job as JSON, which carries more structure than their pages
(the page is a script that loads that JSON), so a link to one of them resolves to its JSON
endpoint first and to the page itself second; any other link resolves to its page.

Endpoints (each base URL can be replaced, for tests: ``Endpoints``):

- Greenhouse ``boards.greenhouse.io/ACME/jobs/123`` (or ``job-boards.greenhouse.io``, the
  embedded ``.../embed/job_app?for=ACME&token=123``) -> Job Board API
  ``/v1/boards/ACME/jobs/123``
- Lever ``jobs.lever.co/ACME/UUID`` (``jobs.eu.lever.co``) -> Postings API
  ``/v0/postings/ACME/UUID``
- Ashby ``jobs.ashbyhq.com/ACME/UUID`` -> posting API ``/posting-api/job-board/ACME`` (the
  board's list; the job is picked out by its id)
- SmartRecruiters ``jobs.smartrecruiters.com/Acme/7440...-title`` -> ``/v1/companies/Acme/
  postings/7440...``
- Workable ``apply.workable.com/acme/j/AB12CD34/`` -> ``/api/v2/accounts/acme/jobs/AB12CD34``
- Workday ``acme.wd5.myworkdayjobs.com/en-US/Site/job/Place/Title_R123`` -> the same host's
  ``/wday/cxs/acme/Site/job/Place/Title_R123``
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from desktop.importers.result import ImportRefused

WEB_SCHEMES = ("http", "https")

# Query parameters that say where a click came from, never which job: removed before a link
# is stored or compared, so the same job reached from a newsletter and a search is one link.
# (gh_jid is not among them: on a company's own careers page it names the Greenhouse job.)
_TRACKING = frozenset(
    {
        "gh_src", "gclid", "dclid", "fbclid", "msclkid", "yclid", "mc_cid", "mc_eid",
        "_hsenc", "_hsmi", "igshid", "lever-source", "lever-origin", "lever-via",
        "trk", "trkinfo", "trackingid", "refid", "ref_src", "src_campaign", "ashby_jid_src",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "__hs", "pk_", "mtm_")


@dataclass(frozen=True)
class Endpoints:
    """Where each system's job JSON is fetched from (scheme and host, no trailing slash).

    The defaults are the systems' public APIs; tests point them at a local server. ``workday``
    None means the host of the link itself (each Workday customer has its own host).
    """

    greenhouse: str = "https://boards-api.greenhouse.io"
    lever: str = "https://api.lever.co"
    lever_eu: str = "https://api.eu.lever.co"
    ashby: str = "https://api.ashbyhq.com"
    smartrecruiters: str = "https://api.smartrecruiters.com"
    workable: str = "https://apply.workable.com"
    workday: str | None = None


@dataclass(frozen=True)
class Source:
    """One place to fetch a posting from, best first.

    ``system``: the applicant-tracking system whose JSON this is, or "page" for the page
    itself. ``job_id``: for a list endpoint (Ashby), the id of the job to pick from it.
    """

    system: str
    url: str
    job_id: str | None = None


def web_link(text: str) -> str:
    """``text`` as an http(s) link, trimmed of spaces and the <> some apps wrap links in.

    Raises ImportRefused naming the scheme for anything else (file:, data:, ftp:, a bare word):
    Jobdeck reads web pages only, never local files or inline data through a link.
    """
    link = text.strip().strip("<>").strip()
    parts = urlsplit(link)
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        what = f"a {scheme}: link" if scheme else "not a web address"
        raise ImportRefused(f"{link[:200]}: {what}; Jobdeck reads only http and https links")
    if not parts.hostname or any(c.isspace() for c in link):
        raise ImportRefused(f"{link[:200]}: not a web address (no host name)")
    return link


def looks_like_link(text: str) -> bool:
    """Whether ``text`` (a command-line argument, a pasted line) is meant as a URL: it has a
    scheme followed by a colon, and is not a Windows drive letter (``C:\\jobs``)."""
    match = re.match(r"\s*<?([A-Za-z][A-Za-z0-9+.-]*):", text)
    return match is not None and len(match[1]) > 1


def links_in(text: str) -> list[str] | None:
    """The links in a paste made only of http(s) links, one a line (blank lines ignored);
    None when it holds anything else (a posting's text that merely mentions a link)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or len(lines) > 200:
        return None
    found = []
    for line in lines:
        if not re.match(r"<?https?://\S+>?$", line, re.IGNORECASE):
            return None
        try:
            found.append(web_link(line))
        except ImportRefused:
            return None
    return list(dict.fromkeys(found))


def clean_link(link: str) -> str:
    """The link without tracking parameters and fragment, scheme and host in lower case:
    what is stored and what duplicates are compared by. ``link`` must be a ``web_link``."""
    parts = urlsplit(link)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    netloc = parts.netloc.lower()
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))


def same_link_forms(link: str) -> set[str]:
    """The forms a stored link to the same page may have: as cleaned, with and without the
    trailing slash."""
    clean = clean_link(link)
    parts = urlsplit(clean)
    path = parts.path
    other = path[:-1] if path.endswith("/") and len(path) > 1 else path + "/"
    return {clean, urlunsplit(parts._replace(path=other))}


def sources(link: str, endpoints: Endpoints | None = None) -> list[Source]:
    """Where to fetch the posting at ``link`` from, best first: its system's job JSON when the
    link is a known system's job page, then the page itself."""
    endpoints = endpoints or Endpoints()
    parts = urlsplit(link)
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    query = dict(parse_qsl(parts.query))
    page = Source("page", link)
    api = _api_source(host, segments, query, endpoints, parts.scheme)
    return [api, page] if api is not None else [page]


def _api_source(
    host: str, segments: list[str], query: dict[str, str], ends: Endpoints, scheme: str
) -> Source | None:
    if host.endswith("greenhouse.io") and host.split(".")[0] in ("boards", "job-boards"):
        if len(segments) >= 3 and segments[1] == "jobs" and segments[2].isdigit():
            board, job = segments[0], segments[2]
        elif segments[-1:] == ["job_app"] and query.get("for") and query.get("token", "").isdigit():
            board, job = query["for"], query["token"]
        else:
            return None
        return Source("greenhouse", f"{ends.greenhouse}/v1/boards/{board}/jobs/{job}")
    if host in ("jobs.lever.co", "jobs.eu.lever.co") and len(segments) >= 2:
        base = ends.lever_eu if ".eu." in host else ends.lever
        return Source("lever", f"{base}/v0/postings/{segments[0]}/{segments[1]}")
    if host == "jobs.ashbyhq.com" and len(segments) >= 2:
        board, job = segments[0], segments[1]
        url = f"{ends.ashby}/posting-api/job-board/{board}?includeCompensation=true"
        return Source("ashby", url, job_id=job)
    if host in ("jobs.smartrecruiters.com", "careers.smartrecruiters.com") and len(segments) >= 2:
        job = segments[1].split("-", 1)[0]
        if job.isdigit():
            url = f"{ends.smartrecruiters}/v1/companies/{segments[0]}/postings/{job}"
            return Source("smartrecruiters", url)
        return None
    if host == "apply.workable.com" and len(segments) >= 3 and segments[1] == "j":
        url = f"{ends.workable}/api/v2/accounts/{segments[0]}/jobs/{segments[2]}"
        return Source("workable", url)
    if host.endswith(".myworkdayjobs.com") and "job" in segments:
        tenant = host.split(".")[0]
        at = segments.index("job")
        before = segments[:at]
        # An optional language segment ("en-US") comes before the career site's name.
        if before and re.fullmatch(r"[a-z]{2}(?:-[A-Z]{2})?", before[0]):
            before = before[1:]
        if len(before) != 1 or at + 1 >= len(segments):
            return None
        base = ends.workday or f"{scheme}://{host}"
        rest = "/".join(segments[at:])
        return Source("workday", f"{base}/wday/cxs/{tenant}/{before[0]}/{rest}")
    return None


# -- sites that show a job only to signed-in people ------------------------------------------


@dataclass(frozen=True)
class LoginWall:
    site: str
    copy: str  # what to copy from the page, in the site's own words


_WALLED = (
    ("linkedin.com", LoginWall(
        "LinkedIn",
        "from the job's title at the top down to the end of the “About the job” section",
    )),
    ("indeed.com", LoginWall(
        "Indeed", "from the job's title down to the end of the “Full job description” section",
    )),
    ("glassdoor.", LoginWall(
        "Glassdoor",
        "from the job's title down to the end of the description (click “Show more” first)",
    )),
)  # fmt: skip
_LOGIN_PATH = re.compile(
    r"/(?:authwall|login|signin|sign-in|sign_in|uas/login|checkpoint|auth|account/login)\b", re.I
)


def walled_site(link: str) -> LoginWall | None:
    """The login-walled site ``link`` is on (LinkedIn, Indeed, Glassdoor), or None."""
    host = (urlsplit(link).hostname or "").lower()
    for domain, wall in _WALLED:
        if domain.endswith(".") and (host.startswith(domain) or f".{domain}" in host):
            return wall
        if host == domain or host.endswith(f".{domain}"):
            return wall
    return None


def is_login_page(final_link: str) -> bool:
    """Whether a fetch that was redirected ended on a sign-in page."""
    return _LOGIN_PATH.search(urlsplit(final_link).path) is not None


def paste_instead(link: str, site: str | None = None) -> str:
    """What to tell the user when a site shows the job only after a login: the words to copy."""
    wall = walled_site(link)
    name = site or (wall.site if wall else "The site")
    what = wall.copy if wall else "from the job's title down to the end of its description"
    return (
        f"{name} shows this job only to signed-in visitors, so Jobdeck cannot read it from the "
        f"link. Open the link in your browser, select the text {what}, copy it, and paste it "
        "into Jobdeck (Ctrl+V)"
    )
