"""Shared fixtures: the real spaCy model, the real gazetteer, real SQLite files and a real
PostgreSQL server.

The store's tests run on both databases (``store_url``). PostgreSQL is the server at
$WARMONITOR_TEST_POSTGRES (default: the one .ci/run starts, user and password warmonitor on
127.0.0.1:5432); each test gets a schema of its own, dropped afterwards. Without a server the
PostgreSQL runs are skipped with the reason, except in CI, where they fail.

The gazetteer is built once into the user's cache folder (or $WARMONITOR_CACHE) and reused; it
is versioned, so a stale one is rebuilt. The event classifier is trained afresh for each session
(about 15 s), so tests never run against a stale one.
"""

from __future__ import annotations

import functools
import os
import uuid
from pathlib import Path

import pytest

from warmonitor.config import Config

POSTGRES = os.environ.get(
    "WARMONITOR_TEST_POSTGRES", "postgresql://warmonitor:warmonitor@127.0.0.1:5432/warmonitor"
)
BACKENDS = ("sqlite", "postgresql")

SHARED = Path(__file__).resolve().parents[2] / "shared"
MODEL_INPUT = SHARED / "examples" / "reuters-mosul-raqqa.txt"
GOLD = SHARED / "gold"
# ACLED's own column names, in ACLED's order (the contract of `events --format csv`).
ACLED_COLUMN_ORDER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
# The fields every event carries in the extract contract (DESIGN.md section 4).
CONTRACT_EVENT_KEYS = frozenset(
    {
        "event_id",
        "sentence",
        "trigger",
        "event_type",
        "sub_event_type",
        "plover",
        "actor1",
        "actor2",
        "location",
        "date",
        "figures",
        "according_to",
        "modality",
        "territory",
        "confidence",
    }
)


def shared_file(path: Path) -> Path:
    """A file of ../shared, or a skip that says why the test cannot run."""
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the shared examples and gold data sit beside the repository"
        )
    return path


@pytest.fixture(scope="session")
def config(tmp_path_factory) -> Config:
    """The default settings, with the event classifier trained for this session from the gold
    folder as README's set-up does; without ../shared/gold the rules code alone."""
    from warmonitor.config import ClassifierConfig

    path = tmp_path_factory.mktemp("classifier") / "event_classifier.pickle"
    config = Config(classifier=ClassifierConfig(path=path))
    if GOLD.is_dir():
        from warmonitor.coding.classifier import save_classifier
        from warmonitor.pipeline import Extractor
        from warmonitor.training import train_classifier

        save_classifier(train_classifier(Extractor.load(config), GOLD), path)
    return config


@pytest.fixture(scope="session")
def extractor(config: Config):
    from warmonitor.pipeline import Extractor

    return Extractor.load(config)


@pytest.fixture(scope="session")
def extract_text(extractor):
    """Extract from an invented report text: extract_text(text, published=date)."""
    import dataclasses

    from warmonitor.ingest.identity import article_id
    from warmonitor.model import Article

    def run(text: str, published=None, **fields):
        article = Article(
            id=article_id(text), text=text, published=published, language="en", **fields
        )
        return extractor.extract(dataclasses.replace(article))

    return run


@functools.cache
def postgres_unavailable() -> str | None:
    """Why the test server cannot be used, or None when it can."""
    import psycopg

    from warmonitor.store.postgres import redacted

    try:
        psycopg.connect(POSTGRES, connect_timeout=3).close()
    except psycopg.Error as exc:
        return (
            f"no PostgreSQL server at {redacted(POSTGRES)} ({str(exc).strip()[:120]}); "
            "start one or set WARMONITOR_TEST_POSTGRES"
        )
    return None


def new_store_url(backend: str, folder: Path, request: pytest.FixtureRequest) -> str:
    """A new, empty database of the kind ``backend``: a SQLite file in ``folder``, or a
    PostgreSQL schema of its own (dropped when ``request``'s scope ends)."""
    if backend == "sqlite":
        return str(folder / f"store-{uuid.uuid4().hex[:8]}.db")
    reason = postgres_unavailable()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")  # a generated name, not data

    def drop() -> None:
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")

    request.addfinalizer(drop)
    separator = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database: each test that takes it runs on SQLite and on PostgreSQL."""
    return new_store_url(request.param, tmp_path, request)


def dump(store) -> dict[str, list[str]]:
    """Every row of every table, in a fixed order: equal dumps, equal databases."""
    from warmonitor.store.schema import DATA_TABLES

    return {
        table: sorted(repr(tuple(row)) for row in store._conn.execute(f"SELECT * FROM {table}"))
        for table in DATA_TABLES  # names from the schema
    }
