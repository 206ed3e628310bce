"""The database schema: table definitions, indexes and the migration number.

Tables are plural nouns because other tools query them directly (DESIGN.md 4b). The column
lists below are also the allowlist that every INSERT is checked against, so no column name in
SQL ever comes from data.

Offsets into the article text are named ``start_char``/``end_char`` rather than ``start``/``end``:
``end`` is reserved in SQL and would need quoting in every query, here and in PostgreSQL later.

A fresh database is created from ``TABLES`` at ``SCHEMA_VERSION``; an older one is brought up to
date by ``MIGRATIONS`` (statements keyed by the version they lead to).
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 7


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]  # full column definitions; the first word is the column's name
    constraints: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(definition.split()[0] for definition in self.columns)

    def create_sql(self) -> str:
        body = ",\n  ".join(self.columns + self.constraints)
        return f"CREATE TABLE {self.name} (\n  {body}\n)"


_SPAN = ("start_char INTEGER", "end_char INTEGER", "text TEXT")

# Who holds which territory, by whose account (model.ControlRecord): one row per record read.
_CONTROL = Table(
    "control",
    (
        "id INTEGER PRIMARY KEY",
        "article_id TEXT NOT NULL REFERENCES articles(id)",
        "event_id TEXT REFERENCES events(id)",  # the territorial event a change comes from
        "kind TEXT NOT NULL CHECK (kind IN ('change', 'standing'))",
        "territory TEXT NOT NULL",  # in the report's words
        "place_key TEXT REFERENCES places(place_key)",
        "location TEXT",
        "country_code TEXT COLLATE NOCASE",  # ISO 3166 alpha-2
        "admin1 TEXT",
        "latitude REAL",
        "longitude REAL",
        "geo_precision INTEGER",
        "from_actor TEXT",  # who lost it (changes only)
        "to_actor TEXT",  # who holds it (or gained it)
        "date_start TEXT",
        "date_end TEXT",
        "date_precision INTEGER",
        "source_name TEXT REFERENCES sources(name)",
        "area_km2 REAL",
        "population_best INTEGER",  # people under the holder's rule, when the report counts them
        "sentence_start INTEGER NOT NULL",
        "sentence_end INTEGER NOT NULL",
        "record_json TEXT NOT NULL",  # the contract dict (export/contract.control_to_dict)
        "created_at TEXT NOT NULL",
    ),
)
_CONTROL_INDEXES = (
    "CREATE INDEX control_location ON control (location)",
    "CREATE INDEX control_to_actor ON control (to_actor)",
    "CREATE INDEX control_from_actor ON control (from_actor)",
    "CREATE INDEX control_article_id ON control (article_id)",
)

# What `warmonitor watch` remembers across restarts: each feed's polling state, and each item
# it has seen (so an item is fetched once, and a failing one is retried a few times, no more).
_FEEDS = Table(
    "feeds",
    (
        "url TEXT PRIMARY KEY",
        "etag TEXT",  # the validators of the last answer, sent back to get 304 Not Modified
        "last_modified TEXT",
        "failures INTEGER NOT NULL DEFAULT 0",  # polls failed in a row: the back-off grows
        "last_error TEXT",
        "last_polled_at TEXT",
        "next_poll_at TEXT",  # not polled again before this (ISO 8601 UTC)
    ),
)
_FEED_ITEMS = Table(
    "feed_items",
    (
        "feed_url TEXT NOT NULL REFERENCES feeds(url)",
        "item_key TEXT NOT NULL",  # the item's guid, else its link
        "link TEXT NOT NULL",
        "status TEXT NOT NULL CHECK (status IN ('stored', 'skipped', 'failed'))",
        "article_id TEXT REFERENCES articles(id)",
        "attempts INTEGER NOT NULL DEFAULT 1",
        "last_error TEXT",
        "first_seen_at TEXT NOT NULL",
        "updated_at TEXT NOT NULL",
    ),
    ("PRIMARY KEY (feed_url, item_key)",),
)

# Near-duplicate detection (dedup.py): each article's MinHash signature, and the band keys that
# find candidate copies with one indexed lookup.
_FINGERPRINTS = Table(
    "article_fingerprints",
    (
        "article_id TEXT PRIMARY KEY REFERENCES articles(id)",
        "signature BLOB NOT NULL",
        "shingles INTEGER NOT NULL",  # distinct five-word shingles of the text
    ),
)
_FINGERPRINT_BANDS = Table(
    "fingerprint_bands",
    (
        "band_key TEXT NOT NULL",
        "article_id TEXT NOT NULL REFERENCES articles(id)",
    ),
    ("PRIMARY KEY (band_key, article_id)",),
)

# Events that independent reports told again (linking.py): the id each later report would
# have given the event, the event it was merged into, and the sentence the report told it in.
_ALIAS_SENTENCE = ("sentence_start INTEGER", "sentence_end INTEGER")
_EVENT_ALIASES = Table(
    "event_aliases",
    (
        "alias_id TEXT PRIMARY KEY",
        "event_id TEXT NOT NULL REFERENCES events(id)",
        "article_id TEXT NOT NULL REFERENCES articles(id)",
        *_ALIAS_SENTENCE,
    ),
)

# Per-source manifests of `warmonitor ingest`: what the last run that read a source read of it,
# so that an interrupted run (a kill, a crash, a power cut) is seen and a source that was not
# read whole is named. Reading a source again updates its row: a re-run adds no row.
_SOURCE_RUNS = Table(
    "source_runs",
    (
        "source TEXT PRIMARY KEY",  # as given: a path, a folder, a URL
        "run_id TEXT NOT NULL",  # the last run that read it
        "status TEXT NOT NULL CHECK (status IN ('reading', 'done', 'incomplete'))",
        "documents INTEGER NOT NULL DEFAULT 0",
        "added INTEGER NOT NULL DEFAULT 0",
        "failures INTEGER NOT NULL DEFAULT 0",
        "skipped INTEGER NOT NULL DEFAULT 0",
        "last_error TEXT",
        "started_at TEXT NOT NULL",
        "finished_at TEXT",
    ),
)

# Analyst review (store/reviews.py). The machine's reading stays in event_json; an event's query
# columns above hold the reviewed values, and reviewed_json the fields analysts corrected.
_REVIEWED = (
    "review_status TEXT NOT NULL DEFAULT 'unreviewed'"
    " CHECK (review_status IN ('unreviewed', 'confirmed', 'corrected', 'rejected'))",
    "reviewed_json TEXT",  # JSON object: every corrected field, the latest correction of each
)

# People who may use the server (store/users.py): a token is stored only as its SHA-256.
_USERS = Table(
    "users",
    (
        "name TEXT PRIMARY KEY",
        "role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst'))",
        "token_hash TEXT NOT NULL UNIQUE",
        "created_at TEXT NOT NULL",
    ),
)

# Keyset pages of the API (newest first, or by last change) walk these without sorting.
_PAGE_INDEXES = (
    "CREATE INDEX events_page_by_date ON events (date_start, id)",
    "CREATE INDEX events_page_by_update ON events (updated_at, id)",
    "CREATE INDEX events_admin1 ON events (admin1)",
)
# A page of one country's (or one type's) events, newest first, is read straight off these:
# with the country's own index instead, SQLite sorted all of a country's events for each page
# (360 ms on a million events against 8 ms).
_FILTER_BY_DATE_INDEXES = (
    "CREATE INDEX events_country_by_date ON events (country_code, date_start, id)",
    "CREATE INDEX events_type_by_date ON events (event_type, date_start, id)",
    # The timeline (events and fatalities per day) is counted off this index alone, the usual
    # filters included: through the table it took 30 s on a million events, through it 0.1 s.
    "CREATE INDEX events_timeline ON events (date_start, review_status, fatalities, "
    "event_type, country_code, latitude, longitude, actor1, actor2)",
)

TABLES: tuple[Table, ...] = (
    Table(
        "articles",
        (
            "id TEXT PRIMARY KEY",  # sha256 of the normalised text (Article.id)
            "source_id TEXT",
            "url TEXT",
            "outlet TEXT",
            "title TEXT",
            "authors TEXT NOT NULL DEFAULT '[]'",  # JSON array of strings
            "dateline TEXT NOT NULL DEFAULT '[]'",  # JSON array of strings
            "agency TEXT",
            "published TEXT",  # ISO 8601 date
            "language TEXT",
            "truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1))",
            "text TEXT NOT NULL",
            "ingested_at TEXT NOT NULL",
            # The first stored article of the story this one copies (its own id when it is the
            # first); NULL for articles stored before copies were told apart (schema 4).
            "story_id TEXT",
        ),
    ),
    Table(
        "actors",
        (
            "name TEXT PRIMARY KEY",  # canonical name; the first description seen is kept
            "type TEXT",
            "sector TEXT",
            "country TEXT",
            "wikidata TEXT",
        ),
    ),
    Table(
        "places",
        (
            # "geonames:<id>" for gazetteer places, else "name:<name>|<country code>"
            "place_key TEXT PRIMARY KEY",
            "name TEXT NOT NULL",
            "geonameid INTEGER",
            "lat REAL",
            "lon REAL",
            "country_code TEXT",
            "admin1 TEXT",
            "admin2 TEXT",
            "feature_code TEXT",
        ),
    ),
    Table(
        "events",
        (
            "id TEXT PRIMARY KEY",
            "article_id TEXT NOT NULL REFERENCES articles(id)",  # the article it was read from
            "sentence_start INTEGER NOT NULL",
            "sentence_end INTEGER NOT NULL",
            "event_type TEXT NOT NULL COLLATE NOCASE",
            "sub_event_type TEXT NOT NULL COLLATE NOCASE",
            "plover_type TEXT",
            "plover_mode TEXT",
            "actor1 TEXT REFERENCES actors(name)",
            "actor2 TEXT REFERENCES actors(name)",
            "place_key TEXT REFERENCES places(place_key)",
            "country_code TEXT COLLATE NOCASE",  # ISO 3166 alpha-2
            "admin1 TEXT",
            "admin2 TEXT",
            "location TEXT",
            "latitude REAL",
            "longitude REAL",
            "geo_precision INTEGER",  # UCDP where_prec 1-7
            "date_start TEXT",  # ISO 8601 date
            "date_end TEXT",
            "date_precision INTEGER",  # UCDP date_prec 1-5
            "modality TEXT NOT NULL",
            "according_to TEXT",  # the claimant's name
            "confidence REAL NOT NULL",
            "fatalities INTEGER NOT NULL",  # ACLED conventions, store/fatalities.py
            "event_json TEXT NOT NULL",  # the contract dict plus what it leaves out (codec.py)
            "created_at TEXT NOT NULL",
            "updated_at TEXT NOT NULL",
            *_REVIEWED,
        ),
    ),
    Table(
        "event_reports",
        (
            "event_id TEXT NOT NULL REFERENCES events(id)",
            "article_id TEXT NOT NULL REFERENCES articles(id)",
            "created_at TEXT NOT NULL",
        ),
        ("PRIMARY KEY (event_id, article_id)",),
    ),
    Table(
        "event_actors",
        (
            "event_id TEXT NOT NULL REFERENCES events(id)",
            "actor_name TEXT NOT NULL REFERENCES actors(name)",
            "role INTEGER NOT NULL CHECK (role IN (1, 2))",
            *_SPAN,
        ),
        ("PRIMARY KEY (event_id, role)",),
    ),
    Table(
        "place_mentions",
        (
            "id INTEGER PRIMARY KEY",
            "article_id TEXT NOT NULL REFERENCES articles(id)",
            "place_key TEXT NOT NULL REFERENCES places(place_key)",
            *_SPAN,
            "geo_precision INTEGER NOT NULL",
            "sub_place TEXT",
            "mention TEXT NOT NULL DEFAULT 'named'",  # named, adjectival, embedded, dateline
        ),
    ),
    Table(
        "figures",
        (
            "id INTEGER PRIMARY KEY",
            "article_id TEXT NOT NULL REFERENCES articles(id)",
            "event_id TEXT REFERENCES events(id)",  # NULL for figures tied to no single event
            "kind TEXT NOT NULL",
            "low INTEGER",
            "best INTEGER",
            "high INTEGER",
            "approximate INTEGER NOT NULL CHECK (approximate IN (0, 1))",
            "who TEXT",
            "scope TEXT NOT NULL",
            *_SPAN,
            "source_name TEXT REFERENCES sources(name)",
        ),
    ),
    Table(
        "sources",
        (
            "name TEXT PRIMARY KEY",  # the claimant; the first type seen is kept
            "type TEXT",
        ),
    ),
    Table(
        "source_mentions",
        (
            "id INTEGER PRIMARY KEY",
            "source_name TEXT NOT NULL REFERENCES sources(name)",
            "source_type TEXT",  # as typed in this mention
            "anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1))",  # "a source said"
            "article_id TEXT NOT NULL REFERENCES articles(id)",
            "event_id TEXT REFERENCES events(id)",
            "figure_id INTEGER REFERENCES figures(id)",  # set when the claim is about a figure
            *_SPAN,
        ),
    ),
    Table(
        "reviews",
        (
            "id INTEGER PRIMARY KEY",
            "event_id TEXT NOT NULL REFERENCES events(id)",
            "action TEXT NOT NULL CHECK (action IN ('confirm', 'correct', 'reject'))",
            "changes TEXT",  # JSON object of corrected fields
            "note TEXT",
            "user_name TEXT",  # "user" is reserved in PostgreSQL
            "created_at TEXT NOT NULL",
        ),
    ),
    _CONTROL,
    _FEEDS,
    _FEED_ITEMS,
    _FINGERPRINTS,
    _FINGERPRINT_BANDS,
    _EVENT_ALIASES,
    _SOURCE_RUNS,
    _USERS,
    Table("schema_version", ("version INTEGER NOT NULL",)),
)

INDEXES: tuple[str, ...] = (
    "CREATE INDEX events_sub_event_type ON events (sub_event_type)",
    "CREATE INDEX events_date_start ON events (date_start)",
    "CREATE INDEX events_date_end ON events (date_end)",
    "CREATE INDEX events_actor1 ON events (actor1)",
    "CREATE INDEX events_actor2 ON events (actor2)",
    "CREATE INDEX events_location ON events (location)",
    "CREATE INDEX events_article_id ON events (article_id)",
    "CREATE INDEX event_reports_article_id ON event_reports (article_id)",
    "CREATE INDEX articles_story_id ON articles (story_id)",
    "CREATE INDEX event_actors_actor_name ON event_actors (actor_name)",
    "CREATE INDEX place_mentions_article_id ON place_mentions (article_id)",
    "CREATE INDEX figures_article_id ON figures (article_id)",
    "CREATE INDEX figures_event_id ON figures (event_id)",
    "CREATE INDEX source_mentions_event_id ON source_mentions (event_id)",
    "CREATE INDEX source_mentions_source_name ON source_mentions (source_name)",
    "CREATE INDEX reviews_event_id ON reviews (event_id, created_at)",
    *_CONTROL_INDEXES,
    *_PAGE_INDEXES,
    *_FILTER_BY_DATE_INDEXES,
    # A report's figures are read with their claimants, one lookup per figure.
    "CREATE INDEX source_mentions_figure_id ON source_mentions (figure_id)",
    "CREATE INDEX event_aliases_event_id ON event_aliases (event_id, article_id)",
)

# Statements that bring a database from version N-1 to version N. Version 1 is the first schema.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: ("ALTER TABLE place_mentions ADD COLUMN mention TEXT NOT NULL DEFAULT 'named'",),
    # Articles stored before version 3 have no control rows; ingesting them again does not add
    # any (articles are written once), so `warmonitor ingest --db NEW.db` re-reads them.
    3: (_CONTROL.create_sql(), *_CONTROL_INDEXES),
    4: (
        _FEEDS.create_sql(),
        _FEED_ITEMS.create_sql(),
        "ALTER TABLE articles ADD COLUMN story_id TEXT",
        _FINGERPRINTS.create_sql(),
        _FINGERPRINT_BANDS.create_sql(),
        "CREATE INDEX articles_story_id ON articles (story_id)",
        # The table as version 4 made it; version 7 adds its sentence.
        Table(_EVENT_ALIASES.name, _EVENT_ALIASES.columns[:3]).create_sql(),
        _SOURCE_RUNS.create_sql(),
    ),
    5: (
        *(f"ALTER TABLE events ADD COLUMN {column}" for column in _REVIEWED),
        # Reviews written before version 5 decide the status (the latest wins), as they did.
        """UPDATE events SET review_status = COALESCE((
             SELECT CASE r.action WHEN 'confirm' THEN 'confirmed' WHEN 'correct' THEN 'corrected'
                    ELSE 'rejected' END
             FROM reviews AS r WHERE r.event_id = events.id
             ORDER BY r.created_at DESC, r.id DESC LIMIT 1), 'unreviewed')""",
        _USERS.create_sql(),
        *_PAGE_INDEXES,
        "CREATE INDEX events_latitude ON events (latitude)",
    ),
    # A bounding box is checked while walking the newest events: with a latitude index SQLite
    # sorted every event in the box's band of latitudes (690 ms on a million events).
    6: (
        "DROP INDEX events_latitude",
        "DROP INDEX events_country_code",
        "DROP INDEX events_event_type",
        *_FILTER_BY_DATE_INDEXES,
        "CREATE INDEX source_mentions_figure_id ON source_mentions (figure_id)",
    ),
    # Aliases written before version 7 have no sentence: their reports show none.
    7: (
        *(f"ALTER TABLE event_aliases ADD COLUMN {column}" for column in _ALIAS_SENTENCE),
        "CREATE INDEX event_aliases_event_id ON event_aliases (event_id, article_id)",
    ),
}

COLUMNS: dict[str, frozenset[str]] = {t.name: frozenset(t.column_names) for t in TABLES}

# The tables that hold data (what counts() reports), in creation order.
DATA_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES if t.name != "schema_version")


def create_statements() -> list[str]:
    """Everything that builds a fresh database at SCHEMA_VERSION, in order."""
    return [t.create_sql() for t in TABLES] + list(INDEXES)
