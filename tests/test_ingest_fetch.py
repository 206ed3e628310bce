"""Fetching over real HTTP from a server on 127.0.0.1: caps, redirects, robots.txt, manners."""

from __future__ import annotations

import gzip
import zlib

import pytest

from tests.newsserver import NewsServer, Route, html_page
from warmonitor.config import FetchConfig
from warmonitor.errors import InputError
from warmonitor.ingest.fetch import Fetcher
from warmonitor.ingest.urlguard import RefusedUrl

PAGE = html_page("Convoy ambushed", ["Gunmen attacked a convoy near the town on Monday."])
QUICK = FetchConfig(host_delay_seconds=0.0, timeout_seconds=5.0)


@pytest.fixture
def server():
    with NewsServer() as running:
        yield running


def fetcher(config: FetchConfig = QUICK, **options) -> Fetcher:
    return Fetcher(config, allow_private=True, **options)


def test_fetch_returns_the_page_and_its_media_type(server: NewsServer) -> None:
    server.routes["/story"] = Route(body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    with fetcher() as client:
        page = client.fetch(server.url("/story"))
    assert page.status == 200
    assert page.body == PAGE
    assert page.content_type == "text/html"
    assert page.final_url == server.url("/story")
    assert server.requests[-1].headers["User-Agent"].startswith("warmonitor/")


def test_loopback_is_refused_without_allow_private(server: NewsServer) -> None:
    server.routes["/story"] = Route(body=PAGE)
    with Fetcher(QUICK) as client, pytest.raises(RefusedUrl, match="loopback"):
        client.fetch(server.url("/story"))
    assert server.requests == []  # refused before any connection


def test_connection_goes_to_the_checked_address(server: NewsServer) -> None:
    # "news.test" exists in no DNS: the request can only arrive because it was pinned to the
    # address the guard resolved, with the name kept in the Host header.
    server.routes["/story"] = Route(body=PAGE)
    with fetcher(resolver=lambda host, port: ["127.0.0.1"]) as client:
        page = client.fetch(server.url("/story", host="news.test"))
    assert page.body == PAGE
    assert server.requests[-1].host == f"news.test:{server.port}"


def test_gzip_body_is_decompressed(server: NewsServer) -> None:
    server.routes["/story"] = Route(body=PAGE, gzip=True, headers={"Content-Type": "text/html"})
    with fetcher() as client:
        assert client.fetch(server.url("/story")).body == PAGE


def test_raw_deflate_body_is_decompressed(server: NewsServer) -> None:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw = packer.compress(PAGE) + packer.flush()
    server.routes["/story"] = Route(body=raw, headers={"Content-Encoding": "deflate"})
    with fetcher() as client:
        assert client.fetch(server.url("/story")).body == PAGE


def test_decompression_bomb_stops_at_the_cap(server: NewsServer) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)  # about 50 kB on the wire
    assert len(bomb) < 100_000
    server.routes["/bomb"] = Route(body=bomb, headers={"Content-Encoding": "gzip"})
    capped = fetcher(FetchConfig(host_delay_seconds=0, max_bytes=1_000_000))
    with capped, pytest.raises(InputError, match="once decompressed than the 1.0 MB cap"):
        capped.fetch(server.url("/bomb"))


def test_declared_length_over_the_cap_is_refused_before_reading(server: NewsServer) -> None:
    server.routes["/huge"] = Route(body=b"x" * 200_000)
    capped = fetcher(FetchConfig(host_delay_seconds=0, max_bytes=100_000))
    cap_message = r"is 200.0 kB than the 100.0 kB cap \(fetch.max_bytes\)"
    with capped, pytest.raises(InputError, match=cap_message):
        capped.fetch(server.url("/huge"))


def test_redirects_are_followed_and_each_hop_guarded(server: NewsServer) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    server.routes["/to-file"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    with fetcher() as client:
        page = client.fetch(server.url("/old"))
        assert page.final_url == server.url("/new")
        with pytest.raises(RefusedUrl) as caught:
            client.fetch(server.url("/to-file"))
    message = str(caught.value)
    assert message.startswith(server.url("/to-file"))
    assert "redirects to file:///etc/passwd" in message and "only http and https" in message


def test_a_redirect_to_an_unknown_host_names_both(server: NewsServer) -> None:
    server.routes["/moved"] = Route(status=302, headers={"Location": "http://gone.test/story"})
    client = fetcher(resolver=lambda host, port: ["127.0.0.1"] if host == "127.0.0.1" else [])
    with client, pytest.raises(RefusedUrl) as caught:
        client.fetch(server.url("/moved"))
    assert str(caught.value).startswith(server.url("/moved"))
    assert "redirects to http://gone.test/story" in str(caught.value)


def test_redirect_loops_end(server: NewsServer) -> None:
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with fetcher() as client, pytest.raises(InputError, match="more than 5 redirects"):
        client.fetch(server.url("/a"))


def test_http_errors_name_the_status(server: NewsServer) -> None:
    with fetcher() as client, pytest.raises(InputError, match="answered HTTP 404"):
        client.fetch(server.url("/missing"))


def test_slow_server_times_out(server: NewsServer) -> None:
    server.routes["/slow"] = Route(body=PAGE, delay=2.0)
    impatient = fetcher(FetchConfig(host_delay_seconds=0, timeout_seconds=0.3))
    with impatient, pytest.raises(InputError, match="timed out after 0.3 s"):
        impatient.fetch(server.url("/slow"))


def test_robots_txt_is_obeyed(server: NewsServer) -> None:
    server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n")
    server.routes["/private/story"] = Route(body=PAGE)
    server.routes["/public/story"] = Route(body=PAGE)
    with fetcher() as client:
        assert client.fetch(server.url("/public/story")).body == PAGE
        with pytest.raises(RefusedUrl, match="robots.txt disallows it"):
            client.fetch(server.url("/private/story"))
    assert "/private/story" not in server.paths()
    assert server.paths().count("/robots.txt") == 1  # read once per site


def test_robots_txt_that_fails_stops_fetching_there(server: NewsServer) -> None:
    server.routes["/robots.txt"] = Route(status=503)
    server.routes["/story"] = Route(body=PAGE)
    with fetcher() as client, pytest.raises(RefusedUrl, match="robots.txt answered HTTP 503"):
        client.fetch(server.url("/story"))


def test_one_host_is_not_asked_twice_within_its_delay(server: NewsServer) -> None:
    server.routes["/robots.txt"] = Route(body=b"User-agent: *\nCrawl-delay: 7\n")
    server.routes["/a"] = Route(body=PAGE)
    server.routes["/b"] = Route(body=PAGE)
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    config = FetchConfig(host_delay_seconds=2.0)
    with fetcher(config, clock=lambda: now[0], sleep=sleep) as client:
        client.fetch(server.url("/a"))
        client.fetch(server.url("/b"))
    # robots.txt asks for 7 s between requests, more than the default 2 s: /a and /b wait 7 s.
    assert waits == [pytest.approx(7.0), pytest.approx(7.0)]
