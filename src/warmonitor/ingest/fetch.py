"""Fetching news from the web: httpx behind the URL guard, with caps, manners and robots.txt.

Everything fetched is hostile until read. So:

- every URL, and every URL a redirect points to, passes :func:`guard_url`, and the connection
  goes to the address that was checked (TLS still verifies the certificate of the named host);
- a slow server cannot hold a worker: each step has a timeout and the whole body a deadline;
- a huge or endlessly compressed body cannot fill memory: the bytes on the wire and the bytes
  after decompression are both capped, and decompression stops at the cap;
- sites are asked politely: robots.txt is obeyed (Crawl-delay included) and one host is not
  asked again before a delay has passed.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import httpx

from warmonitor.config import FetchConfig
from warmonitor.errors import InputError
from warmonitor.ingest.limits import format_size
from warmonitor.ingest.urlguard import RefusedUrl, Resolver, Target, guard_url, system_resolver

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# robots.txt files are small; a bigger one is a mistake or an attack and is read up to here.
_ROBOTS_MAX_BYTES = 512_000
# A Crawl-delay longer than this is taken as this: one site must not stall a whole watch.
_MAX_CRAWL_DELAY = 60.0


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """What a server sent back for one URL (after redirects)."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 when a conditional request found nothing new
    content_type: str  # the media type alone, lower-cased ("text/html")
    body: bytes  # decompressed
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """One HTTP client for a run: ``with Fetcher(config.fetch) as fetcher: fetcher.fetch(url)``.

    Raises :class:`InputError` (its subclass :class:`RefusedUrl` for the guard's and robots.txt's
    refusals) with a one-line message naming the URL.
    """

    def __init__(
        self,
        config: FetchConfig,
        *,
        allow_private: bool = False,
        resolver: Resolver = system_resolver,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.allow_private = allow_private or config.allow_private
        self._resolver = resolver
        self._clock = clock
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=httpx.Timeout(config.timeout_seconds),
            follow_redirects=False,  # each hop is guarded here
            trust_env=False,  # no proxy from the environment can route around the guard
        )
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, *, headers: dict[str, str] | None = None) -> FetchedPage:
        """GET ``url`` within the caps, following guarded redirects; obeys robots.txt."""
        target = self._guard(url, url)
        for _ in range(self.config.max_redirects + 1):
            self._check_robots(url, target)
            status, response_headers, body = self._get(url, target, headers or {})
            location = response_headers.get("location")
            if status in _REDIRECTS and location:
                next_url = urljoin(target.url, location)
                target = self._guard(url, next_url)
                continue
            if status not in (200, 304):
                raise InputError(url, f"the server answered HTTP {status}; check the URL")
            return FetchedPage(
                url=url,
                final_url=target.url,
                status=status,
                content_type=media_type(response_headers.get("content-type")),
                body=body,
                etag=response_headers.get("etag"),
                last_modified=response_headers.get("last-modified"),
            )
        raise InputError(
            url, f"more than {self.config.max_redirects} redirects (fetch.max_redirects); check it"
        )

    def _guard(self, asked: str, url: str) -> Target:
        try:
            return guard_url(url, allow_private=self.allow_private, resolver=self._resolver)
        except RefusedUrl as exc:
            if url == asked:
                raise
            raise RefusedUrl(asked, f"redirects to {url}, which is {exc.reason}") from exc

    def _get(
        self, asked: str, target: Target, headers: dict[str, str], *, cap: int | None = None
    ) -> tuple[int, httpx.Headers, bytes]:
        self._wait_for(target)
        request_headers = {
            "Host": target.host_header,
            "User-Agent": self.config.user_agent,
            "Accept-Encoding": "gzip, deflate",
            **headers,
        }
        cap = cap or self.config.max_bytes
        deadline = self._clock() + self.config.timeout_seconds * 3
        try:
            with self._client.stream(
                "GET",
                target.pinned_url,
                headers=request_headers,
                extensions={"sni_hostname": target.host},
            ) as response:
                if response.status_code != 200:
                    return response.status_code, response.headers, b""
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise InputError(asked, _over_cap(int(declared), cap))
                encoding = response.headers.get("content-encoding", "identity").strip().lower()
                body = _read_capped(
                    response.iter_raw(), encoding, cap, asked, lambda: self._clock() > deadline
                )
                return response.status_code, response.headers, body
        except httpx.TimeoutException as exc:
            raise InputError(
                asked, f"timed out after {self.config.timeout_seconds} s ({type(exc).__name__})"
            ) from exc
        except httpx.HTTPError as exc:
            raise InputError(asked, f"cannot be fetched ({type(exc).__name__}: {exc})") from exc

    def _wait_for(self, target: Target) -> None:
        """Politeness: no two requests to one host closer together than its delay."""
        delay = max(self.config.host_delay_seconds, self._crawl_delay(target))
        last = self._last_request.get(target.host)
        if last is not None:
            remaining = last + delay - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last_request[target.host] = self._clock()

    def _crawl_delay(self, target: Target) -> float:
        robots = self._robots.get(target.origin)
        if isinstance(robots, RobotFileParser):
            delay = robots.crawl_delay(self.config.user_agent)
            if delay:
                return min(float(delay), _MAX_CRAWL_DELAY)
        return 0.0

    def _check_robots(self, asked: str, target: Target) -> None:
        if not self.config.robots_txt:
            return
        robots = self._robots.get(target.origin)
        if robots is None:
            robots = self._read_robots(target)
            self._robots[target.origin] = robots
        if isinstance(robots, str):
            raise RefusedUrl(asked, f"refused: {target.origin}/robots.txt {robots}")
        if not robots.can_fetch(self.config.user_agent, target.url):
            raise RefusedUrl(
                asked, f"refused: {target.origin}/robots.txt disallows it for our user agent"
            )

    def _read_robots(self, page: Target) -> RobotFileParser | str:
        """The parsed robots.txt of a page's origin, or why nothing may be fetched there."""
        url = f"{page.origin}/robots.txt"
        target = page
        for _ in range(self.config.max_redirects + 1):
            try:
                target = guard_url(url, allow_private=self.allow_private, resolver=self._resolver)
                status, headers, body = self._get(url, target, {}, cap=_ROBOTS_MAX_BYTES)
            except InputError as exc:
                return f"could not be read ({exc.reason}), so nothing there is fetched"
            if status in _REDIRECTS and headers.get("location"):
                url = urljoin(target.url, headers["location"])
                continue
            parser = RobotFileParser()
            if status in (401, 403):
                parser.disallow_all = True
            elif 400 <= status < 500:
                parser.allow_all = True
            elif status >= 500:
                return f"answered HTTP {status}, so nothing there is fetched for now"
            else:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
            return parser
        return "redirects too often, so nothing there is fetched"


