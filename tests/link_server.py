"""A local web server for the link tests: recorded responses on 127.0.0.1, and no internet.

``web`` serves what a test adds (a body, a status, headers, a delay) and records what was
asked. The fixture also stops every name lookup except 127.0.0.1's, so a link that would
leave this machine fails as "no network" instead of reaching it, and the ATS endpoints of
``desktop.services.link_import`` point at this server.
"""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from desktop.importers.job_links import Endpoints
from desktop.services import link_import

RECORDED = Path(__file__).parent / "fixtures" / "links"


@dataclass
class Response:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer starts
    length: bool = True  # send Content-Length


class LocalWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Response] = {}
        self.asked: list[str] = []
        self.user_agents: list[str] = []
        self.release = threading.Event()  # ends every delay at once (teardown)
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                web.asked.append(self.path)
                web.user_agents.append(self.headers.get("User-Agent", ""))
                answer = web.routes.get(self.path) or web.routes.get(self.path.split("?")[0])
                if answer is None:
                    answer = Response(b"<html><body><h1>Not found</h1></body></html>", 404)
                if answer.delay:
                    web.release.wait(answer.delay)
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    if answer.length:
                        self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except OSError:  # the client gave up (a timeout test): nothing to answer
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request: object, client_address: object) -> None:
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return self.base.replace("127.0.0.1", host) + path

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        length: bool = True,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {"Content-Type": content_type, **(headers or {})}
        self.routes[path] = Response(data, status, all_headers, delay, length)
        return self.url(path)

    def recorded(self, path: str, name: str, content_type: str = "application/json") -> str:
        return self.add(path, (RECORDED / name).read_bytes(), content_type=content_type)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.add(path, b"", status=status, headers={"Location": to})

    def gzip_bomb(self, path: str, unpacked_mb: int = 64) -> str:
        packed = gzip.compress(b"\0" * (unpacked_mb * 1024 * 1024), compresslevel=9)
        return self.add(path, packed, headers={"Content-Encoding": "gzip"})


_real_getaddrinfo = socket.getaddrinfo
# Names that lead to the local server, so a link can be on "LinkedIn" without leaving here.
LOCAL_NAMES = ("127.0.0.1", "www.linkedin.com", "jobs.lever.co", "jobs.example.test")


def _local_only(host: object, *args: object, **kwargs: object) -> object:
    name = host.decode() if isinstance(host, bytes) else host
    if name not in LOCAL_NAMES:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (tests are offline)")
    return _real_getaddrinfo("127.0.0.1", *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(name="web")
def web_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalWeb]:
    server = LocalWeb()
    server.thread.start()
    monkeypatch.setattr(socket, "getaddrinfo", _local_only)
    base = server.base
    monkeypatch.setattr(
        link_import,
        "ENDPOINTS",
        Endpoints(
            greenhouse=base,
            lever=base,
            lever_eu=base,
            ashby=base,
            smartrecruiters=base,
            workable=base,
            workday=base,
        ),
    )
    yield server
    server.release.set()
    server.server.shutdown()
    server.server.server_close()
    server.thread.join(5)
