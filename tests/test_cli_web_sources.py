"""`warmonitor ingest` on URLs, feeds and crawls: a real server on 127.0.0.1, a real subprocess."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.newsserver import NewsServer, Route, html_page
from tests.test_cli_end_to_end import column, lines, no_traceback, run

AMBUSH = html_page(
    "Convoy ambushed near Gao",
    [
        "GAO, Mali (Reuters) - Gunmen ambushed an army convoy near Gao on Monday, killing four "
        "soldiers, a military spokesman said.",
        "The attackers fled north on motorbikes, residents said.",
    ],
    published="2024-03-04",
)
CAMP = html_page(
    "Camp shelled outside Goma",
    [
        "GOMA, Congo (AP) - Rebels shelled a camp for displaced people outside Goma on Tuesday, "
        "killing five people, aid workers said.",
        "Thousands of families fled the camp towards the city.",
    ],
    published="2024-03-05",
)
RAID = html_page(
    "Village raided near Maiduguri",
    [
        "MAIDUGURI, Nigeria (AFP) - Suspected Boko Haram fighters raided a village near Maiduguri "
        "on Monday and abducted twelve farmers, residents said.",
        "The army said troops were pursuing the attackers.",
    ],
    published="2024-03-06",
)
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Africa</title>'
    b"<item><title>Convoy</title><link>/mali/convoy</link><guid>m1</guid></item>"
    b"<item><title>Camp</title><link>/congo/camp</link><guid>c1</guid></item>"
    b"</channel></rss>"
)


def write_crawl(path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://wire.example/nigeria/raid",
            "response",
            payload=io.BytesIO(RAID),
            http_headers=http,
        )
        writer.write_record(record)


@pytest.fixture(scope="module")
def server():
    with NewsServer() as running:
        running.routes["/africa.rss"] = Route(
            body=FEED, headers={"Content-Type": "application/rss+xml"}
        )
        running.routes["/mali/convoy"] = Route(body=AMBUSH, headers={"Content-Type": "text/html"})
        running.routes["/congo/camp"] = Route(body=CAMP, headers={"Content-Type": "text/html"})
        yield running


def test_ingest_feed_url_and_crawl_then_again_adds_nothing(server, tmp_path: Path) -> None:
    crawl = tmp_path / "news.warc.gz"
    write_crawl(crawl)
    db = tmp_path / "web.db"
    args = ("ingest", server.url("/africa.rss"), str(crawl), "--allow-private", "--db", str(db))
    first = run(*args, cwd=tmp_path)
    no_traceback(first)
    assert first.returncode == 0, first.stderr
    assert lines(first.stderr)[-1].startswith("3 documents (3 new, 0 already stored)")
    urls = set(column(db, "SELECT url FROM articles"))
    assert urls == {
        server.url("/mali/convoy"),
        server.url("/congo/camp"),
        "https://wire.example/nigeria/raid",
    }
    assert column(db, "SELECT count(*) FROM events")[0] >= 3
    second = run(*args, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert lines(second.stderr)[-1].startswith("3 documents (0 new, 3 already stored)")


def test_ingest_refuses_loopback_without_the_flag(server, tmp_path: Path) -> None:
    url = server.url("/mali/convoy")
    proc = run("ingest", url, "--db", str(tmp_path / "x.db"), cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 1
    errors = [line for line in lines(proc.stderr) if line.startswith("error:")]
    assert errors == [
        f"error: {url}: refused: 127.0.0.1 is a loopback address (use --allow-private to fetch "
        "from private networks)",
        f"error: not every source was read whole: {url} (1 error); fix them and run again (what "
        "was stored is kept)",
    ]