def media_type(content_type: str | None) -> str:
    """ "text/html; charset=utf-8" -> "text/html"."""
    return (content_type or "").split(";")[0].strip().lower()


def _read_capped(
    chunks: Iterator[bytes], encoding: str, cap: int, url: str, late: Callable[[], bool]
) -> bytes:
    """The body, decompressed, refusing more than ``cap`` bytes before or after decompression."""
    if encoding in ("gzip", "x-gzip"):
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
    elif encoding == "deflate":
        decompressor = _DeflateDecoder()
    elif encoding in ("identity", ""):
        decompressor = None
    else:
        raise InputError(url, f"the server sent content-encoding {encoding!r}, not asked for")
    parts: list[bytes] = []
    wire = size = 0
    for chunk in chunks:
        if late():
            raise InputError(url, "took too long to send the page; try again later")
        wire += len(chunk)
        if wire > cap:
            raise InputError(url, _over_cap(None, cap))
        if decompressor is None:
            parts.append(chunk)
            size = wire
            continue
        data = chunk
        while data:
            # Never inflate more than the room left: a decompression bomb stops at the cap.
            out = decompressor.decompress(data, cap - size + 1)
            size += len(out)
            if size > cap:
                raise InputError(url, _over_cap(None, cap, "once decompressed"))
            parts.append(out)
            data = decompressor.unconsumed_tail
    return b"".join(parts)


class _DeflateDecoder:
    """HTTP "deflate" is meant to be zlib-wrapped, but some servers send raw deflate."""

    def __init__(self) -> None:
        self._inner: zlib._Decompress | None = None
        self.unconsumed_tail = b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._inner is None:
            zlib_header = len(data) >= 2 and (data[0] * 256 + data[1]) % 31 == 0
            self._inner = zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)
        out = self._inner.decompress(data, max_length)
        self.unconsumed_tail = self._inner.unconsumed_tail
        return out


def _over_cap(size: int | None, cap: int, how: str = "") -> str:
    measured = f"is {format_size(size)}" if size is not None else "is larger"
    where = f" {how}" if how else ""
    return (
        f"{measured}{where} than the {format_size(cap)} cap (fetch.max_bytes); "
        "raise the cap if the page is a real article"
    )
