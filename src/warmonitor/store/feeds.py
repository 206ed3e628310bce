"""What `warmonitor watch` remembers about feeds: their polling state and the items seen."""

from __future__ import annotations

from dataclasses import dataclass

from warmonitor.store.connection import Connection
from warmonitor.store.writer import insert_row


@dataclass(frozen=True)
class FeedState:
    """A feed's polling state; a feed never polled has ``FeedState(url)``."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    last_error: str | None = None
    last_polled_at: str | None = None
    next_poll_at: str | None = None


# An item that failed this many times is left alone: the page is gone or never was an article.
MAX_ITEM_ATTEMPTS = 3


def select_feed_state(conn: Connection, url: str) -> FeedState:
    row = conn.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
    return FeedState(**dict(row)) if row else FeedState(url)


def upsert_feed_state(conn: Connection, state: FeedState) -> None:
    conn.execute(
        "INSERT INTO feeds (url, etag, last_modified, failures, last_error, last_polled_at, "
        "next_poll_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
        "etag = excluded.etag, last_modified = excluded.last_modified, "
        "failures = excluded.failures, last_error = excluded.last_error, "
        "last_polled_at = excluded.last_polled_at, next_poll_at = excluded.next_poll_at",
        (
            state.url,
            state.etag,
            state.last_modified,
            state.failures,
            state.last_error,
            state.last_polled_at,
            state.next_poll_at,
        ),
    )


def select_done_item_keys(conn: Connection, feed_url: str) -> set[str]:
    """Items not to fetch again: stored, skipped, or failed too often."""
    rows = conn.execute(
        "SELECT item_key FROM feed_items WHERE feed_url = ? AND "
        "(status != 'failed' OR attempts >= ?)",
        (feed_url, MAX_ITEM_ATTEMPTS),
    )
    return {row[0] for row in rows}


def record_item(
    conn: Connection,
    feed_url: str,
    key: str,
    link: str,
    status: str,
    article_id: str | None,
    error: str | None,
    now: str,
) -> None:
    """Remember an item's outcome; a failure again counts one more attempt."""
    conn.execute("INSERT INTO feeds (url) VALUES (?) ON CONFLICT DO NOTHING", (feed_url,))
    row = {
        "feed_url": feed_url,
        "item_key": key,
        "link": link,
        "status": status,
        "article_id": article_id,
        "attempts": 1,
        "last_error": error,
        "first_seen_at": now,
        "updated_at": now,
    }
    if insert_row(conn, "feed_items", row) == 0:
        conn.execute(
            "UPDATE feed_items SET status = ?, article_id = ?, last_error = ?, updated_at = ?, "
            "attempts = attempts + 1 WHERE feed_url = ? AND item_key = ?",
            (status, article_id, error, now, feed_url, key),
        )
