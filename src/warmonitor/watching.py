"""Watching feeds unattended: poll each feed when it is due, fetch the items not seen before,
ingest them, and remember all of it in the database so that a restart picks up where the last
run stopped.

A feed that fails (down, not a feed, refused by the guard) is retried later and later (the
interval doubles with each failure in a row, up to a day) and never stops the others. An item
whose page cannot be read is retried at the next polls, three attempts in all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from warmonitor.config import IngestConfig
from warmonitor.errors import InputError
from warmonitor.ingest.feeds import FeedItem, looks_like_feed, parse_feed
from warmonitor.ingest.fetch import Fetcher
from warmonitor.ingest.inputs import URL_SCHEMES, fetch_article
from warmonitor.model import FailedInput
from warmonitor.pipeline import Extractor
from warmonitor.runs import Report, Tally, ingest_item
from warmonitor.store import Store
from warmonitor.store.feeds import FeedState

# However often a feed fails, it is tried again at least once a day.
MAX_BACKOFF = dt.timedelta(days=1)
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class FeedList:
    urls: tuple[str, ...]
    problems: tuple[str, ...]  # one line per line of the file that is not a feed URL


@dataclass(frozen=True)
class PollOutcome:
    url: str
    ok: bool
    new_items: int
    next_poll_at: dt.datetime
    error: str | None = None


def read_feed_list(path: Path) -> FeedList:
    """Feed URLs, one per line; blank lines and ``#`` comments are ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise InputError(
            str(path), f"cannot be read ({reason}); give a text file of feed URLs"
        ) from exc
    urls: list[str] = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.split(" #", 1)[0].strip()  # a comment after the URL
        if not line.lower().startswith(URL_SCHEMES):
            problems.append(f"{path}:{number}: {line!r} is not an http(s) URL; fix or remove it")
        elif line not in urls:
            urls.append(line)
    return FeedList(tuple(urls), tuple(problems))


def parse_interval(text: str) -> dt.timedelta:
    """ "15m", "1h", "90s", "2d" or a number of seconds; raises ValueError otherwise."""
    match = _INTERVAL.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not an interval; write it as 90s, 15m, 1h or 1d")
    return dt.timedelta(seconds=float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()])


def is_due(state: FeedState, now: dt.datetime) -> bool:
    return state.next_poll_at is None or _parse_time(state.next_poll_at) <= now


def next_due(states: list[FeedState], now: dt.datetime) -> dt.datetime:
    """When the earliest of these feeds is due (now if one already is)."""
    times = [_parse_time(s.next_poll_at) if s.next_poll_at else now for s in states]
    return min(times, default=now)


def poll_feed(
    url: str,
    *,
    fetcher: Fetcher,
    store: Store,
    extractor: Extractor,
    ingest: IngestConfig,
    every: dt.timedelta,
    now: dt.datetime,
    tally: Tally,
    report: Report,
) -> PollOutcome:
    """Poll one feed and ingest its new items; every outcome is saved in the store."""
    state = store.feed_state(url)
    stamp = now.strftime(_TIME_FORMAT)
    try:
        page = fetcher.fetch(url, headers=_conditional_headers(state))
        items: list[FeedItem] = []
        if page.status != 304:
            if not looks_like_feed(page.content_type, page.body):
                shown = page.content_type or "of no declared type"
                raise InputError(url, f"is {shown}, not an RSS or Atom feed; check the URL")
            items = parse_feed(page.body, page.final_url)
    except InputError as exc:
        return _failed(store, state, str(exc), every, now, report)
    except Exception as exc:  # a feed must never stop the watch
        message = f"{url}: polling failed ({type(exc).__name__}: {exc}); it will be retried"
        return _failed(store, state, message, every, now, report)
    done = store.done_feed_items(url)
    new_items = 0
    for item in items:
        if item.key in done:
            continue
        new_items += 1
        fetched = fetch_article(item.link, ingest, item.published, fetcher)
        stored = ingest_item(fetched, extractor, store, tally, report, extractor.config.linking)
        if stored is not None:
            store.record_feed_item(url, item.key, item.link, "stored", stored.id)
        elif isinstance(fetched, FailedInput) and fetched.skipped:
            store.record_feed_item(url, item.key, item.link, "skipped", error=fetched.message)
        else:
            message = fetched.message if isinstance(fetched, FailedInput) else "not stored"
            store.record_feed_item(url, item.key, item.link, "failed", error=message)
    next_poll = now + every
    store.save_feed_state(
        replace(
            state,
            etag=page.etag if page.status == 200 else state.etag,
            last_modified=page.last_modified if page.status == 200 else state.last_modified,
            failures=0,
            last_error=None,
            last_polled_at=stamp,
            next_poll_at=next_poll.strftime(_TIME_FORMAT),
        )
    )
    return PollOutcome(url, True, new_items, next_poll)


def _failed(
    store: Store,
    state: FeedState,
    message: str,
    every: dt.timedelta,
    now: dt.datetime,
    report: Report,
) -> PollOutcome:
    failures = state.failures + 1
    wait = min(every * (2**failures), MAX_BACKOFF)
    next_poll = now + wait
    report("error", f"{message} (failure {failures} in a row; next try in {_shown(wait)})")
    store.save_feed_state(
        replace(
            state,
            failures=failures,
            last_error=message,
            last_polled_at=now.strftime(_TIME_FORMAT),
            next_poll_at=next_poll.strftime(_TIME_FORMAT),
        )
    )
    return PollOutcome(state.url, False, 0, next_poll, message)


def _conditional_headers(state: FeedState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _parse_time(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, _TIME_FORMAT).replace(tzinfo=dt.UTC)


def _shown(wait: dt.timedelta) -> str:
    seconds = int(wait.total_seconds())
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"
