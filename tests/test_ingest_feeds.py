"""RSS and Atom feeds: read safely, their items fetched as articles over real HTTP."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.newsserver import NewsServer, Route, html_page
from warmonitor.config import FetchConfig, IngestConfig
from warmonitor.errors import InputError
from warmonitor.ingest.feeds import looks_like_feed, parse_feed
from warmonitor.ingest.fetch import Fetcher
from warmonitor.ingest.inputs import iter_articles
from warmonitor.model import Article, FailedInput

FEED_URL = "https://news.example/world/rss.xml"


def rss(*items: tuple[str, str, str | None]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        + (f"<guid>{guid}</guid>" if guid else "")
        + "<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item>"
        for title, link, guid in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>World news</title><link>https://news.example/</link>{entries}</channel></rss>"
    ).encode()


def test_rss_items_with_absolute_links_and_dates() -> None:
    body = rss(
        ("Clashes in the north", "/world/clashes", "urn:story:1"),
        ("Talks", "https://b.example/t", None),
    )
    items = parse_feed(body, FEED_URL)
    assert [i.link for i in items] == ["https://news.example/world/clashes", "https://b.example/t"]
    assert [i.key for i in items] == ["urn:story:1", "https://b.example/t"]
    assert items[0].title == "Clashes in the north"
    assert items[0].published == dt.date(2024, 3, 5)


def test_atom_entries() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><id>tag:wire,2024:1</id><title>Ceasefire holds</title>
<link rel="alternate" href="https://wire.example/a/1"/><updated>2024-06-01T12:00:00Z</updated></entry>
</feed>"""
    (item,) = parse_feed(body, "https://wire.example/atom")
    assert (item.key, item.link, item.published) == (
        "tag:wire,2024:1",
        "https://wire.example/a/1",
        dt.date(2024, 6, 1),
    )


def test_repeated_items_are_read_once() -> None:
    body = rss(("A", "https://n.example/a", "g"), ("A again", "https://n.example/a2", "g"))
    assert len(parse_feed(body, FEED_URL)) == 1


def test_entity_bomb_is_refused_before_expansion() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
        )
        + b']><rss version="2.0"><channel><item><title>&i;</title><link>https://x.example/</link>'
        b"</item></channel></rss>"
    )
    with pytest.raises(InputError, match="declares XML entities"):
        parse_feed(bomb, FEED_URL)


def test_external_entity_is_refused() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><item><title>&x;</title><link>https://x.example/</link>'
        b"</item></channel></rss>"
    )
    with pytest.raises(InputError, match="refused"):
        parse_feed(xxe, FEED_URL)


def test_not_a_feed_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="not a readable RSS or Atom feed"):
        parse_feed(b"<html><body>hello</body>", FEED_URL)


def test_feeds_are_told_from_pages() -> None:
    assert looks_like_feed("application/rss+xml", b"")
    assert looks_like_feed("text/xml", b'<?xml version="1.0"?>\n<rss version="2.0">')
    assert looks_like_feed("application/xml", b"<feed xmlns='http://www.w3.org/2005/Atom'>")
    assert not looks_like_feed("text/html", b"<html><rss>")
    assert not looks_like_feed("application/xml", b"<sitemap>")


def test_ingesting_a_feed_url_fetches_its_items() -> None:
    page = html_page(
        "Convoy ambushed",
        ["Gunmen ambushed an army convoy near the town of Gao on Monday, killing four soldiers."],
    )
    with NewsServer() as server:
        server.routes["/rss"] = Route(
            body=rss(("Convoy", "/story/1", "s1"), ("Missing", "/story/2", "s2")),
            headers={"Content-Type": "application/rss+xml"},
        )
        server.routes["/story/1"] = Route(body=page, headers={"Content-Type": "text/html"})
        config = FetchConfig(host_delay_seconds=0)
        with Fetcher(config, allow_private=True) as fetcher:
            items = list(iter_articles([server.url("/rss")], IngestConfig(), fetcher=fetcher))
    article, missing = items
    assert isinstance(article, Article)
    assert article.url == server.url("/story/1")
    assert article.published == dt.date(2024, 3, 5)  # the feed's date: the page gives none
    assert "killing four soldiers" in article.text
    assert isinstance(missing, FailedInput)
    assert missing.message.startswith(server.url("/story/2")) and "HTTP 404" in missing.message


def test_url_without_allow_private_is_one_failed_input() -> None:
    with Fetcher(FetchConfig()) as fetcher:
        (item,) = iter_articles(["http://127.0.0.1:9/story"], IngestConfig(), fetcher=fetcher)
    assert isinstance(item, FailedInput)
    assert item.message.startswith("http://127.0.0.1:9/story: refused: 127.0.0.1 is a loopback")
