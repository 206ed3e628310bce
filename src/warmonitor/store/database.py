"""The store: opening a database, saving extractions, querying events, reviews and users.

One connection per Store. Each ``save`` is one transaction, so an article is stored with all of
its events, figures and mentions, or not at all. The database is SQLite (a file, the default)
or PostgreSQL (a server shared by several people and processes); the same code and SQL run on
both.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any

from warmonitor.config import LinkingConfig
from warmonitor.dedup import Fingerprint
from warmonitor.errors import StoreError
from warmonitor.model import Article, Extraction
from warmonitor.store import (
    control,
    feeds,
    listings,
    manifests,
    queries,
    reviews,
    stories,
    users,
    writer,
)
from warmonitor.store.codec import article_from_row
from warmonitor.store.connection import Connection, transaction, utc_now
from warmonitor.store.control import StoredControl
from warmonitor.store.records import EventFilter, PageKey, SaveResult, StoredEvent
from warmonitor.store.schema import DATA_TABLES
from warmonitor.store.sqlite import connect_sqlite, sqlite_target


def open_store(url: str, *, shared: bool = False) -> Store:
    """Open (creating if needed) the database at ``url``.

    ``url`` is a file path ("warmonitor.db", "data/x.db"), ``sqlite:///abs/path.db``,
    ":memory:", or ``postgresql://user:password@host:port/database`` (its tables are made in the
    connection's schema, ``?options=-csearch_path%3DNAME`` to choose one). A ``shared`` SQLite
    store may be used by another thread than the one that opened it (one thread at a time: the
    server's pool hands each store to one request).
    """
    if is_postgresql(url):
        from warmonitor.store.postgres import DATABASE_ERRORS, connect_postgres, redacted

        return Store(connect_postgres(url), redacted(url), DATABASE_ERRORS)
    return Store(connect_sqlite(sqlite_target(url), shared=shared), url, (sqlite3.Error,))


def is_postgresql(url: str) -> bool:
    scheme = url.partition("://")[0].lower()
    return "://" in url and (
        scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+")
    )


class Store:
    """Articles, events and everything read from them, in one database."""

    def __init__(self, conn: Connection, url: str, errors: tuple[type[Exception], ...]) -> None:
        self._conn = conn
        self.url = url
        # The database driver's errors, turned into StoreError with what was being done.
        self._errors = errors

    def save(
        self,
        extraction: Extraction,
        fingerprint: Fingerprint | None = None,
        linking: LinkingConfig | None = None,
    ) -> SaveResult:
        """Store an extraction; saving it again adds nothing (and says so).

        With a ``fingerprint``, later copies of the article are found (``find_story``); with
        ``linking``, its events that stored events already are get merged into them.
        """
        try:
            with transaction(self._conn):
                result = writer.write_extraction(self._conn, extraction, utc_now(), linking)
                if fingerprint is not None and result.article_added:
                    stories.write_fingerprint(self._conn, extraction.article.id, fingerprint)
                return result
        except self._errors as exc:
            raise StoreError(
                f"{self.url}: cannot save article {extraction.article.id[:12]} ({exc}); "
                "nothing of it was stored"
            ) from exc

    def find_story(self, fingerprint: Fingerprint) -> str | None:
        """The story (its first article's id) a stored article like this one belongs to."""
        return stories.select_story(self._conn, fingerprint)

    def save_copy(self, article: Article, story_id: str, fingerprint: Fingerprint) -> SaveResult:
        """Store a copy of a stored story: one more report of each of its events."""
        with self._writing(f"cannot save article {article.id[:12]}; nothing of it was stored"):
            return stories.write_copy(self._conn, article, story_id, fingerprint, utc_now())

    def has_article(self, article_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def get_article(self, article_id: str) -> Article | None:
        row = self._conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return article_from_row(row) if row else None

    def events_of_article(self, article_id: str) -> list[str]:
        """Ids of the events an article reported, in the order they were stored."""
        rows = self._conn.execute(
            "SELECT event_id FROM event_reports WHERE article_id = ? ORDER BY created_at, rowid",
            (article_id,),
        )
        return [row[0] for row in rows]

    def query_events(self, filters: EventFilter | None = None) -> list[StoredEvent]:
        return queries.select_events(self._conn, filters or EventFilter())

    def get_event(self, event_id: str) -> StoredEvent | None:
        """The event with this id, or with an id that only it starts with (6 characters or more).

        Raises StoreError when the prefix is shared by several events.
        """
        return queries.select_event(self._conn, event_id.strip())

    def query_page(
        self,
        filters: EventFilter,
        order: str = "date",
        after: PageKey | None = None,
        size: int = 100,
    ) -> tuple[list[StoredEvent], PageKey | None]:
        """One keyset page of events, and the key that starts the next (None: no more)."""
        return queries.select_event_page(self._conn, filters, order, after, size)

    def timeline(self, filters: EventFilter) -> list[tuple[str, int, int]]:
        """(day, events, fatalities) per day that matching events start on, oldest first."""
        return queries.select_timeline(self._conn, filters)

    def review(
        self,
        event_id: str,
        action: str,
        user_name: str,
        changes: Mapping[str, Any] | None = None,
        note: str | None = None,
    ) -> reviews.Review:
        """Confirm, correct or reject a stored event; kept as history. ReviewError when the
        review cannot be taken (the message names the field)."""
        with self._writing(f"cannot save the review of event {event_id}"):
            return reviews.write_review(
                self._conn, event_id, action, changes, note, user_name, utc_now()
            )

    def review_history(
        self, event_id: str | None = None, limit: int | None = None
    ) -> list[reviews.Review]:
        """Review history, oldest first: of one event, or of all; the latest ``limit``."""
        return reviews.select_reviews(self._conn, event_id, limit)

    def add_user(self, name: str, role: str) -> str:
        """Add a user and return its token, which is stored only as a hash: show it once."""
        token = users.new_token()
        with self._writing(f"cannot add user {name}"):
            users.insert_user(self._conn, name, role, token, utc_now())
        return token

    def remove_user(self, name: str) -> bool:
        with self._writing(f"cannot remove user {name}"):
            return users.delete_user(self._conn, name)

    def list_users(self) -> list[users.User]:
        return users.select_users(self._conn)

    def user_by_token(self, token: str) -> users.User | None:
        return users.select_user_by_token(self._conn, token)

    def list_places(
        self, name: str | None = None, country_code: str | None = None, limit: int = 100
    ) -> list[listings.PlaceCount]:
        """Places events are located at, most events first."""
        return listings.select_places(self._conn, name, country_code, limit)

    def list_actors(self, name: str | None = None, limit: int = 100) -> list[listings.ActorCount]:
        """Actors of stored events, most events first."""
        return listings.select_actors(self._conn, name, limit)

    def query_control(
        self, place: str | None = None, actors: tuple[str, ...] = ()
    ) -> list[StoredControl]:
        """Control records about a place and involving any of the actors, oldest first."""
        return control.select_control(self._conn, place, actors)

    def feed_state(self, url: str) -> feeds.FeedState:
        return feeds.select_feed_state(self._conn, url)

    def save_feed_state(self, state: feeds.FeedState) -> None:
        with self._writing(f"cannot save the state of feed {state.url}"):
            feeds.upsert_feed_state(self._conn, state)

    def done_feed_items(self, feed_url: str) -> set[str]:
        """Keys of the feed's items not to fetch again (stored, skipped, or failed too often)."""
        return feeds.select_done_item_keys(self._conn, feed_url)

    def record_feed_item(
        self,
        feed_url: str,
        key: str,
        link: str,
        status: str,
        article_id: str | None = None,
        error: str | None = None,
    ) -> None:
        with self._writing(f"cannot record item {link} of feed {feed_url}"):
            feeds.record_item(self._conn, feed_url, key, link, status, article_id, error, utc_now())

    def begin_source(self, run_id: str, source: str) -> None:
        """Note in the manifest that this run starts reading ``source``."""
        with self._writing(f"cannot write the manifest of {source}"):
            manifests.begin(self._conn, run_id, source, utc_now())

    def finish_source(self, run: manifests.SourceRun) -> None:
        with self._writing(f"cannot write the manifest of {run.source}"):
            manifests.finish(self._conn, run, utc_now())

    def interrupted_sources(self) -> list[manifests.SourceRun]:
        """Sources an earlier run began and never finished (it was killed or crashed)."""
        return manifests.select_interrupted(self._conn)

    def source_runs(self, run_id: str) -> list[manifests.SourceRun]:
        return manifests.select_run(self._conn, run_id)

    @contextlib.contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        try:
            with transaction(self._conn):
                yield
        except self._errors as exc:
            raise StoreError(f"{self.url}: {what} ({exc})") from exc

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {
            table: self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in DATA_TABLES  # constant names from the schema, not from data
        }

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
