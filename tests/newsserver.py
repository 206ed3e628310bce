"""A real HTTP server on 127.0.0.1 for the fetch, feed and watch tests.

Routes map a path to what the server answers; every request is logged with its path and Host
header, so a test can see what was asked and where. Nothing here is a mock of httpx: the
fetcher speaks real HTTP over a real socket.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    gzip: bool = False  # send the body gzip-encoded


@dataclass
class Request:
    path: str
    host: str
    headers: dict[str, str]


class NewsServer:
    """``with NewsServer() as server: server.routes["/a"] = Route(body=...); server.url("/a")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[], Route]] = {}
        self.requests: list[Request] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
                server.requests.append(
                    Request(self.path, self.headers.get("Host", ""), dict(self.headers))
                )
                route = server.routes.get(self.path)
                if callable(route):
                    route = route()
                if route is None:
                    route = Route(status=404, body=b"not found")
                if route.delay:
                    time.sleep(route.delay)
                body = gzip.compress(route.body) if route.gzip else route.body
                self.send_response(route.status)
                headers = {"Content-Length": str(len(body)), **route.headers}
                if route.gzip:
                    headers["Content-Encoding"] = "gzip"
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                # The client may give up on purpose (a cap, a timeout).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class QuietServer(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gave up on purpose (a cap, a timeout) is no error here

        self._server = QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def __enter__(self) -> NewsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]


def html_page(title: str, paragraphs: list[str], published: str | None = None) -> bytes:
    """A small news page, the way a site would serve it."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright the site. All rights reserved.</footer></body></html>"
    ).encode()
