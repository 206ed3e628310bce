"""Shared fixtures: the real spaCy model, the real gazetteer, real SQLite files.

The gazetteer is built once into the user's cache folder (or $WARMONITOR_CACHE) and reused; it
is versioned, so a stale one is rebuilt. The event classifier is trained afresh for each session
(about 15 s), so tests never run against a stale one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warmonitor.config import Config

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
