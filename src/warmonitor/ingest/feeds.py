"""RSS and Atom feeds: the list of new reports a news site offers, read safely.

A feed is XML from someone else. XML can declare entities that expand a few bytes into
gigabytes ("billion laughs") or pull in files and URLs (external entities). No news feed needs
either, so a feed that declares any entity is refused before any parser expands it; feedparser
then reads what is left, tolerating the small faults real feeds have.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

from warmonitor.errors import InputError

FEED_MEDIA_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
    }
)
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
# The opening tag of a feed's root element, looked for near the start of a document.
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_SNIFF_BYTES = 2048


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: the report's address and what the feed says about it."""

    key: str  # the entry's id (guid) when it has one, else its link: how it is remembered
    link: str  # absolute URL of the report
    title: str | None
    published: dt.date | None


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """A feed by its media type, or XML whose root is <rss>, <feed> or <rdf:RDF>."""
    head = body[:_SNIFF_BYTES]
    if content_type in FEED_MEDIA_TYPES - {"application/xml", "text/xml"}:
        return True
    if content_type in ("", "application/xml", "text/xml", "application/octet-stream"):
        return bool(_FEED_ROOT.search(head))
    return False


def parse_feed(body: bytes, url: str) -> list[FeedItem]:
    """The entries of a feed, in the feed's order; relative links resolved against ``url``.

    Raises :class:`InputError` naming ``url`` for a feed that declares XML entities or holds
    no entries at all.
    """
    _refuse_entities(body, url)
    import feedparser  # imported here: it takes a while and only feeds need it

    parsed = feedparser.parse(
        body,
        response_headers={"content-location": url},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if not parsed.entries and parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        raise InputError(url, f"is not a readable RSS or Atom feed ({reason}); check the URL")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        link = urljoin(url, link)
        key = (entry.get("id") or "").strip() or link
        if key in seen:
            continue
        seen.add(key)
        items.append(
            FeedItem(
                key=key,
                link=link,
                title=" ".join((entry.get("title") or "").split()) or None,
                published=_entry_date(entry),
            )
        )
    return items


def _refuse_entities(body: bytes, url: str) -> None:
    import defusedxml.ElementTree as safe_tree
    from defusedxml import DefusedXmlException

    if _ENTITY_DECLARATION.search(body):
        raise InputError(
            url, "refused: the feed declares XML entities, which no news feed needs (entity bomb)"
        )
    try:
        safe_tree.fromstring(body)
    except DefusedXmlException as exc:
        raise InputError(url, f"refused: the feed uses a forbidden XML construct ({exc})") from exc
    except ParseError:
        pass  # a feed with small faults is still read, by feedparser's tolerant parser


def _entry_date(entry: dict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None
