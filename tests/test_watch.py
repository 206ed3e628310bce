"""`warmonitor watch`: feeds served on 127.0.0.1, polled, remembered across restarts."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.newsserver import NewsServer, Route, html_page
from tests.test_cli_end_to_end import column, lines, no_traceback, run
from warmonitor.config import FetchConfig, IngestConfig
from warmonitor.ingest.fetch import Fetcher
from warmonitor.runs import Tally
from warmonitor.store import open_store
from warmonitor.watching import is_due, parse_interval, poll_feed, read_feed_list

NOW = dt.datetime(2024, 3, 5, 12, 0, tzinfo=dt.UTC)
EVERY = dt.timedelta(minutes=15)

STORIES = {
    "/mali/1": (
        "Convoy ambushed near Gao",
        "Gunmen ambushed an army convoy near Gao on Monday, killing four soldiers, a military "
        "spokesman said.",
    ),
    "/mali/2": (
        "Market shelled in Mopti",
        "Shells hit a crowded market in Mopti on Tuesday, killing six civilians, the mayor said.",
    ),
    "/chad/1": (
        "Village raided near Lake Chad",
        "Boko Haram fighters raided a fishing village near Lake Chad on Sunday and abducted "
        "nine people, residents said.",
    ),
}


def rss(*links: str) -> bytes:
    items = "".join(
        f"<item><title>{STORIES.get(link, ('x',))[0]}</title><link>{link}</link>"
        f"<guid>{link}</guid></item>"
        for link in links
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def serve_stories(server: NewsServer) -> None:
    for path, (title, sentence) in STORIES.items():
        page = html_page(title, [sentence, "More details were not immediately available."])
        server.routes[path] = Route(body=page, headers={"Content-Type": "text/html"})


@pytest.fixture
def server():
    with NewsServer() as running:
        serve_stories(running)
        yield running


@pytest.fixture
def poll(extractor, tmp_path: Path):
    """poll(url, now) against one database and one fetcher, collecting reported lines."""
    store = open_store(str(tmp_path / "watch.db"))
    fetcher = Fetcher(FetchConfig(host_delay_seconds=0), allow_private=True)
    reported: list[str] = []

    def run_poll(url: str, now: dt.datetime = NOW):
        outcome = poll_feed(
            url,
            fetcher=fetcher,
            store=store,
            extractor=extractor,
            ingest=IngestConfig(),
            every=EVERY,
            now=now,
            tally=Tally(),
            report=lambda kind, message: reported.append(f"{kind}: {message}"),
        )
        return outcome

    run_poll.store = store
    run_poll.reported = reported
    yield run_poll
    fetcher.close()
    store.close()


def test_new_items_are_ingested_once(server: NewsServer, poll) -> None:
    server.routes["/feed"] = Route(body=rss("/mali/1", "/mali/2"))
    first = poll(server.url("/feed"))
    assert first.ok and first.new_items == 2
    assert poll.store.counts()["articles"] == 2
    server.routes["/feed"] = Route(body=rss("/mali/1", "/mali/2", "/chad/1"))
    second = poll(server.url("/feed"), NOW + EVERY)
    assert second.ok and second.new_items == 1
    assert server.paths().count("/mali/1") == 1  # an item seen is not fetched again
    assert poll.store.counts()["articles"] == 3


def test_failing_feed_backs_off_and_recovers(server: NewsServer, poll) -> None:
    url = server.url("/feed")
    server.routes["/feed"] = Route(status=500)
    first = poll(url)
    assert not first.ok
    assert first.next_poll_at == NOW + 2 * EVERY
    assert poll.reported[-1].startswith(f"error: {url}: the server answered HTTP 500")
    assert "failure 1 in a row; next try in 30 min" in poll.reported[-1]
    assert not is_due(poll.store.feed_state(url), NOW + EVERY)
    second = poll(url, NOW + 2 * EVERY)
    assert second.next_poll_at == NOW + 2 * EVERY + 4 * EVERY
    server.routes["/feed"] = Route(body=rss("/mali/1"))
    third = poll(url, NOW + 6 * EVERY)
    assert third.ok and poll.store.feed_state(url).failures == 0


def test_hostile_feed_is_refused_and_the_others_go_on(server: NewsServer, poll) -> None:
    server.routes["/bomb"] = Route(
        body=b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel>'
        b"<item><link>/mali/1</link></item></channel></rss>"
    )
    server.routes["/feed"] = Route(body=rss("/chad/1"))
    assert not poll(server.url("/bomb")).ok
    assert "declares XML entities" in poll.reported[-1]
    assert poll(server.url("/feed")).ok
    assert poll.store.counts()["articles"] == 1


def test_unreadable_item_is_retried_three_times(server: NewsServer, poll) -> None:
    server.routes["/feed"] = Route(body=rss("/gone", "/mali/1"))
    for step in range(5):
        poll(server.url("/feed"), NOW + step * EVERY)
    assert server.paths().count("/gone") == 3
    assert poll.store.counts()["articles"] == 1


def test_unchanged_feed_is_asked_with_its_etag(server: NewsServer, poll) -> None:
    url = server.url("/feed")
    server.routes["/feed"] = Route(body=rss("/mali/1"), headers={"ETag": '"v1"'})
    poll(url)

    def not_modified() -> Route:
        asked = server.requests[-1].headers.get("If-None-Match")
        return Route(status=304) if asked == '"v1"' else Route(body=rss("/mali/1"))

    server.routes["/feed"] = not_modified
    outcome = poll(url, NOW + EVERY)
    assert outcome.ok and outcome.new_items == 0
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'


def test_feed_list_and_interval(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# Sahel\nhttps://a.example/rss\n\nhttps://b.example/atom  # wire\nfeeds.example/x\n"
        "https://a.example/rss\n",
        encoding="utf-8",
    )
    feeds = read_feed_list(path)
    assert feeds.urls == ("https://a.example/rss", "https://b.example/atom")
    assert feeds.problems == (
        f"{path}:5: 'feeds.example/x' is not an http(s) URL; fix or remove it",
    )
    assert parse_interval("15m") == dt.timedelta(minutes=15)
    assert parse_interval("2h") == dt.timedelta(hours=2)
    assert parse_interval("90") == dt.timedelta(seconds=90)
    with pytest.raises(ValueError, match="not an interval"):
        parse_interval("soon")


def test_cli_watch_once_remembers_across_restarts(server: NewsServer, tmp_path: Path) -> None:
    server.routes["/sahel.rss"] = Route(body=rss("/mali/1", "/mali/2"))
    server.routes["/broken.rss"] = Route(status=503)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.url('/broken.rss')}\n{server.url('/sahel.rss')}\n")
    db = tmp_path / "watch.db"
    args = ("watch", str(feeds), "--once", "--allow-private", "--db", str(db))
    first = run(*args, cwd=tmp_path)
    no_traceback(first)
    assert first.returncode == 1  # a feed failed: cron should hear of it
    assert any("broken.rss: the server answered HTTP 503" in line for line in lines(first.stderr))
    assert lines(first.stderr)[-1].startswith("2 feeds polled (1 failed); 2 documents (2 new")
    assert len(column(db, "SELECT id FROM articles")) == 2
    # A restart: the broken feed is backing off, the good one is not due yet.
    second = run(*args, cwd=tmp_path)
    assert lines(second.stderr)[-1].startswith("0 feeds polled (0 failed); 0 documents")
    assert server.paths().count("/mali/1") == 1
    assert column(db, "SELECT status FROM feed_items ORDER BY item_key") == ["stored", "stored"]


def _ignoring_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_cli_watch_runs_until_interrupted(server: NewsServer, tmp_path: Path) -> None:
    server.routes["/sahel.rss"] = Route(body=rss("/chad/1"))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(server.url("/sahel.rss") + "\n")
    db = tmp_path / "watch.db"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "warmonitor", "watch", str(feeds), "--every", "1s"]
        + ["--allow-private", "--db", str(db)],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
        text=True,
        # started as a supervisor or a test runner's worker may start it, ignoring interrupts,
        # which a child inherits: the watch still stops on Ctrl-C
        preexec_fn=_ignoring_interrupts,
    )
    deadline = time.monotonic() + 120
    while server.paths().count("/sahel.rss") < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert "Traceback" not in stderr
    assert proc.returncode == 0, stderr
    assert server.paths().count("/sahel.rss") >= 2  # polled again without a restart
    assert lines(stderr)[-1] == "watch stopped; what was seen is remembered for the next run"
    assert column(db, "SELECT count(*) FROM articles") == [1]
