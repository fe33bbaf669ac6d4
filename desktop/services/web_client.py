"""The one place Jobdeck goes on the network: fetching a job's page or JSON when the user asks.

A careful client over httpx (imported on the first fetch, never at start-up): http and https
only, at every redirect too; at most 5 redirects; 10 s for the whole fetch; 5 MB of body at
most, counted after decompression, which we do ourselves with a bounded output so a small gzip
bomb never unpacks in memory; the system's proxy settings (httpx reads them: the environment,
and the registry or system configuration on Windows and macOS); a plain User-Agent.
"""

from __future__ import annotations

import codecs
import threading
import time
import zlib
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from desktop import __version__
from desktop.importers.result import ImportRefused

USER_AGENT = (
    f"Jobdeck/{__version__} (job application tracker; fetches a posting its user asked for)"
)
TIMEOUT_S = 10.0
MAX_REDIRECTS = 5
MAX_BYTES = 5 * 1024 * 1024
_CHUNK = 64 * 1024

# Why a fetch failed, in the words the window and the command line use.
NO_NETWORK = "no network"
TIMED_OUT = "timed out"
NOT_FOUND = "not found"
NOT_A_POSTING = "not a job posting"
LOGIN_REQUIRED = "login required"
REFUSED = "refused"  # a link or an answer Jobdeck will not take (scheme, size, bomb, loop)
SITE_ERROR = "site error"

# What a posting can come as; anything else (a PDF, an image, an archive) is refused unread.
_TEXT_TYPES = ("text/", "application/json", "application/ld+json", "application/xhtml+xml")
_TYPE_NAMES = {
    "application/pdf": "a PDF file",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a file download",
}


class LinkRefused(ImportRefused):
    """A link could not be read; ``cause`` is one of the constants above, ``link`` the link
    the user gave (kept, so the window can offer it again)."""

    def __init__(self, link: str, cause: str, reason: str) -> None:
        super().__init__(f"{link}: {reason}")
        self.link = link
        self.cause = cause


class FetchCancelled(Exception):
    """The user stopped the fetch."""


@dataclass(frozen=True)
class Fetched:
    link: str  # what was asked for
    final_url: str  # where the redirects ended
    status: int
    content_type: str  # "text/html", without parameters
    body: bytes  # decoded from gzip/deflate
    charset: str | None


def fetch(
    link: str,
    *,
    accept: str = "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.5",
    timeout: float | None = None,
    max_bytes: int = MAX_BYTES,
    cancelled: threading.Event | None = None,
) -> Fetched:
    """GET ``link`` (http or https), following up to 5 redirects, within ``timeout`` seconds
    in all and ``max_bytes`` of body after decompression.

    Any HTTP status comes back as it is (the caller decides what a 404 or a 403 means).
    Raises LinkRefused (cause NO_NETWORK, TIMED_OUT, REFUSED or SITE_ERROR, with the reason in
    words) or FetchCancelled when ``cancelled`` is set between two steps.
    """
    import httpx  # here, not at the top: the window never pays for it unless a link is read

    timeout = TIMEOUT_S if timeout is None else timeout
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    url = link
    try:
        with httpx.Client(headers=headers, follow_redirects=False, trust_env=True) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                _check_scheme(link, url)
                _stop_if(cancelled)
                request = client.build_request(
                    "GET", url, timeout=httpx.Timeout(_left(link, deadline, timeout))
                )
                response = client.send(request, stream=True)
                try:
                    if response.is_redirect and response.next_request is not None:
                        url = str(response.next_request.url)
                        continue
                    return _body(link, response, deadline, timeout, max_bytes, cancelled)
                finally:
                    response.close()
            raise LinkRefused(
                link, REFUSED, f"more than {MAX_REDIRECTS} redirects (a redirect loop?)"
            )
    except httpx.TimeoutException:
        raise LinkRefused(
            link, TIMED_OUT, f"timed out: the site did not answer within {timeout:g} s"
        ) from None
    except httpx.ConnectError as error:
        raise LinkRefused(link, NO_NETWORK, _connect_reason(url, error)) from None
    except httpx.HTTPError as error:  # the connection broke, the answer was not HTTP
        reason = f"the connection to {urlsplit(url).hostname} failed ({type(error).__name__})"
        raise LinkRefused(link, SITE_ERROR, reason) from None


def _check_scheme(link: str, url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        where = "the link" if url == link else "the site redirected to"
        raise LinkRefused(
            link, REFUSED, f"{where} a {scheme or 'non-web'}: address; only http and https are read"
        )


def _stop_if(cancelled: threading.Event | None) -> None:
    if cancelled is not None and cancelled.is_set():
        raise FetchCancelled


def _left(link: str, deadline: float, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise LinkRefused(
            link, TIMED_OUT, f"timed out: the site did not answer within {timeout:g} s"
        )
    return left


def _connect_reason(url: str, error: Exception) -> str:
    host = urlsplit(url).hostname or url
    text = str(error).lower()
    if "name or service" in text or "nodename" in text or "getaddrinfo" in text:
        return f"could not find {host}: no network, or no such site"
    return f"could not connect to {host}: no network, or the site is down"


def _body(
    link: str,
    response: object,
    deadline: float,
    timeout: float,
    max_bytes: int,
    cancelled: threading.Event | None,
) -> Fetched:
    """Read the answer's body as it comes, stopping at the limits."""
    headers = response.headers  # type: ignore[attr-defined]
    message = Message()
    message["content-type"] = headers.get("content-type", "")
    content_type = message.get_content_type() if headers.get("content-type") else ""
    charset = message.get_param("charset")
    status = response.status_code  # type: ignore[attr-defined]
    final_url = str(response.url)  # type: ignore[attr-defined]
    if 200 <= status < 300 and content_type and not content_type.startswith(_TEXT_TYPES):
        what = _TYPE_NAMES.get(content_type) or _kind_of(content_type)
        raise LinkRefused(
            link, NOT_A_POSTING, f"the link leads to {what} ({content_type}), not a web page"
        )
    declared = headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise LinkRefused(link, REFUSED, _too_large(max_bytes))
    unpack = _Decompressor(link, headers.get("content-encoding", ""), max_bytes)
    body = bytearray()
    for chunk in response.iter_raw(_CHUNK):  # type: ignore[attr-defined]
        _stop_if(cancelled)
        _left(link, deadline, timeout)
        body += unpack.feed(chunk)
        if len(body) > max_bytes:
            raise LinkRefused(link, REFUSED, _too_large(max_bytes))
    body += unpack.flush()
    if not isinstance(charset, str):
        charset = None
    return Fetched(link, final_url, status, content_type, bytes(body), charset)


def _kind_of(content_type: str) -> str:
    major = content_type.split("/", 1)[0]
    return {"image": "an image", "audio": "a sound file", "video": "a video"}.get(major, "a file")


def _too_large(max_bytes: int) -> str:
    return f"the page is larger than {max_bytes // (1024 * 1024)} MB, too large to be a posting"


class _Decompressor:
    """gzip or deflate undone with a cap on what comes out: each step unpacks at most what is
    still allowed (plus one byte, to notice going over), never the whole bomb."""

    def __init__(self, link: str, encoding: str, max_bytes: int) -> None:
        self._link = link
        self._max = max_bytes
        self._out = 0
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if not codings:
            self._zlib = None
        elif codings in (["gzip"], ["x-gzip"]):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif codings == ["deflate"]:
            self._zlib = zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib-wrapped (or gzip)
        else:
            raise LinkRefused(
                link,
                SITE_ERROR,
                f"the site sent its page packed as {encoding!r}, which it was not asked for",
            )

    def feed(self, data: bytes) -> bytes:
        if self._zlib is None:
            self._out += len(data)
            return data
        out = bytearray()
        while data:
            allowed = self._max - self._out + 1
            try:
                piece = self._zlib.decompress(data, allowed)
            except zlib.error:
                raise LinkRefused(
                    self._link, SITE_ERROR, "the site's compressed page is damaged"
                ) from None
            out += piece
            self._out += len(piece)
            if self._out > self._max:
                raise LinkRefused(
                    self._link,
                    REFUSED,
                    f"the page unpacks to more than {self._max // (1024 * 1024)} MB "
                    "(a compression bomb?); it was not read",
                )
            data = self._zlib.unconsumed_tail
        return bytes(out)

    def flush(self) -> bytes:
        return self._zlib.flush() if self._zlib is not None else b""


def text_of(fetched: Fetched) -> bytes | str:
    """The body as text when the answer names a charset Python knows (else the bytes, which
    the readers decode as UTF-8 or Windows-1252)."""
    if fetched.charset:
        try:
            codecs.lookup(fetched.charset)
            return fetched.body.decode(fetched.charset)
        except (LookupError, UnicodeDecodeError):
            return fetched.body
    return fetched.body
